//! A segment's `docs` file: each document's file, its path and its stamp when it was read,
//! in document order, which is path order.
//!
//! Read a block at a time, not mapped: the start-up check passes over every document, and
//! mapped, the file's 79 MB at a million articles stayed resident in the reader (its peak
//! went over 500 MB).

use super::build::Paths;
use super::segment::{Damaged, EachDoc, read_at};
use super::varint::{get, put};
use crate::library::cache::Stamp;
use anyhow::Context;
use std::fs::File;
use std::io::Write;

/// The stamp of a file that was not a regular file when read: never equal to a real one.
const NO_STAMP: (u64, i64) = (u64::MAX, i64::MIN);

/// Documents in a block of the `docs` file: each block's first path is whole, the others
/// are written as what they share with the one before (paths in path order share most of
/// their bytes: at a million generated articles the file went from 79 MB, 3% of the index, to
/// 38 MB, most of what is left the stamps).
const BLOCK_DOCS: u32 = 16;

/// The `docs` file: blocks of [`BLOCK_DOCS`] records (size, mtime zigzagged, the bytes the
/// path shares with the one before in its block, the rest's length, the rest), then the
/// blocks' offsets and an end offset, then the number of documents (eight bytes each).
pub(super) fn write_docs(
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

/// An open `docs` file.
pub(crate) struct DocList {
    file: File,
    len: u32,
    /// Where the blocks' offsets begin.
    offsets_at: u64,
}

impl DocList {
    /// The `docs` file `file` of `size` bytes, which must hold `len` documents.
    pub fn open(file: File, size: u64, len: u32) -> anyhow::Result<DocList> {
        let end = size.checked_sub(8).context("docs: too short")?;
        let n = u64::from_le_bytes(read_at(&file, end, 8)?.try_into().expect("8 bytes"));
        anyhow::ensure!(n == u64::from(len), "docs: not the number in meta");
        let blocks = n.div_ceil(u64::from(BLOCK_DOCS));
        let offsets_at = end
            .checked_sub((blocks + 1) * 8)
            .context("docs: too short")?;
        let list = DocList {
            file,
            len,
            offsets_at,
        };
        anyhow::ensure!(
            (list.offsets(len.div_ceil(BLOCK_DOCS), 1).ok()).and_then(|o| o.first().copied())
                == Some(offsets_at),
            "docs: records and offsets disagree"
        );
        Ok(list)
    }

    /// The offsets of blocks `from..from + n` (the last may be the end).
    fn offsets(&self, from: u32, n: u32) -> Result<Vec<u64>, Damaged> {
        let bytes = read_at(
            &self.file,
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
            read_at(&self.file, o[0], (o[n as usize] - o[0]) as usize).map_err(|_| Damaged)?;
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

    /// Calls `each` with every document, in order: its number, path and stamp. Reads the
    /// file a thousand blocks at a time.
    pub fn each(&self, each: &mut EachDoc<'_>) -> Result<(), Damaged> {
        const BATCH: u32 = 1 << 10;
        let blocks = self.len.div_ceil(BLOCK_DOCS);
        let mut from = 0;
        while from < blocks {
            let n = BATCH.min(blocks - from);
            self.blocks(from, n, each)?;
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
}

impl DocList {
    /// The CRC-32 of the whole file, read a block at a time.
    pub fn crc(&self) -> std::io::Result<u32> {
        crc_of(&self.file)
    }
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
