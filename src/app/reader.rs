//! The open article: its body once read (the event loop reads it, see `Effect::ReadBody`),
//! the body laid out at the pane's width, the scroll position and the search match last
//! landed on. Laying out is a pure function of the body and the width, so it happens here.

mod pictures;
mod place;
pub mod preview;

pub use pictures::fit_for;

use crate::search::Query;
use crate::store::Position;
use crate::text::{Line, Rendered};

/// Where `n`/`N` land in an article just opened from another one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Jump {
    FirstMatch,
    LastMatch,
}

#[derive(Debug, Clone)]
pub struct ReaderState {
    /// The open article's id.
    article: usize,
    scroll: usize,
    /// The place in the text the view was put at (opened, or re-wrapped at a new width),
    /// and the scroll it was put at: while the scroll is still that, the place stands
    /// (see `place`).
    place: Option<(Position, usize)>,
    /// The body text, or why it could not be read; `None` until it arrives.
    body: Option<Result<String, String>>,
    /// The body rendered at a width; rendered again when the pane's width changes.
    rendered: Option<(usize, Rendered)>,
    /// The line of the search match last jumped to.
    match_line: Option<usize>,
    /// A jump to the first or last match, waiting for the body to be rendered.
    jump: Option<Jump>,
    /// The article's pictures at the pane's size, and the rows made for them.
    pictures: pictures::Pictures,
}

impl ReaderState {
    /// Article `article`, to be shown from `place` in its text once its body arrives.
    pub fn new(article: usize, place: Position) -> ReaderState {
        ReaderState {
            article,
            scroll: 0,
            place: Some((place, 0)),
            body: None,
            rendered: None,
            match_line: None,
            jump: None,
            pictures: pictures::Pictures::default(),
        }
    }

    pub fn article(&self) -> usize {
        self.article
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// The body, or why it could not be read; `None` while it is being read.
    pub fn body(&self) -> Option<&Result<String, String>> {
        self.body.as_ref()
    }

    /// The body as laid out for the pane, once it is.
    pub fn rendered(&self) -> Option<&Rendered> {
        self.rendered.as_ref().map(|(_, r)| r)
    }

    /// The width the body was laid out at.
    pub fn rendered_width(&self) -> Option<usize> {
        self.rendered.as_ref().map(|(w, _)| *w)
    }

    pub fn match_line(&self) -> Option<usize> {
        self.match_line
    }

    /// Which of the article's matching lines `n`/`N` last landed on, and how many there are
    /// (`match 3/17`); `None` before the first jump. Counted when asked (only while searching).
    pub fn match_number(&self, query: &Query) -> Option<(usize, usize)> {
        let here = self.match_line?;
        let lines = match_lines(query, &self.rendered()?.lines);
        let at = lines.iter().position(|&l| l == here)?;
        Some((at + 1, lines.len()))
    }

    fn line_count(&self) -> usize {
        self.rendered().map_or(0, |r| r.lines.len())
    }

    /// The body arrived (again: the file changed); it is laid out on the next layout.
    pub fn set_body(&mut self, body: Result<String, String>) {
        self.body = Some(body);
        self.rendered = None;
        self.pictures = pictures::Pictures::default();
    }

    /// The body arrived already laid out (at a width, off the key path: a preview's), put
    /// at this reader's place in the text.
    pub fn set_prepared(
        &mut self,
        body: Result<String, String>,
        rendered: Option<(usize, Rendered)>,
    ) {
        self.set_body(body);
        if let Some((width, r)) = rendered {
            self.set_rendered(width, r);
        }
    }

    /// The file changed: the body is read again; the scroll stays.
    pub fn forget_body(&mut self) {
        self.body = None;
        self.rendered = None;
        self.pictures = pictures::Pictures::default();
    }

    /// Lays the body out at `width` (only when that width is new) with `render`, the same
    /// place in the text at the top; keeps the scroll inside `rows` of pane, and carries out
    /// a jump waiting for the layout.
    pub fn layout(
        &mut self,
        width: usize,
        rows: usize,
        query: Option<&Query>,
        render: impl FnOnce(&str) -> Rendered,
    ) {
        if self.rendered.as_ref().is_none_or(|(w, _)| *w != width)
            && let Some(Ok(body)) = &self.body
        {
            let rendered = render(body);
            self.set_rendered(width, rendered);
            self.pictures_laid_out();
        }
        if let Some((_, r)) = &self.rendered {
            self.clamp_scroll(r.lines.len().saturating_sub(rows));
        }
        self.resolve_jump(query, rows);
    }

    /// Scrolls by `delta` lines, the last page ending on the last line.
    pub fn scroll_by(&mut self, delta: isize, rows: usize) {
        let max = self.line_count().saturating_sub(rows);
        self.scroll = self.scroll.saturating_add_signed(delta).min(max);
    }

    /// Every link and image of the body by its label (`3`, `i2`), for the link chooser.
    pub fn links(&self) -> Vec<(String, String)> {
        let Some(r) = self.rendered() else {
            return Vec::new();
        };
        let links = r
            .links
            .iter()
            .enumerate()
            .map(|(i, u)| ((i + 1).to_string(), u.clone()));
        let images = r
            .images
            .iter()
            .enumerate()
            .map(|(i, u)| (format!("i{}", i + 1), u.clone()));
        links.chain(images).collect()
    }

    /// Moves to the next (or previous) line holding a match of `query`, two lines of context
    /// above it; false when there is none that way.
    pub fn step_match(&mut self, query: &Query, forward: bool, rows: usize) -> bool {
        let lines = self
            .rendered()
            .map(|r| match_lines(query, &r.lines))
            .unwrap_or_default();
        let here = self.match_line;
        let next = if forward {
            lines.iter().copied().find(|&l| here.is_none_or(|h| l > h))
        } else {
            lines
                .iter()
                .rev()
                .copied()
                .find(|&l| here.is_some_and(|h| l < h))
        };
        let Some(line) = next else { return false };
        self.match_line = Some(line);
        self.scroll = line
            .saturating_sub(2)
            .min(self.line_count().saturating_sub(rows));
        true
    }

    /// Asks to land on the first or last match once the body is laid out.
    pub fn jump_to(&mut self, jump: Jump) {
        self.jump = Some(jump);
        self.match_line = None;
    }

    fn resolve_jump(&mut self, query: Option<&Query>, rows: usize) {
        let (Some(jump), Some((_, rendered)), Some(query)) = (self.jump, &self.rendered, query)
        else {
            return;
        };
        let lines = match_lines(query, &rendered.lines);
        let target = match jump {
            Jump::FirstMatch => lines.first(),
            Jump::LastMatch => lines.last(),
        };
        if let Some(&line) = target {
            self.match_line = Some(line);
            self.scroll = line
                .saturating_sub(2)
                .min(rendered.lines.len().saturating_sub(rows));
        }
        self.jump = None;
    }
}

/// Lines of `lines` that hold a match of `query`.
pub fn match_lines(query: &Query, lines: &[Line]) -> Vec<usize> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !query.find_in_line(&l.text()).is_empty())
        .map(|(i, _)| i)
        .collect()
}
