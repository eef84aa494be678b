//! Walking library folders for article files.
//!
//! walkdir takes each entry's type from the directory listing (no stat per file; only
//! symlinks are followed with a stat) and detects symlink loops, which become problems.

use super::cache::Stamp;
use super::problem::Problem;
use std::path::{Path, PathBuf};

/// File name endings that hold articles (compared without case).
pub const EXTENSIONS: [&str; 5] = ["txt", "md", "markdown", "html", "htm"];

/// One article file found, with the folder it was found under (dates may sit in the path
/// relative to it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    pub root: PathBuf,
    /// Size and mtime, when the scan was asked for them (to check a cache).
    pub stamp: Option<Stamp>,
}

impl Found {
    /// The path below the library root (`2019/05/13/slug.md`), for dates in folder names.
    pub fn rel_path(&self) -> &Path {
        self.path.strip_prefix(&self.root).unwrap_or(&self.path)
    }
}

/// What a walk found: article files (sorted by path), problems, and how many other files
/// were passed over because of their extension.
#[derive(Debug, Default)]
pub struct Scan {
    pub files: Vec<Found>,
    pub problems: Vec<Problem>,
    pub ignored: usize,
}

pub fn is_article_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Walks every root (a folder, recursively, following symlinks; or a single file, taken as
/// an article whatever its extension). With `stamps`, each file is stat'ed for its size and
/// mtime (needed only to check a cache).
pub fn scan(roots: &[PathBuf], stamps: bool) -> Scan {
    let mut out = Scan::default();
    let stamp_of = |path: &Path| {
        if stamps {
            std::fs::metadata(path).ok().map(|m| Stamp::of(&m))
        } else {
            None
        }
    };
    for root in roots {
        if root.is_file() {
            let parent = root.parent().unwrap_or(Path::new("")).to_path_buf();
            out.files.push(Found {
                path: root.clone(),
                root: parent,
                stamp: stamp_of(root),
            });
            continue;
        }
        if !root.exists() {
            out.problems
                .push(Problem::error(root, "no such file or folder"));
            continue;
        }
        for entry in walkdir::WalkDir::new(root).follow_links(true) {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    if is_article_name(e.path()) {
                        let stamp = if stamps {
                            e.metadata().ok().map(|m| Stamp::of(&m))
                        } else {
                            None
                        };
                        out.files.push(Found {
                            path: e.into_path(),
                            root: root.clone(),
                            stamp,
                        });
                    } else {
                        out.ignored += 1;
                    }
                }
                Ok(_) => {}
                Err(err) => out.problems.push(walk_problem(root, &err)),
            }
        }
    }
    // Byte order, not `Path` order: comparing paths component by component is slow at 100,000,
    // and the cache's table is in this same order (the loader walks the two side by side).
    out.files.sort_unstable_by(|a, b| {
        a.path
            .as_os_str()
            .as_encoded_bytes()
            .cmp(b.path.as_os_str().as_encoded_bytes())
    });
    out.files.dedup_by(|a, b| a.path == b.path);
    out
}

fn walk_problem(root: &Path, err: &walkdir::Error) -> Problem {
    let path = err.path().unwrap_or(root).to_path_buf();
    let reason = if let Some(ancestor) = err.loop_ancestor() {
        format!("symlink loop back to {}", ancestor.display())
    } else if let Some(io) = err.io_error() {
        format!("cannot read: {io}")
    } else {
        err.to_string()
    };
    Problem::error(path, reason)
}

/// Every folder named on the command line must exist: the reader and every subcommand
/// refuse a missing one before reading anything.
pub fn check_exist(dirs: &[PathBuf]) -> anyhow::Result<()> {
    for d in dirs {
        if !d.exists() {
            anyhow::bail!(
                "{}: no such file or folder",
                crate::sanitize::clean_line(&d.to_string_lossy())
            );
        }
    }
    Ok(())
}
