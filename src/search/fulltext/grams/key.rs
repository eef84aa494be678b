//! Keys of the index, as `u64`s: the top two bits say the kind, the rest the value.
//! Gram keys are the characters themselves (exact, no hash); a word is known by its bytes
//! (in a chunk, by a hash into its table and its place among the chunk's word bytes).

const KIND: u64 = 0b11 << 62;
const WORD: u64 = 0;
const UNIGRAM: u64 = 0b01 << 62;
const BIGRAM: u64 = 0b10 << 62;
/// The long-word mark: the body has a word longer than `LONG_WORD`, not indexed.
pub(crate) const LONG: u64 = 0b11 << 62;
/// The body's bigrams are indexed in part (a body of more than two million gram characters):
/// it may hold any gram term.
pub(crate) const PARTIAL: u64 = (0b11 << 62) | 1;

/// The first unigram key and the first bigram key (keys of a kind are contiguous).
pub(crate) const UNIGRAM_START: u64 = UNIGRAM;
pub(crate) const BIGRAM_START: u64 = BIGRAM;

#[inline]
pub(crate) fn unigram(c: u32) -> u64 {
    UNIGRAM | u64::from(c)
}

/// The bigram of the characters `a` and `b` (code points).
#[inline]
pub(crate) fn bigram_of(a: u32, b: u32) -> u64 {
    BIGRAM | (u64::from(a) << 21) | u64::from(b)
}

#[inline]
pub(crate) fn is_word(k: u64) -> bool {
    k & KIND == WORD
}

#[inline]
pub(crate) fn is_bigram(k: u64) -> bool {
    k & KIND == BIGRAM
}

/// Set in the key of a word longer than [`SHORT`] bytes (a hash or a place), clear in a
/// short word's (its bytes).
const LONGER: u64 = 1 << 61;
/// Words of at most this many bytes are their own key: no hash, no comparison of bytes.
const SHORT: usize = 7;

/// The key of a word of at most [`SHORT`] bytes: its length above its bytes.
#[inline]
pub(crate) fn short_word(bytes: &[u8]) -> Option<u64> {
    if bytes.len() > SHORT {
        return None;
    }
    let mut b = [0u8; 8];
    b[..bytes.len()].copy_from_slice(bytes);
    Some(WORD | ((bytes.len() as u64) << 56) | u64::from_le_bytes(b))
}

/// The key of a short word from its bytes already packed (little-endian) and its length.
#[inline]
pub(crate) fn short_word_of(packed: u64, len: usize) -> u64 {
    WORD | ((len as u64) << 56) | packed
}

/// A short word's bytes and length, from its key; `None` for any other key.
#[inline]
pub(crate) fn short_word_bytes(k: u64) -> Option<([u8; 8], usize)> {
    if !is_word(k) || k & LONGER != 0 {
        return None;
    }
    let len = ((k >> 56) & 0x7) as usize;
    Some(((k & ((1 << 56) - 1)).to_le_bytes(), len))
}

/// A longer word's key in a chunk: where its bytes start among the chunk's words, and how
/// many.
#[inline]
pub(crate) fn word(at: usize, len: usize) -> u64 {
    debug_assert!(len < 256 && (at as u64) < (1 << 52));
    WORD | LONGER | ((at as u64) << 8) | len as u64
}

#[inline]
pub(crate) fn word_place(k: u64) -> (usize, usize) {
    (((k & !KIND & !LONGER) >> 8) as usize, (k & 0xFF) as usize)
}

/// A word's hash, of the word kind (never equal to a gram key).
#[inline]
pub(crate) fn word_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        h = (h.rotate_left(5) ^ v).wrapping_mul(0x517C_C1B7_2722_0A95);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(last)).wrapping_mul(0x517C_C1B7_2722_0A95);
    }
    ((h ^ (h >> 29)) & !KIND) | LONGER
}

/// A key's slot in a table: the key's bits mixed (Fibonacci hashing), low bits used.
#[inline]
pub(crate) fn spread(k: u64) -> usize {
    (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 29) as usize
}
