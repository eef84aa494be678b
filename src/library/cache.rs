//! The metadata cache: every article's metadata with its file's size and modification time,
//! so a large library shows at once and only changed files are read again.
//!
//! A small hand-written binary format (length-prefixed fields): reading 100,000 entries must
//! take milliseconds, and every read is checked, so a damaged cache is rebuilt, never trusted
//! half-way. The file starts with a magic, a format version and gazette's version, so a new
//! parser never trusts metadata an older one produced.

use super::article::Article;
use super::date::DateSource;
use super::front_matter::FrontMatterKind;
use chrono::DateTime;
use std::borrow::Cow;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

mod shared;
pub use shared::Shared;

/// The format's version is its last byte: 2 added day-only dates, so a cache of version 1
/// (where a bare `2019-10-20` was an instant) is not read but rebuilt; 3 added the metadata
/// header kind and `front_matter_path` dates, and setext titles (older caches hold the wrong
/// titles for such files); 4 split the file into records and a table of stamps sorted by
/// path (see the layout below), so a warm start checks files without decoding articles.
const MAGIC: &[u8; 4] = b"GZC\x04";

/// What identifies a file's contents cheaply: its size and modification time.
///
/// The time is nanoseconds since 1970 in an `i64` (the years 1678 to 2262; times outside
/// are held at the nearest end): a stamp is kept per file in the file lists of the loader
/// and the indexer, and an `i128` made it 32 bytes (48 as an `Option`) instead of 16 (24).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    pub mtime_ns: i64,
}

impl Stamp {
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        let mtime_ns =
            meta.modified()
                .ok()
                .map_or(0, |t| match t.duration_since(SystemTime::UNIX_EPOCH) {
                    Ok(d) => i64::try_from(d.as_nanos()).unwrap_or(i64::MAX),
                    Err(e) => i64::try_from(e.duration().as_nanos()).map_or(i64::MIN, |n| -n),
                });
        Stamp {
            size: meta.len(),
            mtime_ns,
        }
    }
}

/// The cache file of a library: one per set of library folders.
pub fn path_for(roots: &[PathBuf]) -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "gazette")?;
    let mut key = Vec::new();
    for r in roots {
        let r = std::fs::canonicalize(r).unwrap_or_else(|_| r.clone());
        key.extend_from_slice(r.as_os_str().as_encoded_bytes());
        key.push(0);
    }
    let hash = crate::hash::fnv1a64(&key);
    Some(dirs.cache_dir().join(format!("library-{hash:016x}.bin")))
}

// The layout, all integers little-endian:
//
//   header   MAGIC, gazette's version (u32 length + bytes), entry count (u64),
//            byte length of the records (u64)
//   records  one per entry, newest first: length (u32), then the record — its date first
//            (tag u8, seconds i64, nanoseconds u32, so records sort without being decoded),
//            its path, then the rest of the article and its warnings
//   table    one row per entry, sorted by path bytes: path (u32 length + bytes), size (u64),
//            mtime (i128), the number of its record (u32)
//
// Records first, so the newest articles can be shown from the first block read; the table
// after them is what a warm start compares with the folder walk, row by row, as slices of
// the buffer. A rewrite copies untouched records as they are.

/// One entry to write: the file's path and stamp, and its record ([`encode_record`]),
/// borrowed from the cache being rewritten or freshly encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<'a> {
    pub path: Cow<'a, [u8]>,
    pub stamp: Stamp,
    pub record: Cow<'a, [u8]>,
}

/// The header of a cache file: how many entries, and where the records end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Head {
    pub count: usize,
    /// Bytes of the header itself: the records start here.
    pub len: usize,
    pub records_len: usize,
}

/// Reads the header from the start of a cache file; `None` when it is not this version's
/// (or too short to tell).
pub fn head(bytes: &[u8]) -> Option<Head> {
    let mut r = Reader(bytes);
    if r.take(4)? != MAGIC || r.str()? != env!("CARGO_PKG_VERSION") {
        return None;
    }
    let count = usize::try_from(r.u64()?).ok()?;
    let records_len = usize::try_from(r.u64()?).ok()?;
    Some(Head {
        count,
        len: bytes.len() - r.0.len(),
        records_len,
    })
}

/// The records at the start of `bytes` (the bytes after the header), each as its own slice;
/// ends at the first record that is not complete — in a partly read file, or a damaged one.
pub fn records(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut r = Reader(bytes);
    std::iter::from_fn(move || r.bytes())
}

/// One row of the table: a file as it was when its record was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row<'a> {
    pub path: &'a [u8],
    pub stamp: Stamp,
    /// The number of its record, in file order.
    pub record: usize,
}

/// A whole cache file, checked: every record complete, the table's rows sorted by path, one
/// row per record, each naming its record's path, and nothing after the table.
pub struct Checked<'a> {
    pub records: Vec<&'a [u8]>,
    pub rows: Vec<Row<'a>>,
}

/// Checks a whole cache file; `None` when anything at all is off. Articles are not decoded
/// here (a record's fields are checked when it is decoded).
pub fn check(bytes: &[u8]) -> Option<Checked<'_>> {
    let head = head(bytes)?;
    let split = head.len.checked_add(head.records_len)?;
    let (front, table) = (bytes.get(..split)?, bytes.get(split..)?);
    let rows = check_parts(head, front, table)?;
    let records = all_records(front.get(head.len..)?, head.count)?;
    Some(Checked { records, rows })
}

