//! How folded body text becomes index tokens, and how a folded term is cut the same way.
//!
//! Every character of folded text is of one class:
//! - a *gram* character (CJK ideographs, kana, Hangul: scripts written without spaces) is
//!   indexed as bigrams of neighbouring gram characters, with positions, and on its own as a
//!   unigram (in a field without positions), so any substring of a gram run is found;
//! - a *word* character (any other letter or digit) belongs to a word: a maximal run of word
//!   characters is one token, with a position;
//! - anything else (spaces, punctuation, symbols, combining marks) separates and is not indexed.
//!
//! Positions: consecutive words take consecutive positions, so a phrase of words is a
//! positional query; the bigrams of one gram run take consecutive positions too, with a gap
//! before and after the run, so no phrase ever joins a gram run to its neighbours.
//!
//! Words longer than [`LONG_WORD`] bytes (base64, long URLs) are not indexed: the document
//! gets the [`LONG_MARK`] unigram instead, which tells a search that this body may hold any
//! word-character term and must be read.

use crate::search::fold::char_at;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Words longer than this (in bytes) are not indexed; see [`LONG_MARK`].
pub(crate) const LONG_WORD: usize = 64;

/// The unigram-field token of a body with a word longer than [`LONG_WORD`]. Not a gram
/// character, so no search for text ever names it.
pub(crate) const LONG_MARK: &str = "\u{1}long";

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

/// The index's tokenizer for one of its two fields: words and bigrams with their positions
/// (the `text` field), or the unigrams and the long-word mark (`uni`), as the module docs say.
/// Registered on the index under [`Cut::name`], so a document carries its folded text and the
/// index cuts it (pre-tokenized strings pass through JSON both ways inside tantivy).
///
/// It hands tokens out as it finds them, in one reused buffer, as tantivy's own tokenizers do:
/// no list of tokens, no string per token. Tantivy keeps one clone per indexing thread and field.
#[derive(Debug, Clone)]
pub(crate) struct Cut {
    pub unigrams: bool,
    /// The unigrams handed out for the current body (cleared at each body).
    seen: Seen,
}

impl Cut {
    pub const POSITIONAL: Cut = Cut {
        unigrams: false,
        seen: Seen::EMPTY,
    };
    pub const UNIGRAMS: Cut = Cut {
        unigrams: true,
        seen: Seen::EMPTY,
    };

    /// The name the field's schema names this tokenizer by.
    pub fn name(&self) -> &'static str {
        if self.unigrams {
            "gazette-uni"
        } else {
            "gazette-text"
        }
    }
}

impl Tokenizer for Cut {
    type TokenStream<'a> = CutStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CutStream<'a> {
        self.seen.clear();
        CutStream {
            text,
            at: 0,
            unigrams: self.unigrams,
            seen: &mut self.seen,
            position: 0,
            gram: None,
            long: false,
            token: Token::default(),
        }
    }
}

/// The tokens of one body, found one at a time.
pub(crate) struct CutStream<'a> {
    text: &'a str,
    /// Where the next character to look at starts.
    at: usize,
    unigrams: bool,
    seen: &'a mut Seen,
    /// The position the next positional token takes.
    position: usize,
    /// Inside a gram run: where its last character read starts (the first of the next
    /// bigram, which is the text from there to the end of the character after it).
    gram: Option<usize>,
    /// A word longer than [`LONG_WORD`] was skipped (the unigrams end with [`LONG_MARK`]).
    long: bool,
    token: Token,
}

