//! The full-text scan: reads candidate bodies on worker threads and reports matches as they
//! are found, so the first results show while the rest is still being read.
//!
//! Workers claim small chunks of candidates in order (the caller's order, newest first in the
//! reader), so results arrive roughly top to bottom; the cancel flag is checked before every
//! file. Reporting: the first match is sent at once, later ones are batched with progress at
//! most every [`TICK`], so a search matching everything does not flood the channel.
//! [`scan_blocking`] runs the very same workers for the command line.

use super::body::BodyReader;
use super::query::Query;
use crate::library::Origin;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering::Relaxed};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// The longest wait between two progress reports.
pub const TICK: Duration = Duration::from_millis(30);

/// Candidates a worker claims at a time: small, so the first results come early and in order.
const CHUNK: usize = 8;

/// One article to look at. `in_meta`: the terms its metadata already holds (see
/// `Query::candidate`); the body is searched for the others. `keys`: the query's key filters
/// it passes. From `(id, path)`: none of either.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: usize,
    pub path: PathBuf,
    pub in_meta: u64,
    pub keys: u64,
}

impl From<(usize, PathBuf)> for Candidate {
    fn from((id, path): (usize, PathBuf)) -> Candidate {
        Candidate {
            id,
            path,
            in_meta: 0,
            keys: 0,
        }
    }
}

/// What a running scan reports. A channel that closes without `Done` means the scan was
/// cancelled (or its thread could not start).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Ids of matching candidates, in no particular order across batches.
    Found(Vec<usize>),
    Progress {
        done: usize,
        total: usize,
    },
    Done {
        matched: usize,
        elapsed: Duration,
    },
}

/// A scan running in the background. Dropping it cancels it.
#[derive(Debug)]
pub struct Scan {
    pub events: Receiver<Event>,
    cancel: Arc<AtomicBool>,
}

impl Scan {
    /// Asks the workers to stop; they do before their next file.
    pub fn cancel(&self) {
        self.cancel.store(true, Relaxed);
    }
}

impl Drop for Scan {
    fn drop(&mut self) {
        self.cancel();
    }
}

/// Starts scanning the bodies of `candidates` for `query`'s terms on background threads.
/// Key filters are taken from each candidate's `keys` (see `Query::candidates_in`).
pub fn spawn<C: Into<Candidate>>(origin: Origin, candidates: Vec<C>, query: Query) -> Scan {
    spawn_observed(origin, candidates, query, || {})
}

/// [`spawn`], calling `after_each` on the worker once each candidate is done: a test holds
/// a worker there until it has cancelled, so cancelling never races the scan's end.
pub(crate) fn spawn_observed<C: Into<Candidate>>(
    origin: Origin,
    candidates: Vec<C>,
    query: Query,
    after_each: impl Fn() + Send + Sync + 'static,
) -> Scan {
    let candidates: Vec<Candidate> = candidates.into_iter().map(Into::into).collect();
    spawn_inner(origin, candidates, query, Box::new(|c, _, _| c), after_each)
}

/// How candidates are settled before the scan: `settle(candidates, query, matched)` hands
/// the ids known to match to `matched` as it finds them (reported at once, never read) and
/// returns the candidates still to read.
pub type Settle =
    dyn FnOnce(Vec<Candidate>, &Query, &mut dyn FnMut(usize)) -> Vec<Candidate> + Send;

/// [`spawn`], the candidates first sorted on the scan's thread by `settle` (see [`Settle`]):
/// how the full-text index (`fulltext`) shortens a scan without ever changing its answer.
pub fn spawn_settled(
    origin: Origin,
    candidates: Vec<Candidate>,
    query: Query,
    settle: Box<Settle>,
) -> Scan {
    spawn_inner(origin, candidates, query, settle, || {})
}

fn spawn_inner(
    origin: Origin,
    candidates: Vec<Candidate>,
    query: Query,
    settle: Box<Settle>,
    after_each: impl Fn() + Send + Sync + 'static,
) -> Scan {
    let (tx, events) = mpsc::channel();
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&cancel);
    let started = Instant::now();
    let work = move || {
        let total = candidates.len();
        let reporter = Reporter::new(tx, total, started, &flag);
        let candidates = settle(candidates, &query, &mut |id| {
            reporter.found(id);
            reporter.tick();
        });
        let job = Job::new(origin, &candidates, &query, &flag);
        job.run(&|i| reporter.found(candidates[i].id), &|| {
            reporter.tick();
            after_each();
        });
        if !flag.load(Relaxed) {
            reporter.finish();
        }
    };
    let _ = std::thread::Builder::new()
        .name("gazette-search".into())
        .spawn(work);
    Scan { events, cancel }
}

