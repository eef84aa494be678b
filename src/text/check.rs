//! Typography faults of rendered lines, counted the way a reader notices them.
//!
//! Shared by the `typography-check` example (real archives, every width) and the tests
//! (our own fixtures), so that both judge a rendering by the same rules. It looks only at
//! the lines, never at the source: a fault is something visible on screen.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::Line;
use super::breaks::{is_closing, is_opening};
use super::cjk;

/// One kind of visible fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FaultKind {
    /// The line is wider than the width it was rendered at.
    TooWide,
    /// Prose (or a table cell line) starts with closing punctuation (`，。）”…`).
    ClosingStart,
    /// Prose starts with a Chinese dash (`——`), which belongs to the text before it.
    DashStart,
    /// Prose starts with an ellipsis (`……`, `⋯⋯`), which belongs to the text before it.
    EllipsisStart,
    /// A `——` or `……` is split between two lines.
    SplitPair,
    /// A line ends with opening punctuation (`（「“《`…) and its text goes on below.
    OpeningEnd,
    /// Prose ends with a space: a break kept the space it was taken at (a Latin word
    /// between Chinese characters would seem to gain one).
    TrailingSpace,
    /// A line of a Chinese paragraph reaches past the paragraph's measure of whole
    /// full-width columns (the width rounded down to even, see `cjk::measure`), so its right
    /// edge is not flush with the lines of pure Han around it.
    PastMeasure,
    /// A line ends right after a URL's `://`: the scheme alone was left behind.
    UrlScheme,
    /// Two blank lines in a row, or a blank line first or last.
    BlankLines,
    /// A soft hyphen (U+00AD) reached the screen; it must vanish, or be a `-` at a break.
    SoftHyphen,
    /// Prose starts with closing punctuation that the line above could not take: one
    /// piece without a break (a Latin word, `Type::new`) fills that line. Keeping the word whole is the renderer's choice (see
    /// `breaks`), so this is counted apart from the faults above.
    ForcedClosingStart,
    /// A line ends with opening punctuation because the line below is one piece without a
    /// break that could not take it as well (`(` above `VerificationError` in a narrow
    /// pane). Counted apart, like [`FaultKind::ForcedClosingStart`].
    ForcedOpeningEnd,
    /// Prose starts with closing punctuation where the source itself starts a line so
    /// (`...直到` after a `<br>`): the line begins its logical line (`Line::start` is 0), or
    /// the line above had room for it, since a wrap never moves punctuation down when it
    /// fits. Counted apart: it is the author's text.
    SourceLineStart,
}

impl FaultKind {
    /// False for the kinds counted apart ([`FaultKind::ForcedClosingStart`],
    /// [`FaultKind::SourceLineStart`]): what the renderer chose, or what the source says.
    pub fn is_fault(self) -> bool {
        !matches!(
            self,
            FaultKind::ForcedClosingStart
                | FaultKind::ForcedOpeningEnd
                | FaultKind::SourceLineStart
        )
    }
}

/// A fault on line `line` (0-based) of a rendering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    pub line: usize,
    pub kind: FaultKind,
}

/// Box-drawing characters: html2text draws table borders and cell separators with them.
fn is_box(c: char) -> bool {
    ('\u{2500}'..='\u{257f}').contains(&c)
}

/// Splits a display line into its block prefix (`> `, `* `, `12. `, indentation) and the
/// rest.
pub fn split_prefix(line: &str) -> (&str, &str) {
    let mut rest = line;
    loop {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if let Some(r) = rest.strip_prefix("> ").or_else(|| rest.strip_prefix("* ")) {
            rest = r;
        } else if digits > 0 && rest[digits..].starts_with(". ") {
            rest = &rest[digits + 2..];
        } else if let Some(r) = rest.strip_prefix(' ') {
            rest = r;
        } else {
            return (&line[..line.len() - rest.len()], rest);
        }
    }
}

/// True when a line's prefix holds a list bullet or number: the line starts an item.
fn starts_item(prefix: &str) -> bool {
    prefix.contains("* ")
        || prefix.split(' ').any(|p| {
            p.len() > 1 && p.ends_with('.') && p[..p.len() - 1].bytes().all(|b| b.is_ascii_digit())
        })
}

