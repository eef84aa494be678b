//! The metadata cache: only changed files are read again; added, changed, removed and renamed
//! files are noticed; a damaged cache is rebuilt, never trusted.

use crate::support::fixtures;

use gazette::library::loader::{LoadEvent, load, load_blocking};
use std::path::{Path, PathBuf};

/// Loads and returns (titles in the final library, how many files were read from disk —
/// articles in events after the first progress report, which comes once the cached articles
/// are sent and the files checked —, removed paths reported).
fn run(root: &Path, cache: &Path) -> (Vec<String>, usize, Vec<PathBuf>) {
    let mut checked = false;
    let mut read = 0;
    let mut removed = Vec::new();
    load(&[root.to_path_buf()], Some(cache), &mut |e| match e {
        LoadEvent::Articles(a, _) if checked => read += a.len(),
        LoadEvent::Progress { .. } => checked = true,
        LoadEvent::Removed(p) => removed.extend(p),
        _ => {}
    });
    let (lib, note) = load_blocking(&[root.to_path_buf()], Some(cache));
    assert!(note.is_none(), "{note:?}");
    let mut titles: Vec<String> = lib.articles.iter().map(|a| a.title.to_string()).collect();
    titles.sort();
    (titles, read, removed)
}

fn article(title: &str) -> String {
    fixtures::primary(
        title,
        &["A", "B", "C"],
        "x",
        "Thu, 06 Jan 2022 16:13:50 GMT",
        "<p>body</p>",
    )
}

/// A library of `n` articles, `0.txt` on, titled by `title`, and where its cache goes.
fn numbered(n: usize, title: impl Fn(usize) -> String) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    let cache = dir.path().join("cache.bin");
    for i in 0..n {
        let name = format!("{i}.txt");
        fixtures::write_all(&root, &[(&name, article(&title(i)).as_bytes())]);
    }
    (dir, root, cache)
}

#[test]
fn only_changed_files_are_read_again() {
    let (_dir, root, cache) = numbered(5, |i| format!("t{i}"));
    let (titles, read, _) = run(&root, &cache);
    assert_eq!(read, 5, "first load reads everything");
    assert_eq!(titles.len(), 5);

    let (_, read, _) = run(&root, &cache);
    assert_eq!(read, 0, "a warm cache reads nothing");

    // Changed (size differs), added, removed, renamed.
    std::fs::write(root.join("0.txt"), article("t0 changed, longer")).unwrap();
    std::fs::write(root.join("9.txt"), article("t9")).unwrap();
    std::fs::remove_file(root.join("1.txt")).unwrap();
    std::fs::rename(root.join("2.txt"), root.join("2-renamed.txt")).unwrap();
    let (titles, read, removed) = run(&root, &cache);
    assert_eq!(read, 3, "the changed, the added and the renamed file");
    let mut removed: Vec<String> = removed
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    removed.sort();
    assert_eq!(removed, vec!["1.txt", "2.txt"]);
    assert_eq!(titles, vec!["t0 changed, longer", "t2", "t3", "t4", "t9"]);
}

#[test]
fn a_warm_start_says_first_how_many_articles_are_coming() {
    let (_dir, root, cache) = numbered(7, |i| format!("茶 {i}"));
    let events = || {
        let mut said = Vec::new();
        load(std::slice::from_ref(&root), Some(&cache), &mut |e| {
            said.push(match e {
                LoadEvent::Expect(n) => format!("expect {n}"),
                LoadEvent::Articles(a, _) => format!("articles {}", a.len()),
                LoadEvent::Progress { .. } => "progress".into(),
                LoadEvent::Removed(_) => "removed".into(),
                LoadEvent::Done { .. } => "done".into(),
            })
        });
        said
    };
    let cold = events();
    assert!(!cold.iter().any(|e| e.starts_with("expect")), "{cold:?}");
    let warm = events();
    assert_eq!(
        warm.first().map(String::as_str),
        Some("expect 7"),
        "{warm:?}"
    );
}

/// A library of two articles, `a` and `b`, loaded once so its cache exists.
fn two_articles_cached() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    let cache = dir.path().join("cache.bin");
    fixtures::write_all(
        &root,
        &[
            ("a.txt", article("a").as_bytes()),
            ("b.txt", article("b").as_bytes()),
        ],
    );
    run(&root, &cache);
    (dir, root, cache)
}

