//! The html2text side: a decorator that marks block prefixes, and the calls with their fallbacks.
//!
//! html2text's rich decorator writes list bullets and quote bars as ordinary text (`* `, `> `),
//! which cannot be told apart from article text that happens to start the same way. Our
//! decorator writes marker characters instead; [`super::layout`] reads them back
//! from the start of each line and turns them into styled, width-aware prefixes.

use html2text::config::{self, Config, ImageRenderMode};
use html2text::render::{RichAnnotation, RichDecorator, TaggedLine, TextDecorator};

// Prefix markers are ASCII control characters because html2text counts a prefix's columns
// by its byte length in places (and asserts it in others): only a one-byte character keeps
// its bytes equal to its width. Bodies are cleaned of control characters before rendering,
// and character references to them are removed by the pre-pass, so none can come from text.

/// Starts a heading line (once per line; the level itself is not shown).
pub(super) const HEADING: char = '\x01';
/// One blockquote level.
pub(super) const QUOTE: char = '\x02';
/// An unordered list bullet; html2text indents continuation lines by its width (1).
pub(super) const BULLET: char = '\x03';
/// An ordered list number follows (`\x0412.`), padded by html2text to the widest number.
pub(super) const ORDERED: char = '\x04';
/// Surrounds the index of a table rendered separately (see [`super::prepass`]). It is text,
/// not a prefix, so it is a private-use character that html2text measures like any other.
pub(super) const TABLE: char = '\u{E007}';

/// True for the characters above: they never reach the output.
pub(super) fn is_marker(c: char) -> bool {
    matches!(c, HEADING | QUOTE | BULLET | ORDERED | TABLE)
}

/// The width html2text is asked to fill when we wrap ourselves: wider than any logical line
/// can be, since the body is cut at 1 MiB and no character is wider than its UTF-8 bytes.
pub(super) const HUGE_WIDTH: usize = 1 << 22;

pub(super) type Lines = Vec<TaggedLine<Vec<RichAnnotation>>>;

/// Like html2text's `RichDecorator`, but with marker prefixes and image text that is never
/// empty (so that an image without `alt` still leaves a run we can turn into a placeholder).
#[derive(Clone)]
pub(super) struct Marks {
    rich: RichDecorator,
}

impl Default for Marks {
    fn default() -> Self {
        Marks {
            rich: RichDecorator::new(),
        }
    }
}

impl TextDecorator for Marks {
    type Annotation = RichAnnotation;

    fn decorate_link_start(&mut self, url: &str) -> (String, RichAnnotation) {
        self.rich.decorate_link_start(url)
    }
    fn decorate_link_end(&mut self) -> String {
        String::new()
    }
    fn decorate_em_start(&self) -> (String, RichAnnotation) {
        self.rich.decorate_em_start()
    }
    fn decorate_em_end(&self) -> String {
        String::new()
    }
    fn decorate_strong_start(&self) -> (String, RichAnnotation) {
        self.rich.decorate_strong_start()
    }
    fn decorate_strong_end(&self) -> String {
        String::new()
    }
    fn decorate_strikeout_start(&self) -> (String, RichAnnotation) {
        self.rich.decorate_strikeout_start()
    }
    fn decorate_strikeout_end(&self) -> String {
        String::new()
    }
    fn decorate_code_start(&self) -> (String, RichAnnotation) {
        self.rich.decorate_code_start()
    }
    fn decorate_code_end(&self) -> String {
        String::new()
    }
    fn decorate_preformat_first(&self) -> RichAnnotation {
        RichAnnotation::Preformat(false)
    }
    fn decorate_preformat_cont(&self) -> RichAnnotation {
        RichAnnotation::Preformat(true)
    }
    /// `[alt]`, or `[image]` without alt: a table keeps this text as laid out; elsewhere the
    /// run is replaced by a numbered placeholder.
    fn decorate_image(&mut self, src: &str, title: &str) -> (String, RichAnnotation) {
        let title = if title.trim().is_empty() {
            "image"
        } else {
            title
        };
        (format!("[{title}]"), RichAnnotation::Image(src.to_string()))
    }
    fn header_prefix(&self, _level: usize) -> String {
        HEADING.to_string()
    }
    fn quote_prefix(&self) -> String {
        QUOTE.to_string()
    }
    fn unordered_item_prefix(&self) -> String {
        BULLET.to_string()
    }
    fn ordered_item_prefix(&self, i: i64) -> String {
        format!("{ORDERED}{i}.")
    }
    fn make_subblock_decorator(&self) -> Self {
        self.clone()
    }
    /// Superscripts stay inline without html2text's `^{…}` decoration.
    fn decorate_superscript_start(&self) -> (String, RichAnnotation) {
        (String::new(), RichAnnotation::Default)
    }
    fn decorate_superscript_end(&self) -> String {
        String::new()
    }
}

fn base() -> Config<Marks> {
    config::with_decorator(Marks::default())
        .empty_img_mode(ImageRenderMode::ShowAlways)
        .unicode_strikeout(false)
        .link_footnotes(false)
}

/// Runs html2text, turning a panic into an error: html2text has `debug_assert`s on widths
/// that some emoji sequences trip in debug builds, and `unimplemented!`s of its own. The
/// reader must never go down because of one article.
fn guarded(f: impl FnOnce() -> Result<Lines, html2text::Error>) -> Result<Lines, html2text::Error> {
    crate::crash::catch_quietly(f).unwrap_or(Err(html2text::Error::Fail))
}

/// Renders the whole (prepared) document with one logical line per paragraph line.
pub(super) fn render_logical(html: &str) -> Result<Lines, html2text::Error> {
    guarded(|| {
        base()
            .allow_width_overflow()
            .lines_from_read(html.as_bytes(), HUGE_WIDTH)
    })
}

/// A table as html2text gave it back.
pub(super) enum Table {
    /// Laid out as a grid at the width asked (or wider, to be clipped).
    Grid(Lines),
    /// Its cells one after another, each a logical line to be wrapped like prose.
    Cells(Lines),
}

/// Renders one table at `width`. When its nesting needs more columns than that
/// (`TooNarrow`), renders it wider and lets the caller clip. When even that fails, or the
/// columns are so narrow that html2text had to start a cell line with closing punctuation
/// (a word wider than its cell), the grid is unreadable: the cells come one after another
/// instead (html2text's raw mode), to be wrapped by our rules.
pub(super) fn render_table(html: &str, width: usize) -> Table {
    let read = |c: Config<Marks>, w: usize| guarded(|| c.lines_from_read(html.as_bytes(), w));
    let width = width.max(1);
    let grid = read(base(), width).or_else(|_| read(base().allow_width_overflow(), width));
    if let Ok(lines) = grid {
        let texts: Vec<String> = lines
            .iter()
            .map(|l| l.tagged_strings().map(|t| t.s.as_str()).collect())
            .collect();
        if !super::check::cells_start_badly(&texts) {
            return Table::Grid(lines);
        }
    }
    let raw = base().allow_width_overflow().raw_mode(true);
    Table::Cells(read(raw, HUGE_WIDTH).unwrap_or_default())
}
