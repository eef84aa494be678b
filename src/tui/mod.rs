//! The reader's event loop: the only place that owns threads, files and the terminal. It
//! turns everything that happens — terminal events, loader batches, search results, signals —
//! into messages for the pure `app::update`, carries out the effects that come back (read a
//! body, start or stop a scan, open or copy a URL, quit), saves the reading state, and draws
//! with `ui`. The terminal is restored on every exit path, panics included.

mod effects;
mod graphics;
mod handover;
mod load_queue;
pub mod pace;
mod pictures;
mod preview;
pub mod terminal;

use crate::app::dates::DayRange;
use crate::app::{AppState, Effect, Filters, Handover, Msg, Settings, update};
use crate::cli::FilterArgs;
use crate::config::Config;
use crate::library::loader::{LoadEvent, load};
use crate::library::{Filter, Library};
use crate::search::Scan;
use crate::search::fulltext::Background;
use crate::store::Store;
use crate::ui::{self, theme::Theme};
use ratatui::crossterm::event::{self, Event};
use std::collections::VecDeque;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

pub use crate::app::Exit;

/// Everything the loop waits for, from the terminal and from background work.
enum AppEvent {
    Term(Event),
    /// Loader or watcher batches wait in the [`load_queue::LoadQueue`] (sent when it was
    /// empty).
    Loaded,
    /// Reading the terminal failed: the loop ends with this error.
    TermError(std::io::Error),
    /// A signal asked gazette to end.
    Signal(i32),
    /// Something finished in the background and has a word for the status bar.
    Message(String),
    /// Background work (a picture) sent its result as a message of its own.
    Ready(Msg),
    /// The preview worker prepared a body.
    Preview(crate::app::reader::preview::Prepared),
}

/// The longest the loop takes in events before drawing a frame.
const DRAIN_BUDGET: Duration = Duration::from_millis(8);

/// Runs the reader. `config_path` is the configuration file saved views are written to
/// (created when it does not exist); `None` when there is nowhere to write one.
pub fn run(
    dirs: &[PathBuf],
    filter: &FilterArgs,
    no_cache: bool,
    config: &Config,
    config_path: Option<PathBuf>,
) -> anyhow::Result<Exit> {
    let (tx, rx) = mpsc::channel();
    let index = (!dirs.is_empty())
        .then(|| indexer(dirs, no_cache, &tx))
        .flatten();
    let loads = Arc::new(load_queue::LoadQueue::default());
    let library = if dirs.is_empty() {
        Library::sample()
    } else {
        crate::library::scan::check_exist(dirs)?;
        let queue = loads.clone();
        spawn_loader(dirs.to_vec(), no_cache, (queue, tx.clone()), index.clone());
        Library {
            roots: dirs.to_vec(),
            ..Library::from_articles(Vec::new(), Vec::new())
        }
    };
    let (store, store_warning) = Store::open(Store::default_path()?);
    // `auto` for hyperlinks is decided here, where the terminal is: the settings only read it.
    let config = &Config {
        hyperlinks: config.hyperlinks.resolve(|k| std::env::var(k).ok()),
        ..config.clone()
    };
    let settings = Settings::from_config(config, chrono::Utc::now());
    let filters = Filters {
        category: filter
            .category
            .as_deref()
            .map(Filter::parse_category)
            .unwrap_or_default(),
        days: (filter.since.is_some() || filter.until.is_some()).then_some(DayRange {
            from: filter.since,
            to: filter.until,
        }),
        ..Filters::default()
    };
    let mut state = AppState::new(library, store, settings)
        .with_roots(dirs.to_vec())
        .with_filters(filters);
    let theme = config.theme(crate::config::no_color_env());
    let gate = Arc::new(handover::InputGate::default());
    let preview_tx = tx.clone();
    let mut world = World {
        tx: tx.clone(),
        scan: None,
        index,
        painter: None,
        handovers: Vec::new(),
        gate: gate.clone(),
        loads,
        preview: preview::Worker::spawn(move |p| preview_tx.send(AppEvent::Preview(p)).is_ok()),
        config_path,
    };
    if !dirs.is_empty() {
        // Nothing found yet: the status bar says loading from the first frame.
        world.send(
            &mut state,
            Msg::Load(LoadEvent::Progress { found: 0, done: 0 }),
        );
    }
    // With the library at hand (the sample), a category that matches nothing says so now; a
    // library being loaded says so once it is.
    let note = store_warning.or_else(|| dirs.is_empty().then(|| state.category_note()).flatten());
    if let Some(note) = note {
        world.send(&mut state, Msg::Notice(note));
    }

    spawn_signals(tx.clone(), gate.clone())?;
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
    // Asking the terminal what pictures it can show reads its answer from the input: before
    // the input thread starts, or the answer would arrive as keys.
    if let Some(picker) = graphics::picker(config.images) {
        let tx = tx.clone();
        let send = move |m| tx.send(AppEvent::Ready(m)).is_ok();
        world.painter = Some(pictures::Painter::spawn(
            picker,
            config.image_roots.clone(),
            send,
        ));
    }
    spawn_input(tx.clone(), gate);
    // A terminal that vanished (its window closed, ssh lost) ends the reader as the SIGHUP
    // that comes with that does.
    let result = match event_loop(&mut terminal, &mut state, &rx, &mut world, &theme) {
        Err(e) if terminal::is_gone(&e) => Ok(Exit::Signal(signal_hook::consts::SIGHUP)),
        other => other,
    };
    terminal::restore();
    terminal::close(terminal);
    state.remember_position();
    if let Err(e) = state.store_mut().save() {
        // Not `eprintln!`: after a hangup stderr is the vanished terminal, and a failed
        // print must not turn a closed window into a crash.
        let _ = writeln!(
            std::io::stderr(),
            "gazette: warning: could not save the reading state to {}: {e}",
            state.store().path().display()
        );
    }
    result
}

