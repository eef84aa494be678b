//! Keys the README's table promises, through the real binary in a pseudo-terminal: paging in
//! the reader (`space`, `pgdn`, `b`, `pgup`), moving focus (`l`, `right`, `left`,
//! `backtab`) and quitting with `ctrl-c` (terminal restored, state saved).

use crate::support::pty::Pty;
use crate::support::session::{Session, article, focused, paragraphs};

const PGDN: &str = "\u{1b}[6~";
const PGUP: &str = "\u{1b}[5~";
const RIGHT: &str = "\u{1b}[C";
const LEFT: &str = "\u{1b}[D";
const BACKTAB: &str = "\u{1b}[Z";
const CTRL_C: &str = "\u{3}";

/// A long article (80 numbered paragraphs) above a short one.
fn library() -> Session {
    Session::new(&[
        (
            "long.md",
            article("Alpha long", "2022-01-03", &paragraphs("para", 80, |_| "")),
        ),
        (
            "short.md",
            article("Beta short", "2022-01-02", &paragraphs("para", 3, |_| "")),
        ),
    ])
}

/// The reader's position indicator, `last shown line/total lines`, from its bottom border.
fn position(screen: &str) -> Option<(usize, usize)> {
    let border = screen.lines().find(|l| l.contains('┛'))?;
    let word = border
        .split_whitespace()
        .find(|w| w.contains('/') && w.chars().next().is_some_and(|c| c.is_ascii_digit()))?;
    let (shown, total) = word.split_once('/')?;
    Some((shown.parse().ok()?, total.parse().ok()?))
}

/// Waits until the reader's indicator says `shown` lines; the screen then.
fn wait_shown(t: &Pty, shown: usize) -> String {
    t.wait_until(
        |s| position(s).is_some_and(|(n, _)| n == shown),
        &format!("the reader showing {shown} lines"),
    )
}

/// The first paragraph label (`para NN`) in the reader's top two text rows (a paragraph and
/// the blank line after it).
fn top_paragraph(screen: &str) -> Option<String> {
    screen.lines().skip(1).take(2).find_map(|row| {
        let at = row.find("para ")?;
        Some(row[at..at + 7].to_string())
    })
}

#[test]
fn space_pgdn_b_and_pgup_page_the_reader() {
    let s = library();
    let mut t = s.reader(120, 30, &[], "Alpha long");
    t.send("\r");
    let screen = t.wait_until(|s| position(s).is_some(), "the reader's indicator");
    let (page, total) = position(&screen).unwrap();
    assert!(
        total > 4 * page,
        "the article is longer than four pages: {page}/{total}"
    );
    assert_eq!(
        top_paragraph(&screen),
        None,
        "the header is on top at first:\n{screen}"
    );

    t.send(" ");
    let one = wait_shown(&t, 2 * page);
    let top_one = top_paragraph(&one).expect("a paragraph on top after one page");
    t.send(PGDN);
    let two = wait_shown(&t, 3 * page);
    let top_two = top_paragraph(&two).expect("a paragraph on top after two pages");
    assert!(
        top_two > top_one,
        "pgdn went further down: {top_one} → {top_two}"
    );

    t.send("b");
    let back = wait_shown(&t, 2 * page);
    assert_eq!(
        top_paragraph(&back),
        Some(top_one),
        "b: one page up:\n{back}"
    );
    t.send(PGUP);
    let start = wait_shown(&t, page);
    assert_eq!(
        top_paragraph(&start),
        None,
        "pgup: back at the header:\n{start}"
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn l_right_left_and_backtab_move_the_focus() {
    let s = library();
    let mut t = s.reader(120, 30, &[], "Alpha long");
    assert!(
        focused(&t.screen(), "Articles"),
        "the list has focus at start"
    );

    // l opens the selected article: the reader has focus and shows it.
    t.send("l");
    t.wait_until(
        |s| focused(s, "Reader") && s.contains("para 01"),
        "the article opened and focused by l",
    );

    // left goes back to the list, which keeps the article open beside it.
    t.send(LEFT);
    t.wait_until(|s| focused(s, "Articles"), "the list focused by left");

    // right opens the next selected article.
    t.send("j");
    t.send(RIGHT);
    t.wait_until(
        |s| focused(s, "Reader") && s.contains("2022-01-02 08:00") && !s.contains("para 04"),
        "the second (short) article opened and focused by right",
    );

    // backtab goes the other way round than tab: reader → list → categories → reader.
    t.send(BACKTAB);
    t.wait_until(|s| focused(s, "Articles"), "the list focused by backtab");
    t.send(BACKTAB);
    t.wait_until(
        |s| focused(s, "Categories"),
        "the categories focused by backtab",
    );
    t.send(BACKTAB);
    t.wait_until(
        |s| focused(s, "Reader"),
        "the reader focused by backtab, round",
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn ctrl_c_quits_restores_the_terminal_and_saves_the_state() {
    let s = library();
    let mut t = s.reader(120, 30, &[], "Alpha long");
    t.send("\r");
    let screen = t.wait_until(|s| position(s).is_some(), "the reader's indicator");
    let (page, _) = position(&screen).unwrap();
    t.send(" ");
    wait_shown(&t, 2 * page);
    t.send(CTRL_C);
    assert_eq!(
        t.wait_exit(),
        0,
        "ctrl-c is the quit key, not a signal, in raw mode"
    );

    t.assert_restored();

    let rows = s.list_json();
    assert_eq!(rows[0]["title"], "Alpha long");
    assert_eq!(
        rows[0]["read"], true,
        "the opened article was saved as read"
    );
    assert_eq!(rows[1]["read"], false);

    // The reading position was saved too: the article opens again one page down.
    let mut t = s.reader(120, 30, &[], "Alpha long");
    t.send("\r");
    let again = wait_shown(&t, 2 * page);
    assert!(
        top_paragraph(&again).is_some(),
        "reopened where it was left:\n{again}"
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}
