//! Unit tests of the pieces; whole-article behaviour is tested in `tests/text_render.rs`.

use unicode_width::UnicodeWidthStr;

use super::*;

fn texts(lines: &[Line]) -> Vec<String> {
    lines.iter().map(Line::text).collect()
}

fn wrapped(s: &str, width: usize) -> Vec<String> {
    texts(&wrap(s, SpanStyle::default(), width))
}

#[test]
fn wrap_keeps_latin_words_and_moves_punctuation_with_a_character() {
    assert_eq!(
        wrapped("集安组织（CSTO）秘书处", 12),
        ["集安组织", "（CSTO）秘书", "处"]
    );
    // The comma may not start a line: the character before it comes down too.
    assert_eq!(wrapped("中文中文，好", 8), ["中文中", "文，好"]);
    // The word fits the line but not with its comma: the word stays whole.
    assert_eq!(wrapped("CSTO，", 5), ["CSTO", "，"]);
    assert_eq!(
        wrapped("hello world, again", 11),
        ["hello", "world,", "again"]
    );
    assert_eq!(
        wrapped("internationalization", 8),
        ["internat", "ionaliza", "tion"]
    );
    assert_eq!(wrapped("“你好”他说", 4), ["“你", "好”", "他说"]);
}

#[test]
fn wrap_never_exceeds_the_width() {
    assert_eq!(wrapped("中", 1), ["?"]);
    assert_eq!(wrapped("a中b", 1), ["a", "?", "b"]);
    assert_eq!(wrapped("❤\u{fe0f}❤\u{fe0f}", 2), ["❤\u{fe0f}", "❤\u{fe0f}"]);
    for w in 1..12 {
        for line in wrap(
            "e\u{301}\u{301}x 👨\u{200d}👩\u{200d}👧 文字",
            SpanStyle::default(),
            w,
        ) {
            assert!(line_width(&line) <= w);
        }
    }
    assert_eq!(wrapped("", 5), [""]);
    assert!(wrapped("  ", 5).iter().all(|l| l.trim().is_empty()));
}

#[test]
fn wrap_is_linear_on_a_paragraph_without_break_opportunities() {
    let long = "x".repeat(300_000);
    let lines = wrap(&long, SpanStyle::default(), 7);
    assert_eq!(lines.len(), 300_000usize.div_ceil(7));
    let cjk = "。".repeat(100_000);
    assert!(
        wrap(&cjk, SpanStyle::default(), 3)
            .iter()
            .all(|l| line_width(l) == 2)
    );
}

#[test]
fn prepass_bounds_depth_but_not_sloppy_markup() {
    let deep = format!("{}x{}", "<div>".repeat(5000), "</div>".repeat(5000));
    let p = prepass::prepare(&deep);
    assert_eq!(p.html.matches("<div>").count(), open::MAX_DEPTH);
    assert_eq!(p.html.matches("</div>").count(), open::MAX_DEPTH);
    assert!(p.html.contains('x'));
    // Unclosed items and paragraphs close each other, as in HTML: nothing is dropped.
    let sloppy = format!(
        "<ul>{}</ul>{}",
        "<li>item".repeat(500),
        "<p>para".repeat(500)
    );
    let p = prepass::prepare(&sloppy);
    assert_eq!(p.html.matches("<li>").count(), 500);
    assert_eq!(p.html.matches("<p>").count(), 500);
}

#[test]
fn prepass_drops_hidden_elements_and_rewrites_iframes_and_images() {
    let src = "<p title='a > b'>x</p><script>if (a<b) {document.write('<div>')}</script>\
               <STYLE>p{}</STYLE><!-- <p>comment</p> --><iframe src=\"https://v.example/e?a=1\">no</iframe>\
               <img data-src=\"https://i.example/l.jpg\"><img src=a.png alt=\"cat\">";
    let html = prepass::prepare(src).html;
    assert_eq!(
        html,
        "<p title='a > b'>x</p> <a href=\"https://v.example/e?a=1\">[embedded frame]</a> \
         <img data-src=\"https://i.example/l.jpg\" src=\"https://i.example/l.jpg\" alt=\"image\">\
         <img src=a.png alt=\"cat\">"
    );
}

