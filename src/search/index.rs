//! The folded metadata of every article, for filtering on every key press.
//!
//! [`Query::matches_meta`] on 100,000 articles costs tens of milliseconds, nearly all of it
//! waiting for memory: each article's title, author and every category is its own heap
//! allocation, visited in date order, far from allocation order. Here the same fields are
//! folded once into contiguous strings, so a key press is a `memmem` pass over a few
//! megabytes.
//!
//! Titles are the article's own: they are folded one after another into strings of
//! [`CHUNK`] titles each, folded on every core at once when a library is indexed. The
//! author and the three lists (categories, flat categories, tags) are shared between the
//! articles of a feed (see [`crate::library::intern`]): each distinct one is folded once, into
//! a second, small string, and an article names its *combination* of them by one number.
//! Folding them once an article repeated the same text a million times (~100 MB at 1M, for a
//! few thousand distinct values); now an article costs its folded title and 8 bytes.
//!
//! The answers are the same as [`Query::meta_hits`] (a test checks): a term never contains
//! `\n` (folding turns it into a space), and every field ends with one, so a match never
//! spans two fields.

use super::fold::Folder;
use super::query::Query;
use super::scan::Candidate;
use crate::library::Article;
use crate::library::intern::{Names, Text};
use std::collections::HashMap;
use std::num::NonZero;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Titles a piece of the titles' text holds: pieces are folded in parallel, each reserved to
/// its size up front (one text grown by doubling as articles arrive held up to twice its
/// size). Small in tests, so that they cross pieces.
#[cfg(not(test))]
const CHUNK: usize = 1 << 16;
#[cfg(test)]
const CHUNK: usize = 7;

/// Up to this many combinations of shared values, [`MetaIndex::matching`] finds the query in
/// every one first: a few milliseconds at most, as long as a walk's step (16,384 rows), and
/// then each row is its title's search alone. Beyond (a library whose articles each have
/// tags of their own), each row's values are searched in their records instead.
const PRECOMPUTED: usize = 1 << 14;

/// Folded metadata of a list of articles (build it again when an article is replaced or
/// removed; [`MetaIndex::extend`] when articles are appended).
///
/// Offsets are `u32`: a piece of titles or the distinct values would need 4 GiB of text to
/// pass them.
#[derive(Debug, Clone, Default)]
pub struct MetaIndex {
    /// The folded titles in id order, [`CHUNK`] a piece (the last may hold fewer).
    titles: Vec<Titles>,
    /// Per article, the number of its combination in `combos`.
    combo_of: Vec<u32>,
    /// The distinct values, folded: value 0 is the empty one (no author, an empty list); an
    /// author is its text and `\n`, a list each item and `\n`.
    values: String,
    /// Where each value's record ends in `values`.
    value_ends: Vec<u32>,
    /// Each distinct (author, categories, flat categories, tags), as value numbers.
    combos: Vec<[u32; 4]>,
    /// What is known while building, kept for [`MetaIndex::extend`].
    seen: Seen,
}

/// The numbers given so far, by identity of the shared value. A value is known by the address
/// of its shared text or list: equal addresses are one allocation, hence equal text. The
/// values themselves are held here, so no address is freed and reused by another value
/// while the index lives.
#[derive(Debug, Clone, Default)]
struct Seen {
    values: HashMap<usize, u32>,
    authors: Vec<Text>,
    lists: Vec<Names>,
    /// Combinations by their values' addresses (as values are known): one lookup an
    /// article, its values looked up only when the combination is new.
    combos: HashMap<[usize; 4], u32>,
    /// The last article's addresses and combination: the articles of a feed come together,
    /// so most articles are this one's neighbour's combination, found without hashing.
    last: Option<([usize; 4], u32)>,
}

/// Folded titles, each followed by `\n`.
#[derive(Debug, Clone, Default)]
struct Titles {
    text: String,
    /// Where each title ends in `text` (just past its `\n`).
    ends: Vec<u32>,
}

