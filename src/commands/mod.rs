//! The non-interactive subcommands. Each writes to a `Write` so tests can read its output.

pub mod check;
pub mod config;
pub mod index;
pub mod list;
pub mod progress;
pub mod shell;
pub mod show;
pub mod state;
pub mod stats;

use crate::library::Library;
use crate::store::Store;
use std::path::PathBuf;

/// Loads the given folders, or the embedded sample when none is given. A folder that does not
/// exist is a usage error (exit 2), not a problem inside a library. The metadata cache is
/// used unless `no_cache`; a cache that cannot be written is a warning on stderr. While a big
/// library loads, a progress bar is drawn on stderr when it is a terminal.
pub fn load(dirs: &[PathBuf], no_cache: bool) -> anyhow::Result<Library> {
    if dirs.is_empty() {
        return Ok(Library::sample());
    }
    crate::library::scan::check_exist(dirs)?;
    let cache = if no_cache {
        None
    } else {
        crate::library::cache::path_for(dirs)
    };
    let mut bar = progress::LoadBar::on_stderr();
    let (library, note) =
        crate::library::loader::load_blocking_reporting(dirs, cache.as_deref(), &mut |f, d| {
            bar.report(f, d)
        });
    // Cleared before anything else is written, so the warning starts on a clean line.
    drop(bar);
    if let Some(note) = note {
        eprintln!("gazette: warning: {note}");
    }
    Ok(library)
}

/// [`load`], then the reading state (a store that cannot be read is a warning on stderr and
/// starts empty): what `list` and `stats` work from.
pub fn load_with_state(dirs: &[PathBuf], no_cache: bool) -> anyhow::Result<(Library, Store)> {
    let library = load(dirs, no_cache)?;
    note_if_empty(dirs, &library);
    let (store, warning) = Store::open(Store::default_path()?);
    if let Some(w) = warning {
        eprintln!("gazette: warning: {w}");
    }
    Ok((library, store))
}

/// Says on stderr what was found instead when the folders hold no article file at all (a wrong
/// folder, or articles in a format gazette does not read), so an empty result explains itself.
pub fn note_if_empty(dirs: &[PathBuf], library: &Library) {
    if !dirs.is_empty() && library.files_seen == 0 {
        let kinds = crate::library::empty::file_kinds(dirs);
        eprintln!(
            "gazette: {}",
            crate::library::empty::describe(library.files_ignored, &kinds)
        );
    }
}
