//! The chunks' runs → one sorted table of postings: every key once, with its postings from
//! each chunk that has it, in chunk order.
//!
//! Why the chunks' postings are copied and not re-encoded: a chunk's documents are numbered
//! from 0 inside it, and the chunk's number gives their base, so a key's postings are the
//! chunks' payloads one after the other, each after its chunk's number (as a delta). The
//! merge is then a k-way merge of the runs' sorted keys and a copy of bytes: no number of a
//! posting is read.
//!
//! The runs are read from their file a window at a time (a million articles make gigabytes
//! of runs; only a window of each is in memory).

use super::chunk::SPLITS;
use super::varint::{get, put};
use rayon::prelude::*;
use std::fs::File;
use std::io::Write;
use std::os::unix::fs::FileExt;

/// Where a run lies in the runs file, and which chunk it is (its documents are
/// `chunk * CHUNK_DOCS ..`).
#[derive(Debug, Clone, Copy)]
pub struct RunAt {
    pub chunk: u32,
    pub offset: u64,
    pub len: u64,
    /// Where its parts begin, from the run's start (`chunk::SPLITS`).
    pub splits: [usize; SPLITS.len()],
}

impl RunAt {
    /// The bytes of part `part` (of `PARTS`), in the runs file.
    fn part(&self, part: usize) -> std::ops::Range<u64> {
        let start = if part == 0 { 8 } else { self.splits[part - 1] };
        let end = self.splits.get(part).copied().unwrap_or(self.len as usize);
        self.offset + start as u64..self.offset + end as u64
    }
}

/// A run's parts: its words, then one after each of `SPLITS`.
pub const PARTS: usize = SPLITS.len() + 1;

/// What a merge wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct Merged {
    pub keys: u64,
    pub bytes: u64,
}

/// A part's directory, written beside it (see `segment`): for the words' part every word
/// (its length, its bytes, its entry's offset: a word term is looked for in every word that
/// contains it); for the other parts every [`EVERY`]th key, its first included (the key and
/// its entry's offset, eight bytes each, little-endian: a key is found by a binary search
/// there, then at most `EVERY` entries read).
pub type Directory = Vec<u8>;

/// One key in this many goes into a numeric part's directory.
pub const EVERY: u64 = 16;

/// Bytes of a run read at a time (more when one entry is larger).
const WINDOW: usize = 64 << 10;

/// One run being read: its current entry's key (in merge order: a word by its bytes, any
/// other key by its number) and payload, inside `buf`.
struct Cursor<'f> {
    file: &'f File,
    chunk: u32,
    /// File offset of the first byte not in `buf`; `end`: of the run's end.
    next: u64,
    end: u64,
    buf: Vec<u8>,
    at: usize,
    /// The current entry: its key in merge order, its key as the run wrote it, its payload
    /// (offsets into `buf`).
    order: Vec<u8>,
    /// A key other than a word's, as its number (`order` then empty): compared without
    /// touching bytes. Every key of a part is of one sort (words are part 0 alone).
    num: u64,
    raw: std::ops::Range<usize>,
    payload: std::ops::Range<usize>,
}

