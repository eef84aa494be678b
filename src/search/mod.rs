//! Searching the library: what the user types ([`Query`]), matching it against metadata on
//! every key press, scanning bodies in the background, and finding terms in rendered lines.
//!
//! - `query` (with `query_token`, `query_key`): the query language — words, `"phrases"`,
//!   `-` to exclude, `OR`, and `key:value` filters — into clauses of alternatives.
//! - `query_eval`: the verdict on an article from what is known so far (keys, metadata, body).
//! - `fold`: the one case-folding rule (per-character lowercase, whitespace runs → a space).
//! - `needle`: a prepared term and the cheapest exact way to look for it.
//! - `html` (with `markup`): the text of an HTML body (tags, scripts, entities), searched
//!   exactly around the places a term could start, without folding the whole body.
//! - `matcher`: metadata and body matching on [`Query`].
//! - `index`: [`MetaIndex`], all metadata folded, each shared value once, for fast key presses.
//! - `body`: reading a candidate's body and testing it, skipping most work for misses.
//! - `scan`: the background full-text scan ([`spawn`]) and its blocking twin ([`scan_blocking`]).
//! - `highlight`: [`Query::find_in_line`], byte ranges of matches in a line.
//! - `fulltext`: the on-disk full-text index of bodies, used where it answers, the scan for
//!   the rest (same results).
//!
//! Matching is case-insensitive for every script with case (`É` matches `é`) and a plain
//! substring test on Chinese (no segmentation). An article matches when each term is found in
//! its metadata (title, author, categories, tags) or in its body text; `-`, `OR` and keys
//! combine those findings (see `query`).
//!
//! How the pieces fit (the reader; `list --search` is the same with [`scan_blocking`]):
//! - once per loaded library: `let index = MetaIndex::new(&library.articles)`;
//! - per key press: `Query::parse(text, start_of_day, today)` (an `Err` is a status-bar
//!   message), then `let hits = index.hits(&query)`; article `i` matches on metadata alone
//!   when `query.matches_meta_with(i, a, &context, hits[i])` (the index gives the same masks
//!   as `query.meta_hits(a)`, ~30 times faster on 100,000 articles);
//! - for the full text: `spawn(origin, query.candidates_in(&articles, &hits, &context), query)`
//!   and drain `scan.events` each frame; ids are article indices. Articles settled by their
//!   keys and metadata are reported without reading, the others once their body settles them;
//! - in the reader: `query.find_in_line(line)` for the ranges to highlight.

mod body;
mod fold;
pub mod fulltext;
mod highlight;
mod html;
mod index;
mod markup;
mod matcher;
mod needle;
mod query;
mod query_eval;
mod query_key;
mod query_token;
mod scan;
#[cfg(test)]
mod tests;

pub use index::MetaIndex;
pub use query::{MAX_TERMS, Query, Term};
pub use query_eval::{Known, Verdict};
pub use query_key::{Context, KEYS};
pub use scan::{Candidate, Event, Scan, TICK, scan_blocking, spawn, spawn_settled};
