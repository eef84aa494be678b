//! Loading a library as a stream of events, so the reader can show articles as they are read
//! and the command line can wait for the end — one engine for both.
//!
//! With a cache: the cached articles come first (at once), then the folders are walked and
//! each file's size and mtime compared; only new and changed files are read, removed ones are
//! reported, and the cache is rewritten. Without: every file is read, in parallel batches.

use super::cache::{self, Encoded, Stamp};
use super::parse::read_article;
use super::problem::Problem;
use super::scan::{self, Found};
use super::{Article, Library, Origin};
use rayon::prelude::*;
use std::collections::HashMap;
use std::ffi::OsString;
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
    // The cached articles go to the reader at once (moved, not copied); only their stamps
    // stay here, to check the files against.
    let mut stamps: HashMap<OsString, Stamp> = HashMap::new();
    let bytes = cache_path
        .and_then(|p| std::fs::read(p).ok())
        .unwrap_or_default();
    if let Some(mut entries) = cache::Decoder::open(&bytes) {
        // Newest first, in batches: the top of the list shows before the whole cache is read.
        loop {
            let batch: Vec<_> = entries.by_ref().take(BATCH).collect();
            if batch.is_empty() {
                break;
            }
            let mut articles = Vec::with_capacity(batch.len());
            let mut problems = Vec::new();
            for (path, e) in batch {
                problems.extend(
                    e.warnings
                        .into_iter()
                        .map(|w| Problem::warning(&e.article.path, w)),
                );
                articles.push(e.article);
                stamps.insert(path, e.stamp);
            }
            sink(LoadEvent::Articles(articles, problems));
        }
    }
    drop(bytes);
    let had_cache = !stamps.is_empty();
    let scanned = scan::scan(roots, had_cache);
    if !scanned.problems.is_empty() {
        sink(LoadEvent::Articles(Vec::new(), scanned.problems.clone()));
    }
    let found = scanned.files.len();
    let mut to_read: Vec<&Found> = Vec::new();
    for f in &scanned.files {
        match stamps.remove(f.path.as_os_str()) {
            Some(stamp) if Some(stamp) == f.stamp => {}
            _ => to_read.push(f),
        }
    }
    let mut done = found - to_read.len();
    sink(LoadEvent::Progress { found, done });
    let removed: Vec<OsString> = stamps.into_keys().collect();
    if !removed.is_empty() {
        sink(LoadEvent::Removed(
            removed.iter().map(PathBuf::from).collect(),
        ));
    }
    // Entries of the files read now, for the cache.
    let mut fresh: HashMap<OsString, Encoded> = HashMap::with_capacity(to_read.len());
    // Files that are no article (any more): a cached version must not linger.
    let mut failed: Vec<OsString> = Vec::new();
    for chunk in to_read.chunks(BATCH) {
        let results: Vec<_> = chunk.par_iter().map(|f| read_one(f)).collect();
        let failed_before = failed.len();
        let mut articles = Vec::with_capacity(results.len());
        let mut problems = Vec::new();
        for result in results {
            match result {
                Ok((article, warnings, stamp)) => {
                    if cache_path.is_some() {
                        let texts: Vec<String> =
                            warnings.iter().map(|w| w.reason.clone()).collect();
                        let encoded =
                            cache::encode_entry(article.path.as_os_str(), stamp, &article, &texts);
                        fresh.insert(article.path.clone().into_os_string(), encoded);
                    }
                    articles.push(article);
                    problems.extend(warnings);
                }
                Err(p) => {
                    failed.push(p.path.clone().into_os_string());
                    problems.push(p);
                }
            }
        }
        if had_cache && failed.len() > failed_before {
            sink(LoadEvent::Removed(
                failed[failed_before..].iter().map(PathBuf::from).collect(),
            ));
        }
        done += chunk.len();
        sink(LoadEvent::Articles(articles, problems));
        sink(LoadEvent::Progress { found, done });
    }
    let mut cache_note = None;
    let changed = !to_read.is_empty() || !removed.is_empty();
    if let Some(path) = cache_path
        && changed
        && let Err(e) = update_cache(path, had_cache, fresh, removed.iter().chain(&failed))
    {
        cache_note = Some(format!("could not write the cache {}: {e}", path.display()));
    }
    sink(LoadEvent::Done {
        files_seen: found,
        ignored: scanned.ignored,
        elapsed: started.elapsed(),
        cache_note,
    });
}

