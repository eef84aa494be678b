//! The tree's counts, kept between key presses: how many live articles of each category
//! group and each folder pass the date filter, and how many of those are unread.
//!
//! Counting walks every article, which at a million takes longer than a frame; yet most keys
//! that filter the list (a category, a folder, the search, unread-only) change nothing the
//! counts depend on. So the counts remember what they were made from — the catalog's shape
//! ([`Catalog::reshaped`]), the store's changes ([`Store::changes`]) and the days — and are
//! only made again when one of those moved. Articles appended by a load (the common change
//! while a large library streams in) are added to the counts as they are, without a recount;
//! a file the watcher reports changed or removed is taken out of them as it was and put back
//! as it is ([`Tally::correct`]).

use super::catalog::{Catalog, Was};
use super::groups::Group;
use super::tree::Counts;
use crate::library::Filter;
use crate::library::filter::DayBound;
use crate::store::Store;

/// (total, unread) of the articles of each category group and each folder, for the tree.
pub struct GroupCounts<'a> {
    pub groups: Vec<(&'a Group, Counts)>,
    pub folders: Vec<(&'a [String], Counts)>,
}

/// What the counts were made from: when any of it changes, they are made again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Basis {
    reshaped: u64,
    store: u64,
    since: Option<DayBound>,
    until: Option<DayBound>,
}

#[derive(Default)]
pub struct Tally {
    basis: Option<Basis>,
    /// Articles `0..counted` (by id) are in the counts.
    counted: usize,
    groups: Vec<Counts>,
    folders: Vec<Counts>,
    /// Set when [`Tally::correct`] changed the counts since [`Tally::update`] last said so.
    corrected: bool,
}

impl Basis {
    fn of(catalog: &Catalog, dates: &Filter, store: &Store) -> Basis {
        Basis {
            reshaped: catalog.reshaped(),
            store: store.changes(),
            since: dates.since,
            until: dates.until,
        }
    }
}

impl Tally {
    /// Brings the counts up to date with the catalog's settled articles, the store and the
    /// days of `dates`; false when they were up to date already (then nothing changed).
    pub fn update(&mut self, catalog: &Catalog, dates: &Filter, store: &Store) -> bool {
        let basis = Basis::of(catalog, dates, store);
        let upto = catalog.settled_len();
        if self.basis != Some(basis) {
            *self = Tally {
                basis: Some(basis),
                ..Tally::default()
            };
        } else if self.counted == upto {
            return std::mem::take(&mut self.corrected);
        }
        self.make_room(catalog);
        let check_read = !store.is_empty();
        for id in self.counted..upto {
            if !catalog.is_alive(id) || !dates.matches_date(catalog.article(id)) {
                continue;
            }
            let unread = !check_read || !store.get(&catalog.key(id)).read;
            self.count(catalog.group_of(id), unread, true);
        }
        self.counted = upto;
        self.corrected = false;
        true
    }

    /// The settled articles replaced or removed since the catalog's shape was `was.shape`
    /// taken out of the counts as they were then and put back (those still there) as they
    /// are: a file the watcher reports costs its own articles, not a recount of a million
    /// (several milliseconds). Nothing unless the counts were made at that shape and are
    /// otherwise current (then [`Tally::update`] counts afresh); the next update says the
    /// counts changed.
    pub fn correct(&mut self, catalog: &Catalog, was: &Was, dates: &Filter, store: &Store) {
        let now = Basis::of(catalog, dates, store);
        if self.basis
            != Some(Basis {
                reshaped: was.shape,
                ..now
            })
        {
            return;
        }
        self.make_room(catalog);
        let check_read = !store.is_empty();
        let counted = self.counted;
        for f in was.former.iter().filter(|f| f.id < counted) {
            if dates.matches_date(f.article(catalog)) {
                let unread = !check_read || !store.get(&f.key()).read;
                self.count(f.group, unread, false);
            }
            let id = f.id;
            if catalog.is_alive(id) && dates.matches_date(catalog.article(id)) {
                let unread = !check_read || !store.get(&catalog.key(id)).read;
                self.count(catalog.group_of(id), unread, true);
            }
        }
        self.basis = Some(now);
        self.corrected = true;
    }

    /// A place in the counts for every group and folder there is.
    fn make_room(&mut self, catalog: &Catalog) {
        let (groups, folders) = catalog.group_and_folder_count();
        self.groups.resize(groups, Counts::default());
        self.folders.resize(folders, Counts::default());
    }

    /// One article of `(group, folder)` counted in (`add`) or out.
    fn count(&mut self, (group, folder): (u32, u32), unread: bool, add: bool) {
        let unread = usize::from(unread);
        for c in [
            &mut self.groups[group as usize],
            &mut self.folders[folder as usize],
        ] {
            match add {
                true => (c.0 += 1, c.1 += unread),
                // Never below zero, were the counts ever wrong: a count off, not a crash.
                false => (
                    c.0 = c.0.saturating_sub(1),
                    c.1 = c.1.saturating_sub(unread),
                ),
            };
        }
    }

    /// The counts with their groups and folders, as the tree takes them.
    pub fn counts<'a>(&'a self, catalog: &'a Catalog) -> GroupCounts<'a> {
        let (groups, folders) = catalog.groups_and_folders();
        // Groups and folders met only among articles not settled yet count nothing so far.
        let counts = |c: &'a [Counts]| c.iter().copied().chain(std::iter::repeat(Counts(0, 0)));
        GroupCounts {
            groups: groups.iter().zip(counts(&self.groups)).collect(),
            folders: (folders.iter().map(Vec::as_slice))
                .zip(counts(&self.folders))
                .collect(),
        }
    }
}
