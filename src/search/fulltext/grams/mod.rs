//! The index's own format, made for gazette's job: positional bigrams of gram characters,
//! unigrams where gram runs end, words once per document — built by sorting each chunk's
//! records instead of tantivy's per-token cost (see `chunk`), a group of chunks merged in
//! memory into a block of a segment's table (`merge`), mapped and read back (`segment`,
//! `read`).
//!
//! - `key`: keys as numbers (gram characters exactly; words by their bytes).
//! - `chunk`: a chunk of documents' text → one sorted run of postings (`pairs`: its
//!   bigram occurrences as sorted records).
//! - `postings`, `varint`: how postings are written.
//! - `build`: the files of a group of chunks read and folded into runs, on every core.
//! - `merge`: a group's runs → a block of the segment's table, in key-range parts side by side.
//! - `segment`: a segment's folder: opening it, checking it, looking keys and words up.
//! - `segment_write`: writing a segment's folder.
//! - `doc_list`: a segment's documents (paths and stamps), front-coded in blocks.
//! - `read`: postings read back (documents, positions, phrases of bigrams).

pub mod build;
pub mod chunk;
#[cfg(test)]
pub(crate) mod chunk_tests;
mod doc_list;
pub(crate) mod key;
pub mod merge;
mod pairs;
mod postings;
pub(crate) mod read;
pub(crate) mod segment;
mod segment_write;
mod varint;

#[cfg(test)]
mod segment_tests;
