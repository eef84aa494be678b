//! Writing a segment: its files into `tmp-N/`, a block of the table at a time, each file's
//! length and checksums into its `meta` last, then the folder renamed to `seg-N/` (see
//! `segment` for the files).

use super::build::{Built, CHUNK_DOCS, Paths, Spare, build_runs};
use super::doc_list::write_docs;
use super::merge::merge_runs;
use super::segment::{META, META_HEAD, block_file, folder, tail_of};
use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::sync::atomic::AtomicBool;

/// A writer that counts and checksums what goes through it.
struct Summed<W> {
    inner: W,
    crc: crc32fast::Hasher,
    len: u64,
}

impl<W: Write> Summed<W> {
    fn new(inner: W) -> Summed<W> {
        Summed {
            inner,
            crc: crc32fast::Hasher::new(),
            len: 0,
        }
    }
}

impl<W: Write> Write for Summed<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.crc.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes segment `number` of the index folder `dir` from the files `paths` (see
/// [`build_runs`] for `progress` and `cancel`); `None` when cancelled (nothing is left).
pub(crate) fn write(
    dir: &Path,
    number: u32,
    paths: &dyn Paths,
    progress: &mut (dyn FnMut(usize) + Send),
    cancel: &AtomicBool,
) -> anyhow::Result<Option<Built>> {
    let tmp = dir.join(format!("tmp-{number:08}"));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp)?;
    let written = write_in(&tmp, paths, progress, cancel);
    match written {
        Ok(Some(built)) => {
            std::fs::rename(&tmp, folder(dir, number))?;
            Ok(Some(built))
        }
        other => {
            let _ = std::fs::remove_dir_all(&tmp);
            other
        }
    }
}

/// Bytes of runs a group of chunks may hold in memory (about that much, judged by the group
/// before it): the larger, the fewer blocks a segment has (each key is looked up once a
/// block), the more memory a build takes. At a million generated articles, about 20
/// blocks of 25 chunks. In unit tests every chunk is a block of its own.
const GROUP_BYTES: u64 = if cfg!(test) { 1 } else { 128 << 20 };
/// Chunks in the first group, and the most in any.
const FIRST_GROUP: usize = if cfg!(test) { 1 } else { 8 };
const MOST_GROUP: usize = 64;

/// The segment's files in `tmp`: a block of the table at a time (a group of chunks read,
/// their runs kept in memory and merged into the block's parts and directories), then the
/// documents, then `meta` with the number of blocks and each file's length and checksums,
/// taken as the bytes went through ([`Summed`]) so nothing is read back but each file's end.
fn write_in(
    tmp: &Path,
    paths: &dyn Paths,
    progress: &mut (dyn FnMut(usize) + Send),
    cancel: &AtomicBool,
) -> anyhow::Result<Option<Built>> {
    let n = paths.len();
    let chunks = n.div_ceil(CHUNK_DOCS);
    let mut stamps = vec![None; n];
    let mut built = Built::default();
    let mut listing = String::new();
    let mut listed = |name: &str, file: &Summed<File>| -> std::io::Result<()> {
        let tail = tail_of(&file.inner, file.len)?;
        listing.push_str(&format!(
            "{name} {} {:08x} {:08x}\n",
            file.len,
            file.crc.clone().finalize(),
            crc32fast::hash(&tail)
        ));
        Ok(())
    };
    let spare = Spare::default();
    let (mut blocks, mut first, mut group) = (0, 0, FIRST_GROUP);
    // An empty segment still has one (empty) block.
    while first < chunks || blocks == 0 {
        let last = (first + group).min(chunks);
        let docs = (first * CHUNK_DOCS).min(n)..(last * CHUNK_DOCS).min(n);
        let before = built.docs;
        let Some((b, runs)) = build_runs(
            paths,
            first..last,
            &mut stamps[docs],
            &spare,
            &mut |done| progress(before + done),
            cancel,
        )?
        else {
            return Ok(None);
        };
        built.add(b);
        let parts = merge_runs(&runs, |p| {
            Ok(Summed::new(create(&tmp.join(block_file('t', blocks, p)))?))
        })?;
        for (p, (_, directory, table)) in parts.into_iter().enumerate() {
            listed(&block_file('t', blocks, p), &table)?;
            let name = block_file('d', blocks, p);
            let d = write_file(&tmp.join(&name), |w| w.write_all(&directory))?;
            listed(&name, &d)?;
        }
        // As many chunks next as this group's bytes a chunk say fit in `GROUP_BYTES`.
        let per_chunk = b.bytes / (last - first).max(1) as u64;
        group = (GROUP_BYTES / per_chunk.max(1)).clamp(1, MOST_GROUP as u64) as usize;
        spare
            .runs
            .lock()
            .expect("spare runs")
            .extend(runs.into_iter().map(|r| r.bytes));
        blocks += 1;
        first = last;
    }
    let docs = write_file(&tmp.join("docs"), |w| write_docs(w, paths, &stamps))?;
    listed("docs", &docs)?;
    let meta = format!("{META_HEAD}docs {n}\nblocks {blocks}\n{listing}");
    std::fs::write(tmp.join(META), meta)?;
    Ok(Some(built))
}

/// A new file, open to write and to read its end back ([`tail_of`]).
fn create(path: &Path) -> std::io::Result<File> {
    (File::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true))
    .open(path)
}

/// Writes a file through a buffer, counting and checksumming it.
fn write_file(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<Summed<File>> {
    let mut w = Summed::new(std::io::BufWriter::new(create(path)?));
    fill(&mut w)?;
    w.flush()?;
    let Summed { inner, crc, len } = w;
    Ok(Summed {
        inner: inner.into_inner().map_err(|e| e.into_error())?,
        crc,
        len,
    })
}
