//! Key press → frame at 100,000 articles: `update` plus a full `render` on a TestBackend, per
//! key, reported as median and p99. `cargo bench -p gazette-bench --bench keys`;
//! `GAZETTE_BENCH_N=1000000` sets the number of articles, `GAZETTE_BENCH_ONLY=watcher` runs
//! the watcher's events alone. It also prints the resident memory
//! the articles and the reader's state over them take, per article.
//!
//! A custom harness (not criterion) because the figure wanted is the tail of the per-key
//! distribution, not a mean.
//!
//! The preview is on (the default) in every scenario but "move, preview off", whose moves are
//! timed round by round with the same moves preview on, so the two see the same machine load:
//! with it on, each move asks for the new selection's preview and draws its header. In "move, previews arriving" every job is also carried out
//! as the preview worker would (the read replaced by a body eight times a corpus article's,
//! about the size of the longest real ones) and its result handed in: the layout itself is
//! timed apart (off the key path), the frame its arrival causes is timed like a key's.

use chrono::{TimeZone, Utc};
use gazette::app::reader::preview::PreviewJob;
use gazette::app::{AppState, Effect, Msg, Settings, Zone, update};
use gazette::config::Config;
use gazette::library::loader::LoadEvent;
use gazette::library::{Article, Library};
use gazette::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::Path;
use std::time::{Duration, Instant};

/// How many articles: `GAZETTE_BENCH_N`, 100,000 unless set.
fn articles() -> usize {
    std::env::var("GAZETTE_BENCH_N")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000)
}

fn library(n: usize) -> Library {
    let articles: Vec<Article> = (0..n)
        .map(|i| {
            let (name, text) = gazette_corpus::article_text(i, 1);
            let path = Path::new("/corpus").join(&name);
            let (article, _) =
                gazette::library::parse::parse_article(&path, Path::new(&name), text.as_bytes())
                    .unwrap();
            article
        })
        .collect();
    Library::from_articles(articles, Vec::new())
}

/// This process's resident memory in bytes (`VmRSS`; 0 where /proc is not there): what the
/// reader holds per article, allocator overhead and fragmentation included, which a count
/// of requested bytes would miss (and counting them would take `unsafe`, which the
/// workspace forbids).
fn resident() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    (status.lines())
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<usize>().ok())
        .map_or(0, |kb| kb * 1024)
}

fn key(c: char) -> KeyEvent {
    let code = match c {
        '\r' => KeyCode::Enter,
        '\x1b' => KeyCode::Esc,
        c => KeyCode::Char(c),
    };
    KeyEvent::new(
        code,
        if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        },
    )
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// `median, p99, max` of `times`.
fn summary(mut times: Vec<Duration>) -> String {
    times.sort();
    format!(
        "median {:.3?}, p99 {:.3?}, max {:.3?}",
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        times.last().unwrap()
    )
}

/// A long body for article `id`: its generated body (below the front matter) eight times over.
fn long_body(id: usize) -> String {
    let (_, text) = gazette_corpus::article_text(id, 1);
    let body = text.splitn(3, "---\n").nth(2).unwrap_or(&text);
    body.repeat(8)
}

/// Moving with the preview on, every preview job carried out and its result handed in.
fn previews_arriving(state: &mut AppState, terminal: &mut Terminal<TestBackend>, theme: &Theme) {
    let keys = "jjjjjjjjjjkkkkkGgjjjjjjjjjjkkkk";
    let (mut key_frames, mut arrivals, mut layouts) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..10 {
        for c in keys.chars() {
            let t = Instant::now();
            let effects = update(state, Msg::Key(key(c)));
            terminal.draw(|f| ui::render(f, state, theme)).unwrap();
            key_frames.push(t.elapsed());
            for effect in effects {
                let Effect::Preview(job) = effect else {
                    continue;
                };
                let body = long_body(job.article);
                let t = Instant::now();
                let prepared = job.finish(Ok(body));
                layouts.push(t.elapsed());
                let t = Instant::now();
                update(state, Msg::Preview(prepared));
                terminal.draw(|f| ui::render(f, state, theme)).unwrap();
                arrivals.push(t.elapsed());
            }
        }
    }
    assert!(!layouts.is_empty(), "the preview asked for bodies");
    let name = "move, previews arriving";
    println!(
        "{name:>22}: {} key presses, update + render 200x50: {}",
        key_frames.len(),
        summary(key_frames)
    );
    println!(
        "{:>22}  {} bodies arriving, update + render: {}",
        "",
        arrivals.len(),
        summary(arrivals)
    );
    println!(
        "{:>22}  their layout, on the worker (off the key path): {}",
        "",
        summary(layouts)
    );
}

