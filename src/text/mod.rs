//! Article bodies (HTML or Markdown) → styled lines wrapped at a display width.
//!
//! Knows nothing of the terminal: the UI maps [`SpanStyle`] onto its own styles.
//!
//! The pipeline, and why each step exists:
//! 1. [`budget`]: at most [`MAX_BODY_BYTES`] of the body are rendered (a note says so), so
//!    no article can stall the reader.
//! 2. Markdown becomes HTML ([`markdown`]).
//! 3. [`prepass`]: a linear scan bounds nesting depth (html5ever and html2text are
//!    superlinear in it), drops `<script>`/`<style>`, turns `<iframe>` into a link, and lifts
//!    tables out so they can be laid out at the real width (marking in their text where
//!    html2text, which wraps the cells, may break).
//! 4. [`html`]: html2text renders the rest at a huge width, so each paragraph comes back as
//!    one logical line; block prefixes are marker characters, not text.
//! 5. [`layout`]: prefixes are read back, styles mapped, links and images numbered.
//! 6. [`mod@wrap`]: each logical line is wrapped by Unicode line breaking (UAX #14) with kinsoku
//!    and CJK widths; no display line is ever wider than asked for, at any width ≥ 1.
//!
//! Decisions worth knowing:
//! - Links: identical URLs share one number (`[1]` after each link's text). Images: one
//!   number per placeholder (`[image 2]`, or `[image 2: alt]`). [`Rendered::to_plain`] lists
//!   links, then images, with URLs unwrapped; [`Rendered::reference_lines`] wraps them.
//! - Kinsoku: closing punctuation never starts a line when the character before it can come
//!   down with it, opening punctuation never ends one; punctuation never hangs past the
//!   width (see [`breaks`]). A Chinese paragraph is set to an even measure ([`cjk`]).
//! - A character wider than the whole line (CJK at width 1) is shown as `?`.
//! - Tables are laid out by html2text at the real width (cells wrapped by its rules), then
//!   clipped if their nesting still needs more room.
//! - Deep nesting in a narrow pane drops outer prefix levels (`> > * `) so that the text
//!   keeps at least half of the width.

mod breaks;
mod budget;
pub mod check;
mod cjk;
mod html;
mod layout;
mod markdown;
mod markdown_out;
mod open;
mod prefix;
mod prepass;
mod tag;
mod wrap;

#[cfg(test)]
mod tests;

use crate::sanitize;

pub use budget::MAX_BODY_BYTES;
pub use markdown_out::to_markdown;
pub use wrap::{line_width, wrap};

/// How a piece of text is meant to look. Several flags can hold at once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct SpanStyle {
    pub bold: bool,
    pub italic: bool,
    pub code: bool,
    pub strike: bool,
    /// A heading line (any level).
    pub heading: bool,
    /// Inside a blockquote.
    pub quote: bool,
    /// Part of link number N (1-based index into [`Rendered::links`]).
    pub link: Option<u32>,
    /// The placeholder of image N (1-based index into [`Rendered::images`]).
    pub image: Option<u32>,
    /// A note from gazette itself (truncation, fallback), not article text.
    pub note: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub style: SpanStyle,
}

/// One display line; its display width never exceeds the width it was rendered at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line {
    pub spans: Vec<Span>,
    /// Where this line starts in its logical line (paragraph, list item, heading, blank
    /// line…), in characters of content: 0 on the first display line of each, more on the
    /// lines it wraps onto. Neither the count of logical lines nor these offsets depend on the
    /// width (a table is one logical line whose lines count rows instead), so the reader can
    /// keep its place in the text — (logical line, offset) — across re-wrapping.
    pub start: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyFormat {
    Html,
    Markdown,
}

/// A rendered body: its lines, and the links and images it refers to by number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub lines: Vec<Line>,
    /// URLs of links, numbered from 1 in the text.
    pub links: Vec<String>,
    /// URLs of images, numbered from 1 in the placeholders.
    pub images: Vec<String>,
}

/// Guesses the body format: HTML when the body's first non-blank character opens a tag,
/// Markdown otherwise (Markdown passes inline HTML through, so a mix works too).
pub fn detect_format(body: &str) -> BodyFormat {
    match body.trim_start().chars().next() {
        Some('<') => BodyFormat::Html,
        _ => BodyFormat::Markdown,
    }
}

