//! Reading the metadata cache at a warm start: the first block's articles at once, then the
//! table (a hash of each record's row path, the table not held), then the rest of the
//! records streamed — each compared with its table row and decoded as it goes by, its bytes
//! let go.
//!
//! The records are most of the file (365 MB at a million articles). Read whole, they were
//! the largest single allocation of the reader's life, held while every article was built
//! beside them; streamed, a few megabytes are held at a time. The table (92 MB) held the
//! same way was the reader's peak until the walk finished; its rows are now read again by
//! the check, a piece at a time.
//!
//! What is trusted is unchanged: a row's stamp is used only for a record whose path was seen
//! to equal the row's (by a keyed 64-bit hash); when the table is not well formed, or a
//! record sent before the table was read does not match it, nothing is trusted and every
//! file is read again (the paths of the records sent say what the reader holds).

use super::Article;
use super::cache::{self, Row, Stamp};
use super::loader::{BATCH, LoadEvent};
use super::problem::Problem;
use rayon::prelude::*;
use std::io::{Read, Seek, SeekFrom};
use std::sync::Mutex;

/// Bytes of the cache read before its first articles are sent: a first batch's worth of
/// records (a few hundred bytes each), small enough to read at once.
/// (Small in tests, so that a few hundred records cross several reads.)
const FIRST_READ: u64 = if cfg!(test) { 2 << 10 } else { 1 << 20 };

/// Bytes of records read at a time after the first block.
const CHUNK: usize = if cfg!(test) { 4 << 10 } else { 8 << 20 };

/// Records decoded per piece of work, and per group of pieces decoded at once (small in
/// tests, so that a read crosses several of each).
const PER_BATCH: usize = if cfg!(test) { 3 } else { BATCH };
const PER_GROUP: usize = PER_BATCH * if cfg!(test) { 2 } else { 8 };

/// What the cache held, for the check: its table's rows (or, when the file failed its check,
/// rows made from the paths of the records sent, which only say what the reader holds:
/// every file is then read again), and how many records went to the sink — always the first
/// ones of the file.
#[derive(Default)]
pub(super) struct Cached<'a> {
    pub rows: Rows<'a>,
    pub sent: usize,
    /// True when the table passed its check.
    pub trusted: bool,
    /// True when the file must be written again even if no file changed.
    pub stale: bool,
    /// The open cache file, to copy unchanged records from when it is rewritten (the same
    /// file even if another gazette has replaced it since).
    pub source: Option<(std::fs::File, cache::Head)>,
}

/// The rows the walk is checked against, in path order.
pub(super) enum Rows<'a> {
    /// The table of a trusted file, by where it is in the cache file: read again a piece at
    /// a time as the check goes ([`cache::TableCursor`]), so it is not held while the walk
    /// finishes.
    Table { at: u64, len: u64 },
    /// Rows made from the paths of the records sent, with no stamp to trust.
    Sent(Vec<Row<'a>>),
}

impl Default for Rows<'_> {
    fn default() -> Self {
        Rows::Sent(Vec::new())
    }
}

/// Bytes of the table read at a time by the check.
const TABLE_PIECE: usize = if cfg!(test) { 512 } else { 1 << 20 };

impl<'a> Rows<'a> {
    pub fn is_empty(&self) -> bool {
        match self {
            Rows::Table { len, .. } => *len == 0,
            Rows::Sent(rows) => rows.is_empty(),
        }
    }

    /// The rows in path order, each with where it starts in the table ([`cache::row_at`]
    /// reads it again from there; rows of sent paths, never trusted, say 0). `file` is the
    /// cache file the table is in.
    pub fn cursor<'c>(&'c self, file: Option<&'c std::fs::File>) -> RowCursor<'c> {
        match (self, file) {
            (Rows::Table { at, len }, Some(mut file)) => {
                let source = match file.seek(SeekFrom::Start(*at)) {
                    Ok(_) => file.take(*len),
                    // Nothing to read: no row, every file is read again.
                    Err(_) => file.take(0),
                };
                RowCursor::Table(cache::TableCursor::new(source, TABLE_PIECE))
            }
            (Rows::Table { .. }, None) => RowCursor::Sent(&[]),
            (Rows::Sent(rows), _) => RowCursor::Sent(rows),
        }
    }

    /// The whole table again, for a rewrite that copies rows by where they start; empty for
    /// rows of sent paths (never kept) or when it cannot be read.
    pub fn table_bytes(&self, mut file: &std::fs::File) -> Vec<u8> {
        let mut table = Vec::new();
        if let Rows::Table { at, len } = self
            && file.seek(SeekFrom::Start(*at)).is_ok()
            && file.take(*len).read_to_end(&mut table).is_err()
        {
            table.clear();
        }
        table
    }
}