/// [`check`] on a file read in two parts: `front`, the header and the records, and `table`,
/// everything after them. The rows borrow only the table, so the records' bytes can be
/// let go once they are decoded.
fn check_parts<'t>(head: Head, front: &[u8], table: &'t [u8]) -> Option<Vec<Row<'t>>> {
    let records = all_records(front.get(head.len..)?, head.count)?;
    check_table(table, &records)
}

/// Every one of the `count` records of a records section, when they fill it exactly.
pub fn all_records(section: &[u8], count: usize) -> Option<Vec<&[u8]>> {
    let records: Vec<&[u8]> = records(section).take(count).collect();
    let consumed: usize = records.iter().map(|r| 4 + r.len()).sum();
    (records.len() == count && consumed == section.len()).then_some(records)
}

/// The table's rows, when it holds exactly one row per record, in strictly increasing path
/// order, each with its record's path, and nothing after them.
fn check_table<'a>(table: &'a [u8], records: &[&[u8]]) -> Option<Vec<Row<'a>>> {
    let rows = table_rows(table, records.len())?;
    rows.iter()
        .all(|row| record_path(records[row.record]) == Some(row.path))
        .then_some(rows)
}

/// The rows of a table for `count` records, when it holds exactly one row per record number,
/// in strictly increasing path order, and nothing after them. The rows' paths are not
/// compared with their records' here: a reader that streams the records compares each as it
/// goes by ([`record_path`]).
pub fn table_rows(table: &[u8], count: usize) -> Option<Vec<Row<'_>>> {
    let mut walk = table_walk(table, count);
    let rows: Vec<Row> = walk.by_ref().map(|(_, row)| row).collect();
    (rows.len() == count && walk.rest.0.is_empty()).then_some(rows)
}

/// For each record number, `hash` of its row's path, and the table's length, when the table
/// read from `source` is well formed as [`table_rows`] checks it: one row per record number,
/// paths strictly increasing, nothing after the last. The table is read a piece at a time
/// and not held: a warm start compares each record's path with its row's by these hashes
/// as the records stream (8 bytes a record; at a million articles the table itself, 92 MB,
/// was held beside the decoded articles until the walk finished, the reader's peak). Rows
/// past 4 GiB of table (some forty million files) are not trusted.
pub fn row_hashes(
    source: impl std::io::Read,
    count: usize,
    hash: impl Fn(&[u8]) -> u64,
) -> Option<(Vec<u64>, u64)> {
    let mut hashes = vec![0; count];
    let mut seen = vec![false; count];
    let mut rows = TableCursor::new(source, 1 << 20);
    let mut n = 0;
    while let Some((_, row)) = rows.current() {
        let taken = seen.get_mut(row.record)?;
        if std::mem::replace(taken, true) {
            return None;
        }
        hashes[row.record] = hash(row.path);
        n += 1;
        rows.advance();
    }
    (n == count && rows.ended_cleanly()).then_some((hashes, rows.base))
}

/// The row starting at byte `offset` of a table (as [`TableCursor`] gives it).
pub fn row_at(table: &[u8], offset: u32) -> Option<Row<'_>> {
    next_row(&mut Reader(table.get(offset as usize..)?))
}

/// The rows of a table [`row_hashes`] accepted, in its (path) order, read from `source`
/// (the table's bytes, from its start) a piece at a time: the warm start's check walks them
/// beside the walk's list without holding the table (92 MB at a million articles, held
/// while the walk finished, was most of the reader's peak above its settled size).
///
/// A lending cursor rather than an iterator: each row borrows the buffer it was read into.
/// Rows stop early, never go wrong, when the source does: at a read error, a row cut short,
/// or a path not after the one before (so the check's merge stays sorted); the check then
/// reads the files those rows stood for again.
pub struct TableCursor<R> {
    source: R,
    buf: Vec<u8>,
    /// Where the current row starts in `buf`, and `buf[0]`'s offset in the table.
    pos: usize,
    base: u64,
    piece: usize,
    exhausted: bool,
    current: Option<CursorRow>,
    /// The path of the row before, to check the order.
    last: Vec<u8>,
}

/// Where the current row's parts are in the cursor's buffer.
#[derive(Clone, Copy)]
struct CursorRow {
    at: u32,
    path: (usize, usize),
    stamp: Stamp,
    record: usize,
    end: usize,
}

impl<R: std::io::Read> TableCursor<R> {
    /// A cursor on its first row, reading `piece` bytes at a time.
    pub fn new(source: R, piece: usize) -> TableCursor<R> {
        let mut cursor = TableCursor {
            source,
            buf: Vec::new(),
            pos: 0,
            base: 0,
            piece: piece.max(1),
            exhausted: false,
            current: None,
            last: Vec::new(),
        };
        cursor.load();
        cursor
    }

    /// The current row and where it starts in the table; `None` past the last.
    pub fn current(&self) -> Option<(u32, Row<'_>)> {
        let c = self.current?;
        let row = Row {
            path: &self.buf[c.path.0..c.path.1],
            stamp: c.stamp,
            record: c.record,
        };
        Some((c.at, row))
    }

    /// True once the rows have ended where the table does: none cut short or out of order,
    /// nothing after the last, nothing left unread.
    pub fn ended_cleanly(&self) -> bool {
        self.current.is_none() && self.exhausted && self.pos == self.buf.len()
    }