impl CutStream<'_> {
    /// The character at `at` and its length in bytes, if any.
    #[inline]
    fn peek(&self) -> Option<(char, usize)> {
        (self.at < self.text.len()).then(|| char_at(self.text, self.at))
    }

    /// The word starting at `at` (a maximal run of word characters); moves past it.
    fn word(&mut self) -> &str {
        let (text, start) = (self.text, self.at);
        let bytes = text.as_bytes();
        let mut end = start;
        while end < bytes.len() {
            let b = bytes[end];
            if b < 0x80 {
                if !b.is_ascii_alphanumeric() {
                    break;
                }
                end += 1;
            } else {
                let (c, len) = char_at(text, end);
                if class(c) != Class::Word {
                    break;
                }
                end += len;
            }
        }
        self.at = end;
        &text[start..end]
    }

    fn emit(&mut self, text: &str, position: usize) -> bool {
        self.token.text.clear();
        self.token.text.push_str(text);
        self.token.position = position;
        true
    }

    /// The next word or bigram: words take consecutive positions; a gram run's bigrams too,
    /// after a gap, with a gap after the run.
    fn next_positional(&mut self) -> bool {
        while let Some((c, len)) = self.peek() {
            let kind = class(c);
            if let Some(previous) = self.gram {
                if kind == Class::Gram {
                    // The bigram is the two characters as they stand in the text: one copy.
                    self.gram = Some(self.at);
                    self.at += len;
                    let position = self.position;
                    self.position += 1;
                    return self.emit(&self.text[previous..self.at], position);
                }
                self.gram = None;
                self.position += 1;
            }
            match kind {
                Class::Gram => {
                    self.gram = Some(self.at);
                    self.at += len;
                    self.position += 1;
                }
                Class::Word => {
                    let (text, start) = (self.text, self.at);
                    let len = self.word().len();
                    if len <= LONG_WORD {
                        let position = self.position;
                        self.position += 1;
                        return self.emit(&text[start..start + len], position);
                    }
                }
                Class::Other => self.at += len,
            }
        }
        false
    }

    /// The next gram character not handed out yet in this body, then the long-word mark if
    /// the body needs it.
    fn next_unigram(&mut self) -> bool {
        while let Some((c, len)) = self.peek() {
            match class(c) {
                Class::Gram => {
                    let start = self.at;
                    self.at += len;
                    if self.seen.insert(c) {
                        return self.emit(&self.text[start..self.at], 0);
                    }
                }
                Class::Word => {
                    let long = self.word().len() > LONG_WORD;
                    self.long |= long;
                }
                Class::Other => self.at += len,
            }
        }
        std::mem::take(&mut self.long) && self.emit(LONG_MARK, 0)
    }
}