impl Titles {
    /// Adds the titles of `articles`.
    fn push(&mut self, articles: &[Article]) {
        // Folding keeps or shortens ASCII, and rarely lengthens anything else.
        let bytes: usize = articles.iter().map(|a| a.title.len() + 1).sum();
        self.text.reserve(bytes);
        self.ends.reserve(articles.len());
        for a in articles {
            fold_title(&a.title, &mut self.text);
            self.text.push('\n');
            self.ends.push(offset(self.text.len()));
        }
    }

    fn of(articles: &[Article]) -> Titles {
        let mut titles = Titles::default();
        titles.push(articles);
        titles
    }
}

impl MetaIndex {
    pub fn new(articles: &[Article]) -> MetaIndex {
        let mut index = MetaIndex::default();
        index.extend(articles);
        index
    }

    /// Adds `articles` after those indexed (the next ids). Their titles are folded on every
    /// core while this thread numbers their shared values, then joins in.
    pub fn extend(&mut self, articles: &[Article]) {
        if self.value_ends.is_empty() {
            self.value_ends.push(0); // value 0, the empty one
        }
        let mut rest = articles;
        if let Some(last) = self.titles.last_mut().filter(|t| t.ends.len() < CHUNK) {
            let (now, later) = rest.split_at((CHUNK - last.ends.len()).min(rest.len()));
            last.push(now);
            rest = later;
        }
        let pieces: Vec<&[Article]> = rest.chunks(CHUNK).collect();
        // Pieces are taken in turn by whichever thread is free; numbered to be put in order.
        let next = AtomicUsize::new(0);
        let fold = || {
            let mut done = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(piece) = pieces.get(i) else {
                    return done;
                };
                done.push((i, Titles::of(piece)));
            }
        };
        let cores = std::thread::available_parallelism().map_or(1, NonZero::get);
        let mut folded = std::thread::scope(|scope| {
            let helpers: Vec<_> = (1..cores.min(pieces.len()))
                .map(|_| scope.spawn(fold))
                .collect();
            self.combo_of.reserve(articles.len());
            for a in articles {
                let combo = self.combo(a);
                self.combo_of.push(combo);
            }
            let mut done = fold();
            for helper in helpers {
                done.extend(
                    helper
                        .join()
                        .unwrap_or_else(|e| std::panic::resume_unwind(e)),
                );
            }
            done
        });
        folded.sort_unstable_by_key(|&(i, _)| i);
        self.titles
            .extend(folded.into_iter().map(|(_, titles)| titles));
    }

    /// The number of `a`'s combination of shared values, given it when new.
    fn combo(&mut self, a: &Article) -> u32 {
        let lists = [&a.categories, &a.flat_categories, &a.tags];
        let author = a.author.as_ref().map_or(0, |t| t.as_ptr() as usize);
        let [c, f, t] = lists.map(|l| l.as_ptr() as usize);
        let addresses = [author, c, f, t];
        if let Some((last, combo)) = self.seen.last
            && last == addresses
        {
            return combo;
        }
        let combo = match self.seen.combos.get(&addresses) {
            Some(&combo) => combo,
            None => {
                let mut values = [self.author(a.author.as_ref()), 0, 0, 0];
                for (slot, list) in values[1..].iter_mut().zip(lists) {
                    *slot = self.list(list);
                }
                let combo = offset(self.combos.len());
                self.combos.push(values);
                self.seen.combos.insert(addresses, combo);
                combo
            }
        };
        self.seen.last = Some((addresses, combo));
        combo
    }

    /// The number of an author's value.
    fn author(&mut self, author: Option<&Text>) -> u32 {
        let Some(t) = author.filter(|t| !t.is_empty()) else {
            return 0;
        };
        let (id, new) = self.value(t.as_ptr() as usize, std::slice::from_ref(t));
        if new {
            self.seen.authors.push(t.clone());
        }
        id
    }

    /// The number of a list's value.
    fn list(&mut self, list: &Names) -> u32 {
        if list.is_empty() {
            return 0;
        }
        let (id, new) = self.value(list.as_ptr() as usize, list);
        if new {
            self.seen.lists.push(list.clone());
        }
        id
    }

    /// The number of the value at `address`, and whether it is new: then `fields` were
    /// folded into its record, and the caller holds the value.
    fn value(&mut self, address: usize, fields: &[Text]) -> (u32, bool) {
        if let Some(&id) = self.seen.values.get(&address) {
            return (id, false);
        }
        for field in fields {
            Folder::new().push_str(field, &mut self.values);
            self.values.push('\n');
        }
        let id = offset(self.value_ends.len());
        self.value_ends.push(offset(self.values.len()));
        self.seen.values.insert(address, id);
        (id, true)
    }

    /// The number of articles indexed.
    pub fn len(&self) -> usize {
        self.combo_of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.combo_of.is_empty()
    }

    /// The bytes it holds on the heap (capacities; a map's entries and control bytes): what
    /// the benches report.
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        let map = |entries: usize, entry: usize| entries * (entry + 1);
        let titles: usize = (self.titles.iter())
            .map(|t| t.text.capacity() + t.ends.capacity() * 4)
            .sum();
        titles
            + self.titles.capacity() * size_of::<Titles>()
            + self.combo_of.capacity() * 4
            + self.values.capacity()
            + self.value_ends.capacity() * 4
            + self.combos.capacity() * 16
            + map(self.seen.values.capacity(), size_of::<(usize, u32)>())
            + (self.seen.authors.capacity() + self.seen.lists.capacity()) * size_of::<usize>()
            + map(self.seen.combos.capacity(), size_of::<([usize; 4], u32)>())
    }

    /// What `query` finds in the shared values, to look articles up one by one.
    pub fn matching<'a>(&'a self, query: &'a Query) -> Matching<'a> {
        self.matching_with(query, self.combos.len() <= PRECOMPUTED)
    }

    /// [`MetaIndex::matching`], every combination's hits computed first or none.
    fn matching_with<'a>(&'a self, query: &'a Query, precompute: bool) -> Matching<'a> {
        let of_combo = precompute.then(|| {
            let mut of_value = vec![0u64; self.value_ends.len()];
            for (bit, term) in query.terms.iter().enumerate() {
                mark(
                    &self.values,
                    &self.value_ends,
                    term,
                    1 << bit,
                    &mut of_value,
                );
            }
            (self.combos.iter())
                .map(|c| c.iter().fold(0, |mask, &v| mask | of_value[v as usize]))
                .collect()
        });
        Matching {
            index: self,
            query,
            of_combo,
        }
    }

    /// For every article, in order, the terms its metadata holds (bit `i` = term `i`): the
    /// same as `query.meta_hits(article)`. An article matches the metadata when its mask is
    /// `query.all_terms()`.
    pub fn hits(&self, query: &Query) -> Vec<u64> {
        let matching = self.matching_with(query, true);
        let of_combo = matching.of_combo.expect("computed");
        let mut hits: Vec<u64> = (self.combo_of.iter())
            .map(|&c| of_combo[c as usize])
            .collect();
        for (bit, term) in query.terms.iter().enumerate() {
            for (titles, hits) in self.titles.iter().zip(hits.chunks_mut(CHUNK)) {
                mark(&titles.text, &titles.ends, term, 1 << bit, hits);
            }
        }
        hits
    }
}

