//! The list's order: the key that cycles it (the selection stays on its article), the
//! status bar naming it, the configuration's default, and `gazette list --sort`.

use crate::cli::gazette;
use crate::support::common::{draw, press, send, state};
use crate::support::fixtures;
use chrono::{TimeZone, Utc};
use gazette::app::{AppState, Msg};
use gazette::config::Config;
use gazette::library::order::SortOrder;
use gazette::library::{Article, Library};

/// Four articles in two folders, titles in mixed case and Chinese, dates out of title order.
fn library() -> Library {
    let article = |path: &str, title: &str, day: u32| Article {
        date: Some(Utc.with_ymd_and_hms(2022, 3, day, 8, 0, 0).unwrap()),
        ..Article::new(path, title)
    };
    let mut library = Library::from_articles(
        vec![
            article("/lib/weekly/a.md", "banana bread", 4),
            article("/lib/daily/b.md", "Apple harvest", 1),
            article("/lib/weekly/c.md", "城市日报", 3),
            article("/lib/daily/d.md", "cherry blossom", 2),
        ],
        Vec::new(),
    );
    library.roots = vec!["/lib".into()];
    library
}

fn titles(s: &AppState) -> Vec<&str> {
    let catalog = s.catalog();
    let visible = s.view().visible();
    visible
        .iter()
        .map(|&i| &*catalog.article(i).title)
        .collect()
}

fn selected_title(s: &AppState) -> &str {
    let id = s.view().selected_article().expect("a selection");
    &s.catalog().article(id).title
}

#[test]
fn the_sort_key_cycles_the_orders_and_keeps_the_selection() {
    let mut s = state(library());
    assert_eq!(
        titles(&s),
        [
            "banana bread",
            "城市日报",
            "cherry blossom",
            "Apple harvest"
        ]
    );
    press(&mut s, "j");
    assert_eq!(selected_title(&s), "城市日报");

    press(&mut s, "O");
    assert_eq!(
        titles(&s),
        [
            "Apple harvest",
            "cherry blossom",
            "城市日报",
            "banana bread"
        ]
    );
    assert_eq!(
        selected_title(&s),
        "城市日报",
        "the selection follows its article"
    );
    assert_eq!(s.view().selected(), 2);

    press(&mut s, "O");
    assert_eq!(
        titles(&s),
        [
            "Apple harvest",
            "banana bread",
            "cherry blossom",
            "城市日报"
        ],
        "case-folded titles; Chinese after Latin, by code point"
    );
    press(&mut s, "O");
    assert_eq!(
        titles(&s),
        [
            "cherry blossom",
            "Apple harvest",
            "banana bread",
            "城市日报"
        ],
        "daily before weekly, newest first within each"
    );
    let status = draw(&mut s, 100, 30).pop().unwrap();
    assert!(status.contains("by source"), "{status}");
    press(&mut s, "O");
    assert_eq!(s.catalog().sort_order(), SortOrder::Newest);
    assert_eq!(selected_title(&s), "城市日报");
    let status = draw(&mut s, 100, 30).pop().unwrap();
    assert!(!status.contains("by source"), "{status}");
}

#[test]
fn articles_arriving_later_are_merged_in_the_chosen_order() {
    let mut s = state(library());
    press(&mut s, "O O"); // by title
    let late = Article::new("/lib/weekly/e.md", "aardvark notes");
    send(
        &mut s,
        Msg::Load(gazette::library::loader::LoadEvent::Articles(
            vec![late],
            Vec::new(),
        )),
    );
    send(&mut s, Msg::Settle);
    assert_eq!(titles(&s)[0], "aardvark notes");
    assert_eq!(titles(&s)[1], "Apple harvest");
}

#[test]
fn the_configuration_sets_the_order_at_start() {
    let config = Config {
        sort: SortOrder::Oldest,
        zone: gazette::zone::Zone::utc(),
        ..Config::default()
    };
    let settings = gazette::app::settings::Settings::from_config(
        &config,
        Utc.with_ymd_and_hms(2022, 4, 1, 0, 0, 0).unwrap(),
    );
    let s = AppState::new(
        library(),
        gazette::store::Store::empty("unsaved".into()),
        settings,
    );
    assert_eq!(titles(&s)[0], "Apple harvest");
}

#[test]
fn list_sort_takes_each_order_and_refuses_others() {
    let dir = tempfile::tempdir().unwrap();
    let doc = |title: &str, date: &str| format!("---\ntitle: {title}\ndate: {date}\n---\nBody.\n");
    let files = [
        ("weekly/a.md", doc("banana bread", "2022-03-04")),
        ("daily/b.md", doc("Apple harvest", "2022-03-01")),
        ("weekly/c.md", doc("城市日报", "2022-03-03")),
        ("daily/d.md", doc("cherry blossom", "2022-03-02")),
    ];
    let files: Vec<(&str, &[u8])> = files.iter().map(|(p, d)| (*p, d.as_bytes())).collect();
    fixtures::write_all(dir.path(), &files);
    let home = tempfile::tempdir().unwrap();
    let lib = dir.path().to_str().unwrap();
    let listed = |order: &str| -> Vec<String> {
        let out = gazette(&["list", "--sort", order, lib], home.path());
        assert!(out.status.success(), "{order}: {out:?}");
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| l.rsplit("  ").next().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        listed("newest"),
        [
            "banana bread",
            "城市日报",
            "cherry blossom",
            "Apple harvest"
        ]
    );
    assert_eq!(
        listed("oldest"),
        [
            "Apple harvest",
            "cherry blossom",
            "城市日报",
            "banana bread"
        ]
    );
    assert_eq!(
        listed("title"),
        [
            "Apple harvest",
            "banana bread",
            "cherry blossom",
            "城市日报"
        ]
    );
    assert_eq!(
        listed("source"),
        [
            "cherry blossom",
            "Apple harvest",
            "banana bread",
            "城市日报"
        ]
    );
    let out = gazette(&["list", "--sort", "size", lib], home.path());
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("newest, oldest, title, source"), "{err}");
}