    /// Moves to the next row.
    pub fn advance(&mut self) {
        if let Some(c) = self.current.take() {
            self.last.clear();
            self.last.extend_from_slice(&self.buf[c.path.0..c.path.1]);
            self.pos = c.end;
            self.load();
        }
    }

    /// Reads the row at `pos`, reading more of the source while it is cut short.
    fn load(&mut self) {
        use std::io::Read;
        loop {
            let rest = &self.buf[self.pos..];
            let mut r = Reader(rest);
            if let Some(row) = next_row(&mut r) {
                if !self.last.is_empty() && row.path <= self.last.as_slice() {
                    return;
                }
                let start = self.pos + (row.path.as_ptr() as usize - rest.as_ptr() as usize);
                let Ok(at) = u32::try_from(self.base + self.pos as u64) else {
                    return;
                };
                self.current = Some(CursorRow {
                    at,
                    path: (start, start + row.path.len()),
                    stamp: row.stamp,
                    record: row.record,
                    end: self.pos + (rest.len() - r.0.len()),
                });
                return;
            }
            if self.exhausted {
                return;
            }
            self.buf.drain(..self.pos);
            self.base += self.pos as u64;
            self.pos = 0;
            let before = self.buf.len();
            self.buf.reserve(self.piece);
            let read = self
                .source
                .by_ref()
                .take(self.piece as u64)
                .read_to_end(&mut self.buf);
            self.exhausted = read.is_err() || self.buf.len() == before;
        }
    }
}

/// The rows of a table, checked as they are read: each record number below `count` and met
/// once, paths strictly increasing. Stops at the first row that fails; the caller compares
/// how far it got with the whole.
fn table_walk(table: &[u8], count: usize) -> TableWalk<'_> {
    TableWalk {
        rest: Reader(table),
        len: table.len(),
        seen: vec![false; count],
        last: None,
    }
}

struct TableWalk<'a> {
    rest: Reader<'a>,
    len: usize,
    seen: Vec<bool>,
    last: Option<&'a [u8]>,
}

impl<'a> Iterator for TableWalk<'a> {
    /// A row, and where it starts in the table.
    type Item = (usize, Row<'a>);

    fn next(&mut self) -> Option<(usize, Row<'a>)> {
        let at = self.len - self.rest.0.len();
        let mut r = Reader(self.rest.0);
        let row = next_row(&mut r)?;
        let taken = self.seen.get_mut(row.record)?;
        if *taken || self.last.is_some_and(|last| last >= row.path) {
            return None;
        }
        *taken = true;
        self.last = Some(row.path);
        self.rest = r;
        Some((at, row))
    }
}

/// One row read from `r`, unchecked.
fn next_row<'a>(r: &mut Reader<'a>) -> Option<Row<'a>> {
    let path = r.bytes()?;
    let size = r.u64()?;
    // Written as 16 bytes (an i128 in earlier versions): the cache format is unchanged.
    let mtime_ns = i128::from_le_bytes(r.take(16)?.try_into().ok()?);
    let mtime_ns = mtime_ns.clamp(i64::MIN.into(), i64::MAX.into()) as i64;
    let record = usize::try_from(r.u32()?).ok()?;
    Some(Row {
        path,
        stamp: Stamp { size, mtime_ns },
        record,
    })
}

/// The path a record is for, read without decoding the rest.
pub fn record_path(record: &[u8]) -> Option<&[u8]> {
    let mut r = Reader(record);
    r.take(DATE_LEN)?;
    r.bytes()
}

/// Bytes of the date at the start of every record.
const DATE_LEN: usize = 1 + 8 + 4;

/// Where a record goes in the file: in the library's own order (`sort_newest_first`: newest
/// first by [`Article::sorts_at`], undated last, then by title, then by path — here its bytes),
/// read from the record's first fields. A warm start that finds nothing changed then holds
/// its articles in that order already and need not sort them; where the two orders differ
/// (a tie broken by paths that compare otherwise as bytes), it sorts as before.
fn record_order(record: &[u8]) -> (Newest, &[u8], &[u8]) {
    let mut r = Reader(record);
    let tag = r.u8();
    let secs = r
        .take(8)
        .map(|b| i64::from_le_bytes(b.try_into().unwrap_or_default()));
    let nanos = r
        .take(4)
        .map(|b| u32::from_le_bytes(b.try_into().unwrap_or_default()));
    let at = match (tag, secs, nanos) {
        (Some(1), Some(secs), Some(nanos)) => Some((secs, nanos)),
        // A day sorts at noon UTC of that day (see `Article::sorts_at`).
        (Some(2), Some(secs), Some(_)) => Some((
            secs.div_euclid(DAY)
                .saturating_mul(DAY)
                .saturating_add(DAY / 2),
            0,
        )),
        _ => None,
    };
    let path = r.bytes().unwrap_or_default();
    let title = r.bytes().unwrap_or_default();
    (std::cmp::Reverse(at), title, path)
}

/// A record's `sorts_at` as seconds and nanoseconds, newest first (undated last).
type Newest = std::cmp::Reverse<Option<(i64, u32)>>;

/// Seconds in a day.
const DAY: i64 = 24 * 60 * 60;

/// Writes a cache file of `entries` to `out`: records newest first, then the table by path.
pub fn write_to(out: &mut impl std::io::Write, mut entries: Vec<Entry>) -> std::io::Result<()> {
    entries.sort_by(|a, b| record_order(&a.record).cmp(&record_order(&b.record)));
    let records_len: usize = entries.iter().map(|e| 4 + e.record.len()).sum();
    out.write_all(&header(entries.len(), records_len))?;
    for e in &entries {
        write_record(out, &e.record)?;
    }
    let mut rows: Vec<(&[u8], Stamp, usize)> = (entries.iter().enumerate())
        .map(|(i, e)| (&e.path[..], e.stamp, i))
        .collect();
    write_table(out, &mut rows)
}

