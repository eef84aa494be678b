//! Property: on any small library made of CJK characters, Latin letters in both cases,
//! accents, separators, tags and entities, the full-text index gives the scan's answer for
//! any query made of the same pieces (substrings, phrases, `-`, `OR`).

use chrono::Utc;
use gazette::library::{Library, Origin};
use gazette::search::fulltext::{files_of, search_in, update};
use gazette::search::{Query, scan_blocking};
use proptest::prelude::*;
use std::sync::atomic::AtomicBool;

/// Pieces of bodies and of queries: words and parts of words, separators, markup.
const PIECES: [&str; 16] = [
    "长", "江", "长江", "水", "ab", "AB", "b", "é", "É", " ", "-", "<b>", "</b>", "&amp;", "，",
    "x1",
];

fn pieces(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(&PIECES[..]), 1..max).prop_map(|v| v.concat())
}

/// A term: a phrase, an excluded phrase, or a bare word when it has no space or dash.
fn term() -> impl Strategy<Value = String> {
    (pieces(4), 0..4usize).prop_map(|(t, shape)| {
        let t = t.replace(['<', '>', '/', '"'], "");
        match shape {
            1 => format!("-\"{t}\""),
            2 if !t.contains([' ', '-']) && !t.is_empty() => t,
            _ => format!("\"{t}\""),
        }
    })
}

fn query() -> impl Strategy<Value = String> {
    (term(), term(), any::<bool>()).prop_map(|(a, b, or)| {
        if or {
            format!("{a} OR {b}")
        } else {
            format!("{a} {b}")
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn index_answers_as_the_scan(
        bodies in prop::collection::vec(pieces(40), 1..8),
        queries in prop::collection::vec(query(), 1..6),
    ) {
        let root = tempfile::tempdir().unwrap();
        let home = tempfile::tempdir().unwrap();
        for (i, body) in bodies.iter().enumerate() {
            std::fs::write(
                root.path().join(format!("{i}.html")),
                format!("---\ntitle: t{i}\n---\n<p>{body}</p>\n"),
            )
            .unwrap();
        }
        let roots = [root.path().to_path_buf()];
        let files = files_of(&roots);
        let dir = home.path().join("index");
        update(&dir, &files, &mut |_, _| {}, &AtomicBool::new(false)).unwrap();
        let library = Library::load(&roots);
        for text in &queries {
            let Ok(q) = Query::parse_in(text, &Utc) else { continue };
            let candidates = q.candidates(&library.articles);
            let scan = scan_blocking(Origin::Disk, candidates.clone(), &q);
            let index = search_in(Some(&dir), Origin::Disk, candidates, &q);
            prop_assert_eq!(index, scan, "{:?} in {:?}", text, bodies);
        }
    }
}
