//! The interactive reader's event loop: the only place that touches the terminal. It reads
//! events, hands them to the pure `app` state, reads article bodies when one is opened, and
//! draws with `ui`. The terminal is restored on every exit path, panics included.

mod effects;
pub mod terminal;

use crate::app::dates::DayRange;
use crate::app::input::{on_key, on_mouse};
use crate::app::{AppState, Effect};
use crate::cli::FilterArgs;
use crate::config::Config;
use crate::library::loader::{LoadEvent, load};
use crate::library::{Filter, Library};
use crate::store::Store;
use crate::ui::{self, theme::Theme};
use ratatui::crossterm::event::{self, Event};
use std::io::Write;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// Everything the loop waits for, from the terminal and from background work.
enum AppEvent {
    Term(Event),
    Load(LoadEvent),
    /// Reading the terminal failed: the loop ends with this error.
    TermError(std::io::Error),
    /// A signal asked gazette to end.
    Signal(i32),
    /// Something finished in the background and has a word for the status bar.
    Message(String),
}

/// How the reader ended: by the user, or by a signal (its number). A terminal that vanished
/// (its window closed, ssh lost) ends it as the SIGHUP that comes with that does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    Signal(i32),
}

/// The longest the loop takes in events before drawing a frame.
const DRAIN_BUDGET: Duration = Duration::from_millis(8);

/// How often the list is re-sorted while articles stream in.
const SETTLE_EVERY: Duration = Duration::from_millis(100);

pub fn run(
    dirs: &[PathBuf],
    filter: &FilterArgs,
    no_cache: bool,
    config: &Config,
) -> anyhow::Result<Exit> {
    let (tx, rx) = mpsc::channel();
    let library = if dirs.is_empty() {
        Library::sample()
    } else {
        crate::commands::check_exist(dirs)?;
        spawn_loader(dirs.to_vec(), no_cache, tx.clone());
        Library::from_articles(Vec::new(), Vec::new())
    };
    let (store, store_warning) = Store::open(Store::default_path()?);
    let mut state = AppState::new(library, store, config.zone, chrono::Utc::now());
    state.keymap = config.keymap.clone();
    state.layout_widths = (config.wide, config.medium);
    state.date_format = config.date_format.clone();
    let theme = config.theme(crate::config::no_color_env());
    if !dirs.is_empty() {
        state.loading = Some(Default::default());
    }
    state.category = filter
        .category
        .as_deref()
        .map(Filter::parse_category)
        .unwrap_or_default();
    if filter.since.is_some() || filter.until.is_some() {
        state.days = Some(DayRange {
            from: filter.since,
            to: filter.until,
        });
    }
    state.refilter();
    state.message = store_warning;
    if state.loading.is_none() && state.message.is_none() {
        state.message = state.category_note();
    }

    spawn_signals(tx.clone())?;
    let mut terminal = match terminal::enter() {
        Ok(t) => t,
        Err(e) => {
            // Raw mode may be on already: never leave the terminal half set up.
            terminal::restore();
            return Err(
                anyhow::Error::new(e).context("cannot set up the terminal (is this a terminal?)")
            );
        }
    };
    spawn_input(tx.clone());
    let result = match event_loop(&mut terminal, &mut state, &rx, &tx, &theme) {
        Err(e) if terminal::is_gone(&e) => Ok(Exit::Signal(signal_hook::consts::SIGHUP)),
        other => other,
    };
    terminal::restore();
    terminal::close(terminal);
    state.remember_position();
    if let Err(e) = state.store.save() {
        // Not `eprintln!`: after a hangup stderr is the vanished terminal, and a failed
        // print must not turn a closed window into a crash.
        let _ = writeln!(
            std::io::stderr(),
            "gazette: warning: could not save the reading state to {}: {e}",
            state.store.path().display()
        );
    }
    result
}

/// SIGTERM, SIGHUP and SIGINT end the reader as `q` does: state saved, terminal restored;
/// the exit code then says which signal it was (128 + its number).
fn spawn_signals(tx: Sender<AppEvent>) -> anyhow::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::spawn(move || {
        for signal in signals.forever() {
            if tx.send(AppEvent::Signal(signal)).is_err() {
                return;
            }
        }
    });
    Ok(())
}

/// Reads the library in the background; articles arrive as events.
fn spawn_loader(dirs: Vec<PathBuf>, no_cache: bool, tx: Sender<AppEvent>) {
    std::thread::spawn(move || {
        let cache = if no_cache {
            None
        } else {
            crate::library::cache::path_for(&dirs)
        };
        load(&dirs, cache.as_deref(), &mut |e| {
            let _ = tx.send(AppEvent::Load(e));
        });
        crate::library::watch::spawn(dirs, move |e| tx.send(AppEvent::Load(e)).is_ok());
    });
}

/// Terminal input on its own thread, so the loop can wait for input and loading at once.
fn spawn_input(tx: Sender<AppEvent>) {
    std::thread::spawn(move || {
        loop {
            let event = match event::read() {
                Ok(e) => AppEvent::Term(e),
                Err(e) => AppEvent::TermError(e),
            };
            let failed = matches!(event, AppEvent::TermError(_));
            if tx.send(event).is_err() || failed {
                return;
            }
        }
    });
}

