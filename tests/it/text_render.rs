//! Rendering article bodies: images, links, styles, tables, Markdown, and the budgets that
//! keep hostile input cheap.

use crate::support::text as text_support;

use gazette::text::{BodyFormat, MAX_BODY_BYTES, SpanStyle, detect_format, render};
use text_support::*;
use unicode_width::UnicodeWidthStr;

#[test]
fn primary_format_images_get_placeholders_with_captions_under_them() {
    let body = fixture("primary.html");
    let r = render(&body, BodyFormat::Html, 80);
    let base = "https://img.example.org/2023/05/";
    let expected: Vec<String> = ["head.jpg", "hall.jpg", "kids.jpg", "roof.jpeg"]
        .iter()
        .map(|f| format!("{base}{f}"))
        .collect();
    assert_eq!(r.images, expected);
    let all = lines(&r);
    let captions = [
        "新馆阅览大厅一角 记者摄",
        "孩子们在“科学探索”区体验显微镜 图自馆方",
        "屋顶光伏板 图自馆方",
    ];
    let mut seen = Vec::new();
    for (i, line) in r.lines.iter().enumerate() {
        let Some(n) = line.spans.iter().find_map(|s| s.style.image) else {
            continue;
        };
        assert_eq!(all[i], format!("[image {n}]"));
        seen.push(n);
        if n > 1 {
            // One blank line, then the caption paragraph.
            assert_eq!(all[i + 1], "");
            assert_eq!(all[i + 2], captions[n as usize - 2]);
        }
    }
    assert_eq!(seen, [1, 2, 3, 4]);
    assert_eq!(all[0], "[image 1]");
    assert!(all[2].starts_with("据本报记者"));
    // The acronym inside Chinese is never split at any width where it fits.
    for w in [8, 9, 10, 11, 12, 13, 14, 21, 33] {
        let r = render(&body, BodyFormat::Html, w);
        assert!(
            lines(&r).iter().any(|l| l.contains("UNESCO")),
            "UNESCO split at {w}"
        );
    }
}

#[test]
fn links_are_numbered_deduplicated_and_listed() {
    let body = fixture("english.html");
    let r = render(&body, BodyFormat::Html, 80);
    assert_eq!(
        r.links,
        [
            "https://slow.example.net/manifesto",
            "https://archive.example.com/2023/feeds?id=7&lang=en",
            "https://video.example.com/embed/abc123",
        ]
    );
    let all = lines(&r).join("\n");
    assert!(all.contains("the slow web[1]"), "{all}");
    assert!(all.contains("manifesto[1]"));
    assert!(all.contains("feed archive[2]"));
    let numbered: Vec<_> = r
        .lines
        .iter()
        .flat_map(|l| &l.spans)
        .filter(|s| s.text.contains("[2]"))
        .collect();
    assert_eq!(numbered.len(), 1);
    assert_eq!(numbered[0].text, "feed archive[2]");
    assert_eq!(numbered[0].style.link, Some(2));
    let plain = r.to_plain();
    assert!(plain.ends_with(
        "\n\n[1] https://slow.example.net/manifesto\n\
         [2] https://archive.example.com/2023/feeds?id=7&lang=en\n\
         [3] https://video.example.com/embed/abc123"
    ));
    assert!(!plain.contains("\n\n\n"));
}

#[test]
fn scripts_and_styles_are_dropped_and_iframes_become_links() {
    let body = fixture("english.html");
    let all = lines(&render(&body, BodyFormat::Html, 60)).join("\n");
    for hidden in [
        "never shown",
        "document.write",
        "color: red",
        "raw fallback text",
        "<iframe",
    ] {
        assert!(!all.contains(hidden), "{hidden} leaked:\n{all}");
    }
    assert!(all.contains("[embedded frame][3]"));
}

