//! When the event loop folds arrived articles into the list (`Msg::SettleSome`), so that a
//! key is drawn soon whatever the load is doing.
//!
//! While a large load streams in, the list takes in articles every [`SETTLE_EVERY`], and
//! then in slices of [`SETTLE_SLICE`], one a turn of the loop, until none is left: at a
//! million articles, folding in all that arrived in 100 ms took up to 17 ms of one turn, and
//! a key pressed meanwhile waited for all of it. (The loop also draws a turn's input — a key,
//! a click, a paste — before it settles anything: the user's input comes first.)
//!
//! Frames drawn for anything but the user's input — batches taken in, slices folded in —
//! are [`Frames`]'d at most every [`FRAME_EVERY`]: a warm start sends a batch every
//! millisecond or two, and drawing after each one was most of the loop's time, time a key
//! then waited for in the run queue.

use std::time::{Duration, Instant};

/// How often the list takes in arriving articles while a load streams in (a batch at a time
/// would re-sort the list for every batch).
pub const SETTLE_EVERY: Duration = Duration::from_millis(100);

/// The most articles one turn of the loop folds into the list (about 1 ms at a million).
pub const SETTLE_SLICE: usize = 8192;

/// What the loop remembers between turns to pace settling.
pub struct Pace {
    /// When the last slice was folded in.
    last: Instant,
    /// The last slice left articles waiting: the next turn takes the next slice.
    backlog: bool,
}

impl Pace {
    /// Pacing from `now`: the first articles are folded in as soon as they arrive.
    pub fn new(now: Instant) -> Pace {
        Pace {
            last: now.checked_sub(SETTLE_EVERY).unwrap_or(now),
            backlog: false,
        }
    }

    /// Whether this turn folds a slice into the list, with articles `pending` and the load
    /// still `loading` (after it, and for the watcher's changes, at once).
    pub fn settle_now(&self, pending: bool, loading: bool, now: Instant) -> bool {
        pending && (!loading || self.backlog || self.due(now))
    }

    /// A slice was folded in at `now`; `left`: articles are still waiting.
    pub fn settled(&mut self, now: Instant, left: bool) {
        self.last = now;
        self.backlog = left;
    }

    /// How long the loop may wait for events before it has a slice to fold in, with
    /// articles `pending`; `None` when nothing is pending.
    pub fn wait(&self, pending: bool, loading: bool, now: Instant) -> Option<Duration> {
        if !pending {
            return None;
        }
        Some(match !loading || self.backlog {
            true => Duration::ZERO,
            false => SETTLE_EVERY.saturating_sub(now.saturating_duration_since(self.last)),
        })
    }

    fn due(&self, now: Instant) -> bool {
        now.saturating_duration_since(self.last) >= SETTLE_EVERY
    }
}

/// The shortest time between two frames drawn for what is not the user's input (60 a second).
pub const FRAME_EVERY: Duration = Duration::from_millis(16);

/// When the loop draws: at once for the user's input and for the first articles listed,
/// else once [`FRAME_EVERY`] has passed since the last frame, a change meanwhile owed.
#[derive(Clone)]
pub struct Frames {
    last: Instant,
    /// The state changed since the last frame.
    owed: bool,
}

impl Frames {
    /// Pacing from `now`: the first frame is drawn at once.
    pub fn new(now: Instant) -> Frames {
        Frames {
            last: now.checked_sub(FRAME_EVERY).unwrap_or(now),
            owed: false,
        }
    }

    /// Whether to draw now, the state having `changed` since the last turn (`at_once`: the
    /// user's input, or the first articles listed).
    pub fn draw_now(&mut self, changed: bool, at_once: bool, now: Instant) -> bool {
        self.owed |= changed || at_once;
        self.owed && (at_once || now.saturating_duration_since(self.last) >= FRAME_EVERY)
    }

    /// A frame was drawn at `now`.
    pub fn drawn(&mut self, now: Instant) {
        self.last = now;
        self.owed = false;
    }

    /// A change is not drawn yet.
    pub fn owed(&self) -> bool {
        self.owed
    }

    /// How long the loop may wait before the frame owed is due; `None`: none is owed.
    pub fn wait(&self, now: Instant) -> Option<Duration> {
        let since = now.saturating_duration_since(self.last);
        self.owed.then(|| FRAME_EVERY.saturating_sub(since))
    }
}