/// A query's hits in the shared values of an index, for [`Matching::hits_of`].
pub struct Matching<'a> {
    index: &'a MetaIndex,
    query: &'a Query,
    /// Per combination of values, the terms they hold; `None` when there are too many
    /// combinations to find them all for a few lookups (see [`PRECOMPUTED`]).
    of_combo: Option<Vec<u64>>,
}

impl Matching<'_> {
    /// Article `id`'s entry of [`MetaIndex::hits`], from its own title and its values' hits:
    /// what typing on checks again for the few articles the last key matched, and a walk
    /// down the list for the rows of a step.
    pub fn hits_of(&self, id: usize) -> u64 {
        let index = self.index;
        let titles = &index.titles[id / CHUNK];
        let title = record(&titles.text, &titles.ends, id % CHUNK);
        let combo = index.combo_of[id] as usize;
        if let Some(of_combo) = &self.of_combo {
            return (self.query.terms.iter().enumerate())
                .filter(|(_, term)| term.needle.in_folded(title))
                .fold(of_combo[combo], |mask, (bit, _)| mask | 1 << bit);
        }
        let values =
            (index.combos[combo]).map(|v| record(&index.values, &index.value_ends, v as usize));
        (self.query.terms.iter().enumerate())
            .filter(|(_, term)| {
                term.needle.in_folded(title) || values.iter().any(|v| term.needle.in_folded(v))
            })
            .fold(0, |mask, (bit, _)| mask | 1 << bit)
    }
}

