//! Typing a search narrows the last key's matches when the line only grew by plain words;
//! whatever is typed (a letter taken back, `OR`, `-`), the list after each key must be the
//! articles whose metadata matches the line as it stands.

use crate::support::common::{press, send, state};
use chrono::TimeZone;
use gazette::app::{AppState, Msg};
use gazette::library::loader::LoadEvent;
use gazette::library::{Article, Library};
use gazette::search::Query;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};

fn library() -> Library {
    let titles = [
        "Harbor lights",
        "harbour walk",
        "Harmony 港口",
        "港口 news",
        "港口 nice",
        "tea time",
    ];
    let mut articles: Vec<Article> = (0..120)
        .map(|i| Article::new(format!("/lib/{i:03}.md"), format!("第{i}篇 文章")))
        .collect();
    for (i, t) in titles.iter().enumerate() {
        articles.push(Article::new(format!("/lib/x{i}.md"), *t));
    }
    Library::from_articles(articles, vec![])
}

/// The titles the list shows, and those whose metadata matches `text` (in the list's
/// order), or `None` for the second when `text` does not parse (the list keeps the last
/// query that did).
fn shown_and_expected(s: &AppState, text: &str) -> (Vec<String>, Option<Vec<String>>) {
    let title = |&id: &usize| s.catalog().article(id).title.to_string();
    let shown = s.view().visible().iter().map(title).collect();
    let expected = Query::parse_in(text, &chrono::Utc).ok().map(|q| {
        (s.catalog().order().iter())
            .filter(|&&id| q.matches_meta(s.catalog().article(id)))
            .map(title)
            .collect()
    });
    (shown, expected)
}

