//! The list's order as the catalog keeps it: which [`SortOrder`] is in force, and each
//! article's sort text for it (case-folded title, source folder), worked out once when the
//! article arrives or the order changes, so that sorting 100,000 articles compares stored
//! strings instead of folding titles or taking paths apart on every comparison.

use crate::library::Article;
use crate::library::order::SortOrder;
use std::cmp::Ordering;
use std::path::PathBuf;

pub struct Sorting {
    by: SortOrder,
    /// [`SortOrder::sort_text`] of each article, id for id; for the date orders, whose texts
    /// are all empty, nothing at all (16 bytes an article saved).
    text_of: Vec<Box<str>>,
    /// For the date orders, each article's place as a number, id for id (see [`at`]): most
    /// comparisons are settled by two numbers side by side, without reaching into the
    /// articles, which at a million are scattered over memory (a merge's binary searches
    /// were mostly waiting for them). Empty for the text orders.
    at: Vec<i64>,
}

impl Sorting {
    pub fn new(by: SortOrder, articles: &[Article], roots: &[PathBuf]) -> Sorting {
        let mut sorting = Sorting {
            by,
            text_of: Vec::new(),
            at: Vec::new(),
        };
        sorting.set_by(by, articles, roots);
        sorting
    }

    pub fn by(&self) -> SortOrder {
        self.by
    }

    /// Another order: every article's sort text is worked out again (the caller sorts).
    pub fn set_by(&mut self, by: SortOrder, articles: &[Article], roots: &[PathBuf]) {
        self.by = by;
        self.text_of = match by_text(by) {
            true => articles.iter().map(|a| text(by, a, roots)).collect(),
            false => Vec::new(),
        };
        self.at = match by_text(by) {
            true => Vec::new(),
            false => articles.iter().map(|a| at(by, a)).collect(),
        };
    }

    /// Room for `n` more articles.
    pub fn reserve(&mut self, n: usize) {
        match by_text(self.by) {
            true => self.text_of.reserve(n),
            false => self.at.reserve(n),
        }
    }

    /// Article `id` arrived, or was read again.
    pub fn set(&mut self, id: usize, article: &Article, roots: &[PathBuf]) {
        if !by_text(self.by) {
            let at = at(self.by, article);
            match self.at.get_mut(id) {
                Some(slot) => *slot = at,
                None => self.at.push(at),
            }
            return;
        }
        let text = text(self.by, article, roots);
        match self.text_of.get_mut(id) {
            Some(slot) => *slot = text,
            None => self.text_of.push(text),
        }
    }

    /// The order of articles `a` and `b` (ids into `articles`).
    pub fn compare(&self, articles: &[Article], a: usize, b: usize) -> Ordering {
        if let (Some(x), Some(y)) = (self.at.get(a), self.at.get(b))
            && x != y
        {
            return x.cmp(y);
        }
        let text = |id: usize| self.text_of.get(id).map_or("", |t| t);
        self.by
            .compare(&articles[a], &articles[b], text(a), text(b))
    }
}

/// Whether `by` sorts by a text before the date.
fn by_text(by: SortOrder) -> bool {
    !matches!(by, SortOrder::Newest | SortOrder::Oldest)
}

fn text(by: SortOrder, article: &Article, roots: &[PathBuf]) -> Box<str> {
    by.sort_text(article, roots).into_boxed_str()
}

/// Article `a`'s place in date order `by` as a number that never contradicts
/// [`SortOrder::compare`]: a smaller number sorts first; equal numbers (the same second) are
/// left to the full comparison. Whole seconds of its date, negated for newest first; the
/// undated last in either order.
fn at(by: SortOrder, a: &Article) -> i64 {
    match (a.sorts_at(), by) {
        (None, _) => i64::MAX,
        (Some(t), SortOrder::Oldest) => t.timestamp(),
        (Some(t), _) => t.timestamp().saturating_neg(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::article::When;
    use chrono::{Duration, NaiveDate, TimeZone, Utc};

    /// Dates a second apart, within one second, before 1970, day-only, and none.
    fn articles() -> Vec<Article> {
        let noon = Utc.with_ymd_and_hms(2022, 3, 1, 12, 0, 0).unwrap();
        let dated = |title: &str, date| Article {
            date,
            ..Article::new(format!("/lib/{title}.md"), title)
        };
        vec![
            dated("整点", Some(noon)),
            dated("半秒后", Some(noon + Duration::milliseconds(500))),
            dated("一秒后", Some(noon + Duration::seconds(1))),
            dated("another noon", Some(noon)),
            dated(
                "旧文",
                Some(Utc.with_ymd_and_hms(1969, 12, 31, 23, 59, 59).unwrap()),
            ),
            Article {
                day_only: true,
                ..dated("当天", Some(noon - Duration::days(1)))
            },
            dated("无日期", None),
            dated("also undated", None),
        ]
    }

    #[test]
    fn the_numbers_never_contradict_the_date_orders() {
        let articles = articles();
        let day = NaiveDate::from_ymd_opt(2022, 2, 28);
        assert!(matches!(articles[5].when(), Some(When::Day(d)) if Some(d) == day));
        for by in [SortOrder::Newest, SortOrder::Oldest] {
            let sorting = Sorting::new(by, &articles, &[]);
            for a in 0..articles.len() {
                for b in 0..articles.len() {
                    let full = by.compare(&articles[a], &articles[b], "", "");
                    assert_eq!(sorting.compare(&articles, a, b), full, "{by:?} {a} {b}");
                }
            }
        }
    }
}
