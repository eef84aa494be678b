//! One search term, prepared once per query: its folded text and the cheapest *exact* way to
//! look for it. Per key press the title filter runs over every article, so plain-text search
//! avoids folding (allocating, lowercasing) the haystack whenever that cannot change the answer.

use super::fold::{self, Folder};
use memchr::memmem::Finder;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Every character can only come from itself (CJK, digits, punctuation): the unfolded
    /// text holds the term exactly when the folded text does.
    Literal,
    /// ASCII without spaces: ASCII case-insensitive search on the unfolded text, unless it
    /// holds one of the few non-ASCII characters that fold to ASCII (`K` Kelvin, `İ`).
    Ascii,
    /// Anything else (accented Latin, phrases): fold the haystack, then search.
    Folded,
}

/// A prepared term. Never empty.
#[derive(Debug, Clone)]
pub(crate) struct Needle {
    folded: String,
    kind: Kind,
    finder: Finder<'static>,
    /// Non-ASCII characters that fold into the term's ASCII characters.
    exotic: Vec<char>,
    /// Raw forms the first character can take in HTML text: each of its sources in UTF-8,
    /// `&#` (a numeric entity) and the named entities that contain it. Every occurrence of the
    /// term in the text starts at one of these.
    pub anchors: Vec<Finder<'static>>,
    /// The same, plus the GB18030 forms (files that are not UTF-8 are decoded as GB18030), for
    /// undecoded bytes. `None` when bytes cannot rule the term out: a term starting with `�`
    /// may come from any undecodable byte.
    pub raw_anchors: Option<Vec<Finder<'static>>>,
}

impl Needle {
    /// `None` when the text folds to nothing (only spaces).
    pub fn new(text: &str) -> Option<Needle> {
        let folded = fold::fold(text);
        let first = folded.chars().next()?;
        let kind = if folded.chars().all(fold::is_unique) {
            Kind::Literal
        } else if folded.is_ascii() && !folded.contains(' ') {
            Kind::Ascii
        } else {
            Kind::Folded
        };
        let mut exotic: Vec<char> = folded
            .chars()
            .flat_map(fold::sources)
            .filter(|c| !c.is_ascii())
            .collect();
        exotic.sort_unstable();
        exotic.dedup();
        let sources = fold::sources(first);
        let mut forms: Vec<Vec<u8>> = sources
            .iter()
            .map(|c| c.encode_utf8(&mut [0; 4]).as_bytes().to_vec())
            .collect();
        forms.extend(entities_containing(first));
        let anchors = finders(&forms);
        forms.extend(sources.iter().map(|c| {
            let text = c.to_string();
            encoding_rs::GB18030.encode(&text).0.into_owned()
        }));
        let raw_anchors = (first != char::REPLACEMENT_CHARACTER).then(|| finders(&forms));
        Some(Needle {
            finder: Finder::new(folded.as_bytes()).into_owned(),
            folded,
            kind,
            exotic,
            anchors,
            raw_anchors,
        })
    }

    /// The folded term.
    pub fn folded(&self) -> &str {
        &self.folded
    }

    /// Whether plain (unfolded) text holds the term; `scratch` is used when folding is needed.
    pub fn in_plain(&self, hay: &str, scratch: &mut String) -> bool {
        match self.kind {
            Kind::Literal => self.finder.find(hay.as_bytes()).is_some(),
            Kind::Ascii => {
                ascii_contains(hay.as_bytes(), self.folded.as_bytes())
                    || (self.exotic.iter().any(|&c| hay.contains(c))
                        && self.in_folded(fold_into(hay, scratch)))
            }
            Kind::Folded => self.in_folded(fold_into(hay, scratch)),
        }
    }

    /// Whether already folded text holds the term.
    #[inline]
    pub fn in_folded(&self, folded: &str) -> bool {
        self.finder.find(folded.as_bytes()).is_some()
    }

    /// The first occurrence in folded text at or after byte `from`.
    #[inline]
    pub fn find_from(&self, folded: &str, from: usize) -> Option<usize> {
        self.finder
            .find(&folded.as_bytes()[from..])
            .map(|i| from + i)
    }

    /// Byte offsets of non-overlapping occurrences in folded text.
    pub fn find_iter<'h>(&'h self, folded: &'h str) -> impl Iterator<Item = usize> + 'h {
        self.finder.find_iter(folded.as_bytes())
    }
}

