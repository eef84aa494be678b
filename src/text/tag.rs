//! A minimal HTML tag scanner for the pre-pass: finds where tags start and end and reads
//! their attributes, following the HTML tokenizer closely enough that quoted `>` or raw-text
//! elements (`<script>`) do not confuse it. It never builds a tree, so its cost is linear.

use crate::html_tag::{self, is_ws};
use std::ops::Range;

/// One start or end tag as it appears in the source.
pub(super) struct Tag {
    /// Lower-case ASCII tag name.
    pub name: String,
    /// Byte range of the whole tag in the source, `<` to `>` inclusive.
    pub span: Range<usize>,
    /// Attribute names (lower-case) and the byte ranges of their raw values.
    pub attrs: Vec<(String, Range<usize>)>,
    /// False when the source ended inside the tag (html5ever then drops it).
    pub complete: bool,
}

/// Reads the tag whose name starts at `name_start`; `lt` is the position of its `<`. Where
/// the tag ends is [`html_tag::tag_end`]'s decision; this only reads the name and attributes
/// inside it.
pub(super) fn scan(src: &str, lt: usize, name_start: usize) -> Tag {
    let end = html_tag::tag_end(src.as_bytes(), name_start);
    let span = lt..end.unwrap_or(src.len());
    // The attributes are read up to the closing `>` (or to the end of an unterminated tag).
    let b = &src.as_bytes()[..end.map_or(src.len(), |e| e - 1)];
    let mut j = name_start;
    while j < b.len() && !is_ws(b[j]) && b[j] != b'/' {
        j += 1;
    }
    let name = src[name_start..j].to_ascii_lowercase();
    let mut attrs = Vec::new();
    loop {
        while j < b.len() && (is_ws(b[j]) || b[j] == b'/') {
            j += 1;
        }
        if j >= b.len() {
            return Tag {
                name,
                span,
                attrs,
                complete: end.is_some(),
            };
        }
        let name_at = j;
        j += 1;
        while j < b.len() && !is_ws(b[j]) && !matches!(b[j], b'/' | b'=') {
            j += 1;
        }
        let attr = src[name_at..j].to_ascii_lowercase();
        let mut k = j;
        while k < b.len() && is_ws(b[k]) {
            k += 1;
        }
        let mut value = j..j;
        if k < b.len() && b[k] == b'=' {
            k += 1;
            while k < b.len() && is_ws(b[k]) {
                k += 1;
            }
            if k < b.len() && (b[k] == b'"' || b[k] == b'\'') {
                let quote = b[k];
                let close = b[k + 1..]
                    .iter()
                    .position(|&c| c == quote)
                    .map(|p| k + 1 + p);
                value = k + 1..close.unwrap_or(b.len());
                j = close.map_or(b.len(), |e| e + 1);
            } else {
                let start = k;
                while k < b.len() && !is_ws(b[k]) {
                    k += 1;
                }
                value = start..k;
                j = k;
            }
        }
        attrs.push((attr, value));
    }
}

impl Tag {
    /// The raw (still entity-encoded) value of attribute `name`, if present and not blank.
    pub fn attr<'s>(&self, src: &'s str, name: &str) -> Option<&'s str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, r)| src[r.clone()].trim())
            .filter(|v| !v.is_empty())
    }
}

/// Position just after the end tag `</name …>` closing a raw-text element (script, style,
/// iframe…), searched case-insensitively from `from`; the end of `src` when there is none.
pub(super) fn skip_raw(src: &str, from: usize, name: &str) -> usize {
    html_tag::skip_raw_text(src.as_bytes(), from, name.as_bytes())
}

/// Position just after the first `needle` at or after `from`; the end of `src` when absent.
pub(super) fn skip_past(src: &str, from: usize, needle: &str) -> usize {
    src.get(from..)
        .and_then(|s| s.find(needle))
        .map_or(src.len(), |p| from + p + needle.len())
}

/// Puts a raw attribute value back inside double quotes.
pub(super) fn quoted(raw: &str) -> String {
    format!("\"{}\"", raw.replace('"', "&quot;"))
}

/// Removes numeric character references to characters that must never be shown
/// ([`crate::sanitize::is_forbidden`], NUL, and our own markers): html5ever would decode
/// `&#27;` into ESC, and html2text miscounts the width of control characters. References
/// in 128–159 are left alone: HTML maps most of them to Windows-1252 punctuation. A control
/// goes with the whole escape sequence it starts (see [`crate::sanitize::clean`]).
pub(super) fn scrub_char_refs(src: &str) -> std::borrow::Cow<'_, str> {
    if !src.contains("&#") {
        return src.into();
    }
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while let Some(p) = src[i..].find("&#") {
        let at = i + p;
        out.push_str(&src[i..at]);
        let hex = matches!(b.get(at + 2), Some(b'x' | b'X'));
        let digits = at + 2 + usize::from(hex);
        let mut end = digits;
        while end < b.len()
            && (if hex {
                b[end].is_ascii_hexdigit()
            } else {
                b[end].is_ascii_digit()
            })
        {
            end += 1;
        }
        let value = u32::from_str_radix(&src[digits..end], if hex { 16 } else { 10 }).ok();
        let bad = value.is_some_and(|v| {
            let c = char::from_u32(v);
            !(128..160).contains(&v)
                && (v == 0
                    || c.is_some_and(|c| {
                        crate::sanitize::is_forbidden(c) || super::html::is_marker(c)
                    }))
        });
        if bad {
            // A control is put back as itself so that `clean` below removes the escape
            // sequence it starts whole (`&#27;]52;…&#7;`), not just its first character.
            if let Some(c) = value
                .and_then(char::from_u32)
                .filter(|&c| c != '\0' && !super::html::is_marker(c))
            {
                out.push(c);
            }
            i = if b.get(end) == Some(&b';') {
                end + 1
            } else {
                end
            };
        } else {
            out.push_str(&src[at..end]);
            i = end;
        }
    }
    out.push_str(&src[i..]);
    crate::sanitize::clean(&out).into_owned().into()
}

/// The text of an HTML fragment without its tags, entities decoded, a line break for every
/// tag that starts a block or a line. Used when html2text fails on a document.
pub(super) fn strip_tags(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while let Some(p) = src[i..].find('<') {
        out.push_str(&src[i..i + p]);
        i += p;
        let name_start = i + 1 + usize::from(b.get(i + 1) == Some(&b'/'));
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            out.push('<');
            i += 1;
            continue;
        }
        let t = scan(src, i, name_start);
        i = t.span.end;
        let inline = matches!(
            t.name.as_str(),
            "a" | "b" | "i" | "em" | "strong" | "span" | "code"
        );
        out.push_str(if inline { "" } else { "\n" });
    }
    out.push_str(&src[i..]);
    html_escape::decode_html_entities(&out).into_owned()
}
