//! The four layout rules on every line of our Chinese and English fixtures, at many widths
//! and on arbitrary HTML-ish input.

use crate::support::text as text_support;

use gazette::text::{BodyFormat, detect_format, render};
use text_support::*;
use unicode_width::UnicodeWidthStr;

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
