//! The index through a life of updates: many small ones (as the reader's watcher makes
//! them) keep it agreeing with the scan with few segments; an update after most files
//! changed starts it anew as one segment; a removal is counted once; a cancelled update
//! keeps the index as it was; a damaged list of dead documents never makes a search wrong.
//!
//! Agreeing with the scan alone would hold for an index that covers nothing (every article
//! is then scanned), so each check also asks that the index answer an exact term without
//! reading any body once it is up to date.

use chrono::Utc;
use gazette::library::{Library, Origin};
use gazette::search::fulltext::{
    FullText, Outcome, files_of, narrowed, search_in, update, update_paths,
};
use gazette::search::{Query, scan_blocking};
use proptest::prelude::RngExt;
use proptest::test_runner::{RngAlgorithm, TestRng};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, SystemTime};

const CHINESE: [&str; 8] = [
    "山谷",
    "河流",
    "城市规划",
    "春雨",
    "茶园",
    "铁路",
    "海港",
    "旧书店",
];
const LATIN: [&str; 6] = ["harbor", "river", "lantern", "market", "orchard", "signal"];

/// Terms the index settles alone (no body read) once every file is indexed.
const EXACT: [&str; 5] = ["河流", "城市规划", "春", "lantern", "市规"];

fn queries() -> Vec<String> {
    let mut out: Vec<String> = CHINESE
        .iter()
        .chain(&LATIN)
        .map(|s| s.to_string())
        .collect();
    out.extend(
        [
            "春",
            "市规",
            "谷河",
            "HARBOR",
            "-harbor",
            "河流 OR lantern",
            "茶园 -signal",
            "\"river market\"",
            "edited",
        ]
        .map(String::from),
    );
    out
}

/// A deterministic generator (the same library every run), drawing numbers below `n`.
struct Rand(TestRng);

impl Rand {
    fn new() -> Rand {
        Rand(TestRng::deterministic_rng(RngAlgorithm::ChaCha))
    }
    fn next(&mut self, n: usize) -> usize {
        self.0.random_range(0..n)
    }
}

fn body(rng: &mut Rand) -> String {
    let mut out = String::from("<p>");
    for _ in 0..(2 + rng.next(8)) {
        if rng.next(2) == 0 {
            out.push_str(CHINESE[rng.next(CHINESE.len())]);
        } else {
            out.push_str(LATIN[rng.next(LATIN.len())]);
        }
        out.push_str([" ", "，", "", "<br>"][rng.next(4)]);
    }
    out.push_str("</p>\n");
    out
}

fn article_path(root: &Path, i: usize) -> PathBuf {
    root.join(format!("{:02}/{i:03}.html", i / 10))
}

/// Writes article `path` with a modification time `hours` ahead, so its stamp is new for
/// certain (two writes within a clock tick could otherwise keep one).
fn write_article(path: &Path, body: &str, hours: u64) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(
        path,
        format!("---\ntitle: Piece\ndate: 2024-04-02\n---\n{body}"),
    )
    .unwrap();
    let when = SystemTime::now() + Duration::from_secs(3600 * hours);
    (std::fs::File::options().write(true).open(path).unwrap())
        .set_modified(when)
        .unwrap();
}

fn generate(root: &Path, n: usize, rng: &mut Rand) {
    for i in 0..n {
        write_article(&article_path(root, i), &body(rng), 0);
    }
}

/// A library of `n` generated articles, and a home for its index (not built yet).
fn setup(n: usize, rng: &mut Rand) -> (tempfile::TempDir, tempfile::TempDir, PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    generate(root.path(), n, rng);
    let dir = home.path().join("index");
    (root, home, dir)
}

fn update_all(root: &Path, dir: &Path) -> Outcome {
    let files = files_of(&[root.to_path_buf()]);
    update(dir, &files, &mut |_, _| {}, &AtomicBool::new(false)).unwrap()
}

