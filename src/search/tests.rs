//! Matching articles end to end, and the scans on a generated corpus.

use super::*;
use crate::library::{Article, Library, Origin};
use chrono::Utc;
use gazette_corpus::{self as corpus, RARE_MARKER_EN, RARE_MARKER_ZH};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

fn query(text: &str) -> Query {
    Query::parse_in(text, &Utc).unwrap()
}

fn article(title: &str, tags: &[&str]) -> Article {
    Article {
        author: Some("观察者网".into()),
        categories: ["新媒体", "观察者网"].into(),
        tags: tags.iter().map(|s| s.to_string()).collect(),
        ..Article::new("a.txt", title)
    }
}

#[test]
fn metadata_terms_are_case_insensitive_substrings_all_required() {
    let a = article("L'ÉTÉ à Zanzibar: 托卡耶夫会见", &["Économie"]);
    for yes in [
        "zanzibar",
        "ZANZ",
        "été",
        "托卡耶夫",
        "耶夫会",
        "économie zanzibar",
        "观察者",
    ] {
        assert!(query(yes).matches_meta(&a), "{yes}");
    }
    for no in ["zanzibar missing", "卡托", "ete", "\"zanzibar 托卡\""] {
        assert!(!query(no).matches_meta(&a), "{no}");
    }
    assert!(query("").matches_meta(&a));
    let q = query("zanzibar nowhere économie");
    assert_eq!(q.meta_hits(&a), 0b101);
}

#[test]
fn body_text_counts_markup_does_not() {
    let a = article("Weekly roundup", &[]);
    let body = r#"<div><img src="https://x/zanzibar.jpg" alt="pic">
        <p>Visit <b>Zan</b>zibar &amp; Pemba &eacute;t&eacute;, &#25176;&#21345;耶夫.</p>
        <script>var secret = "hidden";</script><style>.tokyo{}</style>
        <p data-note="attribute">line one
        line two</p></div>"#;
    let yes = [
        "zanzibar",
        "&",
        "été",
        "托卡耶夫",
        "weekly zanzibar",
        "\"one line two\"",
        "pemba",
    ];
    for term in yes {
        assert!(query(term).matches(&a, body), "{term} should be found");
    }
    for term in [
        "hidden",
        "tokyo",
        "attribute",
        "jpg",
        "pic",
        "zanzibar nowhere",
        "amp",
    ] {
        assert!(!query(term).matches(&a, body), "{term} should not be found");
    }
    assert!(!query("weekly").matches_body(body));
    assert!(!query("zanzibar").matches_body(r#"<p>Photo</p><img src="zanzibar.jpg">"#));
    assert!(query("pemba zanzibar").matches_body(body));
}

struct Corpus {
    _dir: tempfile::TempDir,
    library: Library,
    /// Generation number of each library article (from its file name).
    number: Vec<usize>,
}

const SEED: u64 = 7;

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        corpus::generate(dir.path(), 1500, SEED).unwrap();
        let library = Library::load(&[dir.path().to_path_buf()]);
        let number = (library.articles.iter())
            .map(|a| {
                a.path.file_name().unwrap().to_str().unwrap()[..6]
                    .parse()
                    .unwrap()
            })
            .collect();
        Corpus {
            _dir: dir,
            library,
            number,
        }
    })
}

fn paths(c: &Corpus) -> Vec<(usize, PathBuf)> {
    (c.library.articles.iter().enumerate())
        .map(|(i, a)| (i, a.path.to_path_buf()))
        .collect()
}

fn holders(c: &Corpus, marker: &str) -> BTreeSet<usize> {
    (0..c.library.articles.len())
        .filter(|&i| corpus::rare_marker(c.number[i], SEED) == Some(marker))
        .collect()
}

#[test]
fn scan_blocking_finds_exactly_the_marked_articles() {
    let c = corpus();
    for marker in [RARE_MARKER_ZH, RARE_MARKER_EN] {
        let expected = holders(c, marker);
        assert!(!expected.is_empty());
        let found = scan_blocking(Origin::Disk, paths(c), &query(&marker.to_lowercase()));
        assert!(found.is_sorted(), "candidate order");
        assert_eq!(
            found.into_iter().collect::<BTreeSet<_>>(),
            expected,
            "{marker}"
        );
    }
    // One term in the metadata (a category), one in the body.
    let q = query("zanzibar international");
    let found = scan_blocking(Origin::Disk, q.candidates(&c.library.articles), &q);
    assert_eq!(
        found.into_iter().collect::<BTreeSet<_>>(),
        holders(c, RARE_MARKER_EN)
    );
    assert!(scan_blocking(Origin::Disk, paths(c), &q).is_empty());
}

#[test]
fn spawn_delivers_the_same_set_then_done() {
    let c = corpus();
    let q = query(RARE_MARKER_ZH);
    let expected: BTreeSet<usize> = scan_blocking(Origin::Disk, paths(c), &q)
        .into_iter()
        .collect();
    let scan = spawn(Origin::Disk, paths(c), q);
    let (mut found, mut done) = (BTreeSet::new(), None);
    while let Ok(event) = scan.events.recv_timeout(Duration::from_secs(60)) {
        match event {
            Event::Found(ids) => found.extend(ids),
            Event::Progress { done, total } => assert!(done <= total),
            Event::Done { matched, .. } => done = Some(matched),
        }
    }
    assert_eq!(found, expected);
    assert_eq!(done, Some(expected.len()));
}

