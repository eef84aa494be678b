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

/// Sorts `v` by pair, keeping each pair's records in the order they came (the order they
/// were made in: by document, then position, so each pair's records also come in increasing
/// value, which the small groups below rely on).
///
/// First one pass by the pair's top 11 bits (its first character's top bits: the unified
/// ideographs fall in about 650 groups of a few thousand records); then each group, small
/// enough for the first-level cache, by the pair's other 21 bits in two passes. Three passes
/// over the whole chunk's records before, each scattering them into 2,048 places in memory
/// far apart, took a tenth of a build.
pub(super) fn sort_pairs(v: &mut Vec<u64>, tmp: &mut Vec<u64>) {
    const TOP: u32 = 53;
    let n = v.len();
    if tmp.len() < n {
        tmp.resize(n, 0);
    }
    let mut ends = vec![0usize; 1 << (64 - TOP)];
    for &x in v.iter() {
        ends[(x >> TOP) as usize] += 1;
    }
    let mut sum = 0;
    for e in ends.iter_mut() {
        sum += *e;
        *e = sum;
    }
    // Scattered from the back, each group filled from its end: stable.
    let mut at = ends.clone();
    for &x in v.iter().rev() {
        let a = &mut at[(x >> TOP) as usize];
        *a -= 1;
        tmp[*a] = x;
    }
    let mut from = 0;
    for &end in &ends {
        sort_group(&mut tmp[from..end], &mut v[from..end]);
        from = end;
    }
    std::mem::swap(v, tmp);
    v.truncate(n);
}

/// Sorts `group` (records with the same top 11 bits) by pair, stable; `scratch` is as long.
fn sort_group(group: &mut [u64], scratch: &mut [u64]) {
    if group.len() < 256 {
        // Each pair's records come in increasing value: by value is the same order.
        group.sort_unstable();
        return;
    }
    lsd_pass::<11>(group, scratch, 32);
    lsd_pass::<10>(scratch, group, 43);
}

/// One stable counting pass from `from` into `to` on the `BITS` bits at `shift`.
fn lsd_pass<const BITS: u32>(from: &[u64], to: &mut [u64], shift: u32) {
    let mask = (1u64 << BITS) - 1;
    let mut start = [0u32; 2048];
    for &x in from {
        start[((x >> shift) & mask) as usize] += 1;
    }
    let mut sum = 0;
    for s in start.iter_mut().take(1 << BITS) {
        let c = *s;
        *s = sum;
        sum += c;
    }
    for &x in from {
        let s = &mut start[((x >> shift) & mask) as usize];
        to[*s as usize] = x;
        *s += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Records made as a chunk makes them (documents in order, positions rising in each)
        /// come out as a stable sort by pair puts them, through both the small groups' way
        /// and the large groups' passes (few first characters, so groups pass 256 records).
        #[test]
        fn sorted_as_a_stable_sort_by_pair(
            docs in proptest::collection::vec(
                proptest::collection::vec((0u32..40, 0u32..6, 0u32..3), 0..200),
                1..40,
            ),
        ) {
            let mut v = Vec::new();
            for (doc, chars) in docs.iter().enumerate() {
                for (position, &(a, b, plane)) in chars.iter().enumerate() {
                    // First characters in a few top-bit groups, ideographs and others.
                    let a = [0x4E00, 0x7A00, 0x3040][plane as usize] + a;
                    let b = 0x4E00 + b * 977;
                    v.push(pair_record(a, b, doc as u32, position as u32));
                }
            }
            let mut expected = v.clone();
            expected.sort_by_key(|&x| x >> 32);
            let mut tmp = vec![7; 3];
            sort_pairs(&mut v, &mut tmp);
            prop_assert_eq!(v, expected);
        }
    }
}
