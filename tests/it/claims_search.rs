//! Searching in the reader, through the real binary in a pseudo-terminal: the full-text scan
//! shows its progress in the status bar while results join the list, and in the reader `n` /
//! `N` step through the matches, `n` on into the next article after the last one.

use crate::support::pty::Pty;
use crate::support::session::{Session, article, paragraphs};

/// Screen row `n` (0-based).
fn row(screen: &str, n: usize) -> &str {
    screen.lines().nth(n).unwrap_or("")
}

/// Writes `bytes` into the named pipe at `path` once a reader has it open, failing after a
/// deadline rather than blocking for ever when nobody reads it.
fn write_to_reader(path: &std::path::Path, bytes: &[u8]) {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    /// Linux's `O_NONBLOCK`: opening a pipe for writing then fails (ENXIO) while it has no
    /// reader, instead of waiting.
    const O_NONBLOCK: i32 = 0o4000;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    let mut pipe = loop {
        match std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(O_NONBLOCK)
            .open(path)
        {
            Ok(pipe) => break pipe,
            Err(e) if e.raw_os_error() == Some(6) && std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(e) => panic!("nobody read {}: {e}", path.display()),
        }
    };
    // Less than a pipe's buffer: written at once, no partial write to retry.
    assert!(bytes.len() < 4096);
    pipe.write_all(bytes).unwrap();
}

/// The reader draws a match two rows below its top: screen row 3 (row 0 is the border).
const MATCH_ROW: usize = 3;

#[test]
fn n_and_n_step_through_matches_and_n_continues_into_the_next_article() {
    let s = Session::new(&[
        (
            "first.md",
            article(
                "First find",
                "2022-01-03",
                &paragraphs("first", 80, |n| {
                    if n == 10 || n == 60 { "lighthouse" } else { "" }
                }),
            ),
        ),
        (
            "second.md",
            article(
                "Second find",
                "2022-01-02",
                &paragraphs("second", 80, |n| {
                    if n == 30 { "the Lighthouse keeper" } else { "" }
                }),
            ),
        ),
        (
            "third.md",
            article("Third none", "2022-01-01", &paragraphs("third", 5, |_| "")),
        ),
    ]);
    let mut t = s.reader(120, 30, &[], "Third none");
    t.send("/lighthouse\r");
    t.wait_until(
        |s| {
            s.contains("(2 in full text)") && s.contains("Second find") && !s.contains("Third none")
        },
        "the two articles holding the word, and only them",
    );
    t.send("\r");
    t.wait_for("2022-01-03 08:00");

    // n: the first match, two rows below the top; n again: the second; N: back to the first.
    let steps = [
        ("n", "first 10", "the first match"),
        ("n", "first 60", "the second match"),
        ("N", "first 10", "N: the previous match"),
        ("n", "first 60", "the second match again"),
    ];
    for (key, label, what) in steps {
        t.send(key);
        t.wait_until(|s| row(s, MATCH_ROW).contains(label), what);
    }

    // n past the last match opens the next article of the results at its first match.
    t.send("n");
    let screen = t.wait_until(
        |s| row(s, MATCH_ROW).contains("second 30"),
        "the second article at its match",
    );
    assert!(
        row(&screen, MATCH_ROW).contains("Lighthouse keeper"),
        "the match is on the row: {screen}"
    );
    // N from there goes back into the first article, at its last match.
    t.send("N");
    t.wait_until(
        |s| row(s, MATCH_ROW).contains("first 60"),
        "back to the first article's last match",
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

/// The scan is held on one file (a named pipe behind a symlink, swapped in after loading), so
/// the screen can be looked at mid-scan without a race: progress in the status bar, the match
/// found so far already in the list. Writing the file lets the scan finish.
#[test]
fn the_full_text_scan_shows_progress_and_results_as_they_come() {
    let held = "Held article";
    let held_text = article(
        held,
        "2022-01-01",
        &paragraphs("held", 3, |n| if n == 2 { "a lighthouse too" } else { "" }),
    );
    let s = Session::new(&[
        (
            "early.md",
            article(
                "Early find",
                "2022-01-03",
                &paragraphs("early", 3, |n| if n == 2 { "lighthouse" } else { "" }),
            ),
        ),
        (
            "quiet.md",
            article("Quiet one", "2022-01-02", &paragraphs("quiet", 3, |_| "")),
        ),
    ]);
    // Symlinks are followed: the library's held.md is read through one to a file outside.
    let outside = s.home.path().join("outside.md");
    std::fs::write(&outside, &held_text).unwrap();
    std::os::unix::fs::symlink(&outside, s.library().join("held.md")).unwrap();

    // The scan's own claim, so no full-text index (`--no-cache`): with one, built in the
    // background, a search may settle the held file from what the index read of it before it
    // became a pipe below, and never read the pipe (the test lost that race about once in
    // forty runs on a loaded machine).
    let library = s.library();
    let mut t = Pty::spawn(
        &["--no-cache", library.to_str().unwrap()],
        120,
        30,
        &s.env(&[]),
    );
    t.wait_for(held);
    // Outside the watched folder, the file becomes a pipe: reading it waits for a writer.
    std::fs::remove_file(&outside).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(&outside)
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo");

    t.send("/lighthouse\r");
    let screen = t.wait_until(
        |s| s.contains(" searching ") && s.contains("Early find"),
        "progress in the status bar and the first match in the list",
    );
    assert!(
        !screen.contains(held) && !screen.contains("Quiet one"),
        "{screen}"
    );
    assert!(!screen.contains("in full text"), "not done yet: {screen}");

    // The scan reads the pipe once it has a writer; then it is done and the held file joins.
    write_to_reader(&outside, held_text.as_bytes());
    let screen = t.wait_until(
        |s| s.contains("(2 in full text)") && s.contains(held),
        "the scan done, the held article found",
    );
    assert!(
        !screen.contains(" searching ") && !screen.contains("Quiet one"),
        "{screen}"
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}
