//! The catalog: every article the reader knows, under stable ids, with the index kept in step
//! with it — store keys, the order of the live ones (newest first unless the user sorts
//! otherwise), their paths and category groups — and the incremental sort that keeps key
//! presses quick during a large load.
//!
//! Ids are indices into the library's articles. They are stable: articles are only appended
//! or replaced in place, so a selection or an open article survives loading and file changes.
//! Applying a loader event is cheap; re-sorting happens once per batch ([`Catalog::settle`]),
//! or a slice of one at a time, the first to arrive first. A file the watcher reports changed
//! or removed is placed alone too (taken out, merged back where it now sorts): a million
//! articles are sorted whole only when the user picks another order, or when a large share
//! of them changed at once.

use super::groups::{Group, Groups, Passing};
use super::path_index::PathIndex;
use super::sorting::Sorting;
use crate::library::loader::{LoadEvent, replace_problems};
use crate::library::order::SortOrder;
use crate::library::{Article, Filter, Library};
use crate::store::{KeyText, key_hash, key_text};
use std::path::{Path, PathBuf};

/// Progress of the background load, for the status bar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Loading {
    pub found: usize,
    pub done: usize,
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
    /// Ids added since then (merged into `order` cheaply).
    pending_new: Vec<usize>,
    /// Ids replaced or removed since then, in the order it happened (repeats and pending ids
    /// among them: [`Catalog::settle`] sorts that out).
    changed: Vec<usize>,
    sorting: Sorting,
    /// See [`Catalog::reshaped`].
    reshaped: u64,
    /// What each settled article replaced or removed since the last settle was (its first
    /// change), so that counts over the articles can be corrected rather than made again;
    /// `None` when that is no use: the articles grouped again, or more changed than a
    /// recount costs.
    former: Option<Vec<Former>>,
    /// `reshaped` at the last settle: where `former` starts.
    settled_shape: u64,
    /// See [`Catalog::generation`].
    generation: u64,
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
            changed: Vec::new(),
            sorting,
            reshaped: 0,
            former: Some(Vec::new()),
            settled_shape: 0,
            generation: 0,
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
        self.reshaped += 1;
        self.former = None;
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

    /// The category group and the folder of article `id` (indices into
    /// [`Catalog::groups_and_folders`]).
    pub fn group_of(&self, id: usize) -> (u32, u32) {
        self.group_of[id]
    }

    /// Every category group and every folder articles were met in.
    pub fn groups_and_folders(&self) -> (&[Group], &[Vec<String>]) {
        (&self.groups.list, &self.groups.folders)
    }

    /// How many category groups and folders there are.
    pub fn group_and_folder_count(&self) -> (usize, usize) {
        (self.groups.list.len(), self.groups.folders.len())
    }

    /// Changes whenever an article is replaced, removed or grouped again: what was counted
    /// over the articles before is then to be counted afresh. Articles only appended leave it
    /// as it is (they are counted on their own, from [`Catalog::settled_len`] on).
    pub fn reshaped(&self) -> u64 {
        self.reshaped
    }

    /// Ids below this are in `order` (or gone); those from it on arrived since the last
    /// [`Catalog::settle`]. New ids are always the latest, so they are a tail.
    pub fn settled_len(&self) -> usize {
        self.library.articles.len() - self.pending_new.len()
    }

    /// Takes in one loader or watcher event. Call [`Catalog::settle`] before drawing.
    pub fn apply(&mut self, event: LoadEvent) -> Arrived {
        let mut arrived = Arrived::default();
        match event {
            LoadEvent::Expect(n) => self.expect(n),
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
                        self.note_former(id, None);
                        let hash = self.by_path.hash(&self.library.articles[id].path);
                        self.by_path.remove(hash, id);
                        self.alive[id] = false;
                        self.changed.push(id);
                        self.reshaped += 1;
                    }
                    self.library.problems.retain(|p| !p.path.starts_with(&path));
                }
                // A file that held nothing (a temporary file renamed away) changes nothing.
                if !self.changed.is_empty() || self.library.problems.len() != held {
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

    /// Room for `n` more articles, made at once (see [`LoadEvent::Expect`]). Not in the path
    /// index: its shards grow in small steps already, and a million ids' room made at once
    /// spread the first batch's inserts over untouched pages (a page fault each: 17-25 ms).
    fn expect(&mut self, n: usize) {
        self.library.articles.reserve(n);
        self.keys.reserve(n);
        self.alive.reserve(n);
        self.group_of.reserve(n);
        self.order.reserve(n);
        self.sorting.reserve(n);
    }

    /// The id of the live article read from `path`.
    fn id_of(&self, path: &Path) -> Option<usize> {
        let articles = &self.library.articles;
        (self.by_path).get(self.by_path.hash(path), |id| *articles[id].path == *path)
    }

    /// Adds an article, or replaces the one read earlier from the same file (same id, so the
    /// selection and an open reader stay on it); returns the id when it replaced one.
    fn upsert(&mut self, article: Article) -> Option<usize> {
        let key = key_hash(&article);
        let group = self.groups.intern(&article);
        match self.id_of(&article.path) {
            Some(id) => {
                self.sorting.set(id, &article, &self.library.roots);
                let old = std::mem::replace(&mut self.library.articles[id], article);
                self.note_former(id, Some(old));
                self.keys[id] = key;
                self.group_of[id] = group;
                self.alive[id] = true;
                self.changed.push(id);
                self.reshaped += 1;
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

    /// Notes what settled article `id` is before it changes (`old`: the article it was, when
    /// it is replaced), once between settles: see `former`. A pending article needs nothing:
    /// it is counted once settled, as it is then.
    fn note_former(&mut self, id: usize, old: Option<Article>) {
        let settled = self.settled_len();
        let Some(former) = self.former.as_mut() else {
            return;
        };
        if id >= settled || former.iter().any(|f| f.id == id) {
            return;
        }
        if former.len() == MOST_FORMER {
            self.former = None;
            return;
        }
        former.push(Former {
            id,
            group: self.group_of[id],
            key: self.keys[id],
            article: old,
        });
    }

    /// Sorts what arrived into `order`, the first `most` of the new articles (the rest stay
    /// pending, still a tail of the ids: [`Catalog::settled_len`]) and every replacement and
    /// removal; `None` when nothing arrived (then nothing changed).
    ///
    /// Replaced and removed articles are taken out of `order` (one pass, no comparisons) and
    /// the replaced ones merged back with the new where they sort now
    /// ([`Catalog::merge_into`]): at a million articles a file the watcher reports is then a
    /// copy of part of the list, where sorting the whole was most of a frame's budget. When
    /// more than a [`FULL_SORT_SHARE`]th of the list changed (a folder removed, a large
    /// pull), one full sort is the cheaper. Ids still pending need nothing of that: their
    /// merge places them by what they are now, and leaves a removed one out.
    pub fn settle(&mut self, most: usize) -> Option<Settled> {
        if !self.dirty {
            return None;
        }
        let from = self.generation;
        let was = (self.former.replace(Vec::new())).map(|former| Was {
            shape: self.settled_shape,
            former,
        });
        self.settled_shape = self.reshaped;
        let settled = self.settled_len();
        let mut dropped = std::mem::take(&mut self.changed);
        dropped.retain(|&id| id < settled);
        dropped.sort_unstable();
        dropped.dedup();
        if dropped.len() > (self.order.len() / FULL_SORT_SHARE).max(FEW_CHANGED) {
            self.sort_all();
            return Some(Settled::Resorted);
        }
        if !dropped.is_empty() {
            let n = self.library.articles.len();
            self.order.retain(IdSet::of(&dropped, n).lacks());
        }
        // The replaced ones go back in; `merge_pending` leaves the removed out.
        let new = self.merge_pending(most, dropped.clone());
        Some(Settled::Merged {
            from,
            dropped,
            new,
            was,
        })
    }

    /// Where article `id` is in `list` (ids in the list's order: `order`, or a list filtered
    /// from it), by a binary search: finding the selection again in a million rows took a
    /// millisecond walking them. A list filtered while a replacement waits to be settled is
    /// out of order around it, so a miss is looked for the long way; an article gone is in
    /// no list once settled.
    pub fn position(&self, list: &[usize], id: usize) -> Option<usize> {
        if !self.alive.get(id).copied().unwrap_or(false) {
            return None;
        }
        let articles = &self.library.articles;
        let at = list.partition_point(|&o| self.sorting.compare(articles, o, id).is_lt());
        match list.get(at) == Some(&id) {
            true => Some(at),
            false => list.iter().position(|&i| i == id),
        }
    }

    /// Changes whenever `order` does: a list filtered from `order` at one generation can
    /// take in a [`Settled::Merged`] from that generation alone.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Rebuilds `order` from the live articles, in the current order.
    fn sort_all(&mut self) {
        let articles = &self.library.articles;
        let mut order: Vec<usize> = (0..articles.len()).filter(|&i| self.alive[i]).collect();
        order.sort_by(|&a, &b| self.sorting.compare(articles, a, b));
        self.order = order;
        self.pending_new.clear();
        self.changed.clear();
        self.dirty = false;
        self.generation += 1;
    }

    /// Merges the first `most` newly added ids and the `moved` ones (replaced, out of
    /// `order`) into the sorted `order`; returns them, sorted.
    fn merge_pending(&mut self, most: usize, mut new: Vec<usize>) -> Vec<usize> {
        match most < self.pending_new.len() {
            true => new.extend(self.pending_new.drain(..most)),
            false => new.append(&mut self.pending_new),
        }
        // Removed (before they were settled, or from `order` this settle): in no list.
        new.retain(|&id| self.alive[id]);
        let articles = &self.library.articles;
        new.sort_by(|&a, &b| self.sorting.compare(articles, a, b));
        let mut order = std::mem::take(&mut self.order);
        self.merge_into(&mut order, &new);
        self.order = order;
        self.dirty = !self.pending_new.is_empty();
        self.generation += 1;
        new
    }

    /// Merges `new` (ids sorted in the list's order) into `list` (ids in that order too),
    /// each after those it does not sort before, as a full sort would place them. In place
    /// and proportional to the batch in comparisons (a galloping search each, from where the
    /// last one ended): only the ids after the first insertion move, as whole runs. A batch
    /// of a large load is then a copy of part of the list, not a comparison per article of
    /// the library; a batch that sorts after the whole list (a warm start sends its cached
    /// articles newest first) costs one comparison an article.
    pub fn merge_into(&self, list: &mut Vec<usize>, new: &[usize]) {
        let articles = &self.library.articles;
        let before = |n: usize, o: usize| self.sorting.compare(articles, n, o).is_lt();
        let mut end = list.len();
        list.resize(end + new.len(), 0);
        let mut write = list.len();
        for &n in new.iter().rev() {
            let at = place_from_end(&list[..end], |o| before(n, o));
            let run = end - at;
            list.copy_within(at..end, write - run);
            write -= run + 1;
            list[write] = n;
            end = at;
        }
    }
}

/// `sorted.partition_point(|&o| !after(o))` (where `after` holds for a suffix of `sorted`:
/// the ids a new one sorts before), looked for from the end ([`crate::gallop`]): a new id
/// that goes last is placed at once.
fn place_from_end(sorted: &[usize], mut after: impl FnMut(usize) -> bool) -> usize {
    sorted.len() - crate::gallop::trailing(sorted.len(), |i| after(sorted[i]))
}

/// A settle sorts everything again when more than this share of the list (1/16) changed.
const FULL_SORT_SHARE: usize = 16;

/// ... and never for this many changes or fewer, whatever the list's length: merging them is
/// cheap in any list (and so small lists take the same path as large ones).
const FEW_CHANGED: usize = 64;

/// Counts are corrected for at most this many changed articles between settles (see
/// `Catalog::former`); for more, counting afresh (a few milliseconds at a million) is as quick.
const MOST_FORMER: usize = 1024;

/// What [`Catalog::settle`] did to `order`.
#[derive(Debug)]
pub enum Settled {
    /// Sorted afresh (very many articles replaced or removed at once).
    Resorted,
    /// The ids of `dropped` (replaced or removed; by id, each once) taken out of the order of
    /// generation `from`, then `new` (in the list's order: arrivals, and the replaced ones
    /// placed again) merged in.
    Merged {
        from: u64,
        dropped: Vec<usize>,
        new: Vec<usize>,
        /// What the articles of `dropped` were, when known.
        was: Option<Was>,
    },
}

/// The settled articles replaced or removed since the catalog's [`Catalog::reshaped`] was
/// `shape`, as they were then: what counts made over the articles at that shape counted, to
/// be taken out of them (see [`super::tally::Tally::correct`]).
#[derive(Debug)]
pub struct Was {
    pub shape: u64,
    pub former: Vec<Former>,
}

/// One article of a [`Was`]: its id, category group and folder, and store key then.
#[derive(Debug)]
pub struct Former {
    pub id: usize,
    pub group: (u32, u32),
    key: u64,
    /// The article it was, if it was replaced since (else it is the catalog's, unchanged).
    article: Option<Article>,
}

impl Former {
    /// The article as it was.
    pub fn article<'a>(&'a self, catalog: &'a Catalog) -> &'a Article {
        self.article
            .as_ref()
            .unwrap_or(&catalog.library.articles[self.id])
    }

    /// Its key in the store then.
    pub fn key(&self) -> KeyText {
        key_text(self.key)
    }
}

/// A set of article ids as bits, id for id: what a pass over a million-id list asks of each
/// id, answered from a table small enough to stay in cache.
pub struct IdSet(Vec<u64>);

impl IdSet {
    /// An empty set for ids below `n`.
    pub fn new(n: usize) -> IdSet {
        IdSet(vec![0; n.div_ceil(64)])
    }

    /// The set of `ids` (each below `n`).
    pub fn of(ids: &[usize], n: usize) -> IdSet {
        let mut set = IdSet::new(n);
        for &id in ids {
            set.insert(id);
        }
        set
    }

    pub fn insert(&mut self, id: usize) {
        self.0[id / 64] |= 1 << (id % 64);
    }

    pub fn contains(&self, id: usize) -> bool {
        self.0[id / 64] >> (id % 64) & 1 == 1
    }

    /// Whether an id is not in the set, for `retain`.
    pub fn lacks(&self) -> impl FnMut(&usize) -> bool + '_ {
        |&id| !self.contains(id)
    }
}

#[cfg(test)]
mod tests {
    use super::place_from_end;

    #[test]
    fn placing_from_the_end_agrees_with_a_binary_search() {
        let sorted: Vec<usize> = (0..40).map(|i| i / 3 * 2).collect();
        for len in 0..sorted.len() {
            let list = &sorted[..len];
            for n in 0..30 {
                let after = |o: usize| n < o;
                let expected = list.partition_point(|&o| !after(o));
                assert_eq!(place_from_end(list, after), expected, "{n} into {len}");
            }
        }
    }
}
