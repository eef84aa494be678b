//! From html2text's unwrapped lines to our display lines.
//!
//! Each html2text line (one paragraph, list item or `<br>`-separated line) starts with the
//! marker prefixes written by [`super::html::Marks`]; they are read back here into a first
//! line prefix (`> * `) and a hanging one for continuation lines (`>   `). The rest is
//! styled, links and images are numbered in reading order, and [`super::wrap()`] wraps it.

use std::collections::HashMap;

use html2text::render::{RichAnnotation, TaggedLine};

use super::html::{self, BULLET, QUOTE, TABLE};
use super::prefix::{self, Tok};
use super::wrap::{self, Mode};
use super::{Line, Span, SpanStyle};
use crate::sanitize;

/// Link and image numbers handed out in reading order. Identical link URLs share a number
/// (like footnotes); every image gets its own, since each placeholder stands for a picture.
#[derive(Default)]
pub(super) struct Numbers {
    pub links: Vec<String>,
    link_ids: HashMap<String, u32>,
    pub images: Vec<String>,
}

impl Numbers {
    fn link(&mut self, url: &str) -> Option<u32> {
        let url = clean_url(url);
        if url.is_empty() {
            return None;
        }
        if let Some(&n) = self.link_ids.get(&url) {
            return Some(n);
        }
        self.links.push(url.clone());
        let n = self.links.len() as u32;
        self.link_ids.insert(url, n);
        Some(n)
    }

    fn image(&mut self, src: &str) -> u32 {
        self.images.push(clean_url(src));
        self.images.len() as u32
    }
}

/// URLs lose control characters and all whitespace (a URL split over source lines). A
/// protocol-relative URL (`//player.example.com/v`, common in embeds) takes `https:`: it
/// has no page to inherit a scheme from here, and would not open without one.
pub(super) fn clean_url(url: &str) -> String {
    let url: String = sanitize::clean(url)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    match url.strip_prefix("//") {
        Some(rest) if !rest.is_empty() && !rest.starts_with('/') => format!("https:{url}"),
        _ => url,
    }
}

/// Reads the lines html2text produced and appends the display lines to `out`.
pub(super) struct Layout<'a> {
    width: usize,
    /// Tables lifted out by the pre-pass, laid out where their marker line appears.
    tables: &'a [String],
    pub numbers: Numbers,
    pub out: Vec<Line>,
    /// The prefix of the last non-blank line, to recognise its continuation indents.
    prev: Vec<Tok>,
}

impl<'a> Layout<'a> {
    pub fn new(width: usize, tables: &'a [String]) -> Self {
        Layout {
            width,
            tables,
            numbers: Numbers::default(),
            out: Vec::new(),
            prev: Vec::new(),
        }
    }

    /// Lays out one line of html2text's output (a paragraph, item or table marker).
    pub fn add(&mut self, line: &TaggedLine<Vec<RichAnnotation>>) {
        let segs: Vec<(&str, &[RichAnnotation])> = line
            .tagged_strings()
            .map(|t| (t.s.as_str(), t.tag.as_slice()))
            .collect();
        let (toks, heading, seg, off) = prefix::read(&segs, &self.prev);
        let quote = toks.iter().any(|t| matches!(t, Tok::Quote));
        let (first, rest) = prefix::spans(&toks, quote);
        let mut base = SpanStyle {
            quote,
            ..SpanStyle::default()
        };
        if heading {
            (base.heading, base.bold) = (true, true);
        }
        let mut content: Vec<(&str, &[RichAnnotation])> = Vec::new();
        for (k, &(s, tag)) in segs.iter().enumerate().skip(seg) {
            let s = if k == seg { &s[off..] } else { s };
            if !s.is_empty() {
                content.push((s, tag));
            }
        }
        let pre = content
            .iter()
            .any(|(_, t)| t.iter().any(|a| matches!(a, RichAnnotation::Preformat(_))));
        if let Some(k) = table_index(&content) {
            if let Some(table) = self.tables.get(k) {
                let (_, w) = wrap::fit_prefix(&first, self.width);
                let (lines, grid) = match html::render_table(table, self.width - w) {
                    html::Table::Grid(lines) => (lines, true),
                    html::Table::Cells(lines) => (lines, false),
                };
                let mode = if grid { Mode::Clip } else { Mode::Prose };
                for (i, tl) in lines.iter().enumerate() {
                    let segs: Vec<_> = tl
                        .tagged_strings()
                        .map(|t| (t.s.as_str(), t.tag.as_slice()))
                        .collect();
                    let spans = self.style(&segs, base, grid);
                    let p = if i == 0 { &first } else { &rest };
                    wrap::lay_out(p, &rest, &spans, mode, self.width, &mut self.out);
                    // The table is one logical line; its lines (one per call) count rows.
                    if let (Some(line), 1..) = (self.out.last_mut(), i) {
                        line.start = u32::try_from(i).unwrap_or(u32::MAX);
                    }
                }
            }
            self.prev = toks;
            return;
        }
        let spans = self.style(&content, base, false);
        if spans.iter().all(|s| s.text.trim().is_empty()) && !pre {
            self.out.push(Line::default());
            return;
        }
        let mode = if pre { Mode::Pre } else { Mode::Prose };
        wrap::lay_out(&first, &rest, &spans, mode, self.width, &mut self.out);
        self.prev = toks;
    }

