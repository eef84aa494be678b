//! Which articles a view shows: a category node and a date range. Shared by the command line
//! and the reader, so both answer the same question the same way.

use super::article::Article;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

/// The first instant of `day` in `zone` (the earliest one where a DST change makes it ambiguous
/// or skips midnight).
pub fn start_of_day<Tz: TimeZone>(day: NaiveDate, zone: &Tz) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).expect("midnight exists");
    match zone.from_local_datetime(&midnight) {
        chrono::LocalResult::Single(t) | chrono::LocalResult::Ambiguous(t, _) => {
            t.with_timezone(&Utc)
        }
        // Midnight skipped by a DST change: the day starts an hour later.
        chrono::LocalResult::None => zone
            .from_local_datetime(&(midnight + chrono::Duration::hours(1)))
            .earliest()
            .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc)),
    }
}

/// A filter on articles; the default shows everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// A category node, outermost first (`["新媒体", "观察者网"]`): matches that node and
    /// everything below it. A one-level path also matches a flat category or a tag of that name.
    pub category: Vec<String>,
    /// Inclusive lower bound.
    pub since: Option<DateTime<Utc>>,
    /// Exclusive upper bound.
    pub until: Option<DateTime<Utc>>,
}

impl Filter {
    /// Splits `新媒体/观察者网` (also `›` or `>` as separators) into a category path.
    pub fn parse_category(text: &str) -> Vec<String> {
        text.split(['/', '›', '>'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    }

    pub fn matches(&self, a: &Article) -> bool {
        self.matches_category(a) && self.matches_date(a)
    }

    pub fn matches_category(&self, a: &Article) -> bool {
        let path = &self.category;
        if path.is_empty() {
            return true;
        }
        if a.categories.len() >= path.len() && a.categories.iter().zip(path).all(|(x, y)| x == y) {
            return true;
        }
        path.len() == 1 && (a.flat_categories.contains(&path[0]) || a.tags.contains(&path[0]))
    }

    /// Undated articles pass only when no date bound is set.
    pub fn matches_date(&self, a: &Article) -> bool {
        if self.since.is_none() && self.until.is_none() {
            return true;
        }
        let Some(d) = a.date else { return false };
        self.since.is_none_or(|s| d >= s) && self.until.is_none_or(|u| d < u)
    }

    /// Sets the date bounds from whole days in `zone`, both ends inclusive.
    pub fn set_days<Tz: TimeZone>(
        &mut self,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
        zone: &Tz,
    ) {
        self.since = since.map(|d| start_of_day(d, zone));
        self.until = until
            .and_then(|d| d.succ_opt())
            .map(|d| start_of_day(d, zone));
    }

    pub fn is_empty(&self) -> bool {
        self.category.is_empty() && self.since.is_none() && self.until.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn article(cats: &[&str], flat: &[&str], day: Option<u32>) -> Article {
        Article {
            categories: cats.iter().map(|s| s.to_string()).collect(),
            flat_categories: flat.iter().map(|s| s.to_string()).collect(),
            date: day.map(|d| Utc.with_ymd_and_hms(2022, 1, d, 12, 0, 0).unwrap()),
            ..Article::new("a.txt", "t")
        }
    }

    #[test]
    fn category_node_matches_itself_and_below() {
        let f = Filter {
            category: Filter::parse_category("新媒体/观察者网"),
            ..Filter::default()
        };
        assert!(f.matches(&article(&["新媒体", "观察者网", "头条"], &[], None)));
        assert!(!f.matches(&article(&["新媒体", "澎湃", "头条"], &[], None)));
        assert!(!f.matches(&article(&["新媒体"], &[], None)));
        let flat = Filter {
            category: vec!["随笔".into()],
            ..Filter::default()
        };
        assert!(flat.matches(&article(&[], &["随笔"], None)));
    }

    #[test]
    fn date_bounds_are_half_open_and_exclude_undated() {
        let f = Filter {
            since: Some(Utc.with_ymd_and_hms(2022, 1, 5, 0, 0, 0).unwrap()),
            until: Some(Utc.with_ymd_and_hms(2022, 1, 6, 0, 0, 0).unwrap()),
            ..Filter::default()
        };
        assert!(f.matches(&article(&[], &[], Some(5))));
        assert!(!f.matches(&article(&[], &[], Some(6))));
        assert!(!f.matches(&article(&[], &[], None)));
        assert!(Filter::default().matches(&article(&[], &[], None)));
    }
}