/// SIGTERM, SIGHUP and SIGINT end the reader as `q` does: state saved, terminal restored;
/// the exit code then says which signal it was (128 + its number). A SIGINT while another
/// program has the terminal was a Ctrl-C meant for that program (see `handover`).
fn spawn_signals(tx: Sender<AppEvent>, gate: Arc<handover::InputGate>) -> anyhow::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    // The flag is set in the handler itself, the moment a SIGINT arrives: the thread below
    // may look only after a handover ended on it (see `InputGate`).
    signal_hook::flag::register(SIGINT, gate.interrupted_flag())?;
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::spawn(move || {
        for signal in signals.forever() {
            if signal == SIGINT && !gate.sigint_ends_reader() {
                continue;
            }
            if tx.send(AppEvent::Signal(signal)).is_err() {
                return;
            }
        }
    });
    Ok(())
}

/// Reads the library in the background; articles arrive as events, through the queue
/// (`load_queue`: the loop is told on the channel when it was empty). Once loaded, and after
/// each change the watcher reports, the full-text index (if any) is brought up to date.
fn spawn_loader(
    dirs: Vec<PathBuf>,
    no_cache: bool,
    (queue, tx): (Arc<load_queue::LoadQueue>, Sender<AppEvent>),
    index: Option<Background>,
) {
    // Whether the loop is still there to be told.
    let send = move |e| !queue.push(e) || tx.send(AppEvent::Loaded).is_ok();
    std::thread::spawn(move || {
        let cache = if no_cache {
            None
        } else {
            crate::library::cache::path_for(&dirs)
        };
        load(&dirs, cache.as_deref(), &mut |e| {
            send(e);
        });
        // The load's own lists are freed now; without this their memory stays the reader's.
        crate::memory::give_back();
        // The watches first, then the index's first update: its walk then comes after them,
        // so a file changed after the walk saw it is one the watcher reports (searches trust
        // the stamps of that walk until a change is reported: `fulltext::background`).
        let first = index.clone();
        let refresh = move || index.iter().for_each(Background::refresh);
        crate::library::watch::spawn(dirs, move |e| {
            // First: from here on, searches stop trusting the index's stamps (`fulltext`).
            refresh();
            send(e)
        });
        first.iter().for_each(Background::refresh);
    });
}

/// The full-text index's background updater for a library on disk; none without the cache
/// (`--no-cache`: nothing is written beside it) or a cache folder.
fn indexer(dirs: &[PathBuf], no_cache: bool, tx: &Sender<AppEvent>) -> Option<Background> {
    let dir = crate::search::fulltext::dir_for(dirs).filter(|_| !no_cache)?;
    let tx = tx.clone();
    Some(Background::start(dirs.to_vec(), dir, move |said| {
        tx.send(AppEvent::Message(said)).is_ok()
    }))
}

/// Terminal input on its own thread, so the loop can wait for input and loading at once.
/// It polls rather than blocks in a read, so that it can stop at the gate between polls while
/// another program has the terminal.
fn spawn_input(tx: Sender<AppEvent>, gate: Arc<handover::InputGate>) {
    std::thread::spawn(move || {
        loop {
            gate.pass();
            let event = match event::poll(handover::INPUT_POLL) {
                Ok(false) => continue,
                Ok(true) => match event::read() {
                    Ok(e) => AppEvent::Term(e),
                    Err(e) => AppEvent::TermError(e),
                },
                Err(e) => AppEvent::TermError(e),
            };
            let failed = matches!(event, AppEvent::TermError(_));
            if tx.send(event).is_err() || failed {
                return;
            }
        }
    });
}

