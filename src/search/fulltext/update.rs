//! Bringing the index up to date with the library's files: only new and changed files are
//! read, documents of removed ones are deleted.
//!
//! A document's stamp is taken just before its file is read, so a file changed while it is
//! read keeps an old stamp and is read again by the next update (and ignored by searches
//! until then: see `docs`).

use super::on_disk::{FullText, stored_stamp};
use super::tokens::Cut;

use crate::library::cache::Stamp;
use crate::library::scan::{Files, is_article_name};
use crate::library::{Origin, read_body};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
use tantivy::{TantivyDocument, Term};

/// Files read between two progress reports (and cancel checks).
const BATCH: usize = 256;
/// How an update uses tantivy's writer. [`Tuning::DEFAULT`] is what `gazette` uses; the
/// `fulltext-bench` example tries others (`GAZETTE_BENCH_TUNING`).
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tuning {
    /// The indexing memory of the writer, shared by its threads (at least 15 MB each).
    pub memory: usize,
    /// Tantivy's indexing threads: cutting the text into tokens (`tokens::Cut`) and filling
    /// the postings happen on them, and they are most of a build.
    pub threads: usize,
    /// Files read between two commits, so a long build that is stopped keeps most of its work.
    pub commit_every: usize,
    /// When this many files or more are to be read (a build from nothing, mostly): no merges
    /// while they are written, then one merge of every segment at the end. Merging as segments
    /// come (tantivy's default policy) writes the same postings several times over.
    pub merge_once_from: usize,
}

impl Tuning {
    pub const DEFAULT: Tuning = Tuning {
        memory: 64 << 20,
        threads: 2,
        commit_every: 20_000,
        merge_once_from: usize::MAX,
    };
}

/// What an update did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Files read (new or changed).
    pub read: usize,
    /// Documents deleted for files that are gone.
    pub removed: usize,
    /// Files already indexed with their current stamp.
    pub kept: usize,
    /// The index was missing, damaged or of another version, and was started anew.
    pub rebuilt: bool,
    /// Stopped by the cancel flag before the end (what was read is kept).
    pub cancelled: bool,
    /// The index was written to (a writer opened and committed); not when nothing changed.
    pub wrote: bool,
}

/// Every article file under `roots` with its stamp now: what [`update`] takes. Held as the
/// walk's compact list (sorted by path bytes, searched by halves with [`Files::find`]): at a
/// million articles a path per file, held after the reader's load, was 130 MB.
pub fn files_of(roots: &[PathBuf]) -> Files {
    crate::library::scan::scan(roots, true).files
}

/// The stamp, as the index stores it, of the file at `path` among `files`.
pub(crate) fn walked_stamp(files: &Files, path: &[u8]) -> Option<(u64, i64)> {
    files.stamp(files.find(path)?).map(stored_stamp)
}

/// Brings the index in `dir` up to date with `files` (every article file of the library and
/// its stamp now; `None` when it could not be stat'ed, then it is read anyway).
/// `progress(files, done)` is called as files are read; `cancel` stops between batches.
pub fn update(
    dir: &Path,
    files: &Files,
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
) -> anyhow::Result<Outcome> {
    update_tuned(dir, files, progress, cancel, Tuning::DEFAULT)
}

/// [`update`] with the writer tuned as given.
#[doc(hidden)]
pub fn update_tuned(
    dir: &Path,
    files: &Files,
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
    tuning: Tuning,
) -> anyhow::Result<Outcome> {
    update_within(dir, files, &|_| true, progress, cancel, tuning)
}

