//! The folded metadata of every article in one contiguous string, for filtering on every key
//! press.
//!
//! [`Query::matches_meta`] on 100,000 articles costs tens of milliseconds, nearly all of it
//! waiting for memory: each article's title, author and every category is its own heap
//! allocation, visited in date order, far from allocation order. Here the same fields are
//! folded once into one string (`title\nauthor\ncategory\n…` per article), so a key press is
//! a single `memmem` pass over a few megabytes. The answers are the same as
//! [`Query::meta_hits`] (a test checks): a term never contains `\n` (folding turns it into a
//! space), so a match never spans two fields.

use super::fold::Folder;
use super::query::Query;
use super::scan::Candidate;
use crate::library::Article;

/// Folded metadata of a list of articles (build it again when the list changes).
#[derive(Debug, Clone, Default)]
pub struct MetaIndex {
    text: String,
    /// Where each article's record ends in `text` (just past its last `\n`).
    ends: Vec<usize>,
}

impl MetaIndex {
    pub fn new(articles: &[Article]) -> MetaIndex {
        let mut index = MetaIndex {
            text: String::with_capacity(articles.len() * 96),
            ends: Vec::with_capacity(articles.len()),
        };
        index.extend(articles);
        index
    }

    /// Adds `articles` after those indexed (the next ids).
    pub fn extend(&mut self, articles: &[Article]) {
        let MetaIndex { text, ends } = self;
        for a in articles {
            let fields = std::iter::once(&*a.title)
                .chain(a.author.as_deref())
                .chain(a.categories.iter().map(|s| s.as_str()))
                .chain(a.flat_categories.iter().map(|s| s.as_str()))
                .chain(a.tags.iter().map(|s| s.as_str()));
            for field in fields {
                Folder::new().push_str(field, text);
                text.push('\n');
            }
            ends.push(text.len());
        }
    }

    /// The number of articles indexed.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// For every article, in order, the terms its metadata holds (bit `i` = term `i`): the
    /// same as `query.meta_hits(article)`. An article matches the metadata when its mask is
    /// `query.all_terms()`.
    pub fn hits(&self, query: &Query) -> Vec<u64> {
        let mut hits = vec![0u64; self.ends.len()];
        for (bit, term) in query.terms.iter().enumerate() {
            let (mut from, mut article) = (0, 0);
            while let Some(at) = term.needle.find_from(&self.text, from) {
                // Hits come in order: the record holding this one is found by walking on
                // from the last, one pass over `ends` in all (a binary search per hit, at a
                // million articles and a common letter, cost more than the text search).
                while self.ends[article] <= at {
                    article += 1;
                }
                hits[article] |= 1 << bit;
                from = self.ends[article];
            }
        }
        hits
    }

    /// Article `id`'s entry of [`MetaIndex::hits`], from its record alone: what typing on
    /// checks again for the few articles the last key matched.
    pub fn hits_of(&self, id: usize, query: &Query) -> u64 {
        let from = id.checked_sub(1).map_or(0, |before| self.ends[before]);
        let record = &self.text[from..self.ends[id]];
        (query.terms.iter().enumerate())
            .filter(|(_, term)| term.needle.in_folded(record))
            .fold(0, |mask, (bit, _)| mask | 1 << bit)
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
            let one_by_one: Vec<u64> = (0..600).map(|id| index.hits_of(id, &query)).collect();
            assert_eq!(one_by_one, expected, "{text:?}, article by article");
        }
        let query = Query::parse_in("cat:International zanzibar", &Utc).unwrap();
        let hits = index.hits(&query);
        assert_eq!(
            query.candidates_from(&articles, &hits),
            query.candidates(&articles)
        );
    }
}
