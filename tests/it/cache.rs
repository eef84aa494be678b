//! The metadata cache: only changed files are read again; added, changed, removed and renamed
//! files are noticed; a damaged cache is rebuilt, never trusted.

use crate::support::fixtures;

use gazette::library::loader::{LoadEvent, load, load_blocking};
use std::path::{Path, PathBuf};

/// Loads and returns (titles in the final library, how many files were read from disk —
/// articles in events after the cached batch —, removed paths reported).
fn run(root: &Path, cache: &Path) -> (Vec<String>, usize, Vec<PathBuf>) {
    let mut first_cached = gazette::library::cache::read(cache).is_some();
    let mut read = 0;
    let mut removed = Vec::new();
    load(&[root.to_path_buf()], Some(cache), &mut |e| match e {
        LoadEvent::Articles(a, _) => {
            if first_cached {
                first_cached = false;
            } else {
                read += a.len();
            }
        }
        LoadEvent::Removed(p) => removed.extend(p),
        _ => {}
    });
    let (lib, note) = load_blocking(&[root.to_path_buf()], Some(cache));
    assert!(note.is_none(), "{note:?}");
    let mut titles: Vec<String> = lib.articles.iter().map(|a| a.title.clone()).collect();
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

#[test]
fn only_changed_files_are_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    let cache = dir.path().join("cache.bin");
    for i in 0..5 {
        fixtures::write_all(
            &root,
            &[(&format!("{i}.txt"), article(&format!("t{i}")).as_bytes())],
        );
    }
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
