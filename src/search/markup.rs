//! The markup of an HTML body as the text scanner (`html`) reads it: where a tag, comment or
//! script ends and whether it separates words, and what an entity stands for. Shared by the
//! scanner and by the check that a place lies in text, so both agree on every boundary.

use crate::html_tag::{raw_text_end, tag_end};
use memchr::{memchr, memmem};

/// Longest entity considered: `&CounterClockwiseContourIntegral;` is 33 bytes.
const MAX_ENTITY: usize = 40;

/// Markup starting at a `<`.
pub(crate) struct Markup {
    /// Just past its end (for `<script>` and `<style>`, past their contents).
    pub end: usize,
    /// True for block-level tags, which separate words (`<p>`, `<br>`), false for inline tags
    /// (`<b>`), comments and declarations.
    pub separates: bool,
}

/// The markup starting at the `<` at `at`; `None` when that `<` is text (`1 < 2`).
pub(crate) fn markup_at(bytes: &[u8], at: usize) -> Option<Markup> {
    let (closing, name_start) = match bytes.get(at + 1) {
        Some(b'!') if bytes[at..].starts_with(b"<!--") => {
            let end =
                memmem::find(&bytes[at + 4..], b"-->").map_or(bytes.len(), |i| at + 4 + i + 3);
            return Some(Markup {
                end,
                separates: false,
            });
        }
        Some(b'!' | b'?') => {
            let end = memchr(b'>', &bytes[at..]).map_or(bytes.len(), |i| at + i + 1);
            return Some(Markup {
                end,
                separates: false,
            });
        }
        Some(b'/') if bytes.get(at + 2).is_some_and(u8::is_ascii_alphabetic) => (true, at + 2),
        Some(c) if c.is_ascii_alphabetic() => (false, at + 1),
        _ => return None,
    };
    let name_len = bytes[name_start..]
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b':'))
        .unwrap_or(bytes.len() - name_start);
    let name = &bytes[name_start..name_start + name_len];
    let mut end = tag_end(bytes, name_start + name_len).unwrap_or(bytes.len());
    let raw_text = name.eq_ignore_ascii_case(b"script") || name.eq_ignore_ascii_case(b"style");
    if raw_text && !closing && bytes[end - 1] == b'>' && bytes[end - 2] != b'/' {
        end = raw_text_end(bytes, end, name);
    }
    Some(Markup {
        end,
        separates: !is_inline(name),
    })
}

/// The entity starting at the `&` at `at`: hands its characters to `emit` and returns where
/// it ends; `None` (nothing emitted) when that `&` is text.
pub(crate) fn entity_at(html: &str, at: usize, emit: impl FnMut(char)) -> Option<usize> {
    let bytes = html.as_bytes();
    let start = at + 1;
    let window = &bytes[start..bytes.len().min(start + MAX_ENTITY)];
    let semi = memchr(b';', window)?;
    decode_entity(&html[start..start + semi], emit).then_some(start + semi + 1)
}

/// Phrasing elements that sit inside a word without separating it.
fn is_inline(name: &[u8]) -> bool {
    const INLINE: &[&[u8]] = &[
        b"a", b"abbr", b"b", b"bdi", b"bdo", b"big", b"cite", b"code", b"data", b"del", b"dfn",
        b"em", b"font", b"i", b"ins", b"kbd", b"mark", b"q", b"s", b"samp", b"small", b"span",
        b"strike", b"strong", b"sub", b"sup", b"time", b"tt", b"u", b"var", b"wbr",
    ];
    name.len() <= 6 && INLINE.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// Decodes the entity named `name` (between `&` and `;`), handing each character to `emit`.
/// False when it is not an entity (the `&` is then text).
fn decode_entity(name: &str, mut emit: impl FnMut(char)) -> bool {
    if let Some(num) = name.strip_prefix('#') {
        let value = match num.strip_prefix(['x', 'X']) {
            Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                u32::from_str_radix(hex, 16).ok()
            }
            None if !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) => num.parse().ok(),
            _ => return false,
        };
        let c = value.filter(|&v| v != 0).and_then(char::from_u32);
        emit(c.unwrap_or(char::REPLACEMENT_CHARACTER));
        return true;
    }
    let value = match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "nbsp" => "\u{a0}",
        _ => {
            let table = &html_escape::NAMED_ENTITIES;
            match table.binary_search_by(|(n, _)| (*n).cmp(name.as_bytes())) {
                Ok(i) => table[i].1,
                Err(_) => return false,
            }
        }
    };
    value.chars().for_each(emit);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_entities() {
        assert!(html_escape::NAMED_ENTITIES.is_sorted_by_key(|(n, _)| *n));
        let end = |html: &str| markup_at(html.as_bytes(), 0).map(|m| (m.end, m.separates));
        assert_eq!(end("<p class=\"a>b\">x"), Some((15, true)));
        assert_eq!(end("<b>x"), Some((3, false)));
        assert_eq!(end("<script>a</b></script>x"), Some((13, true)));
        assert_eq!(end("<script/>x"), Some((9, true)));
        assert_eq!(end("<!-- a > b -->x"), Some((14, false)));
        assert_eq!(end("< b"), None);
        assert_eq!(end("<3"), None);
        let decode = |html: &str| {
            let mut out = String::new();
            entity_at(html, 0, |c| out.push(c)).map(|end| (end, out))
        };
        assert_eq!(decode("&eacute;x"), Some((8, "é".into())));
        assert_eq!(decode("&#x4E2D;"), Some((8, "中".into())));
        assert_eq!(decode("&#99999999999;"), Some((14, "\u{FFFD}".into())));
        assert_eq!(decode("&bogus;"), None);
        assert_eq!(decode("& amp;"), None);
    }
}