#[test]
fn cancel_stops_early() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Condvar, Mutex};
    let c = corpus();
    let many: Vec<(usize, PathBuf)> = (0..40).flat_map(|_| paths(c)).collect();
    let total = many.len();
    // Every worker stops after its first file until the test has cancelled: the scan cannot
    // finish first, however fast it is.
    let gate = Arc::new((Mutex::new(false), Condvar::new()));
    let files = Arc::new(AtomicUsize::new(0));
    let (reached_tx, reached) = std::sync::mpsc::channel();
    let (held, counted) = (Arc::clone(&gate), Arc::clone(&files));
    let scan = super::scan::spawn_observed(Origin::Disk, many, query("zanzibar"), move || {
        counted.fetch_add(1, Ordering::SeqCst);
        let _ = reached_tx.send(());
        let (open, opened) = &*held;
        let mut open = open.lock().unwrap();
        while !*open {
            open = opened.wait(open).unwrap();
        }
    });
    reached.recv_timeout(Duration::from_secs(30)).unwrap();
    scan.cancel();
    *gate.0.lock().unwrap() = true;
    gate.1.notify_all();
    loop {
        match scan.events.recv_timeout(Duration::from_secs(30)) {
            Ok(Event::Done { .. }) => panic!("a cancelled scan reported Done"),
            Ok(Event::Progress { .. } | Event::Found(_)) => {}
            Err(e) => {
                assert_eq!(e, std::sync::mpsc::RecvTimeoutError::Disconnected);
                break;
            }
        }
    }
    // At most the one file each worker had started.
    let read = files.load(Ordering::SeqCst);
    assert!((1..=8).contains(&read) && read < total, "{read} of {total}");
}

#[test]
fn empty_query_and_embedded_sample() {
    let sample = Library::sample();
    let q = query("");
    let all = scan_blocking(Origin::Embedded, q.candidates(&sample.articles), &q);
    assert_eq!(all, (0..sample.articles.len()).collect::<Vec<_>>());
    // A word from some sample body is found through the embedded origin.
    let first = &sample.articles[0];
    let body = sample.read_body(first).unwrap();
    let mut text = String::new();
    html::fold_html(&body, &mut text);
    if let Some(word) = text.split(' ').find(|w| w.chars().count() >= 4) {
        let q = query(&format!("\"{word}\""));
        let found = scan_blocking(Origin::Embedded, q.candidates(&sample.articles), &q);
        assert!(found.contains(&0), "{word:?}");
    }
}

mod prefilter {
    use super::*;
    use crate::search::matcher::Scratch;
    use proptest::prelude::*;

    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "a",
            "b",
            "z",
            "Z",
            "é",
            "É",
            "托",
            "İ",
            " ",
            "\n",
            "\r",
            "\u{b}",
            "\u{200e}",
            "<",
            ">",
            "&",
            ";",
            "#",
            "\"",
            "=",
            "<b>",
            "</b>",
            "<p>",
            "<img src=\"",
            "&amp;",
            "&#25176;",
            "&#x7a;",
            "&eacute;",
            "&fjlig;",
            "<script>",
            "</script>",
            "<!--",
            "-->",
            // Removed whole by the loader's cleaning, so the words around them join.
            "\u{1b}[1m",
            "\u{1b}]0;t\u{7}",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// The exact search agrees with folding the whole text, and the pre-filters (on raw
        /// bytes, on raw uncleaned text) never reject a file whose cleaned text holds the
        /// terms where the scan uses them (no escape sequences): its fast path loses nothing.
        #[test]
        fn exact_and_never_rejects_a_match(
            pieces in prop::collection::vec(piece(), 0..32),
            term in "[abzZé托İ&;#]{1,3}",
        ) {
            let raw = pieces.concat();
            let query = query(&term);
            let all = query.all_terms();
            let mut scratch = Scratch::default();
            let cleaned = crate::sanitize::clean(&raw);
            let mut text = String::new();
            html::fold_html(&cleaned, &mut text);
            let expected = query.terms().iter().all(|t| t.needle.in_folded(&text));
            prop_assert_eq!(query.body_holds(&cleaned, all, &mut scratch), expected);
            // The scan skips both pre-filters on text holding escape sequences (cleaning
            // them can join letters), as `body.rs` does.
            if expected && !crate::sanitize::has_sequences(raw.as_bytes()) {
                let never = |_, _| false;
                prop_assert_eq!(query.bytes_may_hold(raw.as_bytes(), all, &never), all);
                prop_assert_eq!(query.may_hold(&raw, all, &never, &mut scratch), all);
            }
        }
    }

    #[test]
    fn rejects_what_is_clearly_absent() {
        let q = query("托卡耶夫");
        let mut scratch = Scratch::default();
        let html = "<p>卡耶夫 托卡 &amp; 托 卡耶夫</p>";
        let never = |_, _| false;
        assert_eq!(q.bytes_may_hold(html.as_bytes(), 1, &never), 1);
        assert_eq!(q.may_hold(html, 1, &never, &mut scratch), 0);
        assert_eq!(
            q.bytes_may_hold("<p>卡耶夫 &amp; x</p>".as_bytes(), 1, &never),
            0
        );
    }
}

#[test]
fn a_word_split_by_an_escape_sequence_is_found_as_the_reader_shows_it() {
    // The loader removes the colour code whole, so the reader shows 红色字: the scan's
    // pre-filters on the raw bytes must not rule the file out.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "# 标题\n\n正文里有红\u{1b}[31m色\u{1b}[0m字。\n",
    )
    .unwrap();
    let library = Library::load(&[dir.path().to_path_buf()]);
    let q = query("红色字");
    let found = scan_blocking(library.origin, q.candidates(&library.articles), &q);
    assert_eq!(found, vec![0]);
}
