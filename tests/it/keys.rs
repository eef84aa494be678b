//! Key sequences through the real keymap and `update`: keys in, selection/filter/focus out.

use crate::support::common;
use crate::support::fixtures;
use common::{fake_library, press, send, state, type_text};
use gazette::app::{Effect, Exit, Focus, Msg, Overlay};

#[test]
fn movement_keys_move_the_selection_and_clamp() {
    let mut s = state(fake_library(50));
    press(&mut s, "j j j down");
    assert_eq!(s.view().selected(), 4);
    press(&mut s, "k up");
    assert_eq!(s.view().selected(), 2);
    press(&mut s, "G");
    assert_eq!(s.view().selected(), 49);
    press(&mut s, "j");
    assert_eq!(s.view().selected(), 49, "clamped at the end");
    press(&mut s, "g");
    assert_eq!(s.view().selected(), 0);
    press(&mut s, "end home");
    assert_eq!(s.view().selected(), 0);
}

#[test]
fn paging_uses_the_visible_rows() {
    let mut s = state(fake_library(200));
    send(&mut s, Msg::Resize(100, 23)); // the list: 20 rows inside its border
    press(&mut s, "pgdn");
    assert_eq!(s.view().selected(), 20);
    press(&mut s, "ctrl-d");
    assert_eq!(s.view().selected(), 30);
    press(&mut s, "ctrl-u pgup");
    assert_eq!(s.view().selected(), 0);
    press(&mut s, "pgdn pgdn");
    assert!(
        s.view().list_offset() <= s.view().selected()
            && s.view().selected() < s.view().list_offset() + 20,
        "selection stays on screen"
    );
}

#[test]
fn the_list_is_newest_first() {
    // The articles are stored in an order unrelated to their dates (oldest first, shuffled).
    let mut library = fake_library(10);
    library.articles.reverse();
    library.articles.swap(2, 7);
    library.articles.swap(0, 5);
    let s = state(library);
    let titles: Vec<&str> = s
        .view()
        .visible()
        .iter()
        .map(|&i| &*s.catalog().article(i).title)
        .collect();
    let newest_first: Vec<String> = (0..10)
        .map(|i| format!("第{i}篇 article number {i}"))
        .collect();
    assert_eq!(titles, newest_first);
}

#[test]
fn enter_opens_and_esc_goes_back_and_n_p_step() {
    let mut s = state(fake_library(10));
    press(&mut s, "j enter");
    assert_eq!(s.screen().focus(), Focus::Reader);
    let first = s.screen().reader().unwrap().article();
    assert_eq!(first, s.view().visible()[1]);
    press(&mut s, "n");
    assert_eq!(
        s.screen().reader().unwrap().article(),
        s.view().visible()[2]
    );
    assert_eq!(s.view().selected(), 2);
    press(&mut s, "p p");
    assert_eq!(
        s.screen().reader().unwrap().article(),
        s.view().visible()[0]
    );
    press(&mut s, "p");
    assert_eq!(s.screen().message(), Some("first article"));
    press(&mut s, "esc");
    assert_eq!(s.screen().focus(), Focus::List);
}

#[test]
fn category_tree_filters_to_a_node_and_below() {
    let mut s = state(fake_library(70));
    press(&mut s, "c");
    assert_eq!(s.screen().focus(), Focus::Tree);
    // Nodes: All, World, World/Harbor, World/Harbor/Science, 新媒体, …
    press(&mut s, "j enter");
    assert_eq!(s.view().filters().category, vec!["World".to_string()]);
    assert_eq!(s.screen().focus(), Focus::List);
    assert!(!s.view().visible().is_empty());
    assert!(s.view().visible().iter().all(|&i| {
        s.catalog()
            .article(i)
            .categories
            .first()
            .is_some_and(|c| c == "World")
    }));
    press(&mut s, "C");
    assert!(s.view().filters().category.is_empty());
    assert_eq!(s.view().visible().len(), 70);
}

