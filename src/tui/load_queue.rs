//! Loader and watcher batches on their way to the event loop, kept apart from its channel so
//! that a key never waits behind them.
//!
//! A warm start decodes its cache faster than the loop takes the articles in: at a million
//! articles, up to 730 batches (a second of the loop's work) stood in the channel at once,
//! and a key sent behind them was read only after all of them. Here the batches wait in a
//! queue of their own, in the order they were sent; the loop reads its channel first (keys,
//! signals, results) and takes batches between, and the channel carries only a word that
//! batches are waiting, sent when the queue was empty (so at most one such word is pending
//! for batches not taken yet).

use crate::library::loader::LoadEvent;
use std::collections::VecDeque;
use std::sync::mpsc::Receiver;
use std::sync::{Mutex, MutexGuard};

/// What the loop takes in next: an event from its channel, or a batch from the queue.
pub enum Next<T> {
    Channel(T),
    Load(LoadEvent),
}

/// The next thing to take in: `first` (an event the loop has already received), else what
/// the channel holds, and only when it holds nothing, the queue's first batch; `None` when
/// both are empty.
pub fn next<T>(first: &mut Option<T>, channel: &Receiver<T>, queue: &LoadQueue) -> Option<Next<T>> {
    match first.take().or_else(|| channel.try_recv().ok()) {
        Some(event) => Some(Next::Channel(event)),
        None => queue.pop().map(Next::Load),
    }
}

#[derive(Default)]
pub struct LoadQueue(Mutex<VecDeque<LoadEvent>>);

impl LoadQueue {
    /// Adds `event` at the end; true when the queue was empty: the loop may be asleep and is
    /// to be told (it empties the queue before it sleeps without a timeout of zero).
    pub fn push(&self, event: LoadEvent) -> bool {
        let mut queue = self.lock();
        queue.push_back(event);
        queue.len() == 1
    }

    /// The first event waiting, if any.
    pub fn pop(&self) -> Option<LoadEvent> {
        self.lock().pop_front()
    }

    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }

    /// A sender that panicked while holding the lock left a whole queue (pushes and pops
    /// are single calls): it is used as it is.
    fn lock(&self) -> MutexGuard<'_, VecDeque<LoadEvent>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn progress(done: usize) -> LoadEvent {
        LoadEvent::Progress { found: 9, done }
    }

    fn done_of(event: Option<LoadEvent>) -> Option<usize> {
        match event {
            Some(LoadEvent::Progress { done, .. }) => Some(done),
            _ => None,
        }
    }

    #[test]
    fn the_channels_events_come_before_the_batches_waiting() {
        let queue = LoadQueue::default();
        let (tx, rx) = std::sync::mpsc::channel();
        queue.push(progress(1));
        queue.push(progress(2));
        tx.send("j").unwrap();
        let taken = |first: &mut Option<&'static str>| match next(first, &rx, &queue) {
            Some(Next::Channel(key)) => format!("key {key}"),
            Some(Next::Load(e)) => format!("batch {:?}", done_of(Some(e))),
            None => "nothing".into(),
        };
        let mut first = Some("k");
        assert_eq!(taken(&mut first), "key k", "the one received first");
        assert_eq!(taken(&mut first), "key j", "the channel before the queue");
        assert_eq!(taken(&mut first), "batch Some(1)");
        tx.send("g").unwrap();
        assert_eq!(taken(&mut first), "key g", "a key sent between two batches");
        assert_eq!(taken(&mut first), "batch Some(2)");
        assert_eq!(taken(&mut first), "nothing");
    }

    #[test]
    fn events_come_out_in_order_and_only_a_push_into_an_empty_queue_wakes_the_loop() {
        let queue = LoadQueue::default();
        assert!(queue.push(progress(1)), "the first wakes the loop");
        assert!(!queue.push(progress(2)), "the loop has been told already");
        assert!(!queue.push(progress(3)));
        assert_eq!(done_of(queue.pop()), Some(1));
        assert!(!queue.push(progress(4)), "still not empty");
        assert_eq!(done_of(queue.pop()), Some(2));
        assert_eq!(done_of(queue.pop()), Some(3));
        assert_eq!(done_of(queue.pop()), Some(4));
        assert!(queue.is_empty() && queue.pop().is_none());
        assert!(queue.push(progress(5)), "emptied: the next wakes it again");
    }
}
