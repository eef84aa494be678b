//! A chunk of documents (a few thousand bodies, one worker's) → one sorted run of postings.
//!
//! Why not a map from each key to its growing postings (what tantivy does): that is a hash
//! lookup into a large table and an append to a scattered buffer per token, and it was most
//! of a build at a million articles. Here a chunk is small, so its table of distinct keys
//! stays in cache; each token becomes a record (key number, document, position) appended to
//! one array, and one stable counting sort by key number groups the records into postings,
//! already in document and position order.
//!
//! Keys (see [`key`]): each pair of neighbouring gram characters with its positions (a
//! bigram: a gram run of any length is found by its bigrams at consecutive positions), the
//! last character of each gram run once per document (a unigram: a character followed by
//! another gram character is in the bigrams that start with it, a contiguous range of keys,
//! so a one-character search is that range's documents and its unigram's), each word once
//! per document, and the
//! long-word mark once per document. Words carry no positions: a phrase of words is checked
//! against the file, like any term the index cannot settle alone.

use super::key;
use super::pairs::{MAX_POSITION, PairGroups, pair_record, put_pair_group, sort_pairs};
use super::postings::{put_docs, put_positional};
use super::varint::put;
use crate::search::fold::char_at;
use crate::search::fulltext::tokens::{Class, LONG_WORD, class};

/// No key number: an empty table slot.
const EMPTY: u32 = u32::MAX;

/// The postings of a chunk being built; reused from chunk to chunk by one worker.
pub(crate) struct Chunk {
    /// Open addressing, linear probing: each slot's key and key number ([`EMPTY`] if free),
    /// side by side so a probe reads one cache line.
    slots: Vec<Slot>,
    slots_used: usize,
    /// The bigrams of two characters of the Basic Multilingual Plane (nearly all of them),
    /// one `u64` an occurrence: the pair (16 bits a character), the document, the position
    /// (see [`pair_record`]). Sorted by value they are grouped by bigram in document and
    /// position order; no table probe, which was most of a chunk's time (cache misses).
    pairs: Vec<u64>,
    pairs_scratch: Vec<u64>,
    /// By key number: its key (a word's is [`key::word`] of its place in `words`).
    keys: Vec<u64>,
    /// By key number: the last document it was recorded for (unigrams and words are
    /// recorded once per document).
    last_doc: Vec<u32>,
    /// By key number: how many records it has.
    counts: Vec<u32>,
    /// The words' bytes, one after the other.
    words: Vec<u8>,
    /// By record: its key number, and its document and position (`doc << 32 | position`).
    ids: Vec<u32>,
    places: Vec<u64>,
    /// Documents in the chunk so far.
    docs: u32,
    /// By gram character of the Basic Multilingual Plane: its unigram's key number
    /// ([`EMPTY`] if none yet), so a unigram costs no table probe.
    uni_ids: Vec<u32>,
    /// Where the last finished run's parts begin (see [`SPLITS`]).
    pub splits: [usize; SPLITS.len()],
}

#[derive(Clone, Copy)]
struct Slot {
    key: u64,
    id: u32,
}

impl Slot {
    const FREE: Slot = Slot { key: 0, id: EMPTY };
}

impl Default for Chunk {
    fn default() -> Chunk {
        Chunk::new()
    }
}

impl Chunk {
    pub fn new() -> Chunk {
        Chunk {
            slots: vec![Slot::FREE; 1 << 12],
            slots_used: 0,
            pairs: Vec::new(),
            pairs_scratch: Vec::new(),
            keys: Vec::new(),
            last_doc: Vec::new(),
            counts: Vec::new(),
            words: Vec::new(),
            ids: Vec::new(),
            places: Vec::new(),
            docs: 0,
            uni_ids: vec![EMPTY; 1 << 16],
            splits: [0; SPLITS.len()],
        }
    }

    /// Documents added so far.
    pub fn docs(&self) -> u32 {
        self.docs
    }

    /// Records held so far (the chunk's size in memory is about 12 bytes a record).
    pub fn records(&self) -> usize {
        self.ids.len() + self.pairs.len()
    }

    /// Bigram occurrences held as pair records.
    pub fn pairs(&self) -> usize {
        self.pairs.len()
    }