/// Brings the index up to date with the files under `changed` only (files or folders that
/// were added, changed or removed, as a watcher reports them), without walking the rest of
/// the library: their files now are indexed as [`update`] would, and documents of files
/// under them that are gone are deleted. Documents elsewhere are left as they are.
/// A changed path outside every root of `roots` is ignored.
pub fn update_paths(
    dir: &Path,
    roots: &[PathBuf],
    changed: &[PathBuf],
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
) -> anyhow::Result<Outcome> {
    if FullText::open(dir).is_err() {
        // Missing or of another version: started anew, it needs every file.
        return update(dir, &files_of(roots), progress, cancel);
    }
    let changed: Vec<&PathBuf> = (changed.iter())
        .filter(|p| roots.iter().any(|root| p.starts_with(root)))
        .collect();
    // A root given as a file is an article whatever its name; under a folder, only article
    // names are (`scan::is_article_name`), as in the library's own walk.
    let walked: Vec<PathBuf> = (changed.iter())
        .filter(|p| p.is_dir() || (p.is_file() && (roots.contains(p) || is_article_name(p))))
        .map(|p| p.to_path_buf())
        .collect();
    let files = files_of(&walked);
    let within = |path: &[u8]| {
        changed.iter().any(|p| {
            let p = p.as_os_str().as_encoded_bytes();
            path.strip_prefix(p)
                .is_some_and(|rest| rest.is_empty() || rest[0] == std::path::MAIN_SEPARATOR as u8)
        })
    };
    update_within(dir, &files, &within, progress, cancel, Tuning::DEFAULT)
}

/// [`update`] of the documents whose path `within` accepts: `files` are all the library's
/// files among those.
fn update_within(
    dir: &Path,
    files: &Files,
    within: &dyn Fn(&[u8]) -> bool,
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
    tuning: Tuning,
) -> anyhow::Result<Outcome> {
    let (ft, rebuilt) = FullText::open_or_rebuild(dir)?;
    let mut outcome = Outcome {
        rebuilt,
        ..Outcome::default()
    };
    // Each document is matched to its file by a binary search over the files sorted by path:
    // a map of a million owned paths was most of the reader's peak memory at a million.
    let mut indexed: Vec<Indexed> = vec![Indexed::None; files.len()];
    let mut gone: Vec<Vec<u8>> = Vec::new();
    let searcher = ft.reader.searcher();
    super::docs::for_each_doc(&searcher, |_, _, path, stamp| {
        if !within(path) {
            return;
        }
        match files.find(path) {
            Some(i) => {
                let slot = &mut indexed[i];
                *slot = match slot {
                    Indexed::None if files.stamp(i).map(stored_stamp) == Some(stamp) => {
                        Indexed::Current
                    }
                    Indexed::None => Indexed::Stale,
                    _ => Indexed::Twice,
                };
            }
            None => gone.push(path.to_vec()),
        }
    })?;
    drop(searcher);
    if !rebuilt && gone.is_empty() && indexed.iter().all(|w| matches!(w, Indexed::Current)) {
        // Nothing to write (every start of an unchanged library): no writer, whose threads
        // and memory came on top of the reader's at its high-water mark, and no commit.
        outcome.kept = files.len();
        progress(files.len(), outcome.kept);
        return Ok(outcome);
    }
    let mut writer = ft
        .index
        .writer_with_num_threads(tuning.threads, tuning.memory)?;
    outcome.wrote = true;
    let path_term = |p: &[u8]| Term::from_field_bytes(ft.fields.path, p);
    // Positions in `files`: a path is built when its file is read.
    let mut todo: Vec<usize> = Vec::new();
    for (i, was) in indexed.iter().enumerate() {
        match was {
            Indexed::Current => outcome.kept += 1,
            Indexed::None => todo.push(i),
            _ => {
                writer.delete_term(path_term(files.path(i).as_os_str().as_encoded_bytes()));
                todo.push(i);
            }
        }
    }
    gone.sort_unstable();
    gone.dedup();
    for path in &gone {
        writer.delete_term(path_term(path));
        outcome.removed += 1;
    }
    let merge_once = todo.len() >= tuning.merge_once_from;
    if merge_once {
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    }
    let total = files.len();
    progress(total, outcome.kept);
    let mut since_commit = 0;
    for batch in todo.chunks(BATCH) {
        if cancel.load(Relaxed) {
            outcome.cancelled = true;
            break;
        }
        let docs: Vec<TantivyDocument> = (batch.par_iter())
            .map(|&i| document(&ft, &files.path(i)))
            .collect();
        for doc in docs {
            writer.add_document(doc)?;
        }
        outcome.read += batch.len();
        since_commit += batch.len();
        if since_commit >= tuning.commit_every {
            writer.commit()?;
            since_commit = 0;
        }
        progress(total, outcome.kept + outcome.read);
    }
    writer.commit()?;
    if merge_once {
        let segments = ft.index.searchable_segment_ids()?;
        if segments.len() > 1 {
            writer.merge(&segments).wait()?;
        }
    }
    writer.wait_merging_threads()?;
    super::verified::written(&ft.index, dir);
    Ok(outcome)
}