/// `&#`, and every `&name;` whose folded value contains `c`.
fn entities_containing(c: char) -> impl Iterator<Item = Vec<u8>> {
    static FOLDED: OnceLock<Vec<(&'static [u8], String)>> = OnceLock::new();
    let folded = FOLDED.get_or_init(|| {
        (html_escape::NAMED_ENTITIES.iter())
            .map(|&(name, value)| (name, fold::fold(value)))
            .collect()
    });
    let named = (folded.iter())
        .filter(move |(_, value)| value.contains(c))
        .map(|(name, _)| [b"&", *name, b";"].concat());
    std::iter::once(b"&#".to_vec()).chain(named)
}

/// One finder per distinct form, leaving out forms that start with a shorter one (`&` makes
/// `&#` redundant: it finds the same places). Only a prefix will do: a window must start
/// where the form starts (`f` does not stand for `&fjlig;`).
fn finders(forms: &[Vec<u8>]) -> Vec<Finder<'static>> {
    let mut forms: Vec<&[u8]> = forms.iter().map(Vec::as_slice).collect();
    forms.sort_by_key(|f| f.len());
    let mut kept: Vec<&[u8]> = Vec::new();
    for form in forms {
        if !kept.iter().any(|k| form.starts_with(k)) {
            kept.push(form);
        }
    }
    (kept.into_iter())
        .map(|f| Finder::new(f).into_owned())
        .collect()
}

fn fold_into<'s>(hay: &str, scratch: &'s mut String) -> &'s str {
    scratch.clear();
    Folder::new().push_str(hay, scratch);
    scratch
}

/// ASCII case-insensitive search for a lowercase ASCII needle, on UTF-8 bytes (an ASCII byte
/// in UTF-8 is always a whole ASCII character, so a match never straddles a character).
fn ascii_contains(hay: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    let last_start = match hay.len().checked_sub(needle.len()) {
        Some(n) => n,
        None => return false,
    };
    let hit = |i: usize| i <= last_start && hay[i + 1..i + needle.len()].eq_ignore_ascii_case(rest);
    if first.is_ascii_lowercase() {
        memchr::memchr2_iter(first, first.to_ascii_uppercase(), hay).any(hit)
    } else {
        memchr::memchr_iter(first, hay).any(hit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finds(term: &str, hay: &str) -> bool {
        Needle::new(term).unwrap().in_plain(hay, &mut String::new())
    }

    #[test]
    fn kinds() {
        assert_eq!(Needle::new("托卡耶夫").unwrap().kind, Kind::Literal);
        assert_eq!(Needle::new("Zanzibar").unwrap().kind, Kind::Ascii);
        assert_eq!(Needle::new("école").unwrap().kind, Kind::Folded);
        assert_eq!(Needle::new("two  words").unwrap().folded(), "two words");
        assert!(Needle::new("  ").is_none());
    }

    fn forms(finders: &[Finder<'static>]) -> Vec<Vec<u8>> {
        finders.iter().map(|f| f.needle().to_vec()).collect()
    }

    #[test]
    fn anchors() {
        let n = Needle::new("托卡耶夫").unwrap();
        let (gb, _, _) = encoding_rs::GB18030.encode("托");
        assert_eq!(
            forms(&n.anchors),
            [b"&#".to_vec(), "托".as_bytes().to_vec()]
        );
        let raw = forms(n.raw_anchors.as_ref().unwrap());
        assert!(raw.contains(&gb.to_vec()) && raw.len() == 3);
        let n = Needle::new("été").unwrap();
        let anchors = forms(&n.anchors);
        for form in ["é", "É", "&eacute;", "&Eacute;", "&#"] {
            assert!(anchors.contains(&form.as_bytes().to_vec()), "{form}");
        }
        assert_eq!(
            forms(&Needle::new("&amp").unwrap().anchors),
            [b"&".to_vec()]
        );
        assert!(Needle::new("\u{FFFD}x").unwrap().raw_anchors.is_none());
        let fj = forms(&Needle::new("ford").unwrap().anchors);
        assert!(fj.contains(&b"&fjlig;".to_vec()) && fj.contains(&b"f".to_vec()));
    }

    #[test]
    fn plain_text_matching_is_exact_on_every_path() {
        assert!(finds("zanzibar", "Trip to ZANZIBAR."));
        assert!(finds("ZanZibar", "zanzibar"));
        assert!(!finds("zanzibar", "zanzi bar"));
        assert!(finds("É", "école") && finds("école", "ÉCOLE"));
        assert!(finds("新媒", "新媒体/观察者网"));
        assert!(!finds("媒新", "新媒体"));
        assert!(
            finds("kelvin", "\u{212A}elvin scale"),
            "Kelvin sign folds to k"
        );
        assert!(finds("two words", "two\n  WORDS"));
        assert!(!finds("ab", "a"));
        assert!(finds("a&b", "A&B"));
    }
}
