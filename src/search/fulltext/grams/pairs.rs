//! Bigram occurrences of the Basic Multilingual Plane as `u64` pair records: made as a
//! chunk reads its text, sorted by a radix sort, and encoded a bigram at a time. No hash
//! table is probed for them, which was most of a chunk's time (cache misses).

use super::key;

/// The most positions a pair record holds (21 bits).
pub(super) const MAX_POSITION: u32 = (1 << 21) - 1;
/// A bigram occurrence: the pair `a b` (16 bits each) above the document (11 bits) above
/// the position (21 bits), so sorting the values sorts by bigram, document, position.
#[inline]
pub(super) fn pair_record(a: u32, b: u32, doc: u32, position: u32) -> u64 {
    (u64::from((a << 16) | b) << 32) | (u64::from(doc) << 21) | u64::from(position)
}

/// The positional postings of one bigram's sorted pair records, as `put_positional` writes
/// them, in one tight loop (the iterator form was most of a chunk's encoding).
pub(super) fn put_pair_group(out: &mut Vec<u8>, group: &[u64]) {
    // At most a document (3 bytes), a position (4 bytes) and an end (1 byte) a record.
    let start = out.len();
    out.resize(start + group.len() * 8 + 1, 0);
    let buf = &mut out[start..];
    let mut w = 0;
    let mut doc_before = 0u64;
    let mut doc = u64::MAX;
    let mut from = 0u64;
    for &x in group {
        let (d, p) = ((x >> 21) & 0x7FF, (x & u64::from(MAX_POSITION)) + 1);
        if d != doc {
            if doc != u64::MAX {
                buf[w] = 0;
                w += 1;
            }
            w += put_at(buf, w, d - doc_before);
            doc_before = d;
            doc = d;
            from = 0;
        }
        w += put_at(buf, w, p - from);
        from = p;
    }
    buf[w] = 0;
    w += 1;
    out.truncate(start + w);
}

/// Writes `n` as a varint at `buf[w..]`; returns its length.
#[inline]
fn put_at(buf: &mut [u8], w: usize, mut n: u64) -> usize {
    // One and two bytes (nearly every delta) without the loop.
    if n < 0x80 {
        buf[w] = n as u8;
        return 1;
    }
    if n < 0x4000 {
        buf[w..w + 2].copy_from_slice(&[(n as u8) | 0x80, (n >> 7) as u8]);
        return 2;
    }
    let mut i = 0;
    while n >= 0x80 {
        buf[w + i] = (n as u8) | 0x80;
        n >>= 7;
        i += 1;
    }
    buf[w + i] = n as u8;
    i + 1
}

/// Sorted pair records, a bigram at a time: its key and its records.
pub(super) struct PairGroups<'a> {
    pub sorted: &'a [u64],
    pub at: usize,
}

impl<'a> PairGroups<'a> {
    pub fn next(&mut self) -> Option<(u64, &'a [u64])> {
        let first = *self.sorted.get(self.at)?;
        let pair = first >> 32;
        let rest = &self.sorted[self.at..];
        let n = rest
            .iter()
            .position(|&x| x >> 32 != pair)
            .unwrap_or(rest.len());
        let group = &self.sorted[self.at..self.at + n];
        self.at += n;
        Some((
            key::bigram_of((pair >> 16) as u32, (pair & 0xFFFF) as u32),
            group,
        ))
    }
}

/// Sorts `v` by value: a least-significant-digit radix sort on the upper half (the pair),
/// stable, so each pair's records keep their order (the order they were made in: by
/// document, then position). Digits that are the same in every record are skipped.
pub(super) fn sort_pairs(v: &mut Vec<u64>, tmp: &mut Vec<u64>) {
    // Three digits of 11 bits: counts that stay in the first-level cache, one pass fewer
    // than bytes.
    const BITS: usize = 11;
    const DIGIT: u64 = (1 << BITS) - 1;
    let mut counts = vec![[0u32; 1 << BITS]; 3];
    for &x in v.iter() {
        for (d, c) in counts.iter_mut().enumerate() {
            c[((x >> (32 + BITS * d)) & DIGIT) as usize] += 1;
        }
    }
    for (d, c) in counts.iter().enumerate() {
        if c.iter().any(|&n| n as usize == v.len()) {
            continue;
        }
        let mut start = vec![0u32; 1 << BITS];
        let mut sum = 0;
        for (s, &n) in start.iter_mut().zip(c) {
            *s = sum;
            sum += n;
        }
        let n = v.len();
        if tmp.len() < n {
            tmp.resize(n, 0);
        }
        let shift = 32 + BITS * d;
        for &x in v.iter() {
            let s = &mut start[((x >> shift) & DIGIT) as usize];
            tmp[*s as usize] = x;
            *s += 1;
        }
        std::mem::swap(v, tmp);
        v.truncate(n);
    }
}