impl TokenStream for CutStream<'_> {
    fn advance(&mut self) -> bool {
        if self.unigrams {
            self.next_unigram()
        } else {
            self.next_positional()
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// A set of gram characters, cleared for each body: a bit per character of the Basic
/// Multilingual Plane (where nearly all of them are), a tree for the rest. Handing each unigram
/// to the index once per body spares it a hash lookup per repeat.
#[derive(Debug, Clone)]
pub(crate) struct Seen {
    /// 65,536 bits once used (8 KiB, allocated on first use).
    bits: Vec<u64>,
    /// Which words of `bits` are not zero, to clear only those.
    touched: Vec<u16>,
    beyond: std::collections::BTreeSet<char>,
}

impl Seen {
    const EMPTY: Seen = Seen {
        bits: Vec::new(),
        touched: Vec::new(),
        beyond: std::collections::BTreeSet::new(),
    };

    fn clear(&mut self) {
        for &w in &self.touched {
            self.bits[usize::from(w)] = 0;
        }
        self.touched.clear();
        self.beyond.clear();
    }

    /// True when `c` was not in the set.
    fn insert(&mut self, c: char) -> bool {
        let Ok(u) = u16::try_from(c as u32) else {
            return self.beyond.insert(c);
        };
        if self.bits.is_empty() {
            self.bits = vec![0; 1 << 10];
        }
        let (w, bit) = (u >> 6, 1u64 << (u & 63));
        let word = &mut self.bits[usize::from(w)];
        if *word & bit != 0 {
            return false;
        }
        if *word == 0 {
            self.touched.push(w);
        }
        *word |= bit;
        true
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every token of both fields, cut by the given tokenizers (reused across bodies as the
    /// index reuses them).
    fn cut_with(cuts: &mut [Cut; 2], text: &str) -> (Vec<(String, usize)>, Vec<String>) {
        let mut positional = Vec::new();
        let mut stream = cuts[0].token_stream(text);
        while stream.advance() {
            positional.push((stream.token().text.clone(), stream.token().position));
        }
        let mut unigrams = Vec::new();
        let mut stream = cuts[1].token_stream(text);
        while stream.advance() {
            unigrams.push(stream.token().text.clone());
        }
        (positional, unigrams)
    }

    pub(crate) fn cut(text: &str) -> (Vec<(String, usize)>, Vec<String>) {
        cut_with(&mut [Cut::POSITIONAL, Cut::UNIGRAMS], text)
    }

    /// The module docs' rule written plainly over [`runs`]: what the streams must hand out.
    pub(crate) fn by_the_rule(text: &str) -> (Vec<(String, usize)>, Vec<String>) {
        let (mut positional, mut unigrams) = (Vec::new(), Vec::<String>::new());
        let (mut position, mut long) = (0, false);
        for run in runs(text) {
            match run.class {
                Class::Word if run.text.len() > LONG_WORD => long = true,
                Class::Word => {
                    positional.push((run.text.to_string(), position));
                    position += 1;
                }
                Class::Gram => {
                    let chars = run.chars();
                    position += 1;
                    for pair in chars.windows(2) {
                        positional.push((pair.iter().collect(), position));
                        position += 1;
                    }
                    position += 1;
                    for c in chars {
                        if !unigrams.contains(&c.to_string()) {
                            unigrams.push(c.to_string());
                        }
                    }
                }
                Class::Other => {}
            }
        }
        if long {
            unigrams.push(LONG_MARK.to_string());
        }
        (positional, unigrams)
    }

    #[test]
    fn words_bigrams_and_gaps() {
        assert_eq!(
            cut("new york, 新媒体 ok").0,
            [
                ("new".into(), 0),
                ("york".into(), 1),
                ("新媒".into(), 3),
                ("媒体".into(), 4),
                ("ok".into(), 6),
            ]
        );
        assert_eq!(cut("新媒体新").1, ["新", "媒", "体"]);
    }

    #[test]
    fn long_words_are_marked_not_indexed() {
        let long = "x".repeat(LONG_WORD + 1);
        let (positional, unigrams) = cut(&format!("a {long} b"));
        assert_eq!(positional, [("a".into(), 0), ("b".into(), 1)]);
        assert_eq!(unigrams, [LONG_MARK]);
        let exactly = "y".repeat(LONG_WORD);
        assert_eq!(cut(&exactly).0, [(exactly.clone(), 0)]);
    }

    #[test]
    fn a_reused_tokenizer_starts_each_body_afresh() {
        let mut cuts = [Cut::POSITIONAL, Cut::UNIGRAMS];
        let long = "z".repeat(LONG_WORD + 1);
        let first = format!("中文 {long} 文字 \u{20000}\u{20001}");
        assert_eq!(cut_with(&mut cuts, &first), by_the_rule(&first));
        assert_eq!(
            cut_with(&mut cuts, "文字 \u{20000}"),
            by_the_rule("文字 \u{20000}")
        );
        assert_eq!(cut_with(&mut cuts, &first), by_the_rule(&first));
    }

    #[test]
    fn the_fast_classes_follow_the_general_rule() {
        for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
            assert_eq!(class(c), general_class(c), "{c:?}");
        }
    }

    proptest! {
        #[test]
        fn the_streams_hand_out_what_the_rule_says(
            pieces in proptest::collection::vec(
                prop_oneof![
                    Just("中"), Just("文"), Just("媒体"), Just("\u{20000}"), Just("한국"),
                    Just("ab"), Just("Z9"), Just("é"), Just(" "), Just("、"), Just("-"),
                    Just("\u{301}"), Just("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
                    Just("。"), Just("“"), Just("\u{4dc0}"), Just("\u{3400}"), Just("ß"),
                    Just("\u{10400}"),
                ],
                0..24,
            )
        ) {
            let text = pieces.concat();
            prop_assert_eq!(cut(&text), by_the_rule(&text));
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
