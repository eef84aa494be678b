//! Searching: metadata on every key, the full text on Enter (in the background), `n` landing
//! on a highlighted match, and `gazette list --search`.

use crate::support::common;
use crate::support::fixtures;

use common::{press, send, state, type_text};
use gazette::app::{AppState, Effect, Msg};
use std::path::Path;
use std::time::Duration;

fn write_library(dir: &Path) {
    let filler =
        "<p>The harbor council met on Tuesday to discuss the ferry timetable and the new quay.</p>"
            .repeat(30);
    let body =
        format!("{filler}<p>A trader from Zanzibar brought cloves to the market.</p>{filler}");
    let a = fixtures::primary(
        "Spice market opens",
        &["World", "Harbor Gazette", "Culture"],
        "Harbor Gazette",
        "Fri, 07 Jan 2022 08:00:00 GMT",
        &body,
    );
    let b = fixtures::primary(
        "Ferry timetable changes",
        &["World", "Harbor Gazette", "Culture"],
        "Harbor Gazette",
        "Sat, 08 Jan 2022 08:00:00 GMT",
        &filler,
    );
    let c = fixtures::primary(
        "托卡耶夫签署命令",
        &["新媒体", "城市日报", "头条"],
        "城市日报",
        "Sun, 09 Jan 2022 08:00:00 GMT",
        "<p>正文。</p>",
    );
    fixtures::write_all(
        dir,
        &[
            ("a.txt", a.as_bytes()),
            ("b.txt", b.as_bytes()),
            ("c.txt", c.as_bytes()),
        ],
    );
}

/// Runs the scan `effects` asks for as the event loop does (in the background), handing
/// each report to the state until the scan says it is done.
pub(crate) fn finish_scan(s: &mut AppState, effects: Vec<Effect>) {
    let Some(Effect::StartScan {
        origin,
        candidates,
        query,
    }) = effects
        .into_iter()
        .find(|e| matches!(e, Effect::StartScan { .. }))
    else {
        panic!("no scan was asked for");
    };
    let scan = gazette::search::spawn(origin, candidates, query);
    loop {
        let event = scan
            .events
            .recv_timeout(Duration::from_secs(10))
            .expect("the scan reports until it is done");
        let done = matches!(event, gazette::search::Event::Done { .. });
        send(s, Msg::Search(event));
        if done {
            return;
        }
    }
}

fn titles(s: &AppState) -> Vec<String> {
    s.view()
        .visible()
        .iter()
        .map(|&i| s.catalog().article(i).title.to_string())
        .collect()
}

#[test]
fn typing_filters_on_metadata_and_enter_adds_the_full_text() {
    let dir = tempfile::tempdir().unwrap();
    write_library(dir.path());
    let mut s = state(gazette::library::Library::load(&[dir.path().to_path_buf()]));
    press(&mut s, "/");
    type_text(&mut s, "FERRY");
    assert_eq!(
        titles(&s),
        ["Ferry timetable changes"],
        "case-insensitive, title only so far"
    );
    for _ in 0..5 {
        press(&mut s, "backspace");
    }
    type_text(&mut s, "zanzibar");
    assert!(titles(&s).is_empty(), "the word is only in a body");
    let effects = press(&mut s, "enter");
    finish_scan(&mut s, effects);
    assert_eq!(titles(&s), ["Spice market opens"]);
    assert_eq!(s.view().search().unwrap().matched(), Some(1));
    press(&mut s, "esc");
    assert!(s.view().search().is_none(), "Esc restores the list");
    assert_eq!(s.view().visible().len(), 3);
}

#[test]
fn chinese_queries_words_and_filters() {
    let dir = tempfile::tempdir().unwrap();
    write_library(dir.path());
    let mut s = state(gazette::library::Library::load(&[dir.path().to_path_buf()]));
    press(&mut s, "/");
    type_text(&mut s, "耶夫");
    assert_eq!(
        titles(&s),
        ["托卡耶夫签署命令"],
        "a substring, no segmentation"
    );
    press(&mut s, "esc / ");
    type_text(&mut s, "ferry harbor");
    assert_eq!(
        titles(&s),
        ["Ferry timetable changes"],
        "every word must match (harbor: the source)"
    );
    press(&mut s, "esc / ");
    type_text(&mut s, "cat:新媒体");
    assert_eq!(titles(&s), ["托卡耶夫签署命令"]);
    press(&mut s, "esc / ");
    type_text(&mut s, "since:2030-01-01");
    assert!(titles(&s).is_empty());
    press(&mut s, "esc / ");
    type_text(&mut s, "since:yesterday");
    assert!(
        s.view().search().unwrap().error().is_some(),
        "a bad date is a message, not a crash"
    );
}

