//! The README's claims about files, checked through the binary: which extensions are read,
//! the 16 MiB limit, symlinks followed, the cache checked by modification time alone and
//! kept one per set of folders.

use crate::claims_cli::{cache_files, stdout};
use crate::support::common::gazette;
use crate::support::fixtures;
use crate::support::mixed::article;

use std::path::Path;
use std::process::Output;
use std::time::{Duration, SystemTime};

fn run(home: &Path, args: &[&str]) -> Output {
    gazette(home).args(args).output().expect("run gazette")
}

/// Titles `list` prints for `dirs`, sorted.
fn listed(home: &Path, dirs: &[&Path]) -> Vec<String> {
    let mut args = vec!["list", "--json"];
    args.extend(dirs.iter().map(|d| d.to_str().unwrap()));
    let out = run(home, &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut titles: Vec<String> = stdout(&out)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["title"].as_str().unwrap().to_string()
        })
        .collect();
    titles.sort();
    titles
}

#[test]
fn every_documented_extension_is_read_and_others_are_counted() {
    let home = tempfile::tempdir().unwrap();
    let lib = tempfile::tempdir().unwrap();
    let html = "<html><head><title>网页 A page</title></head><body><h1>网页 A page</h1><p>2022-01-06 正文</p></body></html>";
    fixtures::write_all(
        lib.path(),
        &[
            ("a.txt", article("txt 文本").as_bytes()),
            ("b.md", article("md 标记").as_bytes()),
            ("c.markdown", article("markdown 标记").as_bytes()),
            ("d.html", article("html 网页").as_bytes()),
            ("e.htm", article("htm 网页").as_bytes()),
            ("f.MD", article("MD in capitals 大写").as_bytes()),
            ("page.htm", html.as_bytes()),
            ("skip/notes.txt.bak", article("backup 备份").as_bytes()),
            ("skip/data.json", b"{\"title\": \"json\"}"),
            ("skip/picture.png", b"\x89PNG\r\n\x1a\n"),
        ],
    );
    assert_eq!(
        listed(home.path(), &[lib.path()]),
        [
            "MD in capitals 大写",
            "htm 网页",
            "html 网页",
            "markdown 标记",
            "md 标记",
            "txt 文本",
            "网页 A page",
        ]
    );
    let check = stdout(&run(home.path(), &["check", lib.path().to_str().unwrap()]));
    assert!(
        check.contains("7 files seen") && check.contains("3 other files ignored"),
        "{check}"
    );
}

#[test]
fn a_file_over_16_mib_is_a_problem_not_an_article() {
    let home = tempfile::tempdir().unwrap();
    let lib = tempfile::tempdir().unwrap();
    let limit: u64 = 16 * 1024 * 1024;
    // The head of a valid article, then a sparse tail: large on paper, quick to write.
    let paths = fixtures::write_all(
        lib.path(),
        &[
            ("over.txt", article("超过上限 Over the limit").as_bytes()),
            ("fine.txt", article("在上限内 Within the limit").as_bytes()),
        ],
    );
    std::fs::File::options()
        .write(true)
        .open(&paths[0])
        .unwrap()
        .set_len(limit + 1)
        .unwrap();
    assert_eq!(
        listed(home.path(), &[lib.path()]),
        ["在上限内 Within the limit"]
    );
    let out = run(home.path(), &["check", lib.path().to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a file that is no article → exit 1"
    );
    let check = stdout(&out);
    assert!(
        check.contains("over.txt: error: larger than 16 MiB; not read"),
        "{check}"
    );
}

#[cfg(unix)]
#[test]
fn symlinked_articles_and_folders_are_followed() {
    let home = tempfile::tempdir().unwrap();
    let lib = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    fixtures::write_all(
        elsewhere.path(),
        &[
            ("one.txt", article("链接的文章 A linked article").as_bytes()),
            (
                "folder/two.md",
                article("链接的文件夹 In a linked folder").as_bytes(),
            ),
        ],
    );
    fixtures::write_all(
        lib.path(),
        &[("here.txt", article("本地 Local").as_bytes())],
    );
    std::os::unix::fs::symlink(
        elsewhere.path().join("one.txt"),
        lib.path().join("link.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(elsewhere.path().join("folder"), lib.path().join("linked")).unwrap();
    assert_eq!(
        listed(home.path(), &[lib.path()]),
        [
            "本地 Local",
            "链接的文件夹 In a linked folder",
            "链接的文章 A linked article",
        ]
    );
}

fn set_mtime(path: &Path, t: SystemTime) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(t)
        .unwrap();
}

#[test]
fn the_cache_notices_a_change_of_modification_time_alone() {
    let home = tempfile::tempdir().unwrap();
    let lib = tempfile::tempdir().unwrap();
    let file = fixtures::write_all(
        lib.path(),
        &[("a.txt", article("旧标题 Old title").as_bytes())],
    )
    .remove(0);
    let then = SystemTime::UNIX_EPOCH + Duration::from_secs(1_650_000_000);
    set_mtime(&file, then);
    assert_eq!(listed(home.path(), &[lib.path()]), ["旧标题 Old title"]);
    assert_eq!(cache_files(home.path()).len(), 1);

    // Same size, other words, same time: the cache is trusted (so it is really used).
    std::fs::write(&file, article("新标题 New title")).unwrap();
    assert_eq!(
        std::fs::metadata(&file).unwrap().len() as usize,
        article("旧标题 Old title").len(),
        "the same size"
    );
    set_mtime(&file, then);
    assert_eq!(listed(home.path(), &[lib.path()]), ["旧标题 Old title"]);

    // Only the time moves: the file is read again.
    set_mtime(&file, then + Duration::from_secs(1));
    assert_eq!(listed(home.path(), &[lib.path()]), ["新标题 New title"]);
}

#[test]
fn each_set_of_folders_has_its_own_cache() {
    let home = tempfile::tempdir().unwrap();
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    fixtures::write_all(
        a.path(),
        &[("a.txt", article("甲 First folder").as_bytes())],
    );
    fixtures::write_all(
        b.path(),
        &[("b.txt", article("乙 Second folder").as_bytes())],
    );
    listed(home.path(), &[a.path()]);
    let first = cache_files(home.path());
    assert_eq!(first.len(), 1);
    let before = std::fs::read(&first[0]).unwrap();

    assert_eq!(
        listed(home.path(), &[a.path(), b.path()]),
        ["乙 Second folder", "甲 First folder"]
    );
    let both = cache_files(home.path());
    assert_eq!(both.len(), 2, "a second cache for the second set: {both:?}");
    assert_eq!(
        std::fs::read(&first[0]).unwrap(),
        before,
        "the first set's cache is left as it was"
    );
    assert_eq!(listed(home.path(), &[a.path()]), ["甲 First folder"]);
}
