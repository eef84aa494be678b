//! Postings read back from a segment's entries: the documents of a key, and the documents
//! where bigrams stand at consecutive positions (a gram run of three characters or more).
//!
//! An entry's body is, for each chunk that has the key, the chunk number's distance from the
//! previous one, the payload's length and the payload (`merge`). A payload is the documents
//! as deltas from the one before (from 0), and for a bigram each document's positions (each
//! plus one, as deltas, so never 0) ended by a 0 byte (`postings`). A varint of a position
//! never holds a 0 byte (every byte but its last has the high bit set, and its last is not 0),
//! so a document's positions are skipped by looking for the 0.

use super::build::CHUNK_DOCS;
use super::segment::{Body, Damaged};
use super::varint::get;

/// A set of a segment's documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Docs(Vec<u64>);

impl Docs {
    pub fn none(len: u32) -> Docs {
        Docs(vec![0; (len as usize).div_ceil(64)])
    }

    pub fn all(len: u32) -> Docs {
        let mut d = Docs(vec![u64::MAX; (len as usize).div_ceil(64)]);
        if !len.is_multiple_of(64)
            && let Some(last) = d.0.last_mut()
        {
            *last = (1u64 << (len % 64)) - 1;
        }
        d
    }

    /// Adds `doc`; a document past the segment's end (a damaged entry) is `Err`.
    #[inline]
    pub fn insert(&mut self, doc: u32) -> Result<(), Damaged> {
        let w = self.0.get_mut(doc as usize / 64).ok_or(Damaged)?;
        *w |= 1 << (doc % 64);
        Ok(())
    }

    pub fn union(&mut self, other: &Docs) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a |= b;
        }
    }

    pub fn intersect(&mut self, other: &Docs) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a &= b;
        }
    }

    /// The documents, in order.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.0.iter().enumerate().flat_map(|(i, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                (w != 0).then(|| {
                    let bit = w.trailing_zeros();
                    w &= w - 1;
                    i as u32 * 64 + bit
                })
            })
        })
    }
}

/// The chunks of a body: each one's number and payload.
fn chunks(body: Body<'_>) -> impl Iterator<Item = Result<(u32, &[u8]), Damaged>> {
    let mut at = 0;
    let mut chunk = 0u32;
    std::iter::from_fn(move || {
        if at >= body.len() {
            return None;
        }
        let mut next = || -> Option<(u32, &[u8])> {
            chunk = chunk.checked_add(u32::try_from(get(body, &mut at)?).ok()?)?;
            let len = get(body, &mut at)? as usize;
            let payload = body.get(at..at.checked_add(len)?)?;
            at += len;
            Some((chunk, payload))
        };
        Some(next().ok_or(Damaged))
    })
}

/// The first document of a chunk.
fn base(chunk: u32) -> Result<u32, Damaged> {
    chunk.checked_mul(CHUNK_DOCS as u32).ok_or(Damaged)
}

/// The next document of a payload at `*at`: its delta added to the one before (`doc`).
#[inline]
fn next_doc(payload: &[u8], at: &mut usize, doc: u32) -> Result<u32, Damaged> {
    let delta = u32::try_from(get(payload, at).ok_or(Damaged)?).map_err(|_| Damaged)?;
    doc.checked_add(delta).ok_or(Damaged)
}

/// Adds the documents of an entry to `docs`; `positional`: a bigram's entry.
pub(crate) fn docs_into(body: Body<'_>, positional: bool, docs: &mut Docs) -> Result<(), Damaged> {
    for part in chunks(body) {
        let (chunk, payload) = part?;
        let base = base(chunk)?;
        let (mut at, mut doc) = (0, 0u32);
        while at < payload.len() {
            doc = next_doc(payload, &mut at, doc)?;
            docs.insert(base.checked_add(doc).ok_or(Damaged)?)?;
            if positional {
                let end = memchr::memchr(0, &payload[at..]).ok_or(Damaged)?;
                at += end + 1;
            }
        }
    }
    Ok(())
}