/// The header of a cache file of `count` records, `records_len` bytes in all.
fn header(count: usize, records_len: usize) -> Vec<u8> {
    let mut head = Writer(Vec::with_capacity(64));
    head.0.extend_from_slice(MAGIC);
    head.str(env!("CARGO_PKG_VERSION"));
    head.u64(count as u64);
    head.u64(records_len as u64);
    head.0
}

/// A length that fits the format's `u32`, or the error that says it does not.
fn len32(n: usize) -> std::io::Result<u32> {
    u32::try_from(n).map_err(|_| std::io::Error::other("a cache entry over 4 GiB"))
}

fn write_record(out: &mut impl std::io::Write, record: &[u8]) -> std::io::Result<()> {
    out.write_all(&len32(record.len())?.to_le_bytes())?;
    out.write_all(record)
}

/// The table: a row per (path, stamp, record number), sorted by path here.
fn write_table(
    out: &mut impl std::io::Write,
    rows: &mut [(&[u8], Stamp, usize)],
) -> std::io::Result<()> {
    rows.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut row = Vec::with_capacity(256);
    for &(path, stamp, record) in rows.iter() {
        row.clear();
        row.extend_from_slice(&len32(path.len())?.to_le_bytes());
        row.extend_from_slice(path);
        row.extend_from_slice(&stamp.size.to_le_bytes());
        row.extend_from_slice(&i128::from(stamp.mtime_ns).to_le_bytes());
        row.extend_from_slice(&len32(record)?.to_le_bytes());
        out.write_all(&row)?;
    }
    Ok(())
}

/// Writes the cache at `path` again from the open cache it replaces: the old records that
/// `kept` names (by record number, where its row starts in the old `table`; `u32::MAX` for
/// a record not kept), read back one at a time in file order, merged in the library's order
/// with the `fresh` entries — the file [`write()`] makes of the same entries, without holding
/// the old records. A warm start that found a few new files at a million articles read the
/// whole old records section back (about 300 MB) beside every article: 1.0 GB at its peak.
pub fn write_merged(
    path: &Path,
    mut old: std::fs::File,
    head: Head,
    table: &[u8],
    kept: &[u32],
    fresh: &mut [Entry],
) -> std::io::Result<()> {
    use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
    let damaged = || std::io::Error::new(std::io::ErrorKind::InvalidData, "the old cache changed");
    fresh.sort_by(|a, b| record_order(&a.record).cmp(&record_order(&b.record)));
    let count = kept.iter().filter(|&&at| at != u32::MAX).count() + fresh.len();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    old.seek(SeekFrom::Start(head.len as u64))?;
    let mut records = BufReader::with_capacity(1 << 20, old.take(head.records_len as u64));
    crate::atomic_file::write_atomic_with(path, |file| {
        let mut out = BufWriter::with_capacity(1 << 20, &mut *file);
        // The records' length is known at their end: written then, over this one.
        let head_bytes = header(count, 0);
        out.write_all(&head_bytes)?;
        let mut records_len = 0;
        let mut rows: Vec<(&[u8], Stamp, usize)> = Vec::with_capacity(count);
        let mut fresh = fresh.iter().peekable();
        let mut record = Vec::new();
        // Only as far as the last record kept: past it the old file may be damaged (a warm
        // start keeps the records before a damage and reads the rest from their files).
        let through = kept
            .iter()
            .rposition(|&at| at != u32::MAX)
            .map_or(0, |k| k + 1);
        for (k, &at) in kept.iter().enumerate().take(head.count.min(through)) {
            let mut len = [0; 4];
            records.read_exact(&mut len)?;
            let n = u32::from_le_bytes(len);
            if at == u32::MAX {
                records.seek_relative(n.into())?;
                continue;
            }
            record.resize(n as usize, 0);
            records.read_exact(&mut record)?;
            let row = row_at(table, at)
                .filter(|row| row.record == k)
                .ok_or_else(damaged)?;
            let order = record_order(&record);
            while let Some(e) = fresh.next_if(|e| record_order(&e.record) <= order) {
                write_record(&mut out, &e.record)?;
                records_len += 4 + e.record.len();
                rows.push((&e.path, e.stamp, rows.len()));
            }
            write_record(&mut out, &record)?;
            records_len += 4 + record.len();
            rows.push((row.path, row.stamp, rows.len()));
        }
        for e in fresh {
            write_record(&mut out, &e.record)?;
            records_len += 4 + e.record.len();
            rows.push((&e.path, e.stamp, rows.len()));
        }
        write_table(&mut out, &mut rows)?;
        out.flush()?;
        drop(out);
        file.seek(SeekFrom::Start((head_bytes.len() - 8) as u64))?;
        file.write_all(&(records_len as u64).to_le_bytes())
    })
}

/// A cache file of `entries`, in memory.
pub fn encode(entries: Vec<Entry>) -> Vec<u8> {
    let mut out = Vec::new();
    write_to(&mut out, entries).expect("writing to memory does not fail");
    out
}

