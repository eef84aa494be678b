//! The preview: with the list focused and room for the reader pane, the pane shows the
//! selected article as the selection moves — header at once, body when it is read and laid
//! out (off the key path, by an effect) — without marking it read or moving its place; a
//! body for an article no longer selected is dropped; `preview = false` turns it off.

use crate::support::common::{draw, key, press, send, settings_at};
use chrono::{TimeZone, Utc};
use gazette::app::{AppState, Effect, Focus, Msg, Settings, Zone, update};
use gazette::config::Config;
use gazette::library::loader::LoadEvent;
use gazette::library::{Article, Library, parse::parse_article};
use gazette::store::{Position, Store};
use std::path::Path;

/// Writes article `name` into `dir` and reads its metadata as the loader does.
fn write(dir: &Path, name: &str, title: &str, date: &str, body: &str) -> Article {
    let text = format!("---\ntitle: {title}\ndate: {date}\n---\n\n{body}\n");
    let path = dir.join(name);
    std::fs::write(&path, &text).unwrap();
    parse_article(&path, Path::new(name), text.as_bytes())
        .unwrap()
        .0
}

/// Forty numbered paragraphs of `sentence`.
fn long(sentence: &str) -> String {
    let paragraphs: Vec<String> = (0..40).map(|i| format!("第{i}段。{sentence}")).collect();
    paragraphs.join("\n\n")
}

/// Three articles written to `dir`, newest first: each body says which one it is; the first
/// and the last are long (forty paragraphs).
fn library(dir: &Path) -> Library {
    let (tea, kites) = (
        long("老板一早就生了火。The owner lit the stove at dawn."),
        long("孩子们在河边放风筝。Children flew kites by the river."),
    );
    let files = [
        (
            "tea.md",
            "茶馆开门 The tea house opens",
            "2022-01-03",
            tea.as_str(),
        ),
        (
            "rain.md",
            "雨天 A rainy day",
            "2022-01-02",
            "雨下了一整天，街上没有人。It rained all day and the street was empty.",
        ),
        ("kite.md", "风筝 Kites", "2022-01-01", kites.as_str()),
    ];
    let articles = files
        .iter()
        .map(|(name, title, date, body)| {
            let text = format!("---\ntitle: {title}\ndate: {date}\n---\n\n{body}\n");
            let path = dir.join(name);
            std::fs::write(&path, &text).unwrap();
            parse_article(&path, Path::new(name), text.as_bytes())
                .unwrap()
                .0
        })
        .collect();
    Library::from_articles(articles, Vec::new())
}

fn state_with(dir: &Path, settings: Settings, cols: u16, rows: u16) -> AppState {
    let mut s = AppState::new(library(dir), Store::empty("unsaved".into()), settings);
    send(&mut s, Msg::Resize(cols, rows));
    s
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2022, 1, 4, 12, 0, 0).unwrap()
}

/// The library in a new folder (kept while the test holds it), at 100×30: list and reader
/// side by side.
fn fresh() -> (tempfile::TempDir, AppState) {
    let dir = tempfile::tempdir().unwrap();
    let s = state_with(dir.path(), settings_at(now()), 100, 30);
    (dir, s)
}

/// The text the reader pane shows, line by line.
fn shown_text(s: &AppState) -> String {
    let shown = s.screen().shown().expect("something in the reader pane");
    shown
        .rendered()
        .map(|r| r.lines.iter().map(|l| l.text() + "\n").collect())
        .unwrap_or_default()
}

/// The three articles' ids, newest first: tea, rain, kite.
fn ids(s: &AppState) -> [usize; 3] {
    s.view().visible().try_into().expect("three articles")
}

fn previewed(s: &AppState) -> Option<usize> {
    s.screen().preview().map(|p| p.article())
}

/// The preview jobs among `effects`.
fn jobs(effects: &[Effect]) -> Vec<&gazette::app::reader::preview::PreviewJob> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Preview(job) => Some(job),
            _ => None,
        })
        .collect()
}

