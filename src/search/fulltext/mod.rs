//! The full-text index: an on-disk index of article bodies in gazette's own format
//! (`grams`), kept beside the metadata cache (`library-HASH.index/`), so a search looks
//! words and characters up instead of reading every body. The scan (`search::scan`) stays
//! the reference and the fallback.
//!
//! Why not tantivy (used until this format replaced it): a build from nothing at a million
//! articles took 227 s, 17× `rg -c '^title:'` over the same files, most of it in the hash
//! lookup and scattered append of each token; sorting each chunk's records (`grams::chunk`)
//! builds the same postings about six times faster. The queries the reader needs (a word
//! inside words, a CJK run by its bigrams' positions, a character by the bigrams it starts)
//! are a handful of lookups (`lookup`), not a query language.
//!
//! What the index holds: segments (`grams::segment`), each written once by an update and
//! never changed; each document is one article file, keyed by its path, with the file's
//! stamp (size, mtime) when it was read, and the keys of its body's searchable text — the
//! very text the scan searches (`html::fold_html` of `read_body`): words once, CJK bigrams
//! with positions, the last character of each CJK run (`tokens` for the classes).
//!
//! The contract with the scan — the index gives the same articles, never others:
//! - A document is used only for an article the library has now, whose file has the stamp
//!   the document was made with (`docs`); every other candidate is scanned. So a removed
//!   article is gone from results at once, and a changed one is read until re-indexed.
//! - For each term and covered article the index says *present*, *absent* or *maybe*
//!   (`lookup` lists which term shapes are exact). The query's three-valued verdict
//!   (`query_eval`) then settles most articles; those left open (`Maybe`) are scanned with
//!   the terms found so far, exactly as the scan would have read them.
//! - Missing, unreadable or of another version: searches scan. An update checks every
//!   segment (each file's length and end at every open, its full checksum once: `verified`)
//!   and deletes and rebuilds a damaged index (`on_disk`).
//!
//! - `grams`: the format — building, merging, writing and reading segments.
//! - `tokens`: the classes of characters, and a folded term cut into runs.
//! - `on_disk`: the folder, its segments, opening or rebuilding.
//! - `verified`: whether the segments are intact, each read in full only once.
//! - `update`: incremental update from the library's files and stamps.
//! - `docs`: which documents stand for which articles now.
//! - `lookup`: terms → present / maybe per article; candidates → matched / to read.
//! - `blocking`: the command line's search (index, then the scan for the rest).
//! - `background`: the reader's indexer thread, and its searches.

mod background;
mod blocking;
mod docs;
pub mod grams;
mod lookup;
mod on_disk;
mod tokens;
mod update;
mod verified;

pub use background::Background;
pub use blocking::{narrowed, search_blocking, search_in};
pub use lookup::Narrowed;
pub use on_disk::{FullText, dir_for};
pub use update::{Outcome, extract_only, files_of, update, update_paths};
