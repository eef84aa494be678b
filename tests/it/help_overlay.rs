//! The help window: every key can be scrolled into view at any size, `G`/`g` jump, wrapped
//! descriptions stay in their column, and the focused pane's keys come first.

use crate::support::common;

use common::{draw, fake_library, press, state};
use gazette::app::AppState;
use gazette::app::keymap::{Context, Keymap};

const COLS: u16 = 40;
const ROWS: u16 = 15;

fn small() -> AppState {
    let mut s = state(fake_library(30));
    draw(&mut s, COLS, ROWS);
    s
}

/// The rows inside the help window (between its top and bottom border), without the side
/// borders; the window takes the whole width at 40 columns.
fn window(screen: &[String]) -> Vec<String> {
    let top = screen
        .iter()
        .position(|l| l.contains("Keys (Esc closes)"))
        .expect("help shown");
    screen[top + 1..]
        .iter()
        .take_while(|l| !l.starts_with('└'))
        .map(|l| l.trim_start_matches('│').trim_end_matches('│').to_string())
        .collect()
}

/// The help window after typing `keys`.
fn after(s: &mut AppState, keys: &str) -> Vec<String> {
    press(s, keys);
    window(&draw(s, COLS, ROWS))
}

/// Whether a row of the window lists `key` first in its keys column.
fn lists_key(rows: &[String], key: &str) -> bool {
    rows.iter().any(|r| {
        r.strip_prefix("  ")
            .is_some_and(|r| r.starts_with(&format!("{key} ")) || r.starts_with(&format!("{key},")))
    })
}

#[test]
fn j_scrolls_to_the_end_and_every_key_is_seen() {
    let mut s = small();
    let mut seen = after(&mut s, "?");
    let mut last = seen.clone();
    for _ in 0..500 {
        let now = after(&mut s, "j");
        if now == last {
            break;
        }
        seen.extend(now.iter().cloned());
        last = now;
    }
    for (keys, _) in Keymap::default().help_rows(Context::Reader) {
        let first = keys.split(", ").next().unwrap();
        assert!(lists_key(&seen, first), "reader key {first} never shown");
    }
    // The page ends with the reader's last binding (the list has focus: the reader is last).
    let (keys, _) = Keymap::default().help_rows(Context::Reader).pop().unwrap();
    let tail = last.iter().rposition(|r| !r.trim().is_empty()).unwrap();
    let row_of_last = last
        .iter()
        .rposition(|r| lists_key(std::slice::from_ref(r), &keys));
    assert!(row_of_last.is_some(), "{last:#?}");
    // Only the description's wrapped lines may follow it.
    assert!(
        last[row_of_last.unwrap() + 1..=tail]
            .iter()
            .all(|r| r.starts_with(&" ".repeat(13))),
        "{last:#?}"
    );
}

#[test]
fn capital_g_jumps_to_the_end_g_to_the_top_and_k_moves_at_once() {
    let mut s = small();
    let top = after(&mut s, "?");
    let mut by_j = after(&mut s, "j");
    for _ in 0..500 {
        let now = after(&mut s, "j");
        if now == by_j {
            break;
        }
        by_j = now;
    }
    let mut s = small();
    press(&mut s, "?");
    let end = after(&mut s, "G");
    assert_eq!(end, by_j);
    let up = after(&mut s, "k");
    assert_ne!(up, end, "k after G moves at once");
    assert_eq!(after(&mut s, "g"), top);
    assert_eq!(after(&mut s, "end"), end);
    assert_eq!(after(&mut s, "home"), top);
}

#[test]
fn page_down_reaches_the_end_too() {
    let mut s = small();
    press(&mut s, "?");
    let end = after(&mut s, "G");
    press(&mut s, "g");
    let mut now = after(&mut s, "pgdn");
    for _ in 0..50 {
        if now == end {
            break;
        }
        now = after(&mut s, "pgdn");
    }
    assert_eq!(now, end);
    assert_ne!(after(&mut s, "pgup"), end);
}

#[test]
fn wrapped_descriptions_stay_in_their_column() {
    let mut s = small();
    let mut rows = after(&mut s, "?");
    for _ in 0..200 {
        rows.extend(after(&mut s, "j"));
    }
    let titles = [
        "Article list",
        "Everywhere",
        "Category tree",
        "Date filter window",
        "Reader",
    ];
    let mut continued = 0;
    for r in &rows {
        if r.starts_with(' ') {
            assert!(r.starts_with("  "), "{r:?}");
        } else {
            assert!(
                titles.contains(&r.trim_end()),
                "only titles start at the edge: {r:?}"
            );
        }
        // Keys column (2 + 10 + 1): a continuation line is blank there.
        if r.starts_with(&" ".repeat(13)) && !r.trim().is_empty() {
            continued += 1;
        }
    }
    assert!(continued > 0, "at 40 columns some description wraps");
}

#[test]
fn the_focused_panes_keys_come_first() {
    let mut s = small();
    assert_eq!(after(&mut s, "?")[0].trim_end(), "Article list");
    press(&mut s, "esc c ?");
    assert_eq!(
        window(&draw(&mut s, COLS, ROWS))[0].trim_end(),
        "Category tree"
    );
    press(&mut s, "esc esc enter ?");
    assert_eq!(window(&draw(&mut s, COLS, ROWS))[0].trim_end(), "Reader");
}