/// Sets `bit` in `out[i]` for every record `i` of `text` (ending at `ends[i]`) holding `term`.
fn mark(text: &str, ends: &[u32], term: &super::query::Term, bit: u64, out: &mut [u64]) {
    let (mut from, mut at_record) = (0, 0);
    while let Some(at) = term.needle.find_from(text, from) {
        // Hits come in order: the record holding this one is found by walking on from the
        // last, one pass over `ends` in all (a binary search per hit, at a million articles
        // and a common letter, cost more than the text search).
        while ends[at_record] as usize <= at {
            at_record += 1;
        }
        out[at_record] |= bit;
        from = ends[at_record] as usize;
    }
}

/// Record `i` of `text`, whose records end at `ends`.
fn record<'t>(text: &'t str, ends: &[u32], i: usize) -> &'t str {
    let from = i.checked_sub(1).map_or(0, |before| ends[before] as usize);
    &text[from..ends[i] as usize]
}

/// `len` as an offset of the index.
fn offset(len: usize) -> u32 {
    u32::try_from(len).expect("the metadata index stays under 4 GiB")
}

/// Folds a title into `out` as [`Folder::push_str`] does. Most titles are printable ASCII
/// with single spaces, whose folding is lowercasing alone: done in bulk, it makes building
/// the index at a million articles a fraction of the per-character path's time.
fn fold_title(title: &str, out: &mut String) {
    let b = title.as_bytes();
    let plain = b.iter().all(|&x| matches!(x, b' '..=b'~'))
        && b.first() != Some(&b' ')
        && !title.contains("  ");
    if plain {
        let from = out.len();
        out.push_str(title);
        out[from..].make_ascii_lowercase();
    } else {
        Folder::new().push_str(title, out);
    }
}

