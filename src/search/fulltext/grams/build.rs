//! Reading and folding the files of a segment, in chunks on every core, each chunk's
//! postings written as a run (`chunk`) to one runs file, which `merge` then turns into the
//! segment's table.

use super::chunk::Chunk;
use super::merge::RunAt;
use crate::library::cache::Stamp;
use rayon::prelude::*;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};

/// Documents in a chunk: enough that most keys' postings are more than one document, few
/// enough that a chunk's table and records stay small (about 12 bytes a token).
pub const CHUNK_DOCS: usize = super::chunk::MAX_DOCS;

/// What a build wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct Built {
    pub docs: usize,
    pub runs: usize,
    /// Keys summed over the runs (a key counts once in each run that has it).
    pub entries: u64,
    pub records: u64,
    pub bytes: u64,
    /// Of `records`: bigram occurrences sorted as pair records.
    pub pairs: u64,
}

/// The files of a segment: how many, and the path of each (in path order).
pub trait Paths: Sync {
    fn len(&self) -> usize;
    fn path(&self, doc: usize) -> PathBuf;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Reads and folds the `paths`' files and writes their runs of postings to `runs_file`;
/// document `d` is `paths.path(d)` (chunk `d / CHUNK_DOCS`). Returns, beside the runs, the
/// stamp of each file when it was read (`None`: not a regular file). `progress(done)` is
/// called as chunks are written (from the worker that wrote it); `cancel` is looked at
/// before each chunk: `None` when it stopped the build.
#[allow(clippy::type_complexity)]
pub fn build_runs(
    paths: &dyn Paths,
    runs_file: &Path,
    progress: &mut (dyn FnMut(usize) + Send),
    cancel: &AtomicBool,
) -> anyhow::Result<Option<(Built, Vec<RunAt>, Vec<Option<Stamp>>)>> {
    let n = paths.len();
    let file = std::fs::File::create(runs_file)?;
    let out = Mutex::new(Out {
        built: Built::default(),
        runs: Vec::new(),
        stamps: vec![None; n],
        progress,
    });
    let chunks: Vec<std::ops::Range<usize>> = (0..n)
        .step_by(CHUNK_DOCS)
        .map(|s| s..(s + CHUNK_DOCS).min(n))
        .collect();
    let built = chunks.into_par_iter().try_for_each_init(
        || (Chunk::new(), Vec::new(), Vec::new(), Vec::new()),
        |(chunk, scratch, buf, run), range| -> anyhow::Result<()> {
            if cancel.load(Relaxed) {
                return Err(Cancelled.into());
            }
            let chunk_no = (range.start / CHUNK_DOCS) as u32;
            let mut stamps = Vec::with_capacity(range.len());
            for d in range.clone() {
                let (stamp, folded) =
                    crate::search::fulltext::update::folded_body(&paths.path(d), buf);
                stamps.push(stamp);
                chunk.add(&folded);
            }
            let (docs, records, pairs) = (
                chunk.docs() as usize,
                chunk.records() as u64,
                chunk.pairs() as u64,
            );
            let entries = chunk.finish(run, scratch) as u64;
            // The run's place is taken under the lock, its bytes written outside it: the
            // copy into the page cache was a worker waiting on the other.
            let offset = {
                let mut out = out.lock().expect("runs file");
                let offset = out.built.bytes;
                out.built.bytes += run.len() as u64;
                out.runs.push(RunAt {
                    chunk: chunk_no,
                    offset,
                    len: run.len() as u64,
                    splits: chunk.splits,
                });
                offset
            };
            file.write_all_at(run, offset)?;
            let mut out = out.lock().expect("runs file");
            let b = &mut out.built;
            b.docs += docs;
            b.runs += 1;
            b.entries += entries;
            b.records += records;
            b.pairs += pairs;
            out.stamps[range.clone()].copy_from_slice(&stamps);
            let done = out.built.docs;
            (out.progress)(done);
            Ok(())
        },
    );
    match built {
        Err(e) if e.is::<Cancelled>() => return Ok(None),
        other => other?,
    }
    let out = out.into_inner().expect("runs file");
    Ok(Some((out.built, out.runs, out.stamps)))
}

/// What the workers share: what was written to the runs file.
struct Out<'a> {
    built: Built,
    runs: Vec<RunAt>,
    stamps: Vec<Option<Stamp>>,
    progress: &'a mut (dyn FnMut(usize) + Send),
}

/// The cancel flag was seen.
#[derive(Debug)]
struct Cancelled;

impl std::fmt::Display for Cancelled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("cancelled")
    }
}

impl std::error::Error for Cancelled {}
