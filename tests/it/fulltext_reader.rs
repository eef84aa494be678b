//! The reader's index search (`fulltext::Background`): it trusts the stamps its last update
//! walked only until a change is reported, and hands the results it settles over in the
//! candidates' order.

use chrono::Utc;
use gazette::library::{Library, Origin};
use gazette::search::fulltext::Background;
use gazette::search::{Event, Query, scan_blocking};
use std::path::Path;

/// Enough articles for the indexer to say "up to date" (it says nothing for a few).
const ARTICLES: usize = 120;
const SAID_DONE: &str = "full-text index up to date";

fn write_article(root: &Path, i: usize, body: &str) {
    let path = root.join(format!("{:02}/{i:04}.html", i / 10));
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let text = format!(
        "---\ntitle: Note {i}\ndate: 2024-05-0{}\n---\n{body}",
        1 + i % 9
    );
    std::fs::write(path, text).unwrap();
}

/// A library where every third article speaks of the harbour, the others of tea.
fn library(root: &Path) {
    for i in 0..ARTICLES {
        let body = if i % 3 == 0 {
            "<p>渡轮在港口靠岸 the harbour ferry docked</p>"
        } else {
            "<p>山上的茶园 green tea on the hill</p>"
        };
        write_article(root, i, body);
    }
}

/// Every id a search through `index` reports, in the order they came.
fn search(index: &Background, library: &Library, text: &str) -> Vec<usize> {
    let q = Query::parse_in(text, &Utc).unwrap();
    let scan = index.spawn_scan(Origin::Disk, q.candidates(&library.articles), q);
    let mut found = Vec::new();
    for event in scan.events.iter() {
        if let Event::Found(ids) = event {
            found.extend(ids);
        }
    }
    found
}

fn scanned(library: &Library, text: &str) -> Vec<usize> {
    let q = Query::parse_in(text, &Utc).unwrap();
    scan_blocking(Origin::Disk, q.candidates(&library.articles), &q)
}

/// An indexer brought up to date over `root`, whose thread then ends (its note is not heard
/// any more): later refreshes are asked for and never answered.
fn indexed_then_stopped(root: &Path, home: &Path) -> Background {
    let index = Background::start(vec![root.to_path_buf()], home.join("index"), |said| {
        said != SAID_DONE
    });
    index.refresh();
    assert!(index.wait_current());
    index
}

#[test]
fn settled_results_come_in_the_candidates_order() {
    let (root, home) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    library(root.path());
    let index = indexed_then_stopped(root.path(), home.path());
    let library = Library::load(&[root.path().to_path_buf()]);
    for text in ["港口", "HARBOUR", "茶", "tea"] {
        let expected = scanned(&library, text);
        assert!(expected.len() >= ARTICLES / 3, "{text}: {expected:?}");
        // Twice: the first search looks the articles up, the second finds them known.
        assert_eq!(search(&index, &library, text), expected, "{text}");
        assert_eq!(search(&index, &library, text), expected, "{text}");
    }
}

#[test]
fn a_reported_change_is_searched_in_the_file_until_the_index_has_it() {
    let (root, home) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    library(root.path());
    let index = indexed_then_stopped(root.path(), home.path());
    write_article(root.path(), 7, "<p>一只海鸥 a seagull over the tea</p>");
    let library = Library::load(&[root.path().to_path_buf()]);
    // The watcher's report; the indexer will not answer it.
    index.refresh();
    assert!(!index.wait_current());
    for text in ["海鸥", "seagull", "tea -seagull"] {
        let mut found = search(&index, &library, text);
        found.sort_unstable();
        assert_eq!(found, scanned(&library, text), "{text}");
    }
    assert_eq!(search(&index, &library, "海鸥").len(), 1);
}