/// What the loop holds besides the state: the way back into its own channel, the running
/// full-text scan (dropping it stops it), the programs waiting for the terminal (they
/// need it, which `send` does not hold: the loop runs them, see [`World::hand_over`]) and
/// the preview worker.
struct World {
    tx: Sender<AppEvent>,
    scan: Option<Scan>,
    /// The full-text index, kept up to date in the background; `None`: searches scan.
    index: Option<Background>,
    /// The picture worker; `None` with `images = "off"`.
    painter: Option<pictures::Painter>,
    handovers: Vec<Handover>,
    gate: Arc<handover::InputGate>,
    /// Loader and watcher batches, taken between the channel's events.
    loads: Arc<load_queue::LoadQueue>,
    preview: preview::Worker,
    /// Where saved views are written.
    config_path: Option<PathBuf>,
}

impl World {
    /// Hands `msg` to `update` and carries out the effects, feeding their results back in
    /// until none is left; `Some` when the reader is to end.
    fn send(&mut self, state: &mut AppState, msg: Msg) -> Option<Exit> {
        let mut queue = VecDeque::from([msg]);
        while let Some(msg) = queue.pop_front() {
            for effect in update(state, msg) {
                match effect {
                    Effect::Exit(exit) => return Some(exit),
                    Effect::OpenUrl(url) => {
                        let tx = self.tx.clone();
                        effects::open_url(url, move |m| drop(tx.send(AppEvent::Message(m))));
                    }
                    Effect::CopyUrl(url) => {
                        if let Err(e) = effects::copy_osc52(&url) {
                            queue.push_back(Msg::Notice(format!("could not copy: {e}")));
                        }
                    }
                    Effect::ReadBody {
                        article,
                        origin,
                        path,
                    } => {
                        let read = crate::library::read_body(origin, &path);
                        queue.push_back(Msg::body_read(article, read));
                    }
                    Effect::Preview(job) => self.preview.send(job),
                    Effect::StartScan {
                        origin,
                        candidates,
                        query,
                    } => {
                        self.scan = Some(match &self.index {
                            Some(index) => index.spawn_scan(origin, candidates, query),
                            None => crate::search::spawn(origin, candidates, query),
                        })
                    }
                    Effect::CancelScan => self.scan = None,
                    effect @ Effect::LoadPicture { .. } => {
                        if let Some(painter) = &self.painter {
                            painter.ask(effect);
                        }
                    }
                    Effect::Hand(h) => self.handovers.push(h),
                    Effect::SaveView(view) => queue.push_back(match &self.config_path {
                        Some(path) => match crate::config::save_view(path, &view) {
                            Ok(()) => Msg::ViewSaved(view),
                            Err(e) => Msg::Notice(format!("could not save the view: {e}")),
                        },
                        None => Msg::Notice("no configuration file to save the view in".into()),
                    }),
                }
            }
        }
        None
    }

    /// Runs the programs effects asked for, one after the other, each with the terminal
    /// handed over; what came of each goes to the status bar.
    fn hand_over(
        &mut self,
        terminal: &mut terminal::Term,
        state: &mut AppState,
    ) -> anyhow::Result<Option<Exit>> {
        for h in std::mem::take(&mut self.handovers) {
            let said = handover::run(terminal, &self.gate, h)?;
            if let Some(exit) = self.send(state, Msg::Notice(said)) {
                return Ok(Some(exit));
            }
        }
        Ok(None)
    }

    /// Hands what the running scan reported since the last look to `update`.
    fn poll_scan(&mut self, state: &mut AppState) -> Option<Exit> {
        let events: Vec<_> = match &self.scan {
            Some(scan) => scan.events.try_iter().collect(),
            None => return None,
        };
        for event in events {
            if matches!(event, crate::search::Event::Done { .. }) {
                self.scan = None;
            }
            if let Some(exit) = self.send(state, Msg::Search(event)) {
                return Some(exit);
            }
        }
        None
    }
}

