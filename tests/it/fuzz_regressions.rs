//! Inputs found by the fuzz targets in `fuzz/` (cargo-fuzz), minimised, rebuilt in code.
//!
//! Each test names the target that found it; the bug each reproduces is fixed.

use gazette::text::{BodyFormat, Rendered, line_width, render};
use unicode_width::UnicodeWidthStr;

/// Every line's width, measured on the joined span texts as a terminal shows them.
fn joined_widths(r: &Rendered) -> Vec<usize> {
    r.lines.iter().map(|l| l.text().as_str().width()).collect()
}

/// Target `render`, minimised input `[38, 35, 60, 101, 109, 62, 239, 184, 143]`: width 45,
/// Markdown body `#<em>` + U+FE0F. The body renders as one line of two spans, `#` and
/// (italic) U+FE0F. `line_width` sums the spans' widths (1 + 0 = 1), but the line as the
/// terminal receives it, `#\u{FE0F}` (an emoji presentation sequence), is 2 columns wide.
/// The width contract still holds here (the wrapper counts U+FE0F as 1 column itself); the
/// public measure is what disagrees.
#[test]
fn line_width_counts_a_variation_selector_in_its_own_span() {
    let r = render("#<em>\u{FE0F}", BodyFormat::Markdown, 45);
    for line in &r.lines {
        assert_eq!(line_width(line), line.text().as_str().width(), "{line:?}");
    }
}

#[test]
fn a_variation_selector_in_its_own_span_never_widens_a_line_past_the_width() {
    let body =
        "#<em>\u{FE0F}</em>#<em>\u{FE0F}</em> a<b>\u{2764}</b><i>\u{FE0F}</i>中<em>\u{FE0F}</em>";
    for format in [BodyFormat::Markdown, BodyFormat::Html] {
        for width in 1..=12 {
            let r = render(body, format, width);
            for w in joined_widths(&r) {
                assert!(w <= width, "{w} > {width}: {:?}", r.lines);
            }
        }
    }
}
