//! Start-up and loading as the reader lives them, on a generated corpus: time to the first
//! frame, to a usable list and to the end of loading, with no cache and with a warm one, and
//! key press → frame while a load is running. `cargo bench -p gazette-bench --bench startup`.
//!
//! It drives the same pieces as the event loop (`update` with loader batches, settling and keys,
//! then `render`)
//! on a TestBackend, in the loop's order and at its pace (`tui::pace`: settling in slices; a
//! key drawn before the slice; taking in batches stops at a key, as the loop reads keys
//! before each queued batch and stops after one), with keys injected every few milliseconds.
//! `GAZETTE_BENCH_N` (default 10000) sets the corpus size; `GAZETTE_BENCH_DIR` reuses a corpus.
//! `GAZETTE_BENCH_CACHE` keeps the metadata cache in that file: when it exists already, the
//! no-cache run is left out (at a million articles it takes minutes) and only warm starts
//! are measured. Warm figures are the best of three starts; a fourth warm start presses keys
//! while every file is checked.

use gazette::app::{AppState, Msg, Settings, Zone, update};
use gazette::config::Config;
use gazette::library::Library;
use gazette::library::loader::{LoadEvent, load};
use gazette::store::Store;
use gazette::tui::pace::{Frames, Pace, SETTLE_EVERY, SETTLE_SLICE};
use gazette::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

struct Run {
    first_frame: Duration,
    usable: Option<Duration>,
    done: Duration,
    /// When the loader itself had sent its last event: with a key every 5 ms taken first,
    /// the loop takes the batches in later than they come, so `done` is not the load's time.
    loader_done: Duration,
    keys: Vec<Duration>,
    /// How long each settling took (`update` with `Msg::SettleSome`, a slice): the part of a
    /// key's wait that is the reader's own work on a batch, apart from the machine's load.
    settles: Vec<Duration>,
    /// What the loop did when (for where the slowest keys' waits went).
    phases: Vec<(Instant, Instant, Phase)>,
    /// When each key came due and its frame was drawn.
    key_spans: Vec<(Instant, Instant)>,
    articles: usize,
}

/// A stretch of the loop's time: taking in one loader batch, a key, settling, drawing.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Phase {
    Batch,
    Key,
    Settle,
    Draw,
}

const PHASES: [Phase; 4] = [Phase::Batch, Phase::Key, Phase::Settle, Phase::Draw];

