//! Reading and folding the files of a group of chunks, the chunks on every core, each
//! chunk's postings kept as a run in memory (`chunk`), which `merge` then turns into a block
//! of the segment's table.

use super::chunk::Chunk;
use super::merge::Run;
use crate::library::cache::Stamp;
use rayon::prelude::*;
use std::path::PathBuf;
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

impl Built {
    /// Adds what another group of chunks wrote.
    pub fn add(&mut self, other: Built) {
        self.docs += other.docs;
        self.runs += other.runs;
        self.entries += other.entries;
        self.records += other.records;
        self.bytes += other.bytes;
        self.pairs += other.pairs;
    }
}

/// The files of a segment: how many, and the path of each (in path order).
pub trait Paths: Sync {
    fn len(&self) -> usize;
    fn path(&self, doc: usize) -> PathBuf;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Reads and folds the files of chunks `chunks` of `paths` (document `d` is
/// `paths.path(d)`, in chunk `d / CHUNK_DOCS`) and returns their runs, in no order. `stamps`
/// (one a document of those chunks) gets the stamp of each file when it was read (`None`:
/// not a regular file). Workers and a run's bytes come from `spare` when it holds any (a
/// group's runs are given back to it once merged). `progress(done)` is called
/// as chunks are done (from the worker that did it; `done` counts this call's documents);
/// `cancel` is looked at before each chunk: `None` when it stopped the build.
pub fn build_runs(
    paths: &dyn Paths,
    chunks: std::ops::Range<usize>,
    stamps: &mut [Option<Stamp>],
    spare: &Spare,
    progress: &mut (dyn FnMut(usize) + Send),
    cancel: &AtomicBool,
) -> anyhow::Result<Option<(Built, Vec<Run>)>> {
    let n = paths.len();
    let first_doc = chunks.start * CHUNK_DOCS;
    let out = Mutex::new(Out {
        built: Built::default(),
        runs: Vec::new(),
        stamps,
        progress,
    });
    let built = chunks
        .into_par_iter()
        .try_for_each(|chunk_no| -> anyhow::Result<()> {
            if cancel.load(Relaxed) {
                return Err(Cancelled.into());
            }
            let mut state = spare
                .workers
                .lock()
                .expect("workers")
                .pop()
                .unwrap_or_default();
            let Worker {
                chunk,
                scratch,
                buf,
            } = &mut state;
            let range = chunk_no * CHUNK_DOCS..((chunk_no + 1) * CHUNK_DOCS).min(n);
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
            let mut run = spare
                .runs
                .lock()
                .expect("spare runs")
                .pop()
                .unwrap_or_default();
            let entries = chunk.finish(&mut run, scratch) as u64;
            let splits = chunk.splits;
            spare.workers.lock().expect("workers").push(state);
            let mut out = out.lock().expect("runs");
            let b = &mut out.built;
            b.docs += docs;
            b.runs += 1;
            b.entries += entries;
            b.records += records;
            b.pairs += pairs;
            b.bytes += run.len() as u64;
            out.runs.push(Run {
                chunk: chunk_no as u32,
                bytes: run,
                splits,
            });
            out.stamps[range.start - first_doc..range.end - first_doc].copy_from_slice(&stamps);
            let done = out.built.docs;
            (out.progress)(done);
            Ok(())
        });
    match built {
        Err(e) if e.is::<Cancelled>() => return Ok(None),
        other => other?,
    }
    let out = out.into_inner().expect("runs");
    Ok(Some((out.built, out.runs)))
}

/// What a build keeps from one group of chunks to the next, so its memory is taken once: a
/// worker's chunk and buffers (each grows to tens of megabytes; made anew for each piece of
/// work rayon splits off, they were memory the system had to hand over again and again), and
/// the bytes of runs already merged.
#[derive(Default)]
pub struct Spare {
    workers: Mutex<Vec<Worker>>,
    pub runs: Mutex<Vec<Vec<u8>>>,
}

/// One worker's chunk, sorting buffer and file buffer.
#[derive(Default)]
struct Worker {
    chunk: Chunk,
    scratch: Vec<u64>,
    buf: Vec<u8>,
}

/// What the workers share: the runs made so far.
struct Out<'a> {
    built: Built,
    runs: Vec<Run>,
    stamps: &'a mut [Option<Stamp>],
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
