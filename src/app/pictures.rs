//! The open article's pictures between the state and the event loop: what to ask for after
//! each update, and what to do with what comes back (see `reader/pictures.rs` for where
//! they go in the text).

use super::msg::{Effect, Fit};
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
        let catalog = &self.catalog;
        let Some(reader) = self.screen.reader_mut() else {
            return Vec::new();
        };
        let article = reader.article();
        reader
            .pictures_to_ask(fit)
            .into_iter()
            .map(|(n, src)| Effect::LoadPicture {
                article,
                path: catalog.article(article).path.clone(),
                n,
                src,
                fit,
            })
            .collect()
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
                    r.set_picture(n, fit, picture);
                }
            }
            Ok(None) => {}
            Err(problem) => self.catalog.add_problem(problem),
        }
    }
}
