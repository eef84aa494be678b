//! A segment: what one build wrote, in its own folder of the index (`seg-NNNNNNNN/`), never
//! changed once written (a later update writes a new segment; see `fulltext::update`).
//!
//! Its files:
//! - `t0` … `t8`: the table (`merge`), cut in key ranges: every key once, in key order, with
//!   its postings from each chunk that has it; `t0` holds the words.
//! - `d0` … `d8`: each table part's directory (`merge::Directory`): every word of `t0`;
//!   every 16th key of the others.
//! - `docs`: each document's file — its stamp and path — in document order, which is path
//!   order (a segment is built from files sorted by path), then the records' offsets.
//! - `meta`: the number of documents, and each file's length and CRC-32: written last, and the
//!   folder is written as `tmp-N/` and renamed, so a segment is whole or absent.
//!
//! The table and directory files are mapped, not read: a search touches the keys it looks
//! up, and the reader's memory holds none of it. The `docs` file is read, a block at a time,
//! not mapped: the start-up check passes over every document, and mapped, its 100 MB at a
//! million articles stayed resident in the reader (its peak went over 500 MB).

use super::build::{Built, Paths, build_runs};
use super::merge::{PARTS, merge_runs};
use super::varint::{get, put};
use crate::library::cache::Stamp;
use anyhow::Context;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

const META: &str = "meta";
const META_HEAD: &str = "gazette grams segment 1\n";
/// The stamp of a file that was not a regular file when read: never equal to a real one.
const NO_STAMP: (u64, i64) = (u64::MAX, i64::MIN);

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

/// The folder of segment `number` in the index folder `dir`.
pub(crate) fn folder(dir: &Path, number: u32) -> PathBuf {
    dir.join(format!("seg-{number:08}"))
}

/// The segment number of a folder name `seg-NNNNNNNN`.
pub(crate) fn number_of(name: &str) -> Option<u32> {
    name.strip_prefix("seg-")?.parse().ok()
}

/// Removes the folders of segments whose writing never finished (`tmp-N/`: a process killed
/// while it wrote them); to be called only with the update lock held.
pub(crate) fn remove_unfinished(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with("tmp-"))
        {
            // Only space: left there, it is removed at the next update.
            let _ = std::fs::remove_dir_all(entry.path());
        }
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

fn write_in(
    tmp: &Path,
    paths: &dyn Paths,
    progress: &mut (dyn FnMut(usize) + Send),
    cancel: &AtomicBool,
) -> anyhow::Result<Option<Built>> {
    let runs_path = tmp.join("runs");
    let Some((built, runs, stamps)) = build_runs(paths, &runs_path, progress, cancel)? else {
        return Ok(None);
    };
    let runs_file = File::open(&runs_path)?;
    let parts = merge_runs(&runs_file, &runs, |p| {
        Ok(Summed::new(create(&tmp.join(format!("t{p}")))?))
    })?;
    drop(runs_file);
    std::fs::remove_file(&runs_path)?;
    let mut meta = format!("{META_HEAD}docs {}\n", paths.len());
    let mut listed = |name: &str, file: &Summed<File>| -> std::io::Result<()> {
        let tail = tail_of(&file.inner, file.len)?;
        meta.push_str(&format!(
            "{name} {} {:08x} {:08x}\n",
            file.len,
            file.crc.clone().finalize(),
            crc32fast::hash(&tail)
        ));
        Ok(())
    };
    for (p, (_, directory, table)) in parts.into_iter().enumerate() {
        listed(&format!("t{p}"), &table)?;
        let d = write_file(&tmp.join(format!("d{p}")), |w| w.write_all(&directory))?;
        listed(&format!("d{p}"), &d)?;
    }
    let docs = write_file(&tmp.join("docs"), |w| write_docs(w, paths, &stamps))?;
    listed("docs", &docs)?;
    std::fs::write(tmp.join(META), meta)?;
    Ok(Some(built))
}

/// Bytes at the end of each file whose checksum is checked at every open: a file cut short,
/// emptied or overwritten almost always fails it (as tantivy's footers did), without reading
/// the whole file; the full checksum is read once (`verified`).
const TAIL: u64 = 4096;

/// The last [`TAIL`] bytes of a file of `len` bytes.
fn tail_of(file: &File, len: u64) -> std::io::Result<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    let n = len.min(TAIL);
    let mut tail = vec![0; n as usize];
    file.read_exact_at(&mut tail, len - n)?;
    Ok(tail)
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

