//! The reader's index: brought up to date on a low-priority thread after the load finishes
//! and after each change the watcher reports, and used by `/` once a first update is done.
//!
//! The thread sleeps in a channel receive between updates (no CPU when idle). Searches never
//! wait for it: before the first update, or while a damaged index is rebuilt, they scan;
//! articles changed since their document was made are read whatever the index says (`docs`).

use super::on_disk::FullText;
use super::update::update;
use crate::library::Origin;
use crate::search::query::Query;
use crate::search::scan::{Candidate, Scan, spawn, spawn_settled};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
use std::sync::mpsc::{self, Sender};

/// Fewer files than this to read are indexed without a word in the status bar (a file
/// saved while reading is no news, and would hide what the status bar said).
const WORTH_A_NOTE: usize = 100;

/// How much lower than the reader the indexer runs (a `nice` increment).
const NICENESS: i32 = 10;

/// The handle the event loop keeps (and the loader, to ask for updates).
#[derive(Clone)]
pub struct Background {
    dir: PathBuf,
    ready: Arc<AtomicBool>,
    wake: Sender<()>,
}

impl Background {
    /// Starts the indexer of the library made of `roots`, its index in `dir`. It waits for
    /// [`Background::refresh`]. `note` puts a word in the status bar ("indexing 45%"); it
    /// returns false once nobody listens, which ends the thread.
    pub fn start(
        roots: Vec<PathBuf>,
        dir: PathBuf,
        note: impl Fn(String) -> bool + Send + Sync + 'static,
    ) -> Background {
        let (wake, rx) = mpsc::channel::<()>();
        let ready = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&ready);
        let index_dir = dir.clone();
        let work = move || {
            // Per thread on Linux; the threads started from here inherit it.
            let _ = rustix::process::nice(NICENESS);
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(1)
                .thread_name(|_| "gazette-index-read".into())
                .build();
            let never = AtomicBool::new(false);
            while rx.recv().is_ok() {
                while rx.try_recv().is_ok() {}
                let files = super::files_of(&roots);
                let (mut shown, mut quiet) = (None, None);
                let mut progress = |found: usize, done: usize| {
                    // Decided at the first report: a few changed files are no news.
                    if *quiet.get_or_insert(found - done.min(found) < WORTH_A_NOTE) {
                        return;
                    }
                    let percent = done * 100 / found.max(1);
                    if shown != Some(percent / 10) {
                        shown = Some(percent / 10);
                        note(format!("indexing {percent}%"));
                    }
                };
                let mut run = || update(&index_dir, &files, &mut progress, &never);
                let outcome = match &pool {
                    Ok(pool) => pool.install(&mut run),
                    Err(_) => run(),
                };
                let said = match outcome {
                    Ok(_) => {
                        flag.store(true, Relaxed);
                        shown.map(|_| "full-text index up to date".to_string())
                    }
                    Err(e) => Some(format!("full-text index: {e}")),
                };
                if let Some(said) = said
                    && !note(said)
                {
                    return;
                }
            }
        };
        let _ = std::thread::Builder::new()
            .name("gazette-index".into())
            .spawn(work);
        Background { dir, ready, wake }
    }

    /// Asks for an update (the load finished, or the watcher saw changes); several requests
    /// made while one runs are served by one more update.
    pub fn refresh(&self) {
        let _ = self.wake.send(());
    }

    /// Starts the full-text search of `candidates`: through the index once it is ready (the
    /// rest read on the scan's thread), else the plain scan.
    pub fn spawn_scan(&self, origin: Origin, candidates: Vec<Candidate>, query: Query) -> Scan {
        if origin != Origin::Disk || !self.ready.load(Relaxed) {
            return spawn(origin, candidates, query);
        }
        let dir = self.dir.clone();
        spawn_settled(
            origin,
            candidates,
            query,
            move |candidates, query| match FullText::open(&dir) {
                Ok(ft) => {
                    let n = super::narrowed(&ft, candidates, query);
                    (n.matched, n.read)
                }
                Err(_) => (Vec::new(), candidates),
            },
        )
    }
}
