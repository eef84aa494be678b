//! What Chinese text needs beyond UAX #14: source line breaks removed between Chinese
//! characters, and a measure in full-width columns.
//!
//! ## Source line breaks
//!
//! HTML and Markdown turn a line break in the source into a space, which is right between
//! Latin words and wrong between Chinese characters: hand-wrapped Chinese paragraphs (common
//! in Markdown archives) would show stray spaces mid-sentence. Browsers drop such breaks
//! between East Asian characters (CSS Text, segment break transformation); so do we.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

fn wide(c: char) -> bool {
    c.width() == Some(2)
}

/// Columns of wide characters against columns of narrow visible ones: a logical line is
/// set as Chinese when the wide ones are the majority (an English paragraph quoting a
/// Chinese name is not; a Chinese one with a few Latin words and numbers is).
///
/// Characters of ambiguous East Asian width (`——`, `……`, `“”`, `·`) count for neither side:
/// they are one column in a terminal but belong to whichever script surrounds them, and
/// Chinese uses them heavily. Counted as narrow, they made `《中cargo中——` a Latin line,
/// set to the width instead of the measure, one column past its neighbours.
pub(super) fn mostly_wide(text: impl Iterator<Item = char>) -> bool {
    let (mut wide_cols, mut narrow_cols) = (0usize, 0usize);
    for c in text.filter(|c| !c.is_whitespace()) {
        match (c.width(), c.width_cjk()) {
            (Some(2), _) => wide_cols += 2,
            (Some(1), Some(1)) => narrow_cols += 1,
            _ => {}
        }
    }
    wide_cols > narrow_cols
}

/// The measure of a Chinese paragraph in `avail` columns: a whole number of full-width
/// columns, so `avail` rounded down to even. Chinese is set on a grid of square characters;
/// at an odd width a line holding one narrow character (`…`, a digit, `·`) would otherwise
/// reach the last column while its neighbours of pure Han stop one short, and the right
/// edge would be ragged by a column. A measure of 1 stays 1 (nothing wide fits anyway).
pub(super) fn measure(avail: usize) -> usize {
    if avail >= 2 { avail & !1 } else { avail }
}

/// Removes each run of white space holding a line break when the characters on both sides
/// of it are wide (`before` is the last character of the preceding text, if any).
pub(super) fn join_lines(text: &str, before: Option<char>) -> Cow<'_, str> {
    if !text.contains('\n') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut prev = before;
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_whitespace()) {
        out.push_str(&rest[..start]);
        prev = rest[..start].chars().last().or(prev);
        let after = &rest[start..];
        let len = after.len() - after.trim_start().len();
        let (run, next) = after.split_at(len);
        let joins =
            run.contains('\n') && prev.is_some_and(wide) && next.chars().next().is_some_and(wide);
        if !joins {
            out.push_str(run);
        }
        rest = next;
    }
    out.push_str(rest);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::{join_lines, measure, mostly_wide};

    #[test]
    fn chinese_measure_is_whole_full_width_columns() {
        assert_eq!(
            [measure(1), measure(2), measure(3), measure(21)],
            [1, 2, 2, 20]
        );
        assert!(mostly_wide("运行 cargo build，然后等待编译结束".chars()));
        assert!(!mostly_wide("an English line about 北京 and more".chars()));
        // Dashes, ellipses and curly quotes side with neither script.
        assert!(mostly_wide("《中cargo中——".chars()));
        assert!(!mostly_wide("“Tea” — 茶 — ……".chars()));
    }

    #[test]
    fn joins_chinese_lines_only() {
        assert_eq!(
            join_lines("中文\n  中文，\nEnglish\nwords 中\n", None),
            "中文中文，\nEnglish\nwords 中\n"
        );
        assert_eq!(join_lines("\n文字", Some('中')), "文字");
        assert_eq!(join_lines("\n文字", Some('a')), "\n文字");
        assert_eq!(join_lines("a b", None), "a b");
    }
}
