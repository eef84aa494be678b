//! End-to-end cases of [`split`], one per fact in FORMAT.md.

use super::*;

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn extra<'m>(meta: &'m Meta, key: &str) -> Option<&'m str> {
    meta.extra
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// Shaped like the real sample: blank first line, Hexo categories, body without final newline.
const HEXO: &str = "\n---\ntitle: '哈总统设立调查组，俄方：维和部队已抵达'\ncategories: \n - 新媒体\n - 观察者网\n - 头条\nheadimg: 'https://img.example.cn/2022/01/06/a.jpg'\nauthor: 观察者网\ncomments: false\ndate: Thu, 06 Jan 2022 16:13:50 GMT\nthumbnail: 'https://img.example.cn/2022/01/06/a.jpg'\n---\n\n<div>   \n<p>正文</p>\n</div>            ";

#[test]
fn hexo_sample_shape() {
    let s = split(HEXO);
    assert_eq!(s.kind, FrontMatterKind::Yaml);
    assert_eq!(s.warnings, Vec::<String>::new());
    let m = &s.meta;
    assert_eq!(
        m.title.as_deref(),
        Some("哈总统设立调查组，俄方：维和部队已抵达")
    );
    assert_eq!(m.categories, strings(&["新媒体", "观察者网", "头条"]));
    assert!(m.flat_categories.is_empty());
    assert_eq!(m.author.as_deref(), Some("观察者网"));
    assert_eq!(
        m.image.as_deref(),
        Some("https://img.example.cn/2022/01/06/a.jpg")
    );
    assert_eq!(m.date.as_deref(), Some("Thu, 06 Jan 2022 16:13:50 GMT"));
    let at = crate::library::date::parse(m.date.as_deref().unwrap())
        .unwrap()
        .at;
    assert_eq!(at.to_rfc3339(), "2022-01-06T16:13:50+00:00");
    // `thumbnail` equals `headimg`, which is the image: it is not kept twice.
    assert_eq!(m.extra, vec![("comments".to_string(), "false".to_string())]);
    assert!(s.body.starts_with("<div>"));
    assert!(s.body.ends_with("</div>            "));
    assert_eq!(body_of(HEXO), s.body);
}

#[test]
fn double_quoted_title_with_apostrophe_and_entities() {
    let s = split("---\ntitle: \"It's &#123;fine&#125; &amp; <br>done\"\n---\nx");
    assert_eq!(s.meta.title.as_deref(), Some("It's {fine} & done"));
}

#[test]
fn title_with_colon_unquoted_falls_back_to_lines() {
    let s = split("---\ntitle: 速览: 今日要闻\nauthor: x\ncategories:\n - a\n - b\n---\nbody");
    assert_eq!(s.kind, FrontMatterKind::Yaml);
    assert_eq!(s.meta.title.as_deref(), Some("速览: 今日要闻"));
    assert_eq!(s.meta.author.as_deref(), Some("x"));
    assert_eq!(s.meta.categories, strings(&["a", "b"]));
    assert_eq!(s.warnings.len(), 1);
    assert!(
        s.warnings[0].starts_with("invalid YAML front matter: "),
        "{:?}",
        s.warnings
    );
    assert!(s.warnings[0].contains("line 2"), "{:?}", s.warnings);
    assert!(s.warnings[0].ends_with("; read line by line"));
    assert_eq!(s.body, "body");
}

#[test]
fn stray_quote_keeps_the_article() {
    let s = split("---\ntitle: 'Bob's day'\ndate: 2021-10-10 11:06:15\n---\n<p>x</p>");
    assert_eq!(s.meta.title.as_deref(), Some("Bob's day"));
    assert_eq!(s.meta.date.as_deref(), Some("2021-10-10 11:06:15"));
    assert_eq!(s.warnings.len(), 1);
    assert_eq!(s.body, "<p>x</p>");
}

#[test]
fn unknown_keys_and_non_date_published_go_to_extra() {
    let s = split(
        "---\ntitle: T\ndescrition: 描述\noriginal_url: https://x.y/1\npublished: true\n\
         editor: 小编\ncomments: 'false'\nviews: 12\n---\n",
    );
    assert_eq!(s.meta.date, None);
    assert_eq!(
        s.meta.extra,
        vec![
            ("descrition".to_string(), "描述".to_string()),
            ("original_url".to_string(), "https://x.y/1".to_string()),
            ("published".to_string(), "true".to_string()),
            ("editor".to_string(), "小编".to_string()),
            ("comments".to_string(), "false".to_string()),
            ("views".to_string(), "12".to_string()),
        ]
    );
}

#[test]
fn date_alternatives_and_precedence() {
    let s = split("---\nupdated: 2020-02-02\npubDate: 2020-01-01\n---\n");
    assert_eq!(s.meta.date.as_deref(), Some("2020-01-01"));
    assert_eq!(extra(&s.meta, "updated"), Some("2020-02-02"));
    let s = split("---\npublished: 2019-01-01\nDate: 2018-02-24  +0800\n---\n");
    assert_eq!(s.meta.date.as_deref(), Some("2018-02-24 +0800"));
    let s = split("---\ndate: 20190513\n---\n");
    assert_eq!(s.meta.date.as_deref(), Some("20190513"));
}

