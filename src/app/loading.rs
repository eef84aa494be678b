//! Articles arriving while the reader runs: from the background load, the cache check and the
//! folder watcher. Applying an event is cheap; re-sorting and re-filtering happen once per
//! batch of events ([`AppState::settle`]), so key presses stay quick during a large load.

use super::state::{AppState, Loading};
use crate::library::loader::LoadEvent;
use crate::library::{Article, sort_key};
use crate::store::article_key;

impl AppState {
    /// Takes in one loader or watcher event. Call [`AppState::settle`] before drawing.
    pub fn apply_load(&mut self, event: LoadEvent) {
        match event {
            LoadEvent::Progress { found, done } => self.loading = Some(Loading { found, done }),
            LoadEvent::Articles(articles, problems) => {
                let paths: std::collections::HashSet<_> =
                    articles.iter().map(|a| a.path.clone()).collect();
                if !paths.is_empty() {
                    self.library.problems.retain(|p| !paths.contains(&p.path));
                }
                self.library.problems.extend(problems);
                for article in articles {
                    self.upsert(article);
                }
                self.order_dirty = true;
            }
            LoadEvent::Removed(paths) => {
                for path in paths {
                    // A removed folder takes every article below it along.
                    let gone: Vec<_> = match self.by_path.contains_key(&path) {
                        true => vec![path.clone()],
                        false => self
                            .by_path
                            .keys()
                            .filter(|p| p.starts_with(&path))
                            .cloned()
                            .collect(),
                    };
                    for p in gone {
                        if let Some(id) = self.by_path.remove(&p) {
                            self.alive[id] = false;
                        }
                    }
                    self.library.problems.retain(|p| !p.path.starts_with(&path));
                }
                self.order_dirty = true;
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
                }
            }
        }
    }

    /// Adds an article, or replaces the one read earlier from the same file (same id, so the
    /// selection and an open reader stay on it).
    fn upsert(&mut self, article: Article) {
        let key = article_key(&article);
        match self.by_path.get(&article.path) {
            Some(&id) => {
                self.library.articles[id] = article;
                self.keys[id] = key;
                self.alive[id] = true;
                if let Some(r) = self.reader.as_mut().filter(|r| r.article == id) {
                    // Read the changed body again on the next frame; the scroll stays.
                    r.body = None;
                    r.rendered = None;
                }
            }
            None => {
                let id = self.library.articles.len();
                self.by_path.insert(article.path.clone(), id);
                self.library.articles.push(article);
                self.keys.push(key);
                self.alive.push(true);
            }
        }
    }

    /// Re-sorts and re-filters after events were applied; a no-op when nothing arrived.
    pub fn settle(&mut self) {
        if self.order_dirty {
            self.sort_order();
            self.refilter();
        }
    }

    /// Rebuilds `order` from the live articles, newest first.
    pub fn sort_order(&mut self) {
        let articles = &self.library.articles;
        let mut order: Vec<usize> = (0..articles.len()).filter(|&i| self.alive[i]).collect();
        order.sort_by(|&a, &b| sort_key(&articles[a], &articles[b]));
        self.order = order;
        self.order_dirty = false;
    }
}
