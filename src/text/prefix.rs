//! Block prefixes: reading html2text's marker characters back at the start of a line, and
//! the prefixes shown for it.
//!
//! A list item's first line carries its bullet; html2text indents the item's other lines
//! (after a `<br>`, a second paragraph, a nested list) with spaces, as many as the bullet's
//! width *in html2text's output*. Those spaces are matched against the levels of the last
//! non-blank line, so each becomes the indent shown under our (wider) bullet.

use html2text::render::RichAnnotation;
use unicode_width::UnicodeWidthStr;

use super::html::{BULLET, HEADING, ORDERED, QUOTE};
use super::{Span, SpanStyle};

/// One block prefix level.
#[derive(Clone)]
pub(super) enum Tok {
    Quote,
    /// A list bullet or number as shown, and how many spaces html2text indents its
    /// continuation lines with.
    Bullet(String, usize),
    /// Continuation indent: shown width, and spaces in html2text's line.
    Indent(usize, usize),
}

/// Parses the marker prefix of a line, given the prefix of the last non-blank line. Returns
/// its levels, whether the line is a heading, and the segment and byte offset where the
/// content starts.
pub(super) fn read(
    segs: &[(&str, &[RichAnnotation])],
    prev: &[Tok],
) -> (Vec<Tok>, bool, usize, usize) {
    let mut toks = Vec::new();
    let mut heading = false;
    for (k, &(s, tag)) in segs.iter().enumerate() {
        let spaces_ok = !tag
            .iter()
            .any(|a| matches!(a, RichAnnotation::Preformat(_)));
        let mut at = 0;
        while at < s.len() {
            let rest = &s[at..];
            let c = rest.chars().next().unwrap_or(' ');
            if c == QUOTE {
                toks.push(Tok::Quote);
            } else if c == BULLET {
                toks.push(Tok::Bullet("* ".into(), 1));
            } else if c == HEADING {
                heading = true;
            } else if c == ORDERED {
                let num: String = rest[c.len_utf8()..]
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == '-')
                    .take(24)
                    .collect();
                let after = &rest[c.len_utf8() + num.len()..];
                if let Some(after) = after.strip_prefix('.') {
                    let pad = after.len() - after.trim_start_matches(' ').len();
                    let shown = format!("{num}.{}", " ".repeat(pad + 1));
                    toks.push(Tok::Bullet(shown, num.len() + 2 + pad));
                    at += c.len_utf8() + num.len() + 1 + pad;
                    continue;
                }
            } else if c == ' ' && spaces_ok {
                let spaces = rest.len() - rest.trim_start_matches(' ').len();
                let n = match prev.get(toks.len()) {
                    Some(Tok::Bullet(shown, raw)) if spaces >= *raw => Some((shown.width(), *raw)),
                    Some(Tok::Indent(w, raw)) if spaces >= *raw => Some((*w, *raw)),
                    _ => None,
                };
                // Indents we cannot match (a definition's `  `) are kept as they are.
                let (w, raw) = n.unwrap_or((spaces, spaces));
                toks.push(Tok::Indent(w, raw));
                at += raw;
                continue;
            } else {
                return (toks, heading, k, at);
            }
            at += c.len_utf8();
        }
    }
    (toks, heading, segs.len(), 0)
}

/// The shown prefixes of a first and of a continuation line, one span per level.
pub(super) fn spans(toks: &[Tok], quote: bool) -> (Vec<Span>, Vec<Span>) {
    let style = SpanStyle {
        quote,
        ..SpanStyle::default()
    };
    let span = |text: String| Span { text, style };
    let mut first = Vec::new();
    let mut rest = Vec::new();
    for t in toks {
        let (f, r) = match t {
            Tok::Quote => ("> ".to_string(), "> ".to_string()),
            Tok::Bullet(shown, _) => (shown.clone(), " ".repeat(shown.width())),
            Tok::Indent(w, _) => (" ".repeat(*w), " ".repeat(*w)),
        };
        first.push(span(f));
        rest.push(span(r));
    }
    (first, rest)
}