fn type_key(s: &mut AppState, code: KeyCode) {
    send(s, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

#[test]
fn each_key_shows_what_the_line_matches() {
    let mut s = state(library());
    press(&mut s, "/");
    let mut line = String::new();
    let mut checked = 0;
    // Backspace is `\u{8}`: a letter taken back widens the matches again.
    for c in "har\u{8}\u{8}arbor\u{8}\u{8}\u{8}\u{8}\u{8}\u{8}港口 O\u{8}OR t\u{8}\u{8}\u{8}\u{8} -n\u{8}ne".chars() {
        if c == '\u{8}' {
            line.pop();
            type_key(&mut s, KeyCode::Backspace);
        } else {
            line.push(c);
            type_key(&mut s, KeyCode::Char(c));
        }
        let (shown, expected) = shown_and_expected(&s, &line);
        if let Some(expected) = expected {
            assert_eq!(shown, expected, "after typing {line:?}");
            checked += 1;
        }
    }
    assert!(checked > 20, "{checked} lines checked");
    // The line ends as `港口  -ne`: 港口, but not `ne` (news has it, nice does not).
    let (mut shown, _) = shown_and_expected(&s, &line);
    shown.sort();
    assert_eq!(shown, ["Harmony 港口", "港口 nice"]);
}

/// Types `text` as a new search and leaves it: the titles shown, and those expected.
fn search(s: &mut AppState, text: &str) -> (Vec<String>, Vec<String>) {
    press(s, "/");
    for c in text.chars() {
        type_key(s, KeyCode::Char(c));
    }
    let (shown, expected) = shown_and_expected(s, text);
    type_key(s, KeyCode::Esc);
    (shown, expected.expect("parses"))
}

/// An article replaced under the same path (its file edited: a new title) is searched by its
/// new metadata: the metadata index is built again, though the number of articles is the same.
#[test]
fn a_replaced_article_is_searched_by_its_new_title() {
    let mut s = state(library());
    let (shown, expected) = search(&mut s, "harbor");
    assert_eq!(shown, expected);
    assert_eq!(shown, ["Harbor lights"]);
    let edited = Article::new("/lib/x0.md", "Quiet lights");
    send(&mut s, Msg::Load(LoadEvent::Articles(vec![edited], vec![])));
    send(&mut s, Msg::Settle);
    let (shown, expected) = search(&mut s, "harbor");
    assert_eq!(shown, expected);
    assert!(shown.is_empty(), "{shown:?}");
    assert_eq!(search(&mut s, "quiet").0, ["Quiet lights"]);
}

/// An article removed (its file deleted) leaves the search, the others stay found, and one
/// arriving after is found by its author (a value the metadata index had not seen).
#[test]
fn a_removed_article_leaves_the_search_and_the_others_stay_found() {
    let mut s = state(library());
    let search = |s: &mut AppState, text: &str| {
        let (shown, expected) = search(s, text);
        assert_eq!(shown, expected, "{text:?}");
        shown
    };
    assert_eq!(search(&mut s, "harbo"), ["Harbor lights", "harbour walk"]);
    let removed = vec![std::path::PathBuf::from("/lib/x0.md")];
    send(&mut s, Msg::Load(LoadEvent::Removed(removed)));
    send(&mut s, Msg::Settle);
    assert_eq!(search(&mut s, "harbo"), ["harbour walk"]);
    let mut arrived = Article::new("/lib/y.md", "Lights again");
    arrived.author = Some("港口 Press".into());
    send(
        &mut s,
        Msg::Load(LoadEvent::Articles(vec![arrived], vec![])),
    );
    send(&mut s, Msg::Settle);
    assert_eq!(search(&mut s, "tea"), ["tea time"]);
    assert_eq!(search(&mut s, "press"), ["Lights again"]);
    assert_eq!(search(&mut s, "lights"), ["Lights again"]);
}

/// 90 articles, newest first by id; every tenth title has 港口, every thirtieth 港口 news.
fn dated_library() -> Library {
    let noon = chrono::Utc.with_ymd_and_hms(2023, 6, 1, 12, 0, 0).unwrap();
    let articles = (0..90)
        .map(|i| {
            let title = match i {
                i if i % 30 == 7 => format!("港口 news {i}"),
                i if i % 10 == 7 => format!("港口 第{i}篇"),
                i => format!("茶叶 第{i}篇"),
            };
            Article {
                date: Some(noon - chrono::Duration::hours(i)),
                ..Article::new(format!("/lib/{i:03}.md"), title)
            }
        })
        .collect();
    Library::from_articles(articles, vec![])
}

/// Steps a search walking down the list until it is done; how many steps it took.
fn walk_to_the_end(s: &mut AppState) -> usize {
    let mut steps = 0;
    while s.view().search_walking() {
        send(s, Msg::SearchStep);
        steps += 1;
        assert!(steps < 1000, "the walk ends");
    }
    steps
}

/// A search in a library larger than a step of the walk: each key lists the top of the
/// matches at once, and the steps that follow add the rest at the end, until the list is
/// every match in order.
#[test]
fn a_search_of_a_large_library_walks_down_the_list() {
    let mut s = state(dated_library()).with_search_step(10);
    press(&mut s, "/");
    type_key(&mut s, KeyCode::Char('港'));
    let (first, expected) = shown_and_expected(&s, "港");
    let expected = expected.expect("parses");
    assert!(s.view().search_walking(), "walking");
    assert!(first.len() < expected.len(), "{first:?}");
    assert_eq!(first, expected[..first.len()], "the top first");
    assert!(walk_to_the_end(&mut s) > 1, "in steps");
    assert_eq!(shown_and_expected(&s, "港").0, expected, "all of it");
    // The walk's matches are known whole now, so longer words narrow them at once.
    for (c, line) in [('口', "港口"), (' ', "港口 "), ('n', "港口 n")] {
        type_key(&mut s, KeyCode::Char(c));
        assert!(!s.view().search_walking(), "{line}");
        let (shown, expected) = shown_and_expected(&s, line);
        assert_eq!(shown, expected.expect("parses"), "{line}");
    }
    assert_eq!(s.view().visible().len(), 3);
}

/// The article selected before a search is selected again as soon as the walk lists it,
/// unless the user moved meanwhile.
#[test]
fn the_walk_returns_the_selection_to_the_users_article() {
    let mut s = state(dated_library()).with_search_step(10);
    let title = |s: &AppState| {
        let id = s.view().selected_article().expect("a selection");
        s.catalog().article(id).title.to_string()
    };
    // Down to the oldest `港口` article, which a search for 港口 lists last.
    let last = (s
        .view()
        .visible()
        .iter()
        .rposition(|&id| s.catalog().article(id).title.contains("港口")))
    .expect("a 港口 article");
    press(&mut s, &"j ".repeat(last));
    let chosen = title(&s);
    assert!(chosen.contains("港口"), "{chosen}");
    press(&mut s, "/");
    type_key(&mut s, KeyCode::Char('港'));
    assert!(s.view().search_walking());
    assert_ne!(title(&s), chosen, "not listed yet");
    walk_to_the_end(&mut s);
    assert_eq!(title(&s), chosen, "back on the user's article");
    // Moved during a walk, the selection stays where the user put it.
    type_key(&mut s, KeyCode::Char('口'));
    type_key(&mut s, KeyCode::Esc);
    press(&mut s, "/");
    type_key(&mut s, KeyCode::Char('港'));
    assert!(s.view().search_walking());
    // The keys go to the search line; the wheel moves the list.
    let list = s.screen().areas().list.expect("the list is on screen");
    let wheel = MouseEvent {
        kind: MouseEventKind::ScrollUp,
        column: list.x + 2,
        row: list.y + 2,
        modifiers: KeyModifiers::NONE,
    };
    for _ in 0..3 {
        send(&mut s, Msg::SearchStep);
    }
    assert!(s.view().search_walking());
    let placed = s.view().selected();
    send(&mut s, Msg::Mouse(wheel));
    let moved = s.view().selected();
    assert!(moved < placed, "{moved} < {placed}");
    walk_to_the_end(&mut s);
    assert_eq!(s.view().selected(), moved, "where the user left it");
}

/// Articles arriving during a walk (settled in the middle of it, or only after it ended)
/// join the search's list as a search started afresh would list them.
#[test]
fn articles_arriving_during_a_walk_join_its_list() {
    let mut s = state(dated_library()).with_search_step(10);
    let noon = chrono::Utc.with_ymd_and_hms(2023, 6, 1, 12, 0, 0).unwrap();
    let arriving = |from: usize| {
        let articles = (from..from + 20)
            .map(|i| Article {
                date: Some(noon - chrono::Duration::minutes(i as i64 * 37)),
                ..Article::new(format!("/lib/new{i}.md"), format!("港口 新到 {i}"))
            })
            .collect();
        Msg::Load(LoadEvent::Articles(articles, vec![]))
    };
    press(&mut s, "/");
    type_key(&mut s, KeyCode::Char('港'));
    send(&mut s, Msg::SearchStep);
    assert!(s.view().search_walking());
    send(&mut s, arriving(0));
    send(&mut s, Msg::Settle);
    walk_to_the_end(&mut s);
    let (shown, expected) = shown_and_expected(&s, "港");
    assert_eq!(shown, expected.expect("parses"), "settled during the walk");
    // Arrived before the walk ended, settled after it.
    type_key(&mut s, KeyCode::Esc);
    press(&mut s, "/");
    type_key(&mut s, KeyCode::Char('港'));
    send(&mut s, arriving(100));
    walk_to_the_end(&mut s);
    send(&mut s, Msg::Settle);
    let (shown, expected) = shown_and_expected(&s, "港");
    let expected = expected.expect("parses");
    assert_eq!(shown, expected, "settled after the walk");
    assert_eq!(expected.len(), 9 + 40, "{expected:?}");
}
