//! Where an HTML tag ends, decided in one place for every reader of markup: the renderer's
//! pre-pass (`text`), the full-text scanner (`search`) and the metadata cleaner
//! (`library::front_matter`). Each reads different things from a tag, but all three must agree
//! on its last byte, or a title, a search hit and the rendered text would disagree about what
//! is text and what is markup.
//!
//! The rules follow the HTML tokenizer as far as boundaries go: a quote opens a quoted value
//! only right after `=` (`<a title="x>y">` ends after `y"`), and raw-text elements (`<script>`,
//! `<style>`) end only at their own end tag.

use memchr::{memchr, memchr3, memmem};

/// HTML's whitespace inside tags.
pub fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// The index just past the `>` that closes a tag whose name or attributes are at `from`;
/// `None` when the source ends inside the tag (html5ever then drops it).
pub fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(k) = memchr3(b'>', b'"', b'\'', bytes.get(i..)?) {
        let at = i + k;
        if bytes[at] == b'>' {
            return Some(at + 1);
        }
        let after_equals = bytes[from..at]
            .iter()
            .rev()
            .find(|&&b| !is_ws(b))
            .is_some_and(|&b| b == b'=');
        i = if after_equals {
            at + 1 + memchr(bytes[at], &bytes[at + 1..])? + 1
        } else {
            at + 1
        };
    }
    None
}

/// Where the end tag `</name` closing a raw-text element starts, searched case-insensitively
/// from `from` (the end of its start tag); `bytes.len()` when there is none. The name must be
/// followed by whitespace, `/`, `>` or the end, so `</scripts>` does not close `<script>`.
pub fn raw_text_end(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    memmem::find_iter(&bytes[from..], b"</")
        .map(|i| from + i)
        .find(|&i| {
            let after = &bytes[i + 2..];
            after.len() >= name.len()
                && after[..name.len()].eq_ignore_ascii_case(name)
                && after
                    .get(name.len())
                    .is_none_or(|&b| is_ws(b) || b == b'/' || b == b'>')
        })
        .unwrap_or(bytes.len())
}

/// Just past the whole end tag of a raw-text element whose contents start at `from`; the end
/// of `bytes` when it is missing or unterminated.
pub fn skip_raw_text(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let at = raw_text_end(bytes, from, name);
    if at == bytes.len() {
        return at;
    }
    tag_end(bytes, at + 2 + name.len()).unwrap_or(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_opens_a_value_only_after_equals() {
        let s = br#"<a title="x>y" b>rest"#;
        assert_eq!(tag_end(s, 2), Some(17));
        let s = br#"<a don't>rest"#;
        assert_eq!(tag_end(s, 2), Some(9));
        assert_eq!(tag_end(b"<a title='open", 2), None);
        assert_eq!(tag_end(b"<a href=x", 2), None);
    }

    #[test]
    fn raw_text_ends_at_its_own_end_tag_only() {
        let s = b"<script>a</scripts> b</SCRIPT >after";
        assert_eq!(raw_text_end(s, 8, b"script"), 21);
        assert_eq!(skip_raw_text(s, 8, b"script"), 31);
        assert_eq!(&s[31..], b"after");
        assert_eq!(skip_raw_text(b"<style>x", 7, b"style"), 8);
    }
}
