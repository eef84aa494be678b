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

pub(crate) fn class(c: char) -> Class {
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

/// The tokens of one body: words and bigrams (positional), and unigrams.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Tokens {
    pub positional: Vec<Token>,
    pub unigrams: Vec<Token>,
}

/// Cuts folded body text into tokens (see the module docs).
pub(crate) fn tokenize(folded: &str) -> Tokens {
    let mut out = Tokens::default();
    let mut position = 0;
    let mut long = false;
    let mut seen_unigrams = std::collections::HashSet::new();
    for run in runs(folded) {
        match run.class {
            Class::Word if run.text.len() > LONG_WORD => long = true,
            Class::Word => {
                out.positional.push(token(run.text.to_string(), position));
                position += 1;
            }
            Class::Gram => {
                let chars = run.chars();
                position += 1;
                for pair in chars.windows(2) {
                    out.positional.push(token(pair.iter().collect(), position));
                    position += 1;
                }
                position += 1;
                for &c in &chars {
                    if seen_unigrams.insert(c) {
                        out.unigrams.push(token(c.to_string(), 0));
                    }
                }
            }
            Class::Other => {}
        }
    }
    if long {
        out.unigrams.push(token(LONG_MARK.to_string(), 0));
    }
    out
}

fn token(text: String, position: usize) -> Token {
    Token {
        offset_from: 0,
        offset_to: 0,
        position,
        text,
        position_length: 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn positional(text: &str) -> Vec<(String, usize)> {
        (tokenize(text).positional.into_iter())
            .map(|t| (t.text, t.position))
            .collect()
    }

    #[test]
    fn words_bigrams_and_gaps() {
        assert_eq!(
            positional("new york, 新媒体 ok"),
            [
                ("new".into(), 0),
                ("york".into(), 1),
                ("新媒".into(), 3),
                ("媒体".into(), 4),
                ("ok".into(), 6),
            ]
        );
        let uni: Vec<String> = (tokenize("新媒体新").unigrams.into_iter())
            .map(|t| t.text)
            .collect();
        assert_eq!(uni, ["新", "媒", "体"]);
    }

    #[test]
    fn long_words_are_marked_not_indexed() {
        let long = "x".repeat(LONG_WORD + 1);
        let t = tokenize(&format!("a {long} b"));
        assert_eq!(t.positional.len(), 2);
        assert_eq!(t.unigrams[0].text, LONG_MARK);
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

/// The index's tokenizer for one of its two fields: [`tokenize`]'s positional tokens (the
/// `text` field) or its unigrams (`uni`). Registered on the index under [`Cut::name`], so a
/// document carries its folded text and the index cuts it. Pre-tokenized strings would do
/// the same, but tantivy's document format passes them through JSON both ways, which took
/// about a third of a build.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cut {
    pub unigrams: bool,
}

impl Cut {
    pub const POSITIONAL: Cut = Cut { unigrams: false };
    pub const UNIGRAMS: Cut = Cut { unigrams: true };

    /// The name the field's schema names this tokenizer by.
    pub fn name(self) -> &'static str {
        if self.unigrams {
            "gazette-uni"
        } else {
            "gazette-text"
        }
    }
}

impl Tokenizer for Cut {
    type TokenStream<'a> = Listed;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Listed {
        let tokens = tokenize(text);
        Listed {
            tokens: if self.unigrams {
                tokens.unigrams
            } else {
                tokens.positional
            },
            next: 0,
        }
    }
}

/// Tokens already cut, handed out one by one.
pub(crate) struct Listed {
    tokens: Vec<Token>,
    /// How many were handed out: the current one is `next - 1`.
    next: usize,
}

impl TokenStream for Listed {
    fn advance(&mut self) -> bool {
        let more = self.next < self.tokens.len();
        self.next += usize::from(more);
        more
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next.max(1) - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next.max(1) - 1]
    }
}
