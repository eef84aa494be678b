//! The view: which articles the list shows and which is selected — the filters (category,
//! days, unread and starred only, the search), the visible list they leave, the selection
//! and scroll of the list and the tree. It reads the catalog and the store, never changes
//! them.

use super::catalog::{Catalog, IdSet, Settled};
use super::dates::DayRange;
use super::groups::Passing;
use super::line_edit::{Edit, Outcome};
use super::msg::Effect;
use super::search::SearchState;
use super::tally::Tally;
use super::timeline::Timeline;
use super::tree::{NodeKind, Tree};
use super::views::SavedViews;
use crate::config::SavedView;
use crate::library::{Article, Filter};
use crate::search::{Context, Event, Known, MetaIndex, Query, Verdict};
use crate::store::{Entry, Store};
use crate::zone::Zone;
use chrono::NaiveDate;

/// The filters the list is under, besides the search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// A category path (an element for a flat category or a tag); empty: every category.
    pub category: Vec<String>,
    /// A folder below the library root (the tree's Folders section); empty: every folder.
    pub folder: Vec<String>,
    pub days: Option<DayRange>,
    pub unread_only: bool,
    pub starred_only: bool,
}

impl Filters {
    /// The library filter for category and days, days counted in `zone`.
    pub fn filter(&self, zone: Zone) -> Filter {
        let mut f = Filter {
            category: self.category.clone(),
            ..Filter::default()
        };
        if let Some(days) = self.days {
            f.set_days(days.from, days.to, |d| zone.start_of_day(d));
        }
        f
    }

    /// The unread-only and starred-only switches.
    fn passes_state(&self, id: usize, catalog: &Catalog, store: &Store) -> bool {
        if !self.unread_only && !self.starred_only {
            return true;
        }
        let e = store.get(&catalog.key(id));
        (!self.unread_only || !e.read) && (!self.starred_only || e.starred)
    }
}

#[derive(Default)]
pub struct View {
    filters: Filters,
    /// Ids of the articles that pass the filters, newest first.
    visible: Vec<usize>,
    /// Index into `visible`.
    selected: usize,
    list_offset: usize,
    tree: Tree,
    /// The saved views the tree lists, with what each matches.
    saved: SavedViews,
    search: Option<SearchState>,
    /// The metadata index searches use, built on the first search (and again when articles
    /// were added, replaced or removed since), with the catalog's `reshaped` count it was
    /// built at.
    meta_index: Option<(MetaIndex, u64)>,
    /// Set once the user moved the selection, changed what the list shows or opened an
    /// article; until then the selection follows the top of the list while newer articles
    /// arrive above it.
    moved_by_user: bool,
    /// Set when a full-text search starts, cleared once the user moves or opens an article:
    /// until then the selection stays on the first result as results arrive, whatever
    /// order the scan (or the index) finds them in.
    results_follow: bool,
    /// The catalog's [`Catalog::generation`] the list was filtered from (`None`: filter
    /// afresh before taking in a merge).
    filtered_at: Option<u64>,
    /// The tree's counts, kept until what they count changes.
    tally: Tally,
    /// A metadata search being walked down the list a step at a time (see
    /// [`View::step_search`]); `None` when the list holds every match.
    walk: Option<Walk>,
    /// Rows a step of the walk looks at; 0: [`WALK_STEP`].
    walk_step: usize,
    /// Set when the saved views changed since the tree was last counted.
    views_changed: bool,
}

impl View {
    pub fn filters(&self) -> &Filters {
        &self.filters
    }

    /// Ids of the articles the list shows, in order.
    pub fn visible(&self) -> &[usize] {
        &self.visible
    }

