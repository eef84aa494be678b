//! The non-interactive subcommands. Each writes to a `Write` so tests can read its output.

pub mod check;
pub mod list;
pub mod show;
pub mod state;

use crate::library::Library;
use anyhow::bail;
use std::path::PathBuf;

/// Loads the given folders, or the embedded sample when none is given. A folder that does not
/// exist is a usage error (exit 2), not a problem inside a library.
pub fn load(dirs: &[PathBuf]) -> anyhow::Result<Library> {
    if dirs.is_empty() {
        return Ok(Library::sample());
    }
    for d in dirs {
        if !d.exists() {
            bail!(
                "{}: no such file or folder",
                crate::sanitize::clean_line(&d.to_string_lossy())
            );
        }
    }
    Ok(Library::load(dirs))
}
