//! Watching library folders while the reader runs: files added, changed or removed show up in
//! the list within about a second, as the same events the loader sends.
//!
//! notify reports raw file-system events, often several per save; they are gathered until the
//! folders have been quiet for [`QUIET`], then each touched path is read again once.
//!
//! Only events that can change what a file holds count ([`is_content_change`]). notify also
//! reports every open and close and every metadata change (atime), and reading a file again
//! is itself an open: acting on those made the watcher re-read its own reads forever.
//!
//! When events may have been missed (an overflow of the kernel's queue, a watcher error),
//! every root is read again: the reader and the full-text index, which trusts its stamps
//! until the watcher reports a change, must not go on answering from what they had.

use super::loader::{LoadEvent, read_one};
use super::problem::Problem;
use super::scan::{self, Found, is_article_name};
use notify::event::{AccessKind, AccessMode, ModifyKind, RemoveKind};
use notify::{Event, EventKind, RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

/// How long the folders must be quiet before changes are applied.
pub const QUIET: Duration = Duration::from_millis(300);

/// Whether an event of this kind can change an article: a file or folder created, removed or
/// renamed, or a file's data written. Opens, reads, closes after reading and metadata changes
/// (atime, permissions, `touch`) cannot, and `Any`/`Other` say nothing definite.
pub fn is_content_change(kind: &EventKind) -> bool {
    matches!(
        kind,
        EventKind::Create(_)
            | EventKind::Remove(_)
            | EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Name(_) | ModifyKind::Any)
            | EventKind::Access(AccessKind::Close(AccessMode::Write))
    )
}

/// The paths of `event` worth reading again, written under the root as the caller gave it
/// (notify reports absolute paths; the articles carry the root's own spelling). A removed
/// file that is no article (a cache or state file written atomically, an editor's swap
/// file) is dropped here.
///
/// An event that says events were missed (the kernel's queue overflowed during a large copy
/// or checkout: notify's `Rescan` flag) touches every root: anything may have changed, and
/// the library and the full-text index must not go on answering from what they had.
fn touched_paths(event: Event, roots: &[(PathBuf, PathBuf)]) -> Vec<PathBuf> {
    if event.need_rescan() {
        return roots.iter().map(|(given, _)| given.clone()).collect();
    }
    if !is_content_change(&event.kind) {
        return Vec::new();
    }
    let file_event = matches!(event.kind, EventKind::Remove(RemoveKind::File));
    event
        .paths
        .into_iter()
        .filter(|p| !file_event || is_article_name(p))
        .filter_map(|p| {
            roots.iter().find_map(|(given, absolute)| {
                p.strip_prefix(absolute).ok().map(|rest| match rest {
                    r if r.as_os_str().is_empty() => given.clone(),
                    r => given.join(r),
                })
            })
        })
        .collect()
}

/// Watches `roots` on a thread of its own until `sink` returns false (the reader has gone).
/// The watches are in place when this returns, so any change made after it is seen.
/// A watcher that cannot start is reported once, as a problem, and loading goes on without it.
pub fn spawn(roots: Vec<PathBuf>, mut sink: impl FnMut(LoadEvent) -> bool + Send + 'static) {
    // Each root as given, and as notify spells it in events (made absolute, not resolved).
    let spelled: Vec<(PathBuf, PathBuf)> = roots
        .iter()
        .map(|r| {
            (
                r.clone(),
                std::path::absolute(r).unwrap_or_else(|_| r.clone()),
            )
        })
        .collect();
    let (tx, rx) = mpsc::channel();
    let watcher = notify::recommended_watcher(move |e: notify::Result<Event>| {
        // An error (a watch that could not be added to a new folder, a failed read of the
        // kernel's queue) may hide changes, like a rescan: every root is read again.
        let paths = match e {
            Ok(e) => touched_paths(e, &spelled),
            Err(_) => spelled.iter().map(|(given, _)| given.clone()).collect(),
        };
        if !paths.is_empty() {
            let _ = tx.send(paths);
        }
    });
    let mut watcher = match watcher {
        Ok(w) => w,
        Err(e) => {
            let p = Problem::warning(
                roots.first().cloned().unwrap_or_default(),
                format!("cannot watch for changes: {e}"),
            );
            sink(LoadEvent::Articles(Vec::new(), vec![p]));
            return;
        }
    };
    let mut failed = Vec::new();
    for root in &roots {
        if let Err(e) = watcher.watch(root, RecursiveMode::Recursive) {
            failed.push(Problem::warning(
                root,
                format!("cannot watch for changes: {e}"),
            ));
        }
    }
    std::thread::spawn(move || {
        // Keeps the watches alive as long as the thread runs.
        let _watcher = watcher;
        if !failed.is_empty() && !sink(LoadEvent::Articles(Vec::new(), failed)) {
            return;
        }
        while let Ok(paths) = rx.recv() {
            let mut touched: BTreeSet<PathBuf> = paths.into_iter().collect();
            while let Ok(more) = rx.recv_timeout(QUIET) {
                touched.extend(more);
            }
            for event in reread(&roots, &touched) {
                if !sink(event) {
                    return;
                }
            }
        }
    });
}

