//! The open article's pictures between the state and the event loop: what to ask for after
//! each update, and what to do with what comes back (see `reader/pictures.rs` for where
//! they go in the text).

use super::action::Action;
use super::msg::{Effect, Fit};
use super::overlay::{LinkChooser, Overlay};
use super::state::{AppState, reader_text_width};
use crate::library::Problem;
use crate::picture::{Mode, Picture};

impl AppState {
    /// Effects asking for the open article's pictures not yet asked for at the pane's size.
    pub(super) fn ask_for_pictures(&mut self) -> Vec<Effect> {
        if self.settings.images() == Mode::Off {
            return Vec::new();
        }
        let Some(pane) = self.screen.areas().reader else {
            return Vec::new();
        };
        let fit = super::reader::fit_for(reader_text_width(pane), self.screen.reader_rows());
        // The picture window covers the screen but its border and the status bar.
        let shown = match self.screen.overlay() {
            Some(Overlay::Picture { n }) => Some(*n),
            _ => None,
        };
        let (cols, rows) = self.screen.size();
        let full = (cols.saturating_sub(2).max(1), rows.saturating_sub(3).max(1));
        let catalog = &self.catalog;
        let Some(reader) = self.screen.reader_mut() else {
            return Vec::new();
        };
        let article = reader.article();
        let mut asks = reader.pictures_to_ask(fit);
        let mut fits = vec![fit; asks.len()];
        if let Some(n) = shown
            && let Some(src) = reader.full_picture_to_ask(n, full)
        {
            asks.push((n, src));
            fits.push(full);
        }
        asks.into_iter()
            .zip(fits)
            .map(|((n, src), fit)| Effect::LoadPicture {
                article,
                path: catalog.article(article).path.to_path_buf(),
                n,
                src,
                fit,
            })
            .collect()
    }

    /// `i` or Enter in the reader: the picture on screen (drawn or its placeholder), alone.
    pub(super) fn view_picture(&mut self) {
        let rows = self.screen.reader_rows();
        match self.screen.reader().and_then(|r| r.picture_on_screen(rows)) {
            Some(n) => self.screen.set_overlay(Some(Overlay::Picture { n })),
            None => self.screen.say("no picture on screen"),
        }
    }

    /// Choosing a picture found on disk (`i2`) in the link window shows it alone rather than
    /// opening its URL; copying still copies. False when the choice is not a picture to show.
    pub(super) fn show_chosen_picture(
        &mut self,
        chooser: &LinkChooser,
        entries: &[(String, String)],
    ) -> bool {
        if chooser.copy() || self.settings.images() == Mode::Off {
            return false;
        }
        let Some((label, _)) = chooser.pick(entries) else {
            return false;
        };
        let Some(n) = label.strip_prefix('i').and_then(|n| n.parse().ok()) else {
            return false;
        };
        // One not found on disk is opened by its URL, as a link is.
        if !self.screen.reader().is_some_and(|r| r.has_picture(n)) {
            return false;
        }
        self.screen.set_overlay(Some(Overlay::Picture { n }));
        true
    }

    /// A picture arrived: it takes its place if its article is still open; a broken one is a
    /// problem (its placeholder stays).
    pub(super) fn on_picture(
        &mut self,
        article: usize,
        n: u32,
        fit: Fit,
        picture: Result<Option<Picture>, Problem>,
    ) {
        match picture {
            Ok(Some(picture)) => {
                if let Some(r) = self.screen.reader_mut().filter(|r| r.article() == article) {
                    r.set_full_picture(n, fit, picture.clone());
                    r.set_picture(n, fit, picture);
                }
            }
            Ok(None) => {}
            Err(problem) => self.catalog.add_problem(problem),
        }
    }
}

/// How a key steps through the pictures in the picture window: the reader's next and
/// previous article, or a line down and up.
pub(super) fn step(action: Action) -> Option<i64> {
    match action {
        Action::NextArticle | Action::Down | Action::PageDown => Some(1),
        Action::PrevArticle | Action::Up | Action::PageUp => Some(-1),
        _ => None,
    }
}