/// Documents in a block of the `docs` file: each block's first path is whole, the others
/// are written as what they share with the one before (paths in path order share most of
/// their bytes: at a million articles the file went from 79 MB, 3% of the index, to 14 MB).
const BLOCK_DOCS: u32 = 16;

/// The `docs` file: blocks of [`BLOCK_DOCS`] records (size, mtime zigzagged, the bytes the
/// path shares with the one before in its block, the rest's length, the rest), then the
/// blocks' offsets and an end offset, then the number of documents (eight bytes each).
fn write_docs(
    w: &mut dyn Write,
    paths: &dyn Paths,
    stamps: &[Option<Stamp>],
) -> std::io::Result<()> {
    let mut offsets = Vec::with_capacity(stamps.len() / BLOCK_DOCS as usize + 2);
    let mut at = 0u64;
    let mut record = Vec::new();
    let mut before: Vec<u8> = Vec::new();
    for (d, stamp) in stamps.iter().enumerate() {
        if d % BLOCK_DOCS as usize == 0 {
            offsets.push(at);
            before.clear();
        }
        let (size, mtime) = stamp.map_or(NO_STAMP, |s| (s.size, s.mtime_ns));
        let path = paths.path(d);
        let path = path.as_os_str().as_encoded_bytes();
        let shared = before.iter().zip(path).take_while(|(a, b)| a == b).count();
        record.clear();
        put(&mut record, size);
        put(&mut record, ((mtime << 1) ^ (mtime >> 63)) as u64);
        put(&mut record, shared as u64);
        put(&mut record, (path.len() - shared) as u64);
        record.extend_from_slice(&path[shared..]);
        w.write_all(&record)?;
        at += record.len() as u64;
        before.clear();
        before.extend_from_slice(path);
    }
    offsets.push(at);
    for o in offsets {
        w.write_all(&o.to_le_bytes())?;
    }
    w.write_all(&(stamps.len() as u64).to_le_bytes())
}

/// Decodes a block of `docs` records (`first` is its first document's number), calling
/// `each` with each one's number, path and stamp; `None` if the bytes are not a block.
fn each_in_block(block: &[u8], first: u32, count: u32, each: &mut EachDoc<'_>) -> Option<()> {
    let mut path: Vec<u8> = Vec::new();
    let mut at = 0;
    for k in 0..count {
        let size = get(block, &mut at)?;
        let z = get(block, &mut at)?;
        let mtime = ((z >> 1) as i64) ^ -((z & 1) as i64);
        let shared = get(block, &mut at)? as usize;
        let rest = get(block, &mut at)? as usize;
        if shared > path.len() {
            return None;
        }
        path.truncate(shared);
        path.extend_from_slice(block.get(at..at.checked_add(rest)?)?);
        at += rest;
        each(first + k, &path, (size, mtime));
    }
    (at == block.len()).then_some(())
}

/// A file of the segment, mapped (an empty file is not: it cannot be).
enum Bytes {
    Map(memmap2::Mmap),
    Empty,
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Map(m) => m,
            Bytes::Empty => &[],
        }
    }
}

/// Maps a segment file.
///
/// The one unsafe call of the index (the workspace denies unsafe code; allowed here, as
/// tantivy did the same inside its own crate before): a mapping is undefined behaviour if
/// the file changes under it. gazette never writes a segment file again once its folder is
/// renamed into place (updates write new segments; old ones are unlinked, which leaves a
/// mapping whole); only someone truncating the file by hand could, and then the reader gets
/// a bus error, as with any mapped index.
#[allow(unsafe_code)]
fn map(file: &File) -> std::io::Result<memmap2::Mmap> {
    // SAFETY: see above — the file is never modified while gazette maps it.
    unsafe { memmap2::Mmap::map(file) }
}

/// An open segment.
pub(crate) struct Segment {
    pub number: u32,
    /// Documents, numbered from 0.
    pub len: u32,
    tables: Vec<Bytes>,
    directories: Vec<Bytes>,
    docs: File,
    /// Where the records' offsets begin in `docs`.
    offsets_at: u64,
    /// Each file's name, mapped bytes' CRC-32 as written (checked by [`Segment::verify`]).
    sums: Vec<(String, u32)>,
    /// Documents an update found standing for no file any more ([`dead_file`]), a bit each.
    pub dead: Vec<u64>,
}

/// The file beside segment `number`'s folder that says which of its documents are dead: the
/// one thing about a segment that changes, so not in its folder. Only what an update
/// counted: a document is ignored unless its file has its stamp (`docs`) in any case, so a
/// missing or damaged list costs nothing but a recount.
pub(crate) fn dead_file(dir: &Path, number: u32) -> PathBuf {
    dir.join(format!("seg-{number:08}.dead"))
}