#[test]
fn a_damaged_cache_is_rebuilt() {
    let (_dir, root, cache) = two_articles_cached();
    let bytes = std::fs::read(&cache).unwrap();
    std::fs::write(&cache, &bytes[..bytes.len() / 2]).unwrap();
    let (titles, read, _) = run(&root, &cache);
    assert_eq!(titles, vec!["a", "b"]);
    assert_eq!(read, 2, "nothing trusted from a truncated cache");
    std::fs::write(&cache, b"garbage").unwrap();
    let (titles, _, _) = run(&root, &cache);
    assert_eq!(titles, vec!["a", "b"]);
}

#[test]
fn warnings_survive_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    let cache = dir.path().join("cache.bin");
    fixtures::write_all(
        &root,
        &[
            ("x.md", b"---\ntitle: Snow\ndate: Invalid Date\n---\nsnow\n"),
            ("bin.txt", b"\0\0\0"),
        ],
    );
    for _ in 0..2 {
        let (lib, _) = load_blocking(std::slice::from_ref(&root), Some(&cache));
        let reasons: Vec<String> = lib.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(reasons.len(), 2, "{reasons:?}");
        assert!(
            reasons.iter().any(|r| r.contains("unreadable date")),
            "{reasons:?}"
        );
        assert!(
            reasons.iter().any(|r| r.contains("binary file")),
            "{reasons:?}"
        );
        assert_eq!(lib.files_seen, 2);
    }
}

#[test]
fn an_article_that_turns_into_a_broken_file_leaves_the_library() {
    let (_dir, root, cache) = two_articles_cached();
    std::fs::write(root.join("b.txt"), b"\0\0\0 now binary").unwrap();
    let (titles, read, removed) = run(&root, &cache);
    assert_eq!(titles, vec!["a"]);
    assert_eq!(read, 0, "the broken file is no article");
    assert_eq!(removed, vec![root.join("b.txt")]);
    let (lib, _) = load_blocking(std::slice::from_ref(&root), Some(&cache));
    assert!(
        lib.problems
            .iter()
            .any(|p| p.to_string().contains("b.txt: error: binary file"))
    );
}

/// Writes `bytes` to `path` and gives it back the modification time it had before.
fn rewrite_keeping_mtime(path: &Path, bytes: &[u8]) {
    let mtime = std::fs::metadata(path).unwrap().modified().unwrap();
    std::fs::write(path, bytes).unwrap();
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
}

#[test]
fn a_changed_size_alone_is_noticed() {
    let (_dir, root, cache) = two_articles_cached();
    // Same modification time, one byte longer.
    rewrite_keeping_mtime(&root.join("b.txt"), article("bb").as_bytes());
    let (titles, read, removed) = run(&root, &cache);
    assert_eq!(titles, vec!["a", "bb"]);
    assert_eq!(read, 1);
    assert!(removed.is_empty(), "{removed:?}");
}

#[test]
fn a_changed_mtime_alone_is_noticed() {
    let (_dir, root, cache) = two_articles_cached();
    let b = root.join("b.txt");
    // Same size: only the modification time tells the file changed.
    std::fs::write(&b, article("c").as_bytes()).unwrap();
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&b)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let (titles, read, _) = run(&root, &cache);
    assert_eq!(titles, vec!["a", "c"]);
    assert_eq!(read, 1);
}

#[test]
fn removed_and_new_files_are_noticed() {
    let (_dir, root, cache) = two_articles_cached();
    std::fs::remove_file(root.join("a.txt")).unwrap();
    fixtures::write_all(&root, &[("sub/c.txt", article("c").as_bytes())]);
    let (titles, read, removed) = run(&root, &cache);
    assert_eq!(titles, vec!["b", "c"]);
    assert_eq!(read, 1, "only the new file is read");
    assert_eq!(removed, vec![root.join("a.txt")]);
    let (titles, read, removed) = run(&root, &cache);
    assert_eq!(
        (titles, read, removed.len()),
        (vec!["b".into(), "c".into()], 0, 0)
    );
}

#[test]
fn a_file_turned_into_a_folder_is_noticed() {
    let (_dir, root, cache) = two_articles_cached();
    std::fs::remove_file(root.join("b.txt")).unwrap();
    fixtures::write_all(&root, &[("b.txt/里面.txt", article("里面").as_bytes())]);
    let (titles, read, removed) = run(&root, &cache);
    assert_eq!(titles, vec!["a", "里面"]);
    assert_eq!(read, 1);
    assert_eq!(removed, vec![root.join("b.txt")]);
}

