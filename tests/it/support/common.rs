//! Shared by the integration tests: a made-up library and a way to type keys at the state.
#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use gazette::app::{AppState, Effect, Msg, Settings, Zone, keymap, update};
use gazette::config::Config;
use gazette::library::date::DateSource;
use gazette::library::front_matter::FrontMatterKind;
use gazette::library::{Article, Library, Problem};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// `n` articles over three hierarchies and one flat category, one a day from 2022-01-01 back.
pub fn fake_library(n: usize) -> Library {
    let cats = [
        ["新媒体", "观察者网", "头条"],
        ["新媒体", "澎湃", "国际"],
        ["World", "Harbor", "Science"],
    ];
    let articles = (0..n)
        .map(|i| Article {
            path: std::path::PathBuf::from(format!("/lib/{i:06}.txt")).into(),
            title: format!("第{i}篇 article number {i}").into(),
            author: Some("作者".into()),
            categories: if i % 7 == 6 {
                Default::default()
            } else {
                cats[i % 3].iter().map(|s| s.to_string()).collect()
            },
            flat_categories: if i % 7 == 6 {
                ["随笔"].into()
            } else {
                Default::default()
            },
            tags: Default::default(),
            date: Some(
                Utc.with_ymd_and_hms(2022, 1, 1, 8, 0, 0).unwrap()
                    - chrono::Duration::days(i as i64),
            ),
            day_only: false,
            date_source: DateSource::FrontMatter,
            image: None,
            front_matter: FrontMatterKind::Yaml,
            extra: Default::default(),
            has_warnings: false,
        })
        .collect();
    Library::from_articles(
        articles,
        vec![Problem::error(
            "/lib/broken.txt",
            "binary file (contains NUL bytes), not an article",
        )],
    )
}

/// Settings as the defaults give them, with dates in UTC, as if it were `now`.
pub fn settings_at(now: chrono::DateTime<Utc>) -> Settings {
    let config = Config {
        zone: Zone::utc(),
        ..Config::default()
    };
    Settings::from_config(&config, now)
}

/// A state over `library` in UTC, as if today were 2022-01-01, on a 100×30 terminal.
pub fn state(library: Library) -> AppState {
    let mut s = AppState::new(
        library,
        gazette::store::Store::empty("unsaved".into()),
        settings_at(Utc.with_ymd_and_hms(2022, 1, 1, 12, 0, 0).unwrap()),
    );
    send(&mut s, Msg::Resize(100, 30));
    s
}

/// Hands `msg` to `update` and does what the event loop would with the bodies it asks for
/// (read them, lay out a preview's, send them back); returns every other effect, in order.
pub fn send(state: &mut AppState, msg: Msg) -> Vec<Effect> {
    let mut out = Vec::new();
    let mut queue = vec![msg];
    while let Some(msg) = queue.pop() {
        for effect in update(state, msg) {
            match effect {
                Effect::ReadBody {
                    article,
                    origin,
                    path,
                } => {
                    let read = gazette::library::read_body(origin, &path);
                    queue.push(Msg::body_read(article, read));
                }
                Effect::Preview(job) => {
                    let read = gazette::library::read_body(job.origin, job.path());
                    queue.push(Msg::Preview(job.finish(read)));
                }
                other => out.push(other),
            }
        }
    }
    out
}

/// One key by the name the keymap uses (`j`, `G`, `enter`, `ctrl-d`, `shift-tab`).
pub fn key(name: &str) -> KeyEvent {
    keymap::key_event(name).unwrap_or_else(|e| panic!("{e}"))
}

/// Types space-separated keys; returns the effects that reach beyond the state.
pub fn press(state: &mut AppState, keys: &str) -> Vec<Effect> {
    keys.split_whitespace()
        .flat_map(|k| send(state, Msg::Key(key(k))))
        .collect()
}

/// Types each character of `text` as a key (for typed ranges in the date window).
pub fn type_text(state: &mut AppState, text: &str) {
    for c in text.chars() {
        send(
            state,
            Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
        );
    }
}

/// Tells the state the terminal is `cols`×`rows` and draws it as the event loop does; the
/// screen's rows as text.
pub fn draw(state: &mut AppState, cols: u16, rows: u16) -> Vec<String> {
    send(state, Msg::Resize(cols, rows));
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(cols, rows)).unwrap();
    terminal
        .draw(|f| gazette::ui::render(f, state, &gazette::ui::theme::Theme::default()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..rows)
        .map(|y| (0..cols).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

/// The `gazette` binary with its state, configuration and cache kept in `home` (a temporary
/// folder) and the clock's zone fixed, so a test neither reads nor writes the user's files.
pub fn gazette(home: &std::path::Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_gazette"));
    cmd.env("XDG_STATE_HOME", home)
        .env("XDG_CONFIG_HOME", home)
        .env("XDG_CACHE_HOME", home)
        .env("TZ", "UTC");
    cmd
}