#[test]
fn a_move_previews_the_selected_article_with_its_body() {
    let (_dir, mut s) = fresh();
    let [tea, rain, _] = ids(&s);
    assert_eq!(previewed(&s), Some(tea), "the first selection is previewed");
    assert!(
        shown_text(&s).contains("老板一早就生了火"),
        "{}",
        shown_text(&s)
    );

    press(&mut s, "j");
    assert_eq!(previewed(&s), Some(rain));
    let text = shown_text(&s);
    assert!(text.contains("雨天 A rainy day"), "the header: {text}");
    assert!(text.contains("雨下了一整天"), "the body: {text}");
    assert_eq!(s.screen().focus(), Focus::List, "the list keeps the focus");
    assert!(s.screen().reader().is_none(), "nothing is opened");

    let screen = draw(&mut s, 100, 30).join("\n");
    assert!(screen.contains("Reader · preview"), "{screen}");
    assert!(screen.contains("It rained all day"), "{screen}");
}

#[test]
fn previewing_does_not_mark_read_and_enter_opens_what_is_previewed_at_once() {
    let (_dir, mut s) = fresh();
    let rain = s.view().visible()[1];
    press(&mut s, "j j k");
    for &id in s.view().visible() {
        assert!(!s.entry(id).read, "previewed, not read");
        assert_eq!(s.entry(id).pos, Position::Top, "its place untouched");
    }

    // Enter opens it: read now, and the body already laid out is taken over, not read again.
    let effects = update(&mut s, Msg::Key(key("enter")));
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::ReadBody { .. } | Effect::Preview(_))),
        "{effects:?}"
    );
    assert!(s.entry(rain).read);
    assert_eq!(s.screen().focus(), Focus::Reader);
    assert_eq!(s.screen().reader().map(|r| r.article()), Some(rain));
    assert_eq!(previewed(&s), None, "the reader has the focus: no preview");
    assert!(shown_text(&s).contains("雨下了一整天"));
}

#[test]
fn a_body_for_an_article_no_longer_selected_is_dropped() {
    let (_dir, mut s) = fresh();
    let [_, rain, kite] = ids(&s);
    // Jobs are not carried out here: the test does it, late and out of order.
    let first = update(&mut s, Msg::Key(key("j")));
    let second = update(&mut s, Msg::Key(key("j")));
    let (job_rain, job_kite) = (jobs(&first)[0].clone(), jobs(&second)[0].clone());
    assert_eq!((job_rain.article, job_kite.article), (rain, kite));
    assert_eq!(previewed(&s), Some(kite));
    assert!(
        s.screen().shown().unwrap().body().is_none(),
        "still being read"
    );

    let read = gazette::library::read_body(job_rain.origin, job_rain.path());
    send(&mut s, Msg::Preview(job_rain.finish(read)));
    assert_eq!(previewed(&s), Some(kite));
    assert!(
        s.screen().shown().unwrap().body().is_none(),
        "the stale body was dropped: {}",
        shown_text(&s)
    );

    let read = gazette::library::read_body(job_kite.origin, job_kite.path());
    send(&mut s, Msg::Preview(job_kite.finish(read)));
    assert!(
        shown_text(&s).contains("孩子们在河边放风筝"),
        "{}",
        shown_text(&s)
    );
}

#[test]
fn while_the_body_is_read_the_header_shows_at_once() {
    let (_dir, mut s) = fresh();
    let effects = update(&mut s, Msg::Key(key("j")));
    assert_eq!(jobs(&effects).len(), 1);
    // `draw` tells the state the size it already has: no new job, nothing carried out.
    let screen = draw(&mut s, 100, 30).join("\n");
    // (A wide character takes two cells: the backend shows `雨 天`.)
    assert!(screen.contains("A rainy day"), "{screen}");
    assert!(screen.contains("│2022-01-02"), "{screen}");
    assert!(screen.contains("Loading…"), "{screen}");
    assert!(!screen.contains("It rained all day"), "{screen}");
}

