//! Walking library folders for article files.
//!
//! Each entry's type comes from the directory listing (no stat to tell files from folders;
//! only symlinks are followed with a stat); when a cache is to be checked, each article file
//! gets one stat, relative to its open folder (`DirEntry::metadata`: no path lookup from
//! the root). Folders are walked in parallel — at a million files in a thousand folders the
//! walk is most of a warm start. Symlink loops become problems.

use super::cache::Stamp;
use super::problem::Problem;
pub use file_list::Files;
use rayon::prelude::*;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod file_list;

/// File name endings that hold articles (compared without case).
pub const EXTENSIONS: [&str; 5] = ["txt", "md", "markdown", "html", "htm"];

/// One article file found, with the folder it was found under (dates may sit in the path
/// relative to it). A walk holds its files as [`Files`]; a `Found` is made for a file to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    /// Shared by every file found under it: no copy of the root's path per file.
    pub root: Arc<Path>,
    /// Size and mtime, when the scan was asked for them (to check a cache).
    pub stamp: Option<Stamp>,
}

impl Found {
    /// The path below the library root (`2019/05/13/slug.md`), for dates in folder names.
    pub fn rel_path(&self) -> &Path {
        // The walk made `path` as `root` joined with names, so the root is a byte prefix and a
        // separator follows it: cut there, rather than compare component by component (a part
        // of every file's cost in a cold load).
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let (path, root) = (
                self.path.as_os_str().as_bytes(),
                self.root.as_os_str().as_bytes(),
            );
            if let Some(rest) = path.strip_prefix(root)
                && (root.is_empty() || root.ends_with(b"/") || rest.starts_with(b"/"))
            {
                let start = rest.iter().take_while(|&&b| b == b'/').count();
                return Path::new(std::ffi::OsStr::from_bytes(&rest[start..]));
            }
        }
        self.path.strip_prefix(&self.root).unwrap_or(&self.path)
    }
}

/// What a walk found: article files (sorted by path), problems, and how many other files
/// were passed over because of their extension.
#[derive(Debug, Default)]
pub struct Scan {
    pub files: Files,
    pub problems: Vec<Problem>,
    pub ignored: usize,
}

impl Scan {
    fn new(stamps: bool) -> Scan {
        Scan {
            files: Files::new(stamps),
            ..Scan::default()
        }
    }
}