#[test]
fn prepass_lifts_outer_tables_and_flattens_deeply_nested_ones() {
    let src =
        "<p>a</p><table><tr><td><table><tr><td>in</td></tr></table></td></tr></table><p>b</p>";
    let p = prepass::prepare(src);
    assert_eq!(p.tables.len(), 1);
    assert!(p.tables[0].starts_with("<table>") && p.tables[0].ends_with("</table>"));
    assert_eq!(
        p.html,
        format!("<p>a</p><div>{0}0{0}</div><p>b</p>", html::TABLE)
    );
    let nested = format!(
        "{}deep{}",
        "<table><tr><td>".repeat(10),
        "</td></tr></table>".repeat(10)
    );
    let p = prepass::prepare(&nested);
    assert_eq!(p.tables[0].matches("<table>").count(), 3);
    assert!(p.tables[0].contains("deep"));
}

#[test]
fn prepass_caps_runs_of_line_breaks() {
    let p = prepass::prepare(&format!(
        "a{}b<pre>{}</pre>",
        "<br>".repeat(50),
        "\n".repeat(50)
    ));
    assert_eq!(p.html, "a<br><br>b<pre>\n\n</pre>");
}

#[test]
fn character_references_to_controls_are_removed() {
    assert_eq!(
        // An ESC takes the letter after it: `ESC b` and `ESC c` are whole escape sequences.
        tag::scrub_char_refs("a&#27;b&#x1B;c&#x9b;d&#150;e&#1f&#0;&#65;"),
        "a&#x9b;d&#150;efA".replace("A", "&#65;")
    );
    assert_eq!(tag::scrub_char_refs("&#xE007;&amp;"), "&amp;");
}

#[test]
fn budget_cuts_at_a_character_boundary() {
    let body = "中".repeat(MAX_BODY_BYTES);
    let (cut, note) = budget::cut(&body);
    assert!(cut.len() <= MAX_BODY_BYTES && cut.len() > MAX_BODY_BYTES - 3);
    assert_eq!(note.unwrap(), "[gazette: article cut at 1 MiB of 3.0 MiB]");
    let (kept, note) = budget::cut("short");
    assert_eq!((kept.as_ref(), note), ("short", None));
}

#[test]
fn reference_lines_fit_the_width() {
    let body = "<p><a href='https://example.com/a/very/long/path/that/will/not/fit'>x</a><img src='p.png'></p>";
    let r = render(body, BodyFormat::Html, 20);
    let refs = r.reference_lines(20);
    assert!(refs.iter().all(|l| line_width(l) <= 20));
    assert_eq!(texts(&refs)[0], "[1] https://example.");
    assert_eq!(texts(&refs).last().unwrap(), "[image 1] p.png");
    assert_eq!(refs[0].spans[1].style.link, Some(1));
    assert!(r.to_plain().ends_with(
        "\n\n[1] https://example.com/a/very/long/path/that/will/not/fit\n[image 1] p.png"
    ));
}

#[test]
fn unformatted_fallback_keeps_the_text_and_tables() {
    let p = prepass::prepare(
        "<p>one &amp; <b>two</b></p><table><tr><td>cell</td></tr></table><p>&#x4e09;</p>",
    );
    let lines = texts(&budget::tidy_blank_lines(unformatted(&p, 10)));
    assert_eq!(lines, ["one & two", "", "cell", "", "三"]);
}

/// The line above `line` "could not take" the punctuation run starting `line`.
fn could_not_take(above: &str, gap: usize, line: &str, width: usize) -> bool {
    let run: String = line
        .chars()
        .take_while(|&c| breaks::is_closing(c))
        .collect();
    above.width() + gap + run.width() > width
}

