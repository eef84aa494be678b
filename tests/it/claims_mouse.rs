//! The mouse, through the real binary in a pseudo-terminal: the reader turns mouse reporting
//! on, a click selects a row, a second click on it opens it, the wheel scrolls the pane under
//! the pointer. Events are typed as a terminal sends them in SGR mode (`ESC [ < b ; x ; y M`,
//! 1-based cells; `m` for a release; button 64/65 for the wheel up/down).

use crate::support::pty::Pty;
use crate::support::session::{Session, article, focused, paragraphs};

/// A press and release of the left button at the 0-based cell (`col`, `row`).
fn click(t: &mut Pty, col: u16, row: u16) {
    t.send(&format!(
        "\u{1b}[<0;{};{}M\u{1b}[<0;{};{}m",
        col + 1,
        row + 1,
        col + 1,
        row + 1
    ));
}

/// One notch of the wheel, down or up, over the 0-based cell (`col`, `row`).
fn wheel(t: &mut Pty, down: bool, col: u16, row: u16) {
    let button = if down { 65 } else { 64 };
    t.send(&format!("\u{1b}[<{button};{};{}M", col + 1, row + 1));
}

/// Three short articles, newest first: Ant, Bee, Cat; then a long one, Dog.
fn library() -> Session {
    Session::new(&[
        (
            "ant.md",
            article("Ant article", "2022-01-04", &paragraphs("para", 2, |_| "")),
        ),
        (
            "bee.md",
            article("Bee article", "2022-01-03", &paragraphs("para", 2, |_| "")),
        ),
        (
            "cat.md",
            article("Cat article", "2022-01-02", &paragraphs("para", 2, |_| "")),
        ),
        (
            "dog.md",
            article("Dog article", "2022-01-01", &paragraphs("para", 80, |_| "")),
        ),
    ])
}

/// The screen row (0-based) and a column of the list row showing `title`.
fn list_cell(screen: &str, title: &str) -> (u16, u16) {
    let (row, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(title) && l.contains("2022-"))
        .unwrap_or_else(|| panic!("{title} in the list:\n{screen}"));
    let col = line[..line.find(title).unwrap()].chars().count();
    (row as u16, col as u16)
}

/// The reader's first row (the open article's title), in the third of the three panes.
fn reader_title(screen: &str) -> Option<&str> {
    let row = screen.lines().nth(1)?;
    // `│tree│ │list│ │reader│`: the reader's text is the sixth piece between borders.
    Some(row.split(['│', '┃']).nth(5)?.trim())
}

#[test]
fn the_reader_turns_mouse_reporting_on_and_off() {
    let s = library();
    let mut t = s.reader(120, 30, &[], "Ant article");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    let bytes = String::from_utf8_lossy(&t.bytes()).into_owned();
    // Button events, and their SGR encoding (the only one with no limit on columns).
    for on in ["\u{1b}[?1000h", "\u{1b}[?1006h"] {
        assert!(bytes.contains(on), "mouse reporting {on:?} turned on");
    }
    for off in ["\u{1b}[?1000l", "\u{1b}[?1006l"] {
        assert!(
            bytes.contains(off),
            "mouse reporting {off:?} turned off at exit"
        );
    }
}

#[test]
fn a_click_selects_a_row_and_a_second_click_opens_it() {
    let s = library();
    let mut t = s.reader(120, 30, &[], "Ant article");
    let (row, col) = list_cell(&t.screen(), "Cat article");

    // One click: Cat is selected, nothing opens: the reader pane previews it, the list keeps
    // the focus. (The help overlay, opened and closed after the click, is a frame drawn after
    // the click was handled.)
    click(&mut t, col, row);
    t.send("?");
    t.wait_for("Keys (Esc closes)");
    t.send("?");
    let screen = t.wait_until(|s| !s.contains("Keys (Esc closes)"), "the help closed");
    assert_eq!(reader_title(&screen), Some("Cat article"), "{screen}");
    assert!(screen.contains("Reader · preview"), "{screen}");
    assert!(focused(&screen, "Articles"), "{screen}");

    // A second click on the selected row opens it.
    click(&mut t, col, row);
    let screen = t.wait_until(
        |s| focused(s, "Reader") && s.contains("2022-01-02 08:00"),
        "Cat opened by the second click",
    );
    assert_eq!(reader_title(&screen), Some("Cat article"), "{screen}");

    // A click on another row of the list only selects it: the reader pane previews Bee.
    let (row, col) = list_cell(&screen, "Bee article");
    click(&mut t, col, row);
    let screen = t.wait_until(|s| focused(s, "Articles"), "the list focused by the click");
    assert_eq!(reader_title(&screen), Some("Bee article"), "{screen}");
    t.send("\r");
    let screen = t.wait_until(
        |s| focused(s, "Reader") && s.contains("2022-01-03 08:00"),
        "Bee opened by Enter",
    );
    assert_eq!(reader_title(&screen), Some("Bee article"), "{screen}");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer() {
    let s = library();
    let mut t = s.reader(120, 30, &[], "Ant article");
    // Over the list: three rows down selects Dog; Enter opens it.
    let (row, col) = list_cell(&t.screen(), "Ant article");
    wheel(&mut t, true, col, row);
    t.send("\r");
    // The indicator is on the panes' bottom border, drawn after the header. The previews of
    // the short articles the wheel passed over had one too, so only Dog's own (its total is
    // far past one screen) says the frame with Dog open is whole.
    let indicator = |s: &str| {
        let border = s.lines().nth(28)?;
        border
            .split_whitespace()
            .find(|w| w.contains('/') && w.starts_with(|c: char| c.is_ascii_digit()))
            .map(String::from)
    };
    let screen = t.wait_until(
        |s| {
            let total = indicator(s).and_then(|i| i.split_once('/')?.1.parse::<usize>().ok());
            focused(s, "Reader") && s.contains("2022-01-01 08:00") && total > Some(30)
        },
        "Dog opened",
    );
    assert_eq!(reader_title(&screen), Some("Dog article"), "{screen}");
    let start = indicator(&screen).expect("the reader's position");

    // Over the reader, with the list focused: the reader scrolls, the focus stays.
    t.send("\u{1b}[D");
    t.wait_until(|s| focused(s, "Articles"), "the list focused");
    wheel(&mut t, true, 80, 10);
    let screen = t.wait_until(
        |s| indicator(s).is_some_and(|i| i != start),
        "the reader scrolled",
    );
    let (shown, total) = start.split_once('/').unwrap();
    let down = format!("{}/{total}", shown.parse::<usize>().unwrap() + 3);
    assert_eq!(indicator(&screen), Some(down), "three lines down");
    assert!(
        focused(&screen, "Articles"),
        "the wheel does not move the focus"
    );
    wheel(&mut t, false, 80, 10);
    t.wait_until(
        |s| indicator(s) == Some(start.clone()),
        "the reader back at the top",
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}
