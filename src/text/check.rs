//! Typography faults of rendered lines, counted the way a reader notices them.
//!
//! Shared by the `typography-check` example (real archives, every width) and the tests
//! (our own fixtures), so that both judge a rendering by the same rules. It looks only at
//! the lines, never at the source: a fault is something visible on screen.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::Line;
use super::breaks::is_closing;

/// One kind of visible fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FaultKind {
    /// The line is wider than the width it was rendered at.
    TooWide,
    /// Prose (or a table cell line) starts with closing punctuation (`，。）”…`).
    ClosingStart,
    /// Prose starts with a Chinese dash (`——`), which belongs to the text before it.
    DashStart,
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
    /// Prose starts with closing punctuation where the line above had room for it: the
    /// source itself starts a line so (`...直到` after a `<br>`), since a wrap never moves
    /// punctuation down when it fits. Counted apart: it is the author's text.
    SourceLineStart,
}

impl FaultKind {
    /// False for the kinds counted apart ([`FaultKind::ForcedClosingStart`],
    /// [`FaultKind::SourceLineStart`]): what the renderer chose, or what the source says.
    pub fn is_fault(self) -> bool {
        !matches!(
            self,
            FaultKind::ForcedClosingStart | FaultKind::SourceLineStart
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
                .any(|at| starts_badly(&w[1][at..]).is_some())
    })
}

/// The fault of prose starting with `rest`, if any.
fn starts_badly(rest: &str) -> Option<FaultKind> {
    if rest.starts_with("——") {
        Some(FaultKind::DashStart)
    } else if rest.chars().next().is_some_and(is_closing) {
        Some(FaultKind::ClosingStart)
    } else {
        None
    }
}

/// Every fault of `lines` rendered at `width`.
pub fn faults(lines: &[Line], width: usize) -> Vec<Fault> {
    let texts: Vec<String> = lines.iter().map(Line::text).collect();
    let mut out = Vec::new();
    let mut push = |line, kind| out.push(Fault { line, kind });
    for (i, text) in texts.iter().enumerate() {
        if text.width() > width {
            push(i, FaultKind::TooWide);
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
        if i == 0 || blank || texts[i - 1].trim().is_empty() {
            continue;
        }
        let (prefix, _) = split_prefix(text);
        let table = text.contains(is_box);
        if !table && starts_item(prefix) {
            // A list item's first line starts a block: its text may begin with `.NET`.
            continue;
        }
        for at in starts(text) {
            if in_code(&lines[i], at) {
                continue;
            }
            let Some(kind) = starts_badly(&text[at..]) else {
                continue;
            };
            let run: String = text[at..].chars().take_while(|&c| is_closing(c)).collect();
            // Forced: the line above is one piece without a break (no space before anything
            // but closing punctuation, not ending in a wide character) that cannot take the
            // punctuation as well, nor the space the source may have had before it.
            let above = &texts[i - 1];
            let narrow_end = above.chars().last().is_some_and(|c| c.width() == Some(1));
            let full = above.width() + usize::from(narrow_end) + run.width() > width;
            let (_, above_text) = split_prefix(above);
            let room = above.width() + run.width() <= width;
            let no_break_at_end = narrow_end || above.chars().last().is_some_and(is_closing);
            let one_piece = no_break_at_end
                && above_text
                    .split(' ')
                    .skip(1)
                    .all(|w| w.is_empty() || w.starts_with(is_closing));
            let forced = !table && full && one_piece;
            if !table && room {
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