#[test]
fn styles_follow_the_markup() {
    let body = fixture("english.html");
    let r = render(&body, BodyFormat::Html, 100);
    let style_of = |needle: &str| -> SpanStyle {
        r.lines
            .iter()
            .flat_map(|l| &l.spans)
            .find(|s| s.text.contains(needle))
            .expect(needle)
            .style
    };
    assert!(style_of("Meetup").heading && style_of("Meetup").bold);
    assert!(style_of("plain").italic);
    assert!(style_of("fast").bold);
    assert!(style_of("refuse").strike);
    assert!(style_of("robots.txt").code);
    assert!(style_of("wc -l").code);
    assert!(style_of("we made it heavy").quote);
    assert_eq!(style_of("slow web").link, Some(1));
    let all = lines(&r);
    assert!(all.contains(&"1. Arrive early.".to_string()));
    assert!(
        all.iter()
            .any(|l| l.starts_with("> The web was never slow"))
    );
    assert!(
        all.contains(&"    1207".to_string()),
        "pre keeps its indentation"
    );
}

#[test]
fn hanging_indent_under_list_bullets_and_quotes() {
    let body = "<ul><li>alpha beta gamma delta epsilon zeta eta theta</li></ul>\
                <blockquote>一二三四五六七八九十一二三四五六七八九十</blockquote>";
    let r = render(body, BodyFormat::Html, 16);
    assert_eq!(
        lines(&r),
        [
            "* alpha beta",
            "  gamma delta",
            "  epsilon zeta",
            "  eta theta",
            "",
            "> 一二三四五六七",
            "> 八九十一二三四",
            "> 五六七八九十",
        ]
    );
}

#[test]
fn tables_fit_and_keep_their_cells() {
    let body = fixture("table.html");
    let r = render(&body, BodyFormat::Html, 80);
    let all = lines(&r).join("\n");
    for cell in [
        "上海 Shanghai",
        "24,870,895",
        "Reykjavík",
        "Northernmost capital of a sovereign",
    ] {
        assert!(all.contains(cell), "{cell} missing:\n{all}");
    }
    assert_eq!(r.links, ["https://example.org/chengdu"]);
    for w in [3, 7, 15, 30, 50] {
        let r = render(&body, BodyFormat::Html, w);
        assert!(r.lines.iter().all(|l| text(l).width() <= w));
        // Too narrow for its words, the grid becomes its cells one after another.
        let squeezed: String = lines(&r).iter().map(|l| l.trim().to_string()).collect();
        let grid = lines(&r).iter().any(|l| l.contains('│'));
        assert!(grid || squeezed.contains("Reykjavík"), "cell lost at {w}");
        assert!(grid || w < 30, "no table at {w}");
    }
}

#[test]
fn markdown_goes_through_html() {
    let body = fixture("mixed.md");
    assert_eq!(detect_format(&body), BodyFormat::Markdown);
    assert_eq!(detect_format("\n  <div>x</div>"), BodyFormat::Html);
    let r = render(&body, BodyFormat::Markdown, 60);
    let all = lines(&r);
    assert_eq!(all[0], "慢网络：一次聚会的笔记");
    assert!(r.lines[0].spans[0].style.heading);
    assert!(all.iter().any(|l| l.starts_with("* 第一点")));
    assert!(all.iter().any(|l| l.starts_with("  1. 保持简单；")));
    assert!(all.iter().any(|l| l.starts_with("> 网络从来不慢")));
    assert_eq!(
        r.links,
        [
            "https://slow.example.net/manifesto",
            "https://slow.example.net/notes"
        ]
    );
}

#[test]
fn source_line_breaks_inside_chinese_leave_no_spaces() {
    let md = "这一段中文在源文件里\n被手工折行，\nbut English words\nkeep their spaces。\n";
    let r = render(md, BodyFormat::Markdown, 80);
    assert_eq!(
        lines(&r),
        ["这一段中文在源文件里被手工折行， but English words keep their spaces。"]
    );
    let html = "<p>第一行\n第二行</p><pre>代码\n代码</pre>";
    assert_eq!(
        lines(&render(html, BodyFormat::Html, 80)),
        ["第一行第二行", "", "代码", "代码"]
    );
}

