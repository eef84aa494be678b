//! The reader's index: brought up to date on a low-priority thread after the load finishes
//! and after each change the watcher reports, and used by `/` once a first update is done.
//!
//! The thread sleeps in a channel receive between updates (no CPU when idle). Searches never
//! wait for it: before the first update, or while a damaged index is rebuilt, they scan.
//!
//! After each update the thread publishes a [`Current`]: the documents made from the files
//! as its walk found them. It answers for the library while no change was reported since
//! that walk (every [`Background::refresh`] counts one), so a search then stats no file;
//! after a reported change, until the next update is published, searches stat each
//! candidate's file as the command line does — never is a changed file answered for by its
//! old document.

use super::docs::Current;
use super::lookup::narrow_each;
use super::on_disk::FullText;
use super::update::update;
use crate::library::Origin;
use crate::search::query::Query;
use crate::search::scan::{Candidate, Scan, spawn, spawn_settled};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed, Ordering::SeqCst};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Condvar, Mutex, PoisonError};

/// Fewer files than this to read are indexed without a word in the status bar (a file
/// saved while reading is no news, and would hide what the status bar said).
const WORTH_A_NOTE: usize = 100;

/// How much lower than the reader the indexer runs (a `nice` increment).
const NICENESS: i32 = 10;

/// The handle the event loop keeps (and the loader, to ask for updates).
#[derive(Clone)]
pub struct Background {
    dir: PathBuf,
    shared: Arc<Shared>,
    wake: Sender<()>,
}

/// What the indexer thread and the searches share.
#[derive(Default)]
struct Shared {
    /// Refreshes asked for so far: the library's changes reported to the indexer.
    asked: AtomicU64,
    /// An update finished once: the index can serve searches.
    ready: AtomicBool,
    published: Mutex<Published>,
    /// Signalled whenever `published` changes.
    changed: Condvar,
}

/// Held by the indexer thread: when it ends, nobody will answer a refresh any more.
struct Ends(Arc<Shared>);

impl Drop for Ends {
    fn drop(&mut self) {
        let mut published = (self.0.published.lock()).unwrap_or_else(PoisonError::into_inner);
        published.ended = true;
        self.0.changed.notify_all();
    }
}

/// The last update's outcome.
#[derive(Default)]
struct Published {
    /// How many refreshes had been asked for when the last finished update began.
    answered: u64,
    /// The index as that update left it; `None` when it failed or could not be opened.
    current: Option<Arc<Mutex<Current>>>,
    /// The indexer thread has ended.
    ended: bool,
}

impl Shared {
    /// The published state, when it answers for the library as it is now.
    fn current(&self) -> Option<Arc<Mutex<Current>>> {
        let published = self
            .published
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        (published.answered == self.asked.load(SeqCst))
            .then(|| published.current.clone())
            .flatten()
    }

    fn publish(&self, answered: u64, current: Option<Current>) {
        let mut published = self
            .published
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        published.answered = answered;
        published.current = current.map(|c| Arc::new(Mutex::new(c)));
        self.changed.notify_all();
    }
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
        let shared = Arc::new(Shared::default());
        let ours = Arc::clone(&shared);
        let index_dir = dir.clone();
        let work = move || {
            let ours = Ends(ours);
            let ours = &ours.0;
            // Per thread on Linux; the threads started from here inherit it.
            let _ = rustix::process::nice(NICENESS);
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(1)
                .thread_name(|_| "gazette-index-read".into())
                .build();
            let never = AtomicBool::new(false);
            while rx.recv().is_ok() {
                while rx.try_recv().is_ok() {}
                // Read before the walk: a change reported from here on makes this update's
                // result stale for searches.
                let answers = ours.asked.load(SeqCst);
                // What the load (or the reader since) freed goes back before this walk adds
                // its own list: the first update is the reader's high-water mark otherwise.
                crate::memory::give_back();
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
                let current = (outcome.as_ref().ok())
                    .and_then(|_| FullText::open(&index_dir).ok())
                    .and_then(|ft| Current::new(ft, &files).ok());
                drop(files);
                // The walk's paths and the update's lists: a million of each at a million.
                crate::memory::give_back();
                if outcome.is_ok() {
                    ours.ready.store(true, Relaxed);
                }
                ours.publish(answers, current);
                let said = match outcome {
                    Ok(_) => shown.map(|_| "full-text index up to date".to_string()),
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
        Background { dir, shared, wake }
    }

    /// Asks for an update (the load finished, or the watcher saw changes); several requests
    /// made while one runs are served by one more update. Until that update is published,
    /// searches stat each candidate's file: call it as soon as a change is known, before the
    /// reader hears of it.
    pub fn refresh(&self) {
        self.shared.asked.fetch_add(1, SeqCst);
        let _ = self.wake.send(());
    }

    /// Waits until an update answering every refresh asked for so far has finished; true when
    /// searches then use the index without a stat (false: the update failed, or the indexer
    /// ended first). For benches and tests; the reader never waits.
    pub fn wait_current(&self) -> bool {
        let mut published = (self.shared.published.lock()).unwrap_or_else(PoisonError::into_inner);
        loop {
            let asked = self.shared.asked.load(SeqCst);
            if published.answered >= asked || published.ended {
                return published.answered == asked && published.current.is_some();
            }
            published =
                (self.shared.changed.wait(published)).unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// Starts the full-text search of `candidates`: through the index once it is ready (the
    /// rest read on the scan's thread), else the plain scan. The candidates' ids must name
    /// the same files from one search to the next, as the reader's catalog ids do.
    pub fn spawn_scan(&self, origin: Origin, candidates: Vec<Candidate>, query: Query) -> Scan {
        if origin != Origin::Disk || !self.shared.ready.load(Relaxed) {
            return spawn(origin, candidates, query);
        }
        if let Some(current) = self.shared.current() {
            return spawn_settled(
                origin,
                candidates,
                query,
                Box::new(move |candidates, query, matched| {
                    let mut current = current.lock().unwrap_or_else(PoisonError::into_inner);
                    match current.meet(&candidates) {
                        Ok(()) => {
                            narrow_each(&current.ft, &current.map, query, candidates, matched)
                        }
                        Err(_) => candidates,
                    }
                }),
            );
        }
        let dir = self.dir.clone();
        spawn_settled(
            origin,
            candidates,
            query,
            Box::new(
                move |candidates, query, matched| match FullText::open(&dir) {
                    Ok(ft) => {
                        let narrowed = super::narrowed(&ft, candidates, query);
                        narrowed.matched.into_iter().for_each(matched);
                        narrowed.read
                    }
                    Err(_) => candidates,
                },
            ),
        )
    }
}