fn event_loop(
    terminal: &mut terminal::Term,
    state: &mut AppState,
    rx: &Receiver<AppEvent>,
    tx: &Sender<AppEvent>,
    theme: &Theme,
) -> anyhow::Result<Exit> {
    // The first articles are shown as soon as they arrive; later batches at most every
    // SETTLE_EVERY, so a large load does not re-sort the list for every batch.
    let mut last_settle = Instant::now()
        .checked_sub(SETTLE_EVERY)
        .unwrap_or_else(Instant::now);
    let crash_for_test = test_panic_asked();
    loop {
        if state.order_dirty && (state.loading.is_none() || last_settle.elapsed() >= SETTLE_EVERY) {
            state.settle();
            last_settle = Instant::now();
        }
        let size = terminal.size()?;
        state.size = (size.width, size.height);
        prepare(
            state,
            ratatui::layout::Rect::new(0, 0, size.width, size.height),
        );
        terminal.draw(|frame| ui::render(frame, state, theme))?;
        if crash_for_test {
            panic!("GAZETTE_TEST_PANIC is set: a crash on purpose, after the first frame");
        }
        // Wake up now and then without input: to settle arrived articles, and so a pending
        // save happens soon after a change.
        // A running search reports often; check on it as often.
        let searching = state.search.as_ref().is_some_and(|s| s.scan.is_some());
        let wait = if searching {
            crate::search::TICK
        } else if state.order_dirty {
            SETTLE_EVERY.saturating_sub(last_settle.elapsed())
        } else {
            SAVE_CHECK
        };
        let first = match rx.recv_timeout(wait) {
            Ok(e) => e,
            Err(RecvTimeoutError::Timeout) => {
                for e in state.pending_search_events() {
                    state.apply_search_event(e);
                }
                save_if_due(state);
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => return Ok(Exit::Quit),
        };
        // Take in what is waiting, but draw at least every DRAIN_BUDGET so a flood of
        // loader batches cannot hold the screen (and the keys queued behind them) still.
        let drain_start = Instant::now();
        let pending = std::iter::once(first).chain(std::iter::from_fn(|| {
            (drain_start.elapsed() < DRAIN_BUDGET)
                .then(|| rx.try_recv().ok())
                .flatten()
        }));
        for event in pending {
            let effect = match event {
                AppEvent::Term(Event::Key(key)) => on_key(state, key),
                AppEvent::Term(Event::Mouse(mouse)) => on_mouse(state, mouse),
                AppEvent::Term(_) => Effect::None,
                AppEvent::Load(e) => {
                    state.apply_load(e);
                    Effect::None
                }
                AppEvent::TermError(e) => return Err(e.into()),
                AppEvent::Signal(n) => return Ok(Exit::Signal(n)),
                AppEvent::Message(m) => {
                    state.message = Some(m);
                    Effect::None
                }
            };
            match effect {
                Effect::None => {}
                Effect::Quit => return Ok(Exit::Quit),
                Effect::OpenUrl(url) => {
                    let tx = tx.clone();
                    effects::open_url(url, move |m| drop(tx.send(AppEvent::Message(m))));
                }
                Effect::CopyUrl(url) => {
                    if let Err(e) = effects::copy_osc52(&url) {
                        state.message = Some(format!("could not copy: {e}"));
                    }
                }
            }
        }
        for e in state.pending_search_events() {
            state.apply_search_event(e);
        }
        save_if_due(state);
    }
}

/// Test-only, not for users: `GAZETTE_TEST_PANIC=1` makes the reader panic right after its
/// first frame. A crash must restore the terminal, write a log and print one line, and only a
/// real panic inside the running reader shows that through the binary (tests/it/claims_crash.rs).
fn test_panic_asked() -> bool {
    std::env::var_os("GAZETTE_TEST_PANIC").is_some_and(|v| v == "1")
}

/// How long the loop waits for input before checking whether the state needs saving.
const SAVE_CHECK: Duration = Duration::from_millis(500);

/// Saves the reading state when it changed and the last save is old enough; a failure is
/// shown in the status bar and the reader goes on (the next save tries again).
fn save_if_due(state: &mut AppState) {
    if let Some(Err(e)) = state.store.save_if_due(Instant::now()) {
        state.message = Some(format!("could not save the reading state: {e}"));
    }
}

/// Lays out the panes for this size and makes sure the open article is read and rendered at
/// the reader pane's width (re-rendered only when that width changes).
pub fn prepare(state: &mut AppState, area: ratatui::layout::Rect) {
    state.areas = ui::areas(area, state);
    state.keep_selection_in_view();
    let Some(pane) = state.areas.reader else {
        return;
    };
    let width = ui::reader_text_width(pane);
    let rows = state.reader_rows();
    let Some(index) = state.reader.as_ref().map(|r| r.article) else {
        return;
    };
    let article = &state.library.articles[index];
    let reader = state.reader.as_mut().expect("checked above");
    if reader.body.is_none() {
        reader.body = Some(
            state
                .library
                .read_body(article)
                .map_err(|e| format!("{e:#}")),
        );
    }
    if reader.rendered.as_ref().is_none_or(|(w, _)| *w != width)
        && let Some(Ok(body)) = &reader.body
    {
        let date = state.zone.format_date(article.when());
        let rendered = crate::article_view::render(article, body, width, &date);
        reader.set_rendered(width, rendered);
    }
    if let Some((_, r)) = &reader.rendered {
        let max = r.lines.len().saturating_sub(rows);
        reader.clamp_scroll(max);
    }
    crate::app::matches::resolve_jump(state);
}