#[test]
fn entities_never_produce_control_characters() {
    let body = "<p>a&#27;]52;c;ZXZpbA==&#7;b &#x1b;[2J &#x9b;31m &#1;&#127;c</p>\
                <p><a href=\"https://x.example/&#27;]52;\">l&#27;ink</a><img src=\"i&#27;.png\" alt=\"&#27;[31m\"></p>";
    for w in [1, 10, 80] {
        let r = render(body, BodyFormat::Html, w);
        let plain = r.to_plain();
        assert!(
            !plain.contains(|c: char| c.is_control() && c != '\n'),
            "{plain:?}"
        );
        // The sequences go whole, their parameters too (issue 14, item 9).
        assert!(
            !plain.contains("52;c;") && !plain.contains("[2J"),
            "{plain:?}"
        );
    }
    let r = render(body, BodyFormat::Markdown, 80);
    assert!(!r.to_plain().contains('\u{1b}'));
}

#[test]
fn paragraphs_are_separated_by_exactly_one_blank_line() {
    let body = "<div><br><br><p>one</p><p></p><p> </p><br><br><br><p>two</p>\
                <div><div><p>three</p></div></div><br><br></div>";
    assert_eq!(
        lines(&render(body, BodyFormat::Html, 40)),
        ["one", "", "two", "", "three"]
    );
}

#[test]
fn wide_characters_never_overflow_width_one() {
    let r = render("<p>中文，English。</p>", BodyFormat::Html, 1);
    assert!(r.lines.iter().all(|l| text(l).width() <= 1));
    assert_eq!(
        lines(&r)[0],
        "?",
        "a CJK character alone is wider than the line"
    );
    let r = render("<p>中文</p>", BodyFormat::Html, 0);
    assert_eq!(lines(&r), ["?", "?"]);
}

#[test]
fn hostile_depth_is_bounded() {
    let n = 100_000;
    let body = format!("{}deep inner text{}", "<div>".repeat(n), "</div>".repeat(n));
    let r = render(&body, BodyFormat::Html, 80);
    assert!(lines(&r).iter().any(|l| l.contains("deep inner text")));
    let body = format!(
        "{}quoted deep{}",
        "<blockquote><ul><li>".repeat(20_000),
        "</li></ul></blockquote>"
    );
    let r = render(&body, BodyFormat::Html, 30);
    check_rules(&r, 30, &body);
    assert!(lines(&r).concat().contains("quoted deep"));
}

#[test]
fn huge_bodies_are_cut_with_a_note() {
    let para = "这是一段没有任何标点的很长的中文文字".repeat(40_000); // ~2.2 MB
    let body = format!("<p>{para}</p>");
    let r = render(&body, BodyFormat::Html, 40);
    let notes: Vec<String> = r
        .lines
        .iter()
        .rev()
        .take_while(|l| l.spans.iter().all(|s| s.style.note) && !l.spans.is_empty())
        .map(text)
        .collect();
    let note: Vec<String> = notes.into_iter().rev().collect();
    assert_eq!(
        note.join(" "),
        format!(
            "[gazette: article cut at 1 MiB of {:.1} MiB]",
            body.len() as f64 / 1048576.0
        )
    );
    assert!(r.lines.len() > 10_000);
    assert!(r.lines.iter().all(|l| text(l).width() <= 40));
    // A paragraph with no break opportunity at all is broken by columns, once.
    let body = format!("<p>{}</p>", "x".repeat(2_000_000));
    let r = render(&body, BodyFormat::Html, 50);
    let full = r.lines.iter().filter(|l| text(l).width() == 50).count();
    assert_eq!(
        full,
        MAX_BODY_BYTES / 50,
        "every line full but the last one and the note"
    );
}
