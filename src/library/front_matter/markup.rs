//! Turning bits of HTML found in metadata (titles, authors, headings) into one clean line.
//!
//! Tags are removed *before* entities are decoded: `&lt;b&gt;` in a title is the text `<b>`,
//! not markup. In front matter only known inline HTML tags are removed, so a title such as
//! `Vec<String> explained` keeps its `<String>`.

use crate::sanitize::clean_line;
use std::borrow::Cow;

/// Inline and simple block tags that occur in titles copied from HTML.
const KNOWN_TAGS: &[&str] = &[
    "a", "abbr", "b", "big", "br", "cite", "code", "del", "div", "em", "font", "i", "img", "ins",
    "kbd", "mark", "p", "q", "s", "small", "span", "strike", "strong", "sub", "sup", "tt", "u",
    "wbr",
];

/// Which tags [`strip_tags`] removes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Tags {
    /// Only [`KNOWN_TAGS`] (for text that is not known to be HTML).
    Known,
    /// Anything shaped like a tag or comment (for text taken from an HTML body).
    All,
}

/// A metadata value as the reader should show it: tags stripped (`<br>` becomes a space),
/// entities decoded, control characters removed, whitespace folded.
pub(super) fn clean_text(raw: &str, tags: Tags) -> String {
    let stripped = strip_tags(raw, tags);
    clean_line(&html_escape::decode_html_entities(&stripped))
}

/// Removes the tags `tags` names. Where a tag ends is [`crate::html_tag::tag_end`]'s
/// decision, as for the renderer and search; in metadata a tag never spans another `<`, which
/// keeps this linear on text like `<<<<…>`.
pub(super) fn strip_tags(s: &str, tags: Tags) -> Cow<'_, str> {
    let b = s.as_bytes();
    // Most metadata holds no `<` at all: no copy then.
    if memchr::memchr(b'<', b).is_none() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut at = 0;
    while let Some(p) = memchr::memchr(b'<', &b[at..]) {
        let open = at + p;
        let inner = open + 1;
        let next = memchr::memchr(b'<', &b[inner..]).map_or(b.len(), |k| inner + k);
        at = next;
        let Some(end) = crate::html_tag::tag_end(&b[..next], inner) else {
            continue;
        };
        let tag = &s[inner..end - 1];
        let name = tag.trim_start_matches('/');
        let name = &name[..name
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(name.len())];
        let is_tag = match tags {
            Tags::Known => KNOWN_TAGS.iter().any(|k| k.eq_ignore_ascii_case(name)),
            Tags::All => {
                tag.starts_with('!') || name.starts_with(|c: char| c.is_ascii_alphabetic())
            }
        };
        if is_tag {
            out.push_str(&s[copied..open]);
            if name.eq_ignore_ascii_case("br") {
                out.push(' ');
            }
            copied = end;
            at = end;
        }
    }
    out.push_str(&s[copied..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_br_and_known_tags() {
        assert_eq!(
            clean_text(
                "A &#123;x&#125; &amp; <b>bold</b><br/>next<BR>  end ",
                Tags::Known
            ),
            "A {x} & bold next end"
        );
    }

    #[test]
    fn escaped_tags_and_unknown_tags_stay_text() {
        assert_eq!(
            clean_text("&lt;b&gt; Vec<String> a < b", Tags::Known),
            "<b> Vec<String> a < b"
        );
        assert_eq!(
            clean_text("<h1 id=x>T<!-- c --><em>i</em></h1>", Tags::All),
            "Ti"
        );
    }

    #[test]
    fn decoded_controls_never_survive() {
        let out = clean_text("a&#27;[31mb&#155;c&#x7f;d\u{1b}e", Tags::Known);
        assert!(!out.chars().any(crate::sanitize::is_forbidden), "{out:?}");
        // Sequences go whole: CSI (`&#155;`) with the `c` that ends it, ESC with its `e`.
        assert!(out.starts_with('a') && out.ends_with("bd"), "{out:?}");
    }

    #[test]
    fn unclosed_angle_brackets_are_kept() {
        assert_eq!(strip_tags("a <b c <i>d", Tags::Known), "a <b c d");
        assert_eq!(strip_tags("<<<", Tags::All), "<<<");
    }
}