/// [`Rows`] walked in path order: a lending cursor (a row read from the file borrows the
/// piece it was read into).
pub(super) enum RowCursor<'a> {
    Table(cache::TableCursor<std::io::Take<&'a std::fs::File>>),
    Sent(&'a [Row<'a>]),
}

impl RowCursor<'_> {
    /// The current row and where it starts in the table; `None` past the last.
    pub fn current(&self) -> Option<(u32, Row<'_>)> {
        match self {
            RowCursor::Table(t) => t.current(),
            RowCursor::Sent(rows) => rows.first().map(|row| (0, *row)),
        }
    }

    pub fn advance(&mut self) {
        match self {
            RowCursor::Table(t) => t.advance(),
            RowCursor::Sent(rows) => *rows = rows.get(1..).unwrap_or_default(),
        }
    }
}

/// Opens the cache and reads its first block; `None` when it is missing or its header is not
/// this version's.
pub(super) fn open_cache(path: &std::path::Path) -> Option<(std::fs::File, Vec<u8>, cache::Head)> {
    let mut file = std::fs::File::open(path).ok()?;
    let mut buf = Vec::with_capacity(FIRST_READ as usize);
    file.by_ref().take(FIRST_READ).read_to_end(&mut buf).ok()?;
    let head = cache::head(&buf)?;
    Some((file, buf, head))
}

/// Sends the cache's articles, newest first: those of the first block at once, then the
/// rest as they are read. The file's table is read to check the records as they go by and
/// let go at the end (the check reads it again, a piece at a time); when it cannot be
/// trusted, `sent_paths` is filled with the paths of the records sent.
pub(super) fn read_cached<'a>(
    mut file: std::fs::File,
    mut front: Vec<u8>,
    head: cache::Head,
    sent_paths: &'a mut Vec<u8>,
    sink: &mut dyn FnMut(LoadEvent),
) -> Cached<'a> {
    sink(LoadEvent::Expect(head.count));
    let end = head.len.saturating_add(head.records_len);
    // Bytes of the file in `front` so far (the table, if it came along, is split off).
    let mut offset = front.len();
    // Paths are compared by a keyed hash (random per run): equal hashes of unequal paths
    // are a one in 2^64 chance, and never a matter of what a file holds.
    let state = std::hash::RandomState::new();
    let hash = |path: &[u8]| std::hash::BuildHasher::hash_one(&state, path);
    // A table that came along with the first block (a small cache) is split off it.
    let table_read = (front.len() > end).then(|| front.split_off(end));
    // The top of the list, from the first block, before anything else is read.
    let firsts: Vec<&[u8]> = cache::records(front.get(head.len..).unwrap_or_default())
        .take(BATCH.min(head.count))
        .collect();
    let decoders = Decoders::new();
    let mut sent = send_records(&firsts, 0, &|_, _| true, &decoders, sink);
    let mut sending = sent == firsts.len();
    // For each record number, its row's path hashed (the table itself is not held).
    let hashes = match table_read {
        Some(table) => cache::row_hashes(table.as_slice(), head.count, hash),
        None => {
            let read = (file.seek(SeekFrom::Start(end as u64)).ok())
                .and_then(|_| cache::row_hashes(&file, head.count, hash));
            // Back to the records (a read error leaves the table short: not trusted).
            let back = file.seek(SeekFrom::Start(offset as u64)).is_ok();
            read.filter(|_| back)
        }
    };
    let matches = |k: usize, record: &[u8]| {
        let row = (hashes.as_ref()).and_then(|(h, _)| h.get(k));
        row.is_some_and(|&row| cache::record_path(record).is_some_and(|p| hash(p) == row))
    };
    let trusted = hashes.is_some()
        && firsts[..sent]
            .iter()
            .enumerate()
            .all(|(k, r)| matches(k, r));
    if !trusted {
        note_sent(&firsts[..sent], sent_paths);
    }
    // The rest, a chunk at a time: `pos` is where the next record starts in `front`.
    let mut pos = head.len + firsts.iter().map(|r| 4 + r.len()).sum::<usize>();
    let mut consumed = firsts.len();
    drop(firsts);
    while sending && consumed < head.count {
        let have = &front[pos.min(front.len())..];
        let batch: Vec<&[u8]> = cache::records(have).take(head.count - consumed).collect();
        // Trusted records only: sending stops before the first whose path is not its row's
        // (compared on the workers, beside the decoding).
        let n = match trusted {
            true => send_records(&batch, consumed, &matches, &decoders, sink),
            false => send_records(&batch, consumed, &|_, _| true, &decoders, sink),
        };
        if !trusted {
            note_sent(&batch[..n], sent_paths);
        }
        sent += n;
        sending &= n == batch.len();
        consumed += batch.len();
        pos += batch.iter().map(|r| 4 + r.len()).sum::<usize>();
        drop(batch);
        if !sending || consumed == head.count || offset >= end {
            break;
        }
        // Keep the incomplete record at the end, read the next chunk after it.
        front.drain(..pos);
        pos = 0;
        let want = CHUNK.min(end - offset);
        let before = front.len();
        // Room for the whole chunk first: read into it once, no growing copy by copy.
        front.reserve(want);
        let _ = file.by_ref().take(want as u64).read_to_end(&mut front);
        offset += front.len() - before;
        if front.len() == before {
            break;
        }
    }
    // Records that do not fill their section exactly: the file is written anew.
    let exact = consumed == head.count && offset.min(end) == end && pos == front.len();
    let sent_paths: &'a Vec<u8> = sent_paths;
    let rows = match (trusted, &hashes) {
        (true, Some((_, len))) => Rows::Table {
            at: end as u64,
            len: *len,
        },
        _ => Rows::Sent(paths_sent(sent_paths)),
    };
    Cached {
        rows,
        sent,
        trusted,
        stale: !trusted || sent < head.count || !exact,
        source: Some((file, head)),
    }
}

