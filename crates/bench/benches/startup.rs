//! Start-up and loading as the reader lives them, on a generated corpus: time to the first
//! frame, to a usable list and to the end of loading, with no cache and with a warm one, and
//! key press → frame while a load is running. `cargo bench -p gazette-bench --bench startup`.
//!
//! It drives the same pieces as the event loop (`update` with loader batches, settling and keys,
//! then `render`)
//! on a TestBackend, in the loop's order, with keys injected every few milliseconds.
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
use gazette::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const SETTLE_EVERY: Duration = Duration::from_millis(100);

struct Run {
    first_frame: Duration,
    usable: Option<Duration>,
    done: Duration,
    keys: Vec<Duration>,
    /// How long each settling took (`update` with `Msg::Settle`): the part of a key's wait
    /// that is the reader's own work on a batch, apart from the machine's load.
    settles: Vec<Duration>,
    articles: usize,
}

fn run(root: &Path, cache: &Path, press_keys: bool) -> Run {
    let started = Instant::now();
    let (tx, rx) = mpsc::channel();
    let roots = vec![root.to_path_buf()];
    let cache = cache.to_path_buf();
    std::thread::spawn(move || load(&roots, Some(&cache), &mut |e| drop(tx.send(e))));
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
    let mut last_settle = Instant::now()
        .checked_sub(SETTLE_EVERY)
        .unwrap_or_else(Instant::now);
    let mut next_key = Instant::now();
    let mut flip = false;
    loop {
        // Wait for loader events, or for the next key press.
        let wait = next_key
            .saturating_duration_since(Instant::now())
            .min(SETTLE_EVERY);
        let mut done = false;
        if let Ok(first) = rx.recv_timeout(wait) {
            let drain_start = Instant::now();
            let pending = std::iter::once(first).chain(std::iter::from_fn(|| {
                (drain_start.elapsed() < Duration::from_millis(8))
                    .then(|| rx.try_recv().ok())
                    .flatten()
            }));
            for e in pending {
                done |= matches!(e, LoadEvent::Done { .. });
                update(&mut state, Msg::Load(e));
            }
        }
        let key_due = press_keys && Instant::now() >= next_key;
        // Latency counts from when the key was due: time the loop spent busy counts too.
        let t = next_key;
        if key_due {
            flip = !flip;
            update(
                &mut state,
                Msg::Key(KeyEvent::new(
                    KeyCode::Char(if flip { 'j' } else { 'k' }),
                    KeyModifiers::NONE,
                )),
            );
            next_key = Instant::now() + Duration::from_millis(5);
        }
        if state.catalog().needs_settle() && (done || last_settle.elapsed() >= SETTLE_EVERY) {
            let t = Instant::now();
            update(&mut state, Msg::Settle);
            settles.push(t.elapsed());
            last_settle = Instant::now();
        }
        draw(&mut state, &mut terminal);
        if key_due {
            keys.push(t.elapsed());
        }
        if usable.is_none() && !state.view().visible().is_empty() {
            usable = Some(started.elapsed());
        }
        if done {
            update(&mut state, Msg::Settle);
            return Run {
                first_frame,
                usable,
                done: started.elapsed(),
                keys,
                settles,
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
            "no cache:   first frame {:>8.1?}  first articles listed {:>8.1?}  all loaded {:>8.1?}",
            cold.first_frame,
            cold.usable.unwrap_or_default(),
            cold.done
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
        print_times("settling a batch during the cold load", &cold.settles);
        assert_eq!(warm.articles, cold.articles);
    }
    // Keys while the warm start checks every file (a run of its own, so the pressing does
    // not weigh on the warm figures above).
    let checking = run(&root, &cache, true);
    print_keys("during the warm start's check", &checking.keys);
    print_times("settling a batch during the warm start", &checking.settles);
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
