//! The time zone dates are shown and days are counted in: the local one (TZ respected) when
//! running, a fixed offset in tests so snapshots do not depend on the machine.

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

    /// The header's date, or a plain "no date".
    pub fn format_date(self, t: Option<DateTime<Utc>>) -> String {
        t.map_or_else(|| "no date".to_string(), |t| self.format_long(t))
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
