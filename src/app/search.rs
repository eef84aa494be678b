//! Searching from the reader: `/` opens a line; each key filters the list by title, author and
//! category at once (an in-memory index); Enter adds the full text, scanned by the event loop
//! in the background, results arriving as messages and joining the list as they are found;
//! Esc cancels and restores the list. This is the search's own state; the view runs it.

use super::line_edit::{Edit, LineEdit, Outcome};
use crate::search::{Event, Query};
use crate::zone::Zone;
use chrono::NaiveDate;

#[derive(Default)]
pub struct SearchState {
    line: LineEdit,
    /// The search line has the keyboard.
    editing: bool,
    /// The last query that parsed (an empty one matches everything).
    query: Option<Query>,
    error: Option<String>,
    /// Per article id: the query holds on its metadata and key filters alone.
    meta: Vec<bool>,
    /// What `meta` was worked out for: the line's text, and the catalog's article count and
    /// [`Catalog::reshaped`](super::catalog::Catalog::reshaped) then.
    meta_for: Option<(String, usize, u64)>,
    /// Per article id: found by the full-text scan.
    body: Vec<bool>,
    /// A full-text scan was asked for and has not reported `Done`.
    scanning: bool,
    /// (done, total) of the running scan; `None` when none runs.
    progress: Option<(usize, usize)>,
    /// Set once Enter ran a full-text search for the current query.
    full_text: bool,
    matched: Option<usize>,
}

impl SearchState {
    /// A new search, its line open for typing.
    pub fn new() -> SearchState {
        SearchState {
            editing: true,
            ..SearchState::default()
        }
    }

    pub fn line(&self) -> &LineEdit {
        &self.line
    }

    pub fn editing(&self) -> bool {
        self.editing
    }

    pub fn set_editing(&mut self, editing: bool) {
        self.editing = editing;
    }

    /// Why the typed query is not understood.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    pub fn query(&self) -> Option<&Query> {
        self.query.as_ref()
    }

    pub fn scanning(&self) -> bool {
        self.scanning
    }

    /// (done, total) of the running scan.
    pub fn progress(&self) -> Option<(usize, usize)> {
        self.progress
    }

    /// How many articles the finished full-text scan matched.
    pub fn matched(&self) -> Option<usize> {
        self.matched
    }

    /// Whether article `id` is shown under this search.
    pub fn passes(&self, id: usize) -> bool {
        match &self.query {
            Some(q) if !q.is_empty() => {
                // A word excluded with `-` may be in a body the metadata pass could not see:
                // then the scan's answer (which includes the articles settled without
                // reading) is the only one.
                let meta = self.meta.get(id).copied().unwrap_or(false)
                    && !(self.full_text && q.excludes_words());
                meta || (self.full_text && self.body.get(id).copied().unwrap_or(false))
            }
            _ => true,
        }
    }

    /// The query when it has words to look for (what the reader highlights).
    pub fn active_query(&self) -> Option<&Query> {
        self.query.as_ref().filter(|q| q.has_words())
    }

    /// A typed edit: the search line takes every character.
    pub fn edit(&mut self, edit: Edit) -> Option<Outcome> {
        self.line.apply(edit, |_, _| true)
    }

    /// The line changed: any full-text result is dropped and the line parsed again (days
    /// counted in `zone`, `today` for counts back). True when it parsed (then the metadata
    /// hits are due).
    pub fn reparse(&mut self, zone: Zone, today: NaiveDate) -> bool {
        self.scanning = false;
        self.progress = None;
        self.full_text = false;
        self.body.clear();
        self.matched = None;
        match Query::parse(self.line.text(), |d| zone.start_of_day(d), today) {
            Ok(q) => {
                self.error = None;
                self.query = Some(q);
                true
            }
            Err(e) => {
                self.error = Some(e);
                false
            }
        }
    }

    /// The metadata matches of the line as it is now, over `articles` articles of a catalog
    /// shaped `reshaped`.
    pub fn set_meta_hits(&mut self, meta: Vec<bool>, articles: usize, reshaped: u64) {
        self.meta = meta;
        self.meta_for = Some((self.line.text().to_string(), articles, reshaped));
    }

    /// A search walk begins: no article matches until the walk finds it.
    pub fn clear_meta_hits(&mut self, articles: usize) {
        self.meta.clear();
        self.meta.resize(articles, false);
        self.meta_for = None;
    }

    /// The walk found article `id` to match on metadata.
    pub fn set_meta_hit(&mut self, id: usize) {
        if self.meta.len() <= id {
            // Arrived since the walk began.
            self.meta.resize(id + 1, false);
        }
        self.meta[id] = true;
    }

    /// How far the walk is down the list (the status bar shows it as a search's progress).
    pub fn set_walk_progress(&mut self, done: usize, total: usize) {
        self.progress = Some((done, total));
    }

    /// The walk reached the end of the list: the matches are complete, for `articles`
    /// articles of a catalog shaped `reshaped`.
    pub fn walked(&mut self, articles: usize, reshaped: u64) {
        self.meta.resize(articles, false);
        self.progress = None;
        self.meta_for = Some((self.line.text().to_string(), articles, reshaped));
    }

    /// The metadata matches already worked out when every match of the line as it is now is
    /// among them: the line only grew since, both it and what it was are plain words (each
    /// a part of a title, author or category: a longer word, or one more, can only match
    /// fewer), and the articles are the same. Typing a word then narrows the last key's
    /// matches instead of searching the library again.
    pub fn narrowing(&self, articles: usize, reshaped: u64) -> Option<&[bool]> {
        let (was, n, shape) = self.meta_for.as_ref()?;
        let now = self.line.text();
        let same = *n == articles && *shape == reshaped;
        (same && now.starts_with(was.as_str()) && plain_words(was) && plain_words(now))
            .then_some(&self.meta)
    }

    /// A full-text scan of `total` candidates among `articles` starts.
    pub fn begin_full_text(&mut self, articles: usize, total: usize) {
        self.body = vec![false; articles];
        self.full_text = true;
        self.progress = Some((0, total));
        self.matched = None;
        self.scanning = true;
    }

    /// Takes in what the scan reports; true when the list must be filtered again.
    pub fn apply(&mut self, event: Event) -> bool {
        match event {
            Event::Found(ids) => {
                for id in ids {
                    if let Some(slot) = self.body.get_mut(id) {
                        *slot = true;
                    }
                }
                return true;
            }
            Event::Progress { done, total } => self.progress = Some((done, total)),
            Event::Done { matched, .. } => {
                self.progress = None;
                self.scanning = false;
                self.matched = Some(matched);
            }
        }
        false
    }
}

/// Whether `text` is words and nothing else of the query language: no quotes, no `-`, no
/// `key:`, no `OR` (whose meaning a longer text can change: `a O` → `a OR`).
fn plain_words(text: &str) -> bool {
    !text.contains(['"', '“', '”', ':', '-']) && !text.split_whitespace().any(|w| w == "OR")
}
