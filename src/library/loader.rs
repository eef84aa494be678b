//! Loading a library as a stream of events, so the reader can show articles as they are read
//! and the command line can wait for the end — one engine for both.
//!
//! With a cache: the cached articles come first (at once), then the folders are walked and
//! each file's size and mtime compared; only new and changed files are read, removed ones are
//! reported, and the cache is rewritten. Without: every file is read, in parallel batches.

use super::cache::{self, Stamp};
use super::cached_read::{Cached, Rows, open_cache, read_cached};
use super::fresh::Fresh;
use super::in_order;
use super::parse::{read_article, read_article_unstamped};
use super::problem::Problem;
use super::scan::{self, Files, Found};
use super::{Article, Library, Origin};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Articles read per batch: small enough that the first ones show at once, large enough that
/// the reader does not re-sort its list for every file.
pub(super) const BATCH: usize = 1024;

#[derive(Debug)]
pub enum LoadEvent {
    /// About this many articles are on their way (a warm start's cache holds them), sent
    /// before any: room can be made for them at once. Lists grown by doubling instead moved
    /// everything read so far each time, inside one batch (at a million, 8 to 16 ms at
    /// 131,072 and 524,288 articles, a key waiting behind it).
    Expect(usize),
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
    let opened = cache_path.and_then(open_cache);
    let had_cache = opened.is_some();
    std::thread::scope(|s| {
        // The walk runs beside the decoding: one waits on the kernel, the other does not.
        let walk = s.spawn(|| scan::scan(roots, had_cache));
        // When the table cannot be trusted, the paths of the records sent outlive the
        // records' bytes, which go as soon as they are decoded: at a million articles they
        // are most of the file. (The table, trusted, is read again by the check.)
        let mut sent_paths = Vec::new();
        let cached = match opened {
            Some((file, front, head)) => read_cached(file, front, head, &mut sent_paths, sink),
            None => Cached::default(),
        };
        let scanned = walk
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        check_and_read(cache_path, cached, scanned, started, sink);
    });
}

/// Compares the walk with the cache's table — two lists sorted by path bytes, side by side,
/// no hashing — then reads new and changed files, reports removed ones, and writes the cache
/// again when anything changed (copying the records of unchanged files as they are).
fn check_and_read(
    cache_path: Option<&Path>,
    cached: Cached,
    scanned: scan::Scan,
    started: Instant,
    sink: &mut dyn FnMut(LoadEvent),
) {
    if !scanned.problems.is_empty() {
        sink(LoadEvent::Articles(Vec::new(), scanned.problems.clone()));
    }
    let found = scanned.files.len();
    // Positions in the walk's list: a file's path is built when it is read.
    let mut to_read: Vec<usize> = Vec::new();
    let mut removed: Vec<PathBuf> = Vec::new();
    // Unchanged files, by where their row is in the table: their records are copied as they
    // are when the cache is rewritten.
    let mut kept: Vec<u32> = Vec::new();
    let files = &scanned.files;
    let mut rows = (cached.rows).cursor(cached.source.as_ref().map(|(file, _)| file));
    let mut i = 0;
    while i < files.len() || rows.current().is_some() {
        let row = rows.current();
        let order = match ((i < files.len()).then_some(i), row) {
            (Some(f), Some((_, r))) => files.cmp_path(f, r.path),
            (Some(_), None) => std::cmp::Ordering::Less,
            _ => std::cmp::Ordering::Greater,
        };
        match (order, row) {
            (std::cmp::Ordering::Less, _) => {
                to_read.push(i);
                i += 1;
            }
            (std::cmp::Ordering::Greater, Some((_, r))) => {
                if r.record < cached.sent {
                    removed.extend(cache::path_from(r.path));
                }
                rows.advance();
            }
            (std::cmp::Ordering::Equal, Some((at, r))) => {
                if cached.trusted && r.record < cached.sent && files.stamp(i) == Some(r.stamp) {
                    kept.push(at);
                } else {
                    to_read.push(i);
                }
                rows.advance();
                i += 1;
            }
            (_, None) => break,
        }
    }
    drop(rows);
    let mut done = found - to_read.len();
    sink(LoadEvent::Progress { found, done });
    if !removed.is_empty() {
        sink(LoadEvent::Removed(removed.clone()));
    }
    let had_cache = !cached.rows.is_empty();
    // Entries of the files read now, for the cache, packed (see `fresh`).
    let mut fresh = Fresh::default();
    // Files that are no article (any more): a cached version must not linger.
    let mut failed = 0;
    let encode = cache_path.is_some();
    in_order::map_in_order(
        &to_read,
        BATCH,
        |chunk| read_batch(files, chunk, encode),
        |batch| {
            fresh.append(batch.entries);
            failed += batch.gone.len();
            if had_cache && !batch.gone.is_empty() {
                sink(LoadEvent::Removed(batch.gone));
            }
            done += batch.files;
            sink(LoadEvent::Articles(batch.articles, batch.problems));
            sink(LoadEvent::Progress { found, done });
            std::ops::ControlFlow::Continue(())
        },
    );
    let mut cache_note = None;
    let changed = !to_read.is_empty() || !removed.is_empty() || failed > 0 || cached.stale;
    if let Some(path) = cache_path
        && changed
        && let Err(e) = rewrite(path, cached.source, &cached.rows, &kept, fresh.entries())
    {
        cache_note = Some(format!("could not write the cache {}: {e}", path.display()));
    }
    let ignored = scanned.ignored;
    // The walk's list is a few allocations (no path per file): freed at once.
    drop(scanned);
    sink(LoadEvent::Done {
        files_seen: found,
        ignored,
        elapsed: started.elapsed(),
        cache_note,
    });
}