fn run(root: &Path, cache: &Path, press_keys: bool) -> Run {
    let started = Instant::now();
    let (tx, rx) = mpsc::channel();
    let roots = vec![root.to_path_buf()];
    let cache = cache.to_path_buf();
    let loader = std::thread::spawn(move || {
        load(&roots, Some(&cache), &mut |e| drop(tx.send(e)));
        started.elapsed()
    });
    let mut loader = Some(loader);
    let config = Config {
        zone: Zone::utc(),
        ..Config::default()
    };
    let mut state = AppState::new(
        Library::from_articles(Vec::new(), Vec::new()),
        Store::empty("unsaved".into()),
        Settings::from_config(&config, chrono::Utc::now()),
    );
    update(
        &mut state,
        Msg::Load(LoadEvent::Progress { found: 0, done: 0 }),
    );
    let (cols, rows) = (160, 50);
    update(&mut state, Msg::Resize(cols, rows));
    let mut terminal = Terminal::new(TestBackend::new(cols, rows)).unwrap();
    let theme = Theme::default();
    let draw = |state: &mut AppState, terminal: &mut Terminal<TestBackend>| {
        terminal.draw(|f| ui::render(f, state, &theme)).unwrap();
    };
    draw(&mut state, &mut terminal);
    let first_frame = started.elapsed();
    let mut usable = None;
    let mut keys = Vec::new();
    let mut settles = Vec::new();
    let mut phases = Vec::new();
    let mut key_spans = Vec::new();
    let mut timed = |phase: Phase, f: &mut dyn FnMut()| {
        let start = Instant::now();
        f();
        phases.push((start, Instant::now(), phase));
        Instant::now() - start
    };
    let mut pace = Pace::new(Instant::now());
    let mut frames = Frames::new(Instant::now());
    frames.drawn(Instant::now());
    let mut next_key = Instant::now();
    let mut flip = false;
    loop {
        // Wait for loader events, or for the next key press.
        let catalog = state.catalog();
        let settle_in = pace.wait(
            catalog.needs_settle(),
            catalog.loading().is_some(),
            Instant::now(),
        );
        let wait = next_key
            .saturating_duration_since(Instant::now())
            .min(settle_in.unwrap_or(SETTLE_EVERY));
        let wait = frames
            .wait(Instant::now())
            .map_or(wait, |owed| owed.min(wait));
        let mut done = false;
        let listed = !state.view().visible().is_empty();
        let received = rx.recv_timeout(wait);
        let changed = received.is_ok();
        if let Ok(first) = received {
            let drain_start = Instant::now();
            let pending = std::iter::once(first).chain(std::iter::from_fn(|| {
                let key_waits = press_keys && Instant::now() >= next_key;
                (drain_start.elapsed() < Duration::from_millis(8) && !key_waits)
                    .then(|| rx.try_recv().ok())
                    .flatten()
            }));
            for e in pending {
                done |= matches!(e, LoadEvent::Done { .. });
                let mut e = Some(e);
                timed(Phase::Batch, &mut || {
                    update(&mut state, Msg::Load(e.take().expect("once")));
                });
            }
        }
        let key_due = press_keys && Instant::now() >= next_key;
        // Latency counts from when the key was due: time the loop spent busy counts too.
        let t = next_key;
        if key_due {
            flip = !flip;
            let key = KeyEvent::new(
                KeyCode::Char(if flip { 'j' } else { 'k' }),
                KeyModifiers::NONE,
            );
            timed(Phase::Key, &mut || {
                update(&mut state, Msg::Key(key));
            });
            next_key = Instant::now() + Duration::from_millis(5);
        }
        if key_due {
            timed(Phase::Draw, &mut || draw(&mut state, &mut terminal));
            frames.drawn(Instant::now());
            keys.push(t.elapsed());
            key_spans.push((t, Instant::now()));
        }
        let catalog = state.catalog();
        let (pending, loading) = (catalog.needs_settle(), catalog.loading().is_some());
        let settled = pace.settle_now(pending, loading, Instant::now());
        if settled {
            let took = timed(Phase::Settle, &mut || {
                update(&mut state, Msg::SettleSome(SETTLE_SLICE));
            });
            settles.push(took);
            pace.settled(Instant::now(), state.catalog().needs_settle());
        }
        let first_listed = !listed && !state.view().visible().is_empty();
        let changed = (changed && !key_due) || settled;
        if frames.draw_now(changed, first_listed, Instant::now()) {
            timed(Phase::Draw, &mut || draw(&mut state, &mut terminal));
            frames.drawn(Instant::now());
        }
        // The list is usable once a frame shows it.
        if usable.is_none() && !frames.owed() && !state.view().visible().is_empty() {
            usable = Some(started.elapsed());
        }
        if done {
            update(&mut state, Msg::Settle);
            return Run {
                first_frame,
                usable,
                done: started.elapsed(),
                loader_done: (loader.take())
                    .map(|l| l.join().expect("the loader"))
                    .unwrap_or_default(),
                keys,
                settles,
                phases,
                key_spans,
                articles: state.catalog().order().len(),
            };
        }
    }
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let n: usize = std::env::var("GAZETTE_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let tmp = tempfile::tempdir().unwrap();
    let root = match std::env::var_os("GAZETTE_BENCH_DIR") {
        Some(d) => PathBuf::from(d),
        None => {
            let dir = tmp.path().join("corpus");
            gazette_corpus::generate(&dir, n, 1).unwrap();
            dir
        }
    };
    let cache = std::env::var_os("GAZETTE_BENCH_CACHE")
        .map_or_else(|| tmp.path().join("cache.bin"), PathBuf::from);
    let cold = (!cache.exists()).then(|| run(&root, &cache, true));
    let warm = (0..3)
        .map(|_| run(&root, &cache, false))
        .min_by_key(|r| r.done)
        .expect("three runs");
    println!("corpus: {} articles in {}", warm.articles, root.display());
    if let Some(cold) = &cold {
        println!(
            "no cache:   first frame {:>8.1?}  first articles listed {:>8.1?}  all loaded {:>8.1?}  (loader done {:.1?})",
            cold.first_frame,
            cold.usable.unwrap_or_default(),
            cold.done,
            cold.loader_done
        );
    }
    println!(
        "warm cache: first frame {:>8.1?}  list usable           {:>8.1?}  verified   {:>8.1?}",
        warm.first_frame,
        warm.usable.unwrap_or_default(),
        warm.done
    );
    // For measure.sh, which sets it against ripgrep.
    println!("warm verified seconds: {:.3}", warm.done.as_secs_f64());
    if let Some(cold) = &cold {
        print_keys("during the cold load", &cold.keys);
        print_times("settling a slice during the cold load", &cold.settles);
        assert_eq!(warm.articles, cold.articles);
    }
    // Keys while the warm start checks every file (a run of its own, so the pressing does
    // not weigh on the warm figures above).
    let checking = run(&root, &cache, true);
    print_keys("during the warm start's check", &checking.keys);
    print_times("settling a slice during the warm start", &checking.settles);
    let batches: Vec<Duration> = (checking.phases.iter())
        .filter(|p| p.2 == Phase::Batch)
        .map(|p| p.1 - p.0)
        .collect();
    print_times("taking in a loader batch during the warm start", &batches);
    print_slowest(&checking);
}

/// Where the slowest 1% of the keys' waits went (what the p99 is made of): the time each
/// phase of the loop took between the key coming due and its frame, the rest unaccounted
/// (waiting for a batch, or for the CPU).
fn print_slowest(run: &Run) {
    let mut spans = run.key_spans.clone();
    spans.sort_by_key(|&(due, drawn)| std::cmp::Reverse(drawn - due));
    spans.truncate(spans.len().div_ceil(100));
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    for (due, drawn) in spans {
        let mut line = format!("slow key {:.1} ms:", ms(drawn - due));
        let mut accounted = Duration::ZERO;
        for phase in PHASES {
            let (mut took, mut times) = (Duration::ZERO, 0);
            for &(start, end, _) in run.phases.iter().filter(|p| p.2 == phase) {
                let (a, b) = (start.max(due), end.min(drawn));
                if a < b {
                    took += b - a;
                    times += 1;
                }
            }
            accounted += took;
            line += &format!(" {phase:?} {:.1} ({times}x)", ms(took));
        }
        line += &format!(" other {:.1}", ms((drawn - due).saturating_sub(accounted)));
        println!("{line}");
    }
}

/// Key press → frame figures of a run.
fn print_keys(when: &str, keys: &[Duration]) {
    print_times(&format!("key press → frame {when}"), keys);
}

/// `what: N times, median, p99, max`.
fn print_times(what: &str, times: &[Duration]) {
    let mut keys = times.to_vec();
    keys.sort();
    println!(
        "{what}: {} times, median {:.2?}, p99 {:.2?}, max {:.2?}",
        keys.len(),
        pct(&keys, 0.5),
        pct(&keys, 0.99),
        keys.last().copied().unwrap_or_default()
    );
}