/// Where prose starts on this line: after the block prefix, or after each cell separator of
/// a table line. Byte offsets into `text`.
fn starts(text: &str) -> Vec<usize> {
    if !text.contains(is_box) {
        return vec![split_prefix(text).0.len()];
    }
    let mut out = Vec::new();
    let mut at = 0;
    for piece in text.split(is_box) {
        let lead = piece.len() - piece.trim_start().len();
        if !piece.trim().is_empty() {
            out.push(at + lead);
        }
        at += piece.len() + '│'.len_utf8();
    }
    out
}

/// True when byte `at` of the line falls in a code span: code is shown as written.
fn in_code(line: &Line, at: usize) -> bool {
    let mut pos = 0;
    for s in &line.spans {
        if at < pos + s.text.len() {
            return s.style.code;
        }
        pos += s.text.len();
    }
    false
}

/// True when a cell of the laid-out table `lines` has a line starting with closing
/// punctuation (see [`super::html::render_table`]).
pub(super) fn cells_start_badly(lines: &[String]) -> bool {
    lines.windows(2).any(|w| {
        !w[0].trim().is_empty()
            && starts(&w[1])
                .into_iter()
                .any(|at| starts_badly(&w[1][at..], None).is_some())
    })
}

/// Characters that come in pairs which must stay on one line.
fn pairs(c: char) -> bool {
    matches!(c, '—' | '…' | '⋯')
}

/// The fault of prose starting with `rest`, if any. `above` is the line before, for a
/// pair of `——`/`……` split between the two.
fn starts_badly(rest: &str, above: Option<&str>) -> Option<FaultKind> {
    let first = rest.chars().next();
    let split = above
        .and_then(|a| a.chars().last())
        .is_some_and(|l| pairs(l) && first == Some(l));
    if split {
        Some(FaultKind::SplitPair)
    } else if rest.starts_with("——") {
        Some(FaultKind::DashStart)
    } else if rest.starts_with("……") || rest.starts_with("⋯⋯") {
        Some(FaultKind::EllipsisStart)
    } else if first.is_some_and(is_closing) {
        Some(FaultKind::ClosingStart)
    } else {
        None
    }
}

/// How many columns each line may reach: the width, or for the lines of a Chinese
/// paragraph their prefix and the paragraph's measure. A paragraph is the run of lines from
/// one whose `start` is 0 to the next; tables and code are measured by the width. Public for
/// the tests' own rules, which ask whether a line had room for more.
pub fn limits(lines: &[Line], texts: &[String], width: usize) -> Vec<usize> {
    let mut out = vec![width; lines.len()];
    let mut from = 0;
    while from < lines.len() {
        let to = (from + 1..lines.len())
            .find(|&k| lines[k].start == 0)
            .unwrap_or(lines.len());
        let group = from..to;
        let plain = texts[group.clone()].iter().all(|t| !t.contains(is_box))
            && lines[group.clone()]
                .iter()
                .all(|l| !l.spans.iter().all(|s| s.style.code));
        let contents = texts[group.clone()].iter().map(|t| split_prefix(t).1);
        if plain && cjk::mostly_wide(contents.flat_map(str::chars)) {
            for k in group {
                let pw = split_prefix(&texts[k]).0.width();
                out[k] = pw + cjk::measure(width.saturating_sub(pw));
            }
        }
        from = to;
    }
    out
}

/// True when line `i` ends with opening punctuation (outside code) and the text it opens
/// goes on below: on the next line of its paragraph, or, in a table, in the same cell.
fn ends_open(lines: &[Line], texts: &[String], i: usize) -> bool {
    let Some(next) = texts.get(i + 1) else {
        return false;
    };
    let text = &texts[i];
    if !text.contains(is_box) {
        let end = text.trim_end();
        let opens = end.chars().last().is_some_and(is_opening);
        return opens && lines[i + 1].start != 0 && !in_code(&lines[i], end.len() - 1);
    }
    let below: Vec<&str> = next.split(is_box).collect();
    text.split(is_box).enumerate().any(|(k, piece)| {
        piece.trim_end().chars().last().is_some_and(is_opening)
            && below.get(k).is_some_and(|b| !b.trim().is_empty())
    })
}

/// True when `text` (without its prefix) has no break opportunity: each of its spaces
/// follows opening punctuation or comes before closing punctuation (`( word ).`), where
/// line breaking keeps the pieces together.
fn one_piece(text: &str) -> bool {
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    words
        .windows(2)
        .all(|p| p[0].ends_with(is_opening) || p[1].starts_with(is_closing))
}

