//! The status bar keeps `? help` and `q quit` longest, and every count reads as a person
//! would write it (`1 article`, `1 problem`), in the reader and in `check`.

use crate::support::common;

use common::{draw, fake_library, press, state};
use gazette::library::Library;

#[test]
fn help_and_quit_are_the_last_hints_to_go() {
    for (cols, keys) in [(80, ""), (80, "enter"), (70, ""), (60, "enter"), (60, "c")] {
        let mut s = state(fake_library(30));
        press(&mut s, keys);
        let screen = draw(&mut s, cols, 24);
        let bar = screen.last().unwrap();
        assert!(
            bar.contains("? help") && bar.contains("q quit"),
            "{cols} {keys:?}: {bar:?}"
        );
        // Whole hints are left out, never one cut in half.
        assert!(!bar.trim_end().ends_with('…'), "{bar:?}");
    }
    // With room for everything, the order is the keymap's, nothing left out.
    let mut s = state(fake_library(30));
    let bar = draw(&mut s, 200, 24).pop().unwrap();
    assert!(bar.contains("enter open · j/k move"), "{bar:?}");
}

#[test]
fn one_of_a_kind_reads_singular() {
    let mut s = state(fake_library(1));
    let screen = draw(&mut s, 100, 20);
    let bar = screen.last().unwrap();
    assert!(bar.contains("1 of 1 article · ! 1 problem "), "{bar:?}");
    assert!(screen[0].contains(" Article 1/1 "), "{:?}", screen[0]);
    let mut s = state(fake_library(2));
    let screen = draw(&mut s, 100, 20);
    assert!(screen.last().unwrap().contains("2 of 2 articles"));
    assert!(screen[0].contains(" Articles 1/2 "));
}

#[test]
fn an_empty_library_names_what_it_reads_and_what_it_found() {
    let mut library = Library::from_articles(Vec::new(), Vec::new());
    library.files_ignored = 3;
    let mut s = state(library);
    let text = draw(&mut s, 200, 20).join("\n");
    assert!(
        text.contains("No article files (.txt .md .markdown .html .htm); found 3 files."),
        "{text}"
    );
}
