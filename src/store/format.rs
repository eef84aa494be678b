//! The state file format: JSON Lines, a header then one line per article, sorted by key.
//!
//! ```text
//! {"gazette_state":1}
//! {"key":"0f3a…","read":true,"starred":false,"at":[4,120],"changed":1795000000123}
//! ```
//!
//! - `at`: where reading stopped, as a place in the text ([`Position::Text`]: block, offset),
//!   which holds at any width. Files written before places existed hold `pos` instead, a
//!   display line number ([`Position::Line`]); it is still read, and written back as `pos`
//!   until the article is scrolled again. When both are present, `at` counts.
//! - `changed`: when the entry last changed, Unix milliseconds; missing in older files (such
//!   an entry is older than any stamped one). An entry back at the default state is still
//!   written while it has a stamp, so that the change can win over older copies elsewhere.
//!
//! The new fields only add to version 1: an older gazette reading this file ignores them
//! (and loses only positions and stamps), so the version stays 1.
//!
//! Reading is strict about what matters and lenient about the rest: the header must be exactly
//! version 1 and every non-blank line must be a JSON object with a string `key`; the other
//! fields default when missing, unknown fields are ignored, blank lines are skipped, lines
//! holding nothing are dropped, and a key given twice is merged by [`Entry::merge`].

use super::{Entry, Position};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The format version written in the header.
pub const VERSION: u64 = 1;
const HEADER_FIELD: &str = "gazette_state";

#[derive(Serialize)]
struct LineOut<'a> {
    key: &'a str,
    read: bool,
    starred: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pos: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<[u32; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    changed: Option<i64>,
}

#[derive(Deserialize)]
struct LineIn {
    key: String,
    #[serde(default)]
    read: bool,
    #[serde(default)]
    starred: bool,
    #[serde(default)]
    pos: u32,
    #[serde(default)]
    at: Option<[u32; 2]>,
    #[serde(default)]
    changed: Option<i64>,
}

/// The whole file for `entries` (already sorted: it is a `BTreeMap`). Entries holding nothing
/// are skipped.
pub fn encode(entries: &BTreeMap<String, Entry>) -> Vec<u8> {
    let mut out = format!("{{\"{HEADER_FIELD}\":{VERSION}}}\n").into_bytes();
    for (key, e) in entries.iter().filter(|(_, e)| !e.is_default()) {
        let (pos, at) = match e.pos {
            Position::Top => (None, None),
            Position::Line(n) => (Some(n), None),
            Position::Text { block, offset } => (None, Some([block, offset])),
        };
        let line = LineOut {
            key,
            read: e.read,
            starred: e.starred,
            pos,
            at,
            changed: e.changed,
        };
        // Serializing a struct of a str, bools and integers cannot fail.
        serde_json::to_writer(&mut out, &line).expect("state line serializes");
        out.push(b'\n');
    }
    out
}

/// Parses a whole file. A file that is empty or only whitespace is an empty state (nothing to
/// lose); anything else must start with the header. The error names the 1-based line.
pub fn decode(bytes: &[u8]) -> Result<BTreeMap<String, Entry>, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))?;
    let mut entries = BTreeMap::new();
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty());
    let Some((n, header)) = lines.next() else {
        return Ok(entries);
    };
    check_header(header).map_err(|e| format!("line {n}: {e}"))?;
    for (n, line) in lines {
        let l: LineIn = serde_json::from_str(line).map_err(|e| format!("line {n}: {e}"))?;
        let e = Entry {
            read: l.read,
            starred: l.starred,
            pos: match l.at {
                Some([block, offset]) => Position::text(block, offset),
                None => Position::line(l.pos),
            },
            changed: l.changed,
        };
        let merged = entries.get(&l.key).map_or(e, |old: &Entry| old.merge(e));
        if merged.is_default() {
            entries.remove(&l.key);
        } else {
            entries.insert(l.key, merged);
        }
    }
    Ok(entries)
}