/// True when `tail` (ending the line above) and `head` (starting the next) are two parts of
/// one source word that would have fitted the width.
fn splits_word(
    words: &[&str],
    above: &str,
    tail: &str,
    line: &str,
    head: &str,
    width: usize,
) -> bool {
    let joined = format!("{tail}{head}");
    let (starts, ends) = (tail.len() < above.len(), head.len() < line.len());
    words.iter().any(|w| {
        w.len() <= width
            && match (starts, ends) {
                (true, true) => *w == joined,
                (true, false) => w.starts_with(&joined),
                (false, true) => w.ends_with(&joined),
                (false, false) => w.contains(&joined),
            }
    })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, ..Default::default() })]
    /// Rules 1–3 on mixed Chinese, Latin and punctuation, at widths 2..30 (at width 1 every
    /// CJK character becomes `?`, and each character stands alone).
    #[test]
    fn wrap_keeps_the_rules(
        pieces in proptest::collection::vec(proptest::prop_oneof![
            "[a-z]{1,9}", "[A-Z]{2,5}", "[中文字词句]{1,6}", "[，。、）」”…]", "[（「“]", " ", "[,.;:!?)]",
        ], 0..30),
        width in 2usize..30,
    ) {
        let text = pieces.concat();
        let out = wrap(&text, SpanStyle::default(), width);
        let lines = texts(&out);
        let words: Vec<&str> =
            text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
        let mut pos = 0;
        for (i, line) in lines.iter().enumerate() {
            proptest::prop_assert!(line.width() <= width);
            // Lines are the source in order, less the spaces at the breaks.
            let at = text[pos..].find(line.as_str()).expect("line from the source") + pos;
            let gap = text[pos..at].width();
            pos = at + line.len();
            if i == 0 {
                continue;
            }
            let above = &lines[i - 1];
            // A Chinese paragraph is set to its measure, not the width (see `cjk::measure`).
            let room = if cjk::mostly_wide(text.chars()) { cjk::measure(width) } else { width };
            if line.starts_with(breaks::is_closing) {
                proptest::prop_assert!(could_not_take(above, gap, line, room), "{lines:?}");
            }
            let head: String = line.chars().take_while(char::is_ascii_alphanumeric).collect();
            let tail: String = above.chars().rev().take_while(char::is_ascii_alphanumeric).collect();
            let tail: String = tail.chars().rev().collect();
            if !head.is_empty() && !tail.is_empty() {
                let split = splits_word(&words, above, &tail, line, &head, room);
                proptest::prop_assert!(!split, "{lines:?}");
            }
        }
    }
}

#[test]
fn dashes_and_ellipses_stay_with_the_text_before_them() {
    assert_eq!(wrapped("甲乙丙丁——戊己", 8), ["甲乙丙", "丁——戊己"]);
    assert_eq!(wrapped("甲乙丙丁……戊己", 8), ["甲乙丙", "丁……戊己"]);
    assert_eq!(wrapped("and so on — then", 10), ["and so", "on — then"]);
}

#[test]
fn urls_break_in_their_path_only() {
    // UAX #14 alone would leave `https://` at the end of the first line.
    assert_eq!(
        wrapped("see https://example.com/a/b?q=1&r=2", 16),
        ["see", "https://example.", "com/a/b?q=1&r=2"]
    );
    // A host wider than the line is cut, but never right after `://`.
    assert_eq!(
        wrapped("see https://example.com/a/b?q=1&r=2", 14),
        ["see", "https://exampl", "e.com/a/b?q=1&", "r=2"]
    );
}

#[test]
fn table_cells_are_told_where_to_break() {
    let zw = '\u{200B}';
    assert_eq!(
        breaks::mark_cell_breaks("说明（括号）内容，还有", None),
        format!("说{zw}明{zw}（括{zw}号）{zw}内{zw}容，{zw}还{zw}有")
    );
    // Joined with the text before (a code span): no break before the comma.
    assert_eq!(
        breaks::mark_cell_breaks("，好", Some('x')),
        format!("，{zw}好")
    );
    assert_eq!(
        breaks::mark_cell_breaks("a &amp; b …… c&shy;d", None),
        "a &amp; b\u{A0}…… c\u{200B}d"
    );
}

#[test]
fn protocol_relative_urls_take_https() {
    assert_eq!(
        layout::clean_url("//cdn.example.com/x"),
        "https://cdn.example.com/x"
    );
    assert_eq!(layout::clean_url("///x"), "///x");
    assert_eq!(layout::clean_url("/x"), "/x");
}

#[test]
fn image_sizes_are_dropped_outside_code() {
    assert_eq!(
        markdown::drop_image_sizes("![](a.png =500x) ![b](c.png =500x300) [t](u =x) ![](d =x9)"),
        "![](a.png) ![b](c.png) [t](u =x) ![](d)"
    );
    assert_eq!(markdown::drop_image_sizes("[a](b = c)"), "[a](b = c)");
    let fenced = "```\n![](a.png =500x)\n```\n";
    assert_eq!(markdown::drop_image_sizes(fenced), fenced);
}

