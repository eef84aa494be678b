//! The full-text index agrees with the scan: on a generated library, for Chinese substrings,
//! Latin words in any case, phrases, `-` and `OR`; after adds, edits, renames and removals
//! (before the index is updated and after); and when the index is damaged (searches scan
//! meanwhile, the next update rebuilds it). The command line gives the same bytes with and
//! without an index.

use crate::support::common::gazette;
use chrono::Utc;
use gazette::library::{Library, Origin};
use gazette::search::fulltext::{FullText, files_of, narrowed, search_in, update, update_paths};
use gazette::search::{Query, scan_blocking};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, SystemTime};

const CHINESE: [&str; 12] = [
    "新媒体",
    "观察者",
    "数字货币",
    "人工智能",
    "气候变化",
    "长江",
    "黄河",
    "春节",
    "茶叶",
    "城市",
    "乡村",
    "教育",
];
const LATIN: [&str; 12] = [
    "Harbor", "river", "Quantum", "tea", "market", "festival", "climate", "New", "York", "open",
    "source", "École",
];
/// What goes between two words: nothing, spaces, punctuation, tags, entities.
const GLUE: [&str; 10] = [
    " ", "", "，", ". ", "<b>", "</b> ", "<br>", " &amp; ", "\n", "、",
];

/// A small deterministic generator (no dependency, same library every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

fn body(rng: &mut Lcg) -> String {
    let mut out = String::from("<p>");
    for _ in 0..(3 + rng.next(25)) {
        let word = if rng.next(2) == 0 {
            CHINESE[rng.next(CHINESE.len())].to_string()
        } else {
            let w = LATIN[rng.next(LATIN.len())];
            if rng.next(3) == 0 {
                w.to_uppercase()
            } else {
                w.to_string()
            }
        };
        out.push_str(&word);
        out.push_str(GLUE[rng.next(GLUE.len())]);
    }
    if rng.next(10) == 0 {
        out.push_str("<script>var hidden = 'zanzibar';</script>");
    }
    out.push_str("</p>\n");
    out
}

fn write_article(path: &Path, title: &str, body: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(
        path,
        format!("---\ntitle: {title}\ndate: 2024-03-01\n---\n{body}"),
    )
    .unwrap();
}

/// Writes `n` articles under `root`, 10 a folder.
fn generate(root: &Path, n: usize, seed: u64) {
    let mut rng = Lcg(seed);
    for i in 0..n {
        let path = root.join(format!("{:02}/{i:04}.html", i / 10));
        write_article(&path, &format!("Article {i}"), &body(&mut rng));
    }
}

/// Queries of every shape: Chinese substrings of 1–4 characters (within and across words),
/// Latin words and parts of words in other case, phrases, `-`, `OR`, mixed scripts.
fn queries() -> Vec<String> {
    let mut out = Vec::new();
    for word in CHINESE {
        let chars: Vec<char> = word.chars().collect();
        for len in 1..=chars.len().min(4) {
            out.push(chars[..len].iter().collect());
            out.push(chars[chars.len() - len..].iter().collect());
        }
    }
    out.extend(
        [
            "体观",
            "江黄河",
            "HARBOR",
            "harb",
            "ARBO",
            "Tea",
            "ÉCOLE",
            "cole",
            "york",
            "ork",
            "\"new york\"",
            "\"open source\"",
            "\"river tea\"",
            "\"w york\"",
            "\"长江 黄河\"",
            "-harbor",
            "长江 -tea",
            "-长",
            "harbor OR 长江",
            "茶叶 OR quantum -climate",
            "tea长江",
            "r&amp",
            "r & t",
            "&",
            "，",
            "zanzibar",
            "var",
            "article",
            "york.",
            "i",
        ]
        .map(String::from),
    );
    out
}

fn index_dir(home: &Path) -> PathBuf {
    home.join("index")
}

fn update_all(root: &Path, dir: &Path) -> gazette::search::fulltext::Outcome {
    let files = files_of(&[root.to_path_buf()]);
    update(dir, &files, &mut |_, _| {}, &AtomicBool::new(false)).unwrap()
}

