//! Our own line breaking: Unicode UAX #14 break opportunities, display widths from
//! `unicode-width` (CJK = 2 columns), and a few rules html2text does not know:
//!
//! - *Kinsoku*: a break before closing punctuation (`，。」）…` and ASCII `,.;:!?)]}`) is never
//!   taken, even where UAX #14 would allow it; the punctuation stays with the character
//!   before it, so that character moves down with it when the line is full.
//! - A piece with no break opportunity that is wider than the line (a long URL, a run of
//!   Chinese quotes) is broken by columns, preferring (in order) a place that neither splits
//!   a Latin word nor starts the next line with closing punctuation nor ends this one with
//!   opening punctuation, then one that splits no word and ends with no opening, then one
//!   that ends with no opening and splits only a word wider than the line, then one that
//!   splits no word, then one that starts no line with closing punctuation. So `CSTO，` at 5
//!   columns becomes `CSTO` / `，`: the line above could not take the comma.
//! - A character wider than the whole line (CJK at width 1) is shown as `?`, so no line is
//!   ever wider than asked for.
//! - URLs break after `/`, `.`, `?`, `&`… of their path, never right after `://` (UAX #14
//!   would leave `https://` alone on a line), and not between the parts of `://`.
//! - A soft hyphen (U+00AD) takes no column; a line broken at it ends with `-`.
//! - A dash (`—`, `——`) never starts a line: it belongs to the text before it. Since each
//!   of its characters is closing, `——` and `……` are never split either.
//! - Opening brackets and quotes (`（「『“‘《【〔`…, clreq's line-end prohibition) never end
//!   a line: no break is taken right after one (nor after the spaces that follow it), and a
//!   forced cut avoids that place like it avoids a line start with closing punctuation.
//! - Spaces at a break are dropped and none is ever added: a Latin word between Chinese
//!   characters keeps exactly the spaces the source gave it, and the rejoined lines are the
//!   source (see `tests/it/clreq.rs`).
//!
//! Everything is linear in the length of the paragraph: a 2 MB paragraph with no break
//! opportunity is cut into lines in one pass.

use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_width::UnicodeWidthChar;

use super::Span;
use super::wrap::Mode;

/// Shown instead of a character wider than the whole line.
pub(super) const TOO_WIDE: char = '?';

/// Punctuation that must not start a line: closing punctuation, Chinese and ASCII, their
/// fullwidth and bracket relatives, the middle dots of transliterated names (`安德烈·克利沙斯`),
/// and dashes (`——`, which Chinese keeps with the text before it).
const CLOSING: &str = "，。、；：？！）」』”’》】〉…‥⋯〕〗〙〛］｝｠．·・,.;:!?)]}—⸺";

/// Opening brackets and quotes, which must not end a line (clreq's line-end prohibited
/// class, with the ASCII brackets). `«` is left out: German uses it as a closing quote.
const OPENING: &str = "（〔［｛〈《「『【〖〘〚｟“‘([{";

/// The soft hyphen: an invisible break opportunity inside a word.
pub(super) const SHY: char = '\u{AD}';

pub(super) fn is_closing(c: char) -> bool {
    CLOSING.contains(c)
}

pub(super) fn is_opening(c: char) -> bool {
    OPENING.contains(c)
}

/// Display width of one character as we count it. U+FE0F (emoji presentation) counts one
/// column: `unicode-width` widens some base characters it follows, and over-counting is safe.
/// A soft hyphen counts none: it is shown only as the `-` of a line broken at it.
pub(super) fn char_width(c: char) -> usize {
    match c {
        '\u{FE0F}' => 1,
        SHY => 0,
        c => c.width().unwrap_or(0),
    }
}

/// One character of a logical line, as the line breaker sees it.
pub(super) struct Ch {
    /// The character shown (`TOO_WIDE` for one wider than the line).
    pub c: char,
    /// Its display width.
    pub w: usize,
    /// Index of the content span it comes from.
    pub style: usize,
    /// The source character is closing punctuation (see [`CLOSING`]).
    closing: bool,
    /// A break is allowed before this character.
    brk: bool,
    /// A break is required before this character.
    must: bool,
    /// Even a forced cut should not come before this character (inside a URL's `https://`
    /// and right after it).
    glue: bool,
    /// Part of a URL after its scheme: a forced cut may split a word here rather than
    /// start a line with `.` (a URL has no words to keep whole).
    url: bool,
}

