//! The reader's whole state, with no I/O: what is filtered, selected, focused and open.
//! `update.rs` changes it in answer to actions; `ui/` only reads it.

use super::dates::DayRange;
use super::groups::Groups;
use super::keymap::Keymap;
pub use super::overlay::{DatePrompt, Jump, LinkChooser, Overlay, ReaderState};
use super::search::SearchState;
use super::tree::{NodeKind, Tree};
use crate::library::{Filter, Library};
use crate::search::MetaIndex;
use crate::store::{Entry, Store, Undo, article_key};
use crate::zone::Zone;
use chrono::{DateTime, NaiveDate, Utc};
use ratatui::layout::Rect;
use std::collections::HashMap;
use std::ffi::OsString;

/// Which pane keys go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Tree,
    List,
    Reader,
}

/// How many panes fit side by side, by terminal width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// 120 columns and more: tree, list and reader.
    Wide,
    /// 80–119 columns: list and reader; the tree replaces the reader while it has focus.
    Medium,
    /// Under 80 columns: the focused pane alone.
    Narrow,
}

impl Layout {
    /// The layout for `width` columns, given the (wide, medium) thresholds.
    pub fn for_width(width: u16, (wide, medium): (u16, u16)) -> Layout {
        if width >= wide {
            Layout::Wide
        } else if width >= medium {
            Layout::Medium
        } else {
            Layout::Narrow
        }
    }
}

/// Where panes were drawn last, so scrolling and clicks know their sizes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    pub tree: Option<Rect>,
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
}

pub struct AppState {
    pub library: Library,
    pub zone: Zone,
    pub today: NaiveDate,
    pub category: Vec<String>,
    pub days: Option<DayRange>,
    /// Indices into `library.articles` that pass the filters, newest first.
    pub visible: Vec<usize>,
    /// Index into `visible`.
    pub selected: usize,
    pub list_offset: usize,
    pub tree: Tree,
    pub focus: Focus,
    pub overlay: Option<Overlay>,
    pub reader: Option<ReaderState>,
    pub size: (u16, u16),
    pub areas: Areas,
    /// A one-off message for the status bar (an error, a confirmation).
    pub message: Option<String>,
    pub keymap: Keymap,
    /// Read, starred and reading position of every article; saved by the event loop.
    pub store: Store,
    /// `store` keys of `library.articles`, index for index.
    pub keys: Vec<String>,
    pub unread_only: bool,
    pub starred_only: bool,
    /// What the last mark-all-read changed, for `U`.
    pub undo: Option<Undo>,
    /// Keys typed so far of a multi-key binding (`g` of `g g`).
    pub pending_keys: Vec<String>,
    /// Ids (indices into `library.articles`) of the articles still present, newest first.
    /// Ids are stable: articles are only ever appended or replaced in place, so a selection
    /// or an open article survives loading and file changes.
    pub order: Vec<usize>,
    /// False for articles whose file is gone.
    pub alive: Vec<bool>,
    /// Article ids by file path (raw bytes: hashing `Path` component by component is slow).
    pub by_path: HashMap<OsString, usize>,
    pub groups: Groups,
    /// The group of each article, id for id.
    pub group_of: Vec<u32>,
    /// Set while the library is still being read.
    pub loading: Option<Loading>,
    /// Articles arrived since `order` was last sorted.
    pub order_dirty: bool,
    /// Ids added since then (merged into `order` cheaply); replacements and removals need
    /// `resort` instead.
    pub pending_new: Vec<usize>,
    pub resort: bool,
    /// Column thresholds for the wide and medium layouts.
    pub layout_widths: (u16, u16),
    /// strftime format of the list's date column.
    pub date_format: String,
    pub search: Option<SearchState>,
    /// The metadata index searches use, built on the first search (and again when articles
    /// were added since).
    pub meta_index: Option<MetaIndex>,
    /// True until the user moves: the selection then stays on the top of the list while newer
    /// articles arrive above it (see `AppState::by_hand`).
    pub follow_top: bool,
}

/// Progress of the background load, for the status bar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Loading {
    pub found: usize,
    pub done: usize,
}