pub fn is_article_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Walks every root (a folder, recursively, following symlinks; or a single file, taken as
/// an article whatever its extension). With `stamps`, each file is stat'ed for its size and
/// mtime (needed only to check a cache).
pub fn scan(roots: &[PathBuf], stamps: bool) -> Scan {
    let mut out = walk(roots, stamps);
    // Byte order, not `Path` order: comparing paths component by component is slow at 100,000,
    // and the cache's table is in this same order (the loader walks the two side by side).
    // One root's walk comes in that order already, each path once (see `walk_order`); only
    // several roots, given in another order or one inside another, need the sort.
    if roots.len() > 1 {
        out.files = std::mem::take(&mut out.files).sorted();
    }
    debug_assert!(out.files.is_strictly_sorted());
    out
}

/// The files under `roots` as the walk found them: in byte order of their paths under each
/// root, the roots one after the other.
fn walk(roots: &[PathBuf], stamps: bool) -> Scan {
    let mut out = Scan::new(stamps);
    for root in roots {
        if root.is_file() {
            let stamp = stamps
                .then(|| std::fs::metadata(root).ok().map(|m| Stamp::of(&m)))
                .flatten();
            out.files.push_root_file(root, stamp);
            continue;
        }
        if !root.exists() {
            out.problems
                .push(Problem::error(root, "no such file or folder"));
            continue;
        }
        let walk = Walk {
            root: root.as_path().into(),
            stamps,
        };
        let ancestors = vec![Ancestor::of(root)];
        walk.dir(root, &ancestors, &mut out);
    }
    out
}

/// One walk under one root.
struct Walk {
    root: Arc<Path>,
    stamps: bool,
}

/// A folder being walked, as the walk named it and as it really is (to notice a symlink back
/// to it).
struct Ancestor {
    path: PathBuf,
    real: Option<PathBuf>,
}

impl Ancestor {
    fn of(path: &Path) -> Ancestor {
        Ancestor {
            path: path.to_path_buf(),
            real: std::fs::canonicalize(path).ok(),
        }
    }
}

impl Walk {
    /// Adds what `dir` holds to `out`, its subfolders walked in parallel.
    fn dir(&self, dir: &Path, ancestors: &[Ancestor], out: &mut Scan) {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                out.problems
                    .push(Problem::error(dir, format!("cannot read: {e}")));
                return;
            }
        };
        // Names (and each subfolder's path): the folder's path is held once in `out`.
        let mut subdirs: Vec<(OsString, PathBuf)> = Vec::new();
        let mut files: Vec<(OsString, Option<Stamp>)> = Vec::new();
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    out.problems
                        .push(Problem::error(dir, format!("cannot read: {e}")));
                    continue;
                }
            };
            let name = entry.file_name();
            let kind = entry.file_type().and_then(|t| {
                if t.is_symlink() {
                    // Followed: what it points to decides, and its stat is the file's.
                    let meta = std::fs::metadata(entry.path())?;
                    Ok((meta.is_file(), meta.is_dir(), Some(meta)))
                } else {
                    Ok((t.is_file(), t.is_dir(), None))
                }
            });
            match kind {
                Ok((true, _, meta)) if is_article_name(Path::new(&name)) => {
                    let stamp = if !self.stamps {
                        None
                    } else if let Some(meta) = meta {
                        Some(Stamp::of(&meta))
                    } else {
                        entry.metadata().ok().map(|m| Stamp::of(&m))
                    };
                    files.push((name, stamp));
                }
                Ok((true, _, _)) => out.ignored += 1,
                Ok((_, true, _)) => subdirs.push((name, entry.path())),
                Ok(_) => {}
                Err(e) => out
                    .problems
                    .push(Problem::error(entry.path(), format!("cannot read: {e}"))),
            }
        }
        // In the order of the whole walk (see `walk_order`), so that no sort of every file
        // found is needed at the end: this folder's files by their names, its subfolders
        // among them as their paths with a separator after. All share this folder's path:
        // their names alone decide.
        fn bytes(name: &OsString) -> &[u8] {
            name.as_encoded_bytes()
        }
        files.sort_unstable_by(|a, b| bytes(&a.0).cmp(bytes(&b.0)));
        subdirs.sort_unstable_by(|a, b| walk_order(bytes(&a.0), true, bytes(&b.0), true));
        let parts: Vec<Scan> = subdirs
            .par_iter()
            .map(|(_, sub)| {
                let mut part = Scan::new(self.stamps);
                let here = Ancestor::of(sub);
                if let Some(back) = ancestors
                    .iter()
                    .find(|a| a.real.is_some() && a.real == here.real)
                {
                    let reason = format!("symlink loop back to {}", back.path.display());
                    part.problems.push(Problem::error(sub, reason));
                    return part;
                }
                let mut below: Vec<Ancestor> = Vec::with_capacity(ancestors.len() + 1);
                below.extend(ancestors.iter().map(|a| Ancestor {
                    path: a.path.clone(),
                    real: a.real.clone(),
                }));
                below.push(here);
                self.dir(sub, &below, &mut part);
                part
            })
            .collect();
        let folder = if files.is_empty() {
            0 // no file refers to it
        } else {
            out.files.folder(dir, self.root.clone())
        };
        let mut files = files.into_iter().peekable();
        for ((sub, _), part) in subdirs.iter().zip(parts) {
            while let Some((name, stamp)) =
                files.next_if(|f| walk_order(bytes(&f.0), false, bytes(sub), true).is_lt())
            {
                out.files.push(folder, bytes(&name), stamp);
            }
            out.files.append(part.files);
            out.problems.extend(part.problems);
            out.ignored += part.ignored;
        }
        for (name, stamp) in files {
            out.files.push(folder, bytes(&name), stamp);
        }
    }
}

/// The order of two entries of one folder (`a` and `b`, their whole paths) that puts every
/// file below them in byte order of its path: a folder's files come where its path with a
/// separator after it (`lib/a/`) sorts. That is not where its bare path sorts: `lib/a b/`
/// comes before `lib/a.md`, which comes before `lib/a/`.
fn walk_order(a: &[u8], a_dir: bool, b: &[u8], b_dir: bool) -> std::cmp::Ordering {
    let common = a.len().min(b.len());
    a[..common].cmp(&b[..common]).then_with(|| {
        // One is the other's beginning: what follows it decides (nothing sorts first).
        let next = |path: &[u8], dir: bool| path.get(common).copied().or(dir.then_some(b'/'));
        next(a, a_dir).cmp(&next(b, b_dir))
    })
}

