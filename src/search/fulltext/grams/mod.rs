//! The index's own format, made for gazette's job: positional bigrams of gram characters,
//! unigrams where gram runs end, words once per document — built by sorting each chunk's
//! records instead of tantivy's per-token cost (see `chunk`), merged into one table per
//! segment (`merge`), mapped and read back (`segment`, `read`).
//!
//! - `key`: keys as numbers (gram characters exactly; words by their bytes).
//! - `chunk`: a chunk of documents' text → one sorted run of postings.
//! - `postings`, `varint`: how postings are written.
//! - `build`: the files of a segment read and folded into runs, on every core.
//! - `merge`: the runs → the segment's table, in key-range parts side by side.
//! - `segment`: a segment's folder: writing it, opening it, looking keys and words up.
//! - `read`: postings read back (documents, positions, phrases of bigrams).

pub mod build;
pub mod chunk;
pub(crate) mod key;
pub mod merge;
mod postings;
pub(crate) mod read;
pub(crate) mod segment;
mod varint;

#[cfg(test)]
mod segment_tests;
