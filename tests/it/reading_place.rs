//! The reading position is a place in the text: after a resize, and after a restart at
//! another width, the reader shows the same text at the top, not the same line number.

use crate::support::pty::Pty;
use std::path::Path;

/// One long article whose sentences are numbered `S000`, `S001`… so that a screen tells
/// which part of the text is at the top.
fn library(dir: &Path) {
    let mut body = String::from("---\ntitle: 长文 A long read\ndate: 2024-05-01\n---\n\n");
    for p in 0..30 {
        for s in 0..8 {
            let n = p * 8 + s;
            if p % 2 == 0 {
                body.push_str(&format!("S{n:03} 这一句讲的是换行以后位置不变。"));
            } else {
                body.push_str(&format!(
                    "S{n:03} this sentence is about keeping the place. "
                ));
            }
        }
        body.push_str("\n\n");
    }
    std::fs::write(dir.join("long.md"), body).unwrap();
}

/// The reader pane's text rows (between its heavy borders: it has the focus), and the end
/// line and total of its position indicator (`67/243`), once the whole pane is drawn.
fn reader(screen: &str) -> Option<(Vec<String>, usize, usize)> {
    let mut rows = Vec::new();
    for row in screen.lines() {
        if let Some(at) = row.find('┗') {
            let tail = row[at..].trim_end().strip_suffix('┛')?;
            let indicator = tail.trim_matches(|c| c == '┗' || c == '━' || c == ' ');
            let (end, total) = indicator
                .split_once('%')
                .map_or(indicator, |(a, _)| a)
                .split_once('/')?;
            let total = total.split_whitespace().next()?;
            return Some((rows, end.trim().parse().ok()?, total.parse().ok()?));
        }
        if let (Some(a), Some(b)) = (row.find('┃'), row.rfind('┃'))
            && a < b
        {
            rows.push(row[a + '┃'.len_utf8()..b].trim_end().to_string());
        }
    }
    None
}

/// What the top row starts with, spaces removed, up to and including the first sentence
/// number: a piece of text found once in the article.
fn head(row: &str) -> String {
    let text: String = row.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(at) = text.find('S') else {
        return String::new();
    };
    text.chars().take(text[..at].chars().count() + 4).collect()
}

/// The top rows joined without spaces, to find a head that may run onto the next row.
fn joined(rows: &[String]) -> String {
    rows.iter()
        .take(3)
        .flat_map(|r| r.chars())
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn env(dir: &str) -> [(&'static str, &str); 3] {
    [
        ("XDG_STATE_HOME", dir),
        ("XDG_CACHE_HOME", dir),
        ("XDG_CONFIG_HOME", dir),
    ]
}

fn resize(t: &Pty, cols: u16) {
    t.resize(cols, 30);
}

/// Waits for the reader drawn within `cols` columns with its indicator, and returns it.
fn reader_at(t: &Pty, cols: usize) -> (Vec<String>, usize, usize) {
    let fits = |s: &str| {
        s.lines()
            .find(|r| r.contains('┏'))
            .is_some_and(|r| r.trim_end().chars().count() <= cols)
    };
    let screen = t.wait_until(|s| fits(s) && reader(s).is_some(), "the reader drawn");
    reader(&screen).unwrap()
}

#[test]
fn resizing_and_restarting_at_another_width_keep_the_text_at_the_top() {
    let lib = tempfile::tempdir().unwrap();
    library(lib.path());
    let state = tempfile::tempdir().unwrap();
    let dir = state.path().to_str().unwrap();
    let args = [lib.path().to_str().unwrap()];
    let mut t = Pty::spawn(&args, 120, 30, &env(dir));
    t.wait_for("A long read");
    t.send("\r");
    let (_, page, _) = reader_at(&t, 120);
    t.send(&"j".repeat(44));
    let screen = t.wait_until(
        |s| reader(s).is_some_and(|(_, end, _)| end == page + 44),
        "scrolled by 44 lines",
    );
    let (rows, _, total_120) = reader(&screen).unwrap();
    let top_120 = rows[0].clone();
    assert!(head(&top_120).contains('S'), "{screen}");

    resize(&t, 60);
    let (rows, end, total_60) = reader_at(&t, 60);
    assert_ne!(total_60, total_120, "the article is wrapped anew");
    assert!(
        joined(&rows).contains(&head(&top_120)),
        "at 60 columns the top {rows:?} holds {top_120:?}"
    );
    assert_ne!(end - rows.len(), 44, "the line number changed");

    resize(&t, 120);
    let screen = t.wait_until(
        |s| reader(s).is_some_and(|(_, _, total)| total == total_120),
        "the reader at 120 columns again",
    );
    assert_eq!(
        reader(&screen).unwrap().0[0],
        top_120,
        "back at 120: the same line"
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);

    // Restarted at 60 columns, then at 120: the same text at the top.
    let mut t = Pty::spawn(&args, 60, 30, &env(dir));
    t.wait_for("A long read");
    t.send("\r");
    let (rows, _, _) = reader_at(&t, 60);
    assert!(
        joined(&rows).contains(&head(&top_120)),
        "restarted at 60 columns, the top {rows:?} holds {top_120:?}"
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    let mut t = Pty::spawn(&args, 120, 30, &env(dir));
    t.wait_for("A long read");
    t.send("\r");
    let (rows, _, _) = reader_at(&t, 120);
    assert_eq!(rows[0], top_120, "restarted at 120 columns: the same line");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}
