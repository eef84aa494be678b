//! Rendering article bodies: the four layout rules on every line of our Chinese and English
//! fixtures at many widths, and the features around them (images, links, tables, budgets).

use gazette::text::{BodyFormat, Line, MAX_BODY_BYTES, Rendered, SpanStyle, detect_format, render};

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

const WIDTHS: [usize; 9] = [1, 2, 5, 10, 20, 40, 41, 80, 200];

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/text/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).expect("fixture")
}

fn text(line: &Line) -> String {
    line.spans.iter().map(|s| s.text.as_str()).collect()
}

fn is_closing(c: char) -> bool {
    "，。、；：？！）」』”’》】〉…,.;:!?)]}".contains(c)
}

/// Splits a line into its block prefix (`> `, `* `, `12. `, indentation) and its content.
fn split_prefix(line: &str) -> (&str, &str) {
    let mut rest = line;
    loop {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if let Some(r) = rest.strip_prefix("> ").or_else(|| rest.strip_prefix("* ")) {
            rest = r;
        } else if digits > 0 && rest[digits..].starts_with(". ") {
            rest = &rest[digits + 2..];
        } else if let Some(r) = rest.strip_prefix(' ') {
            rest = r;
        } else {
            return (&line[..line.len() - rest.len()], rest);
        }
    }
}

/// Code and table lines are laid out as given, not re-flowed: rules 2 and 3 do not apply.
fn laid_out_as_given(line: &Line) -> bool {
    line.spans.iter().any(|s| s.style.code)
        || text(line).contains(|c| ('\u{2500}'..='\u{257f}').contains(&c))
}

/// Latin words of the source (tags removed), for rule 3.
fn latin_words(body: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => plain.push(c),
            _ => plain.push(' '),
        }
    }
    plain
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.len() > 1)
        .map(str::to_string)
        .collect()
}

/// Asserts the four rules on every line of `r` rendered at `width` from `body`:
/// 1. no line wider than `width`;
/// 2. no line starts with closing punctuation unless the line above could not take it;
/// 3. no Latin word of the source is split unless it alone is wider than the text column;
/// 4. no blank line first or last, never two blank lines in a row.
fn check_rules(r: &Rendered, width: usize, body: &str) {
    let words = latin_words(body);
    let lines: Vec<String> = r.lines.iter().map(text).collect();
    // Tables are laid out by html2text (cells wrapped by its rules); only rules 1 and 4 hold
    // there. Our fixtures hold one table at most: the lines from its first border on.
    let is_border =
        |l: &String| l.contains(|c| ('\u{2500}'..='\u{257f}').contains(&c)) || l.starts_with("///");
    let table = lines
        .iter()
        .position(is_border)
        .zip(lines.iter().rposition(is_border));
    let ctx = |i: usize| {
        let around = lines[i.saturating_sub(6)..(i + 3).min(lines.len())].join("|\n");
        format!("width {width}, line {i}: {:?}\n{around}|", lines[i])
    };
    for (i, line) in lines.iter().enumerate() {
        assert!(line.width() <= width, "rule 1, {}", ctx(i));
        let blank = line.trim().is_empty();
        assert!(
            !(blank && (i == 0 || i + 1 == lines.len())),
            "rule 4 (edge), {}",
            ctx(i)
        );
        assert!(
            !(blank && i > 0 && lines[i - 1].trim().is_empty()),
            "rule 4 (double), {}",
            ctx(i)
        );
        if i == 0 || blank || lines[i - 1].trim().is_empty() {
            continue;
        }
        let in_table = table.is_some_and(|(a, b)| (a..=b + 1).contains(&i));
        if in_table || laid_out_as_given(&r.lines[i]) || laid_out_as_given(&r.lines[i - 1]) {
            continue;
        }
        let (_, content) = split_prefix(line);
        let above = &lines[i - 1];
        if let Some(c) = content.chars().next().filter(|&c| is_closing(c)) {
            // After a narrow character the source may have had a space before `c` (`word )`),
            // which the line above would have had to take too.
            let gap = above
                .chars()
                .last()
                .map_or(0, |a| usize::from(a.width() == Some(1)));
            let could_not = above.width() + gap + c.width().unwrap_or(0) > width;
            assert!(could_not, "rule 2, {}", ctx(i));
        }
        let head: String = content
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        let tail: String = {
            let t: Vec<char> = above
                .chars()
                .rev()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            t.into_iter().rev().collect()
        };
        if !head.is_empty() && !tail.is_empty() {
            let joined = format!("{tail}{head}");
            let (above_prefix, above_content) = split_prefix(above);
            let column = width - above_prefix.width();
            // Where the fragments are bounded by other characters, they are a word's ends.
            let (starts, ends) = (tail.len() < above_content.len(), head.len() < content.len());
            let split = words.iter().any(|w| {
                let fits = w.len() <= column;
                fits && match (starts, ends) {
                    (true, true) => *w == joined,
                    (true, false) => w.starts_with(&joined),
                    (false, true) => w.ends_with(&joined),
                    (false, false) => w.contains(&joined),
                }
            });
            assert!(!split, "rule 3 ({joined}), {}", ctx(i));
        }
    }
}

