//! Reading an article from the start of its file: every way the metadata can reach past the
//! first window or the first read, checked on real files.

use super::*;
use crate::library::problem::Severity;
use std::path::PathBuf;

/// Writes `bytes` as `name` in a fresh folder and reads it as the loader does.
fn read(name: &str, bytes: &[u8]) -> (Article, Vec<String>, Stamp) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let (article, problems, stamp) = read_article(&path, Path::new(name)).unwrap();
    assert!(problems.iter().all(|p| p.severity == Severity::Warning));
    (
        article,
        problems.into_iter().map(|p| p.reason).collect(),
        stamp,
    )
}

/// A paragraph of `n` bytes of body text, Chinese and English, lines of about 60 bytes.
fn filler(n: usize) -> String {
    let line = "这是一段正文，用来把文件撑大。Some body text to pad it.\n";
    line.repeat(n / line.len() + 1)
}

#[test]
fn front_matter_longer_than_the_first_read() {
    let tags: String = (0..800).map(|i| format!("  - 标签{i}\n")).collect();
    let text = format!(
        "\n---\ntitle: '长的前言'\ntags:\n{tags}author: 最后的作者\ndate: 2024-03-05\n---\n\n{}",
        filler(40_000)
    );
    assert!(text.find("author:").unwrap() > FIRST_WINDOW * GROWTH * 2);
    let (a, warnings, stamp) = read("long.md", text.as_bytes());
    assert_eq!(&*a.title, "长的前言");
    assert_eq!(a.author.as_deref(), Some("最后的作者"));
    assert_eq!(a.tags.len(), 800);
    assert_eq!(a.tags[799], "标签799");
    assert!(a.date.is_some());
    assert_eq!(warnings, Vec::<String>::new());
    // The stamp is the file's, though its end was never read.
    assert_eq!(stamp.size, text.len() as u64);
}

#[test]
fn files_shorter_than_a_window() {
    let (a, warnings, _) = read("short.md", "---\ntitle: 短\n---\n正文".as_bytes());
    assert_eq!((&*a.title, warnings.len()), ("短", 0));
    // No line end at all: the one line is the whole file, and its heading the title.
    let (a, _, _) = read("one-line.md", "# 只有一行的标题".as_bytes());
    assert_eq!(&*a.title, "只有一行的标题");
    let (a, _, stamp) = read("empty.md", b"");
    assert_eq!((&*a.title, stamp.size), ("empty", 0));
}

#[test]
fn title_from_a_heading_far_down() {
    let text = format!(
        "---\nauthor: 某人\n---\n{}\n# 远处的标题\n\n正文。\n",
        filler(100_000)
    );
    let (a, warnings, _) = read("far.md", text.as_bytes());
    assert_eq!(&*a.title, "远处的标题");
    assert_eq!(a.author.as_deref(), Some("某人"));
    assert_eq!(
        warnings,
        vec!["no title in the front matter; taken from the first heading".to_string()]
    );
    // Without front matter the whole file is read for its heading too.
    let text = format!("{}\nFar Heading\n===\n", filler(30_000));
    assert_eq!(&*read("plain.md", text.as_bytes()).0.title, "Far Heading");
}

#[test]
fn a_character_across_the_window_edge_is_no_encoding_problem() {
    // The first window ends inside a character of the body: only whole lines are decoded, so
    // the file is plain UTF-8, or plain GB18030.
    let head = "---\ntitle: 边界\n---\n";
    let pad = "a".repeat(FIRST_WINDOW - head.len() - 1);
    let text = format!("{head}{pad}中文正文\n{}", filler(5000));
    assert!(!text.is_char_boundary(FIRST_WINDOW));
    let (a, warnings, _) = read("edge.md", text.as_bytes());
    assert_eq!((&*a.title, warnings.len()), ("边界", 0), "{warnings:?}");

    let gbk = |s: &str| encoding_rs::GB18030.encode(s).0.into_owned();
    let pad = "a".repeat(FIRST_WINDOW - gbk(head).len() - 1);
    let bytes = gbk(&format!("{head}{pad}中文正文\n{}", filler(5000)));
    assert_eq!(bytes[FIRST_WINDOW - 1..=FIRST_WINDOW], gbk("中"));
    let (a, warnings, _) = read("edge-gbk.md", &bytes);
    assert_eq!(&*a.title, "边界");
    assert_eq!(warnings, vec!["not UTF-8; decoded as GB18030".to_string()]);
}

#[test]
fn gb18030_files() {
    let text = format!(
        "---\ntitle: 国标编码的标题\nauthor: 作者\ncategories:\n  - 新闻\n---\n{}",
        filler(20_000)
    );
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    let (a, warnings, _) = read("gbk.txt", &bytes);
    assert_eq!(&*a.title, "国标编码的标题");
    assert_eq!(a.categories, vec!["新闻".to_string()]);
    assert_eq!(warnings, vec!["not UTF-8; decoded as GB18030".to_string()]);

    // A long GB18030 front matter: the first window ends inside a two-byte character.
    let text = format!(
        "---\ndescription: {}\ntitle: 后面的标题\n---\n正文",
        "长".repeat(FIRST_WINDOW)
    );
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    let (a, warnings, _) = read("gbk-long.txt", &bytes);
    assert_eq!(&*a.title, "后面的标题");
    assert_eq!(warnings, vec!["not UTF-8; decoded as GB18030".to_string()]);

    // Bytes that are neither: replaced, with a warning; the article stays.
    let (a, warnings, _) = read("bad.txt", b"---\ntitle: a\xff\xfeb\n---\nbody\n");
    assert_eq!(&*a.title, "a\u{fffd}\u{fffd}b");
    assert_eq!(
        warnings,
        vec!["neither UTF-8 nor GB18030; undecodable bytes replaced with �".to_string()]
    );
}

