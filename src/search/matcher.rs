//! Matching a query's terms against an article: its metadata (cheap, in memory, run on every
//! key press) and its body (read from disk, run by the background scan).
//!
//! A term may be found in either place: it is present when it is in the title, author,
//! categories or tags, or in the body text; `query_eval` turns present terms and key filters
//! into an answer. Term sets are `u64` masks (bit `i` = term `i`), so the scan can be told
//! which terms the metadata already holds.

use super::html;
use super::needle::Needle;
use super::query::Query;
use super::query_eval::{Known, Verdict};
use super::query_key::Context;
use super::scan::Candidate;
use crate::library::Article;
use std::cell::RefCell;

thread_local! {
    /// Where plain metadata is folded when a term needs it (accented Latin, phrases).
    static FOLDED: RefCell<String> = const { RefCell::new(String::new()) };
}

/// A reusable buffer for body matching, one per thread.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    window: String,
}

impl Query {
    /// True when the metadata alone answers yes, terms missing from it counted as absent (no
    /// reading state, no library roots: see [`Query::matches_meta_with`]).
    pub fn matches_meta(&self, article: &Article) -> bool {
        self.matches_meta_with(0, article, &Context::none(), self.meta_hits(article))
    }

    /// The terms found in the metadata, as a mask.
    pub fn meta_hits(&self, article: &Article) -> u64 {
        FOLDED.with_borrow_mut(|scratch| {
            (self.terms.iter().enumerate())
                .filter(|(_, t)| meta_fields(article).any(|f| t.needle.in_plain(f, scratch)))
                .fold(0, |mask, (i, _)| mask | 1 << i)
        })
    }

    /// True when the text of the HTML body `raw_body` alone answers yes (not in tags,
    /// attributes, scripts or styles; entities decoded); key filters count as failing.
    pub fn matches_body(&self, raw_body: &str) -> bool {
        let found = self.body_found(
            raw_body,
            self.all_terms(),
            &|_, _| false,
            &mut Scratch::default(),
        );
        self.verdict(Known {
            found,
            ..Known::default()
        }) == Verdict::Yes
    }

    /// The full test: each term looked for in the metadata and in the body.
    pub fn matches(&self, article: &Article, raw_body: &str) -> bool {
        let in_meta = self.meta_hits(article);
        let needed = self.all_terms() & !in_meta;
        let body = self.body_found(raw_body, needed, &|_, _| false, &mut Scratch::default());
        self.verdict(Known {
            keys: self.key_mask(0, article, &Context::none()),
            found: in_meta | body,
            unknown: 0,
        }) == Verdict::Yes
    }

    /// What the scan needs to know about an article: where it is, which terms its metadata
    /// already holds and which key filters it passes (no reading state, no library roots).
    pub fn candidate(&self, id: usize, article: &Article) -> Candidate {
        Candidate {
            id,
            path: article.path.to_path_buf(),
            in_meta: self.meta_hits(article),
            keys: self.key_mask(id, article, &Context::none()),
        }
    }

    /// The articles the scan must look at (see [`Query::candidates_in`]), without reading
    /// state or library roots; ids are indices in `articles`.
    pub fn candidates(&self, articles: &[Article]) -> Vec<Candidate> {
        let hits: Vec<u64> = articles.iter().map(|a| self.meta_hits(a)).collect();
        self.candidates_in(articles, &hits, &Context::none())
    }

    /// True when the body's text holds every term in `needed`.
    #[cfg(test)]
    pub(crate) fn body_holds(&self, raw_body: &str, needed: u64, scratch: &mut Scratch) -> bool {
        self.body_found(
            raw_body,
            needed,
            &|kept, open| kept | open != needed,
            scratch,
        ) == needed
    }

    /// The terms of `needed` the body's text holds (see [`Query::select`] for `stop`).
    pub(crate) fn body_found(
        &self,
        raw_body: &str,
        needed: u64,
        stop: Stop,
        scratch: &mut Scratch,
    ) -> u64 {
        self.select(needed, stop, |n| {
            html::contains(raw_body, n, &mut scratch.window)
        })
    }

    /// The terms of `needed` that `raw` may hold in its text; the others it certainly does
    /// not. Cheaper than `body_found` (no check that a place found is in text). `raw` may be
    /// a whole file before cleaning: folding drops what cleaning would (see `Folder::push`).
    pub(crate) fn may_hold(
        &self,
        raw: &str,
        needed: u64,
        stop: Stop,
        scratch: &mut Scratch,
    ) -> u64 {
        self.select(needed, stop, |n| {
            html::may_contain(raw, n, &mut scratch.window)
        })
    }

    /// The terms of `needed` the undecoded file `bytes` may hold, whatever encoding the loader
    /// decodes them with; the others have no place where they could start.
    pub(crate) fn bytes_may_hold(&self, bytes: &[u8], needed: u64, stop: Stop) -> u64 {
        self.select(needed, stop, |n| {
            (n.raw_anchors.as_ref())
                .is_none_or(|anchors| anchors.iter().any(|a| a.find(bytes).is_some()))
        })
    }

    /// The terms of `needed` that pass `test`, tried in order until `stop(kept, open)` says
    /// the terms still open cannot change the answer; those are then returned with the kept
    /// ones (any choice for them gives the same answer). This is what lets a body read stop
    /// at the first missing word of a plain AND query.
    fn select(&self, needed: u64, stop: Stop, mut test: impl FnMut(&Needle) -> bool) -> u64 {
        let (mut kept, mut open) = (0, needed);
        for (i, t) in self.terms.iter().enumerate() {
            let bit = 1u64 << i;
            if open & bit == 0 {
                continue;
            }
            open &= !bit;
            if test(&t.needle) {
                kept |= bit;
            }
            if open != 0 && stop(kept, open) {
                break;
            }
        }
        kept | open
    }
}

/// Says when a body test may stop: `(kept, open)` → the answer no longer depends on the
/// terms still open.
pub(crate) type Stop<'a> = &'a dyn Fn(u64, u64) -> bool;

fn meta_fields(a: &Article) -> impl Iterator<Item = &str> {
    std::iter::once(&*a.title)
        .chain(a.author.as_deref())
        .chain(a.categories.iter().map(|s| s.as_str()))
        .chain(a.flat_categories.iter().map(|s| s.as_str()))
        .chain(a.tags.iter().map(|s| s.as_str()))
}
