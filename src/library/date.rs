//! Every date form found in article files, and where an article's date came from.
//!
//! Dates are never invented: a date and time without zone is taken as UTC but marked
//! `zone_assumed`; a date without a time (`2019-10-20`, or one in a path) names a calendar day,
//! the same day in every zone, and is marked `day_only` (stored as that day's midnight UTC, see
//! [`super::Article::when`]); a path gives a date only when it names a full day (see
//! [`from_path`]); an unreadable front matter date is reported by [`resolve`] rather than
//! silently replaced.

mod path;
pub(crate) use path::date_prefix;
#[cfg(test)]
mod tests;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};
use std::path::Path;

/// Where an article's date came from. Never the file's mtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    FrontMatter,
    /// The day in a front matter's `path`/`permalink` key (`2025/06/26/slug`), no date key.
    FrontMatterPath,
    Path,
    FileName,
    None,
}

/// A parsed date, and whether its zone was assumed (a date without zone is taken as UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parsed {
    /// The instant; for a day-only date, that day's midnight UTC (an encoding, not a time).
    pub at: DateTime<Utc>,
    pub zone_assumed: bool,
    /// No time was written: `at` names a calendar day, not an instant. Turning it into
    /// midnight of some zone would move it to the day before in zones west of that one.
    pub day_only: bool,
}

impl Parsed {
    /// A calendar day, kept as its midnight UTC.
    pub fn day(day: NaiveDate) -> Parsed {
        Parsed {
            at: day.and_time(chrono::NaiveTime::MIN).and_utc(),
            zone_assumed: false,
            day_only: true,
        }
    }
}

/// Years outside this range are placeholders (`0001-01-01`) or typos, not publication dates.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// Longer texts are not dates; refusing them early keeps parsing cheap on hostile input.
const MAX_LEN: usize = 80;

/// Parses one date text from a front matter. `None` for `Invalid Date`, empty or unknown forms.
pub fn parse(text: &str) -> Option<Parsed> {
    let text = text.trim();
    let text = ['"', '\'']
        .iter()
        .find_map(|&q| text.strip_prefix(q)?.strip_suffix(q))
        .unwrap_or(text)
        .trim();
    if text.is_empty() || text.len() > MAX_LEN {
        return None;
    }
    let parsed = rfc2822(text).or_else(|| iso(text))?;
    YEARS.contains(&parsed.at.year()).then_some(parsed)
}

fn zoned(at: DateTime<FixedOffset>) -> Parsed {
    Parsed {
        at: at.with_timezone(&Utc),
        zone_assumed: false,
        day_only: false,
    }
}

/// `Thu, 06 Jan 2022 16:13:50 GMT`. chrono rejects a weekday that does not match the date;
/// feeds get it wrong, and the rest of the text is unambiguous, so the weekday is dropped.
fn rfc2822(text: &str) -> Option<Parsed> {
    if let Ok(at) = DateTime::parse_from_rfc2822(text) {
        return Some(zoned(at));
    }
    let (weekday, rest) = text.split_once(',')?;
    if !weekday.trim().chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    DateTime::parse_from_rfc2822(rest.trim()).ok().map(zoned)
}

/// RFC 3339 / ISO 8601 with or without zone, a bare date, and `date [time] zone` with the
/// zone as a separate word (`2018-02-24  +0800`, `2021-10-10 11:06:15 UTC`).
fn iso(text: &str) -> Option<Parsed> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(zoned(at));
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    if let [local @ .., last] = words.as_slice()
        && !local.is_empty()
        && let Some(zone) = zone(last)
    {
        // `2018-02-24 +0800`: the zone says where it was written, but no time was, so it is
        // still that calendar day.
        if let Some(day) = bare_day(&local.join(" ")) {
            return Some(Parsed::day(day));
        }
        let at = zone
            .from_local_datetime(&naive(&local.join(" "))?)
            .single()?;
        return Some(zoned(at));
    }
    let text = words.join(" ");
    if let Some(day) = bare_day(&text) {
        return Some(Parsed::day(day));
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
    ] {
        if let Ok(at) = DateTime::parse_from_str(&text, format) {
            return Some(zoned(at));
        }
    }
    naive(&text).map(|at| Parsed {
        at: at.and_utc(),
        zone_assumed: true,
        day_only: false,
    })
}

/// A date with no time: `2019-10-20`, `2019/10/20`, `20191020`.
fn bare_day(text: &str) -> Option<NaiveDate> {
    ["%Y-%m-%d", "%Y/%m/%d"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(text, f).ok())
        .or_else(|| compact_day(text))
}

/// A date and optional time without zone; a bare date (`2018-02-24 +0800`) is midnight there.
fn naive(text: &str) -> Option<NaiveDateTime> {
    const TIMES: &[&str] = &[
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
    ];
    if let Some(at) = TIMES
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
    {
        return Some(at);
    }
    bare_day(text)?.and_hms_opt(0, 0, 0)
}

/// `20190513` (YAML turns an unquoted one into a number, whose text arrives here).
pub(crate) fn compact_day(text: &str) -> Option<NaiveDate> {
    if text.len() != 8 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let num = |r: std::ops::Range<usize>| text[r].parse::<u32>().ok();
    NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(4..6)?, num(6..8)?)
}

/// A zone written as its own word: `Z`, `UTC`, `GMT`, `+0800`, `+08:00`, `+08`.
fn zone(word: &str) -> Option<FixedOffset> {
    if ["Z", "UTC", "GMT", "UT"]
        .iter()
        .any(|z| word.eq_ignore_ascii_case(z))
    {
        return FixedOffset::east_opt(0);
    }
    let sign = match word.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = word[1..].chars().filter(|&c| c != ':').collect();
    if !matches!(digits.len(), 2 | 4) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits
        .get(2..)
        .filter(|m| !m.is_empty())
        .map_or(Ok(0), str::parse)
        .ok()?;
    if hours > 23 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

/// Finds a date in a path relative to the library root: first in the file name
/// (`20190513 slug.md`, `2019-05-13-slug.md`), then in the folders (`2019/05/13/slug.md`).
pub fn from_path(rel_path: &Path) -> Option<(DateTime<Utc>, DateSource)> {
    path::find(rel_path)
}

/// How a warning says that an article ended up without a date.
pub const NO_DATE: &str = "the article has no date";

/// Decides an article's date: the front matter's when it parses, else one from the path
/// (always a day). Returns a warning when the front matter had a date text that could not be
/// parsed.
pub fn resolve(
    front: Option<&str>,
    rel_path: &Path,
) -> (Option<Parsed>, DateSource, Option<String>) {
    let front = front.map(str::trim).filter(|t| !t.is_empty());
    if let Some(parsed) = front.and_then(parse) {
        return (Some(parsed), DateSource::FrontMatter, None);
    }
    let found = from_path(rel_path);
    let warning = front.map(|text| {
        let used = match found {
            Some((_, DateSource::FileName)) => "date taken from the file name",
            Some(_) => "date taken from the folder names",
            None => NO_DATE,
        };
        let shown: String = crate::sanitize::clean_line(text)
            .chars()
            .take(MAX_LEN)
            .collect();
        format!("unreadable date \"{shown}\"; {used}")
    });
    match found {
        Some((at, source)) => (Some(Parsed::day(at.date_naive())), source, warning),
        None => (None, DateSource::None, warning),
    }
}