/// Writes the cache atomically (temp file, fsync, rename), creating its folder. Streamed to
/// the file: no second copy of the whole cache in memory.
pub fn write(path: &Path, entries: Vec<Entry>) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    crate::atomic_file::write_atomic_with(path, |f| {
        let mut out = std::io::BufWriter::with_capacity(1 << 20, f);
        write_to(&mut out, entries)?;
        out.flush()
    })
}

/// One cached file, decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub path: OsString,
    pub stamp: Stamp,
    pub article: Article,
    pub warnings: Vec<String>,
}

/// Decodes a whole cache, newest first; `None` when anything at all is off (then the cache
/// is rebuilt).
pub fn decode(bytes: &[u8]) -> Option<Vec<Decoded>> {
    let checked = check(bytes)?;
    let mut out: Vec<Option<Decoded>> = vec![None; checked.records.len()];
    for row in &checked.rows {
        let (article, warnings) = decode_record(checked.records[row.record])?;
        out[row.record] = Some(Decoded {
            path: article.path.clone().into_path_buf().into_os_string(),
            stamp: row.stamp,
            article,
            warnings,
        });
    }
    out.into_iter().collect()
}

/// Reads the cache at `path`; `None` when missing or damaged.
pub fn read(path: &Path) -> Option<Vec<Decoded>> {
    decode(&std::fs::read(path).ok()?)
}

// The two functions below are the only ones that know `Article`'s fields.

/// An article and the warnings it was read with, as one record: its date first (see
/// [`record_order`]), then its path ([`record_path`]), then the rest.
pub fn encode_record(a: &Article, warnings: &[String]) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    encode_record_into(a, warnings, &mut out);
    out
}

/// [`encode_record`], appended to `out` (a load packs its records in one buffer:
/// `library::fresh`).
pub fn encode_record_into(a: &Article, warnings: &[String], out: &mut Vec<u8>) {
    let mut w = Writer(std::mem::take(out));
    // 1: an instant, 2: a calendar day (kept as its midnight UTC, see `Article::day_only`).
    let (tag, secs, nanos) = match a.date {
        Some(d) => (
            if a.day_only { 2 } else { 1 },
            d.timestamp(),
            d.timestamp_subsec_nanos(),
        ),
        None => (0, 0, 0),
    };
    w.0.push(tag);
    w.0.extend_from_slice(&secs.to_le_bytes());
    w.0.extend_from_slice(&nanos.to_le_bytes());
    w.bytes(a.path.as_os_str().as_encoded_bytes());
    w.str(&a.title);
    w.opt(a.author.as_deref());
    w.list(&a.categories);
    w.list(&a.flat_categories);
    w.list(&a.tags);
    w.0.push(date_source_code(a.date_source));
    w.opt(a.image.as_deref());
    w.0.push(kind_code(a.front_matter));
    w.u32(a.extra.len());
    for (k, v) in &a.extra {
        w.str(k);
        w.str(v);
    }
    w.list(warnings);
    *out = w.0;
}

/// A record back as its article and warnings; `None` when any field is off or any byte is
/// left over.
pub fn decode_record(record: &[u8]) -> Option<(Article, Vec<String>)> {
    decode_record_with(record, &mut Shared::default())
}

/// [`decode_record`], the fields records repeat (author, categories, tags, other entries)
/// taken from `shared` when it has seen the same bytes before (see [`Shared`]).
pub fn decode_record_with(record: &[u8], shared: &mut Shared) -> Option<(Article, Vec<String>)> {
    let mut r = Reader(record);
    let date_code = r.u8()?;
    let secs = i64::from_le_bytes(r.take(8)?.try_into().ok()?);
    let nanos = u32::from_le_bytes(r.take(4)?.try_into().ok()?);
    let date = match date_code {
        0 => None,
        1 | 2 => Some(DateTime::from_timestamp(secs, nanos)?),
        _ => return None,
    };
    let path = PathBuf::from(unsafe_free_os_string(r.bytes()?.to_vec())?);
    let title = r.str()?.to_owned();
    let author = shared.author(&mut r)?;
    let categories = shared.names(&mut r)?;
    let flat_categories = shared.names(&mut r)?;
    let tags = shared.names(&mut r)?;
    let date_source = date_source_from(r.u8()?)?;
    let image = r.opt()?;
    let front_matter = kind_from(r.u8()?)?;
    let extra = shared.extra(&mut r)?;
    let warnings: Vec<String> = (r.list()?.into_iter()).map(str::to_owned).collect();
    if !r.0.is_empty() {
        return None;
    }
    let article = Article {
        path: path.into(),
        title: title.into(),
        author,
        categories,
        flat_categories,
        tags,
        date,
        day_only: date_code == 2,
        date_source,
        image: image.map(Box::from),
        front_matter,
        extra,
        has_warnings: !warnings.is_empty(),
    };
    Some((article, warnings))
}

/// A path stored in the cache, back as a path (`None` only off Unix, for bytes that are no
/// path there).
pub fn path_from(bytes: &[u8]) -> Option<PathBuf> {
    unsafe_free_os_string(bytes.to_vec()).map(PathBuf::from)
}

/// Paths are stored as the platform's bytes; on Unix any bytes are a valid path.
fn unsafe_free_os_string(bytes: Vec<u8>) -> Option<std::ffi::OsString> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(std::ffi::OsString::from_vec(bytes))
    }
    #[cfg(not(unix))]
    {
        String::from_utf8(bytes).ok().map(Into::into)
    }
}

