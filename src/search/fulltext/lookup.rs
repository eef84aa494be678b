//! A query's terms looked up in the index: for every covered article, which terms it
//! certainly holds, which it may hold (its body must be read to know), and — all others —
//! which it certainly does not.
//!
//! How each folded term is looked up (runs and classes: see `tokens`):
//! - one word run and nothing else (`zanzi`, `Covid19`): exact — the bodies with a word that
//!   contains it (a pass over the segment's word list); bodies with an unindexed long word
//!   may hold it;
//! - one gram run: exact — for one character (`新`), the bigrams it starts and its unigram
//!   (where a run ends); for two (`新媒`), the bigram; for more (`数字货币`), its bigrams at
//!   consecutive positions; bodies indexed in part (`key::PARTIAL`) may hold it;
//! - anything else (separators or several runs: `new york`, `i̇stanbul`, `iphone手机`,
//!   `a&b`): each run must be there (words carry no positions, so a phrase of words needs
//!   each of its words; a word at the term's edge may be longer on that side), which only
//!   narrows: the bodies that pass may hold the term;
//! - no run at all (`&`, `—`): any body may hold it.

use super::docs::DocMap;
use super::grams::key;
use super::grams::read::{Docs, docs_into, phrase_into};
use super::grams::segment::{Damaged, Segment};
use super::on_disk::FullText;
use super::tokens::{Class, LONG_WORD, Run, runs};
use crate::search::query::Query;
use crate::search::query_eval::{Known, Verdict};
use crate::search::scan::Candidate;

/// What the index is asked for one term: a set of documents, made of keys.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Node {
    /// Every document.
    All,
    /// The documents of one key (not a word's).
    Key(u64),
    /// The documents of every key in a range (the bigrams that start with one character).
    Range(u64, u64),
    /// The documents where these bigrams stand at consecutive positions.
    Phrase(Vec<u64>),
    /// The documents with a word this word run can be part of.
    Word(String, bool, bool),
    Either(Vec<Node>),
    Both(Vec<Node>),
}

