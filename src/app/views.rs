//! Saved views in the reader: the named queries of the configuration (and those saved since
//! start), with the articles each matches, for the tree's Views section.
//!
//! A view matches as the search line does on metadata (title, author, categories, tags, and
//! the query's keys: `cat:`, `source:`, `is:`, dates…), not the bodies: counting must not
//! read files.
//! Matches are found once per article as it arrives (ids only grow), so a recount after a
//! change of read state or a batch of a large load is a pass over each view's matches, not
//! a search of the library. Saving the current filter as a view asks a name here
//! ([`ViewPrompt`]); the event loop writes it into the configuration file.

use super::catalog::Catalog;
use super::line_edit::{Edit, LineEdit, Outcome};
use super::tree::Counts;
use crate::config::SavedView;
use crate::search::Query;
use crate::store::Store;
use crate::zone::Zone;
use chrono::NaiveDate;

struct Entry {
    view: SavedView,
    /// `None` when the query does not parse (a view written by hand since start): it
    /// matches nothing rather than everything.
    query: Option<Query>,
    /// Ids of the articles it matches, among the first `checked`.
    ids: Vec<usize>,
    /// Articles `0..checked` have been matched against this view. An article read again
    /// from its changed file keeps its id and is not matched again until the reader starts
    /// over (its count may lag; applying the view searches afresh).
    checked: usize,
}

#[derive(Default)]
pub struct SavedViews {
    list: Vec<Entry>,
    /// The day counts back (`since:7d`) start from: the reader's today.
    today: NaiveDate,
}

impl SavedViews {
    pub fn new(views: &[SavedView], zone: Zone, today: NaiveDate) -> SavedViews {
        let mut saved = SavedViews {
            list: Vec::new(),
            today,
        };
        for v in views {
            saved.add(v.clone(), zone, today);
        }
        saved
    }

    /// Adds a view, or gives the one of the same name its new query; its matches are found
    /// at the next count (the other views keep theirs).
    pub fn add(&mut self, view: SavedView, zone: Zone, today: NaiveDate) {
        self.today = today;
        let query = Query::parse(&view.query, |d| zone.start_of_day(d), today).ok();
        let entry = Entry {
            view,
            query,
            ids: Vec::new(),
            checked: 0,
        };
        match self
            .list
            .iter_mut()
            .find(|e| e.view.name == entry.view.name)
        {
            Some(e) => *e = entry,
            None => self.list.push(entry),
        }
    }

    /// The day the views' counts back start from.
    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// The query of the view called `name`.
    pub fn query(&self, name: &str) -> Option<&str> {
        let entry = self.list.iter().find(|e| e.view.name == name)?;
        Some(&entry.view.query)
    }

    /// Each view's name with (total, unread) of the live articles it matches, in order.
    pub fn counts(&mut self, catalog: &Catalog, store: &Store) -> Vec<(String, Counts)> {
        self.catch_up(catalog, store);
        let check_read = !store.is_empty();
        self.list
            .iter()
            .map(|e| {
                let mut c = Counts::default();
                for &id in e.ids.iter().filter(|&&id| catalog.is_alive(id)) {
                    c.0 += 1;
                    c.1 += usize::from(!check_read || !store.get(&catalog.key(id)).read);
                }
                (e.view.name.clone(), c)
            })
            .collect()
    }

    /// Matches the articles that arrived since the last count against every view. A view
    /// whose query asks for reading state (`is:`) is matched afresh each time, since that
    /// state changes under it.
    fn catch_up(&mut self, catalog: &Catalog, store: &Store) {
        let articles = catalog.articles();
        let state = |id, _: &_| store.get(&catalog.key(id));
        let cx = super::view::query_context(catalog, &state);
        for e in &mut self.list {
            if let Some(q) = &e.query {
                if q.asks_reading_state() {
                    e.ids.clear();
                    e.checked = 0;
                }
                let new = articles.iter().enumerate().skip(e.checked);
                e.ids.extend(
                    new.filter(|&(id, a)| q.matches_meta_with(id, a, &cx, q.meta_hits(a)))
                        .map(|(id, _)| id),
                );
            }
            e.checked = articles.len();
        }
    }
}

/// The window that asks a name for the view being saved, holding the query it will save.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewPrompt {
    query: String,
    line: LineEdit,
    error: Option<String>,
    /// A filter in force that the query cannot hold (the folder), said in the window.
    left_out: Option<&'static str>,
}

impl ViewPrompt {
    pub fn new(query: String, left_out: Option<&'static str>) -> ViewPrompt {
        ViewPrompt {
            query,
            left_out,
            ..ViewPrompt::default()
        }
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    /// What the view will not keep of the current filters.
    pub fn left_out(&self) -> Option<&str> {
        self.left_out
    }

    pub fn line(&self) -> &LineEdit {
        &self.line
    }

    /// Why Enter did not save (no name typed).
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// A typed edit: any printable character goes into the name; Esc is `back`, which
    /// closes the window.
    pub fn edit(&mut self, edit: Edit) -> Option<Outcome> {
        if edit == Edit::Cancel {
            return None;
        }
        let outcome = self.line.apply(edit, |_, c| !c.is_control())?;
        if outcome == Outcome::Changed {
            self.error = None;
        }
        Some(outcome)
    }

    /// Enter: the view to save, or `None` (and a word in the window) with no name.
    pub fn submit(&mut self) -> Option<SavedView> {
        let name = self.line.text().trim();
        if name.is_empty() {
            self.error = Some("type a name for the view".into());
            return None;
        }
        Some(SavedView {
            name: name.to_string(),
            query: self.query.clone(),
        })
    }
}
