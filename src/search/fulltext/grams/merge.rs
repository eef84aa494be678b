//! The runs of a group of chunks → one block of the segment's table: every key once, with
//! its postings from each chunk of the group that has it, in chunk order.
//!
//! Why the chunks' postings are copied and not re-encoded: a chunk's documents are numbered
//! from 0 inside it, and the chunk's number gives their base, so a key's postings are the
//! chunks' payloads one after the other, each after its chunk's number (as a delta). The
//! merge is then a k-way merge of the runs' sorted keys and a copy of bytes: no number of a
//! posting is read.
//!
//! The runs are in memory: a segment is written a group of chunks at a time, each group a
//! block of its own (see `segment_write`), so no run is ever written to a file and read back
//! (at a million articles that was 2.5 GB written and read again, and as much disk taken).

use super::chunk::SPLITS;
use super::varint::{get, put};
use rayon::prelude::*;
use std::io::Write;

/// One chunk's run of postings (`chunk::Chunk::finish`), and which chunk it is (its
/// documents are `chunk * CHUNK_DOCS ..`).
#[derive(Debug, Default)]
pub struct Run {
    pub chunk: u32,
    pub bytes: Vec<u8>,
    /// Where its parts begin, from the run's start (`chunk::SPLITS`).
    pub splits: [usize; SPLITS.len()],
}

impl Run {
    /// The bytes of part `part` (of `PARTS`).
    fn part(&self, part: usize) -> &[u8] {
        let start = if part == 0 { 8 } else { self.splits[part - 1] };
        let end = self.splits.get(part).copied().unwrap_or(self.bytes.len());
        &self.bytes[start..end]
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

/// One run's part being read: its current entry's key (in merge order: a word by its bytes,
/// any other key by its number) and payload.
struct Cursor<'r> {
    bytes: &'r [u8],
    chunk: u32,
    /// Where the next entry begins.
    at: usize,
    /// The current entry: its key in merge order, its key as the run wrote it, its payload
    /// (ranges of `bytes`).
    order: Vec<u8>,
    /// A key other than a word's, as its number (`order` then empty): compared without
    /// touching bytes. Every key of a part is of one sort (words are part 0 alone).
    num: u64,
    raw: std::ops::Range<usize>,
    payload: std::ops::Range<usize>,
}

impl<'r> Cursor<'r> {
    /// At the first entry of `bytes` (whole entries of a run of chunk `chunk`).
    fn open(bytes: &'r [u8], chunk: u32) -> std::io::Result<Option<Cursor<'r>>> {
        Cursor {
            bytes,
            chunk,
            at: 0,
            order: Vec::new(),
            num: 0,
            raw: 0..0,
            payload: 0..0,
        }
        .advance()
    }

    /// The next entry, or `None` at the run's end.
    fn advance(mut self) -> std::io::Result<Option<Cursor<'r>>> {
        let bytes = self.bytes;
        if self.at == bytes.len() {
            return Ok(None);
        }
        let start = self.at;
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
        self.raw = start..at;
        let len = get(bytes, &mut at).ok_or_else(|| damaged("payload length"))? as usize;
        if bytes.len() < at + len {
            return Err(damaged("payload"));
        }
        self.payload = at..at + len;
        self.at = at + len;
        Ok(Some(self))
    }
}

fn damaged(what: &str) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        format!("damaged run: {what}"),
    )
}

/// Merges the runs `runs`, a part at a time on every core, each part into its own output
/// (`out(part)`): the parts one after the other are the block's table, in key order.
pub fn merge_runs<W: Write + Send>(
    runs: &[Run],
    out: impl Fn(usize) -> std::io::Result<W> + Sync,
) -> std::io::Result<Vec<(Merged, Directory, W)>> {
    (0..PARTS)
        .into_par_iter()
        .map(|part| merge_part(runs, part, out(part)?))
        .collect()
}

/// Merges part `part` of every run into `out`: per key (in order), the key as the runs write
/// it, the length of what follows, then for each chunk holding the key (in chunk order) the
/// chunk number's distance from the previous one, the payload's length and the payload.
fn merge_part<W: Write>(
    runs: &[Run],
    part: usize,
    out: W,
) -> std::io::Result<(Merged, Directory, W)> {
    let mut directory = Directory::new();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, out);
    let mut heap: Vec<Cursor> = Vec::with_capacity(runs.len());
    for run in runs {
        if let Some(c) = Cursor::open(run.part(part), run.chunk)? {
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
        out.write_all(&same[0].bytes[same[0].raw.clone()])?;
        head.clear();
        put(&mut head, len as u64);
        out.write_all(&head)?;
        let mut chunk_before = 0;
        for c in &same {
            head.clear();
            put(&mut head, u64::from(c.chunk - chunk_before));
            put(&mut head, c.payload.len() as u64);
            out.write_all(&head)?;
            out.write_all(&c.bytes[c.payload.clone()])?;
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
        let mut runs = Vec::new();
        // Made out of chunk order, as workers finish.
        for chunk in [2u32, 0, 1] {
            let mut c = Chunk::new();
            for t in texts[chunk as usize] {
                c.add(t);
            }
            let (mut run, mut scratch) = (Vec::new(), Vec::new());
            c.finish(&mut run, &mut scratch);
            runs.push(Run {
                chunk,
                bytes: run,
                splits: c.splits,
            });
        }
        let parts: Vec<std::sync::Mutex<Vec<u8>>> =
            (0..PARTS).map(|_| Default::default()).collect();
        let merged = merge_runs(&runs, |p| Ok(PartOut(&parts[p]))).unwrap();
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
