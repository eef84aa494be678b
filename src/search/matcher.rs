//! Matching a query against an article: its metadata (cheap, in memory, run on every key
//! press) and its body (read from disk, run by the background scan).
//!
//! A term may be found in either place: an article matches when every term is in its title,
//! author, categories or tags, or in its body text. Term sets are `u64` masks (bit `i` = term
//! `i`), so the scan can be told which terms the metadata already holds.

use super::html;
use super::needle::Needle;
use super::query::Query;
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
    /// True when every term is found in the metadata (any field per term). The filter is not
    /// applied here (see `filter.matches`).
    pub fn matches_meta(&self, article: &Article) -> bool {
        FOLDED.with_borrow_mut(|scratch| {
            self.terms
                .iter()
                .all(|t| meta_fields(article).any(|field| t.needle.in_plain(field, scratch)))
        })
    }

    /// The terms found in the metadata, as a mask.
    pub fn meta_hits(&self, article: &Article) -> u64 {
        FOLDED.with_borrow_mut(|scratch| {
            (self.terms.iter().enumerate())
                .filter(|(_, t)| meta_fields(article).any(|f| t.needle.in_plain(f, scratch)))
                .fold(0, |mask, (i, _)| mask | 1 << i)
        })
    }

    /// True when every term is found in the text of the HTML body `raw_body` (not in tags,
    /// attributes, scripts or styles; entities decoded).
    pub fn matches_body(&self, raw_body: &str) -> bool {
        self.body_holds(raw_body, self.all_terms(), &mut Scratch::default())
    }

    /// The full test: every term in the metadata or in the body.
    pub fn matches(&self, article: &Article, raw_body: &str) -> bool {
        let needed = self.all_terms() & !self.meta_hits(article);
        self.body_holds(raw_body, needed, &mut Scratch::default())
    }

    /// What the scan needs to know about an article: where it is and which terms its metadata
    /// already holds. With every term there, the scan reports it without reading the file.
    pub fn candidate(&self, id: usize, article: &Article) -> Candidate {
        Candidate {
            id,
            path: article.path.clone(),
            in_meta: self.meta_hits(article),
        }
    }

    /// A candidate for every article that passes the filter; ids are indices in `articles`.
    pub fn candidates(&self, articles: &[Article]) -> Vec<Candidate> {
        (articles.iter().enumerate())
            .filter(|(_, a)| self.filter.matches(a))
            .map(|(id, a)| self.candidate(id, a))
            .collect()
    }

    /// True when the body's text holds every term in `needed`.
    pub(crate) fn body_holds(&self, raw_body: &str, needed: u64, scratch: &mut Scratch) -> bool {
        (self.needles(needed)).all(|n| html::contains(raw_body, n, &mut scratch.window))
    }

    /// False when `raw` certainly does not hold every term in `needed` in its text; cheaper
    /// than `body_holds` (no check that a place found is in text). `raw` may be a whole file
    /// before cleaning: folding drops what cleaning would (see `Folder::push`).
    pub(crate) fn may_hold(&self, raw: &str, needed: u64, scratch: &mut Scratch) -> bool {
        (self.needles(needed)).all(|n| html::may_contain(raw, n, &mut scratch.window))
    }

    /// False when the undecoded file `bytes` certainly do not hold every term in `needed`,
    /// whatever encoding the loader decodes them with: no place where a term could start.
    pub(crate) fn bytes_may_hold(&self, bytes: &[u8], needed: u64) -> bool {
        self.needles(needed).all(|n| {
            (n.raw_anchors.as_ref())
                .is_none_or(|anchors| anchors.iter().any(|a| a.find(bytes).is_some()))
        })
    }

    fn needles(&self, mask: u64) -> impl Iterator<Item = &Needle> {
        (self.terms.iter().enumerate())
            .filter(move |(i, _)| mask & (1 << i) != 0)
            .map(|(_, t)| &t.needle)
    }
}

fn meta_fields(a: &Article) -> impl Iterator<Item = &str> {
    std::iter::once(a.title.as_str())
        .chain(a.author.as_deref())
        .chain(a.categories.iter().map(String::as_str))
        .chain(a.flat_categories.iter().map(String::as_str))
        .chain(a.tags.iter().map(String::as_str))
}
