//! A segment: what one build wrote, in its own folder of the index (`seg-NNNNNNNN/`), never
//! changed once written (a later update writes a new segment; see `fulltext::update`).
//!
//! Its table is in blocks, one a group of chunks (a build keeps a group's runs in memory and
//! merges them into a block: `segment_write`); a key is looked up in each block, and the
//! blocks' documents follow each other. Its files:
//! - `tB.P` (block `B`, part `P` of 0 … 7): the block's table (`merge`), cut in key ranges:
//!   every key of the block once, in key order, with its postings from each chunk of the
//!   block that has it; part 0 holds the words.
//! - `dB.P`: each table part's directory (`merge::Directory`): every word of part 0; every
//!   16th key of the others.
//! - `docs`: each document's file — its stamp and path — in document order, which is path
//!   order (a segment is built from files sorted by path): `doc_list`.
//! - `meta`: the number of documents and of blocks, and each file's length and CRC-32:
//!   written last, and the folder is written as `tmp-N/` and renamed, so a segment is whole
//!   or absent.
//!
//! The table and directory files are mapped, not read: a search touches the keys it looks
//! up, and the reader's memory holds none of it. The `docs` file is read a block at a time
//! (`doc_list`). Written by `segment_write`.

use super::doc_list::DocList;
use super::merge::PARTS;
use super::varint::get;
use anyhow::Context;
use std::fs::File;
use std::path::{Path, PathBuf};

pub(crate) use super::segment_write::write;

/// The file that lists a segment's files (written last: see `segment_write`).
pub(super) const META: &str = "meta";
pub(super) const META_HEAD: &str = "gazette grams segment 2\n";

/// The name of block `block`'s part `part` file of kind `kind` (`t`: table, `d`: directory).
pub(super) fn block_file(kind: char, block: usize, part: usize) -> String {
    format!("{kind}{block}.{part}")
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

/// Bytes at the end of each file whose checksum is checked at every open: a file cut short,
/// emptied or overwritten almost always fails it (as tantivy's footers did), without reading
/// the whole file; the full checksum is read once (`verified`).
pub(super) const TAIL: u64 = 4096;

/// The last [`TAIL`] bytes of a file of `len` bytes.
pub(super) fn tail_of(file: &File, len: u64) -> std::io::Result<Vec<u8>> {
    let n = len.min(TAIL);
    read_at(file, len - n, n as usize)
}

/// `len` bytes of `file` from `at`.
pub(super) fn read_at(file: &File, at: u64, len: usize) -> std::io::Result<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    let mut buf = vec![0; len];
    file.read_exact_at(&mut buf, at)?;
    Ok(buf)
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
    blocks: Vec<Block>,
    docs: DocList,
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
        let blocks: usize = (lines.next().and_then(|l| l.strip_prefix("blocks ")))
            .and_then(|n| n.parse().ok())
            .context("segment meta: blocks")?;
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
        let blocks = (0..blocks)
            .map(|b| -> anyhow::Result<Block> {
                let mut part_files = |kind| -> anyhow::Result<Vec<Bytes>> {
                    (0..PARTS).map(|p| take(&block_file(kind, b, p))).collect()
                };
                Ok(Block {
                    tables: part_files('t')?,
                    directories: part_files('d')?,
                })
            })
            .collect::<anyhow::Result<_>>()?;
        let (docs, size) = docs.context("no docs")?;
        let docs = DocList::open(docs, size, len)?;
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
            blocks,
            docs,
            sums,
            dead,
        };
        Ok(segment)
    }

    /// Whether every file's bytes have the CRC-32 they were written with: reads them all.
    pub fn verify(&self) -> bool {
        self.sums.iter().all(|(name, crc)| {
            if name == "docs" {
                return self.docs.crc().ok() == Some(*crc);
            }
            // A name that is no block's file (damage) fails, whatever its first character.
            let Some((kind, place)) = name.split_at_checked(1) else {
                return false;
            };
            let Some((b, p)) = place.split_once('.') else {
                return false;
            };
            let (Ok(b), Ok(p)) = (b.parse::<usize>(), p.parse::<usize>()) else {
                return false;
            };
            let Some(block) = self.blocks.get(b).filter(|_| p < PARTS) else {
                return false;
            };
            let bytes: &[u8] = match kind {
                "t" => &block.tables[p],
                "d" => &block.directories[p],
                _ => return false,
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

    /// Document `d`'s file: its path and its stamp when it was read.
    pub fn doc(&self, d: u32) -> Option<(Vec<u8>, (u64, i64))> {
        self.docs.doc(d)
    }

    /// Calls `each` with every document not dead, in order: its number, path and stamp.
    pub fn each_doc(&self, each: &mut EachDoc<'_>) -> Result<(), Damaged> {
        self.docs.each(&mut |d, path, stamp| {
            if !self.is_dead(d) {
                each(d, path, stamp);
            }
        })
    }

    /// The document made from the file at `path`, if any (dead or not).
    pub fn find(&self, path: &[u8]) -> Option<u32> {
        self.docs.find(path)
    }

    /// The blocks of the segment's table, in document order.
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// Calls `each` with every key in `lo..hi` (keys other than words) and its entry, in
    /// key order in each block (a key comes once from each block that has it).
    pub fn range<'s>(
        &'s self,
        lo: u64,
        hi: u64,
        each: &mut dyn FnMut(u64, Body<'s>),
    ) -> Result<(), Damaged> {
        self.blocks.iter().try_for_each(|b| b.range(lo, hi, each))
    }

    /// Calls `each` with the entry of every word `wanted` accepts, from every block.
    pub fn words<'s>(
        &'s self,
        wanted: &dyn Fn(&[u8]) -> bool,
        each: &mut dyn FnMut(Body<'s>),
    ) -> Result<(), Damaged> {
        self.blocks.iter().try_for_each(|b| b.words(wanted, each))
    }
}

/// A block of a segment's table: its parts and their directories, mapped.
pub(crate) struct Block {
    tables: Vec<Bytes>,
    directories: Vec<Bytes>,
}

impl Block {
    /// The entry of `key` (any key but a word's), if the block has it. `Err`: damaged.
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
        let (pairs, _) = self.0.as_chunks::<16>();
        pairs.partition_point(|p| below(u64::from_le_bytes(p[..8].try_into().expect("8 bytes"))))
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