#[test]
fn jekyll_and_hugo_style_lists() {
    let s = split(
        "---\ncategories: 科技\ncategory: [a, b]\ntags: 'x, y，z'\nauthor: [甲, {name: 乙, url: u}]\n\
         image: i.png\ncover: c.png\n---\n",
    );
    assert_eq!(s.meta.categories, Vec::<String>::new());
    assert_eq!(s.meta.flat_categories, strings(&["科技", "a", "b"]));
    assert_eq!(s.meta.tags, strings(&["x", "y", "z"]));
    assert_eq!(s.meta.author.as_deref(), Some("甲, 乙"));
    assert_eq!(s.meta.image.as_deref(), Some("i.png"));
    assert_eq!(extra(&s.meta, "cover"), Some("c.png"));
    let s = split("---\ntags: [t1, 2]\ncategories: [[a, b], [c]]\n---\n");
    assert_eq!(s.meta.tags, strings(&["t1", "2"]));
    assert_eq!(s.meta.categories, strings(&["a", "b", "c"]));
}

#[test]
fn toml_front_matter_with_extra_table() {
    let s = split(
        "+++\ntitle = \"Hugo &amp; me\"\ndate = 2021-10-10T11:06:15+08:00\ntags = [\"a\"]\n\
         [extra]\nsource = \"feed\"\nnested = { k = 1 }\n+++\n\nbody",
    );
    assert_eq!(s.kind, FrontMatterKind::Toml);
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    assert_eq!(s.meta.title.as_deref(), Some("Hugo & me"));
    assert_eq!(s.meta.date.as_deref(), Some("2021-10-10T11:06:15+08:00"));
    assert_eq!(s.meta.tags, strings(&["a"]));
    assert_eq!(extra(&s.meta, "extra.source"), Some("feed"));
    assert_eq!(extra(&s.meta, "extra.nested.k"), Some("1"));
    assert_eq!(s.body, "body");
}

#[test]
fn invalid_toml_falls_back_to_lines() {
    let s = split("+++\ntitle = \"A\"\ntitle = \"B\"\nauthor = 'me'\n+++\nbody");
    assert_eq!(s.meta.title.as_deref(), Some("A"));
    assert_eq!(extra(&s.meta, "title"), Some("B"));
    assert_eq!(s.meta.author.as_deref(), Some("me"));
    assert_eq!(s.warnings.len(), 1);
    assert!(
        s.warnings[0].starts_with("invalid TOML front matter at line 3"),
        "{:?}",
        s.warnings
    );
}

#[test]
fn header_block_front_matter() {
    let s = split(
        "[#]: subject: \"Why Rust?\"\n[#]: via: \"https://e.x/a\"\n[#]: author: \"Ann\"\n\n# Why Rust?\ntext",
    );
    assert_eq!(s.kind, FrontMatterKind::HeaderBlock);
    assert_eq!(s.meta.title.as_deref(), Some("Why Rust?"));
    assert_eq!(s.meta.author.as_deref(), Some("Ann"));
    assert_eq!(extra(&s.meta, "via"), Some("https://e.x/a"));
    assert_eq!(s.body, "# Why Rust?\ntext");
}

#[test]
fn no_front_matter() {
    let s = split("\n\n# 标题\n正文");
    assert_eq!(s.kind, FrontMatterKind::None);
    assert_eq!(s.meta, Meta::default());
    assert_eq!(s.body, "# 标题\n正文");
    assert!(s.warnings.is_empty());
    assert_eq!(heading_title(s.body).as_deref(), Some("标题"));
}

#[test]
fn unclosed_front_matter_is_all_body() {
    let text = "---\ntitle: lost\n<p>body</p>";
    let s = split(text);
    assert_eq!((s.kind, s.body), (FrontMatterKind::None, text));
    assert_eq!(s.meta, Meta::default());
    assert_eq!(s.warnings.len(), 1);
    assert_eq!(body_of(text), text);
}

#[test]
fn yaml_that_is_not_a_mapping() {
    let s = split("---\n- a\n- b\n---\nbody");
    assert_eq!(
        s.warnings,
        vec!["YAML front matter is a list, not `key: value` lines; read line by line"]
    );
    let s = split("---\njust words\n---\nbody");
    assert_eq!(s.warnings.len(), 1);
    assert_eq!(s.meta, Meta::default());
    let s = split("---\n# only a comment\n---\nbody");
    assert!(s.warnings.is_empty());
}

#[test]
fn no_title_at_all() {
    let s = split("---\nauthor: a\ntitle:\n---\n<p>x</p>");
    assert_eq!(s.meta.title, None);
    assert!(s.meta.extra.is_empty());
}