/// What [`Segment::each_doc`] calls: a document's number, path and stamp.
pub(crate) type EachDoc<'a> = dyn FnMut(u32, &[u8], (u64, i64)) + 'a;

/// A key's entry: its postings from each chunk that has it.
pub(crate) type Body<'a> = &'a [u8];

impl Segment {
    /// Opens segment `number` of the index folder `dir`: its `meta` must list every file
    /// with the length it has and the checksum of its last bytes ([`TAIL`]). All its bytes
    /// are checked by [`Segment::verify`].
    pub fn open(dir: &Path, number: u32) -> anyhow::Result<Segment> {
        let folder = folder(dir, number);
        let meta = std::fs::read_to_string(folder.join(META)).context("segment meta")?;
        let rest = meta
            .strip_prefix(META_HEAD)
            .context("segment meta of another kind")?;
        let mut lines = rest.lines();
        let len: u32 = (lines.next().and_then(|l| l.strip_prefix("docs ")))
            .and_then(|n| n.parse().ok())
            .context("segment meta: documents")?;
        let mut files = std::collections::HashMap::new();
        let mut docs = None;
        let mut sums = Vec::new();
        for line in lines {
            let mut f = line.split(' ');
            let (Some(name), Some(size), Some(crc), Some(tail), None) =
                (f.next(), f.next(), f.next(), f.next(), f.next())
            else {
                anyhow::bail!("segment meta: {line:?}");
            };
            let size: u64 = size.parse()?;
            let crc = u32::from_str_radix(crc, 16)?;
            let file = File::open(folder.join(name))?;
            anyhow::ensure!(
                file.metadata()?.len() == size,
                "{name}: not the size written"
            );
            anyhow::ensure!(
                crc32fast::hash(&tail_of(&file, size)?) == u32::from_str_radix(tail, 16)?,
                "{name}: its end is not what was written"
            );
            if name == "docs" {
                docs = Some((file, size));
            } else {
                let bytes = if size == 0 {
                    Bytes::Empty
                } else {
                    Bytes::Map(map(&file)?)
                };
                files.insert(name.to_owned(), bytes);
            }
            sums.push((name.to_owned(), crc));
        }
        let mut take = |name: &str| files.remove(name).with_context(|| format!("no {name}"));
        let tables = (0..PARTS)
            .map(|p| take(&format!("t{p}")))
            .collect::<Result<_, _>>()?;
        let directories = (0..PARTS)
            .map(|p| take(&format!("d{p}")))
            .collect::<Result<_, _>>()?;
        let (docs, size) = docs.context("no docs")?;
        let end = size.checked_sub(8).context("docs: too short")?;
        let n = u64::from_le_bytes(read_at(&docs, end, 8)?.try_into().expect("8 bytes"));
        anyhow::ensure!(n == u64::from(len), "docs: not the number in meta");
        let blocks = n.div_ceil(u64::from(BLOCK_DOCS));
        let offsets_at = end
            .checked_sub((blocks + 1) * 8)
            .context("docs: too short")?;
        let words = (len as usize).div_ceil(64);
        let mut dead: Vec<u64> = (std::fs::read(dead_file(dir, number)).ok())
            .filter(|b| b.len() == words * 8)
            .map(|b| {
                (b.chunks_exact(8))
                    .map(|w| u64::from_le_bytes(w.try_into().expect("8 bytes")))
                    .collect()
            })
            .unwrap_or_else(|| vec![0; words]);
        // A damaged list may mark documents past the last: they do not exist.
        if !len.is_multiple_of(64)
            && let Some(last) = dead.last_mut()
        {
            *last &= (1 << (len % 64)) - 1;
        }
        let segment = Segment {
            number,
            len,
            tables,
            directories,
            docs,
            offsets_at,
            sums,
            dead,
        };
        anyhow::ensure!(
            segment
                .offsets(len.div_ceil(BLOCK_DOCS), 1)
                .ok()
                .and_then(|o| o.first().copied())
                == Some(offsets_at),
            "docs: records and offsets disagree"
        );
        Ok(segment)
    }

