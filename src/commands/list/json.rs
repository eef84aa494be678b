//! `list --json` lines written straight into a byte buffer.
//!
//! Building a `serde_json::Value` per article (a map of owned strings, then a `String`, then a
//! scan for characters to escape) was most of a warm `list --json`. This writes the same bytes
//! — same keys in the same (sorted) order, same escapes, including the terminal-safe escapes
//! of [`super::json_line`] — with no allocation per line. A test holds the two equal.

use crate::library::Article;
use crate::library::article::When;
use crate::library::date::DateSource;
use crate::library::front_matter::FrontMatterKind;
use crate::library::in_order::map_in_order;
use crate::store::Entry;
use chrono::{DateTime, Datelike, NaiveDate, SecondsFormat, Timelike, Utc};
use serde::Serialize;
use std::io::Write;
use std::ops::ControlFlow;

/// Lines formatted per piece of work: enough to be worth a hand-over between threads, few
/// enough that the pieces waiting to be written stay small.
const LINES_PER_PIECE: usize = 1024;

/// Writes one line per article of `shown` (with its reading state) to `out`, in order. The
/// lines are formatted in pieces on every core while earlier pieces are written: at 100,000
/// articles formatting was the longest part of `list --json` done on one thread alone.
pub fn write_lines(shown: &[(&Article, Entry)], out: &mut impl Write) -> std::io::Result<()> {
    let mut failed = None;
    map_in_order(
        shown,
        LINES_PER_PIECE,
        |part| {
            let mut lines = LineWriter::default();
            let mut buf = Vec::with_capacity(part.len() * 512);
            for (a, entry) in part {
                lines.write(&mut buf, a, entry.read, entry.starred);
            }
            buf
        },
        |buf| match out.write_all(&buf) {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => {
                failed = Some(e);
                ControlFlow::Break(())
            }
        },
    );
    failed.map_or(Ok(()), Err)
}

/// Reusable state for writing many lines: the JSON names of enum values, asked of serde once
/// per value (so they stay serde's names) rather than once per line.
#[derive(Default)]
pub struct LineWriter {
    date_sources: Vec<(DateSource, String)>,
    kinds: Vec<(FrontMatterKind, String)>,
}

impl LineWriter {
    /// Appends one article's record, with its reading state, and a newline to `out`.
    pub fn write(&mut self, out: &mut Vec<u8>, a: &Article, read: bool, starred: bool) {
        // Keys in byte order, as serde_json's (sorted) map writes them.
        out.extend_from_slice(b"{\"author\":");
        opt_str(out, a.author.as_deref());
        out.extend_from_slice(b",\"categories\":");
        list(out, &a.categories);
        out.extend_from_slice(b",\"date\":");
        match a.when() {
            Some(When::At(t)) => instant(out, t),
            Some(When::Day(d)) => day(out, d),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b",\"date_source\":");
        out.extend_from_slice(name(&mut self.date_sources, a.date_source));
        out.extend_from_slice(b",\"flat_categories\":");
        list(out, &a.flat_categories);
        out.extend_from_slice(b",\"front_matter\":");
        out.extend_from_slice(name(&mut self.kinds, a.front_matter));
        out.extend_from_slice(b",\"has_warnings\":");
        boolean(out, a.has_warnings);
        out.extend_from_slice(b",\"image\":");
        opt_str(out, a.image.as_deref());
        out.extend_from_slice(b",\"path\":");
        string(out, &a.path.to_string_lossy());
        if a.path.to_str().is_none() {
            out.extend_from_slice(b",\"path_bytes\":[");
            for (i, b) in super::path_bytes(&a.path).iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                number(out, u64::from(*b));
            }
            out.push(b']');
        }
        out.extend_from_slice(b",\"read\":");
        boolean(out, read);
        out.extend_from_slice(b",\"starred\":");
        boolean(out, starred);
        out.extend_from_slice(b",\"tags\":");
        list(out, &a.tags);
        out.extend_from_slice(b",\"title\":");
        string(out, &a.title);
        out.extend_from_slice(b"}\n");
    }
}

/// An enum value as serde writes it (`"front_matter"`), remembered in `memo`.
fn name<T: Serialize + PartialEq + Copy>(memo: &mut Vec<(T, String)>, value: T) -> &[u8] {
    let i = match memo.iter().position(|(v, _)| *v == value) {
        Some(i) => i,
        None => {
            let json = serde_json::to_string(&value).unwrap_or_else(|_| "null".into());
            memo.push((value, json));
            memo.len() - 1
        }
    };
    memo[i].1.as_bytes()
}

