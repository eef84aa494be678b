//! `gazette check`: every problem as `path: level: reason`, then a summary.

use crate::count::count;
use crate::library::date::{DateSource, NO_DATE};
use crate::library::{Problem, Severity};
use crate::picture::Roots;
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Returns true when every file was read as an article (warnings allowed).
pub fn run(
    dirs: &[PathBuf],
    no_cache: bool,
    roots: &Roots,
    out: &mut impl Write,
) -> anyhow::Result<bool> {
    let library = super::load(dirs, no_cache)?;
    let undated = undated_warnings(&library);
    let mut problems: Vec<_> = library.problems.iter().chain(&undated).collect();
    problems.sort_by(|a, b| a.path.cmp(&b.path).then(b.severity.cmp(&a.severity)));
    for p in &problems {
        writeln!(out, "{p}")?;
    }
    let errors = library.unreadable();
    let undated_paths: std::collections::HashSet<&Path> =
        undated.iter().map(|p| p.path.as_path()).collect();
    let warned = library
        .articles
        .iter()
        .filter(|a| a.has_warnings || undated_paths.contains(&*a.path))
        .count();
    super::note_if_empty(dirs, &library);
    // Before the summary, which stays the last line; said only when there are pictures.
    let (found, missing) = image_counts(&library, roots);
    if found + missing > 0 {
        writeln!(
            out,
            "{} referred to: {found} on disk, {missing} not (shown as placeholders)",
            count(found + missing, "picture"),
        )?;
    }
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

/// A warning for each article without a date in its front matter, file name or folders: it
/// sorts last and no date filter shows it, which a user should hear about. Not a library
/// problem (the reader would count hundreds of them on an archive that never had dates); an
/// article whose unreadable date was reported already is not reported twice.
fn undated_warnings(library: &crate::library::Library) -> Vec<Problem> {
    let told: std::collections::HashSet<_> = library
        .problems
        .iter()
        .filter(|p| p.reason.ends_with(NO_DATE))
        .map(|p| p.path.as_path())
        .collect();
    library
        .articles
        .iter()
        .filter(|a| a.date_source == DateSource::None && !told.contains(&*a.path))
        .map(|a| {
            Problem::warning(
                &*a.path,
                format!("{NO_DATE}: none in the front matter, the file name or the folders"),
            )
        })
        .collect()
}

/// How many of the pictures the articles show (the header image included, as the reader
/// shows it) are on disk where the reader looks, and how many are not. Bodies that cannot
/// be read are problems already; their pictures are not counted.
fn image_counts(library: &crate::library::Library, roots: &Roots) -> (usize, usize) {
    library
        .articles
        .par_iter()
        .filter_map(|a| {
            let body = library.read_body(a).ok()?;
            let images = crate::article_view::render(a, &body, 80, "").images;
            let found = images
                .iter()
                .filter(|src| crate::picture::resolve(&a.path, src, roots).is_some())
                .count();
            Some((found, images.len() - found))
        })
        .reduce(|| (0, 0), |(a, b), (c, d)| (a + c, b + d))
}