    /// Whether every file's bytes have the CRC-32 they were written with: reads them all.
    pub fn verify(&self) -> bool {
        self.sums.iter().all(|(name, crc)| {
            let bytes: &[u8] = match name.as_str() {
                "docs" => return crc_of(&self.docs).ok() == Some(*crc),
                n => {
                    let (kind, p) = n.split_at(1);
                    let Some(p) = p.parse::<usize>().ok().filter(|&p| p < PARTS) else {
                        return false;
                    };
                    match kind {
                        "t" => &self.tables[p],
                        "d" => &self.directories[p],
                        _ => return false,
                    }
                }
            };
            crc32fast::hash(bytes) == *crc
        })
    }

    /// Whether an update found document `d` standing for no file.
    pub fn is_dead(&self, d: u32) -> bool {
        self.dead
            .get(d as usize / 64)
            .is_some_and(|w| w & (1 << (d % 64)) != 0)
    }

    /// Writes the dead documents' list ([`dead_file`]).
    pub fn write_dead(&self, dir: &Path) -> std::io::Result<()> {
        let bytes: Vec<u8> = self.dead.iter().flat_map(|w| w.to_le_bytes()).collect();
        crate::atomic_file::write_atomic(&dead_file(dir, self.number), &bytes)
    }

    /// Documents not dead.
    pub fn alive(&self) -> usize {
        self.len as usize
            - self
                .dead
                .iter()
                .map(|w| w.count_ones() as usize)
                .sum::<usize>()
    }

    /// The offsets of blocks `from..from + n` (the last may be the end).
    fn offsets(&self, from: u32, n: u32) -> Result<Vec<u64>, Damaged> {
        let bytes = read_at(
            &self.docs,
            self.offsets_at + u64::from(from) * 8,
            n as usize * 8,
        )
        .map_err(|_| Damaged)?;
        let offsets: Vec<u64> = (bytes.chunks_exact(8))
            .map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes")))
            .collect();
        if offsets.windows(2).any(|w| w[0] > w[1]) || offsets.iter().any(|&o| o > self.offsets_at) {
            return Err(Damaged);
        }
        Ok(offsets)
    }

    /// Blocks `from..from + n` of `docs`, each document (dead ones too) handed to `each`.
    fn blocks(&self, from: u32, n: u32, each: &mut EachDoc<'_>) -> Result<(), Damaged> {
        let o = self.offsets(from, n + 1)?;
        let bytes =
            read_at(&self.docs, o[0], (o[n as usize] - o[0]) as usize).map_err(|_| Damaged)?;
        for k in 0..n as usize {
            let block = &bytes[(o[k] - o[0]) as usize..(o[k + 1] - o[0]) as usize];
            let first = (from + k as u32) * BLOCK_DOCS;
            let count = BLOCK_DOCS.min(self.len - first);
            each_in_block(block, first, count, each).ok_or(Damaged)?;
        }
        Ok(())
    }

    /// Document `d`'s file: its path and its stamp when it was read.
    pub fn doc(&self, d: u32) -> Option<(Vec<u8>, (u64, i64))> {
        if d >= self.len {
            return None;
        }
        let mut found = None;
        (self.blocks(d / BLOCK_DOCS, 1, &mut |k, path, stamp| {
            if k == d {
                found = Some((path.to_vec(), stamp));
            }
        }))
        .ok()?;
        found
    }

    /// Calls `each` with every document not dead, in order: its number, path and stamp.
    /// Reads the file a few thousand blocks at a time.
    pub fn each_doc(&self, each: &mut EachDoc<'_>) -> Result<(), Damaged> {
        const BATCH: u32 = 1 << 10;
        let blocks = self.len.div_ceil(BLOCK_DOCS);
        let mut from = 0;
        while from < blocks {
            let n = BATCH.min(blocks - from);
            self.blocks(from, n, &mut |d, path, stamp| {
                if !self.is_dead(d) {
                    each(d, path, stamp);
                }
            })?;
            from += n;
        }
        Ok(())
    }

    /// The document made from the file at `path` (documents are in path order): the block
    /// is found by halves over the blocks' first paths, then read through.
    pub fn find(&self, path: &[u8]) -> Option<u32> {
        let first_path = |b: u32| self.doc(b * BLOCK_DOCS).map(|(p, _)| p);
        let (mut lo, mut hi) = (0u32, self.len.div_ceil(BLOCK_DOCS));
        // The last block whose first path is at most `path`.
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if first_path(mid)?.as_slice() <= path {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let block = lo.checked_sub(1)?;
        let mut found = None;
        (self.blocks(block, 1, &mut |d, p, _| {
            if p == path {
                found = Some(d);
            }
        }))
        .ok()?;
        found
    }

    /// The entry of `key` (any key but a word's), if the segment has it. `Err`: damaged.
    pub fn entry(&self, key: u64) -> Result<Option<Body<'_>>, Damaged> {
        let mut found = None;
        self.range(key, key.saturating_add(1), &mut |k, body| {
            if k == key {
                found = Some(body);
            }
        })?;
        Ok(found)
    }

