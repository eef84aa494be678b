//! Articles arriving while the reader runs: from the background load, the cache check and the
//! folder watcher. Applying an event is cheap; re-sorting and re-filtering happen once per
//! batch of events ([`AppState::settle`]), so key presses stay quick during a large load.

use super::state::{AppState, Loading};
use crate::library::loader::{LoadEvent, replace_problems};
use crate::library::{Article, sort_key};
use crate::store::article_key;
use std::path::Path;

impl AppState {
    /// Takes in one loader or watcher event. Call [`AppState::settle`] before drawing.
    pub fn apply_load(&mut self, event: LoadEvent) {
        match event {
            LoadEvent::Progress { found, done } => self.loading = Some(Loading { found, done }),
            LoadEvent::Articles(articles, problems) => {
                replace_problems(&mut self.library.problems, &articles, problems);
                for article in articles {
                    self.upsert(article);
                }
                self.order_dirty = true;
            }
            LoadEvent::Removed(paths) => {
                let held = self.library.problems.len();
                for path in paths {
                    // A removed folder takes every article below it along.
                    let gone: Vec<_> = match self.by_path.contains_key(path.as_os_str()) {
                        true => vec![path.clone().into_os_string()],
                        false => self
                            .by_path
                            .keys()
                            .filter(|p| Path::new(p).starts_with(&path))
                            .cloned()
                            .collect(),
                    };
                    for p in gone {
                        if let Some(id) = self.by_path.remove(&p) {
                            self.alive[id] = false;
                            self.resort = true;
                        }
                    }
                    self.library.problems.retain(|p| !p.path.starts_with(&path));
                }
                // A file that held nothing (a temporary file renamed away) changes nothing.
                if self.resort || self.library.problems.len() != held {
                    self.order_dirty = true;
                }
            }
            LoadEvent::Done {
                files_seen,
                ignored,
                cache_note,
                ..
            } => {
                self.loading = None;
                self.library.files_seen = files_seen;
                self.library.files_ignored = ignored;
                if cache_note.is_some() {
                    self.message = cache_note;
                } else if let Some(note) = self.category_note() {
                    self.message = Some(note);
                }
            }
        }
    }

    /// Adds an article, or replaces the one read earlier from the same file (same id, so the
    /// selection and an open reader stay on it).
    fn upsert(&mut self, article: Article) {
        let key = article_key(&article);
        let group = self.groups.intern(&article);
        match self.by_path.get(article.path.as_os_str()) {
            Some(&id) => {
                self.library.articles[id] = article;
                self.keys[id] = key;
                self.group_of[id] = group;
                self.alive[id] = true;
                self.resort = true;
                if let Some(r) = self.reader.as_mut().filter(|r| r.article == id) {
                    // Read the changed body again on the next frame; the scroll stays.
                    r.body = None;
                    r.rendered = None;
                }
            }
            None => {
                let id = self.library.articles.len();
                self.by_path
                    .insert(article.path.clone().into_os_string(), id);
                self.library.articles.push(article);
                self.keys.push(key);
                self.group_of.push(group);
                self.alive.push(true);
                self.pending_new.push(id);
            }
        }
    }

    /// Re-sorts and re-filters after events were applied; a no-op when nothing arrived.
    /// Until the user has moved, the selection goes to the top: the newest article, which
    /// the load may well deliver last.
    pub fn settle(&mut self) {
        if !self.order_dirty {
            return;
        }
        if self.resort {
            self.sort_order();
        } else {
            self.merge_pending();
        }
        self.refilter();
        if self.follow_top {
            self.selected = 0;
            self.keep_selection_in_view();
        }
    }

    /// Runs one input of the user's. Once an input moves the selection, changes what the list
    /// shows (a filter, a search) or opens an article, the selection is the user's: it stops
    /// following the top and stays on their article as others arrive.
    pub fn by_hand<T>(&mut self, input: impl FnOnce(&mut Self) -> T) -> T {
        if !self.follow_top {
            return input(self);
        }
        let view = |s: &Self| {
            (
                s.selected_article(),
                s.reader.as_ref().map(|r| r.article),
                s.search.is_some(),
            )
        };
        let (before, visible) = (view(self), self.visible.clone());
        let out = input(self);
        if view(self) != before || self.visible != visible {
            self.follow_top = false;
        }
        out
    }

    /// Rebuilds `order` from the live articles, newest first.
    pub fn sort_order(&mut self) {
        let articles = &self.library.articles;
        let mut order: Vec<usize> = (0..articles.len()).filter(|&i| self.alive[i]).collect();
        order.sort_by(|&a, &b| sort_key(&articles[a], &articles[b]));
        self.order = order;
        self.pending_new.clear();
        self.resort = false;
        self.order_dirty = false;
    }

    /// Merges the newly added ids into the sorted `order`: linear in the library, where a
    /// full sort would be n log n on every batch of a large load.
    fn merge_pending(&mut self) {
        let articles = &self.library.articles;
        let mut new = std::mem::take(&mut self.pending_new);
        new.sort_by(|&a, &b| sort_key(&articles[a], &articles[b]));
        let old = std::mem::take(&mut self.order);
        let mut merged = Vec::with_capacity(old.len() + new.len());
        let (mut i, mut j) = (0, 0);
        while i < old.len() && j < new.len() {
            if sort_key(&articles[new[j]], &articles[old[i]]).is_lt() {
                merged.push(new[j]);
                j += 1;
            } else {
                merged.push(old[i]);
                i += 1;
            }
        }
        merged.extend_from_slice(&old[i..]);
        merged.extend_from_slice(&new[j..]);
        self.order = merged;
        self.order_dirty = false;
    }
}
