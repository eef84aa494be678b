//! The query language end to end: every key, `-` and `OR` through `gazette list --search`
//! and through the reader's `/` (metadata at once, the full text on Enter), on one library
//! the test writes — both must select the same articles. Errors exit 2 from the command line
//! and show in the reader's status bar.

use crate::claims_cli::{json_rows, titles};
use crate::search::finish_scan;
use crate::support::common::{self, draw, press, type_text};
use crate::support::fixtures;
use std::path::Path;
use std::process::Output;

const WEEKLY: &str = "Weekly digest of ferries";
const TOKAYEV: &str = "托卡耶夫访华";
const TIDES: &str = "Harbour tides";
const NOTES: &str = "Loose notes";

/// Four articles in three source folders and the root; the weekly digest is read, the
/// Chinese one starred (`marks`).
pub(crate) fn write_library(dir: &Path) {
    let weekly = "---\ntitle: Weekly digest of ferries\nauthor: 阮一峰\ntags: [科技, Travel]\n\
                  date: 2022-05-03\n---\n\nThe boat to Zanzibar left late again.\n";
    let tokayev = fixtures::primary(
        TOKAYEV,
        &["新媒体", "观察者网", "头条"],
        "观察者网",
        "Fri, 31 Dec 2021 08:00:00 GMT",
        "<p>渡轮 timetable.</p>",
    );
    let tides = fixtures::primary(
        TIDES,
        &["World", "Harbor Gazette", "Science"],
        "Jane Doe",
        "Sat, 15 Jan 2022 08:00:00 GMT",
        "<p>Nothing about boats; the ferries are idle.</p>",
    );
    fixtures::write_all(
        dir,
        &[
            ("ruanyf/2022/weekly.md", weekly.as_bytes()),
            ("guancha/2021/a.txt", tokayev.as_bytes()),
            ("world/b.txt", tides.as_bytes()),
            ("notes.md", b"# Loose notes\n\ntide tables and ferries\n"),
        ],
    );
}

/// The reading-state keys to mark: (title, read, starred).
const MARKS: [(&str, bool, bool); 2] = [(WEEKLY, true, false), (TOKAYEV, false, true)];

fn keys(lib: &Path) -> std::collections::HashMap<String, String> {
    let library = gazette::library::Library::load(&[lib.to_path_buf()]);
    (library.articles.iter())
        .map(|a| (a.title.to_string(), gazette::store::article_key(a)))
        .collect()
}

