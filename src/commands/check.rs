//! `gazette check`: every problem as `path: level: reason`, then a summary.

use crate::count::count;
use crate::library::Severity;
use std::io::Write;
use std::path::PathBuf;

/// Returns true when every file was read as an article (warnings allowed).
pub fn run(dirs: &[PathBuf], no_cache: bool, out: &mut impl Write) -> anyhow::Result<bool> {
    let library = super::load(dirs, no_cache)?;
    let mut problems: Vec<_> = library.problems.iter().collect();
    problems.sort_by(|a, b| a.path.cmp(&b.path).then(b.severity.cmp(&a.severity)));
    for p in &problems {
        writeln!(out, "{p}")?;
    }
    let errors = library.unreadable();
    let warned = library.articles.iter().filter(|a| a.has_warnings).count();
    super::note_if_empty(dirs, &library);
    writeln!(
        out,
        "{} seen: {} read ({} with warnings), {} could not be read; {} ignored",
        count(library.files_seen, "file"),
        count(library.articles.len(), "article"),
        warned,
        errors,
        count(library.files_ignored, "other file")
    )?;
    Ok(problems.iter().all(|p| p.severity == Severity::Warning))
}
