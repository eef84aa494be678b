//! The Pelican / MultiMarkdown metadata header: `Title: …`, `Date: …`, `Category: …` lines at
//! the very top of the file, no fence, ended by a blank line.
//!
//! Without a fence, the only thing telling metadata from prose is its shape, so the test is
//! strict: the first line must name a key these generators define (`Note: see below` is
//! prose), every line up to the blank line must be `Key: value` or an indented continuation
//! (MultiMarkdown), and the blank line must be there. A header cut short (a prefix of a file
//! read in pieces) is therefore never mistaken for a whole one.

use super::node::{Entries, Node};

/// Keys Pelican and MultiMarkdown define; only these may open a header.
const OPENING_KEYS: &[&str] = &[
    "title", "date", "modified", "category", "tags", "keywords", "author", "authors", "slug",
    "summary", "number", "lang", "status", "template", "subtitle", "save_as", "url",
];

/// The byte length of the header lines opening `text` (a header starts at byte 0 of `text`),
/// up to and excluding the blank line that ends it; `None` when `text` does not open with one.
pub(super) fn header_len(text: &str) -> Option<usize> {
    let mut len = 0;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            return (len > 0).then_some(len);
        }
        let fits = match key_value(line) {
            Some((key, _)) if len == 0 => OPENING_KEYS.iter().any(|k| key.eq_ignore_ascii_case(k)),
            Some(_) => true,
            None => len > 0 && is_continuation(line),
        };
        if !fits {
            return None;
        }
        len += line.len();
    }
    None
}

/// The header's entries, keys as written; continuation lines join their value with a space.
pub(super) fn read(header: &str) -> Entries<'static> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in header.lines() {
        match (key_value(line), out.last_mut()) {
            (Some((key, value)), _) => out.push((key.to_string(), value.to_string())),
            (None, Some((_, value))) => {
                if !value.is_empty() {
                    value.push(' ');
                }
                value.push_str(line.trim());
            }
            (None, None) => {}
        }
    }
    out.into_iter()
        .map(|(k, v)| {
            let node = if v.is_empty() {
                Node::Null
            } else {
                Node::Str(v.into())
            };
            (k.into(), node)
        })
        .collect()
}

/// `Key: value` with up to three spaces before the key (Python-Markdown's `meta` rule); a key
/// is ASCII letters, digits, `_`, `-` and inner spaces (MultiMarkdown), starting with a letter
/// or digit. The colon must end the line or be followed by whitespace, so `https://…` is no key.
fn key_value(line: &str) -> Option<(&str, &str)> {
    let line = line.trim_end();
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let colon = trimmed.find(':')?;
    let (key, rest) = (&trimmed[..colon], &trimmed[colon + 1..]);
    let key_ok = key.starts_with(|c: char| c.is_ascii_alphanumeric())
        && !key.ends_with(' ')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ' '));
    let separated = rest.is_empty() || rest.starts_with([' ', '\t']);
    (key_ok && separated).then(|| (key, rest.trim()))
}

/// MultiMarkdown continues a value on lines indented by a tab or spaces.
fn is_continuation(line: &str) -> bool {
    line.starts_with(['\t', ' ']) && !line.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_ends_at_the_blank_line() {
        let text = "Title: A: b\nDate: 2013-06-07 12:00\nTags: x, y\n\nbody";
        assert_eq!(header_len(text), Some(text.find("\n\n").unwrap() + 1));
    }

    #[test]
    fn prose_is_no_header() {
        for text in [
            "Note: this is prose\n\nbody",
            "Title: x\nand then a sentence\n\nbody",
            "Title: x\nDate: 2020-01-01",
            "Title:x\n\n",
            "\nTitle: x\n\n",
            "    Title: x\n\n",
            "Title: x\nhttps://e.x/y\n\n",
        ] {
            assert_eq!(header_len(text), None, "{text:?}");
        }
    }

    #[test]
    fn continuation_lines_and_spaced_keys() {
        let text = "title: One\n    two\nBase Header Level: 2\n\n";
        assert_eq!(header_len(text), Some(text.len() - 1));
        assert_eq!(
            read(&text[..text.len() - 1]),
            vec![
                ("title".into(), Node::Str("One two".into())),
                ("Base Header Level".into(), Node::Str("2".into())),
            ]
        );
    }
}