/// Renders `body` at `width` display columns (width ≥ 1; 0 is taken as 1).
///
/// Never panics and never returns nothing for a body with visible content: when html2text
/// fails, the text is shown without its markup, and a note says so.
pub fn render(body: &str, format: BodyFormat, width: usize) -> Rendered {
    let width = width.max(1);
    let (prepared, cut_note) = prepare(body, format);
    let mut lay = layout::Layout::new(width, &prepared.tables);
    let mut notes = Vec::new();
    match html::render_logical(&prepared.html) {
        Ok(lines) => lines.iter().for_each(|l| lay.add(l)),
        Err(_) => {
            lay.out = unformatted(&prepared, width);
            notes.push("[gazette: shown without formatting]".to_string());
        }
    }
    let mut lines = budget::tidy_blank_lines(lay.out);
    if lines.is_empty() && !body.trim().is_empty() {
        notes.push("[gazette: this article has no text to show]".to_string());
    }
    notes.extend(cut_note);
    let note = SpanStyle {
        note: true,
        ..SpanStyle::default()
    };
    for text in notes {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.extend(wrap(&text, note, width));
    }
    Rendered {
        lines,
        links: lay.numbers.links,
        images: lay.numbers.images,
    }
}

/// The first steps every output form shares: the body cut to the budget (and the note saying
/// so), Markdown made HTML, cleaned of control characters and markers, and pre-passed.
fn prepare(body: &str, format: BodyFormat) -> (prepass::Prepared, Option<String>) {
    let (body, cut_note) = budget::cut(body);
    let body: &str = &body;
    let html = match format {
        BodyFormat::Html => body.to_string(),
        BodyFormat::Markdown => markdown::to_html(body),
    };
    let html: String = sanitize::clean(&html)
        .chars()
        .filter(|&c| !html::is_marker(c))
        .collect();
    (prepass::prepare(&tag::scrub_char_refs(&html)), cut_note)
}

/// The text of a document html2text failed on, without markup: one paragraph per source
/// line, wrapped by our rules all the same.
fn unformatted(prepared: &prepass::Prepared, width: usize) -> Vec<Line> {
    let mut html = prepared.html.clone();
    for (k, table) in prepared.tables.iter().enumerate() {
        html = html.replace(
            &format!("<div>{}{k}{}</div>", html::TABLE, html::TABLE),
            table,
        );
    }
    let text = tag::strip_tags(&html);
    let mut out = Vec::new();
    for para in text.split('\n') {
        out.extend(wrap(para, SpanStyle::default(), width));
    }
    out
}

impl Line {
    /// The line's text without styles.
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
}

impl Rendered {
    /// Plain text: every line joined with `\n`, followed by the numbered link list.
    ///
    /// After the links come the images (`[image 2] url`). URLs are never wrapped here, so
    /// they stay whole for copying; [`Rendered::reference_lines`] gives a wrapped list.
    pub fn to_plain(&self) -> String {
        let mut out: Vec<String> = self.lines.iter().map(Line::text).collect();
        let list = self.reference_list();
        if !list.is_empty() {
            out.push(String::new());
            out.extend(
                list.into_iter()
                    .map(|(label, url)| format!("{label} {url}")),
            );
        }
        out.join("\n")
    }

    /// The link and image list as display lines within `width`: each URL is broken where
    /// needed (after a `/`, `.`, `?`… of its path) and continues under itself, after its label.
    pub fn reference_lines(&self, width: usize) -> Vec<Line> {
        let mut out = Vec::new();
        for (k, (label, url)) in self.reference_list().into_iter().enumerate() {
            let n = k as u32 + 1;
            let style = if k < self.links.len() {
                SpanStyle {
                    link: Some(n),
                    ..SpanStyle::default()
                }
            } else {
                SpanStyle {
                    image: Some(n - self.links.len() as u32),
                    ..SpanStyle::default()
                }
            };
            let label = format!("{label} ");
            let indent = " ".repeat(unicode_width::UnicodeWidthStr::width(label.as_str()));
            let first = [Span {
                text: label,
                style: SpanStyle::default(),
            }];
            let rest = [Span {
                text: indent,
                style: SpanStyle::default(),
            }];
            let content = [Span { text: url, style }];
            wrap::lay_out(&first, &rest, &content, wrap::Mode::Url, width, &mut out);
        }
        out
    }

    fn reference_list(&self) -> Vec<(String, String)> {
        let links = self
            .links
            .iter()
            .enumerate()
            .map(|(k, u)| (format!("[{}]", k + 1), layout::clean_url(u)));
        let images = self
            .images
            .iter()
            .enumerate()
            .map(|(k, u)| (format!("[image {}]", k + 1), layout::clean_url(u)));
        links.chain(images).collect()
    }
}