/// What the index holds for one file, as an update found it: a byte per file, the stamps
/// compared as the documents are met (a stamp kept per file was 24 MB at a million).
#[derive(Debug, Clone, Copy)]
enum Indexed {
    None,
    /// One document, made when the file had the stamp it has now.
    Current,
    /// One document, made from the file as it was before.
    Stale,
    /// More than one document (left by an interrupted update): deleted and read again.
    Twice,
}

/// The document of the article file at `path`: its stamp, then its body's tokens.
fn document(ft: &FullText, path: &Path) -> TantivyDocument {
    let (stamp, folded) = folded_body(path);
    let (size, mtime) = stamp.map_or((u64::MAX, i64::MIN), stored_stamp);
    let f = ft.fields;
    let mut doc = TantivyDocument::new();
    doc.add_bytes(f.path, path.as_os_str().as_encoded_bytes());
    doc.add_u64(f.size, size);
    doc.add_i64(f.mtime, mtime);
    // Both fields get the folded text; their tokenizers (`tokens::Cut`) cut it.
    doc.add_text(f.text, &folded);
    doc.add_text(f.uni, &folded);
    doc
}

/// The stamp and the folded body text of the article file at `path`. A file that cannot be
/// read has empty text: the scan finds nothing in it either.
///
/// Only a regular file is read: opening a pipe or a device would wait for a writer and hold
/// the whole update. Such a file has no stamp, so its document never stands for the article
/// and the scan reads it instead.
fn folded_body(path: &Path) -> (Option<Stamp>, String) {
    let regular = std::fs::metadata(path).ok().filter(|m| m.is_file());
    let stamp = regular.as_ref().map(Stamp::of);
    let mut folded = String::new();
    if regular.is_some()
        && let Ok(body) = read_body(Origin::Disk, path)
    {
        crate::search::html::fold_html(&body, &mut folded);
    }
    (stamp, folded)
}

/// A build without the index: reads and folds every file of `files` as [`update`] does, on
/// every core, and with `cut` cuts the text into both fields' tokens; returns the number of
/// tokens (without `cut`: of folded bytes). The cost of a build before tantivy stores
/// anything — the floor of this text extraction (the `fulltext-bench` example's
/// `GAZETTE_BENCH_FLOOR`).
#[doc(hidden)]
pub fn extract_only(files: &Files, cut: bool) -> usize {
    use tantivy::tokenizer::{TokenStream, Tokenizer};
    (0..files.len())
        .into_par_iter()
        .map_init(
            || (Cut::POSITIONAL, Cut::UNIGRAMS),
            |cuts, i| {
                let (_, folded) = folded_body(&files.path(i));
                if !cut {
                    return folded.len();
                }
                let count = |stream: &mut dyn TokenStream| {
                    let mut n = 0;
                    while stream.advance() {
                        n += 1;
                    }
                    n
                };
                count(&mut cuts.0.token_stream(&folded)) + count(&mut cuts.1.token_stream(&folded))
            },
        )
        .sum()
}