    /// The selected row of the list.
    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn selected_article(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    /// The first row of the list on screen.
    pub fn list_offset(&self) -> usize {
        self.list_offset
    }

    pub fn tree(&self) -> &Tree {
        &self.tree
    }

    pub fn search(&self) -> Option<&SearchState> {
        self.search.as_ref()
    }

    /// The query the reader highlights, while a search has one.
    pub fn active_query(&self) -> Option<&crate::search::Query> {
        self.search.as_ref().and_then(|s| s.active_query())
    }

    /// The search line has the keyboard.
    pub fn search_editing(&self) -> bool {
        self.search.as_ref().is_some_and(|s| s.editing())
    }

    /// The selection stays on the top of the list as articles arrive (the user has not moved).
    pub fn follows_top(&self) -> bool {
        !self.moved_by_user
    }

    /// The selection is the user's from now on: it stays on their article as others arrive.
    pub fn stop_following_top(&mut self) {
        self.moved_by_user = true;
    }

    /// The selection goes to the first result as full-text results arrive (see
    /// `results_follow`).
    pub fn results_follow(&self) -> bool {
        self.results_follow
    }

    /// The user moved during a search: the selection stays where they put it.
    pub fn stop_results_follow(&mut self) {
        self.results_follow = false;
    }

    /// Changes the filters with `change`; the caller filters again.
    pub fn set_filters(&mut self, change: impl FnOnce(&mut Filters)) {
        change(&mut self.filters);
        self.filtered_at = None;
    }

    /// Recomputes the list and the tree counts, keeping the selected article when it still
    /// shows, else the nearest position.
    pub fn refilter(&mut self, catalog: &Catalog, store: &Store, zone: Zone) {
        if self.walk.is_some() {
            return self.begin_walk(catalog, store, zone);
        }
        let keep = self.selected_article();
        // The old list's memory is used again: at a million articles a fresh one costs
        // thousands of page faults per key.
        let mut visible = std::mem::take(&mut self.visible);
        visible.clear();
        if self.search.is_none() && self.filters == Filters::default() {
            // Nothing filters (Esc out of a search, back to everything): the order itself.
            visible.extend_from_slice(catalog.order());
        } else {
            let filter = self.filters.filter(zone);
            let passing = catalog.passing(&filter, &self.filters.folder);
            // Each article is judged in id order, where its group and date lie side by side
            // in memory, into a bit set small enough to stay in cache; the order is then
            // walked against the bits. Judging in the list's order reached all over memory
            // for each article (at a million, most of a filter key's time).
            let n = catalog.articles().len();
            let mut shown = IdSet::new(n);
            for id in 0..n {
                if self.shows(id, &filter, &passing, catalog, store) {
                    shown.insert(id);
                }
            }
            let order = catalog.order().iter().copied();
            visible.extend(order.filter(|&i| shown.contains(i)));
        }
        self.visible = visible;
        self.filtered_at = Some(catalog.generation());
        self.refresh_counts(catalog, store, zone);
        self.keep_selection(keep, catalog);
    }

    /// What [`Catalog::settle`] did to the order the list was filtered from: articles merged
    /// into it join the list where they sort (those of them that pass), and articles replaced
    /// or removed leave it, the replaced ones joining it again where they sort now, so a
    /// batch of a large load or a file the watcher reports costs in proportion to the batch,
    /// not the library; anything else filters again. The tree's counts are corrected for the
    /// articles replaced or removed, not made again.
    pub fn settled(&mut self, settled: &Settled, catalog: &Catalog, store: &Store, zone: Zone) {
        if let Settled::Merged { was: Some(was), .. } = settled {
            (self.tally).correct(catalog, was, &self.count_dates(zone), store);
        }
        let (dropped, new) = match settled {
            Settled::Merged {
                from, dropped, new, ..
            } if self.filtered_at == Some(*from) && self.walk.is_none() => (dropped, new),
            _ => return self.refilter(catalog, store, zone),
        };
        let keep = self.selected_article();
        if !dropped.is_empty() {
            let n = catalog.articles().len();
            self.visible.retain(IdSet::of(dropped, n).lacks());
        }
        let filter = self.filters.filter(zone);
        let passing = catalog.passing(&filter, &self.filters.folder);
        let shown: Vec<usize> = (new.iter().copied())
            .filter(|&i| self.shows(i, &filter, &passing, catalog, store))
            .collect();
        catalog.merge_into(&mut self.visible, &shown);
        self.filtered_at = Some(catalog.generation());
        self.refresh_counts(catalog, store, zone);
        self.keep_selection(keep, catalog);
    }

    /// The selection back on article `keep` when it still shows, else at the nearest row
    /// (the same row, or the last).
    fn keep_selection(&mut self, keep: Option<usize>, catalog: &Catalog) {
        self.selected = match keep.and_then(|k| catalog.position(&self.visible, k)) {
            Some(pos) => pos,
            None => self.selected.min(self.visible.len().saturating_sub(1)),
        };
    }

    /// Starts walking the metadata search down the list from the top (again): the list is
    /// what the first step finds.
    fn begin_walk(&mut self, catalog: &Catalog, store: &Store, zone: Zone) {
        let keep = self.selected_article();
        self.walk = Some(Walk {
            keep,
            row: self.selected,
            ..Walk::default()
        });
        if let Some(s) = self.search.as_mut() {
            s.clear_meta_hits(catalog.articles().len());
        }
        self.visible.clear();
        self.selected = 0;
        self.filtered_at = None;
        self.refresh_counts(catalog, store, zone);
        self.walk_rows(catalog, store, zone, FIRST_ROWS);
    }

    /// A metadata search over a large library is walked down the list: each key looks at the
    /// top of the list until a screenful matches (at a million articles, searching every
    /// title took several frames), and each later step ([`Msg::Settle`]) at the next
    /// [`WALK_STEP`] rows, the list growing at its end, until the whole list is searched.
    /// True while there is more to walk.
    ///
    /// [`Msg::Settle`]: super::msg::Msg::Settle
    pub fn step_search(&mut self, catalog: &Catalog, store: &Store, zone: Zone) -> bool {
        if self.walk.is_some() {
            self.walk_rows(catalog, store, zone, usize::MAX);
        }
        self.walk.is_some()
    }

    /// A search is still being walked down the list.
    pub fn search_walking(&self) -> bool {
        self.walk.is_some()
    }

    /// Sets how many rows a step of a search walk looks at (tests make it small).
    #[doc(hidden)]
    pub fn set_walk_step(&mut self, rows: usize) {
        self.walk_step = rows;
    }

    /// One step of the walk: the next rows of the catalog's order judged and those that pass
    /// added to the list, stopping after a step's rows or once `enough` rows are listed.
    fn walk_rows(&mut self, catalog: &Catalog, store: &Store, zone: Zone, enough: usize) {
        let (Some(mut walk), Some(q)) = (self.walk, self.search.as_ref().and_then(|s| s.query()))
        else {
            self.walk = None;
            return;
        };
        let q = q.clone();
        let filter = self.filters.filter(zone);
        let passing = catalog.passing(&filter, &self.filters.folder);
        let state = |id, _: &_| store.get(&catalog.key(id));
        let cx = query_context(catalog, &state);
        let verdicts = Verdicts::new(&q);
        let order = catalog.order();
        let step = match self.walk_step {
            0 => WALK_STEP,
            n => n,
        };
        let end = walk.at.saturating_add(step).min(order.len());
        let listed = self.visible.len();
        let matching = current_index(&mut self.meta_index, catalog).matching(&q);
        let mut found = Vec::new();
        let mut at = walk.at;
        while at < end && listed + found.len() < enough {
            let id = order[at];
            at += 1;
            let hits = matching.hits_of(id);
            if verdicts.judge(&q, id, catalog.article(id), &cx, hits) {
                found.push(id);
            }
        }
        walk.at = at;
        let search = self.search.as_mut().expect("a walk has a search");
        for &id in &found {
            search.set_meta_hit(id);
        }
        let shown = |id: &usize| {
            catalog.passes(&passing, *id)
                && filter.matches_date(catalog.article(*id))
                && self.filters.passes_state(*id, catalog, store)
        };
        let shown: Vec<usize> = found.into_iter().filter(shown).collect();
        let before = self.visible.get(self.selected).copied();
        self.visible.extend(shown);
        // Unless the user moved meanwhile, the selection goes back to the article it was
        // on as soon as the walk lists it, and until then stays near the row it was on.
        if before != walk.placed {
            walk.keep = None;
        }
        if let Some(keep) = walk.keep {
            match self.visible[listed..].iter().position(|&i| i == keep) {
                Some(pos) => {
                    self.selected = listed + pos;
                    walk.keep = None;
                }
                None => self.selected = walk.row.min(self.visible.len().saturating_sub(1)),
            }
        }
        walk.placed = self.visible.get(self.selected).copied();
        let n = catalog.articles().len();
        let search = self.search.as_mut().expect("a walk has a search");
        if at == order.len() {
            // Articles arrived but not settled yet are in no order: judged here, so that
            // they join the list by their matches when they settle.
            for id in catalog.settled_len()..n {
                let hits = matching.hits_of(id);
                if verdicts.judge(&q, id, catalog.article(id), &cx, hits) {
                    search.set_meta_hit(id);
                }
            }
            search.walked(n, catalog.reshaped());
            self.walk = None;
            self.filtered_at = Some(catalog.generation());
        } else {
            search.set_walk_progress(at, order.len());
            self.walk = Some(walk);
        }
    }

    /// Whether article `id` passes `filter` (its category and folder through `passing`, and
    /// its days), the read and starred switches and the search.
    fn shows(
        &self,
        id: usize,
        filter: &Filter,
        passing: &Passing,
        catalog: &Catalog,
        store: &Store,
    ) -> bool {
        catalog.passes(passing, id)
            && filter.matches_date(catalog.article(id))
            && self.filters.passes_state(id, catalog, store)
            && self.search.as_ref().is_none_or(|s| s.passes(id))
    }

    /// The timeline of the articles every filter but the dates leaves: what the date window
    /// offers to choose from (a date filter already set does not hide the rest of the
    /// archive). Walks every article, so it is built when the window opens, not per frame.
    pub fn timeline(&self, catalog: &Catalog, store: &Store, zone: Zone) -> Timeline {
        let filter = Filter {
            since: None,
            until: None,
            ..self.filters.filter(zone)
        };
        let passing = catalog.passing(&filter, &self.filters.folder);
        let mut days = Vec::new();
        let mut undated = 0;
        for &i in catalog.order() {
            if !self.shows(i, &filter, &passing, catalog, store) {
                continue;
            }
            match catalog.article(i).when() {
                Some(when) => days.push(zone.day(when)),
                None => undated += 1,
            }
        }
        Timeline::new(days, undated)
    }

    /// Recounts the tree (after a change of read state or of the days, articles arriving, a
    /// saved view added); nothing when none of that changed since the last count.
    pub fn refresh_counts(&mut self, catalog: &Catalog, store: &Store, zone: Zone) {
        let counted = self.tally.update(catalog, &self.count_dates(zone), store);
        if !counted && !self.views_changed {
            return;
        }
        self.views_changed = false;
        let views = self.saved.counts(catalog, store);
        self.tree.rebuild(&self.tally.counts(catalog), &views);
    }

    /// The filter the tree counts under: the days alone.
    fn count_dates(&self, zone: Zone) -> Filter {
        Filter {
            category: Vec::new(),
            ..self.filters.filter(zone)
        }
    }

    /// True when the search is the saved view `name`'s query (the tree marks it).
    pub fn is_applied_view(&self, name: &str) -> bool {
        let search = self.search.as_ref().map(|s| s.line().text().trim());
        search.is_some() && search == self.saved.query(name).map(str::trim)
    }

    /// The saved views, from the configuration; the caller counts again.
    pub fn set_saved_views(&mut self, views: &[SavedView], zone: Zone, today: NaiveDate) {
        self.saved = SavedViews::new(views, zone, today);
        self.views_changed = true;
    }

    /// A view saved since start joins the tree (or replaces the one of its name); the caller
    /// counts again.
    pub fn add_saved_view(&mut self, view: SavedView, zone: Zone, today: NaiveDate) {
        self.saved.add(view, zone, today);
        self.views_changed = true;
    }

    /// The current filters as a query a saved view can hold: the search text, `cat:` and
    /// `since:`/`until:`. The folder, unread-only and starred-only have no words in the
    /// query language and are not kept.
    pub fn filter_as_query(&self) -> String {
        let mut words = Vec::new();
        if let Some(s) = self.search.as_ref() {
            words.push(s.line().text().trim().to_string());
        }
        let f = &self.filters;
        if !f.category.is_empty() {
            words.push(quoted("cat:", &f.category.join("/")));
        }
        if let Some(days) = f.days {
            words.extend(days.from.map(|d| format!("since:{d}")));
            words.extend(days.to.map(|d| format!("until:{d}")));
        }
        words.retain(|w| !w.is_empty());
        words.join(" ")
    }

    /// Moves the list's selection by `delta` rows, clamped.
    pub fn move_list(&mut self, delta: isize) {
        self.selected = clamp(self.selected, delta, self.visible.len());
    }

    /// Moves the tree's selection by `delta` rows, clamped.
    pub fn move_tree(&mut self, delta: isize) {
        self.tree.selected = clamp(self.tree.selected, delta, self.tree.visible.len());
    }

    /// Selects row `pos` of the list.
    pub fn select(&mut self, pos: usize) {
        self.selected = pos.min(self.visible.len().saturating_sub(1));
    }

    /// Selects row `pos` of the tree.
    pub fn select_node(&mut self, pos: usize) {
        self.tree.selected = pos.min(self.tree.visible.len().saturating_sub(1));
    }

    pub fn toggle_node(&mut self) {
        self.tree.toggle_selected();
    }

    /// Scrolls the list and the tree so their selected rows are on screen.
    pub fn keep_in_view(&mut self, list_rows: usize, tree_rows: usize) {
        keep_in_view(self.selected, &mut self.list_offset, list_rows);
        let t = &mut self.tree;
        keep_in_view(t.selected, &mut t.offset, tree_rows);
    }

    /// Takes the selected tree node as the filter: a category, a folder, everything, or a
    /// saved view's query in place of the search and the other filters. A heading changes
    /// nothing.
    pub fn apply_tree_selection(
        &mut self,
        catalog: &Catalog,
        store: &Store,
        zone: Zone,
    ) -> Vec<Effect> {
        let Some(node) = self.tree.selected_node() else {
            return Vec::new();
        };
        let (kind, path) = (node.kind, node.path.clone());
        let f = &mut self.filters;
        match kind {
            NodeKind::Heading => return Vec::new(),
            NodeKind::All => (f.category.clear(), f.folder.clear()),
            NodeKind::Folder => (f.category.clear(), f.folder = path),
            NodeKind::View => return self.apply_view(&path[0], catalog, store, zone),
            _ => (f.folder.clear(), f.category = path),
        };
        self.refilter(catalog, store, zone);
        Vec::new()
    }

    /// A saved view: its query becomes the search (on metadata, as typed; Enter on the
    /// search line adds the full text), in place of the category, folder and date filters.
    fn apply_view(
        &mut self,
        name: &str,
        catalog: &Catalog,
        store: &Store,
        zone: Zone,
    ) -> Vec<Effect> {
        let Some(query) = self.saved.query(name).map(str::to_string) else {
            return Vec::new();
        };
        self.set_filters(|f| {
            f.category.clear();
            f.folder.clear();
            f.days = None;
        });
        let mut search = SearchState::new();
        for c in query.chars() {
            search.edit(Edit::Insert(c));
        }
        search.set_editing(false);
        let parsed = search.reparse(zone, self.saved.today());
        self.search = Some(search);
        self.walk = None;
        if parsed {
            self.refresh_meta_hits(catalog, store);
        }
        self.refilter(catalog, store, zone);
        vec![Effect::CancelScan]
    }

    /// An edit of the tree's name filter; `None` when it is not being typed. Enter applies
    /// the selected node, as Enter in the tree does.
    pub fn edit_tree_filter(
        &mut self,
        edit: Edit,
        catalog: &Catalog,
        store: &Store,
        zone: Zone,
    ) -> Option<(Outcome, Vec<Effect>)> {
        let outcome = self.tree.edit_filter(edit)?;
        let effects = match outcome {
            Outcome::Submit => self.apply_tree_selection(catalog, store, zone),
            _ => Vec::new(),
        };
        Some((outcome, effects))
    }

    /// Starts typing a name filter in the tree.
    pub fn start_tree_filter(&mut self) {
        self.tree.start_filter();
    }

    /// Drops the tree's name filter; false when there was none.
    pub fn clear_tree_filter(&mut self) -> bool {
        let had = self.tree.name_filter().is_some();
        self.tree.clear_filter();
        had
    }

    /// `/`: opens the search line (again, on the current search, to edit it).
    pub fn start_search(&mut self) {
        match &mut self.search {
            Some(s) => s.set_editing(true),
            None => self.search = Some(SearchState::new()),
        }
    }

    /// Esc: no more search (the caller filters again); any scan is stopped.
    pub fn cancel_search(&mut self) -> Effect {
        self.search = None;
        self.walk = None;
        Effect::CancelScan
    }

    /// An edit of the search line; `None` when the line does not take it. Typing filters on
    /// metadata at once; Enter starts the full-text scan; Esc cancels.
    pub fn edit_search(
        &mut self,
        edit: Edit,
        catalog: &Catalog,
        store: &Store,
        zone: Zone,
        today: NaiveDate,
    ) -> Option<Vec<Effect>> {
        let outcome = self.search.as_mut()?.edit(edit)?;
        let effects = match outcome {
            Outcome::Moved => Vec::new(),
            Outcome::Changed => {
                let parsed = self.search.as_mut().is_some_and(|s| s.reparse(zone, today));
                if parsed {
                    self.walk = None;
                    self.refresh_meta_hits(catalog, store);
                    self.refilter(catalog, store, zone);
                }
                vec![Effect::CancelScan]
            }
            Outcome::Submit => self.full_text(catalog, store, zone).into_iter().collect(),
            Outcome::Cancel => {
                let effect = self.cancel_search();
                self.refilter(catalog, store, zone);
                vec![effect]
            }
        };
        Some(effects)
    }

    /// The metadata index, built again when articles were added since, or replaced (a file
    /// edited: its title may be another) or removed — the count alone missed those.
    /// Articles only appended since are added to it as they are (a batch of a large load
    /// costs the batch, not a new index of the library).
    fn meta_index(&mut self, catalog: &Catalog) -> &MetaIndex {
        current_index(&mut self.meta_index, catalog)
    }

    /// Recomputes which articles match on metadata and key filters.
    fn refresh_meta_hits(&mut self, catalog: &Catalog, store: &Store) {
        let Some(q) = self.search.as_ref().and_then(|s| s.query().cloned()) else {
            return;
        };
        let (n, reshaped) = (catalog.articles().len(), catalog.reshaped());
        let state = |id, _: &_| store.get(&catalog.key(id));
        let cx = query_context(catalog, &state);
        let verdicts = Verdicts::new(&q);
        let judge = |id: usize, hits: u64| verdicts.judge(&q, id, catalog.article(id), &cx, hits);
        // Earlier matches are checked again one by one, each against its own record of the
        // index; when most articles matched, one pass over the whole index is faster.
        let earlier = (self.search.as_ref())
            .and_then(|s| s.narrowing(n, reshaped))
            .filter(|m| m.iter().filter(|&&m| m).count() < n / 2)
            .map(<[bool]>::to_vec);
        let step = match self.walk_step {
            0 => WALK_STEP,
            n => n,
        };
        if earlier.is_none() && n > step {
            // Left to a walk down the list (`refilter` starts it).
            self.walk = Some(Walk::default());
            return;
        }
        let index = self.meta_index(catalog);
        let meta = match earlier {
            Some(mut meta) => {
                let matching = index.matching(&q);
                for (id, m) in meta.iter_mut().enumerate().filter(|(_, m)| **m) {
                    *m = judge(id, matching.hits_of(id));
                }
                meta
            }
            None => (index.hits(&q).into_iter().enumerate())
                .map(|(id, h)| judge(id, h))
                .collect(),
        };
        if let Some(s) = self.search.as_mut() {
            s.set_meta_hits(meta, n, reshaped);
        }
    }

    /// Enter on the search line: scan the bodies of the articles the other filters show.
    fn full_text(&mut self, catalog: &Catalog, store: &Store, zone: Zone) -> Option<Effect> {
        // The full text joins the metadata's matches: those are all found first.
        while self.step_search(catalog, store, zone) {}
        let s = self.search.as_mut()?;
        s.set_editing(false);
        let q = s.query().cloned()?;
        if q.is_empty() {
            return None;
        }
        let hits = self.meta_index(catalog).hits(&q);
        let filter = self.filters.filter(zone);
        let state = |id, _: &_| store.get(&catalog.key(id));
        let mut candidates =
            q.candidates_in(catalog.articles(), &hits, &query_context(catalog, &state));
        let passing = catalog.passing(&filter, &self.filters.folder);
        candidates.retain(|c| {
            catalog.is_alive(c.id)
                && catalog.passes(&passing, c.id)
                && filter.matches_date(catalog.article(c.id))
                && self.filters.passes_state(c.id, catalog, store)
        });
        let s = self.search.as_mut()?;
        s.begin_full_text(catalog.articles().len(), candidates.len());
        self.results_follow = true;
        Some(Effect::StartScan {
            origin: catalog.library().origin,
            candidates,
            query: q,
        })
    }

    /// What the scan reports; true when the list must be filtered again.
    pub fn apply_search_event(&mut self, event: Event) -> bool {
        self.search.as_mut().is_some_and(|s| s.apply(event))
    }
}

/// Rows of the list a step of a search walk looks at: a few milliseconds at a million.
const WALK_STEP: usize = 16_384;

/// A key's search walk stops once this many rows match: a screenful and more to scroll.
const FIRST_ROWS: usize = 1_000;

/// Where a search walk is (see [`View::step_search`]).
#[derive(Debug, Clone, Copy, Default)]
struct Walk {
    /// Rows of the catalog's order looked at so far.
    at: usize,
    /// The article selected when the walk began, until the walk lists it again, and the
    /// row it was on.
    keep: Option<usize>,
    row: usize,
    /// The article the walk's last step left selected: while it still is, the user has not
    /// moved, and the selection may go back to `keep`.
    placed: Option<usize>,
}

/// A query's answer on metadata for every set of terms found, worked out once per key when
/// it has no key filters (then the answer depends on the terms alone): at a million articles
/// a table lookup each instead of the query's clauses walked a million times.
struct Verdicts(Option<Vec<bool>>);

impl Verdicts {
    /// Up to this many terms get a table (2^8 entries); more are judged one by one.
    const TABLE_TERMS: usize = 8;