/// A state over `library` at 200×50, the preview on or off.
fn state_of(library: Library, preview: bool) -> AppState {
    let now = Utc.with_ymd_and_hms(2022, 12, 31, 12, 0, 0).unwrap();
    let config = Config {
        zone: Zone::utc(),
        preview,
        ..Config::default()
    };
    let mut state = AppState::new(
        library,
        gazette::store::Store::empty("unsaved".into()),
        Settings::from_config(&config, now),
    );
    update(&mut state, Msg::Resize(200, 50));
    state
}

/// Types `keys` at `state` and times each key: update + render.
fn timed_keys(
    state: &mut AppState,
    terminal: &mut Terminal<TestBackend>,
    theme: &Theme,
    keys: &str,
    times: &mut Vec<Duration>,
) {
    for c in keys.chars() {
        let t = Instant::now();
        // The script opens no article; preview jobs are left undone here (the pane shows
        // the header), and carried out in `previews_arriving`.
        update(state, Msg::Key(key(c)));
        terminal.draw(|f| ui::render(f, state, theme)).unwrap();
        times.push(t.elapsed());
    }
}

fn main() {
    let started = Instant::now();
    let n = articles();
    let before = resident();
    let library = library(n);
    eprintln!(
        "built {} articles in {:.1?}",
        library.articles.len(),
        started.elapsed()
    );
    let built = resident();
    let mut state = state_of(library, true);
    let ready = resident();
    let per_article = |bytes: usize| bytes as f64 / n as f64;
    println!(
        "{:>22}: {:.0} B/article resident: {:.0} the articles, {:.0} the reader's state",
        "memory",
        per_article(ready - before),
        per_article(built - before),
        per_article(ready - built)
    );
    // `GAZETTE_BENCH_ONLY=watcher`: the watcher's events alone (a quicker run at a million).
    if std::env::var("GAZETTE_BENCH_ONLY").is_ok_and(|only| only == "watcher") {
        let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
        update(&mut state, Msg::Key(key('j')));
        return watcher_events(&mut state, &mut terminal, &Theme::default());
    }
    let twin = Library::from_articles(state.catalog().articles().to_vec(), Vec::new());
    let mut without = state_of(twin, false);
    let theme = Theme::default();
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
    let line = |name: &str, times: Vec<Duration>| {
        println!(
            "{name:>22}: {} key presses at {n} articles, update + render 200x50: {}",
            times.len(),
            summary(times)
        );
    };
    // Moves with the preview on and off, round by round, so both meet the same load.
    let moves = "jjjjjjjjjjkkkkkGgjjjjjjjjjjkkkk";
    let (mut on, mut off) = (Vec::new(), Vec::new());
    for _ in 0..20 {
        timed_keys(&mut state, &mut terminal, &theme, moves, &mut on);
        timed_keys(&mut without, &mut terminal, &theme, moves, &mut off);
    }
    line("move (j/k/G/g)", on);
    line("move, preview off", off);
    drop(without);
    // Moves, jumps, a category filter applied and cleared, a date filter, tree moves.
    let script = "jjjjjjjjjjkkkkkGgjjjjjcjj\rCjjjjDGgcj\rjjjC";
    let mut times = Vec::new();
    for _ in 0..20 {
        timed_keys(&mut state, &mut terminal, &theme, script, &mut times);
    }
    line("mixed with filters", times);
    // Typing a search as the reader runs it, keys back to back: each key matches the top of
    // the list's metadata (through the metadata index; over a large library the rest is
    // walked in later steps, timed below); Esc drops the search.
    let mut times = Vec::new();
    for _ in 0..5 {
        timed_keys(
            &mut state,
            &mut terminal,
            &theme,
            "/telescope\x1b/新媒\x1b",
            &mut times,
        );
    }
    // `GAZETTE_BENCH_PER_KEY=1`: each typed key's time, to see which keys make the tail.
    if std::env::var_os("GAZETTE_BENCH_PER_KEY").is_some() {
        let typed = "/telescope\x1b/新媒\x1b".repeat(5);
        for (c, t) in typed.chars().zip(&times) {
            println!("{:>22}  {c:?} {t:.2?}", "");
        }
    }
    // The first typed key of the first search builds the metadata index: the one hitch.
    let first = times[1];
    line("typing a search", times);
    println!("{:>22}: {first:.3?}", "first key of a search");
    index_build(state.catalog().articles());
    // Over a large library a search walks down the list, a step per frame after the key
    // (`Msg::SearchStep`, sent by the event loop while `search_walking`): each step is a
    // frame a key may wait behind. Timed for a common and a rarer word, typed whole.
    let mut steps = Vec::new();
    for _ in 0..3 {
        for word in ["/t", "/telescope", "/新", "/新媒"] {
            timed_keys(&mut state, &mut terminal, &theme, word, &mut Vec::new());
            while state.view().search_walking() {
                let t = Instant::now();
                update(&mut state, Msg::SearchStep);
                terminal.draw(|f| ui::render(f, &state, &theme)).unwrap();
                steps.push(t.elapsed());
            }
            update(&mut state, Msg::Key(key('\x1b')));
        }
    }
    println!(
        "{:>22}: {} steps, update + render 200x50: {}",
        "a search's later steps",
        steps.len(),
        summary(steps)
    );
    previews_arriving(&mut state, &mut terminal, &theme);
    watcher_events(&mut state, &mut terminal, &theme);
    // An article open, scrolled up and down with a picture on screen.
    open_with_picture(&mut state);
    let mut times = Vec::new();
    for _ in 0..20 {
        let keys = "jjjjjjjjjjkkkkkkkkkk";
        timed_keys(&mut state, &mut terminal, &theme, keys, &mut times);
    }
    line("scroll past a picture", times);
    real_layouts();
}