/// Every folder named on the command line must exist: the reader and every subcommand
/// refuse a missing one before reading anything.
pub fn check_exist(dirs: &[PathBuf]) -> anyhow::Result<()> {
    for d in dirs {
        if !d.exists() {
            anyhow::bail!(
                "{}: no such file or folder",
                crate::sanitize::clean_line(&d.to_string_lossy())
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn the_path_below_the_root_is_what_strip_prefix_gives() {
        // Roots as a user may type them, each joined with names as the walk joins them.
        for root in [
            "",
            ".",
            "./",
            "lib",
            "lib/",
            "lib//",
            "/",
            "/srv/./lib",
            "a/../lib/.",
        ] {
            for rel in ["x.md", "2019/05/13/文章.md"] {
                let f = Found {
                    path: Path::new(root).join(rel),
                    root: Path::new(root).into(),
                    stamp: None,
                };
                let expected = f.path.strip_prefix(&f.root).unwrap();
                assert_eq!(f.rel_path(), expected, "{root:?} + {rel:?}");
                assert_eq!(
                    f.rel_path().as_os_str(),
                    Path::new(rel).as_os_str(),
                    "{root:?}"
                );
            }
        }
    }

    #[test]
    fn finds_articles_in_nested_folders_in_byte_order_with_their_stamps() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("库");
        write(&root.join("b/新闻.md"), "一篇");
        write(&root.join("a.txt"), "first");
        write(&root.join("a/z/deep.HTML"), "<p>deep</p>");
        write(&root.join("a/notes.pdf"), "not an article");
        let found = scan(std::slice::from_ref(&root), true);
        let files: Vec<Found> = found.files.iter().collect();
        let rel: Vec<&Path> = files.iter().map(Found::rel_path).collect();
        assert_eq!(
            rel,
            [
                Path::new("a.txt"),
                Path::new("a/z/deep.HTML"),
                Path::new("b/新闻.md")
            ]
        );
        assert_eq!(found.ignored, 1);
        assert!(found.problems.is_empty(), "{:?}", found.problems);
        for f in &files {
            let meta = std::fs::metadata(&f.path).unwrap();
            assert_eq!(f.stamp, Some(Stamp::of(&meta)), "{}", f.path.display());
        }
        let unstamped = scan(std::slice::from_ref(&root), false);
        assert!(unstamped.files.iter().all(|f| f.stamp.is_none()));
    }

    #[test]
    fn folders_come_where_their_files_sort() {
        // Names around the separator's byte: ' ' and '.' sort before '/', '0' after it.
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("lib");
        for name in [
            "a b/x.md", "a.md", "a/x.md", "a/y/z.md", "a0.md", "a-/q.md", "b.md",
        ] {
            write(&root.join(name), name);
        }
        // The walk's own order, without the sort `scan` falls back on.
        let found = walk(std::slice::from_ref(&root), false);
        let files: Vec<Found> = found.files.iter().collect();
        let paths: Vec<&[u8]> = (files.iter())
            .map(|f| f.path.as_os_str().as_encoded_bytes())
            .collect();
        let mut sorted = paths.clone();
        sorted.sort();
        assert_eq!(paths, sorted);
        assert_eq!(paths.len(), 7);
        let entries = ["a b", "a.md", "a", "a0.md", "a-", "b.md"];
        let is_dir = |n: &str| !n.ends_with(".md");
        let mut by_walk = entries.to_vec();
        by_walk.sort_by(|a, b| walk_order(a.as_bytes(), is_dir(a), b.as_bytes(), is_dir(b)));
        assert_eq!(by_walk, ["a b", "a-", "a.md", "a", "a0.md", "b.md"]);
    }

    /// What a walk must give, the plain way: every article file under each root (following
    /// symlinks), a path and a stamp each, sorted by path bytes, each path once.
    fn plainly(roots: &[PathBuf]) -> Vec<(Vec<u8>, Stamp)> {
        fn visit(path: &Path, top: bool, out: &mut Vec<(Vec<u8>, Stamp)>) {
            let meta = std::fs::metadata(path).unwrap();
            if meta.is_dir() {
                for entry in std::fs::read_dir(path).unwrap() {
                    visit(&entry.unwrap().path(), false, out);
                }
            } else if top || is_article_name(path) {
                let bytes = path.as_os_str().as_encoded_bytes().to_vec();
                out.push((bytes, Stamp::of(&meta)));
            }
        }
        let mut out = Vec::new();
        for root in roots {
            visit(root, true, &mut out);
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out.dedup_by(|a, b| a.0 == b.0);
        out
    }

    #[cfg(unix)]
    #[test]
    fn the_compact_list_holds_what_a_plain_walk_finds_in_its_order() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("lib");
        let elsewhere = dir.path().join("外面");
        // Byte order is not `Path` order: `a/b` sorts after `a-b` and `a.b` as bytes.
        for (i, name) in [
            "a/b.md",
            "a-b.md",
            "a.b.md",
            "a b/c.md",
            "a/b/c.md",
            "a0.txt",
            "2019/05/13/早.md",
            "2019/05/13/late.html",
            "2019/05/14.md",
            "深/深/深/底.markdown",
            "notes.pdf",
        ]
        .iter()
        .enumerate()
        {
            // Sizes differ, so a stamp given to the wrong file shows.
            write(&root.join(name), &"字".repeat(i + 1));
        }
        // Folders of more files than are copied when a walk is put together from its
        // folders' walks (they are moved in whole), with files before and after them.
        let many = file_list::MOVE_FROM + 3;
        for k in 0..many {
            write(&root.join(format!("many/{k:03}.md")), &"多".repeat(k + 1));
            write(&root.join(format!("many/m/{k}.md")), &"深".repeat(k + 1));
        }
        write(&root.join("many/z.md"), "after the folder");
        let odd = std::ffi::OsStr::from_bytes(b"\xffodd\xfe.md");
        write(&root.join("a").join(odd), "not UTF-8");
        write(&elsewhere.join("far.md"), "far away");
        std::os::unix::fs::symlink(&elsewhere, root.join("a/linked")).unwrap();
        std::os::unix::fs::symlink(elsewhere.join("far.md"), root.join("alias.md")).unwrap();
        let single = dir.path().join("single.txt");
        write(&single, "a file given as a root");
        let dotted = root.join(".").join("a-b.md");
        let cases: [Vec<PathBuf>; 5] = [
            vec![root.clone()],
            // Out of order, one inside another, a file and a folder twice.
            vec![
                root.join("a"),
                root.clone(),
                single.clone(),
                root.join("深"),
            ],
            vec![single.clone(), elsewhere.clone(), root.join("a")],
            vec![dotted.clone(), root.join("2019"), root.join("2019/05")],
            vec![root.join("many/m"), root.join("many"), root.join("a")],
        ];
        for roots in &cases {
            let walked = scan(roots, true);
            assert!(walked.problems.is_empty(), "{:?}", walked.problems);
            let got: Vec<(Vec<u8>, Stamp)> = (walked.files.iter())
                .map(|f| (f.path.as_os_str().as_bytes().to_vec(), f.stamp.unwrap()))
                .collect();
            assert_eq!(got, plainly(roots), "{roots:?}");
            for (i, f) in walked.files.iter().enumerate() {
                let bytes = f.path.as_os_str().as_bytes();
                assert_eq!(walked.files.find(bytes), Some(i));
                assert!(f.path.starts_with(&f.root), "{f:?}");
            }
            let unstamped = scan(roots, false);
            let paths: Vec<PathBuf> = unstamped.files.iter().map(|f| f.path).collect();
            let want: Vec<PathBuf> = walked.files.iter().map(|f| f.path).collect();
            assert_eq!(paths, want);
            assert!(unstamped.files.iter().all(|f| f.stamp.is_none()));
        }
        // The file given with a `.` in its path keeps it.
        let found = scan(std::slice::from_ref(&dotted), false).files.found(0);
        assert_eq!(found.path, dotted);
        // Ten names of articles, one not UTF-8, one through a linked folder, one linked file,
        // and the many.
        assert_eq!(scan(&cases[0], false).files.len(), 13 + 2 * many + 1);
    }

    #[cfg(unix)]
    #[test]
    fn follows_symlinks_and_reports_loops_and_broken_links() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("lib");
        let elsewhere = dir.path().join("elsewhere");
        write(&elsewhere.join("far.md"), "far away, longer text");
        write(&root.join("near.md"), "near");
        std::os::unix::fs::symlink(&elsewhere, root.join("linked")).unwrap();
        std::os::unix::fs::symlink(elsewhere.join("far.md"), root.join("alias.md")).unwrap();
        std::os::unix::fs::symlink(&root, root.join("linked/back")).unwrap_or(());
        std::fs::create_dir_all(root.join("loop")).unwrap();
        std::os::unix::fs::symlink(".", root.join("loop/again")).unwrap();
        std::os::unix::fs::symlink("missing.md", root.join("broken.md")).unwrap();
        let found = scan(std::slice::from_ref(&root), true);
        let files: Vec<Found> = found.files.iter().collect();
        let names: Vec<String> = files
            .iter()
            .map(|f| f.rel_path().display().to_string())
            .collect();
        assert_eq!(names, ["alias.md", "linked/far.md", "near.md"]);
        let target = std::fs::metadata(elsewhere.join("far.md")).unwrap();
        for linked in &files[..2] {
            assert_eq!(linked.stamp, Some(Stamp::of(&target)), "the target's stamp");
        }
        let problems: Vec<String> = found.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(
            problems
                .iter()
                .any(|p| p.contains("loop/again") && p.contains("symlink loop back to")),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("linked/back") && p.contains("symlink loop back to")),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("broken.md") && p.contains("cannot read")),
            "{problems:?}"
        );
    }
}