/// How one term is looked up: bodies in `yes` hold it, bodies in `maybe` may.
struct Plan {
    yes: Option<Node>,
    maybe: Option<Node>,
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
        let plan = plan(term.needle.folded());
        let run = |q: &Option<Node>, into: &mut Vec<u64>| match q {
            Some(q) => each_id(ft, map, q, |id| into[id] |= mask),
            None => Ok(()),
        };
        if run(&plan.yes, &mut found)
            .and_then(|()| run(&plan.maybe, &mut maybe))
            .is_err()
        {
            // The index could not be read: read the bodies.
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

/// Calls `hit` with the article id of every covered document `node` holds.
fn each_id(
    ft: &FullText,
    map: &DocMap,
    node: &Node,
    mut hit: impl FnMut(usize),
) -> Result<(), Damaged> {
    for (s, segment) in ft.segments.iter().enumerate() {
        for doc in eval(segment, node)?.iter() {
            if let Some(id) = map.id(s, doc) {
                hit(id);
            }
        }
    }
    Ok(())
}

/// The documents of `segment` that `node` holds.
fn eval(segment: &Segment, node: &Node) -> Result<Docs, Damaged> {
    let mut docs = Docs::none(segment.len);
    match node {
        Node::All => return Ok(Docs::all(segment.len)),
        Node::Key(k) => {
            for block in segment.blocks() {
                if let Some(body) = block.entry(*k)? {
                    docs_into(body, key::is_bigram(*k), &mut docs)?;
                }
            }
        }
        Node::Range(lo, hi) => {
            let mut result = Ok(());
            segment.range(*lo, *hi, &mut |k, body| {
                if result.is_ok() {
                    result = docs_into(body, key::is_bigram(k), &mut docs);
                }
            })?;
            result?;
        }
        Node::Phrase(keys) => {
            // A block's documents are its own: the phrase's bigrams are met block by block.
            let mut bodies = Vec::with_capacity(keys.len());
            'blocks: for block in segment.blocks() {
                bodies.clear();
                for &k in keys {
                    match block.entry(k)? {
                        Some(body) => bodies.push(body),
                        None => continue 'blocks,
                    }
                }
                phrase_into(&bodies, &mut docs)?;
            }
        }
        Node::Word(text, open_start, open_end) => {
            let text = text.as_bytes();
            let wanted = |word: &[u8]| match (open_start, open_end) {
                (false, false) => word == text,
                (false, true) => word.starts_with(text),
                (true, false) => word.ends_with(text),
                (true, true) => memchr::memmem::find(word, text).is_some(),
            };
            let mut result = Ok(());
            segment.words(&wanted, &mut |body| {
                if result.is_ok() {
                    result = docs_into(body, false, &mut docs);
                }
            })?;
            result?;
        }
        Node::Either(nodes) => {
            for n in nodes {
                docs.union(&eval(segment, n)?);
            }
        }
        Node::Both(nodes) => {
            let mut nodes = nodes.iter();
            if let Some(first) = nodes.next() {
                docs = eval(segment, first)?;
            }
            for n in nodes {
                docs.intersect(&eval(segment, n)?);
            }
        }
    }
    Ok(docs)
}

fn plan(folded: &str) -> Plan {
    let runs = runs(folded);
    let long_mark = || Node::Key(key::LONG);
    // A body indexed in part may hold any gram term (`grams::chunk`).
    let partial = || Node::Key(key::PARTIAL);
    match runs.as_slice() {
        [] => Plan {
            yes: None,
            maybe: Some(Node::All),
        },
        [run] if run.at_start && run.at_end => match run.class {
            Class::Word if run.text.len() <= LONG_WORD => Plan {
                yes: Some(word_node(run)),
                maybe: Some(long_mark()),
            },
            Class::Word => Plan {
                yes: None,
                maybe: Some(long_mark()),
            },
            _ => Plan {
                yes: Some(gram_node(run)),
                maybe: Some(partial()),
            },
        },
        runs => {
            // Words have no positions in the index: a phrase of words is narrowed to the
            // bodies with each of its words, and read.
            let words = Node::Either(vec![
                Node::Both(
                    (runs.iter())
                        .filter(|r| r.class == Class::Word)
                        .map(word_node)
                        .collect(),
                ),
                long_mark(),
            ]);
            let mut all: Vec<Node> = (runs.iter())
                .filter(|r| r.class == Class::Gram)
                .map(|r| Node::Either(vec![gram_node(r), partial()]))
                .collect();
            if runs.iter().any(|r| r.class == Class::Word) {
                all.push(words);
            }
            Plan {
                yes: None,
                maybe: Some(Node::Both(all)),
            }
        }
    }
}

/// Bodies with a word this run can be part of: exactly itself, unless it touches the term's
/// edge, where the word may go on.
fn word_node(run: &Run<'_>) -> Node {
    Node::Word(run.text.to_owned(), run.at_start, run.at_end)
}

/// Bodies whose text holds this gram run.
fn gram_node(run: &Run<'_>) -> Node {
    let chars: Vec<u32> = run.chars().into_iter().map(u32::from).collect();
    match chars.as_slice() {
        // A character is a unigram where its run ends, a bigram's first character elsewhere.
        [c] => Node::Either(vec![
            Node::Key(key::unigram(*c)),
            Node::Range(key::bigram_of(*c, 0), key::bigram_of(*c + 1, 0)),
        ]),
        [a, b] => Node::Key(key::bigram_of(*a, *b)),
        chars => Node::Phrase(
            chars
                .windows(2)
                .map(|p| key::bigram_of(p[0], p[1]))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fulltext::grams::build::CHUNK_DOCS;
    use crate::search::fulltext::{files_of, update};
    use std::sync::atomic::AtomicBool;

    /// In unit tests each chunk of a segment is a block of its table of its own
    /// (`segment_write`): a term in documents of both blocks is found in both, as a key, a
    /// range, a phrase and a word.
    #[test]
    fn every_block_is_looked_up() {
        let tmp = tempfile::tempdir().unwrap();
        let library = tmp.path().join("library");
        std::fs::create_dir_all(&library).unwrap();
        // Documents are in path order: 7 is in the first chunk, the last in the second.
        let last = CHUNK_DOCS + 9;
        let holders = [7, CHUNK_DOCS - 1, CHUNK_DOCS, last];
        for i in 0..=last {
            let body = if i == last {
                "据说数据显示如此 zanzibar 火星探测"
            } else if holders.contains(&i) {
                "据说数据显示如此 zanzibar"
            } else {
                "其他的数据 plain"
            };
            let text = format!("---\ntitle: T{i}\n---\n<p>{body}</p>\n");
            std::fs::write(library.join(format!("{i:05}.md")), text).unwrap();
        }
        let dir = tmp.path().join("index");
        let files = files_of(std::slice::from_ref(&library));
        update(&dir, &files, &mut |_, _| {}, &AtomicBool::new(false)).unwrap();
        let ft = FullText::open(&dir).unwrap();
        let segment = &ft.segments[0];
        assert_eq!(segment.blocks().len(), 2);
        let found = |node: Node| -> Vec<usize> {
            let docs = eval(segment, &node).unwrap();
            docs.iter().map(|d| d as usize).collect()
        };
        let c = |s: &str| s.chars().map(|c| c as u32).collect::<Vec<u32>>();
        let bigram = |s: &str| key::bigram_of(c(s)[0], c(s)[1]);
        assert_eq!(found(Node::Key(bigram("显示"))), holders);
        let shows = c("显")[0];
        let range = Node::Range(key::bigram_of(shows, 0), key::bigram_of(shows + 1, 0));
        assert_eq!(found(range), holders);
        let phrase = Node::Phrase(["数据", "据显", "显示"].map(bigram).to_vec());
        assert_eq!(found(phrase), holders);
        assert_eq!(found(Node::Word("zanzibar".into(), false, false)), holders);
        // A phrase whose bigrams only the second block has.
        let only_last = Node::Phrase(["火星", "星探", "探测"].map(bigram).to_vec());
        assert_eq!(found(only_last), [last]);
        // Every document has 数据, in one block or the other.
        assert_eq!(found(Node::Key(bigram("数据"))).len(), last + 1);
    }
}
