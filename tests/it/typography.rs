//! Typography on the shapes real articles have (issue 14, item 10 and 11): punctuation after
//! inline code and links, quotes around code, brackets in table cells, ellipses and dashes,
//! long URLs and soft hyphens, in Chinese and English, at every width from 20 to 120. The
//! faults are judged by `gazette::text::check`, the checker the `typography-check` example
//! runs on real archives.

use gazette::text::check::{Fault, faults};
use gazette::text::{BodyFormat, Rendered, render};
use proptest::prelude::*;

const WIDTHS: std::ops::RangeInclusive<usize> = 20..=120;

fn texts(r: &Rendered) -> Vec<String> {
    r.lines.iter().map(|l| l.text()).collect()
}

/// Renders `body` at every width and fails with the first faulty line and its context.
fn assert_clean(body: &str, format: BodyFormat) {
    for w in WIDTHS {
        let r = render(body, format, w);
        let found: Vec<Fault> = faults(&r.lines, w);
        if let Some(f) = found.first() {
            let lines = texts(&r);
            let from = f.line.saturating_sub(2);
            panic!(
                "{:?} at width {w}, line {}:\n{}",
                f.kind,
                f.line,
                lines[from..(f.line + 2).min(lines.len())].join("|\n")
            );
        }
    }
}

/// The visible text without spaces or line breaks: what must survive any wrapping.
fn squeezed(r: &Rendered) -> String {
    texts(r).iter().map(|l| l.replace(' ', "")).collect()
}

const CHINESE_MD: &str = "\
# 排版的细节

