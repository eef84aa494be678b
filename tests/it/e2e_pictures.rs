//! Pictures through the real binary in a pseudo-terminal that answers the graphics query as
//! a given terminal would: kitty or sixel bytes are written only when the terminal says it
//! takes them; halfblocks otherwise; nothing (not even the query) with `images = "off"`; and
//! a terminal that never answers still gets its keys.

use crate::support::fixtures::write_all;
use crate::support::pictures::png;
use crate::support::pty::{Answers, Pty};
use crate::support::session::{Session, article};

/// The start of kitty's image transmission (the query's `_Gi=31` is not one).
const KITTY: &[u8] = b"\x1b_Gq=2,";
/// The start of a sixel image (a DCS).
const SIXEL: &[u8] = b"\x1bP";
/// The status report that ends the graphics query.
const QUERY: &[u8] = b"\x1b[5n";

fn has(bytes: &[u8], needle: &[u8]) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle)
}

/// A library of one article with a picture beside it, and gazette started on it.
fn start(answers: Answers, config: Option<&str>) -> (Session, Pty) {
    let body = "<p>before the picture</p><p><img src=\"hill.png\" alt=\"hill\"></p><p>after</p>";
    let s = Session::new(&[("walk.html", article("A walk", "2022-01-01", body))]);
    write_all(
        &s.library(),
        &[("hill.png", &png(60, 60, [200, 120, 40, 255]))],
    );
    if let Some(config) = config {
        write_all(s.home.path(), &[("gazette/config.toml", config.as_bytes())]);
    }
    let lib = s.library();
    let t = Pty::spawn_answering(&[lib.to_str().unwrap()], 100, 30, &s.env(&[]), answers);
    t.wait_for("A walk");
    (s, t)
}

fn open(t: &mut Pty) {
    t.send("\r");
    t.wait_for("[image 2: hill]");
}

/// On a terminal answering as `answers`, the picture is sent as `wanted` and never as
/// `unwanted`.
fn sends_only(answers: Answers, wanted: &[u8], unwanted: &[u8]) {
    let (_s, mut t) = start(answers, None);
    open(&mut t);
    t.wait_for_bytes(wanted, &format!("{wanted:?}"));
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    assert!(!has(&t.bytes(), unwanted));
}

#[test]
fn sixel_bytes_only_when_the_terminal_says_sixel() {
    sends_only(Answers::Sixel, SIXEL, KITTY);
}

#[test]
fn kitty_bytes_only_when_the_terminal_says_kitty() {
    sends_only(Answers::Kitty, KITTY, SIXEL);
}

/// On a terminal answering as `answers`, the picture is drawn in half blocks, every key
/// after the query reaches the reader, and the terminal is left as it was.
fn draws_halfblocks(answers: Answers) {
    let (_s, mut t) = start(answers, None);
    open(&mut t);
    t.wait_for("▀▀▀▀▀▀");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    let bytes = t.bytes();
    assert!(!has(&bytes, KITTY) && !has(&bytes, SIXEL));
    t.assert_restored();
}

#[test]
fn a_terminal_that_only_reports_status_gets_halfblocks() {
    draws_halfblocks(Answers::Status);
}

#[test]
fn a_terminal_that_never_answers_keeps_its_keys() {
    // The query gives up after its deadline and leaves nothing reading the input.
    draws_halfblocks(Answers::Silent);
}

#[test]
fn images_off_never_asks_the_terminal_and_draws_no_picture() {
    let (_s, mut t) = start(Answers::Kitty, Some("images = \"off\"\n"));
    open(&mut t);
    t.wait_for("after");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    let bytes = t.bytes();
    assert!(!has(&bytes, QUERY), "the terminal was queried");
    assert!(!has(&bytes, KITTY) && !has(&bytes, SIXEL));
    assert!(!t.screen().contains('▀'));
}
