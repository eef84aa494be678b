//! The preview: while the list (or tree) has focus, the reader pane shows the selected article
//! from its top, read-only — not marked read, its reading position untouched.
//!
//! Moving the selection must stay as fast as without a preview, and laying out a long article
//! takes milliseconds (tens of them for a 40 kB one), so neither the read nor the layout
//! happens in `update`: a [`PreviewJob`] goes out as an effect, whoever carries it out reads
//! and lays the body out (the event loop on a worker that takes only the latest job), and the
//! result comes back as a [`Prepared`] for the article still selected — or is dropped.

use super::ReaderState;
use crate::library::{Article, Origin};
use crate::store::Position;
use crate::text::Rendered;
use std::path::Path;

/// What the reader pane is asked to preview: an article, and the width it was asked at.
#[derive(Debug, Clone)]
pub struct Preview {
    shown: ReaderState,
    /// The text width the latest job was asked for; another width asks again.
    asked: usize,
}

impl Preview {
    /// Article `article`, from the top, its layout asked for at `width`.
    pub fn new(article: usize, width: usize) -> Preview {
        Preview {
            shown: ReaderState::new(article, Position::Top),
            asked: width,
        }
    }

    pub fn article(&self) -> usize {
        self.shown.article()
    }

    /// What the pane draws: the header until the body is laid out.
    pub fn shown(&self) -> &ReaderState {
        &self.shown
    }

    /// To scroll the preview (the mouse wheel over it); never saved.
    pub fn shown_mut(&mut self) -> &mut ReaderState {
        &mut self.shown
    }

    pub fn asked(&self) -> usize {
        self.asked
    }

    pub fn ask(&mut self, width: usize) {
        self.asked = width;
    }

    /// A prepared body arrived: shown if it is this article's (a stale one is dropped); true
    /// when it was taken.
    pub fn take(&mut self, prepared: Prepared) -> bool {
        if prepared.article != self.article() {
            return false;
        }
        let width = prepared.width;
        self.shown
            .set_prepared(prepared.body, prepared.rendered.map(|r| (width, r)));
        true
    }

    /// Gives `reader` (opening this same article) the body already read and laid out, so
    /// Enter on a previewed article shows it at once; false while the body is not in (or
    /// could not be read: opening reads it again).
    pub fn hand_over(self, reader: &mut ReaderState) -> bool {
        let ReaderState { body, rendered, .. } = self.shown;
        match body {
            Some(Ok(text)) => {
                reader.set_prepared(Ok(text), rendered);
                true
            }
            _ => false,
        }
    }
}

/// The work of a preview: read the body of `article` and lay it out at `width`. The slow part
/// runs wherever the job is carried out ([`PreviewJob::finish`]), never in `update`.
#[derive(Debug, Clone)]
pub struct PreviewJob {
    pub article: usize,
    pub width: usize,
    pub origin: Origin,
    /// The article's metadata, for the header above the body.
    meta: Article,
    /// The article's date as the reader shows it (in its zone).
    date: String,
}

impl PreviewJob {
    pub fn new(article: usize, width: usize, origin: Origin, meta: Article, date: String) -> Self {
        PreviewJob {
            article,
            width,
            origin,
            meta,
            date,
        }
    }

    /// The file to read.
    pub fn path(&self) -> &Path {
        &self.meta.path
    }

    /// The body as read (or why it could not be) laid out at the job's width, ready for
    /// [`crate::app::Msg::Preview`].
    pub fn finish(self, read: anyhow::Result<String>) -> Prepared {
        let body = read.map_err(|e| super::super::msg::read_error(&e));
        let rendered = body
            .as_ref()
            .ok()
            .map(|b| crate::article_view::render(&self.meta, b, self.width, &self.date));
        Prepared {
            article: self.article,
            width: self.width,
            body,
            rendered,
        }
    }
}

/// A previewed article's body, read and laid out off the key path.
#[derive(Debug)]
pub struct Prepared {
    pub article: usize,
    /// The text width it was laid out at.
    pub width: usize,
    /// The body, or why it could not be read.
    pub body: Result<String, String>,
    /// The body laid out at `width`, when it could be read.
    pub rendered: Option<Rendered>,
}
