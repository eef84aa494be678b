//! Article files the tests write themselves (our own text, shaped like the real formats).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// An article in the primary format: blank first line, YAML front matter, `<div>` body, 12
/// trailing spaces and no final newline.
pub fn primary(title: &str, categories: &[&str], author: &str, date: &str, body: &str) -> String {
    let cats: String = categories.iter().map(|c| format!(" - {c}\n")).collect();
    format!(
        "\n---\ntitle: '{title}'\ncategories: \n{cats}headimg: 'https://example.com/img/head.jpg'\nauthor: {author}\ncomments: false\ndate: {date}\nthumbnail: 'https://example.com/img/head.jpg'\n---\n\n<div>   \n{body}\n</div>            "
    )
}

/// A Chinese article shaped like the seed: a lead image, paragraphs with an acronym, four
/// images (the last three captioned in the next centred paragraph), a link.
pub fn chinese_article() -> String {
    let para = "市政府今天发布通告，称新港片区的轻轨二号线将于下月开通试运营。据介绍，该线路全长十八公里，设车站十二座，采用CBTC信号系统，最高时速八十公里。“我们希望让市民早日乘上新线。”负责人表示（记者 李明）。";
    let img = |n: u32| {
        format!(
            "<p align=\"center\">\n<img src=\"https://example.com/img/{n}.jpg\" alt width=\"600\" height=\"400\" referrerpolicy=\"no-referrer\"> \n</p>\n"
        )
    };
    let cap = |t: &str| {
        format!("<p align=\"center\">\n<span style=\"color:#666666;\">{t}</span> \n</p>\n")
    };
    let body = format!(
        "<img src=\"https://example.com/img/lead.jpg\" width=\"970px\" height=\"374px\" referrerpolicy=\"no-referrer\">\n<p>\n{para}\n</p>\n<p>\n{para}{para}\n</p>\n{}{}<p>\n{para}\n</p>\n{}{}<p>详情见<a href=\"https://example.org/notice\">官方通告</a>。</p>\n{}{}",
        img(1),
        cap("新车站的站台"),
        img(2),
        cap("列车在高架段试跑"),
        img(3),
        cap("调度中心的大屏")
    );
    primary(
        "轻轨二号线下月试运营，十二座车站同步启用",
        &["新媒体", "城市日报", "头条"],
        "城市日报",
        "Thu, 06 Jan 2022 16:13:50 GMT",
        &body,
    )
}

/// Writes `files` (relative path, contents) under `dir`, creating folders.
pub fn write_all(dir: &Path, files: &[(&str, &[u8])]) -> Vec<PathBuf> {
    files
        .iter()
        .map(|(rel, bytes)| {
            let path = dir.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, bytes).unwrap();
            path
        })
        .collect()
}