#[test]
fn selection_follows_the_article_through_a_filter() {
    let mut s = state(fake_library(70));
    press(&mut s, "j j"); // article index 2: World (i % 3 == 2)
    let chosen = s.view().selected_article().unwrap();
    assert_eq!(s.catalog().article(chosen).categories[0], "World");
    press(&mut s, "c j enter");
    assert_eq!(s.view().selected_article(), Some(chosen));
}

#[test]
fn collapsing_a_node_hides_its_children() {
    let mut s = state(fake_library(20));
    press(&mut s, "c j");
    let before = s.view().tree().visible.len();
    press(&mut s, "space");
    assert_eq!(
        s.view().tree().visible.len(),
        before - 2,
        "World/Harbor and World/Harbor/Science hidden"
    );
    press(&mut s, "space");
    assert_eq!(s.view().tree().visible.len(), before);
}

#[test]
fn date_filter_presets_typed_ranges_and_errors() {
    let mut s = state(fake_library(100)); // one article a day, 2022-01-01 backwards
    press(&mut s, "d j enter"); // "last 7 days"
    assert_eq!(s.view().visible().len(), 7);
    assert!(s.screen().overlay().is_none());
    press(&mut s, "D");
    assert_eq!(s.view().visible().len(), 100);
    press(&mut s, "d");
    type_text(&mut s, "2021-12");
    press(&mut s, "enter");
    assert_eq!(s.view().visible().len(), 31);
    press(&mut s, "d");
    type_text(&mut s, "2021-13");
    press(&mut s, "enter");
    match s.screen().overlay() {
        Some(Overlay::DateFilter(p)) => assert!(p.error().unwrap().contains("not a date")),
        other => panic!("the window should stay open with an error, got {other:?}"),
    }
    press(&mut s, "esc");
    assert!(s.screen().overlay().is_none());
    assert_eq!(
        s.view().visible().len(),
        31,
        "a failed range leaves the filter as it was"
    );
}

#[test]
fn tree_counts_follow_the_date_filter() {
    let mut s = state(fake_library(100));
    let all = s.view().tree().nodes[0].count;
    press(&mut s, "d");
    type_text(&mut s, "2021-12-25..2022-01-01");
    press(&mut s, "enter");
    assert_eq!(all, 100);
    assert_eq!(s.view().tree().nodes[0].count, 8);
}

#[test]
fn help_problems_focus_and_quit() {
    let mut s = state(fake_library(5));
    press(&mut s, "?");
    assert!(matches!(s.screen().overlay(), Some(Overlay::Help { .. })));
    press(&mut s, "?");
    assert!(s.screen().overlay().is_none());
    press(&mut s, "!");
    assert!(matches!(
        s.screen().overlay(),
        Some(Overlay::Problems { .. })
    ));
    press(&mut s, "esc tab");
    assert_eq!(
        s.screen().focus(),
        Focus::Tree,
        "Tab from the list wraps to the tree without an open article at 100 columns"
    );
    press(&mut s, "shift-tab");
    assert_eq!(s.screen().focus(), Focus::List);
    assert!(matches!(press(&mut s, "q")[..], [Effect::Exit(Exit::Quit)]));
}

#[test]
fn opening_marks_read_and_r_s_toggle() {
    let mut s = state(fake_library(10));
    let first = s.view().visible()[0];
    assert!(!s.entry(first).read);
    let unread_before = s.view().tree().nodes[0].unread;
    press(&mut s, "enter");
    assert!(s.entry(first).read, "opening marks read");
    assert_eq!(
        s.view().tree().nodes[0].unread,
        unread_before - 1,
        "tree counts unread"
    );
    press(&mut s, "r");
    assert!(!s.entry(first).read);
    press(&mut s, "s");
    assert!(s.entry(first).starred);
    press(&mut s, "esc j s");
    assert!(
        s.entry(s.view().visible()[1]).starred,
        "in the list, s stars the selected article"
    );
}

