//! Article bodies (HTML or Markdown) → styled lines wrapped at a display width.
//!
//! STUB: the public API below is fixed; the implementation is being written.
//! Knows nothing of the terminal: the UI maps [`SpanStyle`] onto its own styles.

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
    let _ = body;
    todo!()
}

/// Renders `body` at `width` display columns (width ≥ 1).
pub fn render(body: &str, format: BodyFormat, width: usize) -> Rendered {
    let _ = (body, format, width);
    todo!()
}

impl Rendered {
    /// Plain text: every line joined with `\n`, followed by the numbered link list.
    pub fn to_plain(&self) -> String {
        todo!()
    }
}