/// For every query: the index's answer equals the scan's. Returns the paths each needed read.
fn agrees(root: &Path, dir: &Path) -> Vec<(String, BTreeSet<PathBuf>)> {
    let library = Library::load(&[root.to_path_buf()]);
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    let mut reads = Vec::new();
    for text in queries() {
        let q = Query::parse_in(&text, &Utc).unwrap();
        let candidates = q.candidates(&library.articles);
        let scan = scan_blocking(Origin::Disk, candidates.clone(), &q);
        let index = search_in(Some(dir), Origin::Disk, candidates.clone(), &q);
        assert_eq!(index, scan, "query {text:?}");
        let read = match FullText::open(dir) {
            Ok(ft) => narrowed(&ft, candidates, &q)
                .read
                .into_iter()
                .map(|c| c.path)
                .collect(),
            Err(_) => candidates.into_iter().map(|c| c.path).collect(),
        };
        reads.push((text, read));
    }
    reads
}

fn read_for(reads: &[(String, BTreeSet<PathBuf>)], query: &str) -> BTreeSet<PathBuf> {
    reads.iter().find(|(q, _)| q == query).unwrap().1.clone()
}

/// The shapes the index settles alone: no body is read once everything is indexed.
const EXACT: [&str; 6] = ["长", "长江", "数字货币", "HARBOR", "ARBO", "长江 -tea"];

#[test]
fn index_agrees_with_scan_and_answers_alone_for_exact_terms() {
    let root = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    generate(root.path(), 120, 7);
    let dir = index_dir(home.path());
    let outcome = update_all(root.path(), &dir);
    assert_eq!(
        (outcome.read, outcome.kept, outcome.rebuilt, outcome.wrote),
        (120, 0, true, true)
    );
    let reads = agrees(root.path(), &dir);
    for q in EXACT {
        assert!(
            read_for(&reads, q).is_empty(),
            "{q} read {:?}",
            read_for(&reads, q)
        );
    }
    // A phrase is narrowed, not settled: only bodies holding both words in a row are read.
    let phrase = read_for(&reads, "\"new york\"").len();
    assert!(phrase > 0 && phrase < 120, "{phrase}");
    // Nothing changed: nothing is read again, and no writer is opened.
    let again = update_all(root.path(), &dir);
    assert_eq!(
        (
            again.read,
            again.kept,
            again.removed,
            again.rebuilt,
            again.wrote
        ),
        (0, 120, 0, false, false)
    );
}

#[test]
fn index_agrees_after_adds_edits_renames_and_removals() {
    let root = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    generate(root.path(), 60, 11);
    let dir = index_dir(home.path());
    update_all(root.path(), &dir);
    let r = root.path();
    // An edit that keeps nothing of the old body, with a new mtime for certain.
    let edited = r.join("01/0012.html");
    write_article(&edited, "Edited", "<p>长江长江 HARBOR harbor new york</p>");
    let later = SystemTime::now() + Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&edited)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let added = r.join("09/new.html");
    write_article(
        &added,
        "Added",
        "<p>数字货币 and the open source harbor</p>",
    );
    let renamed = r.join("02/renamed.html");
    std::fs::rename(r.join("02/0020.html"), &renamed).unwrap();
    std::fs::remove_file(r.join("03/0031.html")).unwrap();
    // Before the update: the changed files are read, the rest still comes from the index.
    let reads = agrees(r, &dir);
    let changed: BTreeSet<PathBuf> = [edited.clone(), added, renamed].into_iter().collect();
    for q in ["长江", "HARBOR", "数字货币"] {
        assert_eq!(read_for(&reads, q), changed, "{q}");
    }
    let outcome = update_all(r, &dir);
    assert_eq!((outcome.read, outcome.removed), (3, 2), "{outcome:?}");
    let reads = agrees(r, &dir);
    for q in EXACT {
        assert!(read_for(&reads, q).is_empty(), "{q} after the update");
    }
}

