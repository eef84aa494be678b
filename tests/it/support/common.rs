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
