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
    if !needs_cleaning(s.as_bytes()) {
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

/// Whether [`clean`] would change `s`, decided on the UTF-8 bytes: every file read goes
/// through here, so this must run at memory speed rather than decode each character. It
/// looks only at the lead bytes that can start a character `clean` removes or rewrites.
fn needs_cleaning(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        let hit = match x {
            b'\n' | b'\t' => false,
            0x00..=0x1f | 0x7f => true,
            // U+0080–U+009F (C1 controls)
            0xc2 => b.get(i + 1).is_some_and(|&y| (0x80..=0x9f).contains(&y)),
            // U+061C (Arabic letter mark)
            0xd8 => b.get(i + 1) == Some(&0x9c),
            // U+200E, U+200F, U+2028–U+202E, U+2066–U+2069
            0xe2 => match (b.get(i + 1), b.get(i + 2)) {
                (Some(0x80), Some(&y)) => matches!(y, 0x8e | 0x8f | 0xa8..=0xae),
                (Some(0x81), Some(&y)) => (0xa6..=0xa9).contains(&y),
                _ => false,
            },
            // U+FEFF, U+FFF9–U+FFFB
            0xef => matches!(
                (b.get(i + 1), b.get(i + 2)),
                (Some(0xbb), Some(0xbf)) | (Some(0xbf), Some(0xb9..=0xbb))
            ),
            _ => false,
        };
        if hit {
            return true;
        }
        i += 1;
    }
    false
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
    fn the_byte_check_agrees_with_the_character_rule() {
        // Every code point that matters, and its neighbours, alone and inside text.
        let probes = (0u32..0x300)
            .chain(0x600..0x640)
            .chain(0x2000..0x2080)
            .chain(0xfef0..0xffff);
        for cp in probes.filter_map(char::from_u32) {
            let text = format!("中{cp}x");
            let by_chars = text
                .chars()
                .any(|c| is_forbidden(c) || matches!(c, '\u{2028}' | '\u{2029}' | '\r'));
            assert_eq!(
                needs_cleaning(text.as_bytes()),
                by_chars,
                "U+{:04X}",
                u32::from(cp)
            );
        }
    }

    #[test]
    fn clean_line_folds_whitespace() {
        assert_eq!(clean_line("  a\n\tb  \u{2028} c "), "a b c");
    }
}
