//! The reader's whole state, with no I/O: owned parts, each keeping its own invariants
//! behind methods — the [`Catalog`] of articles, the [`View`] (filters, list, selection,
//! tree, search), the [`Screen`] (focus, windows, open article, pane areas, message), the
//! [`Settings`] and the [`Store`] of reading state. `update` changes it in answer to
//! messages; `ui/` only reads it, through the accessors here.

use super::catalog::{Catalog, Settled};
use super::msg::Effect;
use super::overlay::Overlay;
use super::reader::ReaderState;
use super::reader::preview::{Preview, PreviewJob};
use super::screen::{Areas, Focus, Layout, Screen};
use super::settings::Settings;
use super::view::{Filters, View};
use crate::library::Library;
use crate::store::{Entry, Store, Undo};
use ratatui::layout::Rect;

pub struct AppState {
    pub(super) catalog: Catalog,
    pub(super) view: View,
    pub(super) screen: Screen,
    pub(super) settings: Settings,
    /// Read, starred and reading position of every article; saved by the event loop.
    pub(super) store: Store,
    /// What the last mark-all-read changed, for `U`.
    pub(super) undo: Option<Undo>,
}

impl AppState {
    pub fn new(library: Library, store: Store, settings: Settings) -> AppState {
        let mut state = AppState {
            catalog: Catalog::new(library, settings.sort()),
            view: View::default(),
            screen: Screen::default(),
            settings,
            store,
            undo: None,
        };
        let zone = state.settings.zone();
        state
            .view
            .set_saved_views(state.settings.views(), zone, state.settings.today());
        state.refilter();
        state
    }

    /// The state under these filters from the start (the command line's).
    pub fn with_filters(mut self, filters: Filters) -> AppState {
        self.view.set_filters(|f| *f = filters);
        self.refilter();
        self
    }

    /// A search walks down the list this many rows a step (see `View::step_search`): tests
    /// make it small to walk a small library.
    #[doc(hidden)]
    pub fn with_search_step(mut self, rows: usize) -> AppState {
        self.view.set_walk_step(rows);
        self
    }

