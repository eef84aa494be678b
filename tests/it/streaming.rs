//! A large load streams in batch by batch: each settled batch joins the list where it sorts
//! (merged, not filtered afresh), under whatever filters are set, and the selection stays on
//! the user's article. The list after every batch must be the one a reader started afresh
//! on the same articles would show.

use crate::support::common::{press, send, settings_at, state};
use chrono::{TimeZone, Utc};
use gazette::app::{AppState, Filters, Msg};
use gazette::library::loader::LoadEvent;
use gazette::library::{Article, Library};
use gazette::store::Store;

/// Article `i`: dates repeat (every fifth day shared by several), titles in two scripts.
fn article(i: usize) -> Article {
    let day = (i * 7) % 23;
    Article {
        categories: if i.is_multiple_of(3) {
            ["新媒体", "澎湃"].into()
        } else {
            ["随笔"].into()
        },
        date: (i % 11 != 5).then(|| {
            Utc.with_ymd_and_hms(2022, 1, 1, 8, 0, 0).unwrap() - chrono::Duration::days(day as i64)
        }),
        ..Article::new(
            format!("/lib/{:02}/{i:03}.md", i % 4),
            format!("{} 第{i}篇", ["港口", "harbor", "Tea", "茶叶"][i % 4]),
        )
    }
}

/// The paths the list shows, in order.
fn listed(s: &AppState) -> Vec<String> {
    (s.view().visible().iter())
        .map(|&id| s.catalog().article(id).path.display().to_string())
        .collect()
}

fn selected_path(s: &AppState) -> Option<String> {
    let id = s.view().selected_article()?;
    Some(s.catalog().article(id).path.display().to_string())
}

/// What a reader started now on `s`'s live articles, filters and order lists.
fn afresh(s: &AppState) -> Vec<String> {
    let live = s.catalog().live_articles().cloned().collect();
    let now = Utc.with_ymd_and_hms(2022, 1, 1, 12, 0, 0).unwrap();
    let mut fresh = AppState::new(
        Library::from_articles(live, vec![]),
        Store::empty("unsaved".into()),
        settings_at(now),
    )
    .with_roots(vec!["/lib".into()])
    .with_filters(s.view().filters().clone());
    while fresh.catalog().sort_order() != s.catalog().sort_order() {
        press(&mut fresh, "O");
    }
    listed(&fresh)
}

/// Streams 90 articles in shuffled batches into a reader that first took `sort_keys` and
/// `filters`, the user moving after the first batch; checks the list after each batch.
fn stream(sort_keys: &str, filters: Filters) {
    // A fixed shuffle: 37 is prime to 90, so every article comes once.
    let ids: Vec<usize> = (0..90).map(|k| (k * 37 + 11) % 90).collect();
    stream_in(&ids, sort_keys, filters);
}

/// [`stream`] with the articles arriving in the order of `ids`.
fn stream_in(ids: &[usize], sort_keys: &str, filters: Filters) {
    stream_settled(ids, sort_keys, filters, None);
}

/// [`stream_in`], each batch folded in with `Msg::Settle`, or in slices of `slice` articles
/// (`Msg::SettleSome`, as the event loop does) with keys pressed between the slices.
fn stream_settled(ids: &[usize], sort_keys: &str, filters: Filters, slice: Option<usize>) {
    let mut s = state(Library::from_articles(Vec::new(), Vec::new()))
        .with_roots(vec!["/lib".into()])
        .with_filters(filters);
    press(&mut s, sort_keys);
    let mut chosen = None;
    for (n, batch) in ids.chunks(13).enumerate() {
        let articles = batch.iter().map(|&i| article(i)).collect();
        send(&mut s, Msg::Load(LoadEvent::Articles(articles, vec![])));
        match slice {
            None => drop(send(&mut s, Msg::Settle)),
            Some(most) => settle_in_slices(&mut s, most, &mut chosen),
        }
        if n == 0 {
            if slice.is_none() {
                press(&mut s, "j j");
            }
            chosen = selected_path(&s);
            assert!(chosen.is_some(), "the first batch shows something");
        }
        assert_eq!(listed(&s), afresh(&s), "after batch {n}");
        assert_eq!(
            selected_path(&s),
            chosen,
            "the user's article after batch {n}"
        );
    }
    assert!(listed(&s).len() > 20, "{} listed", listed(&s).len());
}

/// Folds what arrived into the list `most` articles at a time, until none is left, the user
/// moving down a row between two slices (two rows at the first): each slice leaves the
/// user's article, `chosen`, selected.
fn settle_in_slices(s: &mut AppState, most: usize, chosen: &mut Option<String>) {
    let mut slices = 0;
    while s.catalog().needs_settle() {
        let before = listed(s).len();
        send(s, Msg::SettleSome(most));
        slices += 1;
        assert!(
            listed(s).len() <= before + most,
            "a slice lists {most} more at most"
        );
        if chosen.is_some() {
            assert_eq!(
                selected_path(s),
                *chosen,
                "the user's article after slice {slices}"
            );
        }
        press(s, if chosen.is_none() { "j j" } else { "j" });
        *chosen = selected_path(s);
    }
    assert!(slices > 1, "{slices} slices");
}

#[test]
fn batches_folded_in_in_slices_end_as_one_settle_does() {
    let ids: Vec<usize> = (0..90).map(|k| (k * 37 + 11) % 90).collect();
    stream_settled(&ids, "", Filters::default(), Some(4));
    let filters = Filters {
        category: vec!["新媒体".into()],
        ..Filters::default()
    };
    stream_settled(&ids, "O O", filters, Some(4));
    stream_settled(&newest_first(), "", Filters::default(), Some(4));
}

#[test]
fn room_is_made_at_once_for_the_articles_a_load_expects() {
    let mut s = state(Library::from_articles(Vec::new(), Vec::new()));
    send(&mut s, Msg::Load(LoadEvent::Expect(90)));
    let articles = |s: &AppState| s.catalog().library().articles.as_ptr();
    let room = articles(&s);
    for batch in (0..90).collect::<Vec<usize>>().chunks(13) {
        let batch = batch.iter().map(|&i| article(i)).collect();
        send(&mut s, Msg::Load(LoadEvent::Articles(batch, vec![])));
        send(&mut s, Msg::SettleSome(8));
    }
    send(&mut s, Msg::Settle);
    assert_eq!(s.catalog().order().len(), 90);
    assert_eq!(articles(&s), room, "the articles never moved");
}

#[test]
fn batches_join_the_list_where_they_sort_newest_first() {
    stream("", Filters::default());
}

#[test]
fn batches_join_a_filtered_list_where_they_sort() {
    let filters = Filters {
        category: vec!["新媒体".into()],
        ..Filters::default()
    };
    stream("", filters);
}

#[test]
fn batches_join_the_list_in_another_order() {
    stream("O O", Filters::default());
}

/// Ids 0..90 newest first, as the list shows them (a warm start's cache sends its articles so).
fn newest_first() -> Vec<usize> {
    let mut ids: Vec<usize> = (0..90).collect();
    let date = |i: usize| article(i).date;
    // Undated last, as the list puts them; ties keep no particular order.
    ids.sort_by_key(|&i| (date(i).is_none(), std::cmp::Reverse(date(i))));
    ids
}

#[test]
fn batches_that_sort_after_the_whole_list_join_at_its_end() {
    stream_in(&newest_first(), "", Filters::default());
}

#[test]
fn batches_that_sort_before_the_whole_list_join_at_its_top() {
    let mut ids = newest_first();
    ids.reverse();
    stream_in(&ids, "", Filters::default());
}
