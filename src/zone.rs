//! The time zone dates are shown and days are counted in: the local one (TZ respected) when
//! running, a fixed offset in tests so snapshots do not depend on the machine.
//!
//! A day-only date ([`When::Day`]) is shown as its day in every zone, never with a time: a
//! time would be made up, and converting its midnight would move it to the day before west of
//! UTC.

use crate::library::article::When;
use chrono::format::{Fixed, Item, Numeric, StrftimeItems};
use chrono::{DateTime, FixedOffset, Local, NaiveDate, NaiveDateTime, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    Local,
    Fixed(FixedOffset),
}

impl Zone {
    pub fn utc() -> Zone {
        Zone::Fixed(FixedOffset::east_opt(0).expect("zero offset"))
    }

    pub fn local_time(self, t: DateTime<Utc>) -> NaiveDateTime {
        match self {
            Zone::Local => t.with_timezone(&Local).naive_local(),
            Zone::Fixed(o) => t.with_timezone(&o).naive_local(),
        }
    }

    /// `2022-01-07 00:13 +08:00`: the header's date.
    pub fn format_long(self, t: DateTime<Utc>) -> String {
        match self {
            Zone::Local => t
                .with_timezone(&Local)
                .format("%Y-%m-%d %H:%M %:z")
                .to_string(),
            Zone::Fixed(o) => t.with_timezone(&o).format("%Y-%m-%d %H:%M %:z").to_string(),
        }
    }

    /// The header's date (`2019-10-20` for a day), or a plain "no date".
    pub fn format_date(self, when: Option<When>) -> String {
        match when {
            None => "no date".to_string(),
            Some(When::At(t)) => self.format_long(t),
            Some(When::Day(day)) => day.format("%Y-%m-%d").to_string(),
        }
    }

    /// A list row's date in the user's `fmt` (checked by the configuration to format a local
    /// date and time); a day shows only the date parts of `fmt`.
    pub fn format_row(self, when: When, fmt: &str) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let written = match when {
            When::At(t) => write!(out, "{}", self.local_time(t).format(fmt)),
            When::Day(day) => write!(out, "{}", day.format_with_items(day_items(fmt).iter())),
        };
        // An unusable format never takes the list down; the row shows the plain day instead.
        if written.is_err() {
            return self.day(when).format("%Y-%m-%d").to_string();
        }
        out
    }

    /// The calendar day `when` falls on here.
    pub fn day(self, when: When) -> NaiveDate {
        match self {
            Zone::Local => when.day_in(&Local),
            Zone::Fixed(o) => when.day_in(&o),
        }
    }

    pub fn start_of_day(self, day: NaiveDate) -> DateTime<Utc> {
        match self {
            Zone::Local => crate::library::filter::start_of_day(day, &Local),
            Zone::Fixed(o) => crate::library::filter::start_of_day(day, &o),
        }
    }

    pub fn today(self, now: DateTime<Utc>) -> NaiveDate {
        self.local_time(now).date()
    }
}

/// The items of `fmt` without its time of day (`%Y-%m-%d %H:%M` → `%Y-%m-%d`). Text after a
/// time field goes with it (`%H时`); spaces and punctuation written between the date and a time
/// field go too, other text stays with the date (`%Y年%m月%d日 %R` → `2019年10月20日`).
fn day_items(fmt: &str) -> Vec<Item<'static>> {
    let mut kept: Vec<Item<'static>> = Vec::new();
    let mut pending = String::new();
    let mut after_time = false;
    for item in StrftimeItems::new(fmt) {
        match &item {
            Item::Literal(s) | Item::Space(s) => pending.push_str(s),
            Item::OwnedLiteral(s) | Item::OwnedSpace(s) => pending.push_str(s),
            _ if is_time_of_day(&item) => {
                if !after_time {
                    let text = pending
                        .trim_end_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation());
                    keep_text(&mut kept, text);
                }
                pending.clear();
                after_time = true;
            }
            _ => {
                if !kept.is_empty() {
                    keep_text(&mut kept, &pending);
                }
                pending.clear();
                after_time = false;
                kept.push(item.to_owned());
            }
        }
    }
    if !after_time {
        keep_text(&mut kept, &pending);
    }
    kept
}

fn keep_text(kept: &mut Vec<Item<'static>>, text: &str) {
    if !text.is_empty() {
        kept.push(Item::OwnedLiteral(text.into()));
    }
}

fn is_time_of_day(item: &Item) -> bool {
    match item {
        Item::Numeric(n, _) => matches!(
            n,
            Numeric::Hour
                | Numeric::Hour12
                | Numeric::Minute
                | Numeric::Second
                | Numeric::Nanosecond
                | Numeric::Timestamp
        ),
        Item::Fixed(f) => !matches!(
            f,
            Fixed::ShortMonthName
                | Fixed::LongMonthName
                | Fixed::ShortWeekdayName
                | Fixed::LongWeekdayName
        ),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn day() -> When {
        When::Day(NaiveDate::from_ymd_opt(2019, 10, 20).unwrap())
    }

    #[test]
    fn a_day_shows_no_time_in_any_zone() {
        let new_york = Zone::Fixed(FixedOffset::west_opt(4 * 3600).unwrap());
        let shanghai = Zone::Fixed(FixedOffset::east_opt(8 * 3600).unwrap());
        for zone in [new_york, shanghai, Zone::utc()] {
            assert_eq!(zone.format_date(Some(day())), "2019-10-20");
            assert_eq!(zone.format_row(day(), "%Y-%m-%d %H:%M"), "2019-10-20");
            assert_eq!(zone.format_row(day(), "%d %b %Y, %I:%M %p"), "20 Oct 2019");
            assert_eq!(zone.format_row(day(), "%Y年%m月%d日 %R"), "2019年10月20日");
            assert_eq!(zone.format_row(day(), "%H:%M %d/%m"), "20/10");
            assert_eq!(
                zone.day(day()),
                NaiveDate::from_ymd_opt(2019, 10, 20).unwrap()
            );
        }
        let instant = When::At(Utc.with_ymd_and_hms(2019, 10, 20, 2, 0, 0).unwrap());
        assert_eq!(
            new_york.format_row(instant, "%Y-%m-%d %H:%M"),
            "2019-10-19 22:00"
        );
        assert_eq!(
            new_york.format_date(Some(instant)),
            "2019-10-19 22:00 -04:00"
        );
        assert_eq!(shanghai.format_date(None), "no date");
    }
}