fn boolean(out: &mut Vec<u8>, b: bool) {
    out.extend_from_slice(if b { b"true" } else { b"false" });
}

fn number(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

fn opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => string(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

fn list(out: &mut Vec<u8>, items: &[impl AsRef<str>]) {
    out.push(b'[');
    for (i, s) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        string(out, s.as_ref());
    }
    out.push(b']');
}

/// `2022-01-06T16:13:50Z`, as `to_rfc3339_opts(Secs, true)` writes it; chrono itself for
/// years it writes differently (before year 0 or after 9999).
fn instant(out: &mut Vec<u8>, t: DateTime<Utc>) {
    if !(0..=9999).contains(&t.year()) {
        string(out, &t.to_rfc3339_opts(SecondsFormat::Secs, true));
        return;
    }
    out.push(b'"');
    ymd(out, t.date_naive());
    out.push(b'T');
    two(out, t.hour());
    out.push(b':');
    two(out, t.minute());
    out.push(b':');
    two(out, t.second());
    out.extend_from_slice(b"Z\"");
}

/// `2019-10-20`, as `%Y-%m-%d` writes it (chrono itself outside years 0 to 9999).
fn day(out: &mut Vec<u8>, d: NaiveDate) {
    if !(0..=9999).contains(&d.year()) {
        string(out, &d.format("%Y-%m-%d").to_string());
        return;
    }
    out.push(b'"');
    ymd(out, d);
    out.push(b'"');
}

fn ymd(out: &mut Vec<u8>, d: NaiveDate) {
    let y = d.year() as u32;
    two(out, y / 100);
    two(out, y % 100);
    out.push(b'-');
    two(out, d.month());
    out.push(b'-');
    two(out, d.day());
}

fn two(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&[b'0' + (n / 10 % 10) as u8, b'0' + (n % 10) as u8]);
}

/// A JSON string: serde_json's escapes (`\"`, `\\`, `\n` and the like, `\u00XX` for other C0
/// controls), and `\uXXXX` for every other character a terminal could act on
/// ([`crate::sanitize::is_forbidden`]: DEL, C1 controls, bidi overrides).
///
/// Scans bytes, not characters: only ASCII controls, `"`, `\`, DEL and the four lead bytes
/// that can start a forbidden character ([`MAY_ESCAPE`]) stop the scan, so Chinese text
/// (lead bytes E3–E9) is copied in runs.
fn string(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !MAY_ESCAPE[usize::from(bytes[i])] {
            i += 1;
            continue;
        }
        let c = s[i..].chars().next().unwrap_or_default();
        let short: &[u8] = match c {
            '"' => b"\\\"",
            '\\' => b"\\\\",
            '\n' => b"\\n",
            '\r' => b"\\r",
            '\t' => b"\\t",
            '\u{8}' => b"\\b",
            '\u{c}' => b"\\f",
            c if c < ' ' || crate::sanitize::is_forbidden(c) => b"",
            _ => {
                i += c.len_utf8();
                continue;
            }
        };
        out.extend_from_slice(&bytes[start..i]);
        if short.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            let n = u32::from(c);
            out.extend_from_slice(b"\\u");
            for shift in [12, 8, 4, 0] {
                out.push(HEX[((n >> shift) & 0xf) as usize]);
            }
        } else {
            out.extend_from_slice(short);
        }
        i += c.len_utf8();
        start = i;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// Bytes that may start something to escape: ASCII controls, `"`, `\`, DEL, and the UTF-8
