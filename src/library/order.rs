//! The orders a list of articles can be put in — newest first, oldest first, by title, by
//! source folder — decided once for the reader and `gazette list`, so both sort alike.
//!
//! Titles compare case-folded character by character (no allocation per comparison, which
//! matters at 100,000 articles); Chinese titles therefore sort by code point, not by pinyin
//! or stroke count. The source is [`super::filter::source_of`]: the folder directly below the
//! library root the article was found under, as the query's `source:` and `stats` have it.

use super::filter::source_of;
use super::{Article, sort_key};
use std::cmp::Ordering;
use std::path::PathBuf;

/// How the article list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum SortOrder {
    /// Newest first (undated last).
    #[default]
    Newest,
    /// Oldest first (undated last).
    Oldest,
    /// By title, case-folded; ties newest first.
    Title,
    /// By the folder below the library root; ties newest first.
    Source,
}

impl SortOrder {
    pub const ALL: [SortOrder; 4] = [
        SortOrder::Newest,
        SortOrder::Oldest,
        SortOrder::Title,
        SortOrder::Source,
    ];

    /// The word the configuration, `--sort` and the status bar use.
    pub fn name(self) -> &'static str {
        match self {
            SortOrder::Newest => "newest",
            SortOrder::Oldest => "oldest",
            SortOrder::Title => "title",
            SortOrder::Source => "source",
        }
    }

    /// `newest first`, `by title`: how the status bar names it.
    pub fn label(self) -> &'static str {
        match self {
            SortOrder::Newest => "newest first",
            SortOrder::Oldest => "oldest first",
            SortOrder::Title => "by title",
            SortOrder::Source => "by source",
        }
    }

    pub fn from_name(name: &str) -> Option<SortOrder> {
        SortOrder::ALL.into_iter().find(|o| o.name() == name)
    }

    /// The order after this one, for the key that cycles them.
    pub fn next(self) -> SortOrder {
        let i = SortOrder::ALL.iter().position(|&o| o == self).unwrap_or(0);
        SortOrder::ALL[(i + 1) % SortOrder::ALL.len()]
    }

    /// The text this order sorts an article by before its date: the case-folded title, the
    /// source folder (below one of `roots`), or nothing for the date orders. Callers work it
    /// out once per article and keep it: folding a title on every comparison made sorting
    /// 100,000 articles take seconds.
    pub fn sort_text(self, article: &Article, roots: &[PathBuf]) -> String {
        match self {
            SortOrder::Newest | SortOrder::Oldest => String::new(),
            SortOrder::Title => article.title.to_lowercase(),
            SortOrder::Source => source_of(&article.path, roots)
                .unwrap_or_default()
                .into_owned(),
        }
    }

    /// Compares two articles in this order, given their [`SortOrder::sort_text`]s; ties
    /// (and the date orders) go by date.
    pub fn compare(self, a: &Article, b: &Article, text_a: &str, text_b: &str) -> Ordering {
        text_a.cmp(text_b).then_with(|| match self {
            SortOrder::Oldest => oldest_first(a, b),
            _ => sort_key(a, b),
        })
    }
}

/// Oldest first, but undated articles still last: they are not "older" than anything.
fn oldest_first(a: &Article, b: &Article) -> Ordering {
    match (a.sorts_at(), b.sorts_at()) {
        (Some(x), Some(y)) => x
            .cmp(&y)
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.path.cmp(&b.path)),
        _ => sort_key(a, b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn article(title: &str, day: Option<u32>) -> Article {
        Article {
            date: day.map(|d| Utc.with_ymd_and_hms(2022, 5, d, 0, 0, 0).unwrap()),
            ..Article::new(format!("/lib/{title}.md"), title)
        }
    }

    fn sorted(order: SortOrder, mut list: Vec<Article>) -> Vec<String> {
        let text = |a: &Article| order.sort_text(a, &[]);
        list.sort_by(|a, b| order.compare(a, b, &text(a), &text(b)));
        list.into_iter().map(|a| a.title.into()).collect()
    }

    #[test]
    fn oldest_first_keeps_undated_last() {
        let list = vec![
            article("none", None),
            article("late", Some(9)),
            article("early", Some(1)),
        ];
        assert_eq!(
            sorted(SortOrder::Oldest, list.clone()),
            ["early", "late", "none"]
        );
        assert_eq!(sorted(SortOrder::Newest, list), ["late", "early", "none"]);
    }

    #[test]
    fn titles_compare_case_folded_then_newest_first() {
        let list = vec![
            article("beta", Some(1)),
            article("Alpha", Some(2)),
            article("alpha", Some(3)),
            article("中文", Some(4)),
        ];
        assert_eq!(
            sorted(SortOrder::Title, list),
            ["alpha", "Alpha", "beta", "中文"]
        );
    }

    #[test]
    fn names_round_trip_and_the_cycle_visits_every_order() {
        let mut o = SortOrder::Newest;
        for _ in 0..SortOrder::ALL.len() {
            assert_eq!(SortOrder::from_name(o.name()), Some(o));
            o = o.next();
        }
        assert_eq!(o, SortOrder::Newest);
        assert_eq!(SortOrder::Newest.next(), SortOrder::Oldest);
    }
}
