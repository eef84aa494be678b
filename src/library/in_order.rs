//! Work on pieces of a list in parallel, the results taken in order on the calling thread,
//! with no wait at the end of each piece.
//!
//! The loader used to read a batch of files in parallel, then hand it on (and encode its
//! cache entries) on the calling thread while the workers waited for the next batch: on two
//! cores that left one idle for a part of every batch. Here the workers take the next piece
//! as soon as they finish one, and the calling thread hands each result on once every piece
//! before it is done, so results come in the order of the input, as before. `list --json`
//! formats its lines the same way.

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// Runs `work` on each `piece`-long part of `items` on as many threads as rayon's pool has
/// (plain threads: the calling thread may itself be a rayon worker), and calls `each` with
/// the results on the calling thread, in the order of the parts. `each` returning `Break`
/// stops the work (no more results are made). A panic in `work` or `each` reaches the caller
/// once the workers have stopped.
pub fn map_in_order<T: Sync, R: Send>(
    items: &[T],
    piece: usize,
    work: impl Fn(&[T]) -> R + Sync,
    each: impl FnMut(R) -> ControlFlow<()>,
) {
    on_threads(rayon::current_num_threads(), items, piece, work, each);
}

/// [`map_in_order`] on at most `threads` threads.
fn on_threads<T: Sync, R: Send>(
    threads: usize,
    items: &[T],
    piece: usize,
    work: impl Fn(&[T]) -> R + Sync,
    mut each: impl FnMut(R) -> ControlFlow<()>,
) {
    let parts: Vec<&[T]> = items.chunks(piece.max(1)).collect();
    if let [only] = parts[..] {
        // One part: no thread to start.
        let _ = each(work(only));
        return;
    }
    if parts.is_empty() {
        return;
    }
    let threads = threads.clamp(1, parts.len());
    let next = AtomicUsize::new(0);
    // Bounded: workers wait rather than pile results up ahead of a slow `each` (a pipe).
    let (tx, rx) = mpsc::sync_channel::<(usize, R)>(threads * 2);
    std::thread::scope(|s| {
        for _ in 0..threads {
            let (tx, next, parts, work) = (tx.clone(), &next, &parts, &work);
            s.spawn(move || {
                // Parts are taken in order, so the calling thread holds only the few finished
                // after one still being worked on.
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(part) = parts.get(i) else {
                        break;
                    };
                    if tx.send((i, work(part))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut early = BTreeMap::new();
        let mut wanted = 0;
        // Ends when every worker has stopped (their senders dropped), or on `Break`
        // (the receiver dropped: the workers' next send fails).
        'all: for (i, result) in rx {
            early.insert(i, result);
            while let Some(result) = early.remove(&wanted) {
                wanted += 1;
                if each(result).is_break() {
                    break 'all;
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_the_order_of_the_parts() {
        let items: Vec<u32> = (0..1000).collect();
        let mut got = Vec::new();
        map_in_order(
            &items,
            7,
            |part| part.to_vec(),
            |r| {
                got.push(r);
                ControlFlow::Continue(())
            },
        );
        assert_eq!(got.len(), 1000usize.div_ceil(7));
        assert_eq!(got.concat(), items);
    }

    #[test]
    fn a_part_done_early_waits_for_those_before_it() {
        // The first part is held until the second is done, so the second arrives first.
        let second_done = std::sync::atomic::AtomicBool::new(false);
        let mut got = Vec::new();
        on_threads(
            2,
            &[0, 1, 2, 3],
            2,
            |part| {
                if part[0] == 0 {
                    while !second_done.load(Ordering::Acquire) {
                        std::thread::yield_now();
                    }
                } else {
                    second_done.store(true, Ordering::Release);
                }
                part.to_vec()
            },
            |r| {
                got.push(r);
                ControlFlow::Continue(())
            },
        );
        assert_eq!(got, [[0, 1], [2, 3]]);
    }

    #[test]
    fn a_break_stops_the_results() {
        let items: Vec<u32> = (0..1000).collect();
        let mut got = Vec::new();
        map_in_order(
            &items,
            10,
            |part| part[0],
            |first| {
                got.push(first);
                if got.len() == 3 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            },
        );
        assert_eq!(got, [0, 10, 20]);
    }

    #[test]
    fn no_items_no_results() {
        let mut calls = 0;
        map_in_order(
            &[] as &[u8],
            4,
            |p| p.len(),
            |_| {
                calls += 1;
                ControlFlow::Continue(())
            },
        );
        assert_eq!(calls, 0);
    }
}
