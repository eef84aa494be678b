//! A small library written by the tests in which every kind of article the README's `--json`
//! list names appears once: each front matter kind, each date source, a day and an instant, a
//! flat category and tags, an image, a warning. The README's claims about the command line
//! and the reader are checked against it.
#![allow(dead_code)]

use super::fixtures::{primary, write_all};
use std::path::Path;

/// Titles, so tests name articles without repeating the text.
pub const HARBOR: &str = "夜班渡轮恢复运营，末班延至零点";
pub const TIDE: &str = "Tide gauges go live along the harbor";
pub const TOML: &str = "Winter notes 冬日笔记";
pub const HEADER: &str = "Header block 头块";
pub const METADATA: &str = "Metadata header 元数据";
pub const IN_PATH: &str = "路径里的日期 A date in the folders";
pub const IN_NAME: &str = "文件名里的日期 A date in the name";
pub const PERMALINK: &str = "Permalink 固定链接";
pub const SNOW: &str = "Snow 雪 with a broken date";

/// Every title, newest first as `list` orders them (undated last).
pub const NEWEST_FIRST: &[&str] = &[
    PERMALINK, TIDE, HARBOR, TOML, METADATA, IN_NAME, IN_PATH, HEADER, SNOW,
];

/// Writes the library into `dir`.
pub fn write(dir: &Path) {
    let harbor = primary(
        HARBOR,
        &["新媒体", "城市日报", "头条"],
        "城市日报",
        "Thu, 06 Jan 2022 16:13:50 GMT",
        "<p>春节后，港区夜班渡轮恢复运营，末班船延至零点。</p>",
    );
    let tide = primary(
        TIDE,
        &["World", "Harbor Gazette", "Science"],
        "Harbor Gazette",
        "Fri, 21 Jan 2022 08:00:00 GMT",
        "<p>Sea level, minute by minute, for anyone who asks.</p>",
    );
    let toml = format!(
        "+++\ntitle = \"{TOML}\"\ncategory = \"随笔\"\ntags = [\"walking\", \"雪\"]\ndate = 2021-12-29\n+++\n\n走过结冰的河，写下几行字。\n"
    );
    let header = format!(
        "[#]: subject: \"{HEADER}\"\n[#]: author: \"记者 李明\"\n[#]: via: \"https://example.org/header\"\n\n# {HEADER}\n\nA header block of the translators' kind.\n"
    );
    let metadata = format!(
        "Title: {METADATA}\nDate: 2020-02-02 10:00\nCategory: 笔记\nAuthor: 王芳\n\nPelican wrote this header. 这是正文。\n"
    );
    let in_path = format!("# {IN_PATH}\n\nNo front matter at all; 日期在文件夹里。\n");
    let in_name = format!("# {IN_NAME}\n\nNo front matter; 日期在文件名里。\n");
    let permalink =
        format!("---\ntitle: {PERMALINK}\npath: 2025/06/26/slug\n---\n\n日期在固定链接里。\n");
    let snow = format!("---\ntitle: {SNOW}\ndate: Invalid Date\n---\n\n雪下了一整夜。\n");
    write_all(
        dir,
        &[
            ("news/harbor.txt", harbor.as_bytes()),
            ("news/tide.txt", tide.as_bytes()),
            ("notes/winter.md", toml.as_bytes()),
            ("notes/header.md", header.as_bytes()),
            ("notes/pelican.md", metadata.as_bytes()),
            ("archive/2019/05/13/plain.md", in_path.as_bytes()),
            ("archive/20200101 dated name.md", in_name.as_bytes()),
            ("archive/permalink.md", permalink.as_bytes()),
            ("archive/snow.md", snow.as_bytes()),
        ],
    );
}

/// One more article of the primary kind, dated 2022-01-10 03:00 UTC, for tests that need an
/// article by a title of their own.
pub fn article(title: &str) -> String {
    primary(
        title,
        &["新媒体", "城市日报", "科技"],
        "城市日报",
        "Mon, 10 Jan 2022 03:00:00 GMT",
        "<p>正文 body.</p>",
    )
}
