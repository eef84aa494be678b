//! The interactive reader (being built).

use crate::cli::FilterArgs;
use std::path::PathBuf;

pub fn run(dirs: &[PathBuf], filter: &FilterArgs) -> anyhow::Result<()> {
    let _ = (dirs, filter);
    anyhow::bail!("the interactive reader is not built yet; use `gazette list`")
}
