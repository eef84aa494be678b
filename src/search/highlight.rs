//! Where the terms occur in a rendered line, for the reader to highlight them.
//!
//! Lowercasing can change byte lengths (`ẞ` is 3 bytes, `ß` 2; `İ` becomes two characters),
//! so matching happens on the folded line and every folded byte remembers the original
//! character (or whitespace run) it came from; ranges are mapped back through that and are
//! always whole characters of the original line.

use super::fold::push_lower;
use super::query::Query;

impl Query {
    /// Byte ranges `(start, end)` in `line` of every occurrence of every term not excluded
    /// with `-`, sorted, with overlapping or touching ranges merged. Case-insensitive like the search itself; a
    /// phrase matches across any run of whitespace.
    pub fn find_in_line(&self, line: &str) -> Vec<(usize, usize)> {
        if !self.has_words() {
            return Vec::new();
        }
        let (folded, origin) = fold_mapped(line);
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        for term in self.terms.iter().filter(|t| !t.excluded) {
            let len = term.needle.folded().len();
            for start in term.needle.find_iter(&folded) {
                ranges.push((origin[start].0, origin[start + len - 1].1));
            }
        }
        ranges.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
        for (start, end) in ranges {
            match merged.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        merged
    }
}

/// `line` folded (whitespace runs → one space, leading ones kept), and for every byte of the
/// result the byte range of the original character or whitespace run it came from.
fn fold_mapped(line: &str) -> (String, Vec<(usize, usize)>) {
    let mut folded = String::with_capacity(line.len());
    let mut origin: Vec<(usize, usize)> = Vec::with_capacity(line.len());
    let mut in_space = false;
    for (i, c) in line.char_indices() {
        let end = i + c.len_utf8();
        if c.is_whitespace() {
            if in_space {
                origin.last_mut().expect("a space was written").1 = end;
            } else {
                folded.push(' ');
                origin.push((i, end));
                in_space = true;
            }
            continue;
        }
        in_space = false;
        let before = folded.len();
        push_lower(c, &mut folded);
        origin.resize(folded.len(), (i, end));
        debug_assert!(folded.len() > before);
    }
    (folded, origin)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fold::fold;
    use chrono::Utc;
    use proptest::prelude::*;

    fn ranges(query: &str, line: &str) -> Vec<(usize, usize)> {
        Query::parse_in(query, &Utc).unwrap().find_in_line(line)
    }

    #[test]
    fn ascii_cjk_and_accents() {
        assert_eq!(ranges("zan", "Zanzibar, zAN!"), [(0, 3), (10, 13)]);
        assert_eq!(
            ranges("托卡耶夫 会谈", "托卡耶夫举行会谈"),
            [(0, 12), (18, 24)]
        );
        assert_eq!(ranges("été", "L'ÉTÉ, été"), [(2, 7), (9, 14)]);
        assert_eq!(ranges("\"two words\"", "two \t WORDS"), [(0, 11)]);
        assert_eq!(ranges("ab bc", "abc"), [(0, 3)]);
        assert!(ranges("x", "").is_empty() && ranges("", "abc").is_empty());
    }

    #[test]
    fn length_changing_case() {
        // ẞ (3 bytes) folds to ß (2 bytes); İ folds to two characters.
        assert_eq!(ranges("straße", "STRAẞE x"), [(0, 8)]);
        assert_eq!(ranges("ß", "aẞb ß"), [(1, 4), (6, 8)]);
        assert_eq!(ranges("İstanbul", "İSTANBUL"), [(0, 9)]);
        // Plain lowercasing keeps the dot: `istanbul` is not in `i̇stanbul`.
        assert!(ranges("istanbul", "İSTANBUL").is_empty());
        assert_eq!(ranges("i", "İi"), [(0, 3)]);
        assert_eq!(ranges("k", "\u{212A}"), [(0, 3)]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn ranges_are_whole_characters_holding_a_term(
            line in "[a-zA-Z éÉẞßİı托卡耶夫\t]{0,24}",
            term in "[a-zA-ZéÉẞßİı托卡耶夫]{1,3}",
        ) {
            let query = Query::parse_in(&term, &Utc).unwrap();
            let found = query.find_in_line(&line);
            for &(start, end) in &found {
                prop_assert!(start < end && end <= line.len());
                prop_assert!(line.is_char_boundary(start) && line.is_char_boundary(end));
                prop_assert!(fold(&line[start..end]).contains(query.terms()[0].needle.folded()));
            }
            prop_assert!(found.windows(2).all(|w| w[0].1 < w[1].0));
            if fold(&line).contains(query.terms()[0].needle.folded()) {
                prop_assert!(!found.is_empty());
            }
        }
    }
}