impl<'f> Cursor<'f> {
    /// At the first entry of `bytes` (whole entries) of the runs file, from chunk `chunk`.
    fn open(
        file: &'f File,
        chunk: u32,
        bytes: std::ops::Range<u64>,
    ) -> std::io::Result<Option<Cursor<'f>>> {
        Cursor {
            file,
            chunk,
            next: bytes.start,
            end: bytes.end,
            buf: Vec::new(),
            at: 0,
            order: Vec::new(),
            num: 0,
            raw: 0..0,
            payload: 0..0,
        }
        .advance()
    }

    /// At least `n` bytes from `at` in `buf`, or every byte to the run's end.
    fn ensure(&mut self, n: usize) -> std::io::Result<()> {
        if self.buf.len() - self.at >= n || self.next == self.end {
            return Ok(());
        }
        self.buf.drain(..self.at);
        self.at = 0;
        let want = (n - self.buf.len()).max(WINDOW) as u64;
        let take = want.min(self.end - self.next) as usize;
        let have = self.buf.len();
        self.buf.resize(have + take, 0);
        self.file.read_exact_at(&mut self.buf[have..], self.next)?;
        self.next += take as u64;
        Ok(())
    }

    /// The next entry, or `None` at the run's end.
    fn advance(mut self) -> std::io::Result<Option<Cursor<'f>>> {
        if self.at == self.buf.len() && self.next == self.end {
            return Ok(None);
        }
        // A key (at most 1 + 10 + 255 bytes) and the payload's length (at most 10).
        self.ensure(300)?;
        let start = self.at;
        let bytes = &self.buf;
        let mut at = start;
        let first = *bytes.get(at).ok_or_else(|| damaged("key"))?;
        self.order.clear();
        if first == 0 {
            at += 1;
            let len = get(bytes, &mut at).ok_or_else(|| damaged("word length"))? as usize;
            let word = bytes.get(at..at + len).ok_or_else(|| damaged("word"))?;
            self.order.push(0);
            self.order.extend_from_slice(word);
            at += len;
        } else {
            let k = bytes.get(at..at + 8).ok_or_else(|| damaged("key"))?;
            let k = u64::from_be_bytes(k.try_into().expect("8 bytes"));
            match super::key::short_word_bytes(k) {
                Some((w, len)) => {
                    self.order.push(0);
                    self.order.extend_from_slice(&w[..len]);
                }
                None => self.num = k,
            }
            at += 8;
        }
        let raw_end = at;
        let len = get(bytes, &mut at).ok_or_else(|| damaged("payload length"))? as usize;
        let payload_at = at - start;
        self.ensure(payload_at + len)?;
        let start = self.at;
        if self.buf.len() < start + payload_at + len {
            return Err(damaged("payload"));
        }
        self.raw = start..start + (raw_end - (at - payload_at));
        self.payload = start + payload_at..start + payload_at + len;
        self.at = start + payload_at + len;
        Ok(Some(self))
    }
}

fn damaged(what: &str) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        format!("damaged run: {what}"),
    )
}

/// Merges the runs `runs` of `runs_file`, a part at a time on every core, each part into
/// its own output (`out(part)`): the parts one after the other are the table, in key order.
pub fn merge_runs<W: Write + Send>(
    runs_file: &File,
    runs: &[RunAt],
    out: impl Fn(usize) -> std::io::Result<W> + Sync,
) -> std::io::Result<Vec<(Merged, Directory, W)>> {
    (0..PARTS)
        .into_par_iter()
        .map(|part| {
            let t = std::time::Instant::now();
            let m = merge_part(runs_file, runs, part, out(part)?)?;
            if std::env::var_os("GAZETTE_BENCH_PARTS").is_some() {
                eprintln!(
                    "part {part}: {} keys, {} MB, {:.2?}",
                    m.0.keys,
                    m.0.bytes >> 20,
                    t.elapsed()
                );
            }
            Ok(m)
        })
        .collect()
}

