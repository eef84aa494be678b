//! The date window's archive-relative presets and its timeline, driven by keys: the bars
//! follow the other filters, Enter on a bar (or on a marked range) filters to its days, and
//! zooming changes the unit. The fixture is an archive that ended on 2022-01-01, read on a
//! day years later, so presets counted from today would show nothing.

use crate::support::common::{fake_library, press, send, settings_at};
use chrono::{NaiveDate, TimeZone, Utc};
use gazette::app::dates::DayRange;
use gazette::app::overlay::DatePrompt;
use gazette::app::timeline::Unit;
use gazette::app::{AppState, Filters, Msg, Overlay};
use gazette::library::Library;
use gazette::store::Store;

/// `fake_library(100)`: one article a day from 2022-01-01 back to 2021-09-24, opened on
/// 2026-11-27.
fn old_archive(library: Library) -> AppState {
    let mut s = AppState::new(
        library,
        Store::empty("unsaved".into()),
        settings_at(Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap()),
    );
    send(&mut s, Msg::Resize(100, 30));
    s
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn days(from: NaiveDate, to: NaiveDate) -> Option<DayRange> {
    Some(DayRange {
        from: Some(from),
        to: Some(to),
    })
}

fn prompt(s: &AppState) -> &DatePrompt {
    match s.screen().overlay() {
        Some(Overlay::DateFilter(p)) => p,
        other => panic!("the date window should be open, got {other:?}"),
    }
}

/// The days of the articles the list shows, newest first.
fn shown_days(s: &AppState) -> Vec<NaiveDate> {
    s.view()
        .visible()
        .iter()
        .map(|&i| s.catalog().article(i).date.unwrap().date_naive())
        .collect()
}

#[test]
fn latest_7_days_counts_back_from_the_newest_article_not_today() {
    let mut s = old_archive(fake_library(100));
    press(&mut s, "d j enter"); // "last 7 days": up to 2026-11-27
    assert!(s.view().visible().is_empty());
    press(&mut s, "d j j j j j j"); // "latest 7 days"
    let p = prompt(&s);
    assert_eq!(
        p.preset_range(p.selected(), s.settings().today()),
        Ok(days(day(2021, 12, 26), day(2022, 1, 1)))
    );
    press(&mut s, "enter");
    assert!(s.screen().overlay().is_none());
    assert_eq!(
        s.view().filters().days,
        days(day(2021, 12, 26), day(2022, 1, 1))
    );
    let shown = shown_days(&s);
    assert_eq!(shown.len(), 7);
    assert_eq!((shown[0], shown[6]), (day(2022, 1, 1), day(2021, 12, 26)));
}

#[test]
fn latest_presets_follow_the_category_filter() {
    // 随笔 is every seventh article from the sixth: its newest is 2021-12-26.
    let filters = Filters {
        category: vec!["随笔".into()],
        ..Filters::default()
    };
    let mut s = old_archive(fake_library(100)).with_filters(filters);
    press(&mut s, "d j j j j j enter"); // "latest day"
    assert_eq!(
        s.view().filters().days,
        days(day(2021, 12, 26), day(2021, 12, 26))
    );
    assert_eq!(s.view().visible().len(), 1);
}

#[test]
fn a_bar_filters_to_its_month() {
    let mut s = old_archive(fake_library(100));
    press(&mut s, "d");
    assert_eq!(prompt(&s).timeline().unit(), Some(Unit::Week));
    press(&mut s, "- h"); // months; from January 2022 back to December 2021
    let t = prompt(&s).timeline();
    assert_eq!(t.unit(), Some(Unit::Month));
    assert_eq!(t.bars()[t.cursor()].count, 31);
    press(&mut s, "enter");
    assert_eq!(
        s.view().filters().days,
        days(day(2021, 12, 1), day(2021, 12, 31))
    );
    let shown = shown_days(&s);
    assert_eq!(shown.len(), 31);
    assert!(
        shown
            .iter()
            .all(|d| *d >= day(2021, 12, 1) && *d <= day(2021, 12, 31))
    );
}

#[test]
fn a_second_mark_makes_a_range_either_way() {
    let mut s = old_archive(fake_library(100));
    press(&mut s, "d - h h v l enter"); // November, marked, to December
    assert_eq!(
        s.view().filters().days,
        days(day(2021, 11, 1), day(2021, 12, 31))
    );
    assert_eq!(s.view().visible().len(), 61);
    press(&mut s, "d - h v h h enter"); // December, marked, back to October
    assert_eq!(
        s.view().filters().days,
        days(day(2021, 10, 1), day(2021, 12, 31))
    );
    assert_eq!(s.view().visible().len(), 92);
    press(&mut s, "d - v v h enter"); // a mark dropped again: one bar
    assert_eq!(
        s.view().filters().days,
        days(day(2021, 12, 1), day(2021, 12, 31))
    );
}

#[test]
fn the_timeline_follows_the_other_filters_but_not_the_dates() {
    let filters = Filters {
        category: vec!["随笔".into()],
        ..Filters::default()
    };
    let mut s = old_archive(fake_library(100)).with_filters(filters);
    press(&mut s, "d");
    let t = prompt(&s).timeline();
    assert_eq!(t.dated(), 14);
    assert_eq!(t.bars().iter().map(|b| b.count).sum::<usize>(), 14);
    assert_eq!(t.newest(), Some(day(2021, 12, 26)));
    press(&mut s, "esc C d - h enter d"); // no category; December, then the window again
    let t = prompt(&s).timeline();
    assert_eq!(t.dated(), 100, "a date filter already set hides no bar");
}

#[test]
fn zooming_changes_the_unit_and_keeps_the_cursor_on_its_days() {
    let mut s = old_archive(fake_library(100));
    press(&mut s, "d");
    let unit = |s: &AppState| prompt(s).timeline().unit();
    assert_eq!(unit(&s), Some(Unit::Week));
    press(&mut s, "+");
    assert_eq!(unit(&s), Some(Unit::Day));
    press(&mut s, "=");
    assert_eq!(unit(&s), Some(Unit::Day), "days are the finest");
    press(&mut s, "- -");
    assert_eq!(unit(&s), Some(Unit::Month));
    press(&mut s, "- -");
    assert_eq!(unit(&s), Some(Unit::Year));
    let t = prompt(&s).timeline();
    assert_eq!(t.bars().len(), 2);
    // From the newest week (2021-12-27 to 2022-01-02) to the year of its newest article.
    assert_eq!(t.bars()[t.cursor()].first, day(2022, 1, 1));
}

#[test]
fn undated_articles_are_counted_apart_and_a_window_without_dates_says_so() {
    let mut library = fake_library(10);
    for a in library.articles.iter_mut().take(3) {
        a.date = None;
    }
    let mut s = old_archive(library);
    press(&mut s, "d");
    let t = prompt(&s).timeline();
    assert_eq!((t.dated(), t.undated()), (7, 3));

    let mut library = fake_library(2);
    for a in &mut library.articles {
        a.date = None;
    }
    let mut s = old_archive(library);
    press(&mut s, "d j j j j j enter"); // "latest day": nothing to count back from
    assert_eq!(prompt(&s).error(), Some("no article shown has a date"));
    press(&mut s, "h enter"); // the timeline has no bar either
    assert_eq!(prompt(&s).error(), Some("no article shown has a date"));
    assert_eq!(s.view().visible().len(), 2, "the list is as it was");
}

#[test]
fn articles_arriving_while_the_window_is_open_are_counted() {
    use gazette::library::loader::LoadEvent;
    let all = fake_library(40).articles;
    let mut s = old_archive(Library::from_articles(all[20..].to_vec(), Vec::new()));
    press(&mut s, "d");
    assert_eq!(prompt(&s).timeline().dated(), 20);
    assert_eq!(prompt(&s).timeline().newest(), Some(day(2021, 12, 12)));
    send(
        &mut s,
        Msg::Load(LoadEvent::Articles(all[..20].to_vec(), Vec::new())),
    );
    send(&mut s, Msg::Settle);
    assert_eq!(prompt(&s).timeline().dated(), 40);
    assert_eq!(prompt(&s).timeline().newest(), Some(day(2022, 1, 1)));
    // Once the user moves over the bars, they stay as they were while more arrive.
    press(&mut s, "h");
    let before = prompt(&s).timeline().clone();
    send(
        &mut s,
        Msg::Load(LoadEvent::Removed(vec![all[0].path.to_path_buf()])),
    );
    send(&mut s, Msg::Settle);
    assert_eq!(prompt(&s).timeline(), &before);
}
