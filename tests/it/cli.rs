//! The `gazette` binary's subcommands on fixture folders the tests write.

use crate::support::common;
use crate::support::fixtures;

use std::path::Path;
use std::process::{Command, Output};

/// Runs the binary with every XDG folder in `state` and `TZ=UTC`.
pub(crate) fn gazette(args: &[&str], state: &Path) -> Output {
    common::gazette(state)
        .args(args)
        .output()
        .expect("run gazette")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let world = fixtures::primary(
        "Tide gauges go live",
        &["World", "Harbor Gazette", "Science"],
        "Harbor Gazette",
        "Fri, 21 Jan 2022 08:00:00 GMT",
        "<p>Sea level, minute by minute.</p>",
    );
    let wrong_weekday = fixtures::primary(
        "周三其实是周二",
        &["新媒体", "城市日报", "科技"],
        "城市日报",
        "Wed, 18 Jan 2022 09:00:00 GMT",
        "<p>日期里的星期写错了。</p>",
    );
    fixtures::write_all(
        dir.path(),
        &[
            (
                "a/000_0000000000000001.txt",
                fixtures::chinese_article().as_bytes(),
            ),
            ("a/000_0000000000000002.txt", world.as_bytes()),
            (
                "b/2019/05/13/no-date.md",
                b"# A title from the heading\n\nBody text.\n",
            ),
            (
                "b/20220115 invalid.md",
                b"---\ntitle: Snow\ndate: Invalid Date\n---\nsnow\n",
            ),
            ("b/weekday.txt", wrong_weekday.as_bytes()),
            ("b/notes.txt.bak", b"not an article"),
        ],
    );
    dir
}

fn json_lines(o: &Output) -> Vec<serde_json::Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn list_json_gives_the_metadata() {
    let lib = library();
    let state = tempfile::tempdir().unwrap();
    let out = gazette(
        &["list", "--json", lib.path().join("a").to_str().unwrap()],
        state.path(),
    );
    assert!(out.status.success());
    let rows = json_lines(&out);
    assert_eq!(rows.len(), 2);
    let cn = rows.iter().find(|r| r["author"] == "城市日报").unwrap();
    assert_eq!(cn["title"], "轻轨二号线下月试运营，十二座车站同步启用");
    assert_eq!(
        cn["categories"],
        serde_json::json!(["新媒体", "城市日报", "头条"])
    );
    assert_eq!(cn["date"], "2022-01-06T16:13:50Z");
    assert_eq!(cn["date_source"], "front_matter");
    assert_eq!(cn["read"], false);
    assert_eq!(cn["starred"], false);
    assert!(
        cn["path"]
            .as_str()
            .unwrap()
            .ends_with("000_0000000000000001.txt")
    );
}

#[test]
fn dates_from_names_folders_and_wrong_weekdays() {
    let lib = library();
    let state = tempfile::tempdir().unwrap();
    let rows = json_lines(&gazette(
        &["list", "--json", lib.path().join("b").to_str().unwrap()],
        state.path(),
    ));
    let by_title = |t: &str| {
        rows.iter()
            .find(|r| r["title"] == t)
            .unwrap_or_else(|| panic!("{t} in {rows:?}"))
            .clone()
    };
    let heading = by_title("A title from the heading");
    // Dates from names and folders are calendar days: JSON gives the bare day.
    assert_eq!(heading["date"], "2019-05-13");
    assert_eq!(heading["date_source"], "path");
    let snow = by_title("Snow");
    assert_eq!(snow["date"], "2022-01-15");
    assert_eq!(snow["date_source"], "file_name");
    assert_eq!(by_title("周三其实是周二")["date"], "2022-01-18T09:00:00Z");
}

#[test]
fn list_filters_and_columns() {
    let lib = library();
    let state = tempfile::tempdir().unwrap();
    let root = lib.path().to_str().unwrap();
    let out = stdout(&gazette(
        &["list", root, "--category", "新媒体"],
        state.path(),
    ));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].starts_with("2022-01-18  新媒体/城市日报/科技  周三其实是周二"),
        "{out}"
    );
    assert!(
        lines[1].starts_with("2022-01-06  新媒体/城市日报/头条  轻轨"),
        "CJK-aligned columns:\n{out}"
    );
    let out = stdout(&gazette(
        &[
            "list",
            root,
            "--since",
            "2022-01-15",
            "--until",
            "2022-01-18",
        ],
        state.path(),
    ));
    assert_eq!(out.lines().count(), 2, "both ends inclusive:\n{out}");
    assert!(out.contains("Snow") && out.contains("周三其实是周二"));
}

#[test]
fn check_accounts_for_every_file() {
    let lib = library();
    let state = tempfile::tempdir().unwrap();
    fixtures::write_all(
        lib.path(),
        &[("c/binary.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")],
    );
    let out = gazette(&["check", lib.path().to_str().unwrap()], state.path());
    assert_eq!(
        out.status.code(),
        Some(1),
        "a file that is no article → exit 1"
    );
    let text = stdout(&out);
    assert!(text.contains("binary.txt: error: binary file"), "{text}");
    assert!(
        text.contains("invalid.md: warning: unreadable date \"Invalid Date\""),
        "{text}"
    );
    assert!(text.contains("6 files seen: 5 articles read (1 with warnings), 1 could not be read; 1 other file ignored"), "{text}");
}

