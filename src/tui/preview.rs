//! The preview worker: reads and lays out the body of the article the reader pane previews,
//! on its own thread, so moving the selection never waits for a file or a layout.
//!
//! Jobs are coalesced: the worker takes the latest job waiting and drops the ones before it,
//! so a fast run of `j` presses prepares at most the article it started on and the one it
//! ended on. A result that is stale by the time it arrives is dropped by `update`.

use crate::app::reader::preview::{Prepared, PreviewJob};
use std::sync::mpsc::{self, Sender};

/// The handle on the worker thread; dropping it ends the thread once its job is done.
pub struct Worker {
    jobs: Sender<PreviewJob>,
}

impl Worker {
    /// A worker sending what it prepares to `report` (until that fails: the loop is gone).
    pub fn spawn(report: impl Fn(Prepared) -> bool + Send + 'static) -> Worker {
        let (jobs, rx) = mpsc::channel::<PreviewJob>();
        std::thread::spawn(move || {
            while let Ok(first) = rx.recv() {
                let job = rx.try_iter().last().unwrap_or(first);
                let read = crate::library::read_body(job.origin, job.path());
                if !report(job.finish(read)) {
                    return;
                }
            }
        });
        Worker { jobs }
    }

    /// Prepares `job` once the worker is free, replacing any job still waiting.
    pub fn send(&self, job: PreviewJob) {
        // The worker only ends when the loop does; a job then has no one to show it to.
        let _ = self.jobs.send(job);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Library;

    #[test]
    fn jobs_waiting_behind_a_busy_worker_come_down_to_the_latest() {
        let lib = Library::sample();
        let job = |id: usize| {
            let meta = lib.articles[id].clone();
            PreviewJob::new(id, 40, lib.origin, meta, String::new())
        };
        // The worker reports what it prepared, then waits for the test to let it go on: the
        // jobs sent meanwhile are all waiting when it looks again.
        let (started_tx, started) = mpsc::channel();
        let (release_tx, release) = mpsc::channel::<()>();
        let worker = Worker::spawn(move |p: Prepared| {
            let body_read = p.body.is_ok() && p.rendered.is_some();
            started_tx.send((p.article, body_read)).is_ok() && release.recv().is_ok()
        });
        worker.send(job(0));
        assert_eq!(started.recv().unwrap(), (0, true));
        for id in 1..=3 {
            worker.send(job(id));
        }
        release_tx.send(()).unwrap();
        assert_eq!(started.recv().unwrap(), (3, true), "1 and 2 were dropped");
        release_tx.send(()).unwrap();
        drop(worker);
        // The worker ends once its jobs are gone: nothing else was prepared.
        assert_eq!(started.iter().collect::<Vec<_>>(), []);
    }
}