fn update_one(root: &Path, dir: &Path, changed: &Path) -> Outcome {
    let roots = [root.to_path_buf()];
    let changed = [changed.to_path_buf()];
    update_paths(
        dir,
        &roots,
        &changed,
        &mut |_, _| {},
        &AtomicBool::new(false),
    )
    .unwrap()
}

/// Every query gives the scan's answer through the index.
fn agrees(root: &Path, dir: &Path) {
    let library = Library::load(&[root.to_path_buf()]);
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    for text in queries() {
        let q = Query::parse_in(&text, &Utc).unwrap();
        let candidates = q.candidates(&library.articles);
        let scan = scan_blocking(Origin::Disk, candidates.clone(), &q);
        let index = search_in(Some(dir), Origin::Disk, candidates, &q);
        assert_eq!(index, scan, "query {text:?}");
    }
}

/// The index is up to date: it agrees with the scan and settles the exact terms alone.
fn agrees_alone(root: &Path, dir: &Path) {
    agrees(root, dir);
    let library = Library::load(&[root.to_path_buf()]);
    let ft = FullText::open(dir).unwrap();
    for text in EXACT {
        let q = Query::parse_in(text, &Utc).unwrap();
        let read: Vec<PathBuf> = (narrowed(&ft, q.candidates(&library.articles), &q).read)
            .into_iter()
            .map(|c| c.path)
            .collect();
        assert!(read.is_empty(), "{text}: read {read:?}");
    }
}

/// The names in the index folder that start with `prefix`.
fn names(dir: &Path, prefix: &str) -> Vec<String> {
    let mut out: Vec<String> = (std::fs::read_dir(dir).unwrap())
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with(prefix))
        .collect();
    out.sort();
    out
}

/// The segment folders of the index.
fn segments(dir: &Path) -> usize {
    (names(dir, "seg-").iter())
        .filter(|n| !n.ends_with(".dead"))
        .count()
}

#[test]
fn many_one_file_updates_agree_and_keep_few_segments() {
    let mut rng = Rand::new();
    let (root, _home, dir) = setup(30, &mut rng);
    let r = root.path();
    update_all(r, &dir);
    assert_eq!(segments(&dir), 1);
    let mut most = 0;
    for step in 0..14 {
        // In turn: an edit, a new file, a removal — each reported alone, as the watcher does.
        let path = match step % 3 {
            0 => {
                let path = article_path(r, step);
                write_article(
                    &path,
                    &format!("<p>edited {}</p>", body(&mut rng)),
                    1 + step as u64,
                );
                path
            }
            1 => {
                let path = article_path(r, 100 + step);
                write_article(&path, &body(&mut rng), 1);
                path
            }
            _ => {
                let path = article_path(r, step);
                std::fs::remove_file(&path).unwrap();
                path
            }
        };
        let outcome = update_one(r, &dir, &path);
        let read = usize::from(step % 3 != 2);
        assert_eq!(
            (outcome.read, outcome.removed, outcome.cancelled),
            (read, usize::from(step % 3 == 2), false),
            "step {step}: {outcome:?}"
        );
        let n = segments(&dir);
        assert!(n <= 8, "step {step}: {n} segments");
        assert!(names(&dir, "tmp-").is_empty());
        most = most.max(n);
        agrees_alone(r, &dir);
    }
    // The segments did pile up to the most allowed, and were folded.
    assert_eq!(most, 8);
    assert!(segments(&dir) < 8);
    // A full update then finds nothing to do.
    let full = update_all(r, &dir);
    assert_eq!(
        (full.read, full.removed, full.wrote),
        (0, 0, false),
        "{full:?}"
    );
}

