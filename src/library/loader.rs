//! Loading a library as a stream of events, so the reader can show articles as they are read
//! and the command line can wait for the end — one engine for both.
//!
//! With a cache: the cached articles come first (at once), then the folders are walked and
//! each file's size and mtime compared; only new and changed files are read, removed ones are
//! reported, and the cache is rewritten. Without: every file is read, in parallel batches.

use super::cache::{self, Entry, Stamp};
use super::parse::parse_article;
use super::problem::Problem;
use super::read::read_stamped;
use super::scan::{self, Found};
use super::{Article, Library, Origin};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Articles read per batch: small enough that the first ones show at once, large enough that
/// the reader does not re-sort its list for every file.
const BATCH: usize = 1024;

#[derive(Debug)]
pub enum LoadEvent {
    /// How far loading got: article files found, and how many of them are done.
    Progress { found: usize, done: usize },
    /// New or changed articles (an article with the same path replaces the old one), with
    /// the problems met reading them (warnings, and files that are no article).
    Articles(Vec<Article>, Vec<Problem>),
    /// Files that are gone since the cache was written, or since they were listed.
    Removed(Vec<PathBuf>),
    /// Loading finished: what a check reports.
    Done {
        files_seen: usize,
        ignored: usize,
        elapsed: Duration,
        cache_note: Option<String>,
    },
}

/// Loads `roots`, reporting through `sink`. `cache_path`: where the metadata cache is read
/// and written (`None`: no cache at all).
pub fn load(roots: &[PathBuf], cache_path: Option<&Path>, sink: &mut dyn FnMut(LoadEvent)) {
    let started = Instant::now();
    let mut cached = cache_path.and_then(cache::read).unwrap_or_default();
    let mut cache_note = None;
    if !cached.is_empty() {
        let mut problems = Vec::new();
        let articles = cached
            .values()
            .map(|e| {
                problems.extend(
                    e.warnings
                        .iter()
                        .map(|w| Problem::warning(&e.article.path, w.clone())),
                );
                e.article.clone()
            })
            .collect();
        sink(LoadEvent::Articles(articles, problems));
    }
    let scanned = scan::scan(roots, !cached.is_empty());
    if !scanned.problems.is_empty() {
        sink(LoadEvent::Articles(Vec::new(), scanned.problems.clone()));
    }
    let found = scanned.files.len();
    let mut fresh: HashMap<PathBuf, Entry> = HashMap::with_capacity(found);
    let mut to_read: Vec<&Found> = Vec::new();
    for f in &scanned.files {
        match cached.remove(&f.path) {
            Some(e) if Some(e.stamp) == f.stamp => {
                fresh.insert(f.path.clone(), e);
            }
            _ => to_read.push(f),
        }
    }
    let mut done = found - to_read.len();
    sink(LoadEvent::Progress { found, done });
    let removed: Vec<PathBuf> = cached.into_keys().collect();
    if !removed.is_empty() {
        sink(LoadEvent::Removed(removed));
    }
    for chunk in to_read.chunks(BATCH) {
        let results: Vec<_> = chunk.par_iter().map(|f| read_one(f)).collect();
        let mut articles = Vec::with_capacity(results.len());
        let mut problems = Vec::new();
        for result in results {
            match result {
                Ok((article, warnings, stamp)) => {
                    let texts = warnings.iter().map(|w| w.reason.clone()).collect();
                    fresh.insert(
                        article.path.clone(),
                        Entry {
                            stamp,
                            article: article.clone(),
                            warnings: texts,
                        },
                    );
                    articles.push(article);
                    problems.extend(warnings);
                }
                Err(p) => problems.push(p),
            }
        }
        done += chunk.len();
        sink(LoadEvent::Articles(articles, problems));
        sink(LoadEvent::Progress { found, done });
    }
    if let Some(path) = cache_path
        && let Err(e) = cache::write(path, &fresh)
    {
        cache_note = Some(format!("could not write the cache {}: {e}", path.display()));
    }
    drop(fresh);
    sink(LoadEvent::Done {
        files_seen: found,
        ignored: scanned.ignored,
        elapsed: started.elapsed(),
        cache_note,
    });
}

/// Reads and parses one file.
pub fn read_one(f: &Found) -> Result<(Article, Vec<Problem>, Stamp), Problem> {
    let (bytes, stamp) = read_stamped(&f.path)?;
    let (article, warnings) = parse_article(&f.path, f.rel_path(), &bytes)?;
    Ok((article, warnings, stamp))
}

/// Loads `roots` to the end and returns the library, and a note when the cache could not be
/// written (for the command line).
pub fn load_blocking(roots: &[PathBuf], cache_path: Option<&Path>) -> (Library, Option<String>) {
    let mut by_path: HashMap<PathBuf, Article> = HashMap::new();
    // A file's problems, replaced whenever the file is read again.
    let mut problems: HashMap<PathBuf, Vec<Problem>> = HashMap::new();
    let mut totals = (0, 0);
    let mut note = None;
    load(roots, cache_path, &mut |event| match event {
        LoadEvent::Articles(articles, ps) => {
            for a in articles {
                problems.remove(&a.path);
                by_path.insert(a.path.clone(), a);
            }
            for p in ps {
                problems.entry(p.path.clone()).or_default().push(p);
            }
        }
        LoadEvent::Removed(paths) => {
            for p in paths {
                by_path.remove(&p);
                problems.remove(&p);
            }
        }
        LoadEvent::Progress { .. } => {}
        LoadEvent::Done {
            files_seen,
            ignored,
            cache_note,
            ..
        } => {
            totals = (files_seen, ignored);
            note = cache_note;
        }
    });
    let mut articles: Vec<Article> = by_path.into_values().collect();
    super::sort_newest_first(&mut articles);
    let mut problems: Vec<Problem> = problems.into_values().flatten().collect();
    problems.sort_by(|a, b| a.path.cmp(&b.path).then(b.severity.cmp(&a.severity)));
    let library = Library {
        articles,
        problems,
        files_seen: totals.0,
        files_ignored: totals.1,
        origin: Origin::Disk,
    };
    (library, note)
}