#[test]
fn control_characters_from_escapes_never_reach_metadata() {
    let s = split("---\ntitle: \"a\\e[31mb&#155;c\"\nnote: \"x\\x07y\"\n---\n");
    assert_eq!(s.meta.title.as_deref(), Some("ab"));
    assert_eq!(extra(&s.meta, "note"), Some("xy"));
}

#[test]
fn yaml_bomb_is_a_warning() {
    let mut doc = String::from("---\na: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n");
    for (name, prev) in "bcdefghi".chars().zip("abcdefgh".chars()) {
        doc.push_str(&format!(
            "{name}: &{name} [{}]\n",
            vec![format!("*{prev}"); 9].join(",")
        ));
    }
    doc.push_str("title: Bomb\n---\nbody");
    let started = std::time::Instant::now();
    let s = split(&doc);
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
    assert_eq!(s.warnings.len(), 1);
    assert_eq!(s.meta.title.as_deref(), Some("Bomb"));
    assert_eq!(s.body, "body");
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn split_any_text(tail in "[-+.#:\\[\\]'\"&;<>a-z0-9 \n\t*!|{}]{0,200}") {
            for text in [format!("---\n{tail}"), format!("+++\n{tail}\n+++\n"), format!("[#]: {tail}"), tail.clone()] {
                let s = split(&text);
                prop_assert_eq!(s.body, body_of(&text));
                let _ = heading_title(s.body);
            }
        }

        #[test]
        fn split_any_unicode(text in "\\PC{0,300}") {
            let _ = split(&text);
            let _ = heading_title(&text);
        }
    }
}

#[test]
fn a_thumbnail_other_than_the_header_image_is_kept() {
    let text = "---\ntitle: t\nheadimg: https://a.example/1.jpg\nthumbnail: https://a.example/2.jpg\n---\nbody";
    let m = split(text).meta;
    assert_eq!(m.image.as_deref(), Some("https://a.example/1.jpg"));
    assert_eq!(
        m.extra,
        vec![(
            "thumbnail".to_string(),
            "https://a.example/2.jpg".to_string()
        )]
    );
}

/// Shaped like a Pelican post: `Key: value` lines, no fence, a blank line, then Markdown whose
/// first heading is not the title.
const PELICAN: &str = "Title: Weekly Notes 12: Borrowing\nNumber: 12\nDate: 2014-03-09 12:00\n\
                       Category: Newsletter\nTags: rust, weekly,  notes\nAuthor: Ann Smith\n\
                       Summary: What happened\n  this week\n\n\nHello readers!\n\nNews\n====\n";

#[test]
fn pelican_metadata_header() {
    let s = split(PELICAN);
    assert_eq!(s.kind, FrontMatterKind::Metadata);
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    let m = &s.meta;
    assert_eq!(m.title.as_deref(), Some("Weekly Notes 12: Borrowing"));
    assert_eq!(m.date.as_deref(), Some("2014-03-09 12:00"));
    assert_eq!(m.flat_categories, strings(&["Newsletter"]));
    assert!(m.categories.is_empty());
    assert_eq!(m.tags, strings(&["rust", "weekly", "notes"]));
    assert_eq!(m.author.as_deref(), Some("Ann Smith"));
    assert_eq!(extra(m, "Number"), Some("12"));
    assert_eq!(extra(m, "Summary"), Some("What happened this week"));
    // The header is not part of what is rendered.
    assert_eq!(s.body, "Hello readers!\n\nNews\n====\n");
    assert_eq!(body_of(PELICAN), s.body);
}

#[test]
fn prose_with_a_colon_is_not_a_metadata_header() {
    for text in [
        "Note: this article is old.\n\nTitle: not metadata\n",
        "Title: looks like one\nbut this line is prose\n\nmore\n",
        "注意: 这不是元数据\n\n正文\n",
    ] {
        let s = split(text);
        assert_eq!((s.kind, s.body), (FrontMatterKind::None, text), "{text:?}");
        assert_eq!(s.meta, Meta::default());
    }
}

#[test]
fn a_date_only_in_the_path_key() {
    let s = split("+++\ntitle = \"路径里的日期\"\npath = \"2025/06/26/lu-jing\"\n+++\nbody");
    assert_eq!(s.meta.date.as_deref(), Some("2025-06-26"));
    assert!(s.meta.date_from_address);
    // The address is kept: it is more than a date.
    assert_eq!(extra(&s.meta, "path"), Some("2025/06/26/lu-jing"));
    // A date key wins; a path without a whole day gives none.
    let s = split("+++\ndate = 2024-01-02\npath = \"2025/06/26/x\"\n+++\n");
    assert_eq!(s.meta.date.as_deref(), Some("2024-01-02"));
    assert!(!s.meta.date_from_address);
    let s = split("---\npermalink: /blog/2025/06/x/\n---\n");
    assert_eq!((s.meta.date, s.meta.date_from_address), (None, false));
}
