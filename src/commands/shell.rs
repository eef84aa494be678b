//! `gazette completions SHELL` and `gazette man`: both generated from the clap definitions in
//! `cli.rs`, so a new option is completed and documented the moment it exists.

use crate::cli::Cli;
use clap::CommandFactory;
use std::io::Write;

/// Writes the completion script for `shell` to `out`.
///
/// The script is built in memory first: clap_complete panics when a write fails, and
/// `gazette completions bash | head` must end quietly, not with a crash log.
pub fn completions(shell: clap_complete::Shell, out: &mut impl Write) -> anyhow::Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "gazette", &mut script);
    out.write_all(&script)?;
    Ok(())
}

/// Writes the manual page (section 1, roff) to `out`.
pub fn man(out: &mut impl Write) -> anyhow::Result<()> {
    clap_mangen::Man::new(Cli::command()).render(out)?;
    Ok(())
}