/// Flattens the content into characters with widths, styles and break opportunities.
pub(super) fn prepare(content: &[Span], mode: Mode, avail: usize) -> Vec<Ch> {
    let mut chars = Vec::new();
    let mut col = 0;
    for (style, span) in content.iter().enumerate() {
        for c in span.text.chars() {
            if c == '\t' && mode == Mode::Pre {
                let n = 8 - col % 8;
                col += n;
                chars.extend((0..n).map(|_| Ch {
                    c: ' ',
                    w: 1,
                    style,
                    closing: false,
                    brk: false,
                    must: false,
                    glue: false,
                    url: false,
                }));
                continue;
            }
            let c = if c == '\t' { ' ' } else { c };
            let w = char_width(c);
            col += w;
            let closing = is_closing(c);
            let (c, w) = if w > avail { (TOO_WIDE, 1) } else { (c, w) };
            chars.push(Ch {
                c,
                w,
                style,
                closing,
                brk: false,
                must: false,
                glue: false,
                url: false,
            });
        }
    }
    if mode == Mode::Prose || mode == Mode::Url {
        let text: String = content.iter().map(|s| s.text.as_str()).collect();
        let mut idx = text.char_indices().map(|(b, _)| b).enumerate().peekable();
        for (byte, opp) in linebreaks(&text) {
            while let Some(&(k, b)) = idx.peek() {
                if b < byte {
                    idx.next();
                } else {
                    if b == byte && k < chars.len() {
                        chars[k].brk = true;
                        chars[k].must = opp == BreakOpportunity::Mandatory;
                    }
                    break;
                }
            }
        }
        quote_breaks(&mut chars);
        no_break_after_opening(&mut chars);
        url_breaks(&mut chars, mode == Mode::Url);
    } else if mode == Mode::Pre {
        // Code is cut by columns, but not right after a URL's `://` (see `break_columns`).
        url_breaks(&mut chars, false);
    }
    chars
}

/// Characters of a URL after which a break reads naturally (the next part starts fresh).
const URL_BREAK_AFTER: &str = "/.?&=#-_~;,+";

/// Break opportunities inside URLs, which UAX #14 gets wrong both ways: it allows a break
/// right after `https://` (leaving the scheme alone on a line) and none after `.` or `&`.
/// Inside a URL a break is allowed after one of [`URL_BREAK_AFTER`] that is not followed by
/// another, except anywhere in the scheme and `://` and right after them. `whole` says the
/// text is one URL (the link list), which may then lack a scheme (`//host/path`, `a.png`).
fn url_breaks(chars: &mut [Ch], whole: bool) {
    let n = chars.len();
    let mut k = 0;
    while k < n {
        let (start, body) = if whole {
            let body = match find_scheme_end(chars, 0) {
                Some((0, e)) => e,
                _ => chars.iter().take_while(|c| c.c == '/').count(),
            };
            (0, body)
        } else {
            match find_scheme_end(chars, k) {
                Some(found) => found,
                None => return,
            }
        };
        let mut end = body;
        while end < n && (whole || is_url_char(chars[end].c)) {
            end += 1;
        }
        for i in start + 1..end {
            let after_sep =
                URL_BREAK_AFTER.contains(chars[i - 1].c) && !URL_BREAK_AFTER.contains(chars[i].c);
            // A URL inside the query of another (`?u=https://…`) keeps its `//` too.
            let after_slashes = i >= 2 && chars[i - 1].c == '/' && chars[i - 2].c == '/';
            chars[i].brk = i > body && after_sep && !after_slashes;
            chars[i].must = false;
            chars[i].glue = i <= body || after_slashes;
            chars[i].url = i > body;
        }
        if whole {
            return;
        }
        if end == body {
            // A bare scheme (`http(s):// over`) keeps the next word on its line.
            let mut j = end;
            while j < n && chars[j].c.is_whitespace() {
                chars[j].glue = true;
                j += 1;
            }
            if j > end && j < n {
                chars[j].brk = false;
                chars[j].glue = true;
            }
        }
        k = end.max(k + 1);
    }
}

/// Characters that continue a URL in running text: anything visible and narrow.
fn is_url_char(c: char) -> bool {
    !c.is_whitespace() && char_width(c) == 1 && !matches!(c, '<' | '>' | '"')
}

