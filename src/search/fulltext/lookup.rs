//! A query's terms looked up in the index: for every covered article, which terms it
//! certainly holds, which it may hold (its body must be read to know), and — all others —
//! which it certainly does not.
//!
//! How each folded term is looked up (runs and classes: see `tokens`):
//! - one word run and nothing else (`zanzi`, `Covid19`): exact — the bodies with a word that
//!   contains it (a regular expression over the word list); bodies with an unindexed long
//!   word may hold it;
//! - one gram run (`新`, `新媒`, `数字货币`): exact — the unigram, the bigram, or the phrase of
//!   its bigrams;
//! - anything else (separators or several runs: `new york`, `i̇stanbul`, `iphone手机`,
//!   `a&b`): each run must be there (words at consecutive positions for a phrase of words; a
//!   word at the term's edge may be longer on that side), which only narrows: the bodies
//!   that pass may hold the term;
//! - no run at all (`&`, `—`): any body may hold it.

use super::docs::DocMap;
use super::on_disk::{Fields, FullText};
use super::tokens::{Class, LONG_MARK, LONG_WORD, Run, runs};
use crate::search::query::Query;
use crate::search::query_eval::{Known, Verdict};
use crate::search::scan::Candidate;
use tantivy::query::{
    AllQuery, BooleanQuery, EnableScoring, Occur, PhraseQuery, Query as TQuery, RegexPhraseQuery,
    RegexQuery, TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, Term};

/// How one term is looked up: bodies in `yes` hold it, bodies in `maybe` may.
struct Plan {
    yes: Option<Box<dyn TQuery>>,
    maybe: Option<Box<dyn TQuery>>,
}

/// What the index says about the candidates of a query.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Narrowed {
    /// Ids of candidates that match, their bodies unread.
    pub matched: Vec<usize>,
    /// Candidates whose bodies must still be read (not covered, or a term the index cannot
    /// settle); `in_meta` also holds the terms the index found.
    pub read: Vec<Candidate>,
}

/// Sorts `candidates` into matched, ruled out (dropped) and to be read.
pub(crate) fn narrow(
    ft: &FullText,
    map: &DocMap,
    query: &Query,
    candidates: Vec<Candidate>,
) -> Narrowed {
    let mut matched = Vec::new();
    let read = narrow_each(ft, map, query, candidates, &mut |id| matched.push(id));
    Narrowed { matched, read }
}

/// [`narrow`], handing each matched id to `matched` as soon as it is known, in candidate
/// order (the reader shows the first ones while the rest are sorted); returns the
/// candidates still to read.
pub(crate) fn narrow_each(
    ft: &FullText,
    map: &DocMap,
    query: &Query,
    candidates: Vec<Candidate>,
    matched: &mut dyn FnMut(usize),
) -> Vec<Candidate> {
    let len = map.len();
    let (mut found, mut maybe) = (vec![0u64; len], vec![0u64; len]);
    for (bit, term) in query.terms.iter().enumerate() {
        let mask = 1u64 << bit;
        let plan = plan(term.needle.folded(), &ft.fields);
        let run = |q: &Option<Box<dyn TQuery>>, into: &mut Vec<u64>| match q {
            Some(q) => each_id(&map.searcher, map, q.as_ref(), |id| into[id] |= mask),
            None => Ok(()),
        };
        if run(&plan.yes, &mut found)
            .and_then(|()| run(&plan.maybe, &mut maybe))
            .is_err()
        {
            // Too many words to expand, or the index could not be read: read the bodies.
            found.iter_mut().for_each(|m| *m &= !mask);
            maybe.iter_mut().for_each(|m| *m |= mask);
        }
    }
    let mut read = Vec::new();
    for mut c in candidates {
        if !map.covers(c.id) {
            read.push(c);
            continue;
        }
        let known = Known {
            keys: c.keys,
            found: c.in_meta | found[c.id],
            unknown: maybe[c.id] & !found[c.id] & !c.in_meta,
        };
        match query.verdict(known) {
            Verdict::Yes => matched(c.id),
            Verdict::No => {}
            Verdict::Maybe => {
                c.in_meta |= found[c.id];
                read.push(c);
            }
        }
    }
    read
}