impl AppState {
    pub fn new(library: Library, store: Store, zone: Zone, now: DateTime<Utc>) -> AppState {
        let keys = library.articles.iter().map(article_key).collect();
        let by_path = library
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.path.clone().into_os_string(), i))
            .collect();
        let mut groups = Groups::default();
        let group_of = library.articles.iter().map(|a| groups.intern(a)).collect();
        let alive = vec![true; library.articles.len()];
        let mut state = AppState {
            library,
            zone,
            today: zone.today(now),
            category: Vec::new(),
            days: None,
            visible: Vec::new(),
            selected: 0,
            list_offset: 0,
            tree: Tree::default(),
            focus: Focus::List,
            overlay: None,
            reader: None,
            size: (80, 24),
            areas: Areas::default(),
            message: None,
            keymap: Keymap::default(),
            store,
            keys,
            unread_only: false,
            starred_only: false,
            undo: None,
            pending_keys: Vec::new(),
            order: Vec::new(),
            alive,
            by_path,
            groups,
            group_of,
            loading: None,
            order_dirty: true,
            pending_new: Vec::new(),
            resort: true,
            layout_widths: (120, 80),
            date_format: "%Y-%m-%d".into(),
            search: None,
            meta_index: None,
            follow_top: true,
        };
        state.sort_order();
        state.refilter();
        state
    }

    pub fn layout(&self) -> Layout {
        Layout::for_width(self.size.0, self.layout_widths)
    }

    /// The filter the list shows, with days counted in the reader's zone.
    pub fn filter(&self) -> Filter {
        let mut f = Filter {
            category: self.category.clone(),
            ..Filter::default()
        };
        if let Some(days) = self.days {
            f.set_days(days.from, days.to, |d| self.zone.start_of_day(d));
        }
        f
    }

    /// "No such category" when the category filter (from `--category`) matches no live
    /// article; asked once the library is loaded, so a typo is not just an empty list.
    pub fn category_note(&self) -> Option<String> {
        let live = self
            .library
            .articles
            .iter()
            .zip(&self.alive)
            .filter_map(|(a, &alive)| alive.then_some(a));
        self.filter().unknown_category(live)
    }

    /// Recomputes the list and the tree counts, keeping the selected article when it still
    /// shows, else the nearest position.
    pub fn refilter(&mut self) {
        let keep = self.selected_article();
        let filter = self.filter();
        self.visible = self
            .order
            .iter()
            .copied()
            .filter(|&i| {
                filter.matches(&self.library.articles[i])
                    && self.passes_state(i)
                    && self.search.as_ref().is_none_or(|s| s.passes(i))
            })
            .collect();
        self.refresh_counts();
        self.selected = match keep.and_then(|k| self.visible.iter().position(|&i| i == k)) {
            Some(pos) => pos,
            None => self.selected.min(self.visible.len().saturating_sub(1)),
        };
        self.keep_selection_in_view();
    }

    /// The unread-only and starred-only switches.
    pub fn passes_state(&self, index: usize) -> bool {
        if !self.unread_only && !self.starred_only {
            return true;
        }
        let e = self.store.get(&self.keys[index]);
        (!self.unread_only || !e.read) && (!self.starred_only || e.starred)
    }

    pub fn entry(&self, index: usize) -> Entry {
        self.store.get(&self.keys[index])
    }

    /// Recounts unread articles in the tree after a change of read state.
    pub fn refresh_counts(&mut self) {
        let date_only = Filter {
            category: Vec::new(),
            ..self.filter()
        };
        let mut counts = vec![(0usize, 0usize); self.groups.list.len()];
        let no_dates = date_only.is_empty();
        let check_read = !self.store.is_empty();
        for &i in &self.order {
            if no_dates || date_only.matches_date(&self.library.articles[i]) {
                let c = &mut counts[self.group_of[i] as usize];
                c.0 += 1;
                c.1 += usize::from(!check_read || !self.store.get(&self.keys[i]).read);
            }
        }
        let groups = self
            .groups
            .list
            .iter()
            .zip(counts)
            .map(|(g, (n, unread))| (g, n, unread));
        self.tree.rebuild(groups);
    }

    pub fn selected_article(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    /// Rows of article list the last frame had room for.
    pub fn list_rows(&self) -> usize {
        self.areas
            .list
            .map_or(10, |r| usize::from(r.height.saturating_sub(2)).max(1))
    }

    pub fn reader_rows(&self) -> usize {
        self.areas
            .reader
            .map_or(10, |r| usize::from(r.height.saturating_sub(2)).max(1))
    }

    pub fn tree_rows(&self) -> usize {
        self.areas
            .tree
            .map_or(10, |r| usize::from(r.height.saturating_sub(2)).max(1))
    }

    /// Scrolls the list so the selected row is on screen.
    pub fn keep_selection_in_view(&mut self) {
        let rows = self.list_rows();
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + rows {
            self.list_offset = self.selected + 1 - rows;
        }
        let rows = self.tree_rows();
        let t = &mut self.tree;
        if t.selected < t.offset {
            t.offset = t.selected;
        } else if t.selected >= t.offset + rows {
            t.offset = t.selected + 1 - rows;
        }
    }

    /// Applies the category of the selected tree node.
    pub fn apply_tree_selection(&mut self) {
        let Some(node) = self.tree.selected_node() else {
            return;
        };
        match node.kind {
            NodeKind::Heading => return,
            NodeKind::All => self.category.clear(),
            _ => self.category = node.path.clone(),
        }
        self.refilter();
    }

    pub fn set_days(&mut self, days: Option<DayRange>) {
        self.days = days;
        self.refilter();
    }

    /// Opening marks the article read and returns to where its reading stopped.
    pub fn open(&mut self, index: usize) {
        if !self.entry(index).read {
            self.store.set_read(&self.keys[index], true);
            self.refresh_counts();
        }
        if self.reader.as_ref().is_some_and(|r| r.article == index) {
            return;
        }
        self.reader = Some(ReaderState {
            article: index,
            scroll: 0,
            place: Some((self.entry(index).pos, 0)),
            body: None,
            rendered: None,
            match_line: None,
            jump: None,
        });
    }

    /// Remembers the open article's place in the text (saved with the rest of the state).
    pub fn remember_position(&mut self) {
        if let Some(r) = &self.reader {
            let pos = r.place();
            if self.store.get(&self.keys[r.article]).pos != pos {
                self.store.set_position(&self.keys[r.article], pos);
            }
        }
    }

    /// Problems count for the status bar: (errors, warnings).
    pub fn problem_counts(&self) -> (usize, usize) {
        let errors = self.library.unreadable();
        (errors, self.library.problems.len() - errors)
    }
}