#[test]
fn a_cache_cut_anywhere_is_never_trusted_half_way() {
    let (_dir, root, cache) = two_articles_cached();
    let whole = std::fs::read(&cache).unwrap();
    for cut in 0..whole.len() {
        std::fs::write(&cache, &whole[..cut]).unwrap();
        let (lib, note) = load_blocking(std::slice::from_ref(&root), Some(&cache));
        assert!(note.is_none(), "{note:?}");
        let titles: Vec<&str> = lib.articles.iter().map(|a| &*a.title).collect();
        assert_eq!(titles.len(), 2, "cut at {cut}: {titles:?}");
        assert!(
            titles.contains(&"a") && titles.contains(&"b"),
            "cut at {cut}"
        );
        assert!(
            gazette::library::cache::read(&cache).is_some(),
            "cut at {cut}: rebuilt"
        );
    }
}

#[test]
fn a_rewrite_keeps_the_untouched_entries() {
    let (_dir, root, cache) = two_articles_cached();
    fixtures::write_all(&root, &[("c.txt", article("c").as_bytes())]);
    run(&root, &cache);
    let mut cached: Vec<String> = gazette::library::cache::read(&cache)
        .unwrap()
        .into_iter()
        .map(|d| d.article.title.into())
        .collect();
    cached.sort();
    assert_eq!(cached, vec!["a", "b", "c"]);
    let (_, read, _) = run(&root, &cache);
    assert_eq!(read, 0);
}

#[test]
fn an_article_sent_from_a_damaged_cache_leaves_when_its_file_is_gone() {
    let (_dir, root, cache) = two_articles_cached();
    // The records are whole (both articles are sent at once) but the table is cut.
    let bytes = std::fs::read(&cache).unwrap();
    std::fs::write(&cache, &bytes[..bytes.len() - 1]).unwrap();
    std::fs::remove_file(root.join("a.txt")).unwrap();
    let (titles, read, removed) = run(&root, &cache);
    assert_eq!(titles, vec!["b"]);
    assert_eq!(read, 1, "nothing trusted: b is read again");
    assert_eq!(removed, vec![root.join("a.txt")]);
}

/// A cache damaged in its records: the articles before the damage are sent from it and kept,
/// the rest are read from their files, and the cache written then holds them all — the next
/// start reads nothing. (The rewrite used to read the old records to their end, stop at the
/// damage and keep only the files read again: at a million articles, a second slow start.)
#[test]
fn a_cache_damaged_in_its_records_is_whole_again_after_one_load() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    let cache = dir.path().join("cache.bin");
    let files: Vec<(String, String)> = (1..=9)
        .map(|day| {
            let text = fixtures::primary(
                &format!("第{day}篇 day {day}"),
                &["新闻"],
                "x",
                &format!("Sun, 0{day} Jan 2023 08:00:00 GMT"),
                "<p>正文 body</p>",
            );
            (format!("{day}.txt"), text)
        })
        .collect();
    let named: Vec<(&str, &[u8])> = (files.iter())
        .map(|(n, t)| (n.as_str(), t.as_bytes()))
        .collect();
    fixtures::write_all(&root, &named);
    run(&root, &cache);
    // Records are newest first: the one of day 2 comes before the last (day 1). Its length
    // (the 4 bytes before its date tag, date and path) becomes one that runs past the end.
    let mut bytes = std::fs::read(&cache).unwrap();
    let path = root.join("2.txt");
    let path = path.as_os_str().as_encoded_bytes();
    let at = (bytes.windows(path.len()))
        .position(|w| w == path)
        .expect("the record's path");
    let len_at = at - 4 - 4 - 8 - 1 - 4;
    bytes[len_at..len_at + 4].copy_from_slice(&0x7FFF_FFF0u32.to_le_bytes());
    std::fs::write(&cache, &bytes).unwrap();
    let mut articles = 0;
    load(std::slice::from_ref(&root), Some(&cache), &mut |e| {
        if let LoadEvent::Articles(a, _) = e {
            articles += a.len();
        }
    });
    assert_eq!(articles, 9);
    let written = gazette::library::cache::read(&cache).expect("a whole cache");
    assert_eq!(
        written.len(),
        9,
        "the cache written after the damage holds every article"
    );
    let (titles, read, _) = run(&root, &cache);
    assert_eq!(titles.len(), 9);
    assert_eq!(read, 0);
}