/// What one batch of files gave: its articles and problems in the batch's order, the paths
/// of files that are no article, and (when a cache is kept) the articles' cache entries.
struct ReadBatch {
    files: usize,
    articles: Vec<Article>,
    problems: Vec<Problem>,
    gone: Vec<PathBuf>,
    entries: Fresh,
}

/// Reads a batch of `files` (their positions in `chunk`), on a worker: the cache entries too
/// are encoded here, not on the thread that sends the batch on (see `in_order`). Each file's
/// path is built as it is read, one at a time.
fn read_batch(files: &Files, chunk: &[usize], encode: bool) -> ReadBatch {
    let mut batch = ReadBatch {
        files: chunk.len(),
        articles: Vec::with_capacity(chunk.len()),
        problems: Vec::new(),
        gone: Vec::new(),
        entries: Fresh::default(),
    };
    for &i in chunk {
        let f = &files.found(i);
        let read = if encode {
            read_one(f).map(|(a, w, stamp)| (a, w, Some(stamp)))
        } else {
            read_article_unstamped(&f.path, f.rel_path()).map(|(a, w)| (a, w, None))
        };
        match read {
            Ok((article, warnings, stamp)) => {
                if let Some(stamp) = stamp {
                    let texts: Vec<String> = warnings.iter().map(|w| w.reason.clone()).collect();
                    batch.entries.push(&article, &texts, stamp);
                }
                batch.articles.push(article);
                batch.problems.extend(warnings);
            }
            Err(p) => {
                batch.gone.push(p.path.clone());
                batch.problems.push(p);
            }
        }
    }
    batch
}

/// Writes the cache again: the records of unchanged files `kept` (where their rows are in
/// the old table), copied from the open old file `source` as they are read back one by one,
/// and the `fresh` ones. When the old records cannot be read again, only the fresh ones are
/// written (the others are then read from their files next time).
fn rewrite(
    path: &Path,
    source: Option<(std::fs::File, cache::Head)>,
    rows: &Rows,
    kept: &[u32],
    mut fresh: Vec<cache::Entry<'_>>,
) -> std::io::Result<()> {
    if let Some((file, head)) = source
        && let table = rows.table_bytes(&file)
        && !table.is_empty()
    {
        let table = table.as_slice();
        // Record number → where its row is (or `u32::MAX`: not kept).
        let mut by_record = vec![u32::MAX; head.count];
        for &at in kept {
            if let Some(slot) = cache::row_at(table, at).and_then(|r| by_record.get_mut(r.record)) {
                *slot = at;
            }
        }
        if cache::write_merged(path, file, head, table, &by_record, &mut fresh).is_ok() {
            return Ok(());
        }
    }
    // Rows of sent paths are never kept (they are not trusted).
    cache::write(path, fresh)
}

/// Reads and parses one file.
pub fn read_one(f: &Found) -> Result<(Article, Vec<Problem>, Stamp), Problem> {
    read_article(&f.path, f.rel_path())
}

/// Takes in the problems of a batch of [`LoadEvent::Articles`]: every file the batch read
/// (an article's path, a problem's path) had its problems listed anew, so they replace what
/// `held` had for it. A file read again is listed once, and a file that was fixed has none.
pub fn replace_problems(held: &mut Vec<Problem>, articles: &[Article], fresh: Vec<Problem>) {
    // Nothing held, nothing to replace: no set of paths to build for each cached batch.
    if held.is_empty() {
        held.extend(fresh);
        return;
    }
    let read: std::collections::HashSet<&Path> = articles
        .iter()
        .map(|a| &*a.path)
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
    // The cached articles (sent before the first `Progress`) have distinct paths; those
    // read after it replace them, and removed paths drop them. A warm load with nothing
    // changed thus hashes no path at all.
    let mut cached: Vec<Article> = Vec::new();
    let mut fresh: Vec<Article> = Vec::new();
    let mut gone: HashSet<PathBuf> = HashSet::new();
    let mut checking = false;
    let mut problems: Vec<Problem> = Vec::new();
    let mut totals = (0, 0);
    let mut note = None;
    load(roots, cache_path, &mut |event| match event {
        LoadEvent::Articles(articles, ps) => {
            replace_problems(&mut problems, &articles, ps);
            if checking {
                // Only a cached article can be replaced: with none (no cache), no set of
                // paths is built.
                if !cached.is_empty() {
                    gone.extend(articles.iter().map(|a| a.path.to_path_buf()));
                }
                fresh.extend(articles);
            } else {
                cached.extend(articles);
            }
        }
        LoadEvent::Removed(paths) => {
            let paths: HashSet<PathBuf> = paths.into_iter().collect();
            problems.retain(|p| !paths.contains(&*p.path));
            fresh.retain(|a| !paths.contains(&*a.path));
            gone.extend(paths);
        }
        LoadEvent::Expect(n) => cached.reserve(n),
        LoadEvent::Progress { found, done } => {
            if !checking {
                // Room for every file to be read, at once: growing by doubling moved every
                // article read so far each time (at 100,000, tens of megabytes).
                fresh.reserve(found - done);
            }
            checking = true;
            progress(found, done);
        }
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
    if !gone.is_empty() {
        cached.retain(|a| !gone.contains(&*a.path));
    }
    // With no cache, every article is fresh: taken as it is, not moved into an empty vector.
    let mut articles = if cached.is_empty() {
        fresh
    } else {
        cached.append(&mut fresh);
        cached
    };
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
