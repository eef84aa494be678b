//! The real binary in a real pseudo-terminal: open an article, filter by category, quit, and
//! find the terminal as it was.

use crate::support::pty;
use pty::Pty;

const DOWN: &str = "j";
const ENTER: &str = "\r";

#[test]
fn open_an_article_filter_by_category_and_quit_cleanly() {
    let state = tempfile::tempdir().unwrap();
    let state_dir = state.path().to_str().unwrap();
    let mut t = Pty::spawn(
        &[],
        100,
        30,
        &[
            ("XDG_STATE_HOME", state_dir),
            ("XDG_CONFIG_HOME", state_dir),
            ("XDG_CACHE_HOME", state_dir),
        ],
    );
    let screen = t.wait_for("articles");
    assert!(screen.contains("Articles"), "list pane shown:\n{screen}");

    // Open the second article of the list in the reader.
    t.send(DOWN);
    t.send(ENTER);
    let screen = t.wait_until(
        |s| s.contains("/") && s.contains("%") && !s.contains("Reader · preview"),
        "the reader's position indicator, the article open",
    );
    assert!(screen.contains("Reader"), "reader pane:\n{screen}");

    // Category tree: first node below "All articles", applied with Enter.
    t.send("c");
    t.wait_for("All articles");
    t.send(DOWN);
    t.send(ENTER);
    let screen = t.wait_for("cat: ");
    assert!(
        !screen.contains("All articles"),
        "the tree closes at 100 columns once applied:\n{screen}"
    );

    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    t.assert_restored();
}

/// The crash logs gazette wrote under the state folder `dir`: name and content.
fn crash_logs(dir: &std::path::Path) -> Vec<(String, String)> {
    std::fs::read_dir(dir.join("gazette"))
        .into_iter()
        .flatten()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("crash-")
        })
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            (p.display().to_string(), text)
        })
        .collect()
}

/// How many articles `gazette list --json` reports starred, with the state under `dir`.
fn starred_count(dir: &str) -> usize {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["list", "--json"])
        .env("XDG_STATE_HOME", dir)
        .env("XDG_CONFIG_HOME", dir)
        .env("XDG_CACHE_HOME", dir)
        .output()
        .unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["starred"] == true)
        .count()
}

/// Starts the reader on the bundled sample and stars the first two articles, the second
/// within a second of the first, so it is still unsaved (saves are at most one a second).
fn reader_with_two_stars(dir: &str) -> Pty {
    let mut t = Pty::spawn(
        &[],
        100,
        30,
        &[
            ("XDG_STATE_HOME", dir),
            ("XDG_CONFIG_HOME", dir),
            ("XDG_CACHE_HOME", dir),
        ],
    );
    t.wait_for("articles");
    t.send("s");
    t.send(DOWN);
    t.send("s");
    t.wait_until(|s| s.matches('★').count() >= 2, "two starred rows");
    t
}

#[test]
fn closing_the_terminal_saves_the_state_and_is_no_crash() {
    let state = tempfile::tempdir().unwrap();
    let dir = state.path().to_str().unwrap();
    let mut t = reader_with_two_stars(dir);
    t.hang_up();
    let code = t.wait_exit();
    assert_eq!(crash_logs(state.path()), []);
    assert_eq!(code, 129, "128 + SIGHUP");
    assert_eq!(starred_count(dir), 2, "both stars saved on the way out");
}

#[test]
fn sighup_saves_the_state_restores_the_terminal_and_is_no_crash() {
    let state = tempfile::tempdir().unwrap();
    let dir = state.path().to_str().unwrap();
    let mut t = reader_with_two_stars(dir);
    t.signal("HUP");
    assert_eq!(t.wait_exit(), 129, "128 + SIGHUP");
    let tail = t.tail(200);
    assert!(
        tail.contains("\u{1b}[?1049l"),
        "left the alternate screen: {tail:?}"
    );
    assert_eq!(crash_logs(state.path()), []);
    assert_eq!(starred_count(dir), 2, "both stars saved on the way out");
}
