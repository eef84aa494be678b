//! The `key:value` filters of the query language: what each key means, how its value is read,
//! and whether an article passes it.
//!
//! Values that name things (`cat:`, `tag:`, `source:`) compare whole names, case-folded, since
//! people type the name they see; `author:` finds a part of the name, since bylines vary
//! ("By Jane Doe", "Jane Doe and …"). Dates are whole periods in the configured zone:
//! `since:` takes the first day of the period typed, `until:` its last, so `since:2022-05
//! until:2022-05` is all of May.

use super::fold::fold;
use super::needle::Needle;
use crate::library::filter::source_of;
use crate::library::{Article, Filter};
use crate::store::Entry;
use chrono::{DateTime, Days, Months, NaiveDate, Utc};
use std::path::PathBuf;

/// The keys, as listed in error messages and the README.
pub const KEYS: [&str; 7] = ["cat", "tag", "author", "source", "since", "until", "is"];

/// What dates are counted against: the first instant of a day in the configured zone, and
/// today in that zone (for `since:7d`).
pub(super) struct Calendar<'a> {
    pub start_of_day: &'a dyn Fn(NaiveDate) -> DateTime<Utc>,
    pub today: NaiveDate,
}

/// One key filter, ready to test.
#[derive(Debug, Clone)]
pub(crate) enum KeyTest {
    /// A filter with only a category path (`Filter::matches_category`'s rules).
    Cat(Filter),
    /// A folded tag name.
    Tag(String),
    Author(Box<Needle>),
    /// A folded folder name.
    Source(String),
    /// A filter with only `since` or only `until`.
    Date(Filter),
    Unread,
    Read,
    Starred,
}

/// What a query needs to know about an article besides its metadata: where the library's
/// roots are (for `source:`) and the reading state (for `is:`), by article id.
pub struct Context<'a> {
    pub roots: &'a [PathBuf],
    pub state: &'a dyn Fn(usize, &Article) -> Entry,
}

impl Context<'_> {
    /// No roots and nothing read or starred: for callers without a store (tests, benches).
    pub fn none() -> Context<'static> {
        Context {
            roots: &[],
            state: &|_, _| Entry::default(),
        }
    }
}

impl KeyTest {
    /// The test for `key:value`; `Ok(None)` when the value is empty (still being typed).
    /// `key` is lowercase and one of [`KEYS`].
    pub(super) fn parse(
        key: &str,
        value: &str,
        calendar: &Calendar,
    ) -> Result<Option<KeyTest>, String> {
        let value = value.trim();
        if value.is_empty() {
            return Ok(None);
        }
        let named = || Some(fold(value)).filter(|v| !v.is_empty());
        let test = match key {
            "cat" => Some(Filter::parse_category(value))
                .filter(|path| !path.is_empty())
                .map(|category| {
                    KeyTest::Cat(Filter {
                        category,
                        ..Filter::default()
                    })
                }),
            "tag" => named().map(KeyTest::Tag),
            "source" => named().map(KeyTest::Source),
            "author" => Needle::new(value).map(|n| KeyTest::Author(Box::new(n))),
            "since" | "until" => {
                let since = key == "since";
                let day = date_bound(value, since, calendar.today).ok_or_else(|| {
                    format!(
                        "{key}:{value} is not a date: expected YYYY-MM-DD, YYYY-MM, YYYY \
                         or a count back from today (7d, 2w, 3m, 1y)"
                    )
                })?;
                let mut f = Filter::default();
                let (s, u) = if since {
                    (Some(day), None)
                } else {
                    (None, Some(day))
                };
                f.set_days(s, u, calendar.start_of_day);
                Some(KeyTest::Date(f))
            }
            "is" => Some(match value.to_ascii_lowercase().as_str() {
                "unread" => KeyTest::Unread,
                "read" => KeyTest::Read,
                "starred" => KeyTest::Starred,
                _ => {
                    return Err(format!(
                        "is:{value}: expected is:unread, is:read or is:starred"
                    ));
                }
            }),
            _ => unreachable!("only known keys are parsed"),
        };
        Ok(test)
    }

    /// The day bound this test sets, when it is a date: `(since, until)`.
    pub(super) fn days(&self) -> Option<(Option<NaiveDate>, Option<NaiveDate>)> {
        match self {
            KeyTest::Date(f) => Some((f.since.map(|b| b.day), f.until.map(|b| b.day))),
            _ => None,
        }
    }

