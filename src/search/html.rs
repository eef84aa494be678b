//! The searchable text of an HTML body, and exact search in it without building it.
//!
//! The text is what a reader sees: tags are dropped (block tags leave a space, inline tags like
//! `<b>` nothing, so `托卡<b>耶夫</b>` still reads 托卡耶夫), `<script>`/`<style>` contents and
//! comments are skipped, attribute values are never text, entities are decoded, case is folded
//! and whitespace collapsed (see `fold`, `markup`).
//!
//! Folding a whole body for every search would cost more than reading it. Instead, the
//! scanner that produces the text starts at each place a term could start (`Needle::anchors`:
//! its first character in every case, or an entity) and produces just enough text to compare
//! ([`may_contain`]). That alone never misses, but may accept a place inside a tag or a
//! script; [`contains`] also checks that the place is the start of a piece of text, which makes
//! it exact: the same answer as folding the whole body (`fold_html`, which the full-text index uses).

use super::fold::Folder;
use super::markup::{entity_at, markup_at};
use super::needle::Needle;
use crate::sanitize;
use memchr::memchr2;

/// Appends the folded text of the HTML `html` to `out` (what the full-text index tokenizes).
pub(crate) fn fold_html(html: &str, out: &mut String) {
    Scanner::new(html, 0).run(out, usize::MAX);
}

/// True when the text of `html` holds `needle`.
pub(crate) fn contains(html: &str, needle: &Needle, window: &mut String) -> bool {
    let mut context = TextStarts::default();
    needle.anchors.iter().any(|anchor| {
        anchor.find_iter(html.as_bytes()).any(|at| {
            text_at_starts_with(html, at, needle, window) && context.is_text_start(html, at)
        })
    })
}

/// False when `html` certainly does not hold `needle` in its text; cheaper than [`contains`].
pub(crate) fn may_contain(html: &str, needle: &Needle, window: &mut String) -> bool {
    needle.anchors.iter().any(|anchor| {
        (anchor.find_iter(html.as_bytes())).any(|at| text_at_starts_with(html, at, needle, window))
    })
}

/// Whether the text read from `at`, as if `at` began a piece of text, starts with the needle,
/// possibly in the middle of the first character's or entity's folded form (`İ` → `i̇`).
fn text_at_starts_with(html: &str, at: usize, needle: &Needle, window: &mut String) -> bool {
    let term = needle.folded().as_bytes();
    // Plain ASCII (no markup, entity or space) folds byte for byte: most places are settled
    // here, at the first byte that differs, without running the scanner.
    let plain = |b: &u8| b.is_ascii_graphic() && *b != b'<' && *b != b'&';
    let mut plain_prefix = 0;
    for (b, t) in html.as_bytes()[at..].iter().zip(term) {
        if !plain(b) {
            break;
        }
        if b.to_ascii_lowercase() != *t {
            return false;
        }
        plain_prefix += 1;
    }
    if plain_prefix == term.len() {
        return true;
    }
    window.clear();
    let mut scanner = Scanner::new(html, at);
    scanner.run(window, 1);
    let first = window.len();
    scanner.run(window, first + term.len());
    let window = window.as_bytes();
    (0..first.min(window.len())).any(|i| window[i..].starts_with(term))
}

/// Answers "does a piece of text start here?" (not inside markup, script or an entity), for
/// increasing positions without going over the body again (it restarts if one goes back).
#[derive(Default)]
struct TextStarts {
    /// Everything before this is known; it is the start of a piece of text or of markup.
    from: usize,
    last: usize,
}

impl TextStarts {
    fn is_text_start(&mut self, html: &str, at: usize) -> bool {
        if at < self.last {
            self.from = 0;
        }
        self.last = at;
        let bytes = html.as_bytes();
        while let Some(k) = memchr2(b'<', b'&', &bytes[self.from..at]) {
            let start = self.from + k;
            let end = match bytes[start] {
                b'<' => markup_at(bytes, start).map(|m| m.end),
                _ => entity_at(html, start, |_| {}),
            };
            match end {
                Some(end) if end > at => return false,
                Some(end) => self.from = end,
                None => self.from = start + 1,
            }
        }
        true
    }
}

struct Scanner<'a> {
    html: &'a str,
    pos: usize,
    folder: Folder,
}