fn check_header(line: &str) -> Result<(), String> {
    let v: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("bad header: {e}"))?;
    match v.get(HEADER_FIELD).and_then(serde_json::Value::as_u64) {
        Some(VERSION) => Ok(()),
        Some(other) => Err(format!(
            "state format version {other}, this gazette reads version {VERSION}"
        )),
        None => Err(format!(
            "not a gazette state file (no \"{HEADER_FIELD}\" header)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(read: bool, starred: bool, pos: u32) -> Entry {
        Entry {
            read,
            starred,
            pos: Position::line(pos),
            changed: None,
        }
    }

    #[test]
    fn encodes_header_then_sorted_lines_without_defaults() {
        let mut m = BTreeMap::new();
        m.insert("b".to_string(), entry(true, false, 12));
        m.insert("a".to_string(), entry(false, true, 0));
        m.insert("c".to_string(), Entry::default());
        let unstarred = Entry {
            changed: Some(1_700_000_000_123),
            ..Entry::default()
        };
        m.insert("d".to_string(), unstarred);
        let placed = Entry {
            pos: Position::text(4, 120),
            changed: Some(7),
            ..Entry::default()
        };
        m.insert("e".to_string(), placed);
        let text = String::from_utf8(encode(&m)).unwrap();
        assert_eq!(
            text,
            "{\"gazette_state\":1}\n\
             {\"key\":\"a\",\"read\":false,\"starred\":true}\n\
             {\"key\":\"b\",\"read\":true,\"starred\":false,\"pos\":12}\n\
             {\"key\":\"d\",\"read\":false,\"starred\":false,\"changed\":1700000000123}\n\
             {\"key\":\"e\",\"read\":false,\"starred\":false,\"at\":[4,120],\"changed\":7}\n"
        );
        m.remove("c");
        assert_eq!(decode(text.as_bytes()).unwrap(), m);
    }

    #[test]
    fn decode_is_lenient_about_blanks_missing_fields_and_duplicates() {
        let text = "\n{\"gazette_state\":1}\r\n\n{\"key\":\"k\",\"pos\":3,\"new\":1}\n\
                    {\"key\":\"k\",\"read\":true,\"pos\":2}\n{\"key\":\"d\"}\n";
        let m = decode(text.as_bytes()).unwrap();
        assert_eq!(m.len(), 1);
        assert_eq!(m["k"], entry(true, false, 3));
        assert!(decode(b"").unwrap().is_empty());
        assert!(decode(b" \n\n").unwrap().is_empty());
    }

    #[test]
    fn old_lines_load_and_the_newer_of_a_key_given_twice_wins() {
        let text = "{\"gazette_state\":1}\n\
                    {\"key\":\"old\",\"read\":true,\"starred\":true,\"pos\":40}\n\
                    {\"key\":\"both\",\"pos\":9,\"at\":[2,5]}\n\
                    {\"key\":\"k\",\"starred\":true,\"changed\":5}\n\
                    {\"key\":\"k\",\"starred\":false,\"changed\":6}\n\
                    {\"key\":\"k\",\"starred\":true}\n";
        let m = decode(text.as_bytes()).unwrap();
        assert_eq!(m["old"], entry(true, true, 40));
        assert_eq!(m["both"].pos, Position::text(2, 5), "at counts over pos");
        assert_eq!(
            m["k"],
            Entry {
                changed: Some(6),
                ..Entry::default()
            },
            "the unstar at 6 wins over the star at 5 and the unstamped star"
        );
    }

    #[test]
    fn decode_rejects_bad_headers_and_lines() {
        for (bad, want) in [
            ("{\"key\":\"a\",\"read\":true}\n", "line 1"),
            ("{\"gazette_state\":2}\n", "version 2"),
            ("[1,2]\n", "line 1"),
            (
                "{\"gazette_state\":1}\n{\"key\":\"a\",\"read\":tru\n",
                "line 2",
            ),
            ("{\"gazette_state\":1}\n{\"read\":true}\n", "line 2"),
            (
                "{\"gazette_state\":1}\n{\"key\":\"a\",\"pos\":-1}\n",
                "line 2",
            ),
        ] {
            let err = decode(bad.as_bytes()).unwrap_err();
            assert!(err.contains(want), "{bad:?} → {err}");
        }
        assert!(decode(b"{\"gazette_state\":1}\n\xff\n").is_err());
    }
}
