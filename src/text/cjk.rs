//! Source line breaks inside Chinese text.
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
    use super::join_lines;

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
