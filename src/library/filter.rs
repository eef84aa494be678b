//! Which articles a view shows: a category node and a date range. Shared by the command line
//! and the reader, so both answer the same question the same way.
//!
//! The one rule for days: a range is whole calendar days, both ends inclusive. An article with
//! an instant belongs to the day that instant falls on in the zone the days are counted in (the
//! configured zone, `local` by default, so `TZ`); an article with a day-only date belongs to
//! that day, whatever the zone.

use super::article::{Article, When};
use super::intern::Text;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// The article's source: the folder right below the library root it was found under
/// (`/lib/ruanyf/2020/x.md` under `/lib` → `ruanyf`). A file directly in a root has the root's
/// own folder name, so `gazette feeds/a feeds/b` still tells `a` from `b`. `None` when no root
/// holds the path. Archives without categories have nothing else to tell feeds apart by.
pub fn source_of<'p>(path: &'p Path, roots: &'p [PathBuf]) -> Option<Cow<'p, str>> {
    let root = roots.iter().find(|r| path.starts_with(r))?;
    let rest = path.strip_prefix(root).ok()?;
    let mut parts = rest.components();
    let first = parts.next();
    let folder = match (first, parts.next()) {
        (Some(folder), Some(_)) => folder.as_os_str(),
        // The file sits in the root itself (or is the root, when a file was given).
        _ if first.is_some() => root.file_name()?,
        _ => root.parent()?.file_name()?,
    };
    Some(folder.to_string_lossy())
}

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
    /// everything below it. The path may start at any depth (`["观察者网"]` or
    /// `["观察者网", "头条"]` match below `新媒体` too), since users name the node they know.
    /// A one-level path also matches a flat category or a tag of that name.
    pub category: Vec<String>,
    /// The first day shown; set with [`Filter::set_days`].
    pub since: Option<DayBound>,
    /// The last day shown; set with [`Filter::set_days`].
    pub until: Option<DayBound>,
}

