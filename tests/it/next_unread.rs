//! Reading on through the unread articles: `]` to the next unread one (selected in the list,
//! opened in the reader, wrapping to the top), `m` marking read and moving on, and `space` at
//! the end of an article opening the next unread one.

use crate::support::common::{fake_library, press, state};
use crate::support::fixtures;
use gazette::app::{AppState, Focus};

fn read(s: &AppState, pos: usize) -> bool {
    s.entry(s.view().visible()[pos]).read
}

/// Marks rows `rows` read by opening each and going back.
fn open_rows(s: &mut AppState, rows: &[usize]) {
    for &r in rows {
        press(s, "g");
        for _ in 0..r {
            press(s, "j");
        }
        press(s, "enter esc");
    }
}

#[test]
fn the_next_unread_key_skips_read_articles_and_wraps() {
    let mut s = state(fake_library(8));
    open_rows(&mut s, &[1, 2, 5, 6, 7]);
    press(&mut s, "g");
    press(&mut s, "]");
    assert_eq!(s.view().selected(), 3, "rows 1 and 2 are read");
    assert_eq!(s.screen().focus(), Focus::List);
    assert!(!read(&s, 3), "moving in the list marks nothing read");
    press(&mut s, "]");
    assert_eq!(s.view().selected(), 4);
    press(&mut s, "]");
    assert_eq!(s.view().selected(), 0, "wrapped past the read rows 5 to 7");
    assert_eq!(s.screen().message(), Some("on from the top of the list"));
}

#[test]
fn in_the_reader_the_next_unread_article_is_opened() {
    let mut s = state(fake_library(6));
    open_rows(&mut s, &[1, 2]);
    press(&mut s, "g enter");
    assert_eq!(s.screen().focus(), Focus::Reader);
    press(&mut s, "]");
    let r = s.screen().reader().expect("an article open");
    assert_eq!(r.article(), s.view().visible()[3]);
    assert!(read(&s, 3), "opening marks read, as Enter does");
    press(&mut s, "] ] ]");
    assert_eq!(s.view().selected(), 5);
    assert_eq!(
        s.screen().message(),
        Some("no other unread article in the list")
    );
}

#[test]
fn mark_read_and_next_works_under_unread_only_too() {
    let mut s = state(fake_library(6));
    open_rows(&mut s, &[2]);
    press(&mut s, "g m");
    assert!(read(&s, 0));
    assert_eq!(s.view().selected(), 1);
    press(&mut s, "m");
    assert_eq!(s.view().selected(), 3, "row 2 was read already");

    let mut s = state(fake_library(6));
    press(&mut s, "u j");
    let second = s.view().visible()[1];
    let third = s.view().visible()[2];
    press(&mut s, "m");
    assert!(s.entry(second).read);
    assert!(!s.view().visible().contains(&second), "it leaves the list");
    assert_eq!(s.view().selected_article(), Some(third));
}

#[test]
fn space_at_the_end_of_an_article_opens_the_next_unread_one() {
    let dir = tempfile::tempdir().unwrap();
    let long: String = (0..60).map(|i| format!("Paragraph {i}.\n\n")).collect();
    let doc = |title: &str, day: u32, body: &str| {
        format!("---\ntitle: {title}\ndate: 2022-03-{day:02}\n---\n{body}")
    };
    let files = [
        ("a.md", doc("Long one", 9, &long)),
        ("b.md", doc("Read already", 8, "short")),
        ("c.md", doc("Next unread", 7, "short")),
    ];
    let files: Vec<(&str, &[u8])> = files.iter().map(|(p, d)| (*p, d.as_bytes())).collect();
    fixtures::write_all(dir.path(), &files);
    let mut s = state(gazette::library::Library::load(&[dir.path().to_path_buf()]));
    press(&mut s, "j enter esc g enter");
    let title = |s: &AppState| {
        let id = s.screen().reader().unwrap().article();
        s.catalog().article(id).title.to_string()
    };
    assert_eq!(title(&s), "Long one");
    press(&mut s, "space");
    assert_eq!(title(&s), "Long one", "a page down first");
    assert!(s.screen().reader().unwrap().scroll() > 0);
    press(&mut s, "space space space space space");
    assert_eq!(
        title(&s),
        "Next unread",
        "past the end: the next unread one"
    );
}
