//! `gazette config --default | --path`.

use crate::cli::ConfigArgs;
use std::io::Write;
use std::path::Path;

pub fn run(args: &ConfigArgs, explicit: Option<&Path>, out: &mut impl Write) -> anyhow::Result<()> {
    if args.default {
        out.write_all(crate::config::DEFAULT_TOML.as_bytes())?;
    } else {
        match explicit
            .map(Path::to_path_buf)
            .or_else(crate::config::default_path)
        {
            Some(p) => {
                let state = if p.exists() {
                    "exists"
                } else {
                    "not there: the defaults apply"
                };
                writeln!(out, "{} ({state})", p.display())?;
            }
            None => writeln!(
                out,
                "no configuration folder on this system: the defaults apply"
            )?,
        }
    }
    Ok(())
}
