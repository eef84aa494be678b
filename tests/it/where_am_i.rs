//! Where am I: the list's title gives the selected position among the articles shown
//! (`1,499/1,500`), and a starred unread article shows both its marks.

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
