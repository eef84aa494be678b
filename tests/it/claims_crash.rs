//! A real panic in the running reader, through the binary in a pseudo-terminal (set off by the
//! test-only `GAZETTE_TEST_PANIC=1`): the terminal is restored, one line names the crash log,
//! the log under `$XDG_STATE_HOME/gazette` holds the message and a backtrace, and the exit
//! code is not 0.

use crate::support::session::{Session, article, paragraphs};

#[test]
fn a_panic_restores_the_terminal_writes_a_log_and_prints_one_line() {
    let s = Session::new(&[(
        "one.md",
        article("Only one", "2022-01-02", &paragraphs("para", 3, |_| "")),
    )]);
    let mut t = crate::support::pty::Pty::spawn(
        &[s.library().to_str().unwrap()],
        100,
        30,
        &s.env(&[("GAZETTE_TEST_PANIC", "1")]),
    );
    let code = t.wait_exit();
    assert_ne!(code, 0, "a crash is not a success");

    let bytes = String::from_utf8_lossy(&t.bytes()).into_owned();
    let entered = bytes.find("\u{1b}[?1049h").expect("the reader had started");
    let left = bytes
        .rfind("\u{1b}[?1049l")
        .expect("left the alternate screen");
    assert!(entered < left);
    let after = &bytes[left..];
    t.assert_restored();

    // After the terminal is back: one line, naming the log.
    // (ratatui shows the cursor once more as it goes: the line is between the two.)
    let shown = "\u{1b}[?25h";
    let printed = after[after.find(shown).unwrap() + shown.len()..]
        .split('\u{1b}')
        .next()
        .unwrap()
        .trim();
    assert_eq!(printed.lines().count(), 1, "one line: {printed:?}");
    assert!(printed.starts_with("gazette crashed ("), "{printed:?}");
    let dir = s.home.path().join("gazette");
    let log = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("crash-")
        })
        .expect("a crash log under XDG_STATE_HOME/gazette");
    assert!(
        printed.ends_with(&format!("The details are in {}", log.display())),
        "the line names the log: {printed:?}"
    );
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(
        text.contains("GAZETTE_TEST_PANIC is set"),
        "the message: {text}"
    );
    assert!(
        text.contains("gazette::tui::event_loop"),
        "a backtrace through the reader's loop: {text}"
    );
}
