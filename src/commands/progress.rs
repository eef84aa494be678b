//! The progress bar `check` and `list` draw on stderr while a big library loads, so a long
//! wait says how far it got and how long is left instead of looking hung.
//!
//! Only numbers are drawn — never a path or anything else from an article — so nothing from
//! a file can reach the terminal through the bar. When stderr is not a terminal nothing is
//! drawn at all: a script reading stderr sees exactly what it saw before. There is no
//! steady-tick thread: the bar redraws when the loader reports progress (indicatif limits
//! how often it really draws), and it is cleared when loading ends, so whatever the command
//! prints next starts on a clean line.

use indicatif::{HumanCount, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// Fewer files than this left to read load in a blink: a bar would only flash.
const WORTH_A_BAR: usize = 100;

/// What the bar shows: files read of those that need reading, the rate and the time left, on
/// one line as wide as the terminal (a line that wrapped could not be cleared). ASCII only, so
/// it reads the same on any terminal.
const TEMPLATE: &str =
    "gazette: {prefix}reading {wide_bar} {human_pos}/{human_len} files, {per_sec:0}, {eta} left";

/// A progress bar for one load, decided at its first report.
pub struct LoadBar {
    /// Where to draw; `None` when stderr is not a terminal (nothing is ever drawn).
    target: Option<ProgressDrawTarget>,
    state: State,
}

enum State {
    /// No report yet.
    Waiting,
    /// Too little to read for a bar, or no terminal.
    Quiet,
    /// Drawing; `skipped` files were done (cached) before reading began.
    Shown { bar: ProgressBar, skipped: usize },
}

impl LoadBar {
    /// A bar on stderr if stderr is a terminal, else one that never draws.
    pub fn on_stderr() -> LoadBar {
        let target = std::io::stderr()
            .is_terminal()
            .then(ProgressDrawTarget::stderr);
        LoadBar::to(target)
    }

    /// A bar drawing on `target` (`None`: nowhere).
    fn to(target: Option<ProgressDrawTarget>) -> LoadBar {
        LoadBar {
            target,
            state: State::Waiting,
        }
    }

    /// Takes in a loader report: `found` article files, `done` of them read or valid in the
    /// cache. The bar counts only the files that need reading, so its rate and ETA are not
    /// thrown off by the cached ones, which are done at once.
    pub fn report(&mut self, found: usize, done: usize) {
        match &self.state {
            State::Waiting => {
                let to_read = found.saturating_sub(done);
                self.state = match self.target.take() {
                    Some(target) if to_read >= WORTH_A_BAR => {
                        let style = ProgressStyle::with_template(TEMPLATE)
                            .expect("the template is valid")
                            .progress_chars("=> ");
                        let bar = ProgressBar::with_draw_target(Some(to_read as u64), target)
                            .with_style(style)
                            .with_prefix(cached(done));
                        bar.tick();
                        State::Shown { bar, skipped: done }
                    }
                    _ => State::Quiet,
                };
            }
            State::Quiet => {}
            State::Shown { bar, skipped } => {
                bar.set_position(done.saturating_sub(*skipped) as u64);
            }
        }
    }
}

impl Drop for LoadBar {
    /// Loading ended (or failed): the bar leaves no line behind.
    fn drop(&mut self) {
        if let State::Shown { bar, .. } = &self.state {
            bar.finish_and_clear();
        }
    }
}

/// Names the files that were valid in the cache, which the bar does not count.
fn cached(n: usize) -> String {
    if n == 0 {
        String::new()
    } else {
        format!("{} cached, ", HumanCount(n as u64))
    }
}
