//! Reading state and configuration through the real binary: read an article, quit, start
//! again and see it read; star it and the command line sees it; a config file that rebinds
//! j/k works and shows in the help.

use crate::support::pty;
use pty::Pty;
use std::process::Command;

fn env(dir: &str) -> [(&'static str, &str); 3] {
    [
        ("XDG_STATE_HOME", dir),
        ("XDG_CACHE_HOME", dir),
        ("XDG_CONFIG_HOME", dir),
    ]
}

fn list_json(dir: &str) -> Vec<serde_json::Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["list", "--json"])
        .envs(env(dir))
        .output()
        .unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn read_and_starred_survive_a_restart_and_reach_the_cli() {
    let state = tempfile::tempdir().unwrap();
    let dir = state.path().to_str().unwrap();
    let first_title = list_json(dir)[0]["title"].as_str().unwrap().to_string();
    assert_eq!(list_json(dir)[0]["read"], false);

    let mut t = Pty::spawn(&[], 100, 30, &env(dir));
    let screen = t.wait_for("articles");
    let row = screen.lines().nth(1).unwrap().to_string();
    assert!(row.contains('•'), "unread mark before reading: {row}");
    t.send("\r");
    t.wait_for("space page");
    t.send("s");
    t.wait_for("starred");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);

    let rows = list_json(dir);
    assert_eq!(rows[0]["title"], first_title.as_str());
    assert_eq!(rows[0]["read"], true, "opening marked it read");
    assert_eq!(rows[0]["starred"], true);
    assert_eq!(rows[1]["read"], false);

    let t = Pty::spawn(&[], 100, 30, &env(dir));
    let screen = t.wait_for("articles");
    let row = screen.lines().nth(1).unwrap().to_string();
    assert!(
        row.contains('★') && !row.contains('•'),
        "starred and read after a restart: {row}"
    );
}

#[test]
fn a_config_that_rebinds_j_and_k_works_and_shows_in_help() {
    let state = tempfile::tempdir().unwrap();
    let dir = state.path().to_str().unwrap();
    let config = state.path().join("my.toml");
    std::fs::write(&config, "[keys]\nmove_down = \"e\"\nmove_up = \"z\"\n").unwrap();
    let mut t = Pty::spawn(&["--config", config.to_str().unwrap()], 100, 30, &env(dir));
    t.wait_for("articles");
    let status = t.screen().lines().last().unwrap_or_default().to_string();
    assert!(
        status.contains("e/z move"),
        "the status bar follows: {status}"
    );
    t.send("eee\r");
    let screen = t.wait_for("space page");
    let titles = list_json(dir);
    let fourth = titles[3]["title"].as_str().unwrap();
    let start: String = fourth.chars().take(8).collect();
    assert!(
        screen.contains(&start),
        "e moved down three rows: {start} in\n{screen}"
    );
    t.send("h?");
    let help = t.wait_for("Move down");
    // The help row for moving down names e in its keys column, and j no longer.
    let row = help
        .lines()
        .find(|l| l.contains("Move down"))
        .unwrap_or_else(|| panic!("no Move down row in\n{help}"));
    // The keys column: from the overlay's left border to the description.
    let keys: Vec<&str> = row[..row.find("Move down").unwrap()]
        .rsplit(['│', '┃'])
        .next()
        .unwrap()
        .split([' ', ','])
        .filter(|k| !k.is_empty())
        .collect();
    assert!(
        keys.contains(&"e") && !keys.contains(&"j"),
        "{keys:?} in {row}"
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn an_invalid_config_is_an_error_with_its_line() {
    let state = tempfile::tempdir().unwrap();
    let config = state.path().join("bad.toml");
    std::fs::write(&config, "theme = \"default\"\n[keys]\nmove_dwn = \"e\"\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["list", "--config", config.to_str().unwrap()])
        .envs(env(state.path().to_str().unwrap()))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.toml:3") && err.contains("move_dwn"),
        "{err}"
    );
}

#[test]
fn sigterm_saves_the_state_restores_the_terminal_and_exits_143() {
    let state = tempfile::tempdir().unwrap();
    let dir = state.path().to_str().unwrap();
    let mut t = Pty::spawn(&[], 100, 30, &env(dir));
    t.wait_for("articles");
    t.send("\r");
    t.wait_for("space page");
    let status = Command::new("kill")
        .args(["-TERM", &t.pid().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(t.wait_exit(), 143, "128 + SIGTERM");
    let bytes = t.bytes();
    let tail = String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(200)..]).into_owned();
    assert!(
        tail.contains("\u{1b}[?1049l"),
        "left the alternate screen: {tail:?}"
    );
    assert_eq!(
        list_json(dir)[0]["read"],
        true,
        "the state was saved on the way out"
    );
}

#[test]
fn a_state_that_cannot_be_saved_is_a_warning_and_the_reader_goes_on() {
    let state = tempfile::tempdir().unwrap();
    // The state folder cannot be created: a file stands where it should be.
    let blocked = state.path().join("blocked");
    std::fs::write(&blocked, "a file, not a folder").unwrap();
    let b = blocked.to_str().unwrap();
    let ok = state.path().to_str().unwrap();
    let env = [
        ("XDG_STATE_HOME", b),
        ("XDG_CACHE_HOME", ok),
        ("XDG_CONFIG_HOME", ok),
    ];
    let mut t = Pty::spawn(&[], 100, 30, &env);
    t.wait_for("articles");
    t.send("\r");
    t.wait_for("could not save the reading state");
    t.send("hj\r");
    t.wait_for("space page"); // still reading
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    assert_eq!(
        std::fs::read_to_string(&blocked).unwrap(),
        "a file, not a folder",
        "nothing overwritten"
    );
}
