//! Where am I: the list's title gives the selected position among the articles shown
//! (`1,499/1,500`), a starred unread article shows both its marks, and while searching the
//! reader says which matching line `n` landed on (`match 2/3`).

use crate::support::common::{draw, fake_library, press, state};

#[test]
fn the_list_title_gives_the_position_with_thousands_grouped() {
    for (cols, rows) in [(200, 50), (100, 30), (40, 15)] {
        let mut s = state(fake_library(1500));
        press(&mut s, "G k s");
        // Row 1,499 is starred and unread; the row above it read and starred.
        press(&mut s, "k r s j");
        let screen = draw(&mut s, cols, rows).join("\n");
        insta::assert_snapshot!(format!("list_position_{cols}x{rows}"), screen);
    }
}

#[test]
fn starred_unread_rows_show_both_marks() {
    let mut s = state(fake_library(3));
    press(&mut s, "s j enter esc s j enter esc");
    let screen = draw(&mut s, 100, 30);
    let row = |n: usize| screen[1 + n].chars().skip(1).take(2).collect::<String>();
    assert_eq!(row(0), "•★", "unread and starred");
    assert_eq!(row(1), " ★", "read and starred");
    assert_eq!(row(2), "  ", "read");
    assert!(screen[0].contains(" Articles 3/3 "), "{}", screen[0]);
}

#[test]
fn the_reader_says_which_match_n_landed_on() {
    let dir = tempfile::tempdir().unwrap();
    let body: String = (0..40)
        .map(|i| match i {
            5 | 18 | 31 => format!("Paragraph {i}: the tide gauge (潮位站) reads high.\n\n"),
            _ => format!("Paragraph {i}: nothing of note.\n\n"),
        })
        .collect();
    let doc = format!("---\ntitle: Harbor notes\ndate: 2022-03-09\n---\n{body}");
    crate::support::fixtures::write_all(dir.path(), &[("a.md", doc.as_bytes())]);
    let mut s = state(gazette::library::Library::load(&[dir.path().to_path_buf()]));
    press(&mut s, "/");
    crate::support::common::type_text(&mut s, "潮位站");
    let effects = press(&mut s, "enter");
    crate::search::finish_scan(&mut s, effects);
    press(&mut s, "enter n n");
    let screen = draw(&mut s, 100, 30).join("\n");
    assert!(screen.contains(" match 2/3 · "), "{screen}");
    press(&mut s, "N");
    let screen = draw(&mut s, 100, 30).join("\n");
    assert!(screen.contains(" match 1/3 · "), "{screen}");
}