/// One end of a date range: a calendar day (compared with day-only dates) and the instant its
/// edge falls on in the zone the days are counted in (compared with instants). Both are made
/// together by [`Filter::set_days`], so they always tell the same day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayBound {
    pub day: NaiveDate,
    /// For `since`, the first instant of `day`; for `until`, the first instant after it.
    pub at: DateTime<Utc>,
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
        self.matches_lists(&a.categories, &a.flat_categories, &a.tags)
    }

    /// [`Filter::matches_category`] for an article with these categories, flat categories
    /// and tags (the reader asks once per group of articles that share them).
    pub fn matches_lists(&self, categories: &[Text], flat: &[Text], tags: &[Text]) -> bool {
        let path = &self.category;
        if path.is_empty() {
            return true;
        }
        if categories.windows(path.len()).any(|w| w == path.as_slice()) {
            return true;
        }
        let named = |t: &Text| *t == path[0];
        path.len() == 1 && (flat.iter().any(named) || tags.iter().any(named))
    }

    /// Says so when the category matches no article at all: a misspelt name then gets a word
    /// rather than an empty list. `None` when there is no category or something matched.
    pub fn unknown_category<'a>(
        &self,
        articles: impl IntoIterator<Item = &'a Article>,
    ) -> Option<String> {
        if self.category.is_empty() || articles.into_iter().any(|a| self.matches_category(a)) {
            return None;
        }
        let name = crate::sanitize::clean_line(&self.category.join("/"));
        Some(format!(
            "no category, tag or category path \"{name}\" in this library"
        ))
    }

    /// Undated articles pass only when no date bound is set.
    pub fn matches_date(&self, a: &Article) -> bool {
        if self.since.is_none() && self.until.is_none() {
            return true;
        }
        match a.when() {
            None => false,
            Some(When::At(t)) => {
                self.since.is_none_or(|s| t >= s.at) && self.until.is_none_or(|u| t < u.at)
            }
            Some(When::Day(d)) => {
                self.since.is_none_or(|s| d >= s.day) && self.until.is_none_or(|u| d <= u.day)
            }
        }
    }

    /// Sets the date bounds from whole days, both ends inclusive. `start_of_day` gives the
    /// first instant of a day in the zone the days are counted in (see [`start_of_day`]).
    pub fn set_days(
        &mut self,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
        start_of_day: impl Fn(NaiveDate) -> DateTime<Utc>,
    ) {
        self.since = since.map(|day| DayBound {
            day,
            at: start_of_day(day),
        });
        // The last day has no successor only at chrono's end of time: then nothing is after it.
        self.until = until.map(|day| DayBound {
            day,
            at: day
                .succ_opt()
                .map_or(DateTime::<Utc>::MAX_UTC, &start_of_day),
        });
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
    fn source_is_the_folder_below_the_root() {
        let roots = [PathBuf::from("/lib"), PathBuf::from("feeds/观察者网")];
        let source = |p: &str| source_of(Path::new(p), &roots).map(|s| s.into_owned());
        assert_eq!(source("/lib/ruanyf/2020/x.md").as_deref(), Some("ruanyf"));
        assert_eq!(source("/lib/x.md").as_deref(), Some("lib"));
        assert_eq!(source("feeds/观察者网/a.html").as_deref(), Some("观察者网"));
        assert_eq!(source("/library/x/y.md"), None);
        let file = [PathBuf::from("/tmp/one/a.md")];
        assert_eq!(
            source_of(Path::new("/tmp/one/a.md"), &file).as_deref(),
            Some("one")
        );
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
        let below_top = Filter {
            category: Filter::parse_category("观察者网"),
            ..Filter::default()
        };
        assert!(below_top.matches(&article(&["新媒体", "观察者网", "头条"], &[], None)));
        assert!(!below_top.matches(&article(&["新媒体", "澎湃", "观察者"], &[], None)));
        let middle = Filter {
            category: Filter::parse_category("观察者网/头条"),
            ..Filter::default()
        };
        assert!(middle.matches(&article(&["新媒体", "观察者网", "头条"], &[], None)));
        assert!(!middle.matches(&article(&["新媒体", "头条", "观察者网"], &[], None)));
        let flat = Filter {
            category: vec!["随笔".into()],
            ..Filter::default()
        };
        assert!(flat.matches(&article(&[], &["随笔"], None)));
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2022, 1, d).unwrap()
    }

    fn days_in(zone: &impl TimeZone, from: u32, to: u32) -> Filter {
        let mut f = Filter::default();
        f.set_days(Some(day(from)), Some(day(to)), |d| start_of_day(d, zone));
        f
    }

    #[test]
    fn date_bounds_are_whole_days_and_exclude_undated() {
        let f = days_in(&Utc, 5, 5);
        assert!(f.matches(&article(&[], &[], Some(5))));
        assert!(!f.matches(&article(&[], &[], Some(6))));
        assert!(!f.matches(&article(&[], &[], None)));
        assert!(Filter::default().matches(&article(&[], &[], None)));
    }

    #[test]
    fn instants_fall_on_the_zones_day_and_days_stay_days() {
        let new_york = chrono::FixedOffset::west_opt(5 * 3600).unwrap();
        let shanghai = chrono::FixedOffset::east_opt(8 * 3600).unwrap();
        // 2022-01-05 12:00 UTC is the 5th in New York and in Shanghai (20:00).
        let noon = article(&[], &[], Some(5));
        // 2022-01-05 02:00 UTC is still the 4th in New York (21:00).
        let early = Article {
            date: Some(Utc.with_ymd_and_hms(2022, 1, 5, 2, 0, 0).unwrap()),
            ..Article::new("e.txt", "e")
        };
        let only_day = Article {
            date: Some(Utc.with_ymd_and_hms(2022, 1, 5, 0, 0, 0).unwrap()),
            day_only: true,
            ..Article::new("d.txt", "d")
        };
        for zone in [new_york, shanghai] {
            let fifth = days_in(&zone, 5, 5);
            assert!(fifth.matches(&noon));
            assert!(fifth.matches(&only_day), "{zone}");
            assert!(!days_in(&zone, 4, 4).matches(&only_day), "{zone}");
            assert!(!days_in(&zone, 6, 6).matches(&only_day), "{zone}");
        }
        assert!(days_in(&new_york, 4, 4).matches(&early));
        assert!(!days_in(&new_york, 5, 5).matches(&early));
        assert!(days_in(&shanghai, 5, 5).matches(&early));
    }
}
