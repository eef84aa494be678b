//! `gazette stats`: counts per date, category and source as bars and JSON Lines, on the
//! library `query.rs` writes (three dated articles in three folders, one undated in the root).

use crate::query::write_library;
use crate::support::common;
use std::path::Path;
use std::process::Output;

fn run(lib: &Path, args: &[&str]) -> Output {
    let home = tempfile::tempdir().unwrap();
    common::gazette(home.path())
        .arg("stats")
        .args(args)
        .arg(lib)
        .output()
        .expect("run gazette")
}

/// `stats --json ARGS LIB` as (key, count) rows, in order.
fn rows(lib: &Path, args: &[&str]) -> Vec<(String, u64)> {
    let mut all = vec!["--json"];
    all.extend(args);
    let out = run(lib, &all);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            assert!(l.starts_with("{\"key\":"), "the key first: {l}");
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["key"].as_str().unwrap().to_string(),
                v["count"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn row(key: &str, n: u64) -> (String, u64) {
    (key.to_string(), n)
}

#[test]
fn every_kind_of_row_as_json_lines() {
    let lib = tempfile::tempdir().unwrap();
    write_library(lib.path());
    let month = [
        row("2021-12", 1),
        row("2022-01", 1),
        row("2022-05", 1),
        row("undated", 1),
    ];
    assert_eq!(rows(lib.path(), &[]), month, "months by default");
    assert_eq!(rows(lib.path(), &["--by", "month"]), month);
    assert_eq!(
        rows(lib.path(), &["--by", "day"]),
        [
            row("2021-12-31", 1),
            row("2022-01-15", 1),
            row("2022-05-03", 1),
            row("undated", 1)
        ]
    );
    assert_eq!(
        rows(lib.path(), &["--by", "week"]),
        [
            row("2021-W52", 1),
            row("2022-W02", 1),
            row("2022-W18", 1),
            row("undated", 1)
        ]
    );
    assert_eq!(
        rows(lib.path(), &["--by", "year"]),
        [row("2021", 1), row("2022", 2), row("undated", 1)]
    );
    assert_eq!(
        rows(lib.path(), &["--by", "category"]),
        [
            row("no category", 2),
            row("World/Harbor Gazette/Science", 1),
            row("新媒体/观察者网/头条", 1)
        ]
    );
    // The undated note sits in the root itself: its source is the root's folder name.
    let root = lib.path().file_name().unwrap().to_str().unwrap();
    let mut sources = vec![
        row("guancha", 1),
        row("ruanyf", 1),
        row("world", 1),
        row(root, 1),
    ];
    sources.sort();
    assert_eq!(rows(lib.path(), &["--by", "source"]), sources);
    assert_eq!(
        rows(
            lib.path(),
            &["--by", "year", "--search", "ferries -is:read"]
        ),
        [row("2022", 2), row("undated", 1)],
        "the search is list's, full text included"
    );
}

#[test]
fn text_rows_have_a_bar_scaled_to_80_columns() {
    let lib = tempfile::tempdir().unwrap();
    write_library(lib.path());
    let out = run(lib.path(), &["--by", "year"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let bar = |n| "█".repeat(n);
    // 80 columns less the key (7), the count (1) and two gaps of two.
    assert_eq!(
        text,
        format!(
            "2021     1  {}\n2022     2  {}\nundated  1  {}\n",
            bar(34),
            bar(68),
            bar(34)
        )
    );
}

#[test]
fn bad_options_and_queries_exit_2() {
    let lib = tempfile::tempdir().unwrap();
    write_library(lib.path());
    for (args, says) in [
        (&["--by", "decade"][..], "invalid value 'decade'"),
        (
            &["--search", "since:2022-99"][..],
            "since:2022-99 is not a date",
        ),
        (&["--search", "colour:red"][..], "unknown key colour:"),
    ] {
        let out = run(lib.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
}
