//! The progress bar of `check` and `list`: drawn on stderr while a big library loads when
//! stderr is a terminal, cleared when loading ends, and not one byte of it when stderr is a
//! pipe (scripts read stderr too).

use crate::support::common::gazette;
use crate::support::fixtures;
use crate::support::pty::Pty;
use std::path::Path;

/// More files than the bar's threshold (a hundred left to read), in two folders, each with a
/// title of its own in Chinese or English.
const FILES: usize = 300;

fn write_library(root: &Path) {
    for i in 0..FILES {
        let (folder, title) = if i % 2 == 0 {
            ("中文", format!("第{i}篇：河边的新图书馆开门了"))
        } else {
            ("english", format!("Story {i}: the ferry runs again"))
        };
        let text = fixtures::primary(
            &title,
            &["Group", "Source", "Channel"],
            "desk",
            "Thu, 06 Jan 2022 16:13:50 GMT",
            "<p>A short body. 一段很短的正文。</p>",
        );
        fixtures::write_all(root, &[(&format!("{folder}/{i:03}.txt"), text.as_bytes())]);
    }
}

#[test]
fn a_piped_stderr_gets_no_bar_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    write_library(&root);
    let root = root.to_str().unwrap();
    for args in [
        vec!["check", "--no-cache", root],
        vec!["list", "--json", "--no-cache", root],
        // The first run with a cache reads every file too, and writes the cache.
        vec!["list", root],
    ] {
        let out = gazette(dir.path()).args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
        assert!(!out.stdout.is_empty(), "{args:?} printed nothing");
    }
}

#[test]
fn a_terminal_sees_the_bar_while_loading_and_not_after() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    write_library(&root);
    let home = dir.path().to_str().unwrap();
    let env = [
        ("XDG_STATE_HOME", home),
        ("XDG_CONFIG_HOME", home),
        ("XDG_CACHE_HOME", home),
    ];
    let args = ["check", "--no-cache", root.to_str().unwrap()];
    let mut t = Pty::spawn(&args, 120, 10, &env);
    assert_eq!(t.wait_exit(), 0, "screen:\n{}", t.screen());
    let raw = String::from_utf8_lossy(&t.bytes()).into_owned();
    // Drawn at least once (first report: nothing read yet), with the count of files to read.
    assert!(raw.contains("gazette: reading "), "raw output: {raw:?}");
    assert!(
        raw.contains(&format!("/{FILES} files, ")),
        "raw output: {raw:?}"
    );
    // Cleared: what stays on the screen is check's summary, not the bar.
    let screen = t.screen();
    assert!(!screen.contains("reading"), "screen:\n{screen}");
    assert!(
        screen.contains(&format!("{FILES} files seen: {FILES} articles read")),
        "screen:\n{screen}"
    );
}