#[test]
fn the_encoding_is_decided_on_the_lines_read() {
    // A UTF-8 front matter before a body in another encoding: the body is not read, so the
    // metadata is right and there is nothing to warn about (showing the body decodes it).
    let head = "---\ntitle: 前言是UTF-8\n---\n".as_bytes().to_vec();
    let body = filler(20_000);
    let (body, _, _) = encoding_rs::GB18030.encode(&body);
    let (a, warnings, _) = read("mixed.md", &[head, body.into_owned()].concat());
    assert_eq!((&*a.title, warnings.len()), ("前言是UTF-8", 0));
}

#[test]
fn bom_and_crlf() {
    let tags: String = (0..100).map(|i| format!(" - tag{i}\r\n")).collect();
    let text = format!(
        "\u{feff}\r\n---\r\ntitle: 'BOM 和 CRLF'\r\ntags:\r\n{tags}author: 尾\r\n---\r\n\r\n<p>x</p>\r\n"
    );
    assert!(text.len() > FIRST_WINDOW);
    let (a, warnings, _) = read("crlf.md", text.as_bytes());
    assert_eq!(&*a.title, "BOM 和 CRLF");
    assert_eq!(a.front_matter, FrontMatterKind::Yaml);
    assert_eq!((a.tags.len(), a.author.as_deref()), (100, Some("尾")));
    assert_eq!(warnings, Vec::<String>::new());
}

#[test]
fn header_block_longer_than_the_first_window() {
    let mut text = "[#]: subject: \"头部块\"\n".to_string();
    while text.len() < FIRST_WINDOW - 100 {
        let i = text.len();
        text += &format!("[#]: via{i}: \"https://example.com/a/long/address/{i}\"\n");
    }
    // The first window ends two bytes into a header line, in its `[#]:`.
    let pad = "x".repeat(FIRST_WINDOW - 2 - text.len() - "[#]: pad: \"\"\n".len());
    text += &format!("[#]: pad: \"{pad}\"\n[#]: author: \"末行作者\"\n\n正文\n");
    assert_eq!(&text[FIRST_WINDOW - 2..FIRST_WINDOW], "[#");
    let (a, _, _) = read("lctt.md", text.as_bytes());
    assert_eq!(a.front_matter, FrontMatterKind::HeaderBlock);
    assert_eq!(&*a.title, "头部块");
    assert_eq!(a.author.as_deref(), Some("末行作者"));
}

#[test]
fn binary_and_unreadable_files_are_problems() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("picture.md");
    let mut bytes = vec![b'a'; 5000];
    bytes.push(0);
    std::fs::write(&png, &bytes).unwrap();
    let p = read_article(&png, Path::new("picture.md")).unwrap_err();
    assert_eq!(p.path, png);
    assert!(p.reason.starts_with("binary file"), "{}", p.reason);

    let folder: PathBuf = dir.path().join("folder.md");
    std::fs::create_dir(&folder).unwrap();
    let p = read_article(&folder, Path::new("folder.md")).unwrap_err();
    assert_eq!(
        (p.path, p.reason.as_str()),
        (folder, "is a folder, not a file")
    );
}

#[test]
fn with_no_cache_the_size_limit_still_holds() {
    // Read without a stamp, a file whole in the first read needs none; one longer than that
    // takes it, and a file over the limit is refused however short its front matter.
    let dir = tempfile::tempdir().unwrap();
    let text = "---\ntitle: '小文件 A small file'\n---\n正文 body\n";
    let small = dir.path().join("small.md");
    std::fs::write(&small, text).unwrap();
    let (a, _) = read_article_unstamped(&small, Path::new("small.md")).unwrap();
    assert_eq!(&*a.title, "小文件 A small file");

    let over = dir.path().join("over.md");
    std::fs::write(&over, text).unwrap();
    let limit = crate::library::read::MAX_FILE_BYTES;
    let file = std::fs::File::options().write(true).open(&over).unwrap();
    file.set_len(limit + 1).unwrap();
    let p = read_article_unstamped(&over, Path::new("over.md")).unwrap_err();
    assert_eq!(
        (p.path, p.reason.as_str()),
        (over, "larger than 16 MiB; not read")
    );
}

#[test]
fn the_first_window_ends_after_the_closing_fence() {
    let yaml = "\n---\ntitle: '窗口'\n---\n\n<div>正文</div>\n";
    assert_eq!(
        first_window(yaml.as_bytes()),
        yaml.find("---\n\n").unwrap() + 4
    );
    let crlf = "+++\r\ntitle = \"窗口\"\r\n+++\r\nbody\r\n";
    assert_eq!(first_window(crlf.as_bytes()), crlf.find("body").unwrap());
    // No second fence line within the first window: all of it.
    let none = format!("# 标题\n\n{}", filler(4000));
    assert_eq!(first_window(none.as_bytes()), FIRST_WINDOW);
}

#[test]
fn a_fence_like_line_inside_the_front_matter_only_grows_the_window() {
    // The guess stops at the `-----` rule; the front matter goes on to its real end.
    let text = format!(
        "---\nsummary: 'a'\n-----\nauthor: 后来的作者\ntitle: 'Late title 后来的标题'\n---\n{}",
        filler(3000)
    );
    let (a, _, _) = read("late.md", text.as_bytes());
    let whole = crate::library::front_matter::split(&text);
    assert_eq!(Some(&*a.title), whole.meta.title.as_deref());
    assert_eq!(&*a.title, "Late title 后来的标题");
}
