//! Key sequences through the real keymap and `update`: keys in, selection/filter/focus out.

use crate::support::common;
use crate::support::fixtures;
use common::{fake_library, press, state, type_text};
use gazette::app::{Effect, Focus, Overlay};

#[test]
fn movement_keys_move_the_selection_and_clamp() {
    let mut s = state(fake_library(50));
    press(&mut s, "j j j down");
    assert_eq!(s.selected, 4);
    press(&mut s, "k up");
    assert_eq!(s.selected, 2);
    press(&mut s, "G");
    assert_eq!(s.selected, 49);
    press(&mut s, "j");
    assert_eq!(s.selected, 49, "clamped at the end");
    press(&mut s, "g");
    assert_eq!(s.selected, 0);
    press(&mut s, "end home");
    assert_eq!(s.selected, 0);
}

#[test]
fn paging_uses_the_visible_rows() {
    let mut s = state(fake_library(200));
    s.areas.list = Some(ratatui::layout::Rect::new(0, 0, 40, 22)); // 20 rows inside the border
    press(&mut s, "pgdn");
    assert_eq!(s.selected, 20);
    press(&mut s, "ctrl-d");
    assert_eq!(s.selected, 30);
    press(&mut s, "ctrl-u pgup");
    assert_eq!(s.selected, 0);
    press(&mut s, "pgdn pgdn");
    assert!(
        s.list_offset <= s.selected && s.selected < s.list_offset + 20,
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
        .visible
        .iter()
        .map(|&i| s.library.articles[i].title.as_str())
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
    assert_eq!(s.focus, Focus::Reader);
    let first = s.reader.as_ref().unwrap().article;
    assert_eq!(first, s.visible[1]);
    press(&mut s, "n");
    assert_eq!(s.reader.as_ref().unwrap().article, s.visible[2]);
    assert_eq!(s.selected, 2);
    press(&mut s, "p p");
    assert_eq!(s.reader.as_ref().unwrap().article, s.visible[0]);
    press(&mut s, "p");
    assert_eq!(s.message.as_deref(), Some("first article"));
    press(&mut s, "esc");
    assert_eq!(s.focus, Focus::List);
}

#[test]
fn category_tree_filters_to_a_node_and_below() {
    let mut s = state(fake_library(70));
    press(&mut s, "c");
    assert_eq!(s.focus, Focus::Tree);
    // Nodes: All, World, World/Harbor, World/Harbor/Science, 新媒体, …
    press(&mut s, "j enter");
    assert_eq!(s.category, vec!["World".to_string()]);
    assert_eq!(s.focus, Focus::List);
    assert!(!s.visible.is_empty());
    assert!(
        s.visible.iter().all(
            |&i| s.library.articles[i].categories.first().map(String::as_str) == Some("World")
        )
    );
    press(&mut s, "C");
    assert!(s.category.is_empty());
    assert_eq!(s.visible.len(), 70);
}

#[test]
fn selection_follows_the_article_through_a_filter() {
    let mut s = state(fake_library(70));
    press(&mut s, "j j"); // article index 2: World (i % 3 == 2)
    let chosen = s.selected_article().unwrap();
    assert_eq!(s.library.articles[chosen].categories[0], "World");
    press(&mut s, "c j enter");
    assert_eq!(s.selected_article(), Some(chosen));
}

#[test]
fn collapsing_a_node_hides_its_children() {
    let mut s = state(fake_library(20));
    press(&mut s, "c j");
    let before = s.tree.visible.len();
    press(&mut s, "space");
    assert_eq!(
        s.tree.visible.len(),
        before - 2,
        "World/Harbor and World/Harbor/Science hidden"
    );
    press(&mut s, "space");
    assert_eq!(s.tree.visible.len(), before);
}

#[test]
fn date_filter_presets_typed_ranges_and_errors() {
    let mut s = state(fake_library(100)); // one article a day, 2022-01-01 backwards
    press(&mut s, "d j enter"); // "last 7 days"
    assert_eq!(s.visible.len(), 7);
    assert!(s.overlay.is_none());
    press(&mut s, "D");
    assert_eq!(s.visible.len(), 100);
    press(&mut s, "d");
    type_text(&mut s, "2021-12");
    press(&mut s, "enter");
    assert_eq!(s.visible.len(), 31);
    press(&mut s, "d");
    type_text(&mut s, "2021-13");
    press(&mut s, "enter");
    match &s.overlay {
        Some(Overlay::DateFilter(p)) => assert!(p.error.as_deref().unwrap().contains("not a date")),
        other => panic!("the window should stay open with an error, got {other:?}"),
    }
    press(&mut s, "esc");
    assert!(s.overlay.is_none());
    assert_eq!(
        s.visible.len(),
        31,
        "a failed range leaves the filter as it was"
    );
}

#[test]
fn tree_counts_follow_the_date_filter() {
    let mut s = state(fake_library(100));
    let all = s.tree.nodes[0].count;
    press(&mut s, "d");
    type_text(&mut s, "2021-12-25..2022-01-01");
    press(&mut s, "enter");
    assert_eq!(all, 100);
    assert_eq!(s.tree.nodes[0].count, 8);
}

#[test]
fn help_problems_focus_and_quit() {
    let mut s = state(fake_library(5));
    press(&mut s, "?");
    assert!(matches!(s.overlay, Some(Overlay::Help { .. })));
    press(&mut s, "?");
    assert!(s.overlay.is_none());
    press(&mut s, "!");
    assert!(matches!(s.overlay, Some(Overlay::Problems { .. })));
    press(&mut s, "esc tab");
    assert_eq!(
        s.focus,
        Focus::Tree,
        "Tab from the list wraps to the tree without an open article at 100 columns"
    );
    press(&mut s, "shift-tab");
    assert_eq!(s.focus, Focus::List);
    assert_eq!(press(&mut s, "q"), Effect::Quit);
}

#[test]
fn opening_marks_read_and_r_s_toggle() {
    let mut s = state(fake_library(10));
    let first = s.visible[0];
    assert!(!s.entry(first).read);
    let unread_before = s.tree.nodes[0].unread;
    press(&mut s, "enter");
    assert!(s.entry(first).read, "opening marks read");
    assert_eq!(
        s.tree.nodes[0].unread,
        unread_before - 1,
        "tree counts unread"
    );
    press(&mut s, "r");
    assert!(!s.entry(first).read);
    press(&mut s, "s");
    assert!(s.entry(first).starred);
    press(&mut s, "esc j s");
    assert!(
        s.entry(s.visible[1]).starred,
        "in the list, s stars the selected article"
    );
}

#[test]
fn unread_and_starred_only_views() {
    let mut s = state(fake_library(10));
    press(&mut s, "enter esc j enter esc"); // read the first two
    press(&mut s, "u");
    assert_eq!(s.visible.len(), 8);
    press(&mut s, "u s S");
    assert_eq!(s.visible.len(), 1, "only the starred one");
    press(&mut s, "S");
    assert_eq!(s.visible.len(), 10);
}

#[test]
fn mark_all_read_asks_first_and_undo_restores() {
    let mut s = state(fake_library(20));
    press(&mut s, "enter esc"); // one read already
    press(&mut s, "R");
    assert!(matches!(
        s.overlay,
        Some(Overlay::ConfirmMarkAllRead { count: 19 })
    ));
    press(&mut s, "esc");
    assert!(
        s.visible.iter().filter(|&&i| s.entry(i).read).count() == 1,
        "cancelled"
    );
    press(&mut s, "R y");
    assert!(s.visible.iter().all(|&i| s.entry(i).read));
    assert_eq!(s.tree.nodes[0].unread, 0);
    press(&mut s, "U");
    assert_eq!(
        s.visible.iter().filter(|&&i| s.entry(i).read).count(),
        1,
        "undo restores exactly"
    );
    press(&mut s, "U");
    assert_eq!(s.message.as_deref(), Some("nothing to undo"));
}

#[test]
fn the_reading_position_is_kept_per_article() {
    let mut s = state(fake_library(3));
    press(&mut s, "enter");
    // Pretend the body was rendered with 100 lines in a 10-row pane.
    let hundred = gazette::text::Rendered {
        lines: vec![Default::default(); 100],
        ..Default::default()
    };
    let r = s.reader.as_mut().unwrap();
    r.set_rendered(80, hundred.clone());
    press(&mut s, "j j j j j");
    assert_eq!(s.reader.as_ref().unwrap().scroll, 5);
    let key = s.keys[s.visible[0]].clone();
    // Each of the 100 empty lines is a logical line of its own: line 5 is the sixth.
    assert_eq!(s.store.get(&key).pos, gazette::store::Position::text(5, 0));
    press(&mut s, "n p");
    // The place is found again once the body is rendered.
    s.reader.as_mut().unwrap().set_rendered(80, hundred);
    assert_eq!(
        s.reader.as_ref().unwrap().scroll,
        5,
        "coming back resumes where reading stopped"
    );
}

mod links {
    use super::common::{press, state};
    use gazette::app::{Effect, Overlay};
    use std::path::Path;

    use super::fixtures;

    /// A state over one article (the fixture with a link and four images, plus a refused
    /// `javascript:` link), opened and rendered.
    fn opened(dir: &Path) -> gazette::app::AppState {
        let body = fixtures::chinese_article().replace(
            "</div>",
            "<p><a href=\"javascript:alert(1)\">bad</a></p></div>",
        );
        std::fs::write(dir.join("a.txt"), body).unwrap();
        let library = gazette::library::Library::load(&[dir.to_path_buf()]);
        let mut s = state(library);
        press(&mut s, "enter");
        gazette::tui::prepare(&mut s, ratatui::layout::Rect::new(0, 0, 100, 30));
        s
    }

    #[test]
    fn the_chooser_lists_every_link_and_image() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = opened(dir.path());
        press(&mut s, "o");
        assert!(matches!(s.overlay, Some(Overlay::Links(_))));
        let labels: Vec<String> = gazette::app::links::entries(&s)
            .into_iter()
            .map(|(l, _)| l)
            .collect();
        // i1 is the header image, which the body does not show itself.
        assert_eq!(labels, ["1", "2", "i1", "i2", "i3", "i4", "i5"]);
    }

    #[test]
    fn a_typed_number_opens_that_link_or_image() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = opened(dir.path());
        assert_eq!(
            press(&mut s, "o 1 enter"),
            Effect::OpenUrl("https://example.org/notice".into())
        );
        assert!(s.overlay.is_none());
        assert_eq!(
            press(&mut s, "o i 1 enter"),
            Effect::OpenUrl("https://example.com/img/head.jpg".into())
        );
        assert_eq!(
            press(&mut s, "o i 3 enter"),
            Effect::OpenUrl("https://example.com/img/1.jpg".into())
        );
        assert_eq!(
            press(&mut s, "y j enter"),
            Effect::CopyUrl("javascript:alert(1)".into()),
            "copying is harmless"
        );
    }

    #[test]
    fn other_schemes_are_refused_with_a_message() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = opened(dir.path());
        assert_eq!(press(&mut s, "o 2 enter"), Effect::None);
        assert!(
            s.message
                .as_deref()
                .unwrap()
                .starts_with("not opened: only http, https and mailto")
        );
        assert_eq!(press(&mut s, "o 9 enter"), Effect::None);
        assert_eq!(s.message.as_deref(), Some("no link 9"));
    }
}