#[test]
fn an_update_after_most_files_changed_starts_anew_in_one_segment() {
    let mut rng = Rand::new();
    let (root, _home, dir) = setup(40, &mut rng);
    let r = root.path();
    update_all(r, &dir);
    // A few small updates first: three segments, the first with dead documents.
    for i in [3, 17] {
        write_article(&article_path(r, i), "<p>edited 河流 lantern</p>", 2);
        update_all(r, &dir);
    }
    assert_eq!(segments(&dir), 3);
    // Most files gone or changed: 22 removed, 6 changed, 12 untouched.
    for i in 0..22 {
        std::fs::remove_file(article_path(r, i)).unwrap();
    }
    for i in 22..28 {
        write_article(&article_path(r, i), &body(&mut rng), 3);
    }
    agrees(r, &dir);
    let outcome = update_all(r, &dir);
    assert_eq!((outcome.read, outcome.removed), (18, 22), "{outcome:?}");
    assert_eq!(segments(&dir), 1, "{:?}", names(&dir, "seg-"));
    // The old segments' lists of dead documents went with them.
    assert!(
        names(&dir, "seg-").iter().all(|n| !n.ends_with(".dead")),
        "{:?}",
        names(&dir, "seg-")
    );
    agrees_alone(r, &dir);
    let again = update_all(r, &dir);
    assert_eq!((again.read, again.removed, again.wrote), (0, 0, false));
}

#[test]
fn a_removed_file_is_counted_once() {
    let mut rng = Rand::new();
    let (root, _home, dir) = setup(20, &mut rng);
    let r = root.path();
    update_all(r, &dir);
    for i in [2, 9, 15] {
        std::fs::remove_file(article_path(r, i)).unwrap();
    }
    let first = update_all(r, &dir);
    assert_eq!(
        (first.read, first.removed, first.kept),
        (0, 3, 17),
        "{first:?}"
    );
    let second = update_all(r, &dir);
    assert_eq!(
        (second.read, second.removed, second.wrote),
        (0, 0, false),
        "{second:?}"
    );
    // The same through the watcher's updates: the path reported twice counts once.
    let gone = article_path(r, 11);
    std::fs::remove_file(&gone).unwrap();
    assert_eq!(update_one(r, &dir, &gone).removed, 1);
    assert_eq!(update_one(r, &dir, &gone).removed, 0);
    assert_eq!(update_all(r, &dir).removed, 0);
    agrees_alone(r, &dir);
}

#[test]
fn a_cancelled_update_leaves_the_index_as_it_was() {
    // Cancelled before the first build: nothing is written, searches scan.
    let mut rng = Rand::new();
    let (root, _home, dir) = setup(30, &mut rng);
    let r = root.path();
    let cancel = AtomicBool::new(true);
    let files = files_of(&[r.to_path_buf()]);
    let first = update(&dir, &files, &mut |_, _| {}, &cancel).unwrap();
    assert!(first.cancelled && first.read == 0, "{first:?}");
    assert_eq!(segments(&dir), 0);
    assert!(names(&dir, "tmp-").is_empty());
    agrees(r, &dir);
    // Cancelled with an index there: its segments stay, and the changes wait for the next
    // update.
    update_all(r, &dir);
    let before = names(&dir, "seg-");
    for i in [1, 12, 23] {
        write_article(
            &article_path(r, i),
            &format!("<p>edited 春雨 {}</p>", body(&mut rng)),
            4,
        );
    }
    for i in [40, 41] {
        write_article(&article_path(r, i), &body(&mut rng), 1);
    }
    let files = files_of(&[r.to_path_buf()]);
    let outcome = update(&dir, &files, &mut |_, _| {}, &cancel).unwrap();
    assert!(outcome.cancelled && outcome.read == 0, "{outcome:?}");
    assert_eq!(
        names(&dir, "seg-")
            .into_iter()
            .filter(|n| !n.ends_with(".dead"))
            .collect::<Vec<_>>(),
        before
    );
    assert!(names(&dir, "tmp-").is_empty());
    agrees(r, &dir);
    let paths = [article_path(r, 12), article_path(r, 40)];
    let roots = [r.to_path_buf()];
    let watched = update_paths(&dir, &roots, &paths, &mut |_, _| {}, &cancel).unwrap();
    assert!(watched.cancelled && watched.read == 0, "{watched:?}");
    assert!(names(&dir, "tmp-").is_empty());
    agrees(r, &dir);
    // The next update does it all.
    let next = update_all(r, &dir);
    assert_eq!((next.read, next.cancelled), (5, false), "{next:?}");
    agrees_alone(r, &dir);
    // A segment left half written by an update that was killed is removed by the next one.
    let killed = dir.join("tmp-00000077");
    std::fs::create_dir_all(&killed).unwrap();
    std::fs::write(killed.join("runs"), b"half").unwrap();
    assert_eq!(update_all(r, &dir).read, 0);
    assert!(names(&dir, "tmp-").is_empty());
}