/// lead bytes of every non-ASCII forbidden character (C2: C1 controls; D8: U+061C; E2:
/// U+200E–U+2069; EF: U+FEFF, U+FFF9–U+FFFB). A test holds this in step with `is_forbidden`.
const MAY_ESCAPE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t[0x7f] = true;
    t[0xc2] = true;
    t[0xd8] = true;
    t[0xe2] = true;
    t[0xef] = true;
    t
};

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// What `list --json` wrote before this writer: a `serde_json::Value` made safe by
    /// `json_line`. The writer must give the same bytes.
    fn by_value(a: &Article, read: bool, starred: bool) -> String {
        let mut record = super::super::json_record(a);
        record["read"] = read.into();
        record["starred"] = starred.into();
        format!("{}\n", super::super::json_line(&record))
    }

    fn articles() -> Vec<Article> {
        let mut plain = Article::new("/库/新闻/一篇.md", "轻轨二号线下月试运营");
        plain.author = Some("城市日报".into());
        plain.categories = ["新媒体", "城市日报"].into();
        plain.tags = ["交通", "a\"b\\c"].into();
        plain.date = Some(Utc.with_ymd_and_hms(2022, 1, 6, 16, 13, 50).unwrap());
        plain.date_source = DateSource::FrontMatter;
        plain.front_matter = FrontMatterKind::Yaml;
        let mut day = Article::new("/lib/day.txt", "A day\tonly\r\n");
        day.date = Some(Utc.with_ymd_and_hms(2019, 10, 20, 0, 0, 0).unwrap());
        day.day_only = true;
        day.date_source = DateSource::Path;
        day.flat_categories = ["misc"].into();
        day.image = Some("https://example.com/a.jpg".into());
        day.front_matter = FrontMatterKind::HeaderBlock;
        day.has_warnings = true;
        // Every kind of character a terminal could act on, and the short escapes.
        let mut hostile = Article::new(
            "/lib/\u{1b}[31mred.md",
            "\u{0}\u{8}\u{c}\u{1f}\u{7f}\u{85}\u{9f}\u{202e}\u{2066}\u{61c}\u{200f}\u{feff}\u{fffa}é😀",
        );
        hostile.author = Some("\u{1b}]8;;x\u{7}".into());
        hostile.date = Some(Utc.with_ymd_and_hms(1, 2, 3, 4, 5, 6).unwrap());
        hostile.date_source = DateSource::FrontMatterPath;
        hostile.front_matter = FrontMatterKind::Metadata;
        let mut far = Article::new("/lib/far.md", "far");
        far.date = Some(Utc.with_ymd_and_hms(12345, 1, 1, 0, 0, 0).unwrap());
        far.front_matter = FrontMatterKind::Toml;
        far.date_source = DateSource::FileName;
        let mut out = vec![plain, day, hostile, far];
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let bad = std::ffi::OsStr::from_bytes(b"/lib/caf\xe9.md");
            out.push(Article::new(bad, "Latin-1 name"));
        }
        out
    }

    #[test]
    fn writes_what_the_value_route_wrote() {
        let mut lines = LineWriter::default();
        for (i, a) in articles().iter().enumerate() {
            let (read, starred) = (i % 2 == 0, i % 3 == 0);
            let mut out = Vec::new();
            lines.write(&mut out, a, read, starred);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                by_value(a, read, starred),
                "{a:?}"
            );
        }
    }

    #[test]
    fn lines_written_in_parallel_pieces_come_in_the_list_order() {
        // More than two pieces, with each article's reading state its own.
        let many: Vec<Article> = (0..LINES_PER_PIECE * 2 + 5)
            .map(|i| Article::new(format!("/lib/{i}.md"), format!("第{i}篇 article")))
            .collect();
        let entry = |i: usize| Entry {
            read: i.is_multiple_of(2),
            starred: i.is_multiple_of(7),
            ..Entry::default()
        };
        let shown: Vec<(&Article, Entry)> = many
            .iter()
            .enumerate()
            .map(|(i, a)| (a, entry(i)))
            .collect();
        let mut one_by_one = Vec::new();
        let mut lines = LineWriter::default();
        for (a, e) in &shown {
            lines.write(&mut one_by_one, a, e.read, e.starred);
        }
        let mut out = Vec::new();
        write_lines(&shown, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            String::from_utf8(one_by_one).unwrap()
        );
    }

    #[test]
    fn every_forbidden_character_starts_with_a_byte_the_scan_stops_at() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            if c < ' ' || crate::sanitize::is_forbidden(c) {
                let mut lead = [0; 4];
                c.encode_utf8(&mut lead);
                assert!(MAY_ESCAPE[usize::from(lead[0])], "{:?}", c);
                let mut out = Vec::new();
                string(&mut out, &format!("漢{c}字"));
                let text = String::from_utf8(out).unwrap();
                assert!(!text.contains(c), "{c:?} written raw: {text}");
            }
        }
    }

    #[test]
    fn nothing_a_terminal_acts_on_is_written_raw() {
        let mut out = Vec::new();
        let mut lines = LineWriter::default();
        for a in articles() {
            lines.write(&mut out, &a, false, false);
        }
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("\\u001b[31mred.md"), "{text}");
        assert!(text.contains("\\u202e"), "{text}");
        let raw: Vec<char> = text
            .chars()
            .filter(|&c| crate::sanitize::is_forbidden(c))
            .collect();
        assert_eq!(raw, Vec::<char>::new());
    }
}
