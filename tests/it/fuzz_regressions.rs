//! Inputs found by the fuzz targets in `fuzz/` (cargo-fuzz), minimised, rebuilt in code.
//!
//! Each test names the target that found it; the bug each reproduces is fixed. Widths are
//! checked against measures that do not share `line_width`'s code: a vt100 screen of the
//! asked width, which must not wrap the line, plus the one column an emoji presentation
//! sequence adds on terminals that honour it (the screen counts it 1 + 0).

use crate::support::text::terminal_columns;
use gazette::text::{BodyFormat, Line, line_width, render};

/// The line's width as a terminal that shows emoji presentation sequences takes it: the
/// vt100 screen's count, plus one for each `#` or `❤` that U+FE0F turns into a 2-column emoji.
/// `None` when the line does not fit in `width` on the screen.
fn shown_width(line: &Line, width: usize) -> Option<usize> {
    let text = line.text();
    let widened = text.matches("#\u{FE0F}").count() + text.matches("❤\u{FE0F}").count();
    terminal_columns(&text, width).map(|cols| cols + widened)
}

/// Every line fits `width` on the screen, and `line_width` counts what a terminal shows.
fn assert_measured(lines: &[Line], width: usize) {
    for line in lines {
        let shown = shown_width(line, width);
        assert_eq!(Some(line_width(line)), shown, "{line:?} at {width}");
        assert!(line_width(line) <= width, "{line:?} at {width}");
    }
}

/// Target `render`, minimised input `[38, 35, 60, 101, 109, 62, 239, 184, 143]`: width 45,
/// Markdown body `#<em>` + U+FE0F. The body renders as one line of two spans, `#` and
/// (italic) U+FE0F. `line_width` summed the spans' widths (1 + 0 = 1), but the line as the
/// terminal receives it, `#\u{FE0F}` (an emoji presentation sequence), is 2 columns wide.
#[test]
fn line_width_counts_a_variation_selector_in_its_own_span() {
    let r = render("#<em>\u{FE0F}", BodyFormat::Markdown, 45);
    let line = r
        .lines
        .iter()
        .find(|l| l.text().contains('\u{FE0F}'))
        .unwrap_or_else(|| panic!("no line holds the selector: {:?}", r.lines));
    assert_eq!(line.spans.len(), 2, "{line:?}");
    assert_eq!(line_width(line), 2, "{line:?}");
    assert_measured(&r.lines, 45);
}

#[test]
fn a_variation_selector_in_its_own_span_never_widens_a_line_past_the_width() {
    let body =
        "#<em>\u{FE0F}</em>#<em>\u{FE0F}</em> a<b>\u{2764}</b><i>\u{FE0F}</i>中<em>\u{FE0F}</em>";
    for format in [BodyFormat::Markdown, BodyFormat::Html] {
        for width in 1..=12 {
            assert_measured(&render(body, format, width).lines, width);
        }
    }
}

/// Target `render`: `❤` closing a bold span and U+FE0F opening the next measured 1 + 0
/// columns, but 2 together, so a line could be one column wider than asked.
#[test]
fn an_emoji_sequence_split_between_spans_is_measured_whole() {
    let html = "<p>aaaa <b>bbb❤</b>\u{fe0f}cc dd ee ff gg hh ii jj kk</p>";
    for width in 1..40 {
        let r = render(html, BodyFormat::Html, width);
        let whole = r.lines.iter().any(|l| l.text().contains("❤\u{fe0f}"));
        assert!(
            whole || width < 2,
            "the pair stays on one line: {:?}",
            r.lines
        );
        assert_measured(&r.lines, width);
    }
}