/// Reads the touched paths again: files that exist are (re)read, folders are walked, and
/// article files that no longer exist are reported removed.
pub fn reread(roots: &[PathBuf], touched: &BTreeSet<PathBuf>) -> Vec<LoadEvent> {
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    let mut removed = Vec::new();
    for path in touched {
        let Some(root) = roots.iter().find(|r| path.starts_with(r)) else {
            continue;
        };
        if path.is_dir() {
            let found = scan::scan(std::slice::from_ref(path), false);
            problems.extend(found.problems);
            for f in found.files.iter() {
                read_into(
                    &Found {
                        root: root.as_path().into(),
                        ..f
                    },
                    &mut articles,
                    &mut problems,
                );
            }
        } else if path.is_file() {
            if is_article_name(path) {
                read_into(
                    &Found {
                        path: path.clone(),
                        root: root.as_path().into(),
                        stamp: None,
                    },
                    &mut articles,
                    &mut problems,
                );
            }
        } else {
            // Gone: a file, or a folder with files in it (the reader drops what it holds under it).
            removed.push(path.clone());
        }
    }
    let mut events = Vec::new();
    if !removed.is_empty() {
        events.push(LoadEvent::Removed(removed));
    }
    if !articles.is_empty() || !problems.is_empty() {
        events.push(LoadEvent::Articles(articles, problems));
    }
    events
}

fn read_into(f: &Found, articles: &mut Vec<super::Article>, problems: &mut Vec<Problem>) {
    match read_one(f) {
        Ok((a, warnings, _)) => {
            articles.push(a);
            problems.extend(warnings);
        }
        Err(p) => problems.push(p),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, MetadataKind, RenameMode};

    #[test]
    fn only_changes_of_content_count() {
        let counted = [
            EventKind::Create(CreateKind::File),
            EventKind::Create(CreateKind::Folder),
            EventKind::Remove(RemoveKind::File),
            EventKind::Remove(RemoveKind::Folder),
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            EventKind::Modify(ModifyKind::Name(RenameMode::From)),
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
        ];
        for kind in counted {
            assert!(is_content_change(&kind), "{kind:?} should count");
        }
        let ignored = [
            EventKind::Access(AccessKind::Open(AccessMode::Any)),
            EventKind::Access(AccessKind::Read),
            EventKind::Access(AccessKind::Close(AccessMode::Read)),
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::Any)),
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)),
            EventKind::Any,
            EventKind::Other,
        ];
        for kind in ignored {
            assert!(!is_content_change(&kind), "{kind:?} should be ignored");
        }
    }

    #[test]
    fn event_paths_are_spelled_under_the_root_as_given() {
        let roots = [(PathBuf::from("lib"), PathBuf::from("/home/u/lib"))];
        let event = |kind, path: &str| Event::new(kind).add_path(PathBuf::from(path));
        let written = event(
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            "/home/u/lib/sub/一.md",
        );
        assert_eq!(
            touched_paths(written, &roots),
            vec![PathBuf::from("lib/sub/一.md")]
        );
        let opened = event(
            EventKind::Access(AccessKind::Open(AccessMode::Any)),
            "/home/u/lib/sub/一.md",
        );
        assert!(touched_paths(opened, &roots).is_empty());
        let state_file_gone = event(
            EventKind::Remove(RemoveKind::File),
            "/home/u/lib/.state.json.tmp",
        );
        assert!(touched_paths(state_file_gone, &roots).is_empty());
        let folder_gone = event(EventKind::Remove(RemoveKind::Folder), "/home/u/lib/sub");
        assert_eq!(
            touched_paths(folder_gone, &roots),
            vec![PathBuf::from("lib/sub")]
        );
        let elsewhere = event(EventKind::Create(CreateKind::File), "/home/u/other/a.md");
        assert!(touched_paths(elsewhere, &roots).is_empty());
    }

    #[test]
    fn missed_events_touch_every_root() {
        let roots = [
            (PathBuf::from("lib"), PathBuf::from("/home/u/lib")),
            (PathBuf::from("/srv/news"), PathBuf::from("/srv/news")),
        ];
        let overflow = Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan);
        assert_eq!(
            touched_paths(overflow, &roots),
            vec![PathBuf::from("lib"), PathBuf::from("/srv/news")]
        );
    }
}