/// How long the loop may sleep waiting for its next event: until the next slice is due (with
/// articles `pending`, the load still `loading`), the frame owed is due, or the loop's own
/// `deadline` (a running search's tick, a key the startup bench is to press), whichever
/// comes first; `None`: nothing is due, and only an event wakes it (or the caller's idle
/// check). Zero only when something is due now: a loop that waited zero with nothing to do
/// would spin and take a core from the loader.
pub fn sleep(
    pace: &Pace,
    frames: &Frames,
    (pending, loading): (bool, bool),
    deadline: Option<Duration>,
    now: Instant,
) -> Option<Duration> {
    [pace.wait(pending, loading, now), frames.wait(now), deadline]
        .into_iter()
        .flatten()
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_drawn_a_frame_interval_apart_and_input_at_once() {
        let start = Instant::now();
        let at = |ms: u64| start + Duration::from_millis(ms);
        let mut frames = Frames::new(start);
        assert!(
            frames.draw_now(true, false, at(0)),
            "the first frame at once"
        );
        frames.drawn(at(0));
        // A batch 2 ms later: owed, drawn when the interval is over.
        assert!(!frames.draw_now(true, false, at(2)));
        assert_eq!(frames.wait(at(2)), Some(Duration::from_millis(14)));
        assert!(
            !frames.draw_now(false, false, at(10)),
            "still owed, not due"
        );
        assert!(frames.draw_now(false, false, at(16)), "owed and due");
        frames.drawn(at(16));
        // Nothing changed: nothing to draw, nothing to wait for.
        assert!(!frames.draw_now(false, false, at(40)));
        assert_eq!(frames.wait(at(40)), None);
        // A key 1 ms after a frame: drawn at once.
        frames.drawn(at(41));
        assert!(frames.draw_now(false, true, at(42)));
    }

    /// Every state the loop can be in at a few moments: a sleep of zero means a slice or a
    /// frame is due now, and with nothing pending, owed or set, the loop blocks.
    #[test]
    fn the_loop_sleeps_zero_only_when_something_is_due() {
        let start = Instant::now() + Duration::from_secs(1);
        let at = |ms: u64| start + Duration::from_millis(ms);
        let mut checked = 0;
        for settled_at in [0, 50, 100] {
            for backlog in [false, true] {
                let mut pace = Pace::new(start);
                pace.settled(at(settled_at), backlog);
                for drawn_at in [0, 95, 110] {
                    for owed in [false, true] {
                        let mut frames = Frames::new(start);
                        frames.drawn(at(drawn_at));
                        frames.draw_now(owed, false, at(drawn_at));
                        for (pending, loading) in [(false, false), (true, true), (true, false)] {
                            for now in [at(100), at(120), at(200)] {
                                let slept = sleep(&pace, &frames, (pending, loading), None, now);
                                let due = pace.settle_now(pending, loading, now)
                                    || frames.clone().draw_now(false, false, now);
                                assert_eq!(
                                    slept == Some(Duration::ZERO),
                                    due,
                                    "settled at {settled_at} (backlog {backlog}), drawn at \
                                     {drawn_at} (owed {owed}), pending {pending}, loading \
                                     {loading}: slept {slept:?}"
                                );
                                if !pending && !frames.owed() {
                                    assert_eq!(slept, None, "nothing to do: block");
                                }
                                checked += 1;
                            }
                        }
                    }
                }
            }
        }
        assert_eq!(checked, 3 * 2 * 3 * 2 * 3 * 3);
        // The loop's own deadline counts, and the earliest wins.
        let (pace, frames) = (Pace::new(start), Frames::new(start));
        let tick = Some(Duration::from_millis(30));
        assert_eq!(sleep(&pace, &frames, (false, true), tick, start), tick);
        let mut pace = Pace::new(start);
        pace.settled(at(90), false);
        assert_eq!(
            sleep(&pace, &frames, (true, true), tick, at(100)),
            Some(Duration::from_millis(30))
        );
        assert_eq!(
            sleep(&pace, &frames, (true, true), tick, at(170)),
            Some(Duration::from_millis(20)),
            "the slice before the tick"
        );
    }

    #[test]
    fn a_load_is_folded_in_every_interval_then_slice_after_slice() {
        let start = Instant::now();
        let at = |ms: u64| start + Duration::from_millis(ms);
        let mut pace = Pace::new(start);
        // The first articles at once.
        assert!(pace.settle_now(true, true, at(0)));
        pace.settled(at(0), false);
        // Then not before the interval is over, and the loop may wait until it is.
        assert!(!pace.settle_now(true, true, at(40)));
        assert_eq!(
            pace.wait(true, true, at(40)),
            Some(Duration::from_millis(60))
        );
        assert!(pace.settle_now(true, true, at(100)));
        // A slice that left articles waiting: the next turn takes the next one, waiting for
        // nothing.
        pace.settled(at(100), true);
        assert!(pace.settle_now(true, true, at(101)));
        assert_eq!(pace.wait(true, true, at(101)), Some(Duration::ZERO));
        pace.settled(at(101), false);
        assert!(!pace.settle_now(true, true, at(102)));
        // Nothing pending: nothing to do, nothing to wait for.
        assert!(!pace.settle_now(false, true, at(300)));
        assert_eq!(pace.wait(false, true, at(300)), None);
        // After the load (or a watcher's change): at once.
        assert!(pace.settle_now(true, false, at(102)));
    }
}