/// Each document of a bigram's entry with its positions (decoded as the iterator is read),
/// in document order; chunks whose first document `chunk_wanted` refuses are skipped.
fn each_positions(
    body: Body<'_>,
    mut each: impl FnMut(u32, &mut dyn Iterator<Item = Result<u32, Damaged>>),
    chunk_wanted: impl Fn(u32) -> bool,
) -> Result<(), Damaged> {
    for part in chunks(body) {
        let (chunk, payload) = part?;
        let base = base(chunk)?;
        if !chunk_wanted(base) {
            continue;
        }
        let (mut at, mut doc) = (0, 0u32);
        while at < payload.len() {
            doc = next_doc(payload, &mut at, doc)?;
            let d = base.checked_add(doc).ok_or(Damaged)?;
            let end = at + memchr::memchr(0, &payload[at..]).ok_or(Damaged)?;
            let mut p = at;
            let mut position = 0u64;
            let mut positions = std::iter::from_fn(|| {
                (p < end).then(|| {
                    position += get(payload, &mut p).ok_or(Damaged)?;
                    u32::try_from(position - 1).map_err(|_| Damaged)
                })
            });
            each(d, &mut positions);
            at = end + 1;
        }
    }
    Ok(())
}

/// Adds to `docs` the documents where the bigram entries `bodies` stand at consecutive
/// positions (the `i`th at `p + i`). Starts from the shortest entry's places, then keeps
/// those each other entry confirms, skipping its chunks that hold none of them.
pub(crate) fn phrase_into(bodies: &[Body<'_>], docs: &mut Docs) -> Result<(), Damaged> {
    let Some(rarest) = (0..bodies.len()).min_by_key(|&i| bodies[i].len()) else {
        return Ok(());
    };
    let mut damaged = false;
    let mut places = Places::default();
    each_positions(
        bodies[rarest],
        |d, positions| {
            for p in positions {
                match p {
                    Ok(p) => places.push_start(p.checked_sub(rarest as u32)),
                    Err(_) => damaged = true,
                }
            }
            places.end_doc(d);
        },
        |_| true,
    )?;
    let mut at: Vec<u32> = Vec::new();
    for (i, body) in bodies.iter().enumerate() {
        if i == rarest || places.docs.is_empty() {
            continue;
        }
        let mut kept = Places::default();
        let mut next = 0;
        let all = &places;
        each_positions(
            body,
            |d, positions| {
                next += crate::gallop::leading(all.docs.len() - next, |j| all.docs[next + j] < d);
                if next == all.docs.len() || all.docs[next] != d {
                    return;
                }
                at.clear();
                for p in positions {
                    match p {
                        Ok(p) => at.push(p),
                        Err(_) => damaged = true,
                    }
                }
                for &s in all.starts_of(next) {
                    let confirmed = at.binary_search(&(s + i as u32)).is_ok();
                    kept.push_start(confirmed.then_some(s));
                }
                kept.end_doc(d);
            },
            |base| {
                let end = base.saturating_add(CHUNK_DOCS as u32);
                let from = all.docs.partition_point(|&d| d < base);
                all.docs.get(from).is_some_and(|&d| d < end)
            },
        )?;
        places = kept;
    }
    if damaged {
        return Err(Damaged);
    }
    for &d in &places.docs {
        docs.insert(d)?;
    }
    Ok(())
}

/// Documents and, for each, the positions where the phrase may start: flat, so a phrase
/// of common bigrams (half the documents of a million) allocates nothing per document.
#[derive(Default)]
struct Places {
    docs: Vec<u32>,
    /// Where each document's starts end in `starts`.
    ends: Vec<u32>,
    starts: Vec<u32>,
    /// Starts pushed for the document being read.
    open: usize,
}

impl Places {
    fn push_start(&mut self, start: Option<u32>) {
        if let Some(s) = start {
            self.starts.push(s);
            self.open += 1;
        }
    }

    /// The document being read is `d`: kept if it has a start.
    fn end_doc(&mut self, d: u32) {
        if self.open > 0 {
            self.docs.push(d);
            self.ends.push(self.starts.len() as u32);
            self.open = 0;
        }
    }

    fn starts_of(&self, k: usize) -> &[u32] {
        let from = if k == 0 { 0 } else { self.ends[k - 1] as usize };
        &self.starts[from..self.ends[k] as usize]
    }
}