/// The kind of fault of line `i` ending with opening punctuation (see [`ends_open`]):
/// forced when the next line is one piece of narrow text (Chinese breaks anywhere) that
/// had no room for the bracket and a space.
fn open_end_kind(texts: &[String], limit: &[usize], i: usize) -> FaultKind {
    let end = texts[i].trim_end();
    let (_, below) = split_prefix(&texts[i + 1]);
    let bracket = end.chars().last().map_or(0, |c| c.width().unwrap_or(0));
    let full = texts[i + 1].width() + bracket + 1 > limit[i + 1];
    let narrow = below.chars().all(|c| c.width() != Some(2));
    if !texts[i].contains(is_box) && narrow && one_piece(below) && full {
        FaultKind::ForcedOpeningEnd
    } else {
        FaultKind::OpeningEnd
    }
}

/// Every fault of `lines` rendered at `width`.
pub fn faults(lines: &[Line], width: usize) -> Vec<Fault> {
    let texts: Vec<String> = lines.iter().map(Line::text).collect();
    let limit = limits(lines, &texts, width);
    let mut out = Vec::new();
    let mut push = |line, kind| out.push(Fault { line, kind });
    for (i, text) in texts.iter().enumerate() {
        if text.width() > width {
            push(i, FaultKind::TooWide);
        } else if text.width() > limit[i] {
            push(i, FaultKind::PastMeasure);
        }
        if text.contains('\u{AD}') {
            push(i, FaultKind::SoftHyphen);
        }
        let blank = text.trim().is_empty();
        let edge = i == 0 || i + 1 == texts.len();
        if blank && (edge || texts[i - 1].trim().is_empty()) {
            push(i, FaultKind::BlankLines);
        }
        if text.trim_end().ends_with("://")
            && texts.get(i + 1).is_some_and(|n| !n.trim().is_empty())
        {
            push(i, FaultKind::UrlScheme);
        }
        if ends_open(lines, &texts, i) {
            push(i, open_end_kind(&texts, &limit, i));
        }
        let table = text.contains(is_box);
        if !blank && !table && text.ends_with(' ') && !in_code(&lines[i], text.len() - 1) {
            push(i, FaultKind::TrailingSpace);
        }
        if i == 0 || blank || texts[i - 1].trim().is_empty() {
            continue;
        }
        let (prefix, _) = split_prefix(text);
        if !table && starts_item(prefix) {
            // A list item's first line starts a block: its text may begin with `.NET`.
            continue;
        }
        let above = &texts[i - 1];
        for at in starts(text) {
            if in_code(&lines[i], at) {
                continue;
            }
            let Some(kind) = starts_badly(&text[at..], (!table).then_some(above.as_str())) else {
                continue;
            };
            let run: String = text[at..].chars().take_while(|&c| is_closing(c)).collect();
            // Forced: the line above is one piece without a break (no space before anything
            // but closing punctuation, not ending in a wide character) that cannot take the
            // punctuation as well, nor the space the source may have had before it.
            let narrow_end = above.chars().last().is_some_and(|c| c.width() == Some(1));
            let full = above.width() + usize::from(narrow_end) + run.width() > limit[i - 1];
            let (_, above_text) = split_prefix(above);
            let room = above.width() + run.width() <= limit[i - 1];
            let no_break_at_end = narrow_end || above.chars().last().is_some_and(is_closing);
            let one_piece = no_break_at_end && one_piece(above_text);
            let forced = if kind == FaultKind::SplitPair {
                // Only a run of dashes or dots wider than the line has to be split.
                let first = text[at..].chars().next();
                above_text.chars().all(|c| Some(c) == first)
            } else {
                !table && full && one_piece
            };
            // A pair split in two is never the author's line break. A line that starts its
            // logical line (after a `<br>` or a Markdown hard break) is the author's break
            // whatever room the line above had: the wrapper did not choose it.
            let source_start = lines[i].start == 0;
            if !table && (room || source_start) && kind != FaultKind::SplitPair {
                push(i, FaultKind::SourceLineStart);
                continue;
            }
            push(
                i,
                if forced {
                    FaultKind::ForcedClosingStart
                } else {
                    kind
                },
            );
        }
    }
    out
}
