//! Searching from the reader: `/` opens a line; each key filters the list by title, author and
//! category at once (an in-memory index); Enter adds the full text, scanned in the background,
//! results joining the list as they are found; Esc cancels and restores the list.

use super::state::AppState;
use crate::search::{Event, MetaIndex, Query, Scan};

#[derive(Default)]
pub struct SearchState {
    pub input: String,
    /// The search line has the keyboard.
    pub editing: bool,
    /// The last query that parsed (an empty one matches everything).
    pub query: Option<Query>,
    pub error: Option<String>,
    /// Per article id: every term found in its metadata (and the query's filters pass).
    pub meta: Vec<bool>,
    /// Per article id: found by the full-text scan.
    pub body: Vec<bool>,
    pub scan: Option<Scan>,
    /// (done, total) of the running scan; `None` when none runs.
    pub progress: Option<(usize, usize)>,
    /// Set once Enter ran a full-text search for the current query.
    pub full_text: bool,
    pub matched: Option<usize>,
}

impl SearchState {
    /// Whether article `id` is shown under this search.
    pub fn passes(&self, id: usize) -> bool {
        match &self.query {
            Some(q) if !q.is_empty() || !q.filter.is_empty() => {
                self.meta.get(id).copied().unwrap_or(false)
                    || (self.full_text && self.body.get(id).copied().unwrap_or(false))
            }
            _ => true,
        }
    }

    /// The query when it has words to look for (what the reader highlights).
    pub fn active_query(&self) -> Option<&Query> {
        self.query.as_ref().filter(|q| !q.is_empty())
    }
}

impl AppState {
    /// `/`: opens the search line (again, on the current search, to edit it).
    pub fn start_search(&mut self) {
        match &mut self.search {
            Some(s) => s.editing = true,
            None => {
                self.search = Some(SearchState {
                    editing: true,
                    ..SearchState::default()
                })
            }
        }
        self.focus = super::state::Focus::List;
    }

    /// The search line changed: parse it and filter on metadata at once.
    pub fn search_typed(&mut self) {
        let Some(s) = self.search.as_mut() else {
            return;
        };
        s.scan = None;
        s.progress = None;
        s.full_text = false;
        s.body.clear();
        s.matched = None;
        let zone = self.zone;
        match Query::parse(&s.input, |d| zone.start_of_day(d)) {
            Ok(q) => {
                s.error = None;
                s.query = Some(q);
            }
            Err(e) => {
                s.error = Some(e);
                return;
            }
        }
        self.refresh_meta_hits();
        self.refilter();
    }

    /// Recomputes which articles match on metadata (after typing, or when articles arrived).
    pub fn refresh_meta_hits(&mut self) {
        let Some(s) = self.search.as_mut() else {
            return;
        };
        let Some(q) = &s.query else { return };
        let n = self.library.articles.len();
        if self.meta_index.as_ref().is_none_or(|ix| ix.len() != n) {
            self.meta_index = Some(MetaIndex::new(&self.library.articles));
        }
        let index = self.meta_index.as_ref().expect("built above");
        let all = q.all_terms();
        let hits = index.hits(q);
        s.meta = self
            .library
            .articles
            .iter()
            .zip(&hits)
            .map(|(a, &h)| h == all && q.filter.matches(a))
            .collect();
    }

    /// Enter on the search line: scan the bodies of the articles the other filters show.
    pub fn run_full_text(&mut self) {
        let Some(s) = self.search.as_mut() else {
            return;
        };
        s.editing = false;
        let Some(q) = s.query.clone() else { return };
        if q.is_empty() {
            return;
        }
        let n = self.library.articles.len();
        if self.meta_index.as_ref().is_none_or(|ix| ix.len() != n) {
            self.meta_index = Some(MetaIndex::new(&self.library.articles));
        }
        let hits = self.meta_index.as_ref().expect("built above").hits(&q);
        let filter = self.filter();
        let mut candidates = q.candidates_from(&self.library.articles, &hits);
        candidates.retain(|c| {
            self.alive[c.id]
                && filter.matches(&self.library.articles[c.id])
                && self.passes_state(c.id)
        });
        let total = candidates.len();
        let s = self.search.as_mut().expect("checked above");
        s.body = vec![false; n];
        s.full_text = true;
        s.progress = Some((0, total));
        s.matched = None;
        s.scan = Some(crate::search::spawn(self.library.origin, candidates, q));
    }

    /// Takes in what the background scan found.
    pub fn apply_search_event(&mut self, event: Event) {
        let Some(s) = self.search.as_mut() else {
            return;
        };
        match event {
            Event::Found(ids) => {
                for id in ids {
                    if let Some(slot) = s.body.get_mut(id) {
                        *slot = true;
                    }
                }
                self.refilter();
            }
            Event::Progress { done, total } => s.progress = Some((done, total)),
            Event::Done { matched, .. } => {
                s.progress = None;
                s.scan = None;
                s.matched = Some(matched);
            }
        }
    }

    /// Events waiting from the running scan, if any.
    pub fn pending_search_events(&self) -> Vec<Event> {
        self.search
            .as_ref()
            .and_then(|s| s.scan.as_ref())
            .map(|scan| scan.events.try_iter().collect())
            .unwrap_or_default()
    }

    /// Esc: no more search; the list is as it was.
    pub fn cancel_search(&mut self) {
        self.search = None;
        self.refilter();
    }
}
