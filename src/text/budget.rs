//! Limits that keep hostile or huge bodies cheap, and the final tidying of blank lines.

use super::Line;

/// At most this much of a body is rendered; the largest real article seen was 1.5 MiB,
/// nearly all of it inline images or markup, and the median is about 7 KiB.
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// The body cut to [`MAX_BODY_BYTES`] (at a character boundary), and the note to show when
/// it was cut.
pub(super) fn cut(body: &str) -> (&str, Option<String>) {
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
        body.len() as f64 / MIB
    );
    (&body[..end], Some(note))
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
