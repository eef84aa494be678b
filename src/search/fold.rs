//! Case folding, shared by every matcher so that a term and the text it is looked for in are
//! folded by exactly the same rule.
//!
//! The rule: each character becomes its `char::to_lowercase` (no locale tailoring, no
//! context-dependent final sigma, so folding one character never depends on its neighbours and
//! positions can be mapped back), and every run of whitespace becomes one space (HTML collapses
//! whitespace when rendering, so a phrase must match across a line break in the source).
//!
//! Characters the loader removes (controls, bidi overrides) are dropped, see [`Folder::push`].
//!
//! Folding sits on the hot path of the full-text scan, hence the fast paths: ASCII, and the
//! CJK blocks, which have no case at all (checked exhaustively by a test).

use crate::sanitize;
use std::sync::OnceLock;

/// Characters at or above this have no case mapping (a test checks the whole range).
const CASED_LIMIT: u32 = 0x1F000;

/// True for characters in blocks without case: CJK symbols, kana, CJK ideographs, Hangul.
/// The ideographic space U+3000 is excluded: it is whitespace.
#[inline]
pub(crate) fn caseless_block(c: char) -> bool {
    matches!(c as u32, 0x3001..=0x9FFF | 0xAC00..=0xD7A3)
}

/// Appends the folded form of the non-whitespace character `c`.
#[inline]
pub(crate) fn push_lower(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if caseless_block(c) {
        out.push(c);
    } else {
        out.extend(c.to_lowercase());
    }
}

/// Folds a stream of characters, collapsing whitespace runs; remembers whether the last thing
/// written was a space so runs split across calls (text, tag, text) still collapse.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Folder {
    /// True right after a space was written (and at the start, so leading spaces are dropped).
    pub space: bool,
}

impl Folder {
    pub fn new() -> Folder {
        Folder { space: true }
    }

    /// Folds one character. Characters the loader's `sanitize::clean` removes are dropped here
    /// too (CR, which it turns into a line break, is whitespace), so raw file text folds like
    /// the cleaned text it becomes: the scan pre-filters files before cleaning them.
    #[inline]
    pub fn push(&mut self, c: char, out: &mut String) {
        if c != '\r' && sanitize::is_forbidden(c) {
            return;
        }
        if c.is_whitespace() {
            self.separate(out);
        } else {
            self.space = false;
            push_lower(c, out);
        }
    }

    /// Writes one space unless one was just written.
    #[inline]
    pub fn separate(&mut self, out: &mut String) {
        if !self.space {
            out.push(' ');
            self.space = true;
        }
    }

    /// Folds a run of plain text (no markup). Stretches that fold to themselves (lowercase
    /// ASCII, CJK, and every other character of the Basic Multilingual Plane that has no case
    /// and is neither whitespace nor dropped: Chinese punctuation, most of all) are copied in
    /// bulk; only the other characters are decoded one by one.
    pub fn push_str(&mut self, run: &str, out: &mut String) {
        let b = run.as_bytes();
        let same = folds_to_itself();
        // `self.space` kept in a local while characters are copied (not stored at each byte).
        let mut space = self.space;
        let (mut i, mut from) = (0, 0);
        while i < b.len() {
            let x = b[i];
            // The length of the character at `i` when it folds to itself, else 0.
            let kept = match x {
                b' ' if !space => 1,
                b'a'..=b'z' | b'!'..=b'@' | b'['..=b'~' => 1,
                // U+4000..U+9FFF: three bytes, no case, no whitespace.
                0xE4..=0xE9 => 3,
                // The rest of the Basic Multilingual Plane (two and three bytes), looked up.
                0xC2..=0xEF => {
                    let (c, len) = char_at(run, i);
                    if same.has(c as u32) { len } else { 0 }
                }
                _ => 0,
            };
            if kept > 0 {
                space = x == b' ';
                i += kept;
                continue;
            }
            out.push_str(&run[from..i]);
            self.space = space;
            let (c, len) = char_at(run, i);
            self.push(c, out);
            space = self.space;
            i += len;
            from = i;
        }
        self.space = space;
        out.push_str(&run[from..]);
    }
}

/// The character starting at byte `i` of `s` (a character boundary) and its length in bytes,
/// decoded from the bytes: the folding and cutting loops decode every character of a body,
/// and `s[i..].chars().next()` slices and checks the boundary each time.
#[inline(always)]
pub(crate) fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes();
    let x = b[i];
    // `s` is valid UTF-8, so a lead byte's continuation bytes are there.
    let (c, len) = match x {
        0x00..=0x7F => return (char::from(x), 1),
        0xC0..=0xDF => ((u32::from(x & 0x1F) << 6) | u32::from(b[i + 1] & 0x3F), 2),
        0xE0..=0xEF => (
            (u32::from(x & 0x0F) << 12)
                | (u32::from(b[i + 1] & 0x3F) << 6)
                | u32::from(b[i + 2] & 0x3F),
            3,
        ),
        _ => {
            let c = s[i..].chars().next().expect("char boundary");
            return (c, c.len_utf8());
        }
    };
    (char::from_u32(c).expect("valid UTF-8"), len)
}