/// The same scan, on the calling thread and helpers: the ids of matching candidates, in
/// candidate order.
pub fn scan_blocking<C: Into<Candidate>>(
    origin: Origin,
    candidates: Vec<C>,
    query: &Query,
) -> Vec<usize> {
    let candidates: Vec<Candidate> = candidates.into_iter().map(Into::into).collect();
    let found = Mutex::new(Vec::new());
    let never = AtomicBool::new(false);
    Job::new(origin, &candidates, query, &never).run(
        &|i| found.lock().unwrap_or_else(PoisonError::into_inner).push(i),
        &|| {},
    );
    let mut found = found.into_inner().unwrap_or_else(PoisonError::into_inner);
    found.sort_unstable();
    found.into_iter().map(|i| candidates[i].id).collect()
}

struct Job<'a> {
    origin: Origin,
    candidates: &'a [Candidate],
    query: &'a Query,
    cancel: &'a AtomicBool,
    next: AtomicUsize,
}

impl<'a> Job<'a> {
    fn new(
        origin: Origin,
        candidates: &'a [Candidate],
        query: &'a Query,
        cancel: &'a AtomicBool,
    ) -> Job<'a> {
        Job {
            origin,
            candidates,
            query,
            cancel,
            next: AtomicUsize::new(0),
        }
    }

    /// Runs the workers (this thread is one of them) until every candidate is done or the
    /// scan is cancelled. `found` gets the index of each matching candidate; `tick` is called
    /// after each candidate.
    fn run(&self, found: &(dyn Fn(usize) + Sync), tick: &(dyn Fn() + Sync)) {
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(8));
        std::thread::scope(|s| {
            for _ in 1..threads {
                s.spawn(|| self.work(found, tick));
            }
            self.work(found, tick);
        });
    }

    fn work(&self, found: &(dyn Fn(usize) + Sync), tick: &(dyn Fn() + Sync)) {
        let mut reader = BodyReader::default();
        loop {
            let start = self.next.fetch_add(CHUNK, Relaxed);
            if start >= self.candidates.len() {
                return;
            }
            let end = (start + CHUNK).min(self.candidates.len());
            for (i, c) in (start..end).zip(&self.candidates[start..end]) {
                if self.cancel.load(Relaxed) {
                    return;
                }
                if reader.accepts(self.origin, c, self.query) {
                    found(i);
                }
                tick();
            }
        }
    }
}

/// Turns worker callbacks into events: the first match at once, then batches with progress.
struct Reporter<'a> {
    tx: Sender<Event>,
    total: usize,
    started: Instant,
    cancel: &'a AtomicBool,
    done: AtomicUsize,
    matched: AtomicUsize,
    first_sent: AtomicBool,
    /// Milliseconds since `started` at which the next progress report is due.
    due: AtomicU64,
    pending: Mutex<Vec<usize>>,
}

impl<'a> Reporter<'a> {
    fn new(tx: Sender<Event>, total: usize, started: Instant, cancel: &'a AtomicBool) -> Self {
        Reporter {
            tx,
            total,
            started,
            cancel,
            done: AtomicUsize::new(0),
            matched: AtomicUsize::new(0),
            first_sent: AtomicBool::new(false),
            due: AtomicU64::new(TICK.as_millis() as u64),
            pending: Mutex::new(Vec::new()),
        }
    }

    fn found(&self, id: usize) {
        self.matched.fetch_add(1, Relaxed);
        let mut pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner);
        pending.push(id);
        if !self.first_sent.swap(true, Relaxed) {
            self.send(Event::Found(std::mem::take(&mut pending)));
        }
    }

    fn tick(&self) {
        self.done.fetch_add(1, Relaxed);
        let now = self.started.elapsed().as_millis() as u64;
        if now < self.due.load(Relaxed) {
            return;
        }
        // Whoever gets the lock reports; the others carry on.
        if let Ok(mut pending) = self.pending.try_lock()
            && now >= self.due.load(Relaxed)
        {
            self.due.store(now + TICK.as_millis() as u64, Relaxed);
            self.flush(&mut pending);
        }
    }

    fn flush(&self, pending: &mut Vec<usize>) {
        if !pending.is_empty() {
            self.send(Event::Found(std::mem::take(pending)));
        }
        let done = self.done.load(Relaxed);
        self.send(Event::Progress {
            done,
            total: self.total,
        });
    }

    fn finish(&self) {
        let mut pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner);
        self.flush(&mut pending);
        self.send(Event::Done {
            matched: self.matched.load(Relaxed),
            elapsed: self.started.elapsed(),
        });
    }

    /// A closed channel means nobody listens any more: stop.
    fn send(&self, event: Event) {
        if self.tx.send(event).is_err() {
            self.cancel.store(true, Relaxed);
        }
    }
}