fn render_all(name: &str) -> Vec<(usize, Rendered)> {
    let body = fixture(name);
    WIDTHS
        .iter()
        .map(|&w| {
            let r = render(&body, detect_format(&body), w);
            check_rules(&r, w, &body);
            (w, r)
        })
        .collect()
}

#[test]
fn fixtures_keep_the_rules_at_every_width() {
    for name in ["primary.html", "english.html", "table.html", "mixed.md"] {
        for (w, r) in render_all(name) {
            assert!(!r.lines.is_empty(), "{name} at {w} is empty");
        }
    }
}

#[test]
fn every_width_from_1_to_300_keeps_rules() {
    let body = fixture("primary.html") + &fixture("english.html");
    for w in 1..=300 {
        check_rules(&render(&body, BodyFormat::Html, w), w, &body);
    }
}

fn lines(r: &Rendered) -> Vec<String> {
    r.lines.iter().map(text).collect()
}

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
fn deep_nesting_falls_back_instead_of_failing_when_narrow() {
    let body = "<ul><li>level one<ul><li>level two<ul><li>level three\
                <blockquote>quoted words inside</blockquote></li></ul></li></ul></li></ul>\
                <ul><li><table><tr><td>cell a</td><td>cell b</td><td>cell c</td></tr></table></li></ul>";
    for w in 1..=5 {
        let r = render(body, BodyFormat::Html, w);
        check_rules(&r, w, body);
        let all: String = lines(&r)
            .iter()
            .map(|l| split_prefix(l).1.replace(' ', ""))
            .collect();
        for word in ["levelone", "leveltwo", "levelthree", "quotedwordsinside"] {
            assert!(all.contains(word), "{word} missing at {w}: {:?}", lines(&r));
        }
    }
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
        assert!(
            lines(&r)
                .iter()
                .any(|l| l.contains('│') || l.contains("///")),
            "no table at {w}"
        );
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
        assert!(plain.contains("]52;c;ZXZpbA==") || w < 20);
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

#[test]
fn never_empty_for_a_visible_body() {
    for body in [
        "<img>",
        "<script>x</script>",
        "<p></p>",
        "plain words",
        "<",
        "&",
        "<table>",
    ] {
        let r = render(body, detect_format(body), 10);
        assert!(!r.lines.is_empty(), "{body:?}");
        check_rules(&r, 10, body);
    }
    assert!(render("", BodyFormat::Html, 10).lines.is_empty());
    assert!(render("  \n ", BodyFormat::Markdown, 10).lines.is_empty());
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("<p>".to_string()),
            Just("</p>".to_string()),
            Just("<div>".to_string()),
            Just("</div>".to_string()),
            Just("<ul><li>".to_string()),
            Just("<ol><li>".to_string()),
            Just("</li>".to_string()),
            Just("<blockquote>".to_string()),
            Just("</blockquote>".to_string()),
            Just("<table><tr><td>".to_string()),
            Just("</td><td>".to_string()),
            Just("<pre>".to_string()),
            Just("</pre>".to_string()),
            Just("<b>".to_string()),
            Just("<a href=\"https://e.example/\">".to_string()),
            Just("</a>".to_string()),
            Just("<img src=\"i.png\" alt>".to_string()),
            Just("<br>".to_string()),
            Just("<h2>".to_string()),
            Just("&#27;&amp;&lt;".to_string()),
            Just("\n\t ".to_string()),
            "[a-zA-Z ,.()]{0,12}",
            "[中文字，。（）“”、]{0,10}",
            "\\PC{0,6}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
        #[test]
        fn html_ish_input_keeps_width_and_blank_lines(
            pieces in proptest::collection::vec(piece(), 0..30),
            width in 1usize..300,
        ) {
            let body = pieces.concat();
            for format in [BodyFormat::Html, BodyFormat::Markdown] {
                let r = render(&body, format, width);
                let all = lines(&r);
                for (i, l) in all.iter().enumerate() {
                    prop_assert!(l.width() <= width, "{l:?} at {width}");
                    let blank = l.trim().is_empty();
                    prop_assert!(!(blank && (i == 0 || i + 1 == all.len())));
                    prop_assert!(!(blank && i > 0 && all[i - 1].trim().is_empty()));
                    prop_assert!(!l.contains(|c: char| c.is_control()));
                }
            }
        }
    }
}
