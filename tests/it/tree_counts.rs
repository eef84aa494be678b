//! The tree's counts are kept between keys and made again only when what they count changed
//! (articles, reading state, days): through filters, reads, arrivals, replacements and
//! removals they must stay what a reader started afresh on the same articles would count.

use crate::support::common::{press, send, settings_at, state};
use chrono::{NaiveDate, TimeZone, Utc};
use gazette::app::dates::DayRange;
use gazette::app::tree::NodeKind;
use gazette::app::{AppState, Filters, Msg};
use gazette::library::loader::LoadEvent;
use gazette::library::{Article, Library};
use gazette::store::Store;

/// Article `i`, `i` days before 2022-01-01, in `folder` below `/lib`, under `cats`.
fn article(folder: &str, i: usize, cats: &[&str], tags: &[&str]) -> Article {
    Article {
        categories: cats.iter().map(|c| c.to_string()).collect(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        date: Some(
            Utc.with_ymd_and_hms(2022, 1, 1, 8, 0, 0).unwrap() - chrono::Duration::days(i as i64),
        ),
        ..Article::new(
            format!("/lib/{folder}/{i:03}.md"),
            format!("第{i}篇 note {i}"),
        )
    }
}

fn articles() -> Vec<Article> {
    (0..12)
        .map(|i| match i % 3 {
            0 => article("新闻", i, &["新媒体", "澎湃"], &["港口"]),
            1 => article("新闻/国际", i, &["新媒体", "观察者网"], &[]),
            _ => article("blog", i, &["随笔"], &["rust"]),
        })
        .collect()
}

/// Every counted node of the tree: kind, path, total and unread (nodes counting nothing
/// left out: a group whose articles all went keeps its node at zero).
pub(crate) fn counts(s: &AppState) -> Vec<(NodeKind, Vec<String>, usize, usize)> {
    (s.view().tree().nodes.iter())
        .filter(|n| n.count > 0)
        .map(|n| (n.kind, n.path.clone(), n.count, n.unread))
        .collect()
}

/// A reader started now on `s`'s live articles, reading state and filters.
pub(crate) fn afresh(s: &AppState) -> AppState {
    let live = s.catalog().live_articles().cloned().collect();
    let mut store = Store::empty("unsaved".into());
    for (key, entry) in s.store().iter() {
        store.set_read(key, entry.read);
    }
    let now = Utc.with_ymd_and_hms(2022, 1, 1, 12, 0, 0).unwrap();
    AppState::new(
        Library::from_articles(live, vec![]),
        store,
        settings_at(now),
    )
    .with_roots(vec!["/lib".into()])
    .with_filters(s.view().filters().clone())
}

fn check(s: &AppState, step: &str) {
    assert_eq!(counts(s), counts(&afresh(s)), "after {step}");
}

fn load(s: &mut AppState, event: LoadEvent) {
    send(s, Msg::Load(event));
    send(s, Msg::Settle);
}

#[test]
fn counts_stay_true_through_filters_reads_arrivals_and_removals() {
    let mut s = state(Library::from_articles(articles(), vec![])).with_roots(vec!["/lib".into()]);
    let total = |s: &AppState| {
        s.view()
            .tree()
            .nodes
            .iter()
            .find(|n| n.kind == NodeKind::All)
            .map(|n| (n.count, n.unread))
    };
    assert_eq!(total(&s), Some((12, 12)));
    check(&s, "the start");
    press(&mut s, "c j j enter");
    assert!(!s.view().filters().category.is_empty(), "a category chosen");
    check(&s, "a category filter");
    press(&mut s, "C r j r j r k r");
    assert_eq!(
        total(&s),
        Some((12, 10)),
        "two read, one read and unread again"
    );
    check(&s, "marking read");
    press(&mut s, "u");
    check(&s, "unread only");
    // A new article in a new folder and category, and one read again under another.
    load(
        &mut s,
        LoadEvent::Articles(vec![article("新闻/国内", 20, &["科技"], &[])], vec![]),
    );
    assert_eq!(total(&s).map(|t| t.0), Some(13));
    check(&s, "an arrival");
    load(
        &mut s,
        LoadEvent::Articles(vec![article("blog", 2, &["科技"], &["港口"])], vec![]),
    );
    check(&s, "a replacement");
    load(&mut s, LoadEvent::Removed(vec!["/lib/新闻/003.md".into()]));
    assert_eq!(total(&s).map(|t| t.0), Some(12));
    check(&s, "a removal");
    load(&mut s, LoadEvent::Removed(vec!["/lib/新闻/国际".into()]));
    check(&s, "a folder removed");
    let day = |d| NaiveDate::from_ymd_opt(2021, 12, d);
    let mut s = s.with_filters(Filters {
        days: Some(DayRange {
            from: day(25),
            to: day(30),
        }),
        ..Filters::default()
    });
    check(&s, "a date filter");
    press(&mut s, "r");
    check(&s, "marking read under a date filter");
}
