//! `check` and `list` on folders without an article file say on stderr which names gazette
//! reads and what they hold instead; summaries count in the singular when there is one.

use crate::support::common;

use std::path::Path;
use std::process::Output;

fn gazette(args: &[&str], dir: &Path, state: &Path) -> Output {
    common::gazette(state)
        .args(args)
        .arg(dir)
        .output()
        .expect("run gazette")
}

fn write(dir: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

#[test]
fn check_and_list_say_what_was_found_instead() {
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            ("feed/一.json", "{\"title\": \"标题\"}"),
            ("feed/two.json", "{}"),
            ("logo.png", "not really a picture"),
        ],
    );
    let expected = "gazette: no article files (.txt .md .markdown .html .htm); \
                    found 3 files: 2 .json, 1 .png\n";
    for args in [
        ["check"].as_slice(),
        ["list", "--json"].as_slice(),
        ["list"].as_slice(),
    ] {
        let out = gazette(args, dir.path(), state.path());
        assert_eq!(String::from_utf8_lossy(&out.stderr), expected, "{args:?}");
    }
    let out = gazette(&["check"], dir.path(), state.path());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "0 files seen: 0 articles read (0 with warnings), 0 could not be read; \
         3 other files ignored\n"
    );
}

#[test]
fn check_counts_one_in_the_singular() {
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        &[
            (
                "一篇.md",
                "---\ntitle: 一篇文章\ndate: 2022-03-04\n---\n正文。\n",
            ),
            ("notes.json", "{}"),
        ],
    );
    let out = gazette(&["check"], dir.path(), state.path());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "1 file seen: 1 article read (0 with warnings), 0 could not be read; \
         1 other file ignored\n"
    );
    assert_eq!(String::from_utf8(out.stderr).unwrap(), "");
}
