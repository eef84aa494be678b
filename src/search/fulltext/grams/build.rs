//! Reading and folding the files of a segment, in chunks on every core, each chunk's
//! postings written as a run (`chunk`) to one runs file, which `merge` then turns into the
//! segment's table.

use super::chunk::Chunk;
use super::merge::RunAt;
use crate::library::cache::Stamp;
use rayon::prelude::*;
use std::io::Write;
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
/// called between waves of chunks (a chunk per core), which is also when `cancel` is looked
/// at: `None` when it stopped the build.
#[allow(clippy::type_complexity)]
pub fn build_runs(
    paths: &dyn Paths,
    runs_file: &Path,
    progress: &mut dyn FnMut(usize),
    cancel: &AtomicBool,
) -> anyhow::Result<Option<(Built, Vec<RunAt>, Vec<Option<Stamp>>)>> {
    let n = paths.len();
    let out = Mutex::new((
        std::io::BufWriter::new(std::fs::File::create(runs_file)?),
        Built::default(),
        Vec::new(),
        vec![None; n],
    ));
    let chunks: Vec<std::ops::Range<usize>> = (0..n)
        .step_by(CHUNK_DOCS)
        .map(|s| s..(s + CHUNK_DOCS).min(n))
        .collect();
    let wave = rayon::current_num_threads().max(1);
    for chunks in chunks.chunks(wave) {
        if cancel.load(Relaxed) {
            return Ok(None);
        }
        chunks.par_iter().try_for_each_init(
            || (Chunk::new(), Vec::new(), Vec::new(), Vec::new()),
            |(chunk, scratch, buf, run), range| -> anyhow::Result<()> {
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
                let mut out = out.lock().expect("runs file");
                let offset = out.1.bytes;
                out.2.push(RunAt {
                    chunk: chunk_no,
                    offset,
                    len: run.len() as u64,
                    splits: chunk.splits,
                });
                out.0.write_all(run)?;
                out.1.docs += docs;
                out.1.runs += 1;
                out.1.entries += entries;
                out.1.records += records;
                out.1.bytes += run.len() as u64;
                out.1.pairs += pairs;
                out.3[range.clone()].copy_from_slice(&stamps);
                Ok(())
            },
        )?;
        let done = chunks.last().map_or(0, |r| r.end);
        progress(done);
    }
    let (mut w, built, at, stamps) = out.into_inner().expect("runs file");
    w.flush()?;
    Ok(Some((built, at, stamps)))
}