#[test]
fn the_reader_focused_shows_the_open_article_and_the_list_the_selection() {
    let (_dir, mut s) = fresh();
    let [tea, rain, _] = ids(&s);
    press(&mut s, "enter");
    assert_eq!(s.screen().shown().map(|r| r.article()), Some(tea));
    press(&mut s, "esc j");
    assert_eq!(previewed(&s), Some(rain), "back in the list: the selection");
    assert!(shown_text(&s).contains("雨下了一整天"));
    press(&mut s, "tab");
    assert_eq!(s.screen().focus(), Focus::Reader);
    assert_eq!(previewed(&s), None);
    assert_eq!(s.screen().shown().map(|r| r.article()), Some(tea));
    assert!(!s.entry(rain).read);
    // Back on the open article in the list: the pane shows it open, no preview of it.
    press(&mut s, "esc k");
    assert_eq!(previewed(&s), None);
    assert_eq!(s.screen().shown().map(|r| r.article()), Some(tea));
}

#[test]
fn a_resize_asks_for_the_preview_at_the_new_width() {
    let (_dir, mut s) = fresh();
    let effects = update(&mut s, Msg::Resize(90, 30));
    let asked = jobs(&effects);
    assert_eq!(asked.len(), 1, "{effects:?}");
    assert_eq!(
        asked[0].width,
        90 - 36 - 2,
        "the reader's text width at 90 columns"
    );
    // The same size again asks for nothing.
    assert!(jobs(&update(&mut s, Msg::Resize(90, 30))).is_empty());
}

#[test]
fn preview_false_leaves_the_pane_empty_until_enter() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config {
        zone: Zone::utc(),
        preview: false,
        ..Config::default()
    };
    let mut s = state_with(dir.path(), Settings::from_config(&config, now()), 100, 30);
    let effects = update(&mut s, Msg::Key(key("j")));
    assert!(jobs(&effects).is_empty(), "{effects:?}");
    assert_eq!(previewed(&s), None);
    assert!(s.screen().shown().is_none());
    let screen = draw(&mut s, 100, 30).join("\n");
    assert!(
        screen.contains("Enter opens the selected article."),
        "{screen}"
    );
    press(&mut s, "enter");
    assert!(shown_text(&s).contains("雨下了一整天"));
}

#[test]
fn without_room_for_the_reader_pane_there_is_no_preview() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = state_with(dir.path(), settings_at(now()), 40, 15);
    let effects = update(&mut s, Msg::Key(key("j")));
    assert!(jobs(&effects).is_empty(), "{effects:?}");
    assert_eq!(previewed(&s), None);
    // Wider again: the selection is previewed.
    send(&mut s, Msg::Resize(100, 30));
    assert_eq!(previewed(&s), Some(s.view().visible()[1]));
}

#[test]
fn a_previewed_article_whose_file_changed_is_prepared_again() {
    let (dir, mut s) = fresh();
    press(&mut s, "j");
    assert!(shown_text(&s).contains("雨下了一整天"));
    let changed = write(
        dir.path(),
        "rain.md",
        "雨天 A rainy day",
        "2022-01-02",
        "雨停了，太阳出来了。The rain stopped.",
    );
    send(
        &mut s,
        Msg::Load(LoadEvent::Articles(vec![changed], Vec::new())),
    );
    let text = shown_text(&s);
    assert!(
        text.contains("雨停了") && !text.contains("雨下了一整天"),
        "{text}"
    );
}

#[test]
fn the_wheel_over_a_preview_scrolls_the_preview_not_the_open_article() {
    use ratatui::crossterm::event::{KeyModifiers, MouseEvent, MouseEventKind};
    let (_dir, mut s) = fresh();
    let [tea, _, kite] = ids(&s);
    press(&mut s, "enter j esc j j");
    assert_eq!(s.screen().reader().map(|r| r.scroll()), Some(1));
    assert_eq!(previewed(&s), Some(kite));
    let wheel = MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 80,
        row: 10,
        modifiers: KeyModifiers::NONE,
    };
    send(&mut s, Msg::Mouse(wheel));
    assert_eq!(
        s.screen().focus(),
        Focus::List,
        "the wheel leaves the focus"
    );
    assert_eq!(
        s.screen().shown().map(|r| (r.article(), r.scroll())),
        Some((kite, 3))
    );
    let open = s.screen().reader().unwrap();
    assert_eq!(
        (open.article(), open.scroll()),
        (tea, 1),
        "the open article stays"
    );
    assert!(!s.entry(kite).read);
}