#[test]
fn usage_and_io_errors_exit_2() {
    let state = tempfile::tempdir().unwrap();
    let out = gazette(&["list", "/no/such/folder"], state.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("/no/such/folder: no such file or folder")
    );
    assert_eq!(
        gazette(&["list", "--since", "yesterday"], state.path())
            .status
            .code(),
        Some(2)
    );
    assert_eq!(gazette(&["show"], state.path()).status.code(), Some(2));
}

/// `--config` and `--no-cache` are global: before the subcommand they are options, and the
/// subcommand is still a subcommand, not a folder named `check`. The reader's own folders
/// given before a subcommand would be ignored, so they are a usage error instead.
#[test]
fn global_options_may_come_before_the_subcommand() {
    let lib = library();
    let state = tempfile::tempdir().unwrap();
    let config = state.path().join("mine.toml");
    std::fs::write(&config, "").unwrap();
    let dir = lib.path().to_str().unwrap();
    let out = gazette(
        &[
            "--config",
            config.to_str().unwrap(),
            "--no-cache",
            "check",
            dir,
        ],
        state.path(),
    );
    assert!(
        stdout(&out).contains("5 files seen: 5 articles read"),
        "{}{}",
        stdout(&out),
        String::from_utf8_lossy(&out.stderr)
    );
    let out = gazette(&[dir, "list"], state.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("go after the subcommand"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_closed_pipe_exits_quietly() {
    let state = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["list"])
        .env("XDG_STATE_HOME", state.path())
        .env("XDG_CACHE_HOME", state.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away before gazette writes
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{:?}", out);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_bundled_sample_needs_no_folder() {
    let state = tempfile::tempdir().unwrap();
    let out = gazette(&["check"], state.path());
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("zz_broken_front_matter.txt: warning: invalid YAML"),
        "{text}"
    );
    assert!(gazette(&["list"], state.path()).stdout.len() > 1000);
}

#[test]
fn state_export_import_round_trip() {
    let state = tempfile::tempdir().unwrap();
    let other = tempfile::tempdir().unwrap();
    let file = other.path().join("carry.jsonl");
    std::fs::write(&file, "{\"gazette_state\":1}\n{\"key\":\"00000000000000aa\",\"read\":true,\"starred\":true,\"pos\":3}\n").unwrap();
    let out = gazette(&["state", "import", file.to_str().unwrap()], state.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout(&out).contains("1 articles added"));
    let back = other.path().join("back.jsonl");
    let out = gazette(&["state", "export", back.to_str().unwrap()], state.path());
    assert!(out.status.success());
    let text = std::fs::read_to_string(back).unwrap();
    assert!(
        text.contains("\"key\":\"00000000000000aa\"") && text.contains("\"starred\":true"),
        "{text}"
    );
}

#[test]
fn show_wraps_by_the_three_rules_and_shows_images_with_captions() {
    let lib = library();
    let state = tempfile::tempdir().unwrap();
    let file = lib.path().join("a/000_0000000000000001.txt");
    let out = gazette(
        &["show", file.to_str().unwrap(), "--width", "40"],
        state.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    let (body, refs) = text
        .split_once("\n[1] ")
        .expect("a link list after the body");
    for line in text.lines() {
        assert!(gazette::columns::width(line) <= 40, "too wide: {line:?}");
    }
    assert!(refs.starts_with("https://example.org/notice"), "{refs}");
    let lines: Vec<&str> = body.lines().collect();
    for line in &lines {
        assert!(gazette::columns::width(line) <= 40, "too wide: {line:?}");
        let first = line.chars().next();
        assert!(
            !first.is_some_and(|c| "，。、；：？！）」』”’》】".contains(c)),
            "starts with closing punctuation: {line:?}"
        );
    }
    assert!(!body.contains("\n\n\n"), "never two blank lines");
    assert!(
        !body.contains("CBT\nC") && body.contains("CBTC"),
        "Latin words are not split"
    );
    let placeholders: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].starts_with("[image "))
        .collect();
    // The header image first (the body does not show it), then the body's four.
    assert_eq!(placeholders.len(), 5, "{body}");
    let after = |i: usize| lines[placeholders[i] + 2];
    assert_eq!(
        [after(2), after(3), after(4)],
        ["新车站的站台", "列车在高架段试跑", "调度中心的大屏"]
    );
    assert!(
        refs.contains("[image 1] https://example.com/img/head.\n          jpg"),
        "{refs}"
    );
    assert!(
        lines[0].starts_with("轻轨二号线下月试运营"),
        "header first: {body}"
    );
}

/// The configuration file is looked for in `$XDG_CONFIG_HOME/gazette/`, wherever that is.
#[test]
fn config_path_is_in_the_xdg_config_folder() {
    let home = tempfile::tempdir().unwrap();
    let out = common::gazette(home.path())
        .args(["config", "--path"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let expected = home.path().join("gazette").join("config.toml");
    assert_eq!(
        stdout(&out).lines().next().unwrap_or_default(),
        format!("{} (not there: the defaults apply)", expected.display())
    );
}
