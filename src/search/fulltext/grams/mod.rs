//! A full-text index made for gazette's job: positional bigrams of gram characters, unigrams,
//! words, without tantivy's per-token cost (see `chunk`). Under construction: what exists is
//! measured by the `fulltext-bench` example (`GAZETTE_BENCH_GRAMS=1`).

pub mod build;
pub mod chunk;
mod key;
pub mod merge;
mod postings;
mod varint;
