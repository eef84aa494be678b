//! The date filter: presets and typed ranges, as whole days in the reader's zone.

use chrono::{Datelike, Duration, NaiveDate};

/// An inclusive range of whole days; either end may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayRange {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// The presets offered when the date filter opens, in order: those counted back from today,
/// then those counted back from the newest article shown ("latest"), so an archive that
/// ended years ago still has a last week to look at.
pub const PRESETS: &[&str] = &[
    "today",
    "last 7 days",
    "last 30 days",
    "this month",
    "this year",
    "latest day",
    "latest 7 days",
    "latest month",
    "all",
];

/// The range a preset stands for: counted back from `today`, or for the "latest" ones from
/// `newest`, the day of the newest article shown; `Ok(None)` for `all`. A "latest" preset
/// with no dated article to count from is an error that says so.
pub fn preset(
    name: &str,
    today: NaiveDate,
    newest: Option<NaiveDate>,
) -> Result<Option<DayRange>, String> {
    let back = |end: NaiveDate, days: i64| DayRange {
        from: Some(end - Duration::days(days - 1)),
        to: Some(end),
    };
    let latest = || newest.ok_or_else(|| "no article shown has a date".to_string());
    Ok(Some(match name {
        "today" => back(today, 1),
        "last 7 days" => back(today, 7),
        "last 30 days" => back(today, 30),
        "this month" => DayRange {
            from: today.with_day(1),
            to: Some(today),
        },
        "this year" => DayRange {
            from: today.with_ordinal(1),
            to: Some(today),
        },
        "latest day" => back(latest()?, 1),
        "latest 7 days" => back(latest()?, 7),
        "latest month" => {
            let end = latest()?;
            DayRange {
                from: end
                    .checked_sub_months(chrono::Months::new(1))
                    .and_then(|d| d.succ_opt()),
                to: Some(end),
            }
        }
        _ => return Ok(None),
    }))
}

/// Parses a typed range: `2022-01-01..2022-01-31`, open ends (`2022-01-01..`), `2022-01`,
/// `2022`, a single day, or `7d` (the last seven days up to today).
pub fn parse(text: &str, today: NaiveDate) -> Result<DayRange, String> {
    let text = text.trim();
    if let Some(n) = text.strip_suffix('d').and_then(|n| n.parse::<i64>().ok()) {
        if !(1..=36_500).contains(&n) {
            return Err(format!("{n}d: give between 1 and 36500 days"));
        }
        return Ok(DayRange {
            from: Some(today - Duration::days(n - 1)),
            to: Some(today),
        });
    }
    if let Some((a, b)) = text.split_once("..") {
        let from = if a.trim().is_empty() {
            None
        } else {
            Some(span(a)?.0)
        };
        let to = if b.trim().is_empty() {
            None
        } else {
            Some(span(b)?.1)
        };
        if from.is_none() && to.is_none() {
            return Err("give at least one end of the range".into());
        }
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            return Err(format!("{f} is after {t}"));
        }
        return Ok(DayRange { from, to });
    }
    let (from, to) = span(text)?;
    Ok(DayRange {
        from: Some(from),
        to: Some(to),
    })
}

/// The first and last day of `2022`, `2022-01` or `2022-01-05`.
fn span(text: &str) -> Result<(NaiveDate, NaiveDate), String> {
    let text = text.trim();
    let bad = || format!("'{text}' is not a date (use YYYY, YYYY-MM, YYYY-MM-DD or Nd)");
    let parts: Vec<&str> = text.split('-').collect();
    let num = |s: &str| s.parse::<u32>().map_err(|_| bad());
    match parts.as_slice() {
        [y] if y.len() == 4 => {
            let y = num(y)? as i32;
            Ok((
                NaiveDate::from_ymd_opt(y, 1, 1).ok_or_else(bad)?,
                NaiveDate::from_ymd_opt(y, 12, 31).ok_or_else(bad)?,
            ))
        }
        [y, m] if y.len() == 4 => {
            let first = NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, 1).ok_or_else(bad)?;
            let next = first
                .checked_add_months(chrono::Months::new(1))
                .ok_or_else(bad)?;
            Ok((first, next - Duration::days(1)))
        }
        [y, m, d] if y.len() == 4 => {
            let day = NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?).ok_or_else(bad)?;
            Ok((day, day))
        }
        _ => Err(bad()),
    }
}

impl DayRange {
    /// How the status bar shows the range.
    pub fn label(&self) -> String {
        match (self.from, self.to) {
            (Some(f), Some(t)) if f == t => f.to_string(),
            (Some(f), Some(t)) => format!("{f}..{t}"),
            (Some(f), None) => format!("{f}.."),
            (None, Some(t)) => format!("..{t}"),
            (None, None) => "all".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn typed_ranges() {
        let today = day(2022, 3, 15);
        assert_eq!(
            parse("2022-01", today),
            Ok(DayRange {
                from: Some(day(2022, 1, 1)),
                to: Some(day(2022, 1, 31))
            })
        );
        assert_eq!(parse("2024-02", today).unwrap().to, Some(day(2024, 2, 29)));
        assert_eq!(parse("2022", today).unwrap().to, Some(day(2022, 12, 31)));
        assert_eq!(
            parse("2022-01-01..2022-01-31", today),
            Ok(DayRange {
                from: Some(day(2022, 1, 1)),
                to: Some(day(2022, 1, 31))
            })
        );
        assert_eq!(
            parse("2022-01..", today).unwrap(),
            DayRange {
                from: Some(day(2022, 1, 1)),
                to: None
            }
        );
        assert_eq!(parse("7d", today).unwrap().from, Some(day(2022, 3, 9)));
        assert!(parse("2022-13", today).is_err());
        assert!(parse("2022-02-01..2022-01-01", today).is_err());
        assert!(parse("yesterday", today).is_err());
    }

    #[test]
    fn presets_count_back_from_today() {
        let today = day(2022, 3, 15);
        let from = |name| preset(name, today, None).unwrap().unwrap().from;
        assert_eq!(from("today"), Some(today));
        assert_eq!(from("last 7 days"), Some(day(2022, 3, 9)));
        assert_eq!(from("this month"), Some(day(2022, 3, 1)));
        assert_eq!(from("this year"), Some(day(2022, 1, 1)));
        assert_eq!(preset("all", today, None), Ok(None));
    }

    #[test]
    fn latest_presets_count_back_from_the_newest_article() {
        let (today, newest) = (day(2026, 11, 27), Some(day(2022, 3, 15)));
        let label = |name| preset(name, today, newest).unwrap().unwrap().label();
        assert_eq!(label("latest day"), "2022-03-15");
        assert_eq!(label("latest 7 days"), "2022-03-09..2022-03-15");
        assert_eq!(label("latest month"), "2022-02-16..2022-03-15");
        assert_eq!(
            preset("latest 7 days", today, None),
            Err("no article shown has a date".to_string())
        );
    }
}
