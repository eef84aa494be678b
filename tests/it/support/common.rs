//! Shared by the integration tests: a made-up library and a way to type keys at the state.
#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use gazette::app::{AppState, Effect, Zone, input::on_key};
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
            path: format!("/lib/{i:06}.txt").into(),
            title: format!("第{i}篇 article number {i}"),
            author: Some("作者".into()),
            categories: if i % 7 == 6 {
                vec![]
            } else {
                cats[i % 3].iter().map(|s| s.to_string()).collect()
            },
            flat_categories: if i % 7 == 6 {
                vec!["随笔".into()]
            } else {
                vec![]
            },
            tags: vec![],
            date: Some(
                Utc.with_ymd_and_hms(2022, 1, 1, 8, 0, 0).unwrap()
                    - chrono::Duration::days(i as i64),
            ),
            day_only: false,
            date_source: DateSource::FrontMatter,
            image: None,
            front_matter: FrontMatterKind::Yaml,
            extra: vec![],
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

/// A state over `library` in UTC, as if today were 2022-01-01.
pub fn state(library: Library) -> AppState {
    let mut s = AppState::new(
        library,
        gazette::store::Store::empty("unsaved".into()),
        Zone::utc(),
        Utc.with_ymd_and_hms(2022, 1, 1, 12, 0, 0).unwrap(),
    );
    s.size = (100, 30);
    s
}

/// Parses one key name as written in the keymap (`j`, `G`, `enter`, `ctrl-d`, `shift-tab`).
pub fn key(name: &str) -> KeyEvent {
    let (mods, base) = match name.strip_prefix("ctrl-") {
        Some(rest) => (KeyModifiers::CONTROL, rest),
        None => (KeyModifiers::NONE, name),
    };
    let code = match base {
        "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "shift-tab" => return KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
        "space" => KeyCode::Char(' '),
        "backspace" => KeyCode::Backspace,
        "down" => KeyCode::Down,
        "up" => KeyCode::Up,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pgdn" => KeyCode::PageDown,
        "pgup" => KeyCode::PageUp,
        c if c.chars().count() == 1 => KeyCode::Char(c.chars().next().unwrap()),
        other => panic!("unknown key {other}"),
    };
    let mods = if base.chars().count() == 1 && base.chars().next().unwrap().is_uppercase() {
        mods | KeyModifiers::SHIFT
    } else {
        mods
    };
    KeyEvent::new(code, mods)
}

/// Types space-separated keys; returns the last effect.
pub fn press(state: &mut AppState, keys: &str) -> Effect {
    let mut effect = Effect::None;
    for k in keys.split_whitespace() {
        effect = on_key(state, key(k));
    }
    effect
}

/// Types each character of `text` as a key (for typed ranges in the date window).
pub fn type_text(state: &mut AppState, text: &str) {
    for c in text.chars() {
        on_key(state, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

/// Lays the state out for a `cols`×`rows` terminal and draws it as the event loop does; the
/// screen's rows as text.
pub fn draw(state: &mut AppState, cols: u16, rows: u16) -> Vec<String> {
    state.size = (cols, rows);
    let area = ratatui::layout::Rect::new(0, 0, cols, rows);
    gazette::tui::prepare(state, area);
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