    /// Whether article `id` (`a`) passes this test.
    pub(super) fn holds(&self, id: usize, a: &Article, cx: &Context, scratch: &mut String) -> bool {
        match self {
            KeyTest::Cat(f) => f.matches_category(a),
            KeyTest::Date(f) => f.matches_date(a),
            KeyTest::Tag(name) => a.tags.iter().any(|t| fold(t) == *name),
            KeyTest::Author(needle) => a
                .author
                .as_deref()
                .is_some_and(|by| needle.in_plain(by, scratch)),
            KeyTest::Source(name) => {
                source_of(&a.path, cx.roots).is_some_and(|s| fold(&s) == *name)
            }
            KeyTest::Unread => !(cx.state)(id, a).read,
            KeyTest::Read => (cx.state)(id, a).read,
            KeyTest::Starred => (cx.state)(id, a).starred,
        }
    }
}

/// The day a `since:`/`until:` value stands for: the first (`since`) or last day of a day,
/// month or year; for a count back (`7d`: the last seven days, today among them), the first
/// day inside that span for `since`, the last day before it for `until`, so `since:7d` and
/// `until:7d` split the archive in two.
fn date_bound(value: &str, since: bool, today: NaiveDate) -> Option<NaiveDate> {
    if let Some((first, last)) = period(value) {
        return Some(if since { first } else { last });
    }
    let unit = value.chars().last()?.to_ascii_lowercase();
    let n: u32 = value[..value.len() - 1].parse().ok()?;
    let before = match unit {
        'd' => today.checked_sub_days(Days::new(n.into())),
        'w' => today.checked_sub_days(Days::new(u64::from(n) * 7)),
        'm' => today.checked_sub_months(Months::new(n)),
        'y' => today.checked_sub_months(Months::new(n.checked_mul(12)?)),
        _ => None,
    }?;
    if since {
        before.succ_opt()
    } else {
        Some(before)
    }
}

/// `2022-05-03`, `2022-05` or `2022` as its first and last day.
fn period(value: &str) -> Option<(NaiveDate, NaiveDate)> {
    let parts: Vec<&str> = value.split('-').collect();
    let number = |s: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let year = i32::try_from(number(parts[0], 4..=4)?).ok()?;
    match parts[..] {
        [_] => Some((
            NaiveDate::from_ymd_opt(year, 1, 1)?,
            NaiveDate::from_ymd_opt(year, 12, 31)?,
        )),
        [_, m] => {
            let first = NaiveDate::from_ymd_opt(year, number(m, 1..=2)?, 1)?;
            let last = first.checked_add_months(Months::new(1))?.pred_opt()?;
            Some((first, last))
        }
        [_, m, d] => {
            let day = NaiveDate::from_ymd_opt(year, number(m, 1..=2)?, number(d, 1..=2)?)?;
            Some((day, day))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn periods_are_whole_days_months_and_years() {
        assert_eq!(
            period("2022-05-03"),
            Some((day(2022, 5, 3), day(2022, 5, 3)))
        );
        assert_eq!(period("2022-02"), Some((day(2022, 2, 1), day(2022, 2, 28))));
        assert_eq!(period("2024-2"), Some((day(2024, 2, 1), day(2024, 2, 29))));
        assert_eq!(
            period("2022-12"),
            Some((day(2022, 12, 1), day(2022, 12, 31)))
        );
        assert_eq!(period("2022"), Some((day(2022, 1, 1), day(2022, 12, 31))));
        for bad in [
            "22",
            "2022-13",
            "2022-02-30",
            "2022-5-3-1",
            "yesterday",
            "",
            "2022-",
        ] {
            assert_eq!(period(bad), None, "{bad}");
        }
    }

    #[test]
    fn counts_back_split_the_archive_at_the_same_day() {
        let today = day(2026, 3, 31);
        assert_eq!(date_bound("7d", true, today), Some(day(2026, 3, 25)));
        assert_eq!(date_bound("7d", false, today), Some(day(2026, 3, 24)));
        assert_eq!(date_bound("1d", true, today), Some(today));
        assert_eq!(date_bound("2w", true, today), Some(day(2026, 3, 18)));
        assert_eq!(date_bound("1m", false, today), Some(day(2026, 2, 28)));
        assert_eq!(date_bound("1y", true, today), Some(day(2025, 4, 1)));
        assert_eq!(date_bound("2022-05", false, today), Some(day(2022, 5, 31)));
        for bad in ["7x", "d", "-1d", "99999999999d", "7 d"] {
            assert_eq!(date_bound(bad, true, today), None, "{bad}");
        }
    }
}
