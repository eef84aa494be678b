//! Building the index from nothing: the library's files in chunks, on every core, each
//! chunk's postings written as a run.

use super::chunk::Chunk;
use super::merge::RunAt;
use crate::library::scan::Files;
use rayon::prelude::*;
use std::io::Write;
use std::path::Path;
use std::sync::Mutex;

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
    /// Seconds spent, summed over the workers: reading and folding, adding, finishing.
    pub read: f64,
    pub add: f64,
    pub finish: f64,
}

/// Reads and folds every file of `files` and writes the runs of postings to `runs_file`.
#[doc(hidden)]
pub fn build_runs(files: &Files, runs_file: &Path) -> anyhow::Result<(Built, Vec<RunAt>)> {
    let out = Mutex::new((
        std::io::BufWriter::new(std::fs::File::create(runs_file)?),
        Built::default(),
        Vec::new(),
    ));
    let chunks: Vec<std::ops::Range<usize>> = (0..files.len())
        .step_by(CHUNK_DOCS)
        .map(|s| s..(s + CHUNK_DOCS).min(files.len()))
        .collect();
    chunks.into_par_iter().try_for_each_init(
        || (Chunk::new(), Vec::new(), Vec::new(), Vec::new()),
        |(chunk, scratch, buf, run), range| -> anyhow::Result<()> {
            let (mut read, mut add) = (0.0, 0.0);
            let chunk_no = (range.start / CHUNK_DOCS) as u32;
            for i in range {
                let t = std::time::Instant::now();
                let (_, folded) = crate::search::fulltext::update::folded_body(&files.path(i), buf);
                let t2 = std::time::Instant::now();
                chunk.add(&folded);
                read += (t2 - t).as_secs_f64();
                add += t2.elapsed().as_secs_f64();
            }
            let (docs, records, pairs) = (
                chunk.docs() as usize,
                chunk.records() as u64,
                chunk.pairs() as u64,
            );
            let t = std::time::Instant::now();
            let entries = chunk.finish(run, scratch) as u64;
            let finish = t.elapsed().as_secs_f64();
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
            out.1.read += read;
            out.1.add += add;
            out.1.finish += finish;
            Ok(())
        },
    )?;
    let (mut w, built, at) = out.into_inner().expect("runs file");
    w.flush()?;
    Ok((built, at))
}
