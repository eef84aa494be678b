//! Dates written in file and folder names.
//!
//! Only a full day counts: `2019/05/slug.md` names a month, and turning it into the 1st would
//! invent a day, so it gives no date. Names must *start* with the date and the date must be
//! followed by a separator, so a hash such as `20190513ab…` or `000_3a4de184….txt` gives none.

use super::{DateSource, compact_day};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use std::path::{Component, Path};

/// Years a file or folder name may plausibly date an article with.
const YEARS: std::ops::RangeInclusive<i32> = 1970..=2100;

pub(super) fn find(rel: &Path) -> Option<(DateTime<Utc>, DateSource)> {
    let midnight = |d: NaiveDate| d.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
    if let Some(day) = rel
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(leading_date)
    {
        return midnight(day).map(|at| (at, DateSource::FileName));
    }
    let folders: Vec<&str> = rel
        .parent()
        .into_iter()
        .flat_map(Path::components)
        .filter_map(|c| match c {
            Component::Normal(name) => name.to_str(),
            _ => None,
        })
        .collect();
    // The deepest match is the article's own; outer folders may date a whole collection.
    let day = folders
        .windows(3)
        .rev()
        .find_map(|w| ymd(w[0], w[1], w[2]))
        .or_else(|| folders.iter().rev().find_map(|f| whole_date(f)))?;
    midnight(day).map(|at| (at, DateSource::Path))
}

/// `20190513 slug`, `20190513-slug`, `2019-05-13-slug`, `2019_05_13 slug`, `2019-05-13.md`.
fn leading_date(name: &str) -> Option<NaiveDate> {
    date_prefix(name).map(|(day, _)| day)
}

/// A name's leading date (as [`leading_date`] reads it) and the rest of the name after it.
/// Titles made from file names drop the date with this, so both agree on what a date is.
pub(crate) fn date_prefix(name: &str) -> Option<(NaiveDate, &str)> {
    let b = name.as_bytes();
    let ends_at = |i: usize| {
        b.get(i)
            .is_none_or(|c| matches!(c, b' ' | b'-' | b'_' | b'.'))
    };
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if digits(0..8) && ends_at(8) {
        return compact_day(&name[..8])
            .filter(in_range)
            .map(|day| (day, &name[8..]));
    }
    let sep = *b.get(4)?;
    if digits(0..4)
        && matches!(sep, b'-' | b'_' | b'.')
        && digits(5..7)
        && b.get(7) == Some(&sep)
        && digits(8..10)
        && ends_at(10)
    {
        return ymd(&name[0..4], &name[5..7], &name[8..10]).map(|day| (day, &name[10..]));
    }
    None
}

/// A folder named exactly like a day: `2019-05-13` or `20190513`.
fn whole_date(name: &str) -> Option<NaiveDate> {
    if name.len() == 8 {
        return compact_day(name).filter(in_range);
    }
    leading_date(name).filter(|_| name.len() == 10)
}

/// Three names `2019`, `05`, `13` (month and day with one or two digits).
fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    let number = |s: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&s.len()) && s.bytes().all(|c| c.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let year = i32::try_from(number(y, 4..=4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(m, 1..=2)?, number(d, 1..=2)?).filter(in_range)
}

fn in_range(day: &NaiveDate) -> bool {
    YEARS.contains(&day.year())
}