#[test]
fn n_lands_on_the_highlighted_match() {
    let dir = tempfile::tempdir().unwrap();
    write_library(dir.path());
    let mut s = state(gazette::library::Library::load(&[dir.path().to_path_buf()]));
    press(&mut s, "/");
    type_text(&mut s, "zanzibar");
    let effects = press(&mut s, "enter");
    finish_scan(&mut s, effects);
    press(&mut s, "enter"); // open the one result
    press(&mut s, "n");
    let r = s.screen().reader().unwrap();
    let line = r.match_line().expect("n found a match");
    let text = r.rendered().unwrap().lines[line].text();
    assert!(text.contains("Zanzibar"), "{text}");
    assert!(
        r.scroll() <= line && line < r.scroll() + s.screen().reader_rows(),
        "the match is on screen"
    );
    // The frame shows it highlighted (reversed and bold).
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|f| gazette::ui::render(f, &s, &gazette::ui::theme::Theme::default()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let hit = (0..30).find_map(|y| {
        let row: String = (0..100)
            .map(|x| buffer[(x, y)].symbol().to_string())
            .collect();
        row.find("Zanzibar")
            .map(|x| (row[..x].chars().count() as u16, y))
    });
    let (x, y) = hit.expect("the match is drawn");
    let modifiers = buffer[(x, y)].modifier;
    assert!(
        modifiers.contains(ratatui::style::Modifier::REVERSED | ratatui::style::Modifier::BOLD)
    );
    // Past the last match, n says so (one result only).
    press(&mut s, "n");
    assert_eq!(s.screen().message(), Some("no more matches"));
}

#[test]
fn list_search_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    write_library(dir.path());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["list", "--search", "zanzibar", dir.path().to_str().unwrap()])
        .env("XDG_STATE_HOME", dir.path())
        .env("XDG_CACHE_HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains("Spice market opens"));
}

/// Results of a full-text search arrive in whatever order the scan or the index finds them;
/// the selection stays on the first result until the user moves, then stays where they put it.
#[test]
fn the_selection_follows_the_first_result_until_the_user_moves() {
    use gazette::search::Event;
    let dir = tempfile::tempdir().unwrap();
    let days = ["01", "02", "03", "04", "05"];
    let files: Vec<(String, String)> = days
        .iter()
        .map(|d| {
            let body = if *d == "03" {
                "<p>无关</p>"
            } else {
                "<p>灯塔守望</p>"
            };
            let text = fixtures::primary(
                &format!("第{d}篇"),
                &["新媒体", "城市日报", "头条"],
                "城市日报",
                &format!("{d} Jan 2022 08:00:00 GMT"),
                body,
            );
            (format!("{d}.txt"), text)
        })
        .collect();
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_bytes()))
        .collect();
    fixtures::write_all(dir.path(), &refs);
    let mut s = state(gazette::library::Library::load(&[dir.path().to_path_buf()]));
    press(&mut s, "j j");
    press(&mut s, "/");
    type_text(&mut s, "灯塔");
    let effects = press(&mut s, "enter");
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::StartScan { .. }))
    );
    let id = |s: &AppState, title: &str| {
        (0..s.catalog().articles().len())
            .find(|&i| *s.catalog().article(i).title == *title)
            .unwrap()
    };
    let selected = |s: &AppState| {
        let i = s.view().selected_article().unwrap();
        s.catalog().article(i).title.to_string()
    };
    // The oldest match is found first, then a newer one: the selection goes to the top.
    let (oldest, newer, newest) = (id(&s, "第01篇"), id(&s, "第04篇"), id(&s, "第05篇"));
    send(&mut s, Msg::Search(Event::Found(vec![oldest])));
    assert_eq!(selected(&s), "第01篇");
    send(&mut s, Msg::Search(Event::Found(vec![newer])));
    assert_eq!(titles(&s), ["第04篇", "第01篇"]);
    assert_eq!(
        selected(&s),
        "第04篇",
        "on the first result, not the first found"
    );
    // The user moves: a newer result arriving above does not take the selection away.
    press(&mut s, "j");
    assert_eq!(selected(&s), "第01篇");
    send(&mut s, Msg::Search(Event::Found(vec![newest])));
    assert_eq!(titles(&s), ["第05篇", "第04篇", "第01篇"]);
    assert_eq!(selected(&s), "第01篇", "the user's choice stays");
}
