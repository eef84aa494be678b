//! How a key's postings in one chunk are written: documents as deltas; for a bigram, each
//! document followed by its positions, each as its distance from the one before (the first
//! from -1, so every distance is at least 1), and a 0 to end them.

use super::varint::put;

/// The documents, in order, once each.
pub(crate) fn put_docs(out: &mut Vec<u8>, docs: impl Iterator<Item = u32>) {
    let mut previous = 0;
    for doc in docs {
        put(out, u64::from(doc - previous));
        previous = doc;
    }
}

/// (document, position) pairs in order: each document, then its positions.
pub(crate) fn put_positional(out: &mut Vec<u8>, places: impl Iterator<Item = (u32, u32)>) {
    let mut doc_before = 0;
    let mut last: Option<(u32, i64)> = None;
    for (doc, position) in places {
        let position = i64::from(position);
        let from = match last {
            Some((d, p)) if d == doc => p,
            Some(_) => {
                out.push(0);
                -1
            }
            None => -1,
        };
        if from == -1 {
            put(out, u64::from(doc - doc_before));
            doc_before = doc;
        }
        put(out, (position - from) as u64);
        last = Some((doc, position));
    }
    if last.is_some() {
        out.push(0);
    }
}