/// Damage of each kind: searches still answer (by the scan), and the next update rebuilds.
#[test]
fn damaged_index_is_rebuilt_and_searches_answer_meanwhile() {
    let root = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    generate(root.path(), 40, 3);
    let dir = index_dir(home.path());
    type Damage = fn(&Path, &[u8]);
    let damages: [(&str, Damage); 3] = [
        ("truncated", |p, bytes| {
            std::fs::write(p, &bytes[..bytes.len() / 2]).unwrap()
        }),
        ("garbage", |p, bytes| {
            std::fs::write(p, vec![0x5a; bytes.len()]).unwrap()
        }),
        ("emptied", |p, _| std::fs::write(p, b"").unwrap()),
    ];
    for (name, damage) in damages {
        update_all(root.path(), &dir);
        for entry in std::fs::read_dir(&dir).unwrap() {
            let segment = entry.unwrap().path();
            if !segment.is_dir() {
                continue;
            }
            // The segment's data files (its `meta` left whole: the damage is in the data).
            for file in std::fs::read_dir(&segment).unwrap() {
                let path = file.unwrap().path();
                if !path.ends_with("meta") {
                    damage(&path, &std::fs::read(&path).unwrap());
                }
            }
        }
        agrees(root.path(), &dir);
        let outcome = update_all(root.path(), &dir);
        assert!(outcome.rebuilt && outcome.read == 40, "{name}: {outcome:?}");
        let reads = agrees(root.path(), &dir);
        assert!(
            read_for(&reads, "长江").is_empty(),
            "{name}: rebuilt index answers"
        );
    }
    // An index of another version is not trusted either.
    std::fs::write(dir.join("gazette-version"), "gazette full-text index 0\n").unwrap();
    assert!(FullText::open(&dir).is_err());
    agrees(root.path(), &dir);
    assert!(update_all(root.path(), &dir).rebuilt);
}

fn run(home: &Path, args: &[&str]) -> std::process::Output {
    let out = gazette(home).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn command_line_output_is_the_same_with_and_without_the_index() {
    let root = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    generate(root.path(), 50, 5);
    let lib = root.path().to_str().unwrap();
    let searches = [
        "长江",
        "HARBOR",
        "\"new york\"",
        "茶叶 OR quantum -climate",
        "-长",
    ];
    let outputs = |home: &Path| -> Vec<Vec<u8>> {
        searches
            .iter()
            .flat_map(|q| {
                [
                    run(home, &["list", lib, "--search", q]).stdout,
                    run(home, &["list", lib, "--json", "--search", q]).stdout,
                    run(home, &["stats", lib, "--by", "category", "--search", q]).stdout,
                ]
            })
            .collect()
    };
    let before = outputs(home.path());
    let indexed = run(home.path(), &["index", lib]);
    assert_eq!(
        String::from_utf8_lossy(&indexed.stdout),
        "50 articles indexed: 50 read, 0 unchanged, 0 removed, index started anew\n"
    );
    assert!(indexed.stderr.is_empty(), "nothing extra when piped");
    let cache = home.path().join("gazette");
    let made: Vec<String> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".index"))
        .collect();
    assert_eq!(made.len(), 1, "{made:?}");
    assert_eq!(outputs(home.path()), before);
    let again = run(home.path(), &["index", lib]);
    assert_eq!(
        String::from_utf8_lossy(&again.stdout),
        "50 articles indexed: 0 read, 50 unchanged, 0 removed\n"
    );
    // The index is really what answered: a body changed behind its back, size and mtime
    // kept, is still found under its old words (a stamp is all an index can check).
    let victim = root.path().join("00/0000.html");
    let meta = std::fs::metadata(&victim).unwrap();
    let old = std::fs::read_to_string(&victim).unwrap();
    let body_at = old.find("<p>").unwrap();
    let mut blanked = old.as_bytes().to_vec();
    for b in &mut blanked[body_at..] {
        if *b != b'\n' {
            *b = b'~';
        }
    }
    std::fs::write(&victim, &blanked).unwrap();
    let file = std::fs::File::options().write(true).open(&victim).unwrap();
    file.set_modified(meta.modified().unwrap()).unwrap();
    assert_eq!(std::fs::metadata(&victim).unwrap().len(), meta.len());
    let first_word = searches.iter().find(|q| {
        let q = Query::parse_in(q, &Utc).unwrap();
        q.matches_body(&old[body_at..]) && !q.matches_body("~")
    });
    let q = first_word.expect("a search finds article 0 by its body");
    let listed = run(home.path(), &["list", lib, "--search", q]).stdout;
    assert!(
        String::from_utf8_lossy(&listed).contains("Article 0\n"),
        "{q}"
    );
}