#[test]
fn the_checker_tells_faults_from_forced_starts_and_item_starts() {
    // Lines after the first are wrapped lines of one logical line (start > 0).
    let line = |s: &str, start: u32| Line {
        spans: vec![Span {
            text: s.to_string(),
            style: SpanStyle::default(),
        }],
        start,
    };
    let kinds = |ls: &[&str], w: usize| -> Vec<check::FaultKind> {
        let lines: Vec<Line> = (ls.iter().zip(0u32..))
            .map(|(s, i)| line(s, i * 10))
            .collect();
        check::faults(&lines, w)
            .into_iter()
            .map(|f| f.kind)
            .collect()
    };
    use check::FaultKind::*;
    assert_eq!(kinds(&["中文中文", "，好"], 9), [ClosingStart]);
    assert_eq!(kinds(&["中文中文", "——x"], 9), [DashStart]);
    assert_eq!(kinds(&["abcdefghij", ": x"], 10), [ForcedClosingStart]);
    assert_eq!(kinds(&["abcdefgh", ": x"], 10), [SourceLineStart]);
    // After a hard break the line is the author's, even under a full line.
    let hard = [line("中文中文", 0), line("……好", 0)];
    let hard: Vec<_> = check::faults(&hard, 8)
        .into_iter()
        .map(|f| f.kind)
        .collect();
    assert_eq!(hard, [SourceLineStart]);
    assert_eq!(kinds(&["ab cdefghi", "，x"], 10), [ClosingStart]);
    assert_eq!(kinds(&["a", "* .NET", "12. )x"], 10), []);
    assert_eq!(kinds(&["see https://", "example.com"], 20), [UrlScheme]);
    assert_eq!(kinds(&["a", "", "", "b"], 20), [BlankLines]);
    assert_eq!(kinds(&["soft\u{AD}", "x"], 20), [SoftHyphen]);
    assert_eq!(kinds(&["x│中文", " │）中"], 20), [ClosingStart]);
    assert_eq!(kinds(&["too wide for it"], 5), [TooWide]);
}

#[test]
fn the_checker_finds_the_faults_of_clreq_strict_breaking() {
    // One paragraph: its first line starts at 0, the lines it wraps onto do not.
    let para = |ls: &[&str]| -> Vec<Line> {
        ls.iter()
            .enumerate()
            .map(|(k, s)| Line {
                spans: vec![Span {
                    text: s.to_string(),
                    style: SpanStyle::default(),
                }],
                start: k as u32,
            })
            .collect()
    };
    let kinds = |lines: &[Line], w: usize| -> Vec<check::FaultKind> {
        check::faults(lines, w)
            .into_iter()
            .map(|f| f.kind)
            .collect()
    };
    use check::FaultKind::*;
    assert_eq!(kinds(&para(&["中文中“", "好的”"]), 8), [OpeningEnd]);
    assert_eq!(kinds(&para(&["中文（", "中文）"]), 8), [OpeningEnd]);
    // A line ending with `（` that closes its paragraph leaves nothing it opens below.
    let mut two = para(&["中文（"]);
    two.extend(para(&["中文"]));
    assert_eq!(kinds(&two, 8), []);
    assert_eq!(
        kinds(&para(&["x│中文（ │", " │好的） │"]), 20),
        [OpeningEnd]
    );
    // The word below could not take the bracket; nor, in turn, the bracket's close.
    assert_eq!(
        kinds(&para(&["> (", ">   Verification", ">   )."]), 17),
        [ForcedOpeningEnd, ForcedClosingStart]
    );
    assert_eq!(kinds(&para(&["中文中—", "—好的"]), 8), [SplitPair]);
    assert_eq!(kinds(&para(&["中文中…", "…好的"]), 8), [SplitPair]);
    assert_eq!(kinds(&para(&["中文中文", "……好的"]), 8), [EllipsisStart]);
    assert_eq!(kinds(&para(&["使用 ", "Rust 编写"]), 10), [TrailingSpace]);
    // At 9 columns a Chinese paragraph's measure is 8: a ninth column sticks out.
    assert_eq!(kinds(&para(&["中文中文…", "中文"]), 9), [PastMeasure]);
    assert_eq!(kinds(&para(&["中文中文", "…中文"]), 9), [ClosingStart]);
    // The prefix is not part of the measure: `> ` leaves 7 columns, a measure of 6.
    assert_eq!(kinds(&para(&["> 中文中…", "  中文"]), 9), [PastMeasure]);
    assert_eq!(kinds(&para(&["> 中文中", "  中文"]), 9), []);
    // English is set to the width.
    assert_eq!(kinds(&para(&["abcdefghi", "jk"]), 9), []);
}