fn event_loop(
    terminal: &mut terminal::Term,
    state: &mut AppState,
    rx: &Receiver<AppEvent>,
    world: &mut World,
    theme: &Theme,
) -> anyhow::Result<Exit> {
    // The first articles are shown as soon as they arrive; later batches at most every
    // SETTLE_EVERY, so a large load does not re-sort the list for every batch (`pace`).
    let mut pace = pace::Pace::new(Instant::now());
    let crash_for_test = test_panic_asked();
    // False only after a wait that brought nothing: the frame on screen is still the state's
    // (drawing is a function of the state alone), so an idle reader does not redraw.
    let mut redraw = true;
    // The last turn took in the user's input: its frame is drawn before anything else.
    let mut input = false;
    // Other changes are drawn at most every `pace::FRAME_EVERY`.
    let mut frames = pace::Frames::new(Instant::now());
    loop {
        if std::mem::take(&mut input) {
            terminal.draw(|frame| ui::render(frame, state, theme))?;
            frames.drawn(Instant::now());
            redraw = false;
        }
        let listed = !state.view().visible().is_empty();
        let catalog = state.catalog();
        let (pending, loading) = (catalog.needs_settle(), catalog.loading().is_some());
        if pace.settle_now(pending, loading, Instant::now()) {
            world.send(state, Msg::SettleSome(pace::SETTLE_SLICE));
            pace.settled(Instant::now(), state.catalog().needs_settle());
            redraw = true;
        } else if state.view().search_walking() {
            // A search walking down a large list takes its next step each time round.
            world.send(state, Msg::SearchStep);
            redraw = true;
        }
        let size = terminal.size()?;
        let resized = state.screen().size() != (size.width, size.height);
        if resized {
            world.send(state, Msg::Resize(size.width, size.height));
        }
        // A new size, and the first articles listed (the list is usable), are drawn at once.
        let at_once = resized || (!listed && !state.view().visible().is_empty());
        if frames.draw_now(redraw, at_once, Instant::now()) {
            terminal.draw(|frame| ui::render(frame, state, theme))?;
            frames.drawn(Instant::now());
        }
        redraw = true;
        if crash_for_test {
            panic!("GAZETTE_TEST_PANIC is set: a crash on purpose, after the first frame");
        }
        // Wake up now and then without input: to settle arrived articles, and so a pending
        // save happens soon after a change.
        // A running search reports often; check on it as often.
        // Batches waiting and a search walking down the list are work due now.
        let deadline = if state.view().search_walking() || !world.loads.is_empty() {
            Some(Duration::ZERO)
        } else {
            world.scan.is_some().then_some(crate::search::TICK)
        };
        let catalog = state.catalog();
        let load = (catalog.needs_settle(), catalog.loading().is_some());
        let wait =
            pace::sleep(&pace, &frames, load, deadline, Instant::now()).unwrap_or(SAVE_CHECK);
        let first = match rx.recv_timeout(wait) {
            Ok(e) => Some(e),
            Err(RecvTimeoutError::Timeout) if !world.loads.is_empty() => None,
            Err(RecvTimeoutError::Timeout) => {
                let scanning = world.scan.is_some();
                if let Some(exit) = world.poll_scan(state) {
                    return Ok(exit);
                }
                let failed_save = save_if_due(state, world);
                redraw = scanning || failed_save;
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => return Ok(Exit::Quit),
        };
        // Take in what is waiting, the channel's events before each of the queue's batches,
        // but draw at least every DRAIN_BUDGET so a flood of loader batches cannot hold the
        // screen still, and at once after the user's input: the rest waits for the next turn.
        let drain_start = Instant::now();
        let mut first = first;
        while first.is_some() || drain_start.elapsed() < DRAIN_BUDGET {
            let msg = match load_queue::next(&mut first, rx, &world.loads) {
                Some(load_queue::Next::Channel(event)) => match event {
                    AppEvent::Term(Event::Key(key)) => Msg::Key(key),
                    AppEvent::Term(Event::Mouse(mouse)) => Msg::Mouse(mouse),
                    AppEvent::Term(Event::Paste(text)) => Msg::Paste(text),
                    AppEvent::Term(Event::Resize(cols, rows)) => Msg::Resize(cols, rows),
                    // Batches are taken from the queue when the channel is empty.
                    AppEvent::Term(_) | AppEvent::Loaded => continue,
                    AppEvent::TermError(e) => return Err(e.into()),
                    AppEvent::Signal(n) => Msg::Signal(n),
                    AppEvent::Message(m) => Msg::Notice(m),
                    AppEvent::Ready(m) => m,
                    AppEvent::Preview(p) => Msg::Preview(p),
                },
                Some(load_queue::Next::Load(e)) => Msg::Load(e),
                None => break,
            };
            input = matches!(
                msg,
                Msg::Key(_) | Msg::Mouse(_) | Msg::Paste(_) | Msg::Resize(..)
            );
            if let Some(exit) = world.send(state, msg) {
                return Ok(exit);
            }
            if let Some(exit) = world.hand_over(terminal, state)? {
                return Ok(exit);
            }
            if input {
                break;
            }
        }
        if let Some(exit) = world.poll_scan(state) {
            return Ok(exit);
        }
        save_if_due(state, world);
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
/// True when it failed and said so (the status bar changed).
fn save_if_due(state: &mut AppState, world: &mut World) -> bool {
    if let Some(Err(e)) = state.store_mut().save_if_due(Instant::now()) {
        world.send(
            state,
            Msg::Notice(format!("could not save the reading state: {e}")),
        );
        return true;
    }
    false
}