/// The reader's path: the background indexer says when it is done, and a search through it
/// reports the same articles as the scan (those the index settles and those it reads).
#[test]
fn background_index_serves_the_reader_search() {
    use gazette::search::Event;
    use gazette::search::fulltext::Background;
    let root = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    // Enough files to be worth a word in the status bar.
    generate(root.path(), 120, 13);
    let (tx, notes) = std::sync::mpsc::channel();
    let index = Background::start(
        vec![root.path().to_path_buf()],
        index_dir(home.path()),
        move |n| tx.send(n).is_ok(),
    );
    index.refresh();
    let said: Vec<String> = notes
        .iter()
        .take_while(|n| n != "full-text index up to date")
        .collect();
    assert_eq!(
        said.first().map(String::as_str),
        Some("indexing 0%"),
        "{said:?}"
    );
    assert_eq!(
        said.last().map(String::as_str),
        Some("indexing 100%"),
        "{said:?}"
    );
    let library = Library::load(&[root.path().to_path_buf()]);
    for text in ["长江", "HARBOR", "\"new york\"", "-长", "tea长江"] {
        let q = Query::parse_in(text, &Utc).unwrap();
        let candidates = q.candidates(&library.articles);
        let expected: BTreeSet<usize> = scan_blocking(Origin::Disk, candidates.clone(), &q)
            .into_iter()
            .collect();
        let scan = index.spawn_scan(Origin::Disk, candidates, q);
        let (mut found, mut matched) = (BTreeSet::new(), None);
        for event in scan.events.iter() {
            match event {
                Event::Found(ids) => found.extend(ids),
                Event::Done { matched: m, .. } => matched = Some(m),
                Event::Progress { .. } => {}
            }
        }
        assert_eq!(found, expected, "{text}");
        assert_eq!(matched, Some(expected.len()), "{text}");
    }
}

/// The watcher's update: only the changed paths are looked at. Changes under them (an edit, a
/// new file in a new folder, a folder renamed, a file removed) are indexed; a change the
/// watcher did not name is left to the next full update (the scan reads it meanwhile).
#[test]
fn an_update_of_the_changed_paths_indexes_them_and_nothing_else() {
    let root = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    generate(root.path(), 60, 13);
    let dir = index_dir(home.path());
    update_all(root.path(), &dir);
    let r = root.path();
    let later = SystemTime::now() + Duration::from_secs(3600);
    let edit = |path: &Path, body: &str| {
        write_article(path, "Edited", body);
        (std::fs::File::options().write(true).open(path).unwrap())
            .set_modified(later)
            .unwrap();
    };
    let edited = r.join("01/0012.html");
    edit(&edited, "<p>长江长江 HARBOR new york</p>");
    let unnamed = r.join("04/0041.html");
    edit(&unnamed, "<p>数字货币 长江 harbor</p>");
    let added = r.join("09/new/added.html");
    write_article(&added, "Added", "<p>数字货币 and the harbor</p>");
    std::fs::rename(r.join("02"), r.join("12")).unwrap();
    std::fs::remove_file(r.join("03/0031.html")).unwrap();
    let changed = [
        edited,
        r.join("09/new"),
        r.join("02"),
        r.join("12"),
        r.join("03/0031.html"),
        PathBuf::from("/elsewhere/not/in/the/library.html"),
    ];
    let roots = [r.to_path_buf()];
    let outcome = update_paths(
        &dir,
        &roots,
        &changed,
        &mut |_, _| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    // Read: the edit, the new file, the ten of the renamed folder; removed: the ten under
    // the folder's old name and the removed file.
    assert_eq!(
        (outcome.read, outcome.removed, outcome.kept, outcome.rebuilt),
        (12, 11, 0, false),
        "{outcome:?}"
    );
    let reads = agrees(r, &dir);
    for q in ["长江", "HARBOR", "数字货币"] {
        assert_eq!(read_for(&reads, q), [unnamed.clone()].into(), "{q}");
    }
    // The next full update finds only the change nobody named.
    let full = update_all(r, &dir);
    assert_eq!((full.read, full.removed), (1, 0), "{full:?}");
}
