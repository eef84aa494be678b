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
        |s| s.contains("/") && s.contains("%"),
        "the reader's position indicator",
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
    let bytes = t.bytes();
    let tail = String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(200)..]).into_owned();
    assert!(
        tail.contains("\u{1b}[?1049l"),
        "left the alternate screen: {tail:?}"
    );
    assert!(tail.contains("\u{1b}[?25h"), "cursor shown again: {tail:?}");
    let stty = t.stty();
    assert!(
        stty.contains(" icanon") && stty.contains(" echo"),
        "cooked mode restored: {stty}"
    );
}