/// Calls `hit` with the article id of every covered document `query` matches.
fn each_id(
    searcher: &Searcher,
    map: &DocMap,
    query: &dyn TQuery,
    mut hit: impl FnMut(usize),
) -> anyhow::Result<()> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    for (segment, reader) in searcher.segment_readers().iter().enumerate() {
        weight.for_each_no_score(reader, &mut |docs| {
            for &doc in docs {
                if let Some(id) = map.id(segment, doc) {
                    hit(id);
                }
            }
        })?;
    }
    Ok(())
}

fn plan(folded: &str, f: &Fields) -> Plan {
    let runs = runs(folded);
    let long_mark = || term_query(Term::from_field_text(f.uni, LONG_MARK));
    match runs.as_slice() {
        [] => Plan {
            yes: None,
            maybe: Some(Box::new(AllQuery)),
        },
        [run] if run.at_start && run.at_end => match run.class {
            Class::Word if run.text.len() <= LONG_WORD => Plan {
                yes: Some(word_query(run, f)),
                maybe: Some(long_mark()),
            },
            Class::Word => Plan {
                yes: None,
                maybe: Some(long_mark()),
            },
            _ => Plan {
                yes: Some(gram_query(run, f)),
                maybe: None,
            },
        },
        runs => {
            // A phrase needs two words at least (tantivy's matches nothing with one).
            let phrase = runs.len() > 1 && runs.iter().all(|r| r.class == Class::Word);
            let each: Vec<Box<dyn TQuery>> = if phrase {
                let regexes = runs.iter().map(word_regex).collect();
                vec![Box::new(RegexPhraseQuery::new(f.text, regexes))]
            } else {
                (runs.iter())
                    .filter(|r| r.class == Class::Word)
                    .map(|r| word_query(r, f))
                    .collect()
            };
            let words = either(each.into_iter().chain([long_mark()]).collect());
            let mut all: Vec<(Occur, Box<dyn TQuery>)> = (runs.iter())
                .filter(|r| r.class == Class::Gram)
                .map(|r| (Occur::Must, gram_query(r, f)))
                .collect();
            if runs.iter().any(|r| r.class == Class::Word) {
                all.push((Occur::Must, words));
            }
            Plan {
                yes: None,
                maybe: Some(Box::new(BooleanQuery::new(all))),
            }
        }
    }
}

/// Bodies with a word this run can be part of.
fn word_query(run: &Run<'_>, f: &Fields) -> Box<dyn TQuery> {
    match RegexQuery::from_pattern(&word_regex(run), f.text) {
        Ok(q) => Box::new(q),
        // Word characters are never regex syntax; should it fail, any body may hold it.
        Err(_) => Box::new(AllQuery),
    }
}

/// The words a run can be part of: exactly itself, unless it touches the term's edge, where
/// the word may go on. Word characters are letters and digits, never regex syntax.
fn word_regex(run: &Run<'_>) -> String {
    let open = |edge: bool| if edge { ".*" } else { "" };
    format!("{}{}{}", open(run.at_start), run.text, open(run.at_end))
}

/// Bodies whose text holds this gram run.
fn gram_query(run: &Run<'_>, f: &Fields) -> Box<dyn TQuery> {
    let chars = run.chars();
    if chars.len() == 1 {
        return term_query(Term::from_field_text(f.uni, run.text));
    }
    let mut bigrams: Vec<Term> = (chars.windows(2))
        .map(|p| Term::from_field_text(f.text, &p.iter().collect::<String>()))
        .collect();
    if bigrams.len() == 1 {
        term_query(bigrams.remove(0))
    } else {
        Box::new(PhraseQuery::new(bigrams))
    }
}

fn term_query(term: Term) -> Box<dyn TQuery> {
    Box::new(TermQuery::new(term, IndexRecordOption::Basic))
}

/// Bodies that any of `queries` matches.
fn either(queries: Vec<Box<dyn TQuery>>) -> Box<dyn TQuery> {
    Box::new(BooleanQuery::new(
        queries.into_iter().map(|q| (Occur::Should, q)).collect(),
    ))
}
