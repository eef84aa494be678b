//! Deciding whether an article matches a query, from what is known so far.
//!
//! What is known comes in stages: the key filters and the metadata at once (every key press),
//! the body only when read (the background scan). So a verdict is three-valued: terms whose
//! presence is still unknown may make it `Maybe`, and the scan reads a body only then — an
//! article already decided either way is never read. With no `-` and no `OR` this is exactly
//! the old rule: found in the metadata, or else read the body for the terms still missing.

use super::query::{Atom, Literal, Query};
use super::query_key::{Context, KeyTest};
use super::scan::Candidate;
use crate::library::Article;

/// What is known about an article: which key filters hold, which terms are certainly present,
/// and which may or may not be (bodies not read yet). Other terms are absent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Known {
    pub keys: u64,
    pub found: u64,
    pub unknown: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Yes,
    No,
    /// Depends on terms not known yet.
    Maybe,
}

impl Query {
    /// The query's answer from what is known.
    pub fn verdict(&self, known: Known) -> Verdict {
        let mut all_yes = true;
        for clause in &self.clauses {
            match clause_value(clause, known) {
                Verdict::No => return Verdict::No,
                Verdict::Maybe => all_yes = false,
                Verdict::Yes => {}
            }
        }
        if all_yes {
            Verdict::Yes
        } else {
            Verdict::Maybe
        }
    }

    /// True when the answer depends on reading state (`is:`), which can change under a result
    /// that is kept.
    pub fn asks_reading_state(&self) -> bool {
        (self.keys.iter()).any(|k| matches!(k, KeyTest::Unread | KeyTest::Read | KeyTest::Starred))
    }

    /// The key filters article `id` passes, as a mask (bit `i` = filter `i`).
    pub fn key_mask(&self, id: usize, a: &Article, cx: &Context) -> u64 {
        let mut scratch = String::new();
        (self.keys.iter().enumerate())
            .filter(|(_, k)| k.holds(id, a, cx, &mut scratch))
            .fold(0, |mask, (i, _)| mask | 1 << i)
    }

    /// The answer on metadata alone, terms missing from it counted as absent: what the list
    /// shows while the query is typed. `in_meta`: the terms the metadata holds.
    pub fn matches_meta_with(&self, id: usize, a: &Article, cx: &Context, in_meta: u64) -> bool {
        let known = Known {
            keys: self.key_mask(id, a, cx),
            found: in_meta,
            unknown: 0,
        };
        self.verdict(known) == Verdict::Yes
    }

    /// The articles the full-text scan must look at, ids being indices in `articles`:
    /// everything not already ruled out by its keys and metadata (`hits[i]`: the terms article
    /// `i`'s metadata holds). Those certain already are reported by the scan without reading.
    pub fn candidates_in(
        &self,
        articles: &[Article],
        hits: &[u64],
        cx: &Context,
    ) -> Vec<Candidate> {
        let all = self.all_terms();
        (articles.iter().zip(hits).enumerate())
            .filter_map(|(id, (a, &in_meta))| {
                let keys = self.key_mask(id, a, cx);
                let known = Known {
                    keys,
                    found: in_meta,
                    unknown: all & !in_meta,
                };
                (self.verdict(known) != Verdict::No).then(|| Candidate {
                    id,
                    path: a.path.to_path_buf(),
                    in_meta,
                    keys,
                })
            })
            .collect()
    }

    /// Whether the verdict is settled when the terms in `unknown` are still open (and those
    /// in `found` present, besides the candidate's own metadata).
    pub(crate) fn settled(&self, c: &Candidate, found: u64, unknown: u64) -> bool {
        let known = Known {
            keys: c.keys,
            found: c.in_meta | found,
            unknown: unknown & !c.in_meta,
        };
        self.verdict(known) != Verdict::Maybe
    }
}

fn clause_value(clause: &[Literal], known: Known) -> Verdict {
    let mut maybe = false;
    for lit in clause {
        let value = match lit.atom {
            Atom::Key(k) => Some(known.keys & (1 << k) != 0),
            Atom::Text(t) if known.found & (1 << t) != 0 => Some(true),
            Atom::Text(t) if known.unknown & (1 << t) != 0 => None,
            Atom::Text(_) => Some(false),
        };
        match value.map(|v| v != lit.negated) {
            Some(true) => return Verdict::Yes,
            Some(false) => {}
            None => maybe = true,
        }
    }
    if maybe { Verdict::Maybe } else { Verdict::No }
}