/// Merges part `part` of every run into `out`: per key (in order), the key as the runs write
/// it, the length of what follows, then for each chunk holding the key (in chunk order) the
/// chunk number's distance from the previous one, the payload's length and the payload.
fn merge_part<W: Write>(
    runs_file: &File,
    runs: &[RunAt],
    part: usize,
    out: W,
) -> std::io::Result<(Merged, Directory, W)> {
    let mut directory = Directory::new();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, out);
    let mut heap: Vec<Cursor> = Vec::with_capacity(runs.len());
    for run in runs {
        if let Some(c) = Cursor::open(runs_file, run.chunk, run.part(part))? {
            heap.push(c);
        }
    }
    // A binary min-heap on (key, chunk), kept by hand: the cursors move in and out of it.
    // A part's keys are all words or all numbers, and the numbers are compared alone: the
    // tuple with the (empty) words' bytes in it called memcmp for every comparison, a
    // sixth of a build at a million articles.
    let words = part == 0;
    let before = |a: &Cursor, b: &Cursor| {
        if words {
            (a.order.as_slice(), a.chunk) < (b.order.as_slice(), b.chunk)
        } else {
            (a.num, a.chunk) < (b.num, b.chunk)
        }
    };
    let same_key = |a: &Cursor, b: &Cursor| {
        if words {
            a.order == b.order
        } else {
            a.num == b.num
        }
    };
    for i in (0..heap.len() / 2).rev() {
        sift_down(&mut heap, i, before);
    }
    let mut merged = Merged::default();
    // The cursors at the least key, in chunk order; their postings are written from their
    // own buffers, once the length of them all is known.
    let mut same: Vec<Cursor> = Vec::new();
    let mut head = Vec::with_capacity(30);
    while !heap.is_empty() {
        same.clear();
        loop {
            let top = heap.swap_remove(0);
            sift_down(&mut heap, 0, before);
            same.push(top);
            let first = &same[0];
            if !heap.first().is_some_and(|c| same_key(c, first)) {
                break;
            }
        }
        let mut len = 0;
        let mut chunk_before = 0;
        for c in &same {
            len +=
                varint_len(u64::from(c.chunk - chunk_before)) + varint_len(c.payload.len() as u64);
            len += c.payload.len();
            chunk_before = c.chunk;
        }
        if part == 0 {
            let word = &same[0].order[1..];
            put(&mut directory, word.len() as u64);
            directory.extend_from_slice(word);
            put(&mut directory, merged.bytes);
        } else if merged.keys % EVERY == 0 {
            directory.extend_from_slice(&same[0].num.to_le_bytes());
            directory.extend_from_slice(&merged.bytes.to_le_bytes());
        }
        out.write_all(&same[0].buf[same[0].raw.clone()])?;
        head.clear();
        put(&mut head, len as u64);
        out.write_all(&head)?;
        let mut chunk_before = 0;
        for c in &same {
            head.clear();
            put(&mut head, u64::from(c.chunk - chunk_before));
            put(&mut head, c.payload.len() as u64);
            out.write_all(&head)?;
            out.write_all(&c.buf[c.payload.clone()])?;
            chunk_before = c.chunk;
        }
        merged.keys += 1;
        merged.bytes += (same[0].raw.len() + varint_len(len as u64) + len) as u64;
        for c in same.drain(..) {
            if let Some(next) = c.advance()? {
                heap.push(next);
                sift_up(&mut heap, before);
            }
        }
    }
    out.flush()?;
    let out = out.into_inner().map_err(|e| e.into_error())?;
    Ok((merged, directory, out))
}

/// The bytes `put` writes for `n`.
fn varint_len(n: u64) -> usize {
    (64 - (n | 1).leading_zeros() as usize).div_ceil(7)
}

fn sift_down<T>(heap: &mut [T], mut i: usize, before: impl Fn(&T, &T) -> bool) {
    loop {
        let (l, r) = (2 * i + 1, 2 * i + 2);
        let mut least = i;
        if l < heap.len() && before(&heap[l], &heap[least]) {
            least = l;
        }
        if r < heap.len() && before(&heap[r], &heap[least]) {
            least = r;
        }
        if least == i {
            return;
        }
        heap.swap(i, least);
        i = least;
    }
}

/// The last element moved up to its place.
fn sift_up<T>(heap: &mut [T], before: impl Fn(&T, &T) -> bool) {
    let mut i = heap.len().saturating_sub(1);
    while i > 0 {
        let parent = (i - 1) / 2;
        if !before(&heap[i], &heap[parent]) {
            return;
        }
        heap.swap(i, parent);
        i = parent;
    }
}

#[cfg(test)]
mod tests {
    use super::super::chunk::Chunk;
    use super::*;

    /// The merged table's entries: each key (as written) with its (chunk, payload) parts.
    /// A key's bytes and its parts: (chunk, payload).
    type Entry = (Vec<u8>, Vec<(u32, Vec<u8>)>);