impl<'a> Scanner<'a> {
    fn new(html: &'a str, pos: usize) -> Scanner<'a> {
        Scanner {
            html,
            pos,
            folder: Folder::new(),
        }
    }

    /// Scans until the end, or until `out` is at least `limit` bytes long.
    fn run(&mut self, out: &mut String, limit: usize) {
        let (html, bytes) = (self.html, self.html.as_bytes());
        while self.pos < bytes.len() && out.len() < limit {
            match bytes[self.pos] {
                b'<' => match markup_at(bytes, self.pos) {
                    Some(markup) => {
                        if markup.separates {
                            self.folder.separate(out);
                        }
                        self.pos = markup.end;
                    }
                    None => {
                        self.folder.push('<', out);
                        self.pos += 1;
                    }
                },
                b'&' => {
                    let folder = &mut self.folder;
                    let emit = |c| {
                        if !sanitize::is_forbidden(c) {
                            folder.push(c, out);
                        }
                    };
                    match entity_at(html, self.pos, emit) {
                        Some(end) => self.pos = end,
                        None => {
                            self.folder.push('&', out);
                            self.pos += 1;
                        }
                    }
                }
                _ => self.text(out, limit),
            }
        }
    }

    fn text(&mut self, out: &mut String, limit: usize) {
        let rest = &self.html.as_bytes()[self.pos..];
        if limit == usize::MAX {
            let end = self.pos + memchr2(b'<', b'&', rest).unwrap_or(rest.len());
            self.folder.push_str(&self.html[self.pos..end], out);
            self.pos = end;
            return;
        }
        // Bounded: look no further than needed for the next markup (a window is a few bytes,
        // a paragraph thousands), and fold a little at a time (folding can shrink text).
        let reach = rest.len().min(limit - out.len() + 64);
        let end = self.pos + memchr2(b'<', b'&', &rest[..reach]).unwrap_or(reach);
        let end = (end..)
            .find(|&i| self.html.is_char_boundary(i))
            .unwrap_or(end);
        while self.pos < end && out.len() < limit {
            let mut cut = (self.pos + (limit - out.len())).min(end);
            while !self.html.is_char_boundary(cut) {
                cut += 1;
            }
            self.folder.push_str(&self.html[self.pos..cut], out);
            self.pos = cut;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        let mut out = String::new();
        fold_html(html, &mut out);
        out
    }

    #[test]
    fn tags_scripts_comments_and_attributes_are_not_text() {
        assert_eq!(
            text("<p>Hello <b>Wor</b>ld</p><p>Next</p>"),
            "hello world next "
        );
        assert_eq!(text(r#"<img src="zanzibar.jpg" alt='x>y'>after"#), "after");
        assert_eq!(text("a<script>var zanzibar = 1 < 2;</SCRIPT>b"), "a b");
        assert_eq!(text("a<style>p{}</style >b<!-- zanzibar -->c"), "a bc");
        assert_eq!(text("1 < 2 <3"), "1 < 2 <3");
        assert_eq!(text("<a title=it's>x</a>y"), "xy");
        assert_eq!(text("unclosed <div class=\"zanzibar"), "unclosed ");
    }

    #[test]
    fn entities_are_decoded_and_folded() {
        assert_eq!(text("AT&amp;T &lt;b&gt; &Eacute;t&eacute;"), "at&t <b> été");
        assert_eq!(text("&#25176;&#x5361;耶夫"), "托卡耶夫");
        assert_eq!(
            text("a&nbsp;b &bogus; &#;&#xZ; & c"),
            "a b &bogus; &#;&#xz; & c"
        );
        assert_eq!(text("esc&#27;aped&#0;"), "escaped\u{FFFD}");
    }

    #[test]
    fn search_agrees_with_the_full_text() {
        let cases = [
            ("托卡<b>耶</b>夫", "托卡耶夫", true),
            ("&#25176;卡耶夫", "托卡耶夫", true),
            ("ZAN<i>zi</i>BAR", "zanzibar", true),
            ("\u{130}stanbul", "i\u{307}stanbul", true),
            ("\u{130}stanbul", "\u{307}stanbul", true),
            ("two<br>words", "two words", true),
            ("&amp;co", "&co", true),
            ("&fjlig;ord", "ford", true), // html-escape: fjlig is just `f`
            ("<img src=\"zanzibar.jpg\">", "zanzibar", false),
            ("no such word", "zanzibar", false),
            ("zanzi bar &amp; zanziba", "zanzibar", false),
            ("&amp;", "amp", false),
            (
                "<a title=\"two words\">x</a> <script>two words</script>",
                "two words",
                false,
            ),
            ("<p title=\"x\">two<!-- c -->wo</p>", "twowo", true),
        ];
        for (html, term, expected) in cases {
            let needle = Needle::new(term).unwrap();
            assert_eq!(needle.in_folded(&text(html)), expected, "{html:?} {term:?}");
            let may = may_contain(html, &needle, &mut String::new());
            assert!(may || !expected, "pre-filter missed {term:?} in {html:?}");
            let exact = contains(html, &needle, &mut String::new());
            assert_eq!(exact, expected, "contains {term:?} in {html:?}");
            if html.starts_with("no such") || html.starts_with("zanzi ") {
                assert!(!may, "pre-filter should reject {html:?}");
            }
        }
    }
}