    /// Adds the next document: its folded body text.
    pub fn add(&mut self, text: &str) {
        let doc = self.docs;
        self.docs += 1;
        let bytes = text.as_bytes();
        let mut at = 0;
        let mut position: u32 = 0;
        // The previous character, while in a gram run.
        let mut gram: Option<u32> = None;
        let mut long = false;
        // At most a bigram a character: no growth inside the loop.
        self.pairs.reserve(bytes.len() / 3 + 1);
        while at < bytes.len() {
            let (c, len, kind) = next_char(text, at);
            match kind {
                Class::Gram => {
                    if let Some(previous) = gram {
                        self.bigram(previous, c, doc, position);
                    }
                    // A run's bigrams take consecutive positions; the gap below keeps two
                    // runs apart.
                    position = position.wrapping_add(1);
                    gram = Some(c);
                    at += len;
                }
                Class::Word => {
                    if let Some(last) = gram.take() {
                        self.unigram(last, doc);
                        position = position.wrapping_add(1);
                    }
                    if let Some((end, k)) = short_ascii_word(bytes, at) {
                        let id = self.id(k, None);
                        self.once(id, doc);
                        at = end;
                        continue;
                    }
                    let end = word_end(text, at);
                    let word = &bytes[at..end];
                    if let Some(k) = key::short_word(word) {
                        let id = self.id(k, None);
                        self.once(id, doc);
                    } else if word.len() <= LONG_WORD {
                        let id = self.id(key::word_hash(word), Some(word));
                        self.once(id, doc);
                    } else {
                        long = true;
                    }
                    at = end;
                }
                Class::Other => {
                    if let Some(last) = gram.take() {
                        self.unigram(last, doc);
                        position = position.wrapping_add(1);
                    }
                    at += len;
                }
            }
        }
        if let Some(last) = gram {
            self.unigram(last, doc);
        }
        if long {
            let id = self.id(key::LONG, None);
            self.once(id, doc);
        }
    }

    #[inline]
    fn unigram(&mut self, c: u32, doc: u32) {
        let u = c as usize;
        let id = match self.uni_ids.get(u) {
            Some(&id) if id != EMPTY => id,
            Some(_) => {
                let id = self.new_id(key::unigram(c));
                self.uni_ids[u] = id;
                id
            }
            None => self.id(key::unigram(c), None),
        };
        self.once(id, doc);
    }

    /// Records the bigram `a b` at `position` of `doc`: in `pairs` when both characters are
    /// of the Basic Multilingual Plane, else in the general table. A position past what a
    /// pair record holds marks the document as in part indexed ([`key::PARTIAL`]).
    #[inline]
    fn bigram(&mut self, a: u32, b: u32, doc: u32, position: u32) {
        if position > MAX_POSITION {
            let id = self.id(key::PARTIAL, None);
            self.once(id, doc);
        } else if a > 0xFFFF || b > 0xFFFF {
            let id = self.id(key::bigram_of(a, b), None);
            self.record(id, doc, position);
        } else {
            self.pairs.push(pair_record(a, b, doc, position));
        }
    }

    /// A new key number for `stored`.
    #[inline]
    fn new_id(&mut self, stored: u64) -> u32 {
        let id = self.keys.len() as u32;
        self.keys.push(stored);
        self.last_doc.push(EMPTY);
        self.counts.push(0);
        id
    }

    /// Records `id` for `doc` unless it already was.
    #[inline]
    fn once(&mut self, id: u32, doc: u32) {
        let last = &mut self.last_doc[id as usize];
        if *last != doc {
            *last = doc;
            self.record(id, doc, 0);
        }
    }

    #[inline]
    fn record(&mut self, id: u32, doc: u32, position: u32) {
        self.counts[id as usize] += 1;
        self.ids.push(id);
        self.places
            .push((u64::from(doc) << 32) | u64::from(position));
    }

    /// The key number of `k` (for a word, `word` holds its bytes and `k` their hash),
    /// given a new one if the chunk has not seen it.
    #[inline]
    fn id(&mut self, k: u64, word: Option<&[u8]>) -> u32 {
        let mask = self.slots.len() - 1;
        let mut slot = key::spread(k) & mask;
        loop {
            let Slot { key: at, id } = self.slots[slot];
            if id == EMPTY {
                break;
            }
            if at == k && word.is_none_or(|w| self.word_of(self.keys[id as usize]).get() == w) {
                return id;
            }
            slot = (slot + 1) & mask;
        }
        let stored = match word {
            Some(w) => {
                let at = self.words.len();
                self.words.extend_from_slice(w);
                key::word(at, w.len())
            }
            None => k,
        };
        let id = self.new_id(stored);
        self.slots[slot] = Slot { key: k, id };
        self.slots_used += 1;
        if self.slots_used * 2 > self.slots.len() {
            self.grow();
        }
        id
    }