fn date_source_code(s: DateSource) -> u8 {
    match s {
        DateSource::FrontMatter => 0,
        DateSource::Path => 1,
        DateSource::FileName => 2,
        DateSource::None => 3,
        DateSource::FrontMatterPath => 4,
    }
}

fn date_source_from(c: u8) -> Option<DateSource> {
    [
        DateSource::FrontMatter,
        DateSource::Path,
        DateSource::FileName,
        DateSource::None,
        DateSource::FrontMatterPath,
    ]
    .get(usize::from(c))
    .copied()
}

fn kind_code(k: FrontMatterKind) -> u8 {
    match k {
        FrontMatterKind::Yaml => 0,
        FrontMatterKind::Toml => 1,
        FrontMatterKind::HeaderBlock => 2,
        FrontMatterKind::None => 3,
        FrontMatterKind::Metadata => 4,
    }
}

fn kind_from(c: u8) -> Option<FrontMatterKind> {
    [
        FrontMatterKind::Yaml,
        FrontMatterKind::Toml,
        FrontMatterKind::HeaderBlock,
        FrontMatterKind::None,
        FrontMatterKind::Metadata,
    ]
    .get(usize::from(c))
    .copied()
}

/// Lengths and counts are u32: no field of an article comes near 4 GiB (files are read up
/// to a size limit far below), and at a million entries every byte per field counts.
struct Writer(Vec<u8>);

impl Writer {
    fn u64(&mut self, n: u64) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }
    fn u32(&mut self, n: usize) {
        // Saturating: an impossible length is written as one the reader then finds wrong.
        let n = u32::try_from(n).unwrap_or(u32::MAX);
        self.0.extend_from_slice(&n.to_le_bytes());
    }
    fn bytes(&mut self, b: &[u8]) {
        self.u32(b.len());
        self.0.extend_from_slice(b);
    }
    fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
    fn opt(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.0.push(1);
                self.str(s);
            }
            None => self.0.push(0),
        }
    }
    fn list(&mut self, items: &[impl AsRef<str>]) {
        self.u32(items.len());
        items.iter().for_each(|s| self.str(s.as_ref()));
    }
}

