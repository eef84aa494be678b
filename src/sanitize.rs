//! The one gate every string from an article file passes before it can reach a terminal.
//!
//! Article files come from feeds anyone can write. A title holding `ESC ] 52 ;` can rewrite the
//! reader's clipboard, a bidi override can hide text. [`clean`] removes every such character;
//! the loader applies it to the whole decoded file, and the renderer applies it again to text
//! produced by entity decoding (`&#27;` becomes ESC only after decoding).
//!
//! Removing the control characters alone is not enough: `ESC ] 52;c;ZXZpbA== BEL` would leave
//! `]52;c;ZXZpbA==` on screen, a colour code `[31m`. So a character that starts an escape
//! sequence takes the whole sequence with it (see [`sequence_len`]).

use std::borrow::Cow;

/// How far an escape string (OSC, DCS, SOS, PM, APC) without its terminator reaches, in bytes.
/// A terminal would swallow everything up to a terminator that never comes; we stop at the end
/// of the line or after this many bytes, so one stray `ESC ]` cannot hide the rest of a file
/// that is one long line. Long enough for an OSC 8 hyperlink's URL.
pub const MAX_STRING_SEQUENCE: usize = 2048;

/// How many parameter and intermediate bytes a CSI sequence may have before we stop reading it
/// as one (real ones have a handful).
const MAX_CSI_PARAMS: usize = 64;

/// True for characters that must never be written to a terminal: C0 controls (except `\n`
/// and `\t`, which layout handles), DEL, C1 controls, and the Unicode bidirectional
/// embedding, override and isolate characters.
pub fn is_forbidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}' | '\u{200e}' | '\u{200f}'
        | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

/// Removes forbidden characters and whole escape sequences, keeping `\n` and `\t`; turns the
/// Unicode line and paragraph separators into `\n` so layout sees them. Borrows when nothing
/// needs to change (the usual case); otherwise copies the text between the places that change
/// in runs, so a large file with one colour code costs one pass and a copy.
pub fn clean(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let Some(first) = next_special(b, 0) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    let mut pos = 0;
    let mut at = Some(first);
    while let Some(i) = at {
        out.push_str(&s[pos..i]);
        let c = s[i..]
            .chars()
            .next()
            .expect("next_special stops on a character");
        let after = i + c.len_utf8();
        pos = match c {
            // CRLF and lone CR both end a line.
            '\r' => {
                if b.get(after) != Some(&b'\n') {
                    out.push('\n');
                }
                after
            }
            '\u{2028}' | '\u{2029}' => {
                out.push('\n');
                after
            }
            c => after + sequence_len(c, &s[after..]),
        };
        at = next_special(b, pos);
    }
    out.push_str(&s[pos..]);
    Cow::Owned(out)
}

/// Whether a byte string holds something that starts an escape sequence (ESC, or the C1
/// introducers CSI, OSC, DCS, SOS, PM, APC). [`clean`] removes such a sequence whole, so text
/// on either side of it joins up: a search that looks for words in the raw bytes must not
/// rule a file out when this is true.
pub fn has_sequences(b: &[u8]) -> bool {
    b.iter().enumerate().any(|(i, &x)| {
        x == 0x1b
            || (x == 0xc2
                && b.get(i + 1)
                    .is_some_and(|&y| matches!(y, 0x90 | 0x98 | 0x9b | 0x9d..=0x9f)))
    })
}

/// How many bytes of `rest` belong to the sequence that the forbidden character `c` starts
/// (0 when `c` starts none: it is removed alone). The forms are ECMA-48's as terminals read them:
/// - `ESC [` or C1 CSI: parameter and intermediate bytes (0x20–0x3F), then one final byte
///   (0x40–0x7E);
/// - `ESC ]`, `ESC P`, `ESC X`, `ESC ^`, `ESC _` or C1 OSC, DCS, SOS, PM, APC: a string up to
///   BEL or ST (`ESC \` or C1 ST), cut at a line end or [`MAX_STRING_SEQUENCE`] bytes;
/// - any other `ESC`: intermediate bytes (0x20–0x2F), then one final byte (0x30–0x7E), as in
///   `ESC ( B` or `ESC 7`.
fn sequence_len(c: char, rest: &str) -> usize {
    let b = rest.as_bytes();
    match c {
        '\u{9b}' => csi_len(b),
        '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => string_len(rest),
        '\u{1b}' => match b.first() {
            Some(b'[') => 1 + csi_len(&b[1..]),
            Some(b']' | b'P' | b'X' | b'^' | b'_') => 1 + string_len(&rest[1..]),
            _ => {
                let inter = b
                    .iter()
                    .take(8)
                    .take_while(|x| (0x20..=0x2f).contains(*x))
                    .count();
                inter + usize::from(b.get(inter).is_some_and(|x| (0x30..=0x7e).contains(x)))
            }
        },
        _ => 0,
    }
}

/// The length of a CSI sequence's parameters and final byte. A sequence broken off by any
/// other character ends there; that character is kept.
fn csi_len(b: &[u8]) -> usize {
    let params = b
        .iter()
        .take(MAX_CSI_PARAMS)
        .take_while(|x| (0x20..=0x3f).contains(*x))
        .count();
    params + usize::from(b.get(params).is_some_and(|x| (0x40..=0x7e).contains(x)))
}

