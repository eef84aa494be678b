//! The reading state of every article — read, starred, reading position — kept in one plain
//! file, `state.jsonl` in the XDG state directory ([`Store::default_path`]).
//!
//! - [`key`]: the stable [`article_key`] entries are filed under (survives moving the library).
//! - [`format`](mod@format): the JSON Lines file format (header, one sorted line per non-default entry).
//! - [`atomic`]: crash-safe replacement of the file.
//! - [`lock`]: the advisory lock that makes a save's read–merge–write one step.
//! - `entry`: [`Entry`] (one article's state, stamped with its change time, and the merge
//!   rules), [`Position`] (a place in the text), [`Undo`], [`ImportSummary`].
//!
//! The store lives in memory; changes mark it dirty. The caller calls
//! [`Store::save_if_due`] from its loop (it writes at most once per [`SAVE_INTERVAL`]) and
//! [`Store::save`] on exit. Saving never loses the old file nor the in-memory state: on error
//! the caller shows a warning and goes on, and the next save tries again.
//!
//! Several gazettes may run at once on one state file (two terminals, `state import` while
//! reading). A save therefore never writes just its own copy: under an advisory lock on
//! `state.jsonl.lock` ([`lock`]) it reads the file, merges into it only the articles this
//! process changed since it last read or wrote it ([`Entry::merge3`]: per field, the side that
//! changed it; the later change when both did), writes the result atomically and takes it as
//! its own. Every change is stamped with its time, so imports too let the later change win.

mod entry;
pub mod format;
pub mod key;
pub mod lock;

pub use entry::{Entry, ImportSummary, Position, Undo};
pub use key::{KeyText, article_key, key_hash, key_text};

use crate::atomic_file as atomic;
use anyhow::Context;
use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The file name inside the state directory.
pub const FILE_NAME: &str = "state.jsonl";
/// [`Store::save_if_due`] writes at most once per this interval.
pub const SAVE_INTERVAL: Duration = Duration::from_secs(1);

/// The reading state of all articles, and the file it is saved to.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    entries: BTreeMap<String, Entry>,
    /// What the file held when this process last read or wrote it: the common ancestor of
    /// a merge with what another process wrote since.
    base: BTreeMap<String, Entry>,
    /// Keys this process changed since then; only they can override the file.
    changed: BTreeSet<String>,
    /// The time a change is stamped with, Unix milliseconds (a field so tests can set it).
    clock: fn() -> i64,
    last_attempt: Option<Instant>,
    saves: u64,
    /// Set when the file at `path` could be neither read nor moved aside: saving would destroy
    /// it, so every save fails with this text instead.
    blocked: Option<String>,
    /// Counts every change of the entries (see [`Store::changes`]).
    changes: u64,
}