    /// Calls `each` with every key in `lo..hi` (keys other than words) and its entry, in
    /// key order.
    pub fn range<'s>(
        &'s self,
        lo: u64,
        hi: u64,
        each: &mut dyn FnMut(u64, Body<'s>),
    ) -> Result<(), Damaged> {
        for p in 1..PARTS {
            let directory = Index(&self.directories[p]);
            let n = directory.len();
            if n == 0 || directory.key(0) >= hi {
                continue;
            }
            // The last listed key at or below `lo`: the entries before it are all below.
            let from = directory.partition_point(|k| k <= lo).saturating_sub(1);
            if p + 1 < PARTS {
                let next = Index(&self.directories[p + 1]);
                if next.len() > 0 && next.key(0) <= lo {
                    continue;
                }
            }
            let table = &self.tables[p];
            let mut at = directory.offset(from).ok_or(Damaged)?;
            while at < table.len() {
                let (k, body, next) = entry_at(table, at).ok_or(Damaged)?;
                let k = k.ok_or(Damaged)?;
                if k >= hi {
                    return Ok(());
                }
                if k >= lo {
                    each(k, body);
                }
                at = next;
            }
        }
        Ok(())
    }

    /// Calls `each` with the entry of every word `wanted` accepts.
    pub fn words<'s>(
        &'s self,
        wanted: &dyn Fn(&[u8]) -> bool,
        each: &mut dyn FnMut(Body<'s>),
    ) -> Result<(), Damaged> {
        let directory: &[u8] = &self.directories[0];
        let mut at = 0;
        while at < directory.len() {
            let len = get(directory, &mut at).ok_or(Damaged)? as usize;
            let word = directory.get(at..at + len).ok_or(Damaged)?;
            at += len;
            let offset = get(directory, &mut at).ok_or(Damaged)? as usize;
            if wanted(word) {
                let (_, body, _) = entry_at(&self.tables[0], offset).ok_or(Damaged)?;
                each(body);
            }
        }
        Ok(())
    }
}

/// A segment's bytes are not what was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Damaged;

impl std::fmt::Display for Damaged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("damaged full-text index segment")
    }
}

impl std::error::Error for Damaged {}

/// A numeric part's directory: (key, offset) pairs.
struct Index<'a>(&'a [u8]);

impl Index<'_> {
    fn len(&self) -> usize {
        self.0.len() / 16
    }
    fn key(&self, i: usize) -> u64 {
        u64::from_le_bytes(self.0[i * 16..i * 16 + 8].try_into().expect("8 bytes"))
    }
    fn offset(&self, i: usize) -> Option<usize> {
        let b = self.0.get(i * 16 + 8..i * 16 + 16)?;
        usize::try_from(u64::from_le_bytes(b.try_into().ok()?)).ok()
    }
    fn partition_point(&self, below: impl Fn(u64) -> bool) -> usize {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if below(self.key(mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }
}

/// `len` bytes of `file` from `at`.
fn read_at(file: &File, at: u64, len: usize) -> std::io::Result<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    let mut buf = vec![0; len];
    file.read_exact_at(&mut buf, at)?;
    Ok(buf)
}

/// The CRC-32 of a whole file, read a block at a time.
fn crc_of(file: &File) -> std::io::Result<u32> {
    use std::os::unix::fs::FileExt;
    let mut crc = crc32fast::Hasher::new();
    let mut buf = vec![0; 1 << 20];
    let mut at = 0;
    loop {
        let n = file.read_at(&mut buf, at)?;
        if n == 0 {
            return Ok(crc.finalize());
        }
        crc.update(&buf[..n]);
        at += n as u64;
    }
}

/// The entry at `at` of a table: its key (`None` for a word written as its bytes), its
/// body, and where the next entry begins.
fn entry_at(table: &[u8], mut at: usize) -> Option<(Option<u64>, Body<'_>, usize)> {
    let key = if *table.get(at)? == 0 {
        at += 1;
        let len = get(table, &mut at)? as usize;
        at += len;
        None
    } else {
        let k = u64::from_be_bytes(table.get(at..at + 8)?.try_into().ok()?);
        at += 8;
        Some(k)
    };
    let len = get(table, &mut at)? as usize;
    let body = table.get(at..at + len)?;
    Some((key, body, at + len))
}