/// The watcher reporting a file changed (the article read again, its date another) or
/// removed, each settled and drawn as the event loop does, then a key: what each costs, in
/// the whole list and under a category filter, the selection at the end of the list (the
/// farthest for a search of the list by position).
fn watcher_events(state: &mut AppState, terminal: &mut Terminal<TestBackend>, theme: &Theme) {
    let mut frame = |state: &mut AppState, msg: Msg| {
        let t = Instant::now();
        update(state, msg);
        terminal.draw(|f| ui::render(f, state, theme)).unwrap();
        t.elapsed()
    };
    let n = state.catalog().articles().len();
    let (mut replaced, mut removed, mut keys) = (Vec::new(), Vec::new(), Vec::new());
    for (round, filtered) in [(0, false), (1, true)] {
        if filtered {
            for c in "cjj\r".chars() {
                update(state, Msg::Key(key(c)));
            }
            assert!(
                !state.view().filters().category.is_empty(),
                "a category is chosen"
            );
        }
        update(state, Msg::Key(key('G')));
        for i in 0..20 {
            // Spread over the library, never the same article twice.
            let id = (round * 20 + i) * 7919 % n;
            let mut article = state.catalog().article(id).clone();
            article.date = article.date.map(|d| d - chrono::Duration::days(400));
            let event = LoadEvent::Articles(vec![article], Vec::new());
            update(state, Msg::Load(event));
            replaced.push(frame(state, Msg::Settle));
            keys.push(frame(state, Msg::Key(key('j'))));
            let gone = (id + n / 2) % n;
            let path = state.catalog().article(gone).path.to_path_buf();
            update(state, Msg::Load(LoadEvent::Removed(vec![path])));
            removed.push(frame(state, Msg::Settle));
            keys.push(frame(state, Msg::Key(key('k'))));
        }
        if filtered {
            update(state, Msg::Key(key('C')));
        }
    }
    let line = |name: &str, what: &str, times: Vec<Duration>| {
        println!(
            "{name:>22}: {} at {n} articles, {what} + render 200x50: {}",
            times.len(),
            summary(times)
        );
    };
    line("a file replaced", "settle", replaced);
    line("a file removed", "settle", removed);
    line("keys after them", "update", keys);
}