impl Store {
    /// `$XDG_STATE_HOME/gazette/state.jsonl` (`~/.local/state/gazette/state.jsonl`), or the
    /// platform's local data directory where there is no state directory (macOS, Windows).
    pub fn default_path() -> anyhow::Result<PathBuf> {
        let dirs = directories::ProjectDirs::from("", "", "gazette")
            .context("no home directory, so no place for the reading state")?;
        let dir = dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir());
        Ok(dir.join(FILE_NAME))
    }

    /// An empty state that will be saved to `path` (which is not read): for tests, benchmarks
    /// and tools that start from nothing.
    pub fn empty(path: PathBuf) -> Store {
        Store {
            path,
            entries: BTreeMap::new(),
            base: BTreeMap::new(),
            changed: BTreeSet::new(),
            clock: now_ms,
            last_attempt: None,
            saves: 0,
            blocked: None,
            changes: 0,
        }
    }

    /// Loads the state saved at `path`. Never fails: a missing file is an empty state; a file
    /// that cannot be read or parsed is moved aside to `NAME.corrupt-YYYYMMDD-HHMMSS` and the
    /// store starts empty. The warning (for the user) says what happened and names both paths.
    pub fn open(path: PathBuf) -> (Store, Option<String>) {
        let mut store = Store::empty(path);
        let problem = match std::fs::read(&store.path) {
            Ok(bytes) => match format::decode(&bytes) {
                Ok(entries) => {
                    store.base = entries.clone();
                    store.entries = entries;
                    return (store, None);
                }
                Err(e) => format!("cannot be parsed ({e})"),
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => return (store, None),
            Err(e) => format!("cannot be read ({e})"),
        };
        let shown = store.path.display().to_string();
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
        let warning = match atomic::move_aside(&store.path, &stamp) {
            Ok(moved) => format!(
                "the reading state {shown} {problem}; it was moved to {} and reading state \
                 starts afresh",
                moved.display()
            ),
            Err(e) => {
                let w = format!(
                    "the reading state {shown} {problem} and could not be moved aside ({e}); \
                     it is left as it is and reading state will not be saved"
                );
                store.blocked = Some(w.clone());
                w
            }
        };
        (store, Some(warning))
    }

    /// The file this store saves to.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The lock file beside the state file that every save takes.
    pub fn lock_path(&self) -> PathBuf {
        lock::path_for(&self.path)
    }

    /// The state of the article with this key (the default if none is stored).
    pub fn get(&self, key: &str) -> Entry {
        self.entries.get(key).copied().unwrap_or_default()
    }

    /// Every article with a state (not blank), sorted by key.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Entry)> {
        self.entries
            .iter()
            .filter(|(_, e)| !e.is_blank())
            .map(|(k, e)| (k.as_str(), *e))
    }

    /// How many articles have a state (not blank).
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when there are changes not yet saved.
    pub fn is_dirty(&self) -> bool {
        !self.changed.is_empty()
    }

    /// How many times this store has written its file (for tests and diagnostics).
    pub fn saves(&self) -> u64 {
        self.saves
    }

    /// A number that changes whenever an entry may have (a setter, an import, a save that
    /// merged in what another process wrote): what the reader counted from the state is
    /// counted again only when it moved, not on every key.
    pub fn changes(&self) -> u64 {
        self.changes
    }

    /// Replaces the state for `key`, stamped with the time now. Nothing happens (no stamp, not
    /// dirty) when the state is the same.
    fn put(&mut self, key: &str, new: Entry) {
        if self.get(key).same_state(&new) {
            return;
        }
        let changed = Some((self.clock)());
        self.put_stamped(key, Entry { changed, ..new });
    }

    /// Replaces the entry for `key` as it is, its stamp included, and marks the key changed
    /// here. A blank entry stays as long as it has a stamp: it says when the state was reset.
    fn put_stamped(&mut self, key: &str, new: Entry) {
        if new.is_default() {
            self.entries.remove(key);
        } else {
            self.entries.insert(key.to_owned(), new);
        }
        self.changed.insert(key.to_owned());
        self.changes += 1;
    }

    pub fn set_read(&mut self, key: &str, read: bool) {
        self.put(
            key,
            Entry {
                read,
                ..self.get(key)
            },
        );
    }

    pub fn set_starred(&mut self, key: &str, starred: bool) {
        self.put(
            key,
            Entry {
                starred,
                ..self.get(key)
            },
        );
    }

    pub fn set_position(&mut self, key: &str, pos: Position) {
        self.put(
            key,
            Entry {
                pos,
                ..self.get(key)
            },
        );
    }

    /// Flips read/unread; returns the new value.
    pub fn toggle_read(&mut self, key: &str) -> bool {
        let read = !self.get(key).read;
        self.set_read(key, read);
        read
    }

    /// Flips starred; returns the new value.
    pub fn toggle_star(&mut self, key: &str) -> bool {
        let starred = !self.get(key).starred;
        self.set_starred(key, starred);
        starred
    }

    /// Marks every key read. The returned [`Undo`] holds the previous entries of the keys that
    /// were unread (the others did not change).
    pub fn mark_all_read<S: AsRef<str>>(&mut self, keys: &[S]) -> Undo {
        let mut undo = Undo::default();
        for key in keys.iter().map(AsRef::as_ref) {
            let old = self.get(key);
            if !old.read {
                undo.previous.push((key.to_owned(), old));
                self.put(key, Entry { read: true, ..old });
            }
        }
        undo
    }

    /// Puts back exactly the states a bulk change replaced, changes made since included. The
    /// undo is a change of its own: it is stamped now, so it wins over the bulk change
    /// wherever that was saved.
    pub fn undo(&mut self, undo: Undo) {
        for (key, old) in undo.previous {
            self.put(&key, old);
        }
    }

    /// Saves if there are unsaved changes and the last save attempt is at least
    /// [`SAVE_INTERVAL`] before `now`. `None` when nothing was attempted. A failed attempt
    /// counts too, so a failing disk is retried (and reported) at most once per interval.
    pub fn save_if_due(&mut self, now: Instant) -> Option<io::Result<()>> {
        if !self.is_dirty() {
            return None;
        }
        if self
            .last_attempt
            .is_some_and(|t| now.saturating_duration_since(t) < SAVE_INTERVAL)
        {
            return None;
        }
        self.last_attempt = Some(now);
        Some(self.save())
    }

    /// Writes the file now if there are unsaved changes (creating its directory), merged with
    /// what another process wrote there since this one last read or wrote it (see the module
    /// documentation). Afterwards the store holds the merged state.
    ///
    /// On error the old file and the in-memory state are untouched and the store stays dirty.
    /// A file that another writer left unreadable (or in a newer format) is an error too: it
    /// is not overwritten, so nothing of it is lost.
    pub fn save(&mut self) -> io::Result<()> {
        if !self.is_dirty() {
            return Ok(());
        }
        if let Some(why) = &self.blocked {
            return Err(io::Error::other(why.clone()));
        }
        std::fs::create_dir_all(atomic::parent_dir(&self.path))?;
        let _lock = lock::Lock::exclusive(&self.lock_path())?;
        let disk = match std::fs::read(&self.path) {
            Ok(bytes) => format::decode(&bytes).map_err(|e| {
                io::Error::other(format!(
                    "{} was changed by another program and cannot be parsed ({e}); it is left \
                     as it is",
                    self.path.display()
                ))
            })?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => BTreeMap::new(),
            Err(e) => return Err(e),
        };
        let merged = self.merged_with(disk);
        atomic::write_atomic(&self.path, &format::encode(&merged))?;
        self.base = merged.clone();
        self.entries = merged;
        self.changes += 1;
        self.changed.clear();
        self.saves += 1;
        Ok(())
    }

    /// `disk` with this process's changes merged in: the keys changed here by
    /// [`Entry::merge3`], every other key as `disk` has it.
    fn merged_with(&self, mut disk: BTreeMap<String, Entry>) -> BTreeMap<String, Entry> {
        let get = |m: &BTreeMap<String, Entry>, k: &str| m.get(k).copied().unwrap_or_default();
        for key in &self.changed {
            let merged = Entry::merge3(get(&self.base, key), self.get(key), get(&disk, key));
            if merged.is_default() {
                disk.remove(key);
            } else {
                disk.insert(key.clone(), merged);
            }
        }
        disk
    }

    /// Writes the whole state, in the same format, to `path` (atomically; the folder must
    /// exist). Does not change what the store saves to nor its dirty flag.
    pub fn export(&self, path: &Path) -> io::Result<()> {
        atomic::write_atomic(path, &format::encode(&self.entries))
    }

    /// Merges a state file (as written by [`Store::export`] or [`Store::save`]) into this store
    /// by the rules of [`Entry::merge`] (the later change wins, per article). Imported entries
    /// keep their own change times, so an old export never wins over a newer change. A file
    /// that cannot be read or parsed changes nothing.
    pub fn import(&mut self, path: &Path) -> anyhow::Result<ImportSummary> {
        let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
        let theirs = format::decode(&bytes)
            .map_err(anyhow::Error::msg)
            .with_context(|| format!("{} is not a gazette state file", path.display()))?;
        let mut summary = ImportSummary::default();
        for (key, e) in theirs {
            let old = self.get(&key);
            let new = old.merge(e);
            if new == old {
                continue;
            }
            if !new.same_state(&old) {
                if old.is_blank() {
                    summary.added += 1;
                } else {
                    summary.changed += 1;
                }
            }
            self.put_stamped(&key, new);
        }
        Ok(summary)
    }
}

/// The time now in Unix milliseconds (0 on a clock set before 1970).
fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