    /// The bytes of the word whose key is `stored`: in the key itself for a short word,
    /// among the chunk's word bytes for a longer one.
    fn word_of(&self, stored: u64) -> WordBytes<'_> {
        match key::short_word_bytes(stored) {
            Some((bytes, len)) => WordBytes::Short(bytes, len),
            None => {
                let (at, len) = key::word_place(stored);
                WordBytes::Long(&self.words[at..at + len])
            }
        }
    }

    /// Doubles the table (kept at most half full, so probes stay short).
    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        let old = std::mem::replace(&mut self.slots, vec![Slot::FREE; size]);
        for s in old.into_iter().filter(|s| s.id != EMPTY) {
            let mut slot = key::spread(s.key) & (size - 1);
            while self.slots[slot].id != EMPTY {
                slot = (slot + 1) & (size - 1);
            }
            self.slots[slot] = s;
        }
    }

    /// Writes the chunk's postings to `out` as one run (see `run`), and empties the chunk for
    /// the next one. `scratch` is the worker's reused buffer for sorting. Returns the number
    /// of keys written.
    pub fn finish(&mut self, out: &mut Vec<u8>, scratch: &mut Vec<u64>) -> usize {
        // The general table's key numbers in key order: words by their bytes first, then the
        // other keys by number.
        let mut order: Vec<u32> = (0..self.keys.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| {
            let (ka, kb) = (self.keys[a as usize], self.keys[b as usize]);
            match (key::is_word(ka), key::is_word(kb)) {
                (true, true) => self.word_of(ka).get().cmp(self.word_of(kb).get()),
                (a, b) if a != b => b.cmp(&a),
                _ => ka.cmp(&kb),
            }
        });
        // Counting sort by key number, stable: each key's records stay in document order.
        let mut start = vec![0u32; self.keys.len()];
        let mut next = 0u32;
        for &id in &order {
            start[id as usize] = next;
            next += self.counts[id as usize];
        }
        if scratch.len() < self.ids.len() {
            scratch.resize(self.ids.len(), 0);
        }
        for (&id, &place) in self.ids.iter().zip(&self.places) {
            let s = &mut start[id as usize];
            scratch[*s as usize] = place;
            *s += 1;
        }
        sort_pairs(&mut self.pairs, &mut self.pairs_scratch);
        out.clear();
        out.extend_from_slice(&self.docs.to_le_bytes());
        out.extend_from_slice(&0u32.to_le_bytes());
        let mut entries = 0u32;
        let mut payload = Vec::new();
        let mut from = 0usize;
        let mut pairs = PairGroups {
            sorted: &self.pairs,
            at: 0,
        };
        let mut pair = pairs.next();
        let mut splits = Splits::default();
        for &id in &order {
            let k = self.keys[id as usize];
            // The pairs' bigrams come in among the general table's keys by number.
            while let Some((pk, group)) = pair.filter(|&(pk, _)| !key::is_word(k) && pk < k) {
                pair_entry(out, &mut splits, &mut payload, pk, group);
                entries += 1;
                pair = pairs.next();
            }
            let n = self.counts[id as usize] as usize;
            let places = &scratch[from..from + n];
            from += n;
            payload.clear();
            if key::is_bigram(k) {
                put_positional(
                    &mut payload,
                    places.iter().map(|&p| ((p >> 32) as u32, p as u32)),
                );
            } else {
                put_docs(&mut payload, places.iter().map(|&p| (p >> 32) as u32));
            }
            if key::is_word(k) {
                let w = self.word_of(k);
                let w = w.get();
                let mut word = Vec::with_capacity(w.len() + 2);
                word.push(0);
                put(&mut word, w.len() as u64);
                word.extend_from_slice(w);
                entry(out, &word, &payload);
            } else {
                splits.mark(out.len(), k);
                entry(out, &k.to_be_bytes(), &payload);
            }
            entries += 1;
        }
        while let Some((pk, group)) = pair {
            pair_entry(out, &mut splits, &mut payload, pk, group);
            entries += 1;
            pair = pairs.next();
        }
        out[4..8].copy_from_slice(&entries.to_le_bytes());
        splits.mark(out.len(), u64::MAX);
        self.splits = splits.at;
        self.clear();
        entries as usize
    }

    fn clear(&mut self) {
        self.slots.fill(Slot::FREE);
        self.slots_used = 0;
        self.pairs.clear();
        self.keys.clear();
        self.last_doc.clear();
        self.counts.clear();
        self.words.clear();
        self.ids.clear();
        self.places.clear();
        self.docs = 0;
        self.uni_ids.fill(EMPTY);
    }
}

