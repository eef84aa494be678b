//! The classes of folded text's characters, and a folded term cut into runs of one class.
//! The index's keys follow them (`grams::chunk` applies the same classes to a body):
//!
//! Every character of folded text is of one class:
//! - a *gram* character (CJK ideographs, kana, Hangul: scripts written without spaces) is
//!   indexed through bigrams of neighbouring gram characters, with positions, so any
//!   substring of a gram run is found;
//! - a *word* character (any other letter or digit) belongs to a word: a maximal run of word
//!   characters is one key, once per document, without positions;
//! - anything else (spaces, punctuation, symbols, combining marks) separates and is not indexed.
//!
//! Words longer than [`LONG_WORD`] bytes (base64, long URLs) are not indexed: the document
//! gets the long-word mark instead (`grams::key::LONG`), which tells a search that this body
//! may hold any word-character term and must be read.

/// Words longer than this (in bytes) are not indexed.
pub(crate) const LONG_WORD: usize = 64;

/// A character's class in folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    Gram,
    Word,
    Other,
}

#[inline]
pub(crate) fn class(c: char) -> Class {
    // Fast paths for the two commonest kinds of text: ASCII, and the unified ideographs and
    // Hangul syllables, every one a letter (a test checks them all against the general rule).
    let u = c as u32;
    if u < 0x80 {
        return if c.is_ascii_alphanumeric() {
            Class::Word
        } else {
            Class::Other
        };
    }
    if matches!(u, 0x4E00..=0x9FFF | 0xAC00..=0xD7A3) {
        return Class::Gram;
    }
    // The punctuation of Chinese text: general punctuation (quotes, dashes, ellipsis), the
    // CJK full stop, comma and brackets, the full-width ！（），：；？ — none a letter or digit.
    if matches!(u, 0x2010..=0x2027 | 0x3001..=0x3003 | 0x3008..=0x3011 | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20)
    {
        return Class::Other;
    }
    general_class(c)
}

/// [`class`] without its fast paths.
fn general_class(c: char) -> Class {
    if !c.is_alphanumeric() {
        Class::Other
    } else if matches!(c as u32,
        0x2E80..=0x9FFF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
    {
        Class::Gram
    } else {
        Class::Word
    }
}

/// A maximal run of gram or word characters in a folded string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Run<'a> {
    pub class: Class,
    pub text: &'a str,
    /// True when the run starts the string / ends it (nothing of another class beside it).
    pub at_start: bool,
    pub at_end: bool,
}

impl Run<'_> {
    /// The run's characters.
    pub fn chars(&self) -> Vec<char> {
        self.text.chars().collect()
    }
}

/// The gram and word runs of `text`, in order (separators left out).
pub(crate) fn runs<'a>(text: &'a str) -> Vec<Run<'a>> {
    let mut out = Vec::new();
    let mut start: Option<(usize, Class)> = None;
    let close = |from: usize, to: usize, class: Class, out: &mut Vec<Run<'a>>| {
        if class != Class::Other {
            out.push(Run {
                class,
                text: &text[from..to],
                at_start: from == 0,
                at_end: to == text.len(),
            });
        }
    };
    for (i, c) in text.char_indices() {
        let k = class(c);
        match start {
            Some((_, open)) if open == k => {}
            Some((from, open)) => {
                close(from, i, open, &mut out);
                start = Some((i, k));
            }
            None => start = Some((i, k)),
        }
    }
    if let Some((from, open)) = start {
        close(from, text.len(), open, &mut out);
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn the_fast_classes_follow_the_general_rule() {
        for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
            assert_eq!(class(c), general_class(c), "{c:?}");
        }
    }

    #[test]
    fn runs_know_their_edges() {
        let r = runs("-york iphone手机");
        let shape: Vec<_> = r
            .iter()
            .map(|r| (r.class, r.text, r.at_start, r.at_end))
            .collect();
        assert_eq!(
            shape,
            [
                (Class::Word, "york", false, false),
                (Class::Word, "iphone", false, false),
                (Class::Gram, "手机", false, true),
            ]
        );
        assert_eq!(class('、'), Class::Other);
        assert_eq!(class('é'), Class::Word);
    }
}
