//! Laying out one logical line (a paragraph, list item or table line) at a width: its block
//! prefix on the first display line, a hanging prefix on the others, and the content broken
//! by [`super::breaks`] (prose), by columns (preformatted) or clipped (tables). A Chinese
//! paragraph is set to a measure of whole full-width columns ([`super::cjk::measure`]).

use unicode_width::UnicodeWidthStr;

use super::{Line, Span, SpanStyle};
use super::{breaks, cjk};
use crate::sanitize;

/// How a logical line's content is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Mode {
    /// Re-flowed at break opportunities.
    Prose,
    /// One URL (the link list): re-flowed at the breaks of a URL's path only.
    Url,
    /// Preformatted: broken at the width exactly, never re-flowed.
    Pre,
    /// Already laid out (a table line): cut at the width.
    Clip,
}

/// Display width of a whole line, measured the way a terminal UI measures a string.
pub fn line_width(line: &Line) -> usize {
    // Measured on the joined text, as a terminal shows it: an emoji sequence can be split
    // between two spans (a heart in one, its U+FE0F in the next) and be wider whole
    // than its parts (found by fuzzing).
    match line.spans.as_slice() {
        [] => 0,
        [one] => one.text.width(),
        _ => line.text().width(),
    }
}

/// Wraps plain `text` of one style at `width` columns by the same rules as article text
/// (for titles, notes, link lists). Control characters are removed; `\n` breaks the line.
pub fn wrap(text: &str, style: SpanStyle, width: usize) -> Vec<Line> {
    let mut out = Vec::new();
    let content = [Span {
        text: sanitize::clean(text).replace('\t', " "),
        style,
    }];
    lay_out(&[], &[], &content, Mode::Prose, width.max(1), &mut out);
    out
}

/// Drops whole prefix spans from the front (outer nesting levels) until the prefix takes at
/// most half the width: deep nesting in a narrow pane keeps its innermost marks and at least
/// half of the columns for the text.
pub(super) fn fit_prefix(prefix: &[Span], width: usize) -> (&[Span], usize) {
    let mut w: usize = prefix.iter().map(|s| s.text.width()).sum();
    let mut start = 0;
    while w > width / 2 {
        w -= prefix[start].text.width();
        start += 1;
    }
    (&prefix[start..], w)
}

/// Lays out one logical line: `first` prefixes the first display line, `rest` the others.
pub(super) fn lay_out(
    first: &[Span],
    rest: &[Span],
    content: &[Span],
    mode: Mode,
    width: usize,
    out: &mut Vec<Line>,
) {
    let width = width.max(1);
    let (first, wf) = fit_prefix(first, width);
    let (rest, wr) = fit_prefix(rest, width);
    let mut avail = [width - wf, width - wr];
    if mode == Mode::Prose && cjk::mostly_wide(content.iter().flat_map(|s| s.text.chars())) {
        avail = avail.map(cjk::measure);
    }
    let chars = breaks::prepare(content, mode, avail[0].min(avail[1]));
    let ranges = match mode {
        Mode::Prose | Mode::Url => breaks::break_prose(&chars, avail),
        Mode::Pre => breaks::break_columns(&chars, avail),
        Mode::Clip => vec![breaks::clip(&chars, avail[0])],
    };
    for (k, (s, e)) in ranges.into_iter().enumerate() {
        let mut line = Line {
            spans: if k == 0 {
                first.to_vec()
            } else {
                rest.to_vec()
            },
            // 0 marks the first line of a logical line, whatever the breaker skipped.
            start: if k == 0 {
                0
            } else {
                u32::try_from(s).unwrap_or(u32::MAX).max(1)
            },
        };
        for (i, ch) in chars.iter().enumerate().take(e).skip(s) {
            let c = match ch.c {
                // A soft hyphen shows only where the line breaks at it.
                breaks::SHY if i + 1 == e && e < chars.len() => '-',
                breaks::SHY => continue,
                c => c,
            };
            push_char(&mut line, c, content[ch.style].style);
        }
        if mode == Mode::Clip {
            let pad = avail[0].saturating_sub(chars[s..e].iter().map(|c| c.w).sum());
            if pad > 0 && e < chars.len() {
                push_str(&mut line, &" ".repeat(pad), SpanStyle::default());
            }
        }
        enforce_width(&mut line, width);
        out.push(line);
    }
}

fn push_char(line: &mut Line, c: char, style: SpanStyle) {
    match line.spans.last_mut() {
        Some(last) if last.style == style => last.text.push(c),
        _ => line.spans.push(Span {
            text: c.to_string(),
            style,
        }),
    }
}

pub(super) fn push_str(line: &mut Line, s: &str, style: SpanStyle) {
    if s.is_empty() {
        return;
    }
    match line.spans.last_mut() {
        Some(last) if last.style == style => last.text.push_str(s),
        _ => line.spans.push(Span {
            text: s.to_string(),
            style,
        }),
    }
}

/// The last guard of "no line wider than the width": `unicode-width` measures some sequences
/// (emoji with selectors, ligatures) differently from the sum of their characters.
fn enforce_width(line: &mut Line, width: usize) {
    while line_width(line) > width {
        let Some(last) = line.spans.last_mut() else {
            return;
        };
        last.text.pop();
        if last.text.is_empty() {
            line.spans.pop();
        }
    }
}