impl Query {
    /// [`Query::candidates`] with the metadata hits already computed by [`MetaIndex::hits`].
    pub fn candidates_from(&self, articles: &[Article], hits: &[u64]) -> Vec<Candidate> {
        self.candidates_in(articles, hits, &super::Context::none())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    #[test]
    fn hits_equal_meta_hits() {
        let articles: Vec<Article> = (0..600)
            .map(|i| {
                let (name, text) = gazette_corpus::article_text(i, 3);
                let parsed = crate::library::parse::parse_article(
                    std::path::Path::new(&name),
                    std::path::Path::new(&name),
                    text.as_bytes(),
                );
                parsed.expect("generated articles parse").0
            })
            .collect();
        let mut index = MetaIndex::new(&articles[..250]);
        index.extend(&articles[250..]);
        assert_eq!(index.len(), 600);
        let queries = [
            "h",
            "ha",
            "han",
            "HANOI",
            "新",
            "新媒",
            "数字货币",
            "the guardian",
            "新媒体 观察者网",
            "international opinion x",
            "'",
            "a\nb",
            "ts",
            "",
        ];
        for text in queries {
            let query = Query::parse_in(text, &Utc).unwrap();
            let expected: Vec<u64> = articles.iter().map(|a| query.meta_hits(a)).collect();
            assert_eq!(index.hits(&query), expected, "{text:?}");
            for precompute in [true, false] {
                let matching = index.matching_with(&query, precompute);
                let one_by_one: Vec<u64> = (0..600).map(|id| matching.hits_of(id)).collect();
                assert_eq!(one_by_one, expected, "{text:?}, one by one ({precompute})");
            }
        }
        let query = Query::parse_in("cat:International zanzibar", &Utc).unwrap();
        let hits = index.hits(&query);
        assert_eq!(
            query.candidates_from(&articles, &hits),
            query.candidates(&articles)
        );
    }

    /// An article of `title` by `author`, in `categories`, flat categories `flat`, `tags`.
    fn article(title: &str, author: Option<&str>, lists: [&[&str]; 3]) -> Article {
        let mut a = Article::new(format!("/lib/{title}.md"), title);
        a.author = author.map(Text::new);
        a.categories = Names::new(lists[0].iter().copied());
        a.flat_categories = Names::new(lists[1].iter().copied());
        a.tags = Names::new(lists[2].iter().copied());
        a
    }

    /// Articles sharing lists and authors, an author's name in another's title, titles that
    /// take the per-character fold (double spaces, tabs, accents, a control character).
    fn shared_articles() -> Vec<Article> {
        let tech: &[&str] = &["科技", "Rust"];
        vec![
            article("Rust 周报 Weekly", Some("Alice"), [tech, &[], &["周报"]]),
            article("Alice in 北京", Some("Bob"), [tech, &["Rust 科技"], &[]]),
            article("Quiet", Some("Alice"), [tech, &[], &["周报"]]),
            article("  Spaced   Out\tTitle ", None, [&[], &[], &[]]),
            article(
                "École d'ÉTÉ\u{7}",
                Some("Zoë"),
                [&["Culture"], &[], &["x", "y"]],
            ),
            article(
                "Bob's RUST notes",
                Some(""),
                [&["culture"], &["科技"], &["y", "x"]],
            ),
        ]
    }

    /// `index.hits` and every `hits_of` for `text`, checked against `meta_hits`.
    fn check(index: &MetaIndex, articles: &[Article], text: &str) -> Vec<u64> {
        let query = Query::parse_in(text, &Utc).unwrap();
        let expected: Vec<u64> = articles.iter().map(|a| query.meta_hits(a)).collect();
        assert_eq!(index.hits(&query), expected, "{text:?}");
        for precompute in [true, false] {
            let matching = index.matching_with(&query, precompute);
            let one_by_one: Vec<u64> = (0..articles.len()).map(|id| matching.hits_of(id)).collect();
            assert_eq!(one_by_one, expected, "{text:?}, one by one ({precompute})");
        }
        expected
    }

    #[test]
    fn shared_values_are_folded_once_and_answer_for_every_article_holding_them() {
        let articles = shared_articles();
        let index = MetaIndex::new(&articles);
        // Alice, Bob, the tech list, 周报, Zoë, Culture, culture, 科技 flat, Rust 科技, two
        // tag lists, and the empty value.
        assert_eq!(index.value_ends.len(), 12, "{:?}", index.values);
        assert_eq!(index.combos.len(), 5, "articles 0 and 2 share theirs");
        assert_eq!(index.values.matches("科技").count(), 3);
        // An author also in a title; a list shared by three articles.
        assert_eq!(check(&index, &articles, "alice"), [1, 1, 1, 0, 0, 0]);
        assert_eq!(check(&index, &articles, "rust"), [1, 1, 1, 0, 0, 1]);
        assert_eq!(check(&index, &articles, "alice 周报"), [3, 1, 3, 0, 0, 0]);
        // Across two fields (a list's items, title and author, author and list): no match.
        assert_eq!(check(&index, &articles, "\"技 r\""), [0; 6]);
        assert_eq!(check(&index, &articles, "\"quiet alice\""), [0; 6]);
        assert_eq!(check(&index, &articles, "\"x y\""), [0; 6]);
        assert_eq!(check(&index, &articles, "xy"), [0; 6]);
        assert_eq!(check(&index, &articles, "技rust"), [0; 6]);
        assert_eq!(check(&index, &articles, "\"rust 科\""), [0, 1, 0, 0, 0, 0]);
        // Titles folded by the slow path, and accents in values.
        assert_eq!(
            check(&index, &articles, "\"out title\""),
            [0, 0, 0, 1, 0, 0]
        );
        assert_eq!(check(&index, &articles, "d'été"), [0, 0, 0, 0, 1, 0]);
        assert_eq!(check(&index, &articles, "zoë culture"), [0, 0, 0, 0, 3, 2]);
        for text in [
            "e",
            "'",
            "b",
            "bob's",
            "ÉCOLE",
            "\"spaced out\"",
            "\"s r\"",
            "\t",
            "",
        ] {
            check(&index, &articles, text);
        }
    }

    #[test]
    fn articles_added_later_join_the_shared_values() {
        let articles = shared_articles();
        let mut index = MetaIndex::new(&articles[..2]);
        index.extend(&articles[2..4]);
        index.extend(&[]);
        index.extend(&articles[4..]);
        assert_eq!(index.len(), 6);
        assert_eq!(
            index.combos.len(),
            5,
            "the first article's combination found again"
        );
        for text in ["alice", "rust", "科技", "x", "culture title", "bob"] {
            check(&index, &articles, text);
        }
    }

    #[test]
    fn values_no_article_holds_any_more_are_not_mistaken_for_new_ones() {
        // The index holds each value it numbered: were it to let go, once the articles and
        // the intern pool have, the allocator could give a freed list's address to a new
        // list, found there under the old one's number.
        let tagged = |tag: &str| article("t", None, [&[], &[], &[tag]]);
        let old: Vec<Article> = (0..200).map(|i| tagged(&format!("旧标签{i}"))).collect();
        let mut index = MetaIndex::new(&old);
        drop(old);
        // Enough distinct lists that the pool sweeps every shard (see intern.rs's tests).
        for i in 0..40_000 {
            drop(Names::new([format!("churn {i}")]));
        }
        let new: Vec<Article> = (0..2_000).map(|i| tagged(&format!("新标签{i}"))).collect();
        index.extend(&new);
        for text in ["新标签1", "旧标签1", "标签"] {
            let query = Query::parse_in(text, &Utc).unwrap();
            let ids = |hits: &mut dyn Iterator<Item = u64>| -> Vec<usize> {
                hits.enumerate()
                    .filter(|(_, h)| *h != 0)
                    .map(|(id, _)| id)
                    .collect()
            };
            let expected = ids(&mut new.iter().map(|a| query.meta_hits(a)));
            let found = ids(&mut index.hits(&query).into_iter().skip(200));
            assert_eq!(found, expected, "{text:?}");
            for precompute in [true, false] {
                let matching = index.matching_with(&query, precompute);
                let one_by_one = ids(&mut (200..2_200).map(|id| matching.hits_of(id)));
                assert_eq!(one_by_one, expected, "{text:?}, one by one ({precompute})");
            }
        }
    }

    #[test]
    fn titles_folded_on_several_threads_keep_their_order() {
        // Many pieces of long titles (folded character by character): this thread numbers
        // the values, then folds pieces beside the others, the pieces coming back from each
        // thread in whatever order they were taken.
        let long = "Été à Zürich, ".repeat(40);
        let articles: Vec<Article> = (0..2_000)
            .map(|i| Article::new(format!("/lib/{i}.md"), format!("{long}第{i}篇")))
            .collect();
        let mut index = MetaIndex::new(&articles[..3]);
        index.extend(&articles[3..]);
        for (id, a) in articles.iter().enumerate() {
            let titles = &index.titles[id / CHUNK];
            let title = record(&titles.text, &titles.ends, id % CHUNK);
            assert_eq!(
                title,
                format!("{}\n", a.title.to_lowercase()),
                "article {id}"
            );
        }
    }

    #[test]
    fn titles_fold_as_the_folder_folds_them() {
        let titles = [
            "Plain Title",
            "ALL CAPS 2024!",
            " leading",
            "trailing ",
            "two  spaces",
            "tab\there",
            "bell\u{7}",
            "İstanbul KELVIN \u{212A}",
            "中文 标题 ＡＢＣ",
            "~`!@#$%^&*()_+-={}[]|\\:;\"'<>,.?/",
            "",
        ];
        for title in titles {
            let (mut fast, mut slow) = (String::from("x"), String::from("x"));
            fold_title(title, &mut fast);
            Folder::new().push_str(title, &mut slow);
            assert_eq!(fast, slow, "{title:?}");
        }
    }
}
