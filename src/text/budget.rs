//! Limits that keep hostile or huge bodies cheap, and the final tidying of blank lines.

use std::borrow::Cow;

use super::Line;
use super::tag;

/// At most this much of a body is rendered; the largest real article seen was 1.5 MiB,
/// nearly all of it inline images or markup, and the median is about 7 KiB.
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// The body cut to [`MAX_BODY_BYTES`] (at a character boundary), and the note to show when
/// it was cut. A body over the budget first loses its `<script>` and `<style>` elements
/// (never shown anyway): the budget is for text, and some pages spend most of their first
/// megabyte on inline code.
pub(super) fn cut(body: &str) -> (Cow<'_, str>, Option<String>) {
    if body.len() <= MAX_BODY_BYTES {
        return (body.into(), None);
    }
    let full = body.len();
    let body = without_scripts(body);
    if body.len() <= MAX_BODY_BYTES {
        return (body, None);
    }
    let mut end = MAX_BODY_BYTES;
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    const MIB: f64 = 1024.0 * 1024.0;
    let note = format!(
        "[gazette: article cut at {} MiB of {:.1} MiB]",
        MAX_BODY_BYTES as f64 / MIB,
        full as f64 / MIB
    );
    let kept = match body {
        Cow::Borrowed(b) => Cow::Borrowed(&b[..end]),
        Cow::Owned(mut b) => {
            b.truncate(end);
            Cow::Owned(b)
        }
    };
    (kept, Some(note))
}

/// The body without its `<script>` and `<style>` elements (start tag to end tag).
fn without_scripts(body: &str) -> Cow<'_, str> {
    let b = body.as_bytes();
    let mut out = String::new();
    let (mut copied, mut i) = (0, 0);
    while let Some(p) = memchr::memchr(b'<', &b[i..]) {
        let lt = i + p;
        i = lt + 1;
        let name = ["script", "style"].into_iter().find(|n| {
            b.get(lt + 1..lt + 1 + n.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(n.as_bytes()))
                && b.get(lt + 1 + n.len())
                    .is_none_or(|&c| c.is_ascii_whitespace() || c == b'>' || c == b'/')
        });
        let Some(name) = name else {
            continue;
        };
        let t = tag::scan(body, lt, lt + 1);
        out.push_str(&body[copied..lt]);
        i = tag::skip_raw(body, t.span.end, name);
        copied = i;
    }
    if copied == 0 {
        return body.into();
    }
    out.push_str(&body[copied..]);
    out.into()
}

/// Blank lines (nothing but spaces) become empty, runs of them collapse to one, and none
/// are left at the start or the end: html2text leaves doubles around dropped elements and
/// `<br><br><br>`, and the reader wants one blank line between paragraphs.
pub(super) fn tidy_blank_lines(lines: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    for line in lines {
        let blank = line.spans.iter().all(|s| s.text.trim().is_empty());
        if !blank {
            out.push(line);
        } else if out.last().is_some_and(|l| !l.spans.is_empty()) {
            out.push(Line::default());
        }
    }
    if out.last().is_some_and(|l| l.spans.is_empty()) {
        out.pop();
    }
    out
}
