//! The fast path for the front matter nearly every article has: flat `key: value` lines,
//! quoted strings on one line and `- item` lists. Reading them here skips building a YAML event
//! stream, which was about a quarter of a cold load.
//!
//! The rule is agreement, not coverage: [`read`] answers only when it is certain the full
//! parser ([`super::yaml::read`]) would give the same entries, and says `None` (fall back) on
//! anything else — a tab, a comment after a value, a continuation line, an escape in double
//! quotes, an anchor, a flow collection, a scalar YAML would read as a number, a boolean or null.
//! A property test checks the agreement on generated documents full of such near misses.

use super::node::{Entries, Node};
use std::borrow::Cow;

/// The entries of `src`, or `None` when `src` is outside the simple shapes.
pub(super) fn read(src: &str) -> Option<Entries<'_>> {
    // Room for a usual front matter's keys at once: growing from empty reallocated twice a file.
    let mut entries: Entries = Vec::with_capacity(16);
    // The key whose value is still open: `key:` with nothing after it, waiting for items.
    let mut open: Option<Open> = None;
    if breaks_the_simple_shape(src) {
        return None;
    }
    for line in src.split('\n') {
        if line.trim_end_matches(' ').is_empty() {
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if let Some(open) = open.as_mut()
            && let Some(item) = list_item(line, &mut open.indent)
        {
            open.items.push(item?);
            continue;
        }
        if let Some(done) = open.take() {
            entries.push(done.finish());
        }
        let (key, rest) = key_line(line)?;
        if rest.is_empty() {
            open = Some(Open {
                key,
                items: Vec::new(),
                indent: None,
            });
        } else {
            entries.push((key, scalar(rest)?));
        }
    }
    if let Some(done) = open.take() {
        entries.push(done.finish());
    }
    Some(entries)
}

/// A `key:` line with no value yet, and the list items found under it.
struct Open<'a> {
    key: Cow<'a, str>,
    items: Vec<Node<'a>>,
    /// The indent of the first item; every later item must have the same.
    indent: Option<usize>,
}

impl<'a> Open<'a> {
    fn finish(self) -> (Cow<'a, str>, Node<'a>) {
        let value = if self.indent.is_none() {
            Node::Null
        } else {
            Node::Seq(self.items)
        };
        (self.key, value)
    }
}

/// Whether `src` holds a character the simple shapes never hold: tabs (YAML's indentation
/// rules for them differ by place), other controls but `\n` (a `\r` is a line break to YAML;
/// the loader has made line endings `\n` already), a byte-order mark, and the Unicode line
/// breaks YAML 1.1 honours. Decided on the UTF-8 bytes, in one pass over the block: decoding
/// each character to ask `char::is_control` was most of this module's time.
fn breaks_the_simple_shape(src: &str) -> bool {
    let b = src.as_bytes();
    // A table first, so the bytes of ordinary text cost one load each.
    static MAY_BREAK: [bool; 256] = {
        let mut table = [false; 256];
        let mut i = 0;
        while i < 0x20 {
            table[i] = i != b'\n' as usize;
            i += 1;
        }
        table[0x7f] = true;
        table[0xc2] = true;
        table[0xe2] = true;
        table[0xef] = true;
        table
    };
    b.iter()
        .enumerate()
        .any(|(i, &x)| MAY_BREAK[usize::from(x)] && breaks_at(b, i))
}

/// Whether the character at `b[i]`, a byte [`breaks_the_simple_shape`]'s table names, is one
/// it looks for.
fn breaks_at(b: &[u8], i: usize) -> bool {
    match b[i] {
        b'\n' => false,
        // C0 controls and DEL
        0x00..=0x1f | 0x7f => true,
        // U+0080–U+009F (C1 controls)
        0xc2 => matches!(b.get(i + 1), Some(0x80..=0x9f)),
        // U+2028, U+2029
        0xe2 => b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xa8 | 0xa9)),
        // U+FEFF
        0xef => b.get(i + 1) == Some(&0xbb) && b.get(i + 2) == Some(&0xbf),
        _ => false,
    }
}

/// `- value` at a consistent indent: `None` when the line is not an item (the list is over),
/// `Some(None)` when it is an item the fast path cannot read.
fn list_item<'a>(line: &'a str, indent: &mut Option<usize>) -> Option<Option<Node<'a>>> {
    let here = line.len() - line.trim_start_matches(' ').len();
    let rest = line[here..].strip_prefix("- ")?;
    if indent.is_some_and(|i| i != here) {
        return Some(None);
    }
    *indent = Some(here);
    Some(scalar(rest))
}