/// Adds the paths of `records` to `paths`, each after its length (see [`paths_sent`]).
fn note_sent(records: &[&[u8]], paths: &mut Vec<u8>) {
    for path in records.iter().filter_map(|r| cache::record_path(r)) {
        paths.extend_from_slice(&(path.len() as u64).to_le_bytes());
        paths.extend_from_slice(path);
    }
}

/// Rows for the paths of the records sent (each written after its length), sorted: what the
/// reader holds, to be checked against the walk with no stamp to trust.
fn paths_sent(mut bytes: &[u8]) -> Vec<Row<'_>> {
    let mut rows = Vec::new();
    while let Some((len, rest)) = bytes.split_first_chunk::<8>() {
        let len = usize::try_from(u64::from_le_bytes(*len)).unwrap_or(usize::MAX);
        let Some(path) = rest.get(..len) else {
            break;
        };
        rows.push(Row {
            path,
            stamp: Stamp {
                size: 0,
                mtime_ns: 0,
            },
            // Any number below `sent`: the reader holds it.
            record: 0,
        });
        bytes = &rest[len..];
    }
    rows.sort_unstable_by(|a, b| a.path.cmp(b.path));
    rows.dedup_by(|a, b| a.path == b.path);
    rows
}

/// One [`cache::Shared`] per worker thread, kept for the whole read: the values records
/// repeat are met again across batches, and a memo per batch would learn them anew each
/// time. Dropped with the read, so it holds no shared string longer than the articles do.
struct Decoders(Vec<Mutex<cache::Shared>>);

impl Decoders {
    fn new() -> Decoders {
        // One more than the pool's threads, for a caller outside it.
        let n = rayon::current_num_threads() + 1;
        Decoders((0..n).map(|_| Mutex::default()).collect())
    }