    /// Turns html2text's annotated pieces into spans: styles, link numbers (`text[3]`) and
    /// image placeholders (`[image 2]`). In a table, already laid out, the text is kept as
    /// it is (the links and images are still numbered and styled).
    fn style(
        &mut self,
        segs: &[(&str, &[RichAnnotation])],
        base: SpanStyle,
        table: bool,
    ) -> Vec<Span> {
        let mut spans: Vec<Span> = Vec::new();
        let mut k = 0;
        while k < segs.len() {
            let (text, tag) = segs[k];
            let mut style = base;
            let (mut link, mut image) = (None, None);
            for a in tag {
                match a {
                    RichAnnotation::Emphasis => style.italic = true,
                    RichAnnotation::Strong => style.bold = true,
                    RichAnnotation::Strikeout => style.strike = true,
                    RichAnnotation::Code | RichAnnotation::Preformat(_) => style.code = true,
                    RichAnnotation::Link(u) => link = Some(u.as_str()),
                    RichAnnotation::Image(src) => image = Some(src.as_str()),
                    _ => {}
                }
            }
            style.link = link.and_then(|u| self.numbers.link(u));
            let mut text = clean_text(text, table);
            if let Some(src) = image {
                // One image: the following pieces with the same source belong to it.
                while k + 1 < segs.len() && image_src(segs[k + 1].1) == Some(src) {
                    k += 1;
                    text.push_str(&clean_text(segs[k].0, table));
                }
                let n = self.numbers.image(src);
                style.image = Some(n);
                if !table {
                    let alt = text
                        .trim()
                        .trim_start_matches('[')
                        .trim_end_matches(']')
                        .trim();
                    text = match alt {
                        "" | "image" => format!("[image {n}]"),
                        alt => format!("[image {n}: {alt}]"),
                    };
                }
            }
            spans.push(Span { text, style });
            let next_link = segs.get(k + 1).and_then(|(_, t)| link_url(t));
            if let (Some(n), false) = (style.link, table)
                && next_link != link
            {
                let style = SpanStyle {
                    link: Some(n),
                    ..base
                };
                spans.push(Span {
                    text: format!("[{n}]"),
                    style,
                });
            }
            k += 1;
        }
        spans
    }
}

fn link_url(tag: &[RichAnnotation]) -> Option<&str> {
    tag.iter().rev().find_map(|a| match a {
        RichAnnotation::Link(u) => Some(u.as_str()),
        _ => None,
    })
}

fn image_src(tag: &[RichAnnotation]) -> Option<&str> {
    tag.iter().rev().find_map(|a| match a {
        RichAnnotation::Image(u) => Some(u.as_str()),
        _ => None,
    })
}

/// Removes control characters (entity decoding can create ESC) and stray markers. In a
/// table, a marker html2text laid out (a list inside a cell) becomes one plain column.
fn clean_text(s: &str, table: bool) -> String {
    let mapped: String = s
        .chars()
        .filter_map(|c| match c {
            QUOTE if table => Some('>'),
            BULLET if table => Some('*'),
            c if html::is_marker(c) => table.then_some(' '),
            '\n' => Some(' '),
            c => Some(c),
        })
        .collect();
    sanitize::clean(&mapped).into_owned()
}

/// The index of the table whose marker line this is.
fn table_index(content: &[(&str, &[RichAnnotation])]) -> Option<usize> {
    let text: String = content.iter().map(|(s, _)| *s).collect();
    let inner = text.trim().strip_prefix(TABLE)?.strip_suffix(TABLE)?;
    inner.parse().ok()
}