#[test]
fn unread_and_starred_only_views() {
    let mut s = state(fake_library(10));
    press(&mut s, "enter esc j enter esc"); // read the first two
    press(&mut s, "u");
    assert_eq!(s.view().visible().len(), 8);
    press(&mut s, "u s S");
    assert_eq!(s.view().visible().len(), 1, "only the starred one");
    press(&mut s, "S");
    assert_eq!(s.view().visible().len(), 10);
}

#[test]
fn mark_all_read_asks_first_and_undo_restores() {
    let mut s = state(fake_library(20));
    press(&mut s, "enter esc"); // one read already
    press(&mut s, "R");
    assert!(matches!(
        s.screen().overlay(),
        Some(Overlay::ConfirmMarkAllRead { count: 19 })
    ));
    press(&mut s, "esc");
    assert!(
        s.view()
            .visible()
            .iter()
            .filter(|&&i| s.entry(i).read)
            .count()
            == 1,
        "cancelled"
    );
    press(&mut s, "R y");
    assert!(s.view().visible().iter().all(|&i| s.entry(i).read));
    assert_eq!(s.view().tree().nodes[0].unread, 0);
    press(&mut s, "U");
    assert_eq!(
        s.view()
            .visible()
            .iter()
            .filter(|&&i| s.entry(i).read)
            .count(),
        1,
        "undo restores exactly"
    );
    press(&mut s, "U");
    assert_eq!(s.screen().message(), Some("nothing to undo"));
}

#[test]
fn the_reading_position_is_kept_per_article() {
    let mut s = state(fake_library(3));
    press(&mut s, "enter");
    // A body of 100 paragraphs arrives, as the event loop would send it.
    let article = s.screen().reader().unwrap().article();
    let body: Result<String, String> = Ok("<p>A line of the body.</p>".repeat(100));
    let arrive = |s: &mut gazette::app::AppState| {
        let body = body.clone();
        send(s, Msg::Body { article, body })
    };
    arrive(&mut s);
    assert!(s.screen().reader().unwrap().rendered().unwrap().lines.len() > 100);
    press(&mut s, "j j j j j");
    assert_eq!(s.screen().reader().unwrap().scroll(), 5);
    let key = s.catalog().key(s.view().visible()[0]);
    let place = s.screen().reader().unwrap().place();
    assert!(
        matches!(place, gazette::store::Position::Text { .. }),
        "a place in the text, not a line number: {place:?}"
    );
    assert_eq!(s.store().get(&key).pos, place);
    press(&mut s, "n p");
    // The place is found again once the body is laid out.
    arrive(&mut s);
    assert_eq!(
        s.screen().reader().unwrap().scroll(),
        5,
        "coming back resumes where reading stopped"
    );
}

mod links {
    use super::common::{press, state};
    use gazette::app::{Effect, Overlay};

    /// The URL of the only effect, when it opens one.
    fn opened(effects: &[Effect]) -> Option<&str> {
        match effects {
            [Effect::OpenUrl(url)] => Some(url),
            _ => None,
        }
    }
    use std::path::Path;

    use super::fixtures;

    /// A state over one article (the fixture with a link and four images, plus a refused
    /// `javascript:` link), opened and rendered.
    fn open_fixture(dir: &Path) -> gazette::app::AppState {
        let body = fixtures::chinese_article().replace(
            "</div>",
            "<p><a href=\"javascript:alert(1)\">bad</a></p></div>",
        );
        std::fs::write(dir.join("a.txt"), body).unwrap();
        let library = gazette::library::Library::load(&[dir.to_path_buf()]);
        let mut s = state(library);
        press(&mut s, "enter");
        s
    }

