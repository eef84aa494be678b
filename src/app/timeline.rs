//! The date window's timeline: how many of the articles shown fall on each day, week, month
//! or year, and a cursor (and an optional second mark) over those bars.
//!
//! Counting walks every article, so it happens once, when the window opens (the filters cannot
//! change while it is open); the window then only regroups the per-day counts, which are at
//! most a few thousand, when the unit is zoomed. Drawing reads the bars as they are.

use super::dates::DayRange;
use chrono::{Datelike, Duration, Months, NaiveDate};

/// The width of one bar of the histogram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
}

impl Unit {
    const ALL: [Unit; 4] = [Unit::Day, Unit::Week, Unit::Month, Unit::Year];

    pub fn name(self) -> &'static str {
        match self {
            Unit::Day => "day",
            Unit::Week => "week",
            Unit::Month => "month",
            Unit::Year => "year",
        }
    }

    /// The first day of the bar `day` falls in (weeks start on Monday, as ISO weeks do).
    pub fn start(self, day: NaiveDate) -> NaiveDate {
        match self {
            Unit::Day => day,
            Unit::Week => day - Duration::days(i64::from(day.weekday().num_days_from_monday())),
            Unit::Month => day.with_day(1).unwrap_or(day),
            Unit::Year => day.with_ordinal(1).unwrap_or(day),
        }
    }

    /// The first day of the next bar after the one starting on `start`; `None` at chrono's
    /// end of time.
    fn next(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Unit::Day => start.succ_opt(),
            Unit::Week => start.checked_add_signed(Duration::days(7)),
            Unit::Month => start.checked_add_months(Months::new(1)),
            Unit::Year => start.checked_add_months(Months::new(12)),
        }
    }

    /// The unit whose bars over `first..=last` number at most [`AUTO_BARS`]: days for a
    /// month, weeks for half a year, months for a few years, else years.
    pub fn for_span(first: NaiveDate, last: NaiveDate) -> Unit {
        Unit::ALL
            .into_iter()
            .find(|u| bar_count(*u, first, last) <= AUTO_BARS)
            .unwrap_or(Unit::Year)
    }

    fn finer(self) -> Unit {
        match self {
            Unit::Year => Unit::Month,
            Unit::Month => Unit::Week,
            _ => Unit::Day,
        }
    }

    fn coarser(self) -> Unit {
        match self {
            Unit::Day => Unit::Week,
            Unit::Week => Unit::Month,
            _ => Unit::Year,
        }
    }
}

/// The most bars the automatic unit gives: about what a 100-column window shows at once.
pub const AUTO_BARS: usize = 32;

/// How many bars of `unit` cover `first..=last`, counting the empty ones between.
fn bar_count(unit: Unit, first: NaiveDate, last: NaiveDate) -> usize {
    let (a, b) = (unit.start(first), unit.start(last));
    match unit {
        Unit::Day => (b - a).num_days() as usize + 1,
        Unit::Week => (b - a).num_days() as usize / 7 + 1,
        Unit::Month => months(a, b) + 1,
        Unit::Year => (b.year() - a.year()) as usize + 1,
    }
}

fn months(a: NaiveDate, b: NaiveDate) -> usize {
    ((b.year() - a.year()) * 12 + b.month() as i32 - a.month() as i32) as usize
}

/// One bar: the days it covers and how many articles fall on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bar {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub count: usize,
}

impl Bar {
    /// The bar's days as a date filter.
    pub fn range(&self) -> DayRange {
        DayRange {
            from: Some(self.first),
            to: Some(self.last),
        }
    }
}

/// The histogram of the articles shown, with the cursor and the mark of a range.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timeline {
    /// Distinct days with their article counts, oldest first.
    days: Vec<(NaiveDate, usize)>,
    /// Articles with no date: not in any bar.
    undated: usize,
    unit: Option<Unit>,
    /// Every bar from the oldest day to the newest, empty ones included, oldest first.
    bars: Vec<Bar>,
    cursor: usize,
    /// The first day of the bar a range was started at (`v`), kept across zooming.
    mark: Option<NaiveDate>,
}

impl Timeline {
    /// The timeline of articles on `days` (one entry per dated article, in any order) and
    /// `undated` more without a date; the cursor starts on the newest bar.
    pub fn new(mut days: Vec<NaiveDate>, undated: usize) -> Timeline {
        days.sort_unstable();
        let mut counted: Vec<(NaiveDate, usize)> = Vec::new();
        for d in days {
            match counted.last_mut() {
                Some((day, n)) if *day == d => *n += 1,
                _ => counted.push((d, 1)),
            }
        }
        let unit = match (counted.first(), counted.last()) {
            (Some(&(a, _)), Some(&(b, _))) => Some(Unit::for_span(a, b)),
            _ => None,
        };
        let mut t = Timeline {
            days: counted,
            undated,
            unit,
            ..Timeline::default()
        };
        t.regroup();
        t.cursor = t.bars.len().saturating_sub(1);
        t
    }

    pub fn bars(&self) -> &[Bar] {
        &self.bars
    }