/// Writes the cache after a load that changed something: the old entries (read again — the
/// reader holds the articles, this thread kept only their stamps) less the removed files,
/// plus the files read now.
fn update_cache<'a>(
    path: &Path,
    had_cache: bool,
    mut fresh: HashMap<OsString, Encoded>,
    removed: impl Iterator<Item = &'a OsString>,
) -> std::io::Result<()> {
    let removed: std::collections::HashSet<&OsString> = removed.collect();
    if had_cache {
        let old = std::fs::read(path).unwrap_or_default();
        for (p, e) in cache::Decoder::open(&old).into_iter().flatten() {
            if !removed.contains(&p) && !fresh.contains_key(&p) {
                let encoded = cache::encode_entry(&p, e.stamp, &e.article, &e.warnings);
                fresh.insert(p, encoded);
            }
        }
    }
    cache::write(path, fresh.into_values().collect())
}

/// Reads and parses one file.
pub fn read_one(f: &Found) -> Result<(Article, Vec<Problem>, Stamp), Problem> {
    read_article(&f.path, f.rel_path())
}

/// Takes in the problems of a batch of [`LoadEvent::Articles`]: every file the batch read
/// (an article's path, a problem's path) had its problems listed anew, so they replace what
/// `held` had for it. A file read again is listed once, and a file that was fixed has none.
pub fn replace_problems(held: &mut Vec<Problem>, articles: &[Article], fresh: Vec<Problem>) {
    let read: std::collections::HashSet<&Path> = articles
        .iter()
        .map(|a| a.path.as_path())
        .chain(fresh.iter().map(|p| p.path.as_path()))
        .collect();
    if !read.is_empty() {
        held.retain(|p| !read.contains(p.path.as_path()));
    }
    held.extend(fresh);
}

/// Loads `roots` to the end and returns the library, and a note when the cache could not be
/// written (for the command line).
pub fn load_blocking(roots: &[PathBuf], cache_path: Option<&Path>) -> (Library, Option<String>) {
    load_blocking_reporting(roots, cache_path, &mut |_, _| {})
}

/// [`load_blocking`], telling `progress` how far it got (article files found, files done) each
/// time the loader reports it — so the command line can draw a bar while this module stays
/// free of any terminal.
pub fn load_blocking_reporting(
    roots: &[PathBuf],
    cache_path: Option<&Path>,
    progress: &mut dyn FnMut(usize, usize),
) -> (Library, Option<String>) {
    let mut by_path: HashMap<PathBuf, Article> = HashMap::new();
    let mut problems: Vec<Problem> = Vec::new();
    let mut totals = (0, 0);
    let mut note = None;
    load(roots, cache_path, &mut |event| match event {
        LoadEvent::Articles(articles, ps) => {
            replace_problems(&mut problems, &articles, ps);
            for a in articles {
                by_path.insert(a.path.clone(), a);
            }
        }
        LoadEvent::Removed(paths) => {
            for p in &paths {
                by_path.remove(p);
            }
            let gone: std::collections::HashSet<&PathBuf> = paths.iter().collect();
            problems.retain(|p| !gone.contains(&p.path));
        }
        LoadEvent::Progress { found, done } => progress(found, done),
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
    problems.sort_by(|a, b| a.path.cmp(&b.path).then(b.severity.cmp(&a.severity)));
    let library = Library {
        articles,
        problems,
        files_seen: totals.0,
        files_ignored: totals.1,
        origin: Origin::Disk,
        roots: roots.to_vec(),
    };
    (library, note)
}
