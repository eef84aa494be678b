//! Typing a search narrows the last key's matches when the line only grew by plain words;
//! whatever is typed (a letter taken back, `OR`, `-`), the list after each key must be the
//! articles whose metadata matches the line as it stands.

use crate::support::common::{press, send, state};
use gazette::app::{AppState, Msg};
use gazette::library::loader::LoadEvent;
use gazette::library::{Article, Library};
use gazette::search::Query;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
    let title = |&id: &usize| s.catalog().article(id).title.clone();
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

/// An article replaced under the same path (its file edited: a new title) is searched by its
/// new metadata: the metadata index is built again, though the number of articles is the same.
#[test]
fn a_replaced_article_is_searched_by_its_new_title() {
    let mut s = state(library());
    let search = |s: &mut AppState, text: &str| {
        press(s, "/");
        for c in text.chars() {
            type_key(s, KeyCode::Char(c));
        }
        let (shown, expected) = shown_and_expected(s, text);
        type_key(s, KeyCode::Esc);
        (shown, expected.expect("parses"))
    };
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