    /// The unit of the bars; `None` when no article has a date.
    pub fn unit(&self) -> Option<Unit> {
        self.unit
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn undated(&self) -> usize {
        self.undated
    }

    /// Articles in the bars.
    pub fn dated(&self) -> usize {
        self.days.iter().map(|(_, n)| n).sum()
    }

    /// The newest day any article shown falls on: where "latest" presets count back from.
    pub fn newest(&self) -> Option<NaiveDate> {
        self.days.last().map(|(d, _)| *d)
    }

    /// The bars from the mark to the cursor (both included), when a range is being marked.
    pub fn marked(&self) -> Option<(usize, usize)> {
        let m = self.index_of(self.mark?);
        Some((m.min(self.cursor), m.max(self.cursor)))
    }

    /// Moves the cursor by `delta` bars, kept among them.
    pub fn move_by(&mut self, delta: isize) {
        self.cursor = self
            .cursor
            .saturating_add_signed(delta)
            .min(self.bars.len().saturating_sub(1));
    }

    /// Starts a range at the cursor, or drops the one started.
    pub fn toggle_mark(&mut self) {
        self.mark = match self.mark {
            Some(_) => None,
            None => self.bars.get(self.cursor).map(|b| b.first),
        };
    }

    /// Finer (`true`) or coarser bars. The cursor stays on the bar holding its bar's last
    /// day (or the newest article's, when that is earlier): a week that runs into the next
    /// month zooms out to the month its newest articles are in, so the newest bar stays the
    /// newest.
    pub fn zoom(&mut self, finer: bool) {
        let Some(unit) = self.unit else { return };
        let newest = self.newest();
        let at = self
            .bars
            .get(self.cursor)
            .map(|b| newest.map_or(b.last, |n| b.last.min(n)));
        self.unit = Some(if finer { unit.finer() } else { unit.coarser() });
        self.regroup();
        if let Some(day) = at {
            self.cursor = self.index_of(day);
        }
    }

    /// The days of the cursor's bar, or from the mark to it.
    pub fn chosen(&self) -> Option<DayRange> {
        let (a, b) = self.marked().unwrap_or((self.cursor, self.cursor));
        Some(DayRange {
            from: Some(self.bars.get(a)?.first),
            to: Some(self.bars.get(b)?.last),
        })
    }

    /// The bar `day` falls in (the nearest end when outside them).
    fn index_of(&self, day: NaiveDate) -> usize {
        let n = self.bars.partition_point(|b| b.last < day);
        n.min(self.bars.len().saturating_sub(1))
    }

    /// Groups the day counts into bars of the current unit, empty bars included.
    fn regroup(&mut self) {
        self.bars.clear();
        let (Some(unit), Some(&(first, _))) = (self.unit, self.days.first()) else {
            return;
        };
        let mut start = unit.start(first);
        let mut days = self.days.iter().peekable();
        while days.peek().is_some() {
            let next = unit.next(start);
            let mut count = 0;
            while let Some(&&(d, n)) = days.peek() {
                if next.is_some_and(|next| d >= next) {
                    break;
                }
                count += n;
                days.next();
            }
            let last = next.map_or(NaiveDate::MAX, |n| n - Duration::days(1));
            self.bars.push(Bar {
                first: start,
                last,
                count,
            });
            match next {
                Some(n) => start = n,
                None => break,
            }
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
    fn the_unit_follows_the_span() {
        assert_eq!(Unit::for_span(day(2022, 5, 1), day(2022, 5, 30)), Unit::Day);
        assert_eq!(
            Unit::for_span(day(2022, 1, 1), day(2022, 5, 30)),
            Unit::Week
        );
        assert_eq!(
            Unit::for_span(day(2020, 1, 1), day(2022, 5, 30)),
            Unit::Month
        );
        assert_eq!(
            Unit::for_span(day(2001, 1, 1), day(2022, 5, 30)),
            Unit::Year
        );
        assert_eq!(Unit::Week.start(day(2022, 5, 1)), day(2022, 4, 25));
    }

    #[test]
    fn bars_cover_every_unit_between_with_empty_ones() {
        let t = Timeline::new(
            vec![
                day(2022, 3, 2),
                day(2021, 12, 31),
                day(2022, 3, 31),
                day(2022, 1, 1),
            ],
            2,
        );
        assert_eq!(t.unit(), Some(Unit::Week));
        let mut t = t;
        t.zoom(false);
        assert_eq!(t.unit(), Some(Unit::Month));
        let counts: Vec<usize> = t.bars().iter().map(|b| b.count).collect();
        assert_eq!(counts, [1, 1, 0, 2]);
        assert_eq!(t.bars()[1].first, day(2022, 1, 1));
        assert_eq!(t.bars()[1].last, day(2022, 1, 31));
        assert_eq!((t.dated(), t.undated()), (4, 2));
        assert_eq!(t.newest(), Some(day(2022, 3, 31)));
    }

    #[test]
    fn zooming_keeps_the_cursor_and_the_mark_on_their_days() {
        let days = (0..400)
            .map(|i| day(2021, 1, 1) + Duration::days(i))
            .collect();
        let mut t = Timeline::new(days, 0);
        assert_eq!(t.unit(), Some(Unit::Month));
        t.move_by(-3); // 2021-11
        t.toggle_mark();
        t.move_by(1);
        assert_eq!(t.chosen().unwrap().label(), "2021-11-01..2021-12-31");
        t.zoom(true);
        assert_eq!(t.unit(), Some(Unit::Week));
        assert_eq!(t.bars()[t.cursor()].first, day(2021, 12, 27));
        assert_eq!(t.chosen().unwrap().label(), "2021-11-01..2022-01-02");
        t.toggle_mark();
        assert_eq!(t.chosen().unwrap().label(), "2021-12-27..2022-01-02");
        t.zoom(false);
        t.zoom(false);
        assert_eq!(t.chosen().unwrap().label(), "2022-01-01..2022-12-31");
    }

    #[test]
    fn no_dates_no_bars() {
        let mut t = Timeline::new(Vec::new(), 3);
        assert!(t.bars().is_empty());
        t.move_by(1);
        t.zoom(true);
        t.toggle_mark();
        assert_eq!(t.chosen(), None);
        assert_eq!(t.undated(), 3);
    }
}