/// A bit per character of the Basic Multilingual Plane: set when [`Folder::push`] writes the
/// character as it is (no case, not whitespace, not dropped), so [`Folder::push_str`] can copy
/// it without asking (a test checks every character against `push`).
struct SameSet(Vec<u64>);

impl SameSet {
    #[inline]
    fn has(&self, c: u32) -> bool {
        self.0[(c >> 6) as usize] & (1 << (c & 63)) != 0
    }
}

fn folds_to_itself() -> &'static SameSet {
    static SET: OnceLock<SameSet> = OnceLock::new();
    SET.get_or_init(|| {
        let mut bits = vec![0u64; 1 << 10];
        for c in (0..=0xFFFF).filter_map(char::from_u32) {
            let mut lower = c.to_lowercase();
            let same = lower.len() == 1 && lower.next() == Some(c);
            if same && !c.is_whitespace() && !sanitize::is_forbidden(c) {
                bits[(c as u32 >> 6) as usize] |= 1 << (c as u32 & 63);
            }
        }
        SameSet(bits)
    })
}

/// `text` folded, without leading or trailing space.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    Folder::new().push_str(text, &mut out);
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Every `(upper, lower)` pair where `lower` is one of the characters `upper` folds to and
/// `upper` does not fold to itself. Built once (about 1,400 pairs).
fn cased_pairs() -> &'static [(char, char)] {
    static PAIRS: OnceLock<Vec<(char, char)>> = OnceLock::new();
    PAIRS.get_or_init(|| {
        let mut pairs = Vec::new();
        for c in (0..CASED_LIMIT).filter_map(char::from_u32) {
            let mut lower = c.to_lowercase();
            if lower.len() == 1 && lower.clone().next() == Some(c) {
                continue;
            }
            pairs.extend(lower.by_ref().map(|l| (c, l)));
        }
        pairs
    })
}

/// Every character whose folded form contains `c`: the raw forms `c` can come from.
pub(crate) fn sources(c: char) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    if c.to_lowercase().any(|l| l == c) {
        out.push(c);
    }
    out.extend(
        cased_pairs()
            .iter()
            .filter(|&&(_, l)| l == c)
            .map(|&(u, _)| u),
    );
    out.dedup();
    out
}

/// True when `c` can only come from itself: it folds to itself and nothing else folds to
/// anything containing it (CJK, digits, most punctuation). Text made of such characters can be
/// searched without folding the haystack.
pub(crate) fn is_unique(c: char) -> bool {
    !c.is_whitespace() && sources(c) == [c]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(text: &str) -> String {
        let lower: String = text.chars().flat_map(char::to_lowercase).collect();
        lower.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn fast_paths_agree_with_to_lowercase() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut out = String::new();
            Folder { space: false }.push(c, &mut out);
            let expected: String = if c != '\r' && sanitize::is_forbidden(c) {
                String::new()
            } else if c.is_whitespace() {
                " ".into()
            } else {
                c.to_lowercase().collect()
            };
            assert_eq!(out, expected, "U+{:04X}", c as u32);
            let mut run = String::new();
            Folder { space: false }.push_str(&c.to_string(), &mut run);
            assert_eq!(run, expected, "run U+{:04X}", c as u32);
            if c as u32 >= CASED_LIMIT {
                assert_eq!(
                    expected,
                    c.to_string(),
                    "cased beyond the limit: U+{:04X}",
                    c as u32
                );
            }
        }
    }

    #[test]
    fn runs_fold_like_the_reference() {
        for text in [
            "Hello  WORLD\n\tÉcole ÉTÉ",
            "托卡耶夫 ＡＢＣ　全角空格",
            "İstanbul ẞ ΣΑΣ K",
            "  leading and trailing  ",
        ] {
            assert_eq!(fold(text), reference(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        /// A run folds as its characters pushed one by one, from either whitespace state.
        #[test]
        fn a_run_folds_like_its_characters(
            text in "[aZ !~\\n\\t\\r\u{a0}\u{e9}\u{c9}\u{130}\u{131}\u{1e9e}\u{3a3}\u{3000}\u{3002}\u{ff0c}\u{ff21}\u{201c}\u{2028}\u{200e}\u{feff}\u{4dc0}\u{6258}\u{ac00}\u{a640}\u{1}\u{7f}\u{9b}\u{10400}\u{20000}]{0,40}",
            space: bool,
        ) {
            let (mut run, mut one) = (Folder { space }, Folder { space });
            let (mut by_run, mut by_char) = (String::new(), String::new());
            run.push_str(&text, &mut by_run);
            for c in text.chars() {
                one.push(c, &mut by_char);
            }
            proptest::prop_assert_eq!(&by_run, &by_char);
            proptest::prop_assert_eq!(run.space, one.space);
        }
    }

    #[test]
    fn sources_and_uniqueness() {
        assert_eq!(sources('a'), ['a', 'A']);
        assert!(sources('k').contains(&'\u{212A}'));
        assert!(sources('i').contains(&'\u{130}'));
        assert_eq!(sources('托'), ['托']);
        assert!(is_unique('托') && is_unique('7') && is_unique('，'));
        assert!(!is_unique('é') && !is_unique(' ') && !is_unique('\u{3000}'));
    }
}
