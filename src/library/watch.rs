//! Watching library folders while the reader runs: files added, changed or removed show up in
//! the list within about a second, as the same events the loader sends.
//!
//! notify reports raw file-system events, often several per save; they are gathered until the
//! folders have been quiet for [`QUIET`], then each touched path is read again once.

use super::loader::{LoadEvent, read_one};
use super::problem::Problem;
use super::scan::{self, Found, is_article_name};
use notify::{RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

/// How long the folders must be quiet before changes are applied.
pub const QUIET: Duration = Duration::from_millis(300);

/// Watches `roots` on a thread of its own until `sink` returns false (the reader has gone).
/// A watcher that cannot start is reported once, as a problem, and loading goes on without it.
pub fn spawn(roots: Vec<PathBuf>, mut sink: impl FnMut(LoadEvent) -> bool + Send + 'static) {
    std::thread::spawn(move || {
        let (tx, rx) = mpsc::channel();
        let watcher = notify::recommended_watcher(move |e: notify::Result<notify::Event>| {
            if let Ok(e) = e {
                let _ = tx.send(e.paths);
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
        for root in &roots {
            if let Err(e) = watcher.watch(root, RecursiveMode::Recursive) {
                let p = Problem::warning(root, format!("cannot watch for changes: {e}"));
                if !sink(LoadEvent::Articles(Vec::new(), vec![p])) {
                    return;
                }
            }
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
            for f in found.files {
                read_into(
                    &Found {
                        root: root.clone(),
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
                        root: root.clone(),
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