/// The next `scheme://` at or after `from`: the index of the scheme's first character and
/// the index just after `://`.
fn find_scheme_end(chars: &[Ch], from: usize) -> Option<(usize, usize)> {
    let n = chars.len();
    let mut k = from;
    while k + 3 <= n {
        if chars[k].c == ':' && chars[k + 1].c == '/' && chars[k + 2].c == '/' {
            let mut start = k;
            while start > from
                && (chars[start - 1].c.is_ascii_alphanumeric()
                    || matches!(chars[start - 1].c, '+' | '-' | '.'))
            {
                start -= 1;
            }
            if start < k && chars[start].c.is_ascii_alphabetic() {
                return Some((start, k + 3));
            }
            // No scheme we can read (`http(s)://`): the `://` is glued all the same.
            return Some((k, k + 3));
        }
        k += 1;
    }
    None
}

/// `unicode-linebreak` follows Unicode 15.0, where no break is allowed on either side of `“”‘’`.
/// Unicode 15.1 (LB19a) allows them between East Asian characters; without it a Chinese
/// quotation glues three characters together and leaves ragged lines. Wide neighbours on
/// both sides stand for "East Asian" here.
fn quote_breaks(chars: &mut [Ch]) {
    for k in 1..chars.len().saturating_sub(1) {
        let wide_around = chars[k - 1].w == 2 && chars[k + 1].w == 2;
        match chars[k].c {
            '“' | '‘' if wide_around => chars[k].brk = true,
            '”' | '’' if wide_around => chars[k + 1].brk = true,
            _ => {}
        }
    }
}

/// UAX #14 already keeps most opening punctuation with what follows (LB14, LB19), but not
/// where [`quote_breaks`] added a break, nor across every class it covers; clreq forbids a
/// line ending with any of them, spaces after it included.
fn no_break_after_opening(chars: &mut [Ch]) {
    let mut after_opening = false;
    for ch in chars.iter_mut() {
        if after_opening && !ch.must {
            ch.brk = false;
        }
        if !is_space(ch.c) {
            after_opening = is_opening(ch.c);
        }
    }
}

/// Marks our break opportunities in the (raw HTML) text of a table cell with U+200B, which
/// html2text breaks at and drops. html2text wraps cells itself, breaking only at white space
/// and cutting a longer run (all of a Chinese sentence, a URL) anywhere, so `）` or `，`
/// would start a cell line. The opportunities are the ones prose gets (see [`prepare`]),
/// found on the text joined with `before`, the last character before this piece in the
/// cell (across inline tags). White space before closing punctuation becomes a no-break
/// space; soft hyphens are dropped (html2text would show them), keeping their break.
pub(super) fn mark_cell_breaks(raw: &str, before: Option<char>) -> String {
    let decoded = html_escape::decode_html_entities(raw);
    let mut joined = String::with_capacity(decoded.len() + 4);
    joined.extend(before);
    joined.push_str(&decoded);
    let content = [Span {
        text: joined,
        style: super::SpanStyle::default(),
    }];
    let chars = prepare(&content, Mode::Prose, usize::MAX);
    let first = usize::from(before.is_some());
    let mut out = String::with_capacity(raw.len() + raw.len() / 2);
    let mut k = first;
    while k < chars.len() {
        let c = chars[k].c;
        if c.is_whitespace() {
            while k + 1 < chars.len() && chars[k + 1].c.is_whitespace() {
                k += 1;
            }
            let closes = chars.get(k + 1).is_some_and(|n| n.closing);
            out.push(if closes { '\u{A0}' } else { ' ' });
            k += 1;
            continue;
        }
        let after_space = k > 0 && chars[k - 1].c.is_whitespace();
        if k > 0 && chars[k].brk && !chars[k].closing && !after_space {
            out.push('\u{200B}');
        }
        if c != SHY {
            out.push(c);
        }
        k += 1;
    }
    html_escape::encode_text(&out).into_owned()
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\n'
}

/// Letters and digits of narrow scripts (Latin, Cyrillic…): splitting between two of them
/// splits a word.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() && char_width(c) == 1
}

