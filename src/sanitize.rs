//! The one gate every string from an article file passes before it can reach a terminal.
//!
//! Article files come from feeds anyone can write. A title holding `ESC ] 52 ;` can rewrite the
//! reader's clipboard, a bidi override can hide text. [`clean`] removes every such character;
//! the loader applies it to the whole decoded file, and the renderer applies it again to text
//! produced by entity decoding (`&#27;` becomes ESC only after decoding).

use std::borrow::Cow;

/// True for characters that must never be written to a terminal: C0 controls (except `\n`
/// and `\t`, which layout handles), DEL, C1 controls, and the Unicode bidirectional
/// embedding, override and isolate characters.
pub fn is_forbidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}' | '\u{200e}' | '\u{200f}'
        | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

/// Removes forbidden characters, keeping `\n` and `\t`; turns the Unicode line and paragraph
/// separators into `\n` so layout sees them. Borrows when nothing needs to change (the usual case).
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s
        .chars()
        .any(|c| is_forbidden(c) || c == '\u{2028}' || c == '\u{2029}' || c == '\r')
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                // CRLF and lone CR both end a line.
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            c if is_forbidden(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// [`clean`] for one-line metadata (titles, authors, categories, paths shown in lists):
/// additionally folds every run of whitespace, newlines and tabs included, into one space.
pub fn clean_line(s: &str) -> String {
    let cleaned = clean(s);
    let mut out = String::with_capacity(cleaned.len());
    for word in cleaned.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_escape_sequences_and_controls() {
        let hostile = "a\u{1b}]52;c;ZXZpbA==\u{7}b\u{1b}[2Jc\u{9b}31md\u{7f}e\u{202e}f";
        assert_eq!(clean(hostile), "a]52;c;ZXZpbA==b[2Jc31mdef");
    }

    #[test]
    fn keeps_newlines_tabs_and_cjk_and_normalises_crlf() {
        assert_eq!(clean("标题\r\n正文\tx\ry"), "标题\n正文\tx\ny");
        assert!(matches!(clean("plain 中文"), Cow::Borrowed(_)));
    }

    #[test]
    fn clean_line_folds_whitespace() {
        assert_eq!(clean_line("  a\n\tb  \u{2028} c "), "a b c");
    }
}