    fn new(q: &Query) -> Verdicts {
        let table = (q.keys.is_empty() && q.terms.len() <= Self::TABLE_TERMS).then(|| {
            (0..1u64 << q.terms.len())
                .map(|found| {
                    let known = Known {
                        found,
                        ..Known::default()
                    };
                    q.verdict(known) == Verdict::Yes
                })
                .collect()
        });
        Verdicts(table)
    }

    /// [`Query::matches_meta_with`], from the table when there is one.
    fn judge(&self, q: &Query, id: usize, a: &Article, cx: &Context, hits: u64) -> bool {
        match &self.0 {
            Some(table) => table[hits as usize],
            None => q.matches_meta_with(id, a, cx, hits),
        }
    }
}

/// [`View::meta_index`], borrowing the index alone.
fn current_index<'a>(slot: &'a mut Option<(MetaIndex, u64)>, catalog: &Catalog) -> &'a MetaIndex {
    let (articles, reshaped) = (catalog.articles(), catalog.reshaped());
    match slot {
        Some((ix, at)) if *at == reshaped && ix.len() <= articles.len() => {
            ix.extend(&articles[ix.len()..]);
        }
        _ => *slot = Some((MetaIndex::new(articles), reshaped)),
    }
    &slot.as_ref().expect("built above").0
}

/// What the query's `source:` and `is:` filters look at: the library's roots and the store.
pub(super) fn query_context<'a>(
    catalog: &'a Catalog,
    state: &'a dyn Fn(usize, &Article) -> Entry,
) -> Context<'a> {
    Context {
        roots: &catalog.library().roots,
        state,
    }
}

/// `key:value`, quoted when the value has spaces (`cat:"World News"`).
fn quoted(key: &str, value: &str) -> String {
    if value.contains(char::is_whitespace) {
        format!("{key}\"{value}\"")
    } else {
        format!("{key}{value}")
    }
}

fn clamp(pos: usize, delta: isize, len: usize) -> usize {
    pos.saturating_add_signed(delta).min(len.saturating_sub(1))
}

/// Moves `offset` so row `selected` is among the `rows` shown from it.
fn keep_in_view(selected: usize, offset: &mut usize, rows: usize) {
    if selected < *offset {
        *offset = selected;
    } else if selected >= *offset + rows {
        *offset = selected + 1 - rows;
    }
}