/// The oldest segment's list of dead documents and the number of documents of that segment
/// (from its `meta`).
fn dead_list(dir: &Path) -> (PathBuf, usize) {
    let lists: Vec<String> = (names(dir, "seg-").into_iter())
        .filter(|n| n.ends_with(".dead"))
        .collect();
    assert!(!lists.is_empty());
    let list = dir.join(&lists[0]);
    let meta = std::fs::read_to_string(list.with_extension("").join("meta")).unwrap();
    let docs = (meta.lines())
        .find_map(|l| l.strip_prefix("docs "))
        .unwrap()
        .parse()
        .unwrap();
    (list, docs)
}

/// Each of `docs` documents marked dead, in a list of `len` bytes (no bit past them).
fn every_one(len: usize, docs: usize) -> Vec<u8> {
    (0..len)
        .map(|byte| match docs.saturating_sub(byte * 8) {
            0 => 0,
            n if n >= 8 => 0xFF,
            n => (1u8 << n) - 1,
        })
        .collect()
}

#[test]
fn a_damaged_list_of_dead_documents_never_makes_a_search_wrong() {
    let mut rng = Rand::new();
    let (root, _home, dir) = setup(30, &mut rng);
    let r = root.path();
    update_all(r, &dir);
    for i in [7, 25] {
        std::fs::remove_file(article_path(r, i)).unwrap();
    }
    type Damage = fn(usize, usize) -> Vec<u8>;
    let damages: [(&str, Damage); 4] = [
        ("every document dead", every_one),
        ("none dead", |len, _| vec![0; len]),
        ("too short", |len, _| vec![0xFF; len - 1]),
        ("garbage, too long", |_, _| {
            b"not a list of documents at all".repeat(3)
        }),
    ];
    for (round, (name, damage)) in damages.into_iter().enumerate() {
        // Two edits: the oldest segment gets (or keeps) a list of dead documents.
        for i in [4, 18] {
            let body = format!("<p>edited {}</p>", body(&mut rng));
            write_article(&article_path(r, i), &body, 5 + round as u64);
        }
        update_all(r, &dir);
        agrees_alone(r, &dir);
        let (list, docs) = dead_list(&dir);
        let len = std::fs::read(&list).unwrap().len();
        assert_eq!(len, docs.div_ceil(64) * 8, "{name}");
        std::fs::write(&list, damage(len, docs)).unwrap();
        agrees(r, &dir);
        // The next update mends it: the index answers alone again.
        let outcome = update_all(r, &dir);
        assert!(!outcome.cancelled, "{name}: {outcome:?}");
        agrees_alone(r, &dir);
    }
}

/// A list of dead documents of the right length with bits set past its segment's last
/// document (garbage, or a list written by another build) must not crash the next update:
/// bad input is never a crash.
#[test]
fn a_dead_list_with_bits_past_its_documents_does_not_crash_an_update() {
    let mut rng = Rand::new();
    let (root, _home, dir) = setup(30, &mut rng);
    let r = root.path();
    update_all(r, &dir);
    std::fs::remove_file(article_path(r, 8)).unwrap();
    update_all(r, &dir);
    let (list, docs) = dead_list(&dir);
    assert!(
        docs % 64 != 0,
        "{docs}: the last word has bits past the documents"
    );
    let len = std::fs::read(&list).unwrap().len();
    std::fs::write(&list, vec![0xFF; len]).unwrap();
    agrees(r, &dir);
    let outcome = update_all(r, &dir);
    assert!(!outcome.cancelled, "{outcome:?}");
    agrees_alone(r, &dir);
}
