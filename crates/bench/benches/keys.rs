//! Key press → frame at 100,000 articles: `update` plus a full `render` on a TestBackend, per
//! key, reported as median and p99. `cargo bench -p gazette-bench --bench keys`.
//!
//! A custom harness (not criterion) because the figure wanted is the tail of the per-key
//! distribution, not a mean.

use chrono::{TimeZone, Utc};
use gazette::app::{AppState, Msg, Settings, Zone, update};
use gazette::config::Config;
use gazette::library::{Article, Library};
use gazette::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::Path;
use std::time::{Duration, Instant};

const ARTICLES: usize = 100_000;

fn library() -> Library {
    let articles: Vec<Article> = (0..ARTICLES)
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

fn main() {
    let started = Instant::now();
    let library = library();
    eprintln!(
        "built {} articles in {:.1?}",
        library.articles.len(),
        started.elapsed()
    );
    let now = Utc.with_ymd_and_hms(2022, 12, 31, 12, 0, 0).unwrap();
    let config = Config {
        zone: Zone::utc(),
        ..Config::default()
    };
    let mut state = AppState::new(
        library,
        gazette::store::Store::empty("unsaved".into()),
        Settings::from_config(&config, now),
    );
    let theme = Theme::default();
    let (cols, rows) = (200, 50);
    update(&mut state, Msg::Resize(cols, rows));
    let mut terminal = Terminal::new(TestBackend::new(cols, rows)).unwrap();
    // Moves, jumps, a category filter applied and cleared, a date filter, tree moves.
    let script = "jjjjjjjjjjkkkkkGgjjjjjcjj\rCjjjjDGgcj\rjjjC";
    for (name, keys) in [
        ("move (j/k/G/g)", "jjjjjjjjjjkkkkkGgjjjjjjjjjjkkkk"),
        ("mixed with filters", script),
    ] {
        // These scripts open no article: no effect needs carrying out.
        let times = timed(&mut state, &mut terminal, &theme, keys);
        report(name, times);
    }
    // An article open, scrolled up and down with a picture on screen.
    open_with_picture(&mut state);
    let times = timed(&mut state, &mut terminal, &theme, "jjjjjjjjjjkkkkkkkkkk");
    report("scroll past a picture", times);
}

/// Each key of `keys`, twenty times over: update and a full frame, timed.
fn timed(
    state: &mut AppState,
    terminal: &mut Terminal<TestBackend>,
    theme: &Theme,
    keys: &str,
) -> Vec<Duration> {
    let mut times = Vec::new();
    for _ in 0..20 {
        for c in keys.chars() {
            let t = Instant::now();
            update(state, Msg::Key(key(c)));
            terminal.draw(|f| ui::render(f, state, theme)).unwrap();
            times.push(t.elapsed());
        }
    }
    times
}

fn report(name: &str, mut times: Vec<Duration>) {
    times.sort();
    println!(
        "{name:>22}: {} key presses at {ARTICLES} articles, update + render 200x50: median {:.3?}, p99 {:.3?}, max {:.3?}",
        times.len(),
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        times.last().unwrap()
    );
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
