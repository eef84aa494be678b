//! A chunk's keys read back from its run, and the rule they follow written plainly over
//! `tokens::runs`: a property test holds the two equal (the update's extraction test checks
//! its text through them too).

use super::chunk::Chunk;
use super::key;
use crate::search::fulltext::grams::varint::get;
use crate::search::fulltext::tokens::runs;
use crate::search::fulltext::tokens::{Class, LONG_WORD};
use proptest::prelude::*;
use std::collections::BTreeSet;

/// What a body is indexed under: its words, its bigrams with their positions, the
/// characters its gram runs end with, and whether it has a word too long to index.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Keys {
    pub words: BTreeSet<String>,
    pub bigrams: BTreeSet<(String, u32)>,
    pub unigrams: BTreeSet<char>,
    pub long: bool,
}

/// The keys a chunk of one document writes for `text`, read back from its run.
pub(crate) fn keys(text: &str) -> Keys {
    let mut chunk = Chunk::new();
    chunk.add(text);
    let (mut run, mut scratch) = (Vec::new(), Vec::new());
    chunk.finish(&mut run, &mut scratch);
    let mut out = Keys::default();
    let mut at = 8;
    while at < run.len() {
        let k = if run[at] == 0 {
            at += 1;
            let len = get(&run, &mut at).unwrap() as usize;
            let word = String::from_utf8(run[at..at + len].to_vec()).unwrap();
            at += len;
            Err(word)
        } else {
            let k = u64::from_be_bytes(run[at..at + 8].try_into().unwrap());
            at += 8;
            Ok(k)
        };
        let len = get(&run, &mut at).unwrap() as usize;
        let payload = &run[at..at + len];
        at += len;
        let char_of = |c: u64| char::from_u32(c as u32).unwrap();
        match k {
            Err(word) => drop(out.words.insert(word)),
            Ok(k) if k == key::LONG => out.long = true,
            Ok(k) => match key::short_word_bytes(k) {
                Some((bytes, n)) => {
                    out.words
                        .insert(String::from_utf8(bytes[..n].to_vec()).unwrap());
                }
                None if key::is_bigram(k) => {
                    let (a, b) = (char_of((k >> 21) & 0x1F_FFFF), char_of(k & 0x1F_FFFF));
                    // One document: its number (0), its positions (each plus one, as
                    // deltas), a 0.
                    let mut p = 0;
                    assert_eq!(get(payload, &mut p), Some(0));
                    let mut position = 0;
                    loop {
                        let d = get(payload, &mut p).unwrap();
                        if d == 0 {
                            break;
                        }
                        position += d;
                        out.bigrams.insert((format!("{a}{b}"), position as u32 - 1));
                    }
                    assert_eq!(p, payload.len());
                }
                None => {
                    assert!(
                        (key::UNIGRAM_START..key::BIGRAM_START).contains(&k),
                        "{k:x}"
                    );
                    out.unigrams.insert(char_of(k & 0x1F_FFFF));
                }
            },
        }
    }
    out
}

/// The rule written plainly over `tokens::runs`: every gram character takes a position,
/// and a run's end one more (so no phrase of bigrams joins two runs); a bigram stands at
/// its second character's position.
pub(crate) fn by_the_rule(text: &str) -> Keys {
    let mut out = Keys::default();
    let mut position = 0u32;
    for run in runs(text) {
        match run.class {
            Class::Word if run.text.len() > LONG_WORD => out.long = true,
            Class::Word => drop(out.words.insert(run.text.to_string())),
            Class::Gram => {
                let chars = run.chars();
                for (i, c) in chars.iter().enumerate() {
                    if i > 0 {
                        out.bigrams
                            .insert((format!("{}{c}", chars[i - 1]), position));
                    }
                    position += 1;
                }
                out.unigrams
                    .insert(*chars.last().expect("a run is not empty"));
                position += 1;
            }
            Class::Other => {}
        }
    }
    out
}

#[test]
fn words_bigrams_and_run_ends() {
    let k = keys("new york, 新媒体 ok 新闻");
    assert_eq!(k.words, ["new", "ok", "york"].map(String::from).into());
    assert_eq!(
        k.bigrams,
        [("新媒", 1), ("媒体", 2), ("新闻", 5)]
            .map(|(b, p)| (b.to_string(), p))
            .into()
    );
    assert_eq!(k.unigrams, ['体', '闻'].into());
    assert!(!k.long);
}

#[test]
fn long_words_are_marked_not_indexed() {
    let long = "x".repeat(LONG_WORD + 1);
    let k = keys(&format!("a {long} b"));
    assert_eq!(k.words, ["a", "b"].map(String::from).into());
    assert!(k.long);
    let exactly = "y".repeat(LONG_WORD);
    assert_eq!(keys(&exactly).words, [exactly].into());
}

proptest! {
    #[test]
    fn a_chunk_writes_what_the_rule_says(
        pieces in proptest::collection::vec(
            prop_oneof![
                Just("中"), Just("文"), Just("媒体"), Just("\u{20000}"), Just("한국"),
                Just("ab"), Just("Z9"), Just("é"), Just(" "), Just("、"), Just("-"),
                Just("\u{301}"), Just("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
                Just("。"), Just("“"), Just("\u{4dc0}"), Just("\u{3400}"), Just("ß"),
                Just("\u{10400}"), Just("abcdefgh"), Just("i̇"),
            ],
            0..24,
        )
    ) {
        let text = pieces.concat();
        prop_assert_eq!(keys(&text), by_the_rule(&text));
    }
}
