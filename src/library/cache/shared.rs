//! The fields cache records repeat, decoded once per distinct value.
//!
//! A warm start decodes every record, and most of a record is metadata a hundred others
//! carry too: the author, the category hierarchy, the tags, the front matter's other entries
//! (`comments: false`). Each string of them goes to the process-wide pool (`intern`), which
//! costs a hash and a lock per string, and a list costs one more for the list. [`Shared`]
//! remembers, by their bytes in the record, what each such field decoded to: a field seen
//! before costs one hash of its bytes. The bytes are the whole field, so a value taken from
//! here is the one its own bytes decode to, checked (UTF-8) when it was first met.

use super::Reader;
use crate::library::intern::{Names, Pairs, Text};
use std::collections::HashMap;

/// Distinct values remembered per kind of field. Past this the memory starts again: a
/// library whose values are nearly all its articles' own (a long unique entry in every
/// front matter) must not be copied whole into the memo.
const REMEMBERED: usize = 4096;

/// What the fields decoded so far decoded to, by their bytes. One per thread, kept across
/// records (see the module docs).
#[derive(Default)]
pub struct Shared {
    texts: HashMap<Box<[u8]>, Text>,
    names: HashMap<Box<[u8]>, Names>,
    extras: HashMap<Box<[u8]>, Pairs>,
}

impl Shared {
    /// An optional shared string (the author): a tag, then the string when the tag is 1.
    pub(super) fn author(&mut self, r: &mut Reader) -> Option<Option<Text>> {
        match r.u8()? {
            0 => Some(None),
            1 => {
                let bytes = r.bytes()?;
                let text = remembered(&mut self.texts, bytes, |b| {
                    std::str::from_utf8(b).ok().map(Text::new)
                })?;
                Some(Some(text))
            }
            _ => None,
        }
    }

    /// A list of shared strings: a count, then each string.
    pub(super) fn names(&mut self, r: &mut Reader) -> Option<Names> {
        let field = r.span(|r| {
            for _ in 0..r.u32()? {
                r.bytes()?;
            }
            Some(())
        })?;
        remembered(&mut self.names, field, |b| Reader(b).list().map(Names::new))
    }

    /// The front matter's other entries: a count, then each key and value.
    pub(super) fn extra(&mut self, r: &mut Reader) -> Option<Pairs> {
        let field = r.span(|r| {
            for _ in 0..r.u32()? {
                r.bytes()?;
                r.bytes()?;
            }
            Some(())
        })?;
        remembered(&mut self.extras, field, |b| {
            let mut r = Reader(b);
            let n = r.u32()?;
            let mut pairs = Vec::new();
            for _ in 0..n {
                pairs.push((r.str()?, r.str()?));
            }
            Some(Pairs::new(pairs))
        })
    }
}

/// The value `bytes` decoded to before, or `decode`'s (remembered when it is one).
fn remembered<T: Clone>(
    memo: &mut HashMap<Box<[u8]>, T>,
    bytes: &[u8],
    decode: impl FnOnce(&[u8]) -> Option<T>,
) -> Option<T> {
    if let Some(value) = memo.get(bytes) {
        return Some(value.clone());
    }
    let value = decode(bytes)?;
    if memo.len() >= REMEMBERED {
        memo.clear();
    }
    memo.insert(bytes.into(), value.clone());
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::super::tests::article;
    use super::super::{decode_record, decode_record_with, encode_record};
    use super::*;

    /// Records of `n` articles whose authors, categories, tags and other entries repeat in
    /// several overlapping cycles, each with its own bytes.
    fn records(n: u32) -> Vec<Vec<u8>> {
        (0..n)
            .map(|i| {
                let (mut a, warnings, _) = article(i);
                a.author = (i % 5 != 0).then(|| Text::new(&format!("作者{}", i % 7)));
                a.categories = Names::new([format!("新闻{}", i % 3), format!("频道{}", i % 4)]);
                a.tags = Names::new((0..i % 3).map(|t| format!("tag{t}")));
                a.extra = Pairs::new([
                    ("comments".to_string(), (i % 2 == 0).to_string()),
                    (
                        "note".into(),
                        format!("一段很长的说明，超过共享长度的那种 {}", i % 6),
                    ),
                ]);
                encode_record(&a, &warnings)
            })
            .collect()
    }

    #[test]
    fn a_memo_decodes_every_record_as_it_decodes_alone() {
        let records = records(200);
        let mut shared = Shared::default();
        for r in &records {
            let alone = decode_record(r).unwrap();
            assert_eq!(decode_record_with(r, &mut shared), Some(alone));
        }
        // Every distinct value was met, and no more.
        assert_eq!(shared.texts.len(), 7);
        // 12 category pairs, and three tag lists (the empty one is also the flat categories).
        assert_eq!(shared.names.len(), 12 + 3);
        assert_eq!(shared.extras.len(), 6);
    }

    #[test]
    fn bytes_that_differ_from_a_remembered_field_are_decoded_and_checked() {
        let (mut a, w, _) = article(4);
        a.categories = Names::new(["新闻"]);
        let first = encode_record(&a, &w);
        a.categories = Names::new(["新聞"]);
        let second = encode_record(&a, &w);
        let mut shared = Shared::default();
        decode_record_with(&first, &mut shared).unwrap();
        let (back, _) = decode_record_with(&second, &mut shared).unwrap();
        assert_eq!(back.categories.strs().collect::<Vec<_>>(), ["新聞"]);
        // The same length and shape as a remembered field, but not UTF-8: refused.
        let tag = [1, 0, 0, 0, 1, 0, 0, 0, b't'];
        let at = (second.windows(tag.len()).position(|w| w == tag)).unwrap() + tag.len() - 1;
        let mut broken = second.clone();
        broken[at] = 0xff;
        assert_eq!(decode_record_with(&broken, &mut shared), None);
        assert!(decode_record_with(&second, &mut shared).is_some());
    }

    #[test]
    fn the_memo_starts_again_past_its_bound() {
        let mut shared = Shared::default();
        let (mut a, w, _) = article(2);
        for i in 0..REMEMBERED as u32 + 10 {
            a.author = Some(Text::new(&format!("第{i}位作者")));
            let (back, _) = decode_record_with(&encode_record(&a, &w), &mut shared).unwrap();
            assert_eq!(back.author, a.author);
            assert!(shared.texts.len() <= REMEMBERED);
        }
        assert_eq!(shared.texts.len(), 10);
    }
}