/// The length of an escape string's body and terminator. A line end stays (it is text), and
/// so does an ESC that does not make ST: it starts a sequence of its own. CAN and SUB cancel
/// a sequence in a terminal, so they end it here too.
fn string_len(rest: &str) -> usize {
    let b = rest.as_bytes();
    let limit = b.len().min(MAX_STRING_SEQUENCE);
    let mut i = 0;
    while i < limit {
        match b[i] {
            0x07 | 0x18 | 0x1a => return i + 1,
            b'\n' | b'\r' => return i,
            0x1b => {
                return if b.get(i + 1) == Some(&b'\\') {
                    i + 2
                } else {
                    i
                };
            }
            0xc2 if b.get(i + 1) == Some(&0x9c) => return i + 2,
            _ => i += 1,
        }
    }
    // Cut off: end on a character boundary.
    while !rest.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Where the next character that [`clean`] removes or rewrites starts, decided on the UTF-8
/// bytes: every file read goes through here, so this must run at memory speed rather than
/// decode each character.
///
/// Sixteen places at a time are tested at once (by [`special_at`], branch-free, which the
/// compiler makes vector compares) while none of them starts one: a byte at a time, with a
/// closer look at each lead byte 0xE2 and 0xEF, this was an eighth of the full-text index's
/// text extraction on Chinese text, whose punctuation (，“”) has those lead bytes.
fn next_special(b: &[u8], from: usize) -> Option<usize> {
    const CHUNK: usize = 16;
    let mut i = from;
    // Each place looks at the two bytes after it too.
    while i + CHUNK + 2 <= b.len() {
        let w = &b[i..i + CHUNK + 2];
        let any = (0..CHUNK).fold(false, |any, k| any | special_at(w[k], w[k + 1], w[k + 2]));
        if any {
            return (i..i + CHUNK).find(|&k| starts_special(b, k));
        }
        i += CHUNK;
    }
    (i..b.len()).find(|&k| starts_special(b, k))
}

/// Whether the character at `b[i]` is one [`clean`] removes or rewrites.
fn starts_special(b: &[u8], i: usize) -> bool {
    // A byte past the end is 0, which no character's second or third byte is.
    let at = |k: usize| b.get(k).copied().unwrap_or(0);
    special_at(b[i], at(i + 1), at(i + 2))
}

/// Whether a character starting with the bytes `x`, `y`, `z` is one [`clean`] removes or
/// rewrites (only as many bytes as the character has are looked at). Branch-free.
#[inline(always)]
// Comparisons joined by `&`, not `contains` (`&&`): no branch, so the chunks vectorize.
#[allow(clippy::manual_range_contains)]
fn special_at(x: u8, y: u8, z: u8) -> bool {
    // C0 controls but `\n` and `\t`, and DEL.
    (x < 0x20) & (x != b'\n') & (x != b'\t')
        | (x == 0x7f)
        // U+0080–U+009F (C1 controls)
        | (x == 0xc2) & (y >= 0x80) & (y <= 0x9f)
        // U+061C (Arabic letter mark)
        | (x == 0xd8) & (y == 0x9c)
        // U+200E, U+200F, U+2028–U+202E
        | (x == 0xe2) & (y == 0x80) & ((z == 0x8e) | (z == 0x8f) | (z >= 0xa8) & (z <= 0xae))
        // U+2066–U+2069
        | (x == 0xe2) & (y == 0x81) & (z >= 0xa6) & (z <= 0xa9)
        // U+FEFF, U+FFF9–U+FFFB
        | (x == 0xef) & ((y == 0xbb) & (z == 0xbf) | (y == 0xbf) & (z >= 0xb9) & (z <= 0xbb))
}

/// [`clean`] for one-line metadata (titles, authors, categories, paths shown in lists):
/// additionally folds every run of whitespace, newlines and tabs included, into one space.
pub fn clean_line(s: &str) -> String {
    clean_line_cow(s).into_owned()
}

/// [`clean_line`], borrowing `s` when it is clean and one line already (most metadata is):
/// for a comparison or a copy made elsewhere, no string of its own.
pub fn clean_line_cow(s: &str) -> Cow<'_, str> {
    let cleaned = clean(s);
    if is_folded(&cleaned) {
        return cleaned;
    }
    let mut out = String::with_capacity(cleaned.len());
    for word in cleaned.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

/// True when [`clean_line`]'s folding would change nothing: no whitespace but single spaces
/// between other characters.
///
/// On bytes: every title, author and category of a load passes here, and decoding each
/// character to ask `char::is_whitespace` cost more than the rest of the cleaning. Non-ASCII
/// whitespace (U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F,
/// U+3000) starts with one of four lead bytes; only there is a character decoded.
fn is_folded(s: &str) -> bool {
    let b = s.as_bytes();
    let mut after_space = true;
    for (i, &x) in b.iter().enumerate() {
        let white = match x {
            b' ' => {
                if after_space {
                    return false;
                }
                after_space = true;
                continue;
            }
            0x00..=0x7f => char::from(x).is_whitespace(),
            0xc2 | 0xe1 | 0xe2 | 0xe3 => s[i..].chars().next().is_some_and(char::is_whitespace),
            // Other lead bytes and continuation bytes.
            _ => false,
        };
        if white {
            return false;
        }
        after_space = false;
    }
    !after_space || s.is_empty()
}

#[cfg(test)]
mod tests;