/// The most documents a chunk holds (11 bits of a pair record).
pub(crate) const MAX_DOCS: usize = 1 << 11;

/// A word's bytes, from its key (short) or the chunk's word bytes.
enum WordBytes<'a> {
    Short([u8; 8], usize),
    Long(&'a [u8]),
}

impl WordBytes<'_> {
    fn get(&self) -> &[u8] {
        match self {
            WordBytes::Short(bytes, len) => &bytes[..*len],
            WordBytes::Long(bytes) => bytes,
        }
    }
}

/// The entry of bigram `pk` from its sorted pair records, marking where a part begins.
fn pair_entry(
    out: &mut Vec<u8>,
    splits: &mut Splits,
    payload: &mut Vec<u8>,
    pk: u64,
    group: &[u64],
) {
    splits.mark(out.len(), pk);
    payload.clear();
    put_pair_group(payload, group);
    entry(out, &pk.to_be_bytes(), payload);
}

/// One entry of a run: the key's bytes, the payload's length, the payload.
fn entry(out: &mut Vec<u8>, key: &[u8], payload: &[u8]) {
    out.extend_from_slice(key);
    put(out, payload.len() as u64);
    out.extend_from_slice(payload);
}

/// The character at `at` of `text` (a code point), its length in bytes and its class. The
/// unified ideographs, most of Chinese text, are decoded and classed at once.
#[inline]
fn next_char(text: &str, at: usize) -> (u32, usize, Class) {
    let bytes = text.as_bytes();
    let b0 = bytes[at];
    if (0xE4..=0xE9).contains(&b0) && at + 2 < bytes.len() {
        let u = (u32::from(b0 & 0x0F) << 12)
            | (u32::from(bytes[at + 1] & 0x3F) << 6)
            | u32::from(bytes[at + 2] & 0x3F);
        if u >= 0x4E00 {
            return (u, 3, Class::Gram);
        }
    }
    let (c, len) = char_at(text, at);
    (c as u32, len, class(c))
}

/// The word at `at` when it is ASCII letters and digits, at most 7 of them (most words):
/// where it ends and its key, built as it is read (no second pass, no copy). `None` for any
/// other word, which takes the general way.
#[inline]
fn short_ascii_word(bytes: &[u8], at: usize) -> Option<(usize, u64)> {
    let mut k = 0u64;
    let mut len = 0;
    while len < 8 {
        match bytes.get(at + len) {
            Some(&b) if b.is_ascii_alphanumeric() => {
                k |= u64::from(b) << (8 * len);
                len += 1;
            }
            Some(&b) if b >= 0x80 => return None,
            _ => break,
        }
    }
    (len <= 7).then(|| (at + len, key::short_word_of(k, len)))
}

/// Where the word starting at `at` ends (a maximal run of word characters).
fn word_end(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = at;
    while end < bytes.len() {
        let b = bytes[end];
        if b < 0x80 {
            if !b.is_ascii_alphanumeric() {
                break;
            }
            end += 1;
        } else {
            let (c, len) = char_at(text, end);
            if class(c) != Class::Word {
                break;
            }
            end += len;
        }
    }
    end
}

/// Keys that cut a run into parts merged side by side (`merge`): the words, the unigrams,
/// then the bigrams in ranges of their first character (most are unified ideographs,
/// U+4E00..U+9FFF); the marks (`key::LONG`, `key::PARTIAL`) sort after every bigram, in the
/// last part.
pub(crate) const SPLITS: [u64; 7] = [
    key::UNIGRAM_START,
    key::BIGRAM_START,
    key::BIGRAM_START | (0x5800 << 21),
    key::BIGRAM_START | (0x6200 << 21),
    key::BIGRAM_START | (0x7000 << 21),
    key::BIGRAM_START | (0x8000 << 21),
    key::BIGRAM_START | (0x9000 << 21),
];

/// The offsets in a run where the first key at or past each of [`SPLITS`] begins.
#[derive(Default)]
struct Splits {
    at: [usize; SPLITS.len()],
    next: usize,
}

impl Splits {
    /// A non-word key `k` is about to be written at `offset` (keys come in order).
    #[inline]
    fn mark(&mut self, offset: usize, k: u64) {
        while self.next < SPLITS.len() && k >= SPLITS[self.next] {
            self.at[self.next] = offset;
            self.next += 1;
        }
    }
}