    #[test]
    fn the_chooser_lists_every_link_and_image() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = open_fixture(dir.path());
        press(&mut s, "o");
        assert!(matches!(s.screen().overlay(), Some(Overlay::Links(_))));
        let labels: Vec<String> = s
            .screen()
            .reader()
            .unwrap()
            .links()
            .into_iter()
            .map(|(l, _)| l)
            .collect();
        // i1 is the header image, which the body does not show itself.
        assert_eq!(labels, ["1", "2", "i1", "i2", "i3", "i4", "i5"]);
    }

    #[test]
    fn a_typed_number_opens_that_link_or_image() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = open_fixture(dir.path());
        assert_eq!(
            opened(&press(&mut s, "o 1 enter")),
            Some("https://example.org/notice")
        );
        assert!(s.screen().overlay().is_none());
        assert_eq!(
            opened(&press(&mut s, "o i 1 enter")),
            Some("https://example.com/img/head.jpg")
        );
        assert_eq!(
            opened(&press(&mut s, "o i 3 enter")),
            Some("https://example.com/img/1.jpg")
        );
        assert!(
            matches!(&press(&mut s, "y j enter")[..], [Effect::CopyUrl(u)] if u == "javascript:alert(1)"),
            "copying is harmless"
        );
    }

    #[test]
    fn other_schemes_are_refused_with_a_message() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = open_fixture(dir.path());
        assert!(press(&mut s, "o 2 enter").is_empty());
        assert!(
            s.screen()
                .message()
                .unwrap()
                .starts_with("not opened: only http, https and mailto")
        );
        assert!(press(&mut s, "o 9 enter").is_empty());
        assert_eq!(s.screen().message(), Some("no link 9"));
    }
}

#[test]
fn the_search_line_edits_at_its_cursor_and_takes_pasted_text() {
    let mut s = state(fake_library(100)); // titles "第{i}篇 article number {i}"
    press(&mut s, "/");
    type_text(&mut s, "\"number 1\"");
    assert_eq!(s.view().visible().len(), 11, "1 and 10 to 19");
    press(&mut s, "ctrl-b ctrl-b"); // the cursor before the 1
    type_text(&mut s, "5");
    let line = s.view().search().unwrap().line();
    assert_eq!((line.text(), line.split().1), ("\"number 51\"", "1\""));
    assert_eq!(s.view().visible().len(), 1, "only article 51");
    press(&mut s, "ctrl-a backspace ctrl-f backspace ctrl-e backspace");
    assert_eq!(s.view().search().unwrap().line().text(), "number 51");

    press(&mut s, "esc /");
    send(&mut s, Msg::Paste("\"number 7\"\n".into()));
    assert_eq!(s.view().search().unwrap().line().text(), "\"number 7\"");
    assert_eq!(s.view().visible().len(), 11, "7 and 70 to 79");

    // With no prompt open, pasted text is not taken for keys.
    press(&mut s, "esc");
    let selected = s.view().selected();
    send(&mut s, Msg::Paste("jjjq".into()));
    assert_eq!(s.view().selected(), selected);
    assert_eq!(s.screen().focus(), Focus::List);
}

#[test]
fn opening_asks_for_the_body_and_lays_it_out_when_it_arrives() {
    let mut s = state(fake_library(3));
    let first = s.view().visible()[0];
    let effects = gazette::app::update(&mut s, Msg::Key(common::key("enter")));
    assert!(
        matches!(effects[..], [Effect::ReadBody { article, .. }] if article == first),
        "{effects:?}"
    );
    assert!(
        s.screen().reader().unwrap().body().is_none(),
        "not read yet"
    );
    let body = |text: &str| Ok(format!("<p>{text}</p>"));
    let other = s.view().visible()[1];
    send(
        &mut s,
        Msg::Body {
            article: other,
            body: body("too late"),
        },
    );
    assert!(
        s.screen().reader().unwrap().rendered().is_none(),
        "a body for an article no longer open is dropped"
    );
    send(
        &mut s,
        Msg::Body {
            article: first,
            body: body("茶馆开门了。"),
        },
    );
    let lines = &s.screen().reader().unwrap().rendered().unwrap().lines;
    assert!(lines.iter().any(|l| l.text().contains("茶馆开门了")));
}