    /// The folders the library is read from, so the tree can list the folders below them.
    pub fn with_roots(mut self, roots: Vec<std::path::PathBuf>) -> AppState {
        self.catalog.set_roots(roots);
        self.refilter();
        self
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    pub fn view(&self) -> &View {
        &self.view
    }

    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The store, for the event loop to save (the state itself never writes files).
    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// The reading state of article `id`.
    pub fn entry(&self, id: usize) -> Entry {
        self.store.get(&self.catalog.key(id))
    }

    pub fn layout(&self) -> Layout {
        self.settings.layout(self.screen.size().0)
    }

    /// Where the panes go in `area`, as `update` laid them out for the terminal's size.
    pub fn areas_for(&self, area: Rect) -> Areas {
        super::screen::areas(
            area,
            self.settings.layout(area.width),
            self.screen.focus(),
            self.screen.reader().is_some(),
        )
    }

    /// "No such category" when the category filter (from `--category`) matches no live
    /// article; asked once the library is loaded, so a typo is not just an empty list.
    pub fn category_note(&self) -> Option<String> {
        let filter = self.view.filters().filter(self.settings.zone());
        filter.unknown_category(self.catalog.live_articles())
    }

    pub(super) fn refilter(&mut self) {
        let zone = self.settings.zone();
        self.view.refilter(&self.catalog, &self.store, zone);
        self.recount_timeline();
    }

    /// Takes in what settling the catalog did (see [`View::settled`]).
    pub(super) fn settled(&mut self, settled: &Settled) {
        let zone = self.settings.zone();
        (self.view).settled(settled, &self.catalog, &self.store, zone);
        self.recount_timeline();
    }

    fn recount_timeline(&mut self) {
        let zone = self.settings.zone();
        // Articles still loading, or full-text hits arriving, change what the open date
        // window counts; it is counted again until the user starts moving over it.
        if let Some(Overlay::DateFilter(prompt)) = self.screen.overlay_mut()
            && !prompt.on_timeline()
        {
            prompt.set_timeline(self.view.timeline(&self.catalog, &self.store, zone));
        }
    }

    pub(super) fn refresh_counts(&mut self) {
        self.view
            .refresh_counts(&self.catalog, &self.store, self.settings.zone());
    }

    /// Opening marks the article read and returns to where its reading stopped; a newly
    /// opened article's body is to be read.
    pub(super) fn open(&mut self, id: usize) -> Option<Effect> {
        if !self.entry(id).read {
            self.store.set_read(&self.catalog.key(id), true);
            self.refresh_counts();
        }
        if self.screen.reader().is_some_and(|r| r.article() == id) {
            return None;
        }
        let mut reader = ReaderState::new(id, self.entry(id).pos);
        let previewed = self.screen.take_preview().filter(|p| p.article() == id);
        let handed_over = previewed.is_some_and(|p| p.hand_over(&mut reader));
        self.screen.set_reader(reader);
        (!handed_over).then(|| self.ask_for_body(id))
    }

    /// After every message: the article the reader pane should preview — the selected one,
    /// while the preview is on, the pane is on screen, the reader has no focus and the
    /// selection is not the open article — and the job that prepares it when it is new (or
    /// wanted at a new width). Cheap: the read and the layout happen in the job.
    pub(super) fn sync_preview(&mut self) -> Option<Effect> {
        let want = self
            .screen
            .areas()
            .reader
            .filter(|_| self.settings.preview() && self.screen.focus() != Focus::Reader)
            .zip(self.view.selected_article())
            .filter(|&(_, id)| self.screen.reader().is_none_or(|r| r.article() != id));
        let Some((pane, id)) = want else {
            self.screen.set_preview(None);
            return None;
        };
        let width = reader_text_width(pane);
        match self.screen.preview_mut() {
            Some(p) if p.article() == id && p.asked() == width => return None,
            Some(p) if p.article() == id => p.ask(width),
            _ => self.screen.set_preview(Some(Preview::new(id, width))),
        }
        let article = self.catalog.article(id);
        Some(Effect::Preview(PreviewJob::new(
            id,
            width,
            self.catalog.library().origin,
            article.clone(),
            self.settings.zone().format_date(article.when()),
        )))
    }

    /// The effect that asks the event loop for article `id`'s body.
    pub(super) fn ask_for_body(&self, id: usize) -> Effect {
        Effect::ReadBody {
            article: id,
            origin: self.catalog.library().origin,
            path: self.catalog.article(id).path.to_path_buf(),
        }
    }

    /// Remembers the open article's place in the text (saved with the rest of the state).
    pub fn remember_position(&mut self) {
        if let Some(r) = self.screen.reader() {
            let pos = r.place();
            let key = self.catalog.key(r.article());
            if self.store.get(&key).pos != pos {
                self.store.set_position(&key, pos);
            }
        }
    }

    /// After every message: the panes laid out for the terminal's size, the selections on
    /// screen, and the open article laid out at the reader pane's width (again only when
    /// that width changed).
    pub(super) fn relayout(&mut self) {
        self.screen.relayout(self.layout());
        self.view
            .keep_in_view(self.screen.list_rows(), self.screen.tree_rows());
        let Some(pane) = self.screen.areas().reader else {
            return;
        };
        let width = reader_text_width(pane);
        let rows = self.screen.reader_rows();
        let zone = self.settings.zone();
        let query = self.view.active_query();
        let catalog = &self.catalog;
        if let Some(reader) = self.screen.reader_mut() {
            let article = catalog.article(reader.article());
            reader.layout(width, rows, query, |body| {
                crate::article_view::render(article, body, width, &zone.format_date(article.when()))
            });
        }
    }
}

/// The widest measure the reader sets text at: longer lines are hard to follow, whatever
/// the terminal's width (100 columns: 50 Chinese characters, about 15 English words).
pub const MAX_MEASURE: usize = 100;

/// The width the reader renders the body at, for a reader pane of this size.
pub fn reader_text_width(pane: Rect) -> usize {
    usize::from(pane.width.saturating_sub(2)).clamp(1, MAX_MEASURE)
}
