//! Every date form found in article files, and where an article's date came from.
//!
//! STUB: the public API below is fixed; the implementation is being written.

use chrono::{DateTime, Utc};
use std::path::Path;

/// Where an article's date came from. Never the file's mtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    FrontMatter,
    Path,
    FileName,
    None,
}

/// A parsed date, and whether its zone was assumed (a date without zone is taken as UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parsed {
    pub at: DateTime<Utc>,
    pub zone_assumed: bool,
}

/// Parses one date text from a front matter. `None` for `Invalid Date`, empty or unknown forms.
pub fn parse(text: &str) -> Option<Parsed> {
    let _ = text;
    todo!()
}

/// Finds a date in a path relative to the library root: first in the file name
/// (`20190513 slug.md`, `2019-05-13-slug.md`), then in the folders (`2019/05/13/slug.md`).
pub fn from_path(rel_path: &Path) -> Option<(DateTime<Utc>, DateSource)> {
    let _ = rel_path;
    todo!()
}

/// Decides an article's date: the front matter's when it parses, else one from the path.
/// Returns a warning when the front matter had a date text that could not be parsed.
pub fn resolve(
    front: Option<&str>,
    rel_path: &Path,
) -> (Option<DateTime<Utc>>, DateSource, Option<String>) {
    let _ = (front, rel_path);
    todo!()
}