/// A home whose reading state holds [`MARKS`], imported as a user would.
fn home_with_marks(lib: &Path) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let keys = keys(lib);
    let mut text = String::from("{\"gazette_state\":1}\n");
    for (title, read, starred) in MARKS {
        let key = &keys[title];
        text.push_str(&format!(
            "{{\"key\":\"{key}\",\"read\":{read},\"starred\":{starred}}}\n"
        ));
    }
    let file = home.path().join("marks.jsonl");
    std::fs::write(&file, text).unwrap();
    let out = run(home.path(), &["state", "import", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    home
}

fn run(home: &Path, args: &[&str]) -> Output {
    common::gazette(home)
        .args(args)
        .output()
        .expect("run gazette")
}

/// `gazette list --search QUERY LIB --json`: the titles, sorted.
fn listed(home: &Path, lib: &Path, query: &str) -> Vec<String> {
    let rows = json_rows(
        home,
        &["list", "--json", "--search", query, lib.to_str().unwrap()],
    );
    let mut titles: Vec<String> = titles(&rows).into_iter().map(String::from).collect();
    titles.sort();
    titles
}

/// The reader over `lib` with [`MARKS`] in its store.
fn reader(lib: &Path) -> gazette::app::AppState {
    let mut s = common::state(gazette::library::Library::load(&[lib.to_path_buf()]));
    let keys = keys(lib);
    for (title, read, starred) in MARKS {
        s.store_mut().set_read(&keys[title], read);
        s.store_mut().set_starred(&keys[title], starred);
    }
    s
}

/// Types `/QUERY` Enter in the reader and waits for the full-text scan; the titles, sorted.
fn searched(s: &mut gazette::app::AppState, query: &str) -> Vec<String> {
    press(s, "/");
    type_text(s, query);
    let effects = press(s, "enter");
    if effects
        .iter()
        .any(|e| matches!(e, gazette::app::Effect::StartScan { .. }))
    {
        finish_scan(s, effects);
    }
    let mut titles: Vec<String> = (s.view().visible().iter())
        .map(|&i| s.catalog().article(i).title.to_string())
        .collect();
    titles.sort();
    press(s, "esc");
    titles
}

#[test]
fn list_and_the_reader_select_the_same_articles_for_every_key() {
    let lib = tempfile::tempdir().unwrap();
    write_library(lib.path());
    let home = home_with_marks(lib.path());
    let mut s = reader(lib.path());
    let cases: &[(&str, &[&str])] = &[
        // Words: in the title or, after Enter, the body.
        ("ferries", &[TIDES, NOTES, WEEKLY]),
        ("ferries -zanzibar", &[TIDES, NOTES]),
        ("zanzibar OR 渡轮", &[WEEKLY, TOKAYEV]),
        ("ferries tables OR zanzibar", &[NOTES, WEEKLY]),
        ("\"boat to zanzibar\"", &[WEEKLY]),
        ("-\"boat to zanzibar\" ferries", &[TIDES, NOTES]),
        ("cat:观察者网", &[TOKAYEV]),
        ("cat:\"World/Harbor Gazette\"", &[TIDES]),
        ("-cat:新媒体 -cat:World", &[NOTES, WEEKLY]),
        ("tag:travel", &[WEEKLY]),
        ("author:jane", &[TIDES]),
        ("-author:jane -author:观察者网", &[NOTES, WEEKLY]),
        ("source:guancha", &[TOKAYEV]),
        ("source:ruanyf OR source:WORLD", &[TIDES, WEEKLY]),
        ("since:2022 until:2022-01", &[TIDES]),
        ("since:2022-05", &[WEEKLY]),
        ("until:2021", &[TOKAYEV]),
        ("since:100000d", &[TIDES, WEEKLY, TOKAYEV]),
        ("is:unread", &[TIDES, NOTES, TOKAYEV]),
        ("-is:unread", &[WEEKLY]),
        ("is:starred OR is:read", &[WEEKLY, TOKAYEV]),
        ("is:unread cat:观察者网", &[TOKAYEV]),
        ("ferries is:unread -tag:科技", &[TIDES, NOTES]),
    ];
    for (query, want) in cases {
        let mut want: Vec<&str> = want.to_vec();
        want.sort();
        assert_eq!(
            listed(home.path(), lib.path(), query),
            want,
            "list: {query}"
        );
        assert_eq!(searched(&mut s, query), want, "reader: {query}");
    }
}

#[test]
fn unknown_keys_and_bad_dates_are_errors_not_empty_lists() {
    let lib = tempfile::tempdir().unwrap();
    write_library(lib.path());
    let home = tempfile::tempdir().unwrap();
    let dir = lib.path().to_str().unwrap();
    for (query, says) in [
        (
            "ferries foo:bar",
            "--search: unknown key foo: (known: cat: tag:",
        ),
        (
            "since:2022-13",
            "--search: since:2022-13 is not a date: expected YYYY-MM-DD",
        ),
        (
            "is:new",
            "--search: is:new: expected is:unread, is:read or is:starred",
        ),
    ] {
        let out = run(home.path(), &["list", "--search", query, dir]);
        assert_eq!(out.status.code(), Some(2), "{query}");
        assert!(out.stdout.is_empty(), "{query}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(says), "{query}: {stderr}");
    }
    // Text that only looks like a key is searched for.
    let out = run(
        home.path(),
        &["list", "--search", "\"foo:bar\" https://x", dir],
    );
    assert!(out.status.success());
}

#[test]
fn the_reader_shows_the_error_in_its_status_bar() {
    let lib = tempfile::tempdir().unwrap();
    write_library(lib.path());
    let mut s = reader(lib.path());
    press(&mut s, "/");
    type_text(&mut s, "is:unread cat:观察者网");
    assert_eq!(s.view().visible().len(), 1);
    press(&mut s, "enter");
    let visible: Vec<&str> = (s.view().visible().iter())
        .map(|&i| &*s.catalog().article(i).title)
        .collect();
    assert_eq!(visible, [TOKAYEV]);
    press(&mut s, "esc / ");
    type_text(&mut s, "titel:x");
    let screen = draw(&mut s, 100, 30).join("\n");
    assert!(screen.contains("unknown key titel:"), "{screen}");
}
