//! Titles and dates as real archives write them, read through the binary: a setext title,
//! a Pelican metadata header, a TOML front matter dated only by its `path`, file names with
//! date prefixes and slugs, and prose that merely looks like metadata.

use crate::cli::gazette;
use serde_json::Value;
use std::path::Path;

const SETEXT_ZH: &str = "命令组合入门\n======\n\n把几个小命令接起来，就能完成大任务。\n\n\
                         安装\n----\n\n先装好工具。\n\n# 安装\n\n再装一次。\n";

const PELICAN_EN: &str = "Title: Harbor Notes 12: Tides\nNumber: 12\nDate: 2014-03-09 12:00\n\
                          Category: Newsletter\nTags: harbor, tides, weekly\nAuthor: Ann Smith\n\
                          \nWelcome to another issue!\n\nUpdates from the Harbor\n=======================\n\
                          \nThe gauges are live.\n";

const TOML_PATH: &str = "+++\ntitle = \"潮汐表上线\"\npath = \"2025/06/26/chao-xi-biao\"\n\
                         [extra]\nsource = \"feed\"\n+++\n\n潮汐表每分钟更新。\n";

const PROSE_NOTE: &str = "Note: this page is kept for history.\n\nTitle: not a header either\n\n\
                          The harbor closed in 1990.\n";

/// The library every test reads: one file per shape, under folders that give no date.
fn library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("zh/20181121 命令组合.md", SETEXT_ZH),
        ("en/harbor-notes-12.md", PELICAN_EN),
        ("zh/chao-xi-biao.md", TOML_PATH),
        ("en/old-page.md", PROSE_NOTE),
        (
            "en/2019-05-13-first-harbor-post.md",
            "Just text, no heading.\n",
        ),
        (
            "en/Harbor - a short-lived view.md",
            "No heading here either.\n",
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// `list --json --no-cache` records, by file name.
fn records(lib: &Path) -> Vec<(String, Value)> {
    let home = tempfile::tempdir().unwrap();
    let out = gazette(
        &["list", "--json", "--no-cache", lib.to_str().unwrap()],
        home.path(),
    );
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let v: Value = serde_json::from_str(line).unwrap();
            let name = Path::new(v["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, v)
        })
        .collect()
}

fn record<'a>(all: &'a [(String, Value)], name: &str) -> &'a Value {
    &all.iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name} not listed: {all:?}"))
        .1
}

fn date_day(v: &Value) -> &str {
    let date = v["date"].as_str().unwrap_or_else(|| panic!("no date: {v}"));
    &date[..10]
}

#[test]
fn setext_title_and_date_from_a_prefixed_name() {
    let lib = library();
    let all = records(lib.path());
    let v = record(&all, "20181121 命令组合.md");
    assert_eq!(v["title"], "命令组合入门");
    assert_eq!(date_day(v), "2018-11-21");
    assert_eq!(v["date_source"], "file_name");
    assert_eq!(v["front_matter"], "none");
}

#[test]
fn pelican_header_gives_title_date_category_tags_author() {
    let lib = library();
    let all = records(lib.path());
    let v = record(&all, "harbor-notes-12.md");
    assert_eq!(v["title"], "Harbor Notes 12: Tides");
    assert_eq!(v["front_matter"], "metadata");
    assert_eq!(date_day(v), "2014-03-09");
    assert_eq!(v["date_source"], "front_matter");
    assert_eq!(v["flat_categories"], serde_json::json!(["Newsletter"]));
    assert_eq!(v["tags"], serde_json::json!(["harbor", "tides", "weekly"]));
    assert_eq!(v["author"], "Ann Smith");
    assert_eq!(v["has_warnings"], false);

    // The header is metadata, not text: the shown body starts after it.
    let home = tempfile::tempdir().unwrap();
    let file = lib.path().join("en/harbor-notes-12.md");
    let out = gazette(
        &["show", file.to_str().unwrap(), "--width", "60"],
        home.path(),
    );
    let shown = String::from_utf8(out.stdout).unwrap();
    assert!(shown.contains("Welcome to another issue!"), "{shown}");
    for header_line in ["Number: 12", "Category: Newsletter", "Tags: harbor"] {
        assert!(!shown.contains(header_line), "{header_line:?} in {shown}");
    }
}

#[test]
fn toml_front_matter_dated_by_its_path_key() {
    let lib = library();
    let all = records(lib.path());
    let v = record(&all, "chao-xi-biao.md");
    assert_eq!(v["title"], "潮汐表上线");
    assert_eq!(v["front_matter"], "toml");
    assert_eq!(date_day(v), "2025-06-26");
    assert_eq!(v["date_source"], "front_matter_path");
}

#[test]
fn prose_starting_with_note_is_not_metadata() {
    let lib = library();
    let all = records(lib.path());
    let v = record(&all, "old-page.md");
    assert_eq!(v["front_matter"], "none");
    assert_eq!(v["title"], "old page");
    assert_eq!(v["date"], Value::Null);
}

#[test]
fn titles_from_file_names() {
    let lib = library();
    let all = records(lib.path());
    let v = record(&all, "2019-05-13-first-harbor-post.md");
    assert_eq!(v["title"], "first harbor post");
    assert_eq!(date_day(v), "2019-05-13");
    let v = record(&all, "Harbor - a short-lived view.md");
    assert_eq!(v["title"], "Harbor - a short-lived view");
}