    /// The calling thread's memo (each thread takes only its own: the lock is never waited on).
    fn mine(&self) -> std::sync::MutexGuard<'_, cache::Shared> {
        let last = self.0.len() - 1;
        let i = rayon::current_thread_index().map_or(last, |i| i.min(last));
        self.0[i].lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Decodes records (in parallel, a few batches at a time) and sends them in file order;
/// stops at the first that does not decode or that `check` refuses (given its number in the
/// file: `records` start at number `first`). Returns how many were sent.
fn send_records(
    records: &[&[u8]],
    first: usize,
    check: &(dyn Fn(usize, &[u8]) -> bool + Sync),
    decoders: &Decoders,
    sink: &mut dyn FnMut(LoadEvent),
) -> usize {
    let mut sent = 0;
    for (g, group) in records.chunks(PER_GROUP).enumerate() {
        let batches: Vec<_> = (group.par_chunks(PER_BATCH).enumerate())
            .map(|(b, batch)| {
                let number = |k: usize| first + g * PER_GROUP + b * PER_BATCH + k;
                let good = (batch.iter().enumerate())
                    .take_while(|&(k, r)| check(number(k), r))
                    .count();
                let (articles, problems, whole) =
                    decode_batch(&batch[..good], &mut decoders.mine());
                (articles, problems, whole && good == batch.len())
            })
            .collect();
        for (articles, problems, whole) in batches {
            sent += articles.len();
            if !articles.is_empty() {
                sink(LoadEvent::Articles(articles, problems));
            }
            if !whole {
                return sent;
            }
        }
    }
    sent
}

/// The articles of `records` up to the first that does not decode; true when all did.
fn decode_batch(
    records: &[&[u8]],
    shared: &mut cache::Shared,
) -> (Vec<Article>, Vec<Problem>, bool) {
    let mut articles = Vec::with_capacity(records.len());
    let mut problems = Vec::new();
    for r in records {
        let Some((article, warnings)) = cache::decode_record_with(r, shared) else {
            return (articles, problems, false);
        };
        problems.extend(
            warnings
                .into_iter()
                .map(|w| Problem::warning(&*article.path, w)),
        );
        articles.push(article);
    }
    (articles, problems, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::cache::tests::{article, entry};
    use std::borrow::Cow;

    const N: u32 = 300;

    /// A cache of `N` articles in which the table row of the record at `tampered` (in file
    /// order) names another path; the paths of the records in file order.
    fn cache_file(
        dir: &std::path::Path,
        tampered: Option<usize>,
    ) -> (std::path::PathBuf, Vec<Vec<u8>>) {
        let items: Vec<_> = (0..N).map(article).collect();
        let plain = cache::encode(items.iter().map(entry).collect());
        let order: Vec<Vec<u8>> = cache::decode(&plain)
            .unwrap()
            .into_iter()
            .map(|d| d.path.into_encoded_bytes())
            .collect();
        let mut entries: Vec<_> = items.iter().map(entry).collect();
        if let Some(k) = tampered {
            let e = entries.iter_mut().find(|e| *e.path == *order[k]).unwrap();
            e.path = Cow::Owned(b"/lib/another.txt".to_vec());
        }
        let path = dir.join("library.bin");
        std::fs::write(&path, cache::encode(entries)).unwrap();
        (path, order)
    }

    /// The rows `cached` holds, in the order the check meets them.
    fn rows(cached: &Cached) -> Vec<Row<'static>> {
        let mut cursor = cached.rows.cursor(cached.source.as_ref().map(|(f, _)| f));
        let mut out = Vec::new();
        while let Some((_, row)) = cursor.current() {
            let path: &'static [u8] = row.path.to_vec().leak();
            out.push(Row { path, ..row });
            cursor.advance();
        }
        out
    }

    /// Reads the cache as a warm start does: the paths sent in order, and what it held.
    fn read(path: &std::path::Path, check: impl FnOnce(&Cached)) -> Vec<Vec<u8>> {
        let (file, front, head) = open_cache(path).unwrap();
        let mut sent_paths = Vec::new();
        let mut got = Vec::new();
        let cached = read_cached(file, front, head, &mut sent_paths, &mut |e| {
            if let LoadEvent::Articles(a, _) = e {
                got.extend(
                    a.iter()
                        .map(|a| a.path.as_os_str().as_encoded_bytes().to_vec()),
                );
            }
        });
        check(&cached);
        got
    }

    #[test]
    fn every_record_is_streamed_in_order_and_the_table_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let (path, order) = cache_file(dir.path(), None);
        assert!(std::fs::metadata(&path).unwrap().len() > 4 * CHUNK as u64);
        let got = read(&path, |c| {
            assert!(c.trusted && !c.stale && c.sent == N as usize);
            let rows = rows(c);
            assert_eq!(rows.len(), N as usize);
            // Read again from the file, in path order, each naming its record's path.
            assert!(rows.windows(2).all(|w| w[0].path < w[1].path));
            assert!(rows.iter().all(|r| r.path == order[r.record].as_slice()));
        });
        assert_eq!(got, order);
    }

    #[test]
    fn a_row_naming_another_path_stops_the_stream_at_its_record() {
        let dir = tempfile::tempdir().unwrap();
        let (path, order) = cache_file(dir.path(), Some(200));
        let got = read(&path, |c| {
            assert!(c.trusted && c.stale && c.sent == 200);
            assert!(rows(c).iter().all(|r| r.path != order[200].as_slice()));
        });
        assert_eq!(got, order[..200]);
    }

    #[test]
    fn a_mismatch_in_the_first_block_trusts_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (path, order) = cache_file(dir.path(), Some(1));
        let got = read(&path, |c| {
            assert!(!c.trusted && c.stale && c.sent == N as usize);
            // The rows are the paths the reader holds, with no stamp to trust.
            let rows = rows(c);
            assert_eq!(rows.len(), N as usize);
            assert!(rows.iter().all(|r| r.stamp.size == 0));
        });
        assert_eq!(got, order);
    }

    #[test]
    fn a_damaged_table_or_cut_records_trust_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (path, order) = cache_file(dir.path(), None);
        let whole = std::fs::read(&path).unwrap();
        std::fs::write(&path, &whole[..whole.len() - 1]).unwrap();
        let got = read(&path, |c| {
            assert!(!c.trusted && c.stale && c.sent == N as usize)
        });
        assert_eq!(got, order);
        // Cut in the middle of the records: those before the cut are sent, nothing trusted.
        std::fs::write(&path, &whole[..whole.len() / 2]).unwrap();
        let got = read(&path, |c| assert!(!c.trusted && c.stale));
        assert!(got.len() > 10 && got.len() < N as usize, "{}", got.len());
        assert_eq!(got, order[..got.len()]);
    }
}