/// `key: rest` at the start of a line, with a plain key that YAML reads as text.
fn key_line(line: &str) -> Option<(Cow<'_, str>, &str)> {
    let end = line.find(':')?;
    let key = &line[..end];
    let after = &line[end + 1..];
    let key_ok = !key.is_empty()
        && !key.starts_with('-')
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        && !resolves_to_non_text(key);
    if !key_ok || !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    Some((Cow::Borrowed(key), after.trim_matches(' ')))
}

/// One value on one line: `'single'`, `"double"` without escapes, or plain text.
fn scalar(text: &str) -> Option<Node<'_>> {
    let text = text.trim_matches(' ');
    if let Some(inner) = text.strip_prefix('\'') {
        let inner = inner.strip_suffix('\'')?;
        if !inner.contains('\'') {
            return Some(Node::Str(Cow::Borrowed(inner)));
        }
        // Inside, a quote must come doubled; a lone one would end the string early.
        if inner.split("''").any(|piece| piece.contains('\'')) {
            return None;
        }
        return Some(Node::Str(Cow::Owned(inner.replace("''", "'"))));
    }
    if let Some(inner) = text.strip_prefix('"') {
        let inner = inner.strip_suffix('"')?;
        if inner.contains(['"', '\\']) {
            return None;
        }
        return Some(Node::Str(Cow::Borrowed(inner)));
    }
    plain(text)
}

/// A plain (unquoted) scalar as the full parser resolves it: text, or the few other values
/// front matter holds (`comments: false`, `~`, a whole number written plainly).
fn plain(text: &str) -> Option<Node<'_>> {
    let &first = text.as_bytes().first()?;
    // Indicators that start something other than plain text (an alias, a tag, a block
    // scalar, a flow collection, a directive…), spelled out by YAML 1.2 §5.3. All ASCII, so
    // the first byte tells.
    if b"-?:,[]{}#&*!|>'\"%@`".contains(&first) && !is_plain_integer(text)
        || holds_mapping_or_comment(text.as_bytes())
        || text.ends_with(':')
    {
        return None;
    }
    // The words below are at most five bytes: a longer value (a title, a date) is not compared
    // with each of them.
    let word = if text.len() <= 5 { text } else { "" };
    Some(match word {
        "~" | "null" | "Null" | "NULL" => Node::Null,
        "true" | "True" | "TRUE" => Node::Bool(true),
        "false" | "False" | "FALSE" => Node::Bool(false),
        _ if is_plain_integer(text) => Node::Number(Cow::Borrowed(text)),
        _ if resolves_to_non_text(text) => return None,
        _ => Node::Str(Cow::Borrowed(text)),
    })
}

/// Whether a plain value holds `: ` (a mapping inside it) or ` #` (a comment after it): one
/// pass for both, where two substring searches went over every title.
fn holds_mapping_or_comment(b: &[u8]) -> bool {
    memchr::memchr2_iter(b':', b'#', b).any(|i| {
        if b[i] == b':' {
            b.get(i + 1) == Some(&b' ')
        } else {
            i > 0 && b[i - 1] == b' '
        }
    })
}

/// A whole number the full parser would print back unchanged: no sign but a minus, no
/// leading zero, no `-0`, and within 64 bits.
fn is_plain_integer(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let canonical = match digits.as_bytes() {
        [b'0'] => s == "0",
        [b'1'..=b'9', rest @ ..] => rest.iter().all(u8::is_ascii_digit),
        _ => false,
    };
    canonical
        && if s.starts_with('-') {
            s.parse::<i64>().is_ok()
        } else {
            s.parse::<u64>().is_ok()
        }
}

/// True for the plain scalars serde_norway resolves to null, a boolean or a number (see its
/// `visit_untagged_scalar`). Erring towards true only costs a fall-back.
fn resolves_to_non_text(s: &str) -> bool {
    let unsigned = s.trim_start_matches(['+', '-']);
    // Each of the values below starts (after its signs) with a digit, `.`, or the first letter
    // of `~`, null, true, false, inf or nan: text starting otherwise (nearly every title,
    // name and date) is settled without parsing it as a number.
    if !matches!(
        unsigned.as_bytes().first(),
        Some(b'0'..=b'9' | b'.' | b'~' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'i' | b'I')
    ) {
        return false;
    }
    matches!(
        s,
        "~" | "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
    ) || unsigned.starts_with("0x")
        || unsigned.starts_with("0o")
        || unsigned.starts_with("0b")
        || unsigned.starts_with('.')
        || s.parse::<f64>().is_ok()
}

#[cfg(test)]
mod tests;
