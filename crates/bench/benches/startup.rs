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
use gazette::tui::pace::{self, Frames, Pace, SETTLE_EVERY, SETTLE_SLICE};
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
    /// Turns of the loop, and those that found nothing to do (no event, no key, no slice, no
    /// frame): a loop that spins shows as many of those.
    turns: usize,
    idle_turns: usize,
    /// CPU time of the loop's thread and of the whole process during the run: what the loop
    /// took from the loader's threads on two cores.
    loop_cpu: Duration,
    process_cpu: Duration,
    /// Bytes the process had fetched from storage during the run, not from the page cache: a
    /// cold load from the disk took 14 s at 100,000 articles where one from memory took 1.6,
    /// keys or none, and that, not the keys, made the cold figures wander.
    disk_read: u64,
}

/// Bytes this process has had read from storage (`read_bytes` in `/proc/self/io`); 0 where
/// that is not known.
fn disk_read() -> u64 {
    let io = std::fs::read_to_string("/proc/self/io").unwrap_or_default();
    (io.lines())
        .find_map(|l| l.strip_prefix("read_bytes:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

/// CPU time (user + system) from a `/proc/.../stat` file: `thread-self` or `self`.
fn cpu_time(of: &str) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{of}/stat")).unwrap_or_default();
    // The fields after the command's closing parenthesis; utime and stime are the 12th and
    // 13th of them, in clock ticks (100 a second on Linux).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let ticks: u64 = (rest.split_whitespace().skip(11).take(2))
        .filter_map(|t| t.parse::<u64>().ok())
        .sum();
    Duration::from_millis(ticks * 10)
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
    let cpu_at_start = (cpu_time("thread-self"), cpu_time("self"));
    let read_at_start = disk_read();
    let (mut turns, mut idle_turns) = (0, 0);
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
        turns += 1;
        // Wait for loader events, or for the next key press.
        let catalog = state.catalog();
        let load = (catalog.needs_settle(), catalog.loading().is_some());
        // With no key to press, only the load and the pace wake the loop: a key "due" since
        // the start made every wait zero, and the loop spun, taking a core from the loader.
        let key_in = press_keys.then(|| next_key.saturating_duration_since(Instant::now()));
        let wait =
            pace::sleep(&pace, &frames, load, key_in, Instant::now()).unwrap_or(SETTLE_EVERY);
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
        let drawn = frames.draw_now(changed, first_listed, Instant::now());
        if drawn {
            timed(Phase::Draw, &mut || draw(&mut state, &mut terminal));
            frames.drawn(Instant::now());
        }
        if !(changed || key_due || drawn) {
            idle_turns += 1;
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
                turns,
                idle_turns,
                loop_cpu: cpu_time("thread-self").saturating_sub(cpu_at_start.0),
                process_cpu: cpu_time("self").saturating_sub(cpu_at_start.1),
                disk_read: disk_read().saturating_sub(read_at_start),
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
    // `GAZETTE_BENCH_COLD=both`: a cold load with no key pressed first (its cache thrown
    // away), so that what a key every 5 ms costs the load shows beside it.
    let quiet = (std::env::var("GAZETTE_BENCH_COLD").is_ok_and(|v| v == "both") && !cache.exists())
        .then(|| run(&root, &tmp.path().join("quiet-cache.bin"), false));
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
    if let Some(quiet) = &quiet {
        println!(
            "no cache, no keys: all loaded {:>8.1?}  (loader done {:.1?})",
            quiet.done, quiet.loader_done
        );
        print_loop("the cold load, no keys", quiet);
    }
    if let Some(cold) = &cold {
        print_loop("the cold load, a key every 5 ms", cold);
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

/// How busy the loop was during a run: its turns, those with nothing to do, and its CPU
/// time against the whole process's (the loader's threads have the rest); and how much was
/// read from the disk rather than the page cache.
fn print_loop(what: &str, run: &Run) {
    println!(
        "loop during {what}: {} turns, {} with nothing to do; CPU: loop {:.2?}, whole process {:.2?}; read from the disk {} MB",
        run.turns,
        run.idle_turns,
        run.loop_cpu,
        run.process_cpu,
        run.disk_read / 1_000_000
    );
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