/// Every read is checked: a length past the end, a bad tag or bad UTF-8 is `None`.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = usize::try_from(self.u32()?).ok()?;
        self.take(n)
    }
    /// The bytes `read` moves over, or `None` when it fails.
    fn span(&mut self, read: impl FnOnce(&mut Self) -> Option<()>) -> Option<&'a [u8]> {
        let start = self.0;
        read(self)?;
        Some(&start[..start.len() - self.0.len()])
    }
    /// Borrowed from the record: what ends shared or boxed is copied once, where it is kept.
    fn str(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.bytes()?).ok()
    }
    fn opt(&mut self) -> Option<Option<&'a str>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(self.str()?)),
            _ => None,
        }
    }
    fn list(&mut self) -> Option<Vec<&'a str>> {
        let n = usize::try_from(self.u32()?).ok()?;
        let mut out = Vec::with_capacity(n.min(self.0.len() / 4));
        for _ in 0..n {
            out.push(self.str()?);
        }
        Some(out)
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    /// An article, its warnings and its file's stamp.
    pub(crate) type Item = (Article, Vec<String>, Stamp);

    pub(crate) fn article(i: u32) -> Item {
        let path = PathBuf::from(format!("/lib/文章 {i}.txt"));
        let article = Article {
            path: path.into(),
            title: format!("标题 {i}").into(),
            author: i.is_multiple_of(2).then(|| "作者".into()),
            categories: ["新媒体", "观察者网"].into(),
            flat_categories: Default::default(),
            tags: ["t"].into(),
            date: (!i.is_multiple_of(3)).then(|| {
                Utc.with_ymd_and_hms(2022, 1, 6, 16, 13, 50).unwrap()
                    + chrono::Duration::hours(i64::from(i))
            }),
            day_only: i % 3 == 2,
            date_source: DateSource::FrontMatter,
            image: Some("https://example.com/a.jpg".into()),
            front_matter: FrontMatterKind::Yaml,
            extra: crate::library::intern::Pairs::new([("editor", "x")]),
            has_warnings: i == 1,
        };
        let warnings = if i == 1 {
            vec!["invalid YAML".to_string()]
        } else {
            vec![]
        };
        let stamp = Stamp {
            size: 100 + u64::from(i),
            mtime_ns: -5 + i64::from(i),
        };
        (article, warnings, stamp)
    }

    pub(crate) fn entry((a, warnings, stamp): &Item) -> Entry<'static> {
        Entry {
            path: Cow::Owned(a.path.as_os_str().as_encoded_bytes().to_vec()),
            stamp: *stamp,
            record: Cow::Owned(encode_record(a, warnings)),
        }
    }

    fn file(n: u32) -> (Vec<Item>, Vec<u8>) {
        let items: Vec<_> = (0..n).map(article).collect();
        let bytes = encode(items.iter().map(entry).collect());
        (items, bytes)
    }

    #[test]
    fn a_merged_rewrite_is_the_file_written_whole() {
        let dir = tempfile::tempdir().unwrap();
        let (items, bytes) = file(14);
        let old = dir.path().join("old.bin");
        std::fs::write(&old, &bytes).unwrap();
        let h = head(&bytes).unwrap();
        let table = &bytes[h.len + h.records_len..];
        let offsets = table_offsets(table, h.count).unwrap();
        // Kept: the records of every third article; new: articles the old file lacks, dated
        // so they fall among the kept ones, first and last.
        let mut by_record = vec![u32::MAX; h.count];
        let mut whole: Vec<Entry> = Vec::new();
        for (k, &at) in offsets.iter().enumerate() {
            let row = row_at(table, at).unwrap();
            let (a, w, stamp) = (items.iter())
                .find(|(a, _, _)| a.path.as_os_str().as_encoded_bytes() == row.path)
                .unwrap();
            if a.title.ends_with(['0', '3', '6', '9']) {
                by_record[k] = at;
                whole.push(entry(&(a.clone(), w.clone(), *stamp)));
            }
        }
        let mut fresh: Vec<Entry> = (20..26).map(|i| entry(&article(i))).collect();
        whole.extend(fresh.iter().cloned());
        let merged = dir.path().join("merged.bin");
        let source = std::fs::File::open(&old).unwrap();
        write_merged(&merged, source, h, table, &by_record, &mut fresh).unwrap();
        assert_eq!(std::fs::read(&merged).unwrap(), encode(whole));
        // A row that names another record than the one read back: refused, nothing written.
        by_record.swap(0, 3);
        let source = std::fs::File::open(&old).unwrap();
        let refused = dir.path().join("refused.bin");
        assert!(write_merged(&refused, source, h, table, &by_record, &mut fresh).is_err());
        assert!(!refused.exists());
    }

    #[test]
    fn a_stamp_holds_nanoseconds_and_times_past_its_range_at_its_end() {
        use std::time::{Duration, UNIX_EPOCH};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        let file = std::fs::File::create(&path).unwrap();
        let at = |secs: u64, file: &std::fs::File| {
            file.set_modified(UNIX_EPOCH + Duration::new(secs, 123))
                .unwrap();
            Stamp::of(&std::fs::metadata(&path).unwrap()).mtime_ns
        };
        assert_eq!(at(1_700_000_000, &file), 1_700_000_000_000_000_123);
        // The year 2300: past what nanoseconds in an i64 hold; held at the end, not wrapped.
        assert_eq!(at(10_413_792_000, &file), i64::MAX);
        assert_eq!(std::mem::size_of::<Option<Stamp>>(), 24);
    }

    #[test]
    fn round_trips_newest_first() {
        let (mut items, bytes) = file(20);
        let decoded: Vec<_> = decode(&bytes)
            .unwrap()
            .into_iter()
            .map(|d| (d.article, d.warnings, d.stamp))
            .collect();
        items.sort_by(|(a, _, _), (b, _, _)| crate::library::sort_key(a, b));
        assert_eq!(decoded, items);
    }

    #[test]
    fn records_are_written_in_the_library_order() {
        // Ties of instant and title, a day against instants of that day, undated articles.
        let at = |h| Utc.with_ymd_and_hms(2024, 3, 9, h, 0, 0).unwrap();
        let mut articles = Vec::new();
        for (i, (title, date, day_only)) in [
            ("乙", Some(at(6)), false),
            ("甲", Some(at(6)), false),
            ("一天", Some(at(0)), true),
            ("午后", Some(at(13)), false),
            ("上午", Some(at(11)), false),
            ("无日期 b", None, false),
            ("无日期 a", None, false),
        ]
        .into_iter()
        .enumerate()
        {
            let mut a = Article::new(format!("/lib/{}.md", 9 - i), title);
            (a.date, a.day_only) = (date, day_only);
            articles.push(a);
        }
        let mut same_title = Article::new("/lib/0.md", "甲");
        same_title.date = Some(at(6));
        articles.push(same_title);
        let entries = (articles.iter())
            .map(|a| Entry {
                path: Cow::Owned(a.path.as_os_str().as_encoded_bytes().to_vec()),
                stamp: Stamp {
                    size: 1,
                    mtime_ns: 1,
                },
                record: Cow::Owned(encode_record(a, &[])),
            })
            .collect();
        let in_file: Vec<Article> = (decode(&encode(entries)).unwrap().into_iter())
            .map(|d| d.article)
            .collect();
        let mut sorted = articles.clone();
        crate::library::sort_newest_first(&mut sorted);
        assert_eq!(in_file, sorted);
        assert_eq!(&*in_file[1].title, "一天", "a day sorts at its noon");
    }

    #[test]
    fn the_table_is_sorted_by_path_and_names_each_record() {
        let (items, bytes) = file(12);
        let checked = check(&bytes).unwrap();
        let paths: Vec<&[u8]> = checked.rows.iter().map(|r| r.path).collect();
        let mut sorted = paths.clone();
        sorted.sort();
        assert_eq!(paths, sorted);
        for row in &checked.rows {
            let (a, _, stamp) = items
                .iter()
                .find(|(a, _, _)| a.path.as_os_str().as_encoded_bytes() == row.path)
                .unwrap();
            assert_eq!(row.stamp, *stamp);
            let (back, _) = decode_record(checked.records[row.record]).unwrap();
            assert_eq!(back, *a);
        }
    }

    #[test]
    fn any_cut_or_addition_is_detected() {
        let (_, bytes) = file(3);
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut]).is_none(), "truncated at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer).is_none(), "trailing bytes");
        let mut wrong = bytes.clone();
        wrong[8] ^= 0xff;
        assert!(decode(&wrong).is_none(), "version field");
    }

    #[test]
    fn any_cut_of_a_record_is_detected() {
        let (a, w, _) = article(1);
        let record = encode_record(&a, &w);
        assert_eq!(decode_record(&record), Some((a, w)));
        for cut in 0..record.len() {
            assert_eq!(decode_record(&record[..cut]), None, "cut at {cut}");
        }
        let mut longer = record.clone();
        longer.push(0);
        assert_eq!(decode_record(&longer), None, "trailing byte");
    }

    /// Where each record's row starts in a well-formed table, by record number.
    fn table_offsets(table: &[u8], count: usize) -> Option<Vec<u32>> {
        let mut offsets = vec![u32::MAX; count];
        for (at, row) in cursor_rows(table, 64) {
            *offsets.get_mut(row.record)? = at;
        }
        Some(offsets)
    }

    #[test]
    fn row_hashes_are_of_each_records_row_and_refuse_what_table_rows_does() {
        let (_, bytes) = file(9);
        let h = head(&bytes).unwrap();
        let table = &bytes[h.len + h.records_len..];
        let rows = table_rows(table, h.count).unwrap();
        let hash = |path: &[u8]| crate::hash::fnv1a64(path);
        let (hashes, len) = row_hashes(table, h.count, hash).unwrap();
        assert_eq!(len, table.len() as u64);
        for row in &rows {
            assert_eq!(hashes[row.record], hash(row.path));
        }
        // What `table_rows` refuses, the hashes refuse too.
        let damaged = |bytes: &[u8]| row_hashes(&bytes[h.len + h.records_len..], h.count, hash);
        let at = record_numbers_at(&bytes);
        let mut twice = bytes.clone();
        twice.copy_within(at[0]..at[0] + 4, at[1]);
        assert_eq!(damaged(&twice), None, "a record named twice");
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(damaged(&longer), None, "a trailing byte");
        assert_eq!(damaged(&bytes[..bytes.len() - 1]), None, "a cut row");
        assert_eq!(
            row_hashes(table, h.count + 1, hash),
            None,
            "a record with no row"
        );
        let mut beyond = bytes.clone();
        beyond[at[0]..at[0] + 4].copy_from_slice(&(h.count as u32).to_le_bytes());
        assert_eq!(damaged(&beyond), None, "a record number past the last");
    }

    /// Every row a cursor yields, with where it starts, read `piece` bytes at a time.
    fn cursor_rows(table: &[u8], piece: usize) -> Vec<(u32, Row<'static>)> {
        let mut cursor = TableCursor::new(table, piece);
        let mut out = Vec::new();
        while let Some((at, row)) = cursor.current() {
            let path: &'static [u8] = row.path.to_vec().leak();
            out.push((at, Row { path, ..row }));
            cursor.advance();
        }
        out
    }

    #[test]
    fn the_table_cursor_reads_the_rows_in_order_whatever_the_piece() {
        let (_, bytes) = file(40);
        let h = head(&bytes).unwrap();
        let table = &bytes[h.len + h.records_len..];
        let rows = table_rows(table, h.count).unwrap();
        let offsets = table_offsets(table, h.count).unwrap();
        // Pieces smaller than a row, a row and a bit, and the whole table at once.
        for piece in [1, 7, 50, 97, table.len()] {
            let got = cursor_rows(table, piece);
            assert_eq!(got.len(), rows.len(), "piece {piece}");
            for ((at, row), want) in got.iter().zip(&rows) {
                assert_eq!(row, want, "piece {piece}");
                assert_eq!(*at, offsets[want.record], "piece {piece}");
            }
        }
        // A row cut short ends the rows before it; a path out of order ends them there.
        let cut = cursor_rows(&table[..table.len() - 1], 7);
        assert_eq!(cut.len(), rows.len() - 1);
        let second = offsets[rows[1].record] as usize;
        let mut swapped = table.to_vec();
        let first_row = &table[..second];
        let rest = &table[second..];
        let len = u32::from_le_bytes(rest[..4].try_into().unwrap()) as usize;
        let second_row = &rest[..4 + len + 28];
        swapped[..second_row.len()].copy_from_slice(second_row);
        swapped[second_row.len()..second_row.len() + first_row.len()].copy_from_slice(first_row);
        assert_eq!(
            cursor_rows(&swapped, 7).len(),
            1,
            "the second path is before the first"
        );
    }

    /// The offset of each table row's record number, in a file `encode` wrote.
    fn record_numbers_at(bytes: &[u8]) -> Vec<usize> {
        let h = head(bytes).unwrap();
        let mut at = h.len + h.records_len;
        let mut out = Vec::new();
        while at < bytes.len() {
            let n = u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
            at += 4 + n + 8 + 16;
            out.push(at);
            at += 4;
        }
        out
    }

    #[test]
    fn a_table_that_does_not_match_its_records_is_refused() {
        let (_, bytes) = file(4);
        let at = record_numbers_at(&bytes);
        assert_eq!(at.len(), 4);
        // Two rows swap records: each row now names a record of another path.
        let mut swapped = bytes.clone();
        let (a, b) = (at[0], at[1]);
        let first: [u8; 4] = bytes[a..a + 4].try_into().unwrap();
        swapped.copy_within(b..b + 4, a);
        swapped[b..b + 4].copy_from_slice(&first);
        assert!(check(&swapped).is_none(), "rows swapped");
        // A record number past the end.
        let mut past = bytes.clone();
        past[at[2]..at[2] + 4].copy_from_slice(&9u32.to_le_bytes());
        assert!(check(&past).is_none(), "record out of range");
        assert!(check(&bytes).is_some());
    }
}