    fn entries(bytes: &[u8]) -> Vec<Entry> {
        let mut out = Vec::new();
        let mut at = 0;
        while at < bytes.len() {
            let start = at;
            if bytes[at] == 0 {
                at += 1;
                let len = get(bytes, &mut at).unwrap() as usize;
                at += len;
            } else {
                at += 8;
            }
            let key = bytes[start..at].to_vec();
            let len = get(bytes, &mut at).unwrap() as usize;
            let end = at + len;
            let mut parts = Vec::new();
            let mut chunk = 0;
            while at < end {
                chunk += get(bytes, &mut at).unwrap() as u32;
                let n = get(bytes, &mut at).unwrap() as usize;
                parts.push((chunk, bytes[at..at + n].to_vec()));
                at += n;
            }
            out.push((key, parts));
        }
        out
    }

    /// A part's output in memory.
    struct PartOut<'a>(&'a std::sync::Mutex<Vec<u8>>);

    impl Write for PartOut<'_> {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn each_key_once_with_its_chunks_in_order() {
        let texts: [&[&str]; 3] = [
            &["新闻 apple", "旧闻 zebra extraordinarily"],
            &["新闻 banana"],
            &["apple 新闻旧闻"],
        ];
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("runs");
        let mut file_bytes = Vec::new();
        let mut runs = Vec::new();
        // Written out of chunk order, as workers finish.
        for chunk in [2u32, 0, 1] {
            let mut c = Chunk::new();
            for t in texts[chunk as usize] {
                c.add(t);
            }
            let (mut run, mut scratch) = (Vec::new(), Vec::new());
            c.finish(&mut run, &mut scratch);
            runs.push(RunAt {
                chunk,
                offset: file_bytes.len() as u64,
                len: run.len() as u64,
                splits: c.splits,
            });
            file_bytes.extend_from_slice(&run);
        }
        std::fs::write(&path, &file_bytes).unwrap();
        let parts: Vec<std::sync::Mutex<Vec<u8>>> =
            (0..PARTS).map(|_| Default::default()).collect();
        let merged = merge_runs(&File::open(&path).unwrap(), &runs, |p| {
            Ok(PartOut(&parts[p]))
        })
        .unwrap();
        let keys: u64 = merged.iter().map(|m| m.0.keys).sum();
        let out: Vec<u8> = parts
            .iter()
            .flat_map(|p| p.lock().unwrap().clone())
            .collect();
        let table = entries(&out);
        assert_eq!(keys as usize, table.len());
        let chunks_of = |key: Vec<u8>| -> Vec<u32> {
            let (_, parts) = table.iter().find(|(k, _)| *k == key).expect("key");
            parts.iter().map(|p| p.0).collect()
        };
        // Every word is written as its bytes (a 0, the length, the bytes).
        let word = |w: &str| {
            let mut k = vec![0u8];
            put(&mut k, w.len() as u64);
            k.extend_from_slice(w.as_bytes());
            k
        };
        assert_eq!(chunks_of(word("apple")), [0, 2]);
        assert_eq!(chunks_of(word("banana")), [1]);
        let bigram = |s: &str| {
            let c: Vec<u32> = s.chars().map(|c| c as u32).collect();
            super::super::key::bigram_of(c[0], c[1])
                .to_be_bytes()
                .to_vec()
        };
        assert_eq!(chunks_of(bigram("新闻")), [0, 1, 2]);
        assert_eq!(chunks_of(bigram("闻旧")), [2]);
        assert_eq!(chunks_of(word("extraordinarily")), [0]);
        // Keys come once each, in the runs' order: words by their bytes, then the rest.
        let orders: Vec<(u8, Vec<u8>)> = table
            .iter()
            .map(|(k, _)| {
                if k[0] == 0 {
                    (0, k[2..].to_vec())
                } else {
                    let v = u64::from_be_bytes(k[..8].try_into().unwrap());
                    match super::super::key::short_word_bytes(v) {
                        Some((w, n)) => (0, w[..n].to_vec()),
                        None => (1, k.clone()),
                    }
                }
            })
            .collect();
        assert!(orders.windows(2).all(|w| w[0] < w[1]), "{orders:?}");
    }
}