/// Greedy filling at break opportunities; returns the char range of each display line,
/// without leading or trailing spaces.
pub(super) fn break_prose(chars: &[Ch], avail: [usize; 2]) -> Vec<(usize, usize)> {
    let n = chars.len();
    let mut lines = Vec::new();
    let mut s = 0;
    while s < n {
        if !lines.is_empty() {
            while s < n && is_space(chars[s].c) {
                s += 1;
            }
            if s == n {
                break;
            }
        }
        let room = avail[usize::from(!lines.is_empty())];
        let (mut i, mut w, mut last_ok) = (s, 0, None);
        let end = loop {
            if i == n {
                break n;
            }
            let ch = &chars[i];
            if i > s && ch.must {
                break i;
            }
            // After a soft hyphen the line must still have room for its `-`.
            let hyphen_fits = chars[i.saturating_sub(1)].c != SHY || w < room;
            if i > s && ch.brk && !ch.closing && hyphen_fits {
                last_ok = Some(i);
            }
            if !is_space(ch.c) && w + ch.w > room && i > s {
                break last_ok.unwrap_or_else(|| hard_break(chars, s, i, room));
            }
            w += ch.w;
            i += 1;
        };
        let mut e = end;
        while e > s && is_space(chars[e - 1].c) {
            e -= 1;
        }
        lines.push((s, e));
        s = end;
    }
    if lines.is_empty() {
        lines.push((0, 0));
    }
    lines
}

/// Where to cut a piece that has no break opportunity and does not fit (`i` overflowed a
/// line of `room` columns).
fn hard_break(chars: &[Ch], s: usize, i: usize, room: usize) -> usize {
    // A cut at a space is a cut before what follows the spaces and after what precedes them.
    let closes = |b: usize| {
        let next = chars[b..=i].iter().find(|c| !is_space(c.c));
        next.is_some_and(|c| c.closing)
    };
    let opens = |b: usize| {
        let last = chars[s..b].iter().rev().find(|c| !is_space(c.c));
        last.is_some_and(|c| is_opening(c.c))
    };
    let splits = |b: usize| {
        let word = !chars[b].url && is_word(chars[b - 1].c) && is_word(chars[b].c);
        chars[b].w == 0 || chars[b].glue || word
    };
    // The word around `b` is wider than a line: it is cut somewhere whatever we do. Looks
    // no further than a line's worth each way, so that a cut stays linear.
    let cut_anyway = |b: usize| {
        let before = chars[s..b].iter().rev().take_while(|c| is_word(c.c));
        let after = chars[b..]
            .iter()
            .take(room + 1)
            .take_while(|c| is_word(c.c));
        before.chain(after).map(|c| c.w).sum::<usize>() > room
    };
    let pick = |ok: &dyn Fn(usize) -> bool| (s + 1..=i).rev().find(|&b| ok(b));
    pick(&|b| !closes(b) && !opens(b) && !splits(b))
        .or_else(|| pick(&|b| !opens(b) && !splits(b)))
        // A bracket stranded at the end of a line reads worse than a cut through a word that
        // is wider than a line anyway.
        .or_else(|| pick(&|b| !opens(b) && (!splits(b) || cut_anyway(b))))
        .or_else(|| pick(&|b| !splits(b)))
        .or_else(|| pick(&|b| !closes(b)))
        .unwrap_or(i)
}

/// Breaks at exactly the width, keeping every character (preformatted text).
pub(super) fn break_columns(chars: &[Ch], avail: [usize; 2]) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    let (mut s, mut w) = (0, 0);
    for (i, ch) in chars.iter().enumerate() {
        if w + ch.w > avail[usize::from(!lines.is_empty())] && i > s {
            // Inside a URL's `https://`, the whole URL moves down when it can.
            let mut cut = i;
            while cut > s && chars[cut].glue {
                cut -= 1;
            }
            if cut == s || chars[cut].glue {
                cut = i;
            }
            lines.push((s, cut));
            s = cut;
            w = chars[cut..i].iter().map(|c| c.w).sum();
        }
        w += ch.w;
    }
    lines.push((s, chars.len()));
    lines
}

/// The characters of an already laid-out line that fit in `avail` columns.
pub(super) fn clip(chars: &[Ch], avail: usize) -> (usize, usize) {
    let mut w = 0;
    for (i, ch) in chars.iter().enumerate() {
        if w + ch.w > avail {
            return (0, i);
        }
        w += ch.w;
    }
    (0, chars.len())
}