运行 `cargo build --release`，然后等待编译结束。配置写在 `config.toml`。\
如果出错，请看[官方文档](https://doc.example.org/book/ch01-02.html)，或者[问答区](https://forum.example.org/t/12345)。\
他说“`unsafe`”不可怕，“`Pin`”才难懂。\
这个函数叫 `parse_all_the_things_quickly()`。\
故事还没讲完……后来的事情谁也说不清…大家都沉默了——直到有人开口——打破了安静。\
再试一次`x`，`y`，`z`。结束。

| 名字 | 说明 |
|---|---|
| 甲 | 这是一段很长的说明（其中带有括号）内容，后面还有更多的文字，一直写到这里。 |
| 乙 | 第二行也写得很长很长，目的是让单元格换行（括号里面）也能正确处理。 |

地址：https://www.example.com/2024/06/some-very-long-article-name/index.html?from=rss&utm_source=feed#comments 看完再说。
";

const ENGLISH_MD: &str = "\
# Details of typesetting

Run `cargo build`, then wait. The setting lives in `config.toml`. \
Read [the book](https://doc.example.org/book/), or [the forum](https://forum.example.org/t/1). \
He said \"`unsafe`\" is fine; \"`Pin`\" is hard.\n\
And so it went… on and on — until someone spoke.\n\n\
A long link: https://www.example.com/2024/06/some-very-long-article-name/index.html?from=rss&utm_source=feed#comments ends here.\n\n\
Internation\u{AD}alization and local\u{AD}ization are hyph\u{AD}enated softly in this para\u{AD}graph of text.\n\n\
| name | note |\n|---|---|\n| a | a long note (with brackets) that has to wrap inside its cell, at narrow widths. |\n\n\
* [do not warn on `#[automatically_derived]` …](https://git.example.org/pull/17229) and \
[the meetup (in `Rust`)](https://www.example.com/url?q=https://chat.example.gg/xYz&sa=D)\n\n\
Both http(s)://host.example.org/path/to/page and ws://h.example.org/socket/endpoint/name work.\n\n\
* .NET and .ZIP are names that start with a dot.\n\
* prioritise `http(s)://` over `//` in every link of the page\n\n\
```text\nnote: for further information, visit https://docs.example.org/tools/lints/index.html#some_lint\n```\n";

#[test]
fn chinese_shapes_have_no_faults_at_any_width() {
    assert_clean(CHINESE_MD, BodyFormat::Markdown);
}

#[test]
fn english_shapes_have_no_faults_at_any_width() {
    assert_clean(ENGLISH_MD, BodyFormat::Markdown);
}

#[test]
fn html_shapes_have_no_faults_at_any_width() {
    let html = "<div><p>先运行<code>make</code>，再运行<code>make install</code>。\
                详见<a href=\"https://example.com/a\">说明</a>，以及<a href=\"//cdn.example.com/b\">附录</a>。\
                引号里是代码：“<code>main</code>”，没错。</p>\
                <table><tr><td>第一列（很长很长很长很长很长很长很长很长很长的内容）</td>\
                <td>第二列，同样很长很长很长很长很长很长很长很长很长，“引号”也有。</td></tr></table>\
                <p>soft&shy;hyphen&shy;ated wo&shy;rds in HTML, and a URL https://example.org/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p.</p></div>";
    assert_clean(html, BodyFormat::Html);
}

#[test]
fn text_survives_the_wrapping() {
    for w in WIDTHS {
        let r = render(CHINESE_MD, BodyFormat::Markdown, w);
        let all = squeezed(&r);
        for piece in [
            "运行cargobuild--release，然后等待编译结束。",
            "故事还没讲完……后来的事情谁也说不清…大家都沉默了——直到有人开口——打破了安静。",
        ] {
            assert!(all.contains(piece), "{piece} lost at {w}: {:?}", texts(&r));
        }
    }
}

#[test]
fn a_url_is_never_broken_right_after_its_scheme() {
    let body = "<p>See https://www.example.com/a/very/long/path/name?x=1&y=2 now.</p>";
    for w in WIDTHS {
        let r = render(body, BodyFormat::Html, w);
        let lines = texts(&r);
        assert!(
            lines.iter().all(|l| !l.trim_end().ends_with("://")),
            "width {w}: {lines:?}"
        );
        assert!(
            squeezed(&r).contains("https://www.example.com/a/very/long/path/name?x=1&y=2"),
            "width {w}: {lines:?}"
        );
    }
    // Where the URL has to be broken, it breaks after a separator of its path.
    let lines = texts(&render(body, BodyFormat::Html, 20));
    assert_eq!(
        lines,
        [
            "See https://www.",
            "example.com/a/very/",
            "long/path/name?x=1&",
            "y=2 now."
        ]
    );
}

#[test]
fn the_link_list_breaks_urls_after_path_separators() {
    let body = "<p><a href=\"https://example.com/a/very/long/path/that/will/not/fit\">x</a></p>";
    let r = render(body, BodyFormat::Html, 24);
    let refs: Vec<String> = r.reference_lines(24).iter().map(|l| l.text()).collect();
    assert_eq!(
        refs,
        [
            "[1] https://example.com/",
            "    a/very/long/path/",
            "    that/will/not/fit"
        ]
    );
}

#[test]
fn soft_hyphens_take_no_column_unless_the_line_breaks_there() {
    let body = "<p>Inter\u{AD}national\u{AD}ization</p>";
    let wide = texts(&render(body, BodyFormat::Html, 40));
    assert_eq!(wide, ["Internationalization"]);
    let narrow = texts(&render(body, BodyFormat::Html, 14));
    assert_eq!(narrow, ["International-", "ization"]);
    // The dash needs its column: at 13, the earlier break is taken.
    let tight = texts(&render(body, BodyFormat::Html, 13));
    assert_eq!(tight, ["Inter-", "national-", "ization"]);
}

#[test]
fn protocol_relative_links_and_frames_open_as_https() {
    let body = "<p><a href=\"//player.example.com/v/42\">视频</a></p>\
                <iframe src=\"//embed.example.org/e/7\"></iframe>\
                <p><a href=\"/local/path\">本站</a></p>";
    let r = render(body, BodyFormat::Html, 60);
    assert_eq!(
        r.links,
        [
            "https://player.example.com/v/42",
            "https://embed.example.org/e/7",
            "/local/path"
        ]
    );
}

#[test]
fn inline_scripts_and_styles_do_not_use_up_the_budget() {
    let mut body = String::from("<div><p>开头的一段话。</p>");
    for k in 0..40 {
        body.push_str(&format!(
            "<script>var x{k} = \"{}\";</script><STYLE>.c{k} {{ color: red; }}</STYLE>",
            "x".repeat(40_000)
        ));
        body.push_str(&format!("<p>第{k}段正文。</p>"));
    }
    body.push_str("<p>The last paragraph, after 1.6 MB of markup.</p></div>");
    assert!(body.len() > 3 * gazette::text::MAX_BODY_BYTES / 2);
    let plain = render(&body, BodyFormat::Html, 80).to_plain();
    assert!(plain.contains("第39段正文。"), "{plain}");
    assert!(plain.contains("The last paragraph"), "{plain}");
    assert!(!plain.contains("[gazette: article cut"), "{plain}");
    // Text over the budget is still cut, with its note.
    let long = format!(
        "<p>{}</p>",
        "长文".repeat(gazette::text::MAX_BODY_BYTES / 3)
    );
    let plain = render(&long, BodyFormat::Html, 80).to_plain();
    assert!(plain.contains("[gazette: article cut at 1 MiB of 2.0 MiB]"));
}

#[test]
fn markdown_image_sizes_and_pandoc_attributes_are_not_shown_raw() {
    let md = "# 标签页 {.tabset}\n\n## Second {#second .wide}\n\n\
              ![](https://img.example.com/a.png =500x)\n\n\
              ![一只猫](https://img.example.com/cat.jpg =500x300) 和 ![dog](d.png =x120)\n\n\
              ```\nkeep ![](x.png =500x) in code\n```\n";
    let r = render(md, BodyFormat::Markdown, 60);
    let lines = texts(&r);
    assert_eq!(lines[0], "标签页");
    assert!(lines.contains(&"Second".to_string()), "{lines:?}");
    assert_eq!(
        r.images,
        [
            "https://img.example.com/a.png",
            "https://img.example.com/cat.jpg",
            "d.png"
        ]
    );
    assert!(lines.contains(&"[image 1]".to_string()), "{lines:?}");
    assert!(
        lines.contains(&"[image 2: 一只猫] 和 [image 3: dog]".to_string()),
        "{lines:?}"
    );
    assert!(lines.contains(&"keep ![](x.png =500x) in code".to_string()));
    assert!(lines.iter().all(|l| !l.contains('{')), "{lines:?}");
}

/// Pieces of Chinese and English prose in the shapes that broke on real articles: a word
/// (or code span, link, URL) and the punctuation after it. Punctuation never runs longer
/// than a few characters, as in real text (a run wider than the line cannot be kept whole).
fn piece() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("中文句子"),
        Just("一句稍微长一点的中文句子"),
        Just("words in English "),
        Just("<code>code_span</code>"),
        Just("<code>x</code>"),
        Just("<a href=\"https://example.com/p\">链接</a>"),
        Just("<a href=\"https://example.com/q\">a link</a>"),
        Just("“<code>quoted</code>”"),
        Just("（括号里的话）"),
        Just(" https://www.example.com/path/to/some/page.html?a=1&b=2 "),
        Just("soft\u{AD}hyphen\u{AD}ated "),
    ];
    let punct = prop_oneof![
        Just(""),
        Just("，"),
        Just("。"),
        Just("……"),
        Just("——"),
        Just("”"),
        Just("）。"),
    ];
    (word, punct).prop_map(|(w, p)| format!("{w}{p}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn paragraphs_of_real_shapes_have_no_faults(
        pieces in prop::collection::vec(piece(), 1..40),
        cell in prop::collection::vec(piece(), 1..12),
        width in WIDTHS,
    ) {
        let body = format!(
            "<p>中文{}</p><table><tr><td>表格</td><td>{}</td></tr></table>",
            pieces.concat(),
            cell.concat()
        );
        let r = render(&body, BodyFormat::Html, width);
        let found = faults(&r.lines, width);
        prop_assert!(found.is_empty(), "{:?}\n{}", found, texts(&r).join("|\n"));
    }
}

#[test]
fn a_cut_inside_a_host_never_starts_a_line_with_a_dot() {
    let body = "<p><a href=\"https://mastodon.social/@someone\">toot</a></p>";
    let r = render(body, BodyFormat::Html, 20);
    let refs: Vec<String> = r.reference_lines(20).iter().map(|l| l.text()).collect();
    assert_eq!(
        refs,
        ["[1] https://mastodo", "    n.social/", "    @someone"]
    );
}

#[test]
fn a_grid_too_narrow_for_its_words_is_shown_cell_after_cell() {
    let body = "<table><tr><td>甲</td><td>internationalization, localization.</td>\
                <td>说明（括号）内容，还有（更多）。</td></tr></table>";
    for w in WIDTHS {
        let r = render(body, BodyFormat::Html, w);
        assert_eq!(faults(&r.lines, w), [], "width {w}: {:?}", texts(&r));
    }
    // At 24 columns, html2text's grid would start a cell line with `,`: cells come one
    // after another instead.
    let narrow = texts(&render(body, BodyFormat::Html, 24));
    assert!(narrow.iter().all(|l| !l.contains('│')), "{narrow:?}");
    assert!(
        narrow.iter().any(|l| l.contains("internationalization,")),
        "{narrow:?}"
    );
    // Wide enough, it stays a grid.
    let wide = texts(&render(body, BodyFormat::Html, 80));
    assert!(
        wide.iter()
            .any(|l| l.contains("localization.") && l.contains('│')),
        "{wide:?}"
    );
}

#[test]
fn a_url_inside_a_query_keeps_its_scheme_whole_in_the_link_list() {
    let url = "https://www.example.com/url?q=https://chat.example.gg/xYzAbC&sa=D&source=calendar";
    let body = format!("<p><a href=\"{url}\">聚会</a></p>");
    let r = render(&body, BodyFormat::Html, 80);
    for w in WIDTHS {
        let refs: Vec<String> = r.reference_lines(w).iter().map(|l| l.text()).collect();
        assert_eq!(faults(&r.reference_lines(w), w), [], "width {w}: {refs:?}");
        let joined: String = refs.iter().map(|l| l.trim_start()).collect();
        assert_eq!(joined, format!("[1] {url}"), "width {w}");
    }
}