/// Builds the metadata index the first typed key builds, apart: its time (best of 3) and
/// the heap it holds.
fn index_build(articles: &[Article]) {
    let mut best = Duration::MAX;
    let mut heap = 0;
    for _ in 0..3 {
        let t = Instant::now();
        let index = gazette::search::MetaIndex::new(articles);
        best = best.min(t.elapsed());
        heap = index.heap_bytes();
    }
    println!(
        "{:>22}: {:.3?} best of 3, {:.1} MB on the heap ({:.1} B/article)",
        "MetaIndex::new",
        best,
        heap as f64 / 1e6,
        heap as f64 / articles.len() as f64
    );
}

/// `PREVIEW_FILES=a.md:b.md`: also times laying out these article files as the preview worker
/// does, at the reader's width at 200 columns — to measure real articles (the longest of an
/// archive) against the key path's budget. Nothing outside the bench is read otherwise.
fn real_layouts() {
    let Some(files) = std::env::var_os("PREVIEW_FILES") else {
        return;
    };
    for path in std::env::split_paths(&files) {
        let bytes = std::fs::read(&path).unwrap();
        let (article, _) = gazette::library::parse::parse_article(&path, &path, &bytes).unwrap();
        let origin = gazette::library::Origin::Disk;
        let mut times = Vec::new();
        for _ in 0..20 {
            let job = PreviewJob::new(0, 88, origin, article.clone(), "2024-01-01".into());
            let read = gazette::library::read_body(origin, job.path());
            let t = Instant::now();
            let prepared = job.finish(read);
            times.push(t.elapsed());
            assert!(prepared.rendered.is_some(), "{}", path.display());
        }
        println!(
            "{:>22}: {} ({} bytes) laid out at 88 columns: {}",
            "preview layout",
            path.display(),
            bytes.len(),
            summary(times)
        );
    }
}

/// Opens the selected article with a body holding a 400×300 picture, the picture arrived as
/// the worker would send it (halfblocks), and the view a few lines above it.
fn open_with_picture(state: &mut AppState) {
    use gazette::app::Effect;
    use gazette::picture::Picture;
    update(state, Msg::Key(key('\r')));
    let article = state
        .screen()
        .reader()
        .expect("an article is open")
        .article();
    let words = "<p>A paragraph of words before the picture, long enough to wrap.</p>".repeat(8);
    let body = format!("{words}<p><img src=\"a.png\" alt=\"a picture\"></p>{words}{words}");
    let effects = update(
        state,
        Msg::Body {
            article,
            body: Ok(body),
        },
    );
    for effect in effects {
        if let Effect::LoadPicture { n, fit, .. } = effect {
            let pixels = image::RgbaImage::from_fn(400, 300, |x, y| {
                image::Rgba([(x % 256) as u8, (y % 256) as u8, 128, 255])
            });
            let picker = ratatui_image::picker::Picker::halfblocks();
            let picture = Picture::fit(&picker, pixels.into(), fit.0, fit.1).ok();
            update(
                state,
                Msg::Picture {
                    article,
                    n,
                    fit,
                    picture: Ok(picture),
                },
            );
        }
    }
    for _ in 0..6 {
        update(state, Msg::Key(key('j')));
    }
    let reader = state.screen().reader().expect("an article is open");
    assert!(
        reader.placed_pictures().next().is_some(),
        "the picture has its rows"
    );
}
