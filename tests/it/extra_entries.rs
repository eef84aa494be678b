//! The front matter's other entries (`layout: post`, `comments: true`): every article of a
//! feed carries the same ones, so they are one shared list, read from the files or from the
//! cache; a list with a long value of its own stays the article's own.

use gazette::library::Article;
use gazette::library::loader::load_blocking;
use std::path::{Path, PathBuf};

/// An article whose other entries are `entries`, in this order.
fn article(title: &str, entries: &[(&str, &str)]) -> String {
    let entries: String = entries.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
    format!(
        "---\ntitle: {title}\nauthor: 编辑部\ndate: 2024-03-0{}\n{entries}---\n\n<p>正文 body</p>\n",
        title.len() % 9 + 1
    )
}

const SHARED: &[(&str, &str)] = &[("layout", "post"), ("comments", "true"), ("语言", "中文")];

/// Loads `root` with `cache` and returns its articles by path.
fn loaded(root: &Path, cache: &Path) -> Vec<Article> {
    let (library, note) = load_blocking(&[root.to_path_buf()], Some(cache));
    assert!(note.is_none(), "{note:?}");
    let mut articles = library.articles;
    articles.sort_by(|a, b| a.path.cmp(&b.path));
    articles
}

fn pairs(a: &Article) -> Vec<(&str, &str)> {
    a.extra
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// Where `a`'s list is held: equal for articles that share one list.
fn held_at(a: &Article) -> *const u8 {
    a.extra.as_ptr().cast()
}

#[test]
fn equal_entries_are_one_list_cold_and_warm_and_a_long_value_keeps_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    std::fs::create_dir(&root).unwrap();
    let cache = dir.path().join("cache.bin");
    let long = "https://example.com/2024/03/a-long-address-of-its-own.html";
    for i in 0..12 {
        std::fs::write(
            root.join(format!("s{i:02}.md")),
            article(&format!("共享 {i}"), SHARED),
        )
        .unwrap();
    }
    let own = [("layout", "post"), ("source", long), ("comments", "true")];
    for i in 0..2 {
        std::fs::write(
            root.join(format!("t{i}.md")),
            article(&format!("own {i}"), &own),
        )
        .unwrap();
    }
    std::fs::write(root.join("u.md"), article("没有", &[])).unwrap();

    let cold = loaded(&root, &cache);
    let warm = loaded(&root, &cache);
    for articles in [&cold, &warm] {
        let paths: Vec<PathBuf> = articles.iter().map(|a| a.path.to_path_buf()).collect();
        assert_eq!(paths.len(), 15, "{paths:?}");
        let (shared, rest) = articles.split_at(12);
        for a in shared {
            assert_eq!(pairs(a), SHARED, "{}", a.path.display());
            assert_eq!(
                held_at(a),
                held_at(&shared[0]),
                "one list: {}",
                a.path.display()
            );
        }
        assert_eq!(pairs(&rest[0]), own);
        assert_eq!(pairs(&rest[1]), own);
        assert!(rest[2].extra.is_empty());
    }
    // Read from the files, a list with a long value is not pooled. (From the cache, records
    // of the very same bytes are decoded once, so there the two may share theirs.)
    assert_ne!(
        held_at(&cold[12]),
        held_at(&cold[13]),
        "a long value's list is its own"
    );
    // The cache gives back every pair in its order.
    for (c, w) in cold.iter().zip(&warm) {
        assert_eq!(pairs(c), pairs(w), "{}", c.path.display());
    }
}
