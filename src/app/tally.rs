//! The tree's counts, kept between key presses: how many live articles of each category
//! group and each folder pass the date filter, and how many of those are unread.
//!
//! Counting walks every article, which at a million takes longer than a frame; yet most keys
//! that filter the list (a category, a folder, the search, unread-only) change nothing the
//! counts depend on. So the counts remember what they were made from — the catalog's shape
//! ([`Catalog::reshaped`]), the store's changes ([`Store::changes`]) and the days — and are
//! only made again when one of those moved. Articles appended by a load (the common change
//! while a large library streams in) are added to the counts as they are, without a recount.

use super::catalog::Catalog;
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
}

impl Tally {
    /// Brings the counts up to date with the catalog's settled articles, the store and the
    /// days of `dates`; false when they were up to date already (then nothing changed).
    pub fn update(&mut self, catalog: &Catalog, dates: &Filter, store: &Store) -> bool {
        let basis = Basis {
            reshaped: catalog.reshaped(),
            store: store.changes(),
            since: dates.since,
            until: dates.until,
        };
        let upto = catalog.settled_len();
        if self.basis != Some(basis) {
            *self = Tally {
                basis: Some(basis),
                ..Tally::default()
            };
        } else if self.counted == upto {
            return false;
        }
        let (groups, folders) = catalog.group_and_folder_count();
        self.groups.resize(groups, Counts::default());
        self.folders.resize(folders, Counts::default());
        let check_read = !store.is_empty();
        for id in self.counted..upto {
            if !catalog.is_alive(id) || !dates.matches_date(catalog.article(id)) {
                continue;
            }
            let unread = usize::from(!check_read || !store.get(&catalog.key(id)).read);
            let (group, folder) = catalog.group_of(id);
            for c in [
                &mut self.groups[group as usize],
                &mut self.folders[folder as usize],
            ] {
                c.0 += 1;
                c.1 += unread;
            }
        }
        self.counted = upto;
        true
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
