//! The catalog: every article the reader knows, under stable ids, with the index kept in step
//! with it — store keys, the order of the live ones (newest first unless the user sorts
//! otherwise), their paths and category groups — and the incremental sort that keeps key
//! presses quick during a large load.
//!
//! Ids are indices into the library's articles. They are stable: articles are only appended
//! or replaced in place, so a selection or an open article survives loading and file changes.
//! Applying a loader event is cheap; re-sorting happens once per batch ([`Catalog::settle`]).

use super::groups::{Group, Groups, Passing};
use super::path_index::PathIndex;
use super::sorting::Sorting;
use super::tree::Counts;
use crate::library::loader::{LoadEvent, replace_problems};
use crate::library::order::SortOrder;
use crate::library::{Article, Filter, Library};
use crate::store::{KeyText, Store, key_hash, key_text};
use std::path::{Path, PathBuf};

/// Progress of the background load, for the status bar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Loading {
    pub found: usize,
    pub done: usize,
}

/// (total, unread) of the articles of each category group and each folder, for the tree.
pub struct GroupCounts<'a> {
    pub groups: Vec<(&'a Group, Counts)>,
    pub folders: Vec<(&'a [String], Counts)>,
}

/// What a loader event changed that the rest of the state must answer.
#[derive(Debug, Default)]
pub struct Arrived {
    /// Ids whose article was replaced by a newer reading of its file.
    pub replaced: Vec<usize>,
    /// The load finished.
    pub done: bool,
    /// The load finished with a word about the cache.
    pub note: Option<String>,
}

pub struct Catalog {
    library: Library,
    /// `store` keys of the articles, id for id, as numbers ([`key_text`] gives the text).
    keys: Vec<u64>,
    /// Ids of the articles still present, in the order of `sorting`.
    order: Vec<usize>,
    /// False for articles whose file is gone.
    alive: Vec<bool>,
    /// Ids of the live articles by file path.
    by_path: PathIndex,
    groups: Groups,
    /// The category group and the folder of each article, id for id.
    group_of: Vec<(u32, u32)>,
    /// Set while the library is still being read.
    loading: Option<Loading>,
    /// Articles arrived (or went) since `order` was last sorted.
    dirty: bool,
    /// Ids added since then (merged into `order` cheaply); replacements and removals need
    /// `resort` instead.
    pending_new: Vec<usize>,
    resort: bool,
    sorting: Sorting,
}

impl Catalog {
    pub fn new(library: Library, by: SortOrder) -> Catalog {
        let keys = library.articles.iter().map(key_hash).collect();
        let mut by_path = PathIndex::default();
        for (id, a) in library.articles.iter().enumerate() {
            by_path.insert(by_path.hash(&a.path), id);
        }
        let mut groups = Groups::default();
        let group_of = library.articles.iter().map(|a| groups.intern(a)).collect();
        let alive = vec![true; library.articles.len()];
        let sorting = Sorting::new(by, &library.articles, &library.roots);
        let mut catalog = Catalog {
            library,
            keys,
            order: Vec::new(),
            alive,
            by_path,
            groups,
            group_of,
            loading: None,
            dirty: true,
            pending_new: Vec::new(),
            resort: true,
            sorting,
        };
        catalog.sort_all();
        catalog
    }

    /// Folders are counted below `roots`, the folders the library is read from (the tree's
    /// Folders section); set before the articles arrive, or they are grouped again here.
    pub fn set_roots(&mut self, roots: Vec<PathBuf>) {
        let mut groups = Groups::with_roots(roots);
        self.group_of = self
            .library
            .articles
            .iter()
            .map(|a| groups.intern(a))
            .collect();
        self.groups = groups;
    }

    pub fn library(&self) -> &Library {
        &self.library
    }

    /// Every article ever read, by id (including those whose file is gone).
    pub fn articles(&self) -> &[Article] {
        &self.library.articles
    }

    pub fn article(&self, id: usize) -> &Article {
        &self.library.articles[id]
    }

    /// The article's key in the store.
    pub fn key(&self, id: usize) -> KeyText {
        key_text(self.keys[id])
    }

    /// Ids of the live articles, in the list's order ([`Catalog::sort_order`]).
    pub fn order(&self) -> &[usize] {
        &self.order
    }

    /// The order the list is in.
    pub fn sort_order(&self) -> SortOrder {
        self.sorting.by()
    }

    /// Puts the articles in another order (at once: this is the user asking, not a batch of
    /// a load; the caller filters again).
    pub fn set_sort_order(&mut self, by: SortOrder) {
        if self.sorting.by() != by {
            let library = &self.library;
            self.sorting.set_by(by, &library.articles, &library.roots);
            self.sort_all();
        }
    }

    pub fn is_alive(&self, id: usize) -> bool {
        self.alive[id]
    }

    /// The articles whose file is still there, in no particular order.
    pub fn live_articles(&self) -> impl Iterator<Item = &Article> {
        self.library
            .articles
            .iter()
            .zip(&self.alive)
            .filter_map(|(a, &alive)| alive.then_some(a))
    }

    pub fn loading(&self) -> Option<Loading> {
        self.loading
    }

    /// Articles arrived since the last [`Catalog::settle`].
    pub fn needs_settle(&self) -> bool {
        self.dirty
    }

    /// A problem found outside the load (a broken picture), once per path and reason.
    pub fn add_problem(&mut self, problem: crate::library::Problem) {
        if !self.library.problems.contains(&problem) {
            self.library.problems.push(problem);
        }
    }

    /// The folders between the library root and article `id`'s file (empty: in the root).
    pub fn folder(&self, id: usize) -> &[String] {
        &self.groups.folders[self.group_of[id].1 as usize]
    }

    /// Which articles pass `filter`'s category and lie in `folder`: see [`Catalog::passes`].
    pub fn passing(&self, filter: &Filter, folder: &[String]) -> Passing {
        self.groups.passing(filter, folder)
    }

    /// Whether article `id` passes the category and folder `passing` was made for.
    pub fn passes(&self, passing: &Passing, id: usize) -> bool {
        passing.passes(self.group_of[id])
    }

    /// Problems count for the status bar: (errors, warnings).
    pub fn problem_counts(&self) -> (usize, usize) {
        let errors = self.library.unreadable();
        (errors, self.library.problems.len() - errors)
    }

    /// Each group of articles, and each folder, with how many of its live articles pass
    /// `dates` and how many of those are unread: what the tree's counts are summed from.
    pub fn group_counts<'a>(&'a self, dates: &Filter, store: &Store) -> GroupCounts<'a> {
        let mut counts = vec![(0usize, 0usize); self.groups.list.len()];
        let mut folders = vec![(0usize, 0usize); self.groups.folders.len()];
        let no_dates = dates.is_empty();
        let check_read = !store.is_empty();
        for &i in &self.order {
            if no_dates || dates.matches_date(&self.library.articles[i]) {
                let unread = usize::from(!check_read || !store.get(&self.key(i)).read);
                let (group, folder) = self.group_of[i];
                for c in [&mut counts[group as usize], &mut folders[folder as usize]] {
                    c.0 += 1;
                    c.1 += unread;
                }
            }
        }
        let with = |(n, unread)| Counts(n, unread);
        GroupCounts {
            groups: self
                .groups
                .list
                .iter()
                .zip(counts.into_iter().map(with))
                .collect(),
            folders: (self.groups.folders.iter())
                .map(Vec::as_slice)
                .zip(folders.into_iter().map(with))
                .collect(),
        }
    }

    /// Takes in one loader or watcher event. Call [`Catalog::settle`] before drawing.
    pub fn apply(&mut self, event: LoadEvent) -> Arrived {
        let mut arrived = Arrived::default();
        match event {
            LoadEvent::Progress { found, done } => self.loading = Some(Loading { found, done }),
            LoadEvent::Articles(articles, problems) => {
                replace_problems(&mut self.library.problems, &articles, problems);
                for article in articles {
                    arrived.replaced.extend(self.upsert(article));
                }
                self.dirty = true;
            }
            LoadEvent::Removed(paths) => {
                let held = self.library.problems.len();
                for path in paths {
                    // A removed folder takes every article below it along.
                    let gone: Vec<usize> = match self.id_of(&path) {
                        Some(id) => vec![id],
                        None => (0..self.alive.len())
                            .filter(|&id| {
                                self.alive[id] && self.library.articles[id].path.starts_with(&path)
                            })
                            .collect(),
                    };
                    for id in gone {
                        let hash = self.by_path.hash(&self.library.articles[id].path);
                        self.by_path.remove(hash, id);
                        self.alive[id] = false;
                        self.resort = true;
                    }
                    self.library.problems.retain(|p| !p.path.starts_with(&path));
                }
                // A file that held nothing (a temporary file renamed away) changes nothing.
                if self.resort || self.library.problems.len() != held {
                    self.dirty = true;
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
                arrived.done = true;
                arrived.note = cache_note;
            }
        }
        arrived
    }

    /// The id of the live article read from `path`.
    fn id_of(&self, path: &Path) -> Option<usize> {
        let articles = &self.library.articles;
        (self.by_path).get(self.by_path.hash(path), |id| articles[id].path == path)
    }

    /// Adds an article, or replaces the one read earlier from the same file (same id, so the
    /// selection and an open reader stay on it); returns the id when it replaced one.
    fn upsert(&mut self, article: Article) -> Option<usize> {
        let key = key_hash(&article);
        let group = self.groups.intern(&article);
        match self.id_of(&article.path) {
            Some(id) => {
                self.sorting.set(id, &article, &self.library.roots);
                self.library.articles[id] = article;
                self.keys[id] = key;
                self.group_of[id] = group;
                self.alive[id] = true;
                self.resort = true;
                Some(id)
            }
            None => {
                let id = self.library.articles.len();
                let hash = self.by_path.hash(&article.path);
                self.by_path.insert(hash, id);
                self.sorting.set(id, &article, &self.library.roots);
                self.library.articles.push(article);
                self.keys.push(key);
                self.group_of.push(group);
                self.alive.push(true);
                self.pending_new.push(id);
                None
            }
        }
    }

    /// Sorts what arrived into `order`; false when nothing did (then nothing changed).
    pub fn settle(&mut self) -> bool {
        if !self.dirty {
            return false;
        }
        if self.resort {
            self.sort_all();
        } else {
            self.merge_pending();
        }
        true
    }

    /// Rebuilds `order` from the live articles, in the current order.
    fn sort_all(&mut self) {
        let articles = &self.library.articles;
        let mut order: Vec<usize> = (0..articles.len()).filter(|&i| self.alive[i]).collect();
        order.sort_by(|&a, &b| self.sorting.compare(articles, a, b));
        self.order = order;
        self.pending_new.clear();
        self.resort = false;
        self.dirty = false;
    }

    /// Merges the newly added ids into the sorted `order`: linear in the library, where a
    /// full sort would be n log n on every batch of a large load.
    fn merge_pending(&mut self) {
        let articles = &self.library.articles;
        let mut new = std::mem::take(&mut self.pending_new);
        let cmp = |a: usize, b: usize| self.sorting.compare(articles, a, b);
        new.sort_by(|&a, &b| cmp(a, b));
        let old = std::mem::take(&mut self.order);
        let mut merged = Vec::with_capacity(old.len() + new.len());
        let (mut i, mut j) = (0, 0);
        while i < old.len() && j < new.len() {
            if cmp(new[j], old[i]).is_lt() {
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
        self.dirty = false;
    }
}
