//! Bringing the index up to date with the library's files: only new and changed files are
//! read, into a new segment; the segments already written are never changed (a document of
//! a removed or changed file is left where it is and ignored: `docs`).
//!
//! A document's stamp is taken just before its file is read, so a file changed while it is
//! read keeps an old stamp and is read again by the next update (and ignored by searches
//! until then: see `docs`).
//!
//! Left-over documents are dropped when segments are rewritten: when fewer than half the
//! documents still stand for a file, the whole index is built again into one segment; when
//! there are more than [`MOST_SEGMENTS`] segments, every one but the largest is read again
//! into one (small segments are what the watcher's updates write, so that is few files).

use super::grams::build::Paths;
use super::grams::segment;
use super::on_disk::{FullText, stored_stamp};

use crate::library::cache::Stamp;
use crate::library::front_matter::body_of;
use crate::library::scan::{Files, is_article_name};
use crate::library::{Origin, decode, read_body};
use crate::search::body::read_small;
use crate::search::html::fold_html;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

/// More segments than this and the smaller ones are written again as one: each search looks
/// its keys up in every segment.
const MOST_SEGMENTS: usize = 8;

/// What an update did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Files read (new or changed).
    pub read: usize,
    /// Documents left for files that are gone (ignored from now on).
    pub removed: usize,
    /// Files already indexed with their current stamp.
    pub kept: usize,
    /// The index was missing, damaged or of another version, and was started anew.
    pub rebuilt: bool,
    /// Stopped by the cancel flag before the end (nothing of this update is kept).
    pub cancelled: bool,
    /// The index was written to (a segment written or removed); not when nothing changed.
    pub wrote: bool,
}

/// Every article file under `roots` with its stamp now: what [`update`] takes. Held as the
/// walk's compact list (sorted by path bytes, searched by halves with [`Files::find`]): at a
/// million articles a path per file, held after the reader's load, was 130 MB.
pub fn files_of(roots: &[PathBuf]) -> Files {
    crate::library::scan::scan(roots, true).files
}

/// Brings the index in `dir` up to date with `files` (every article file of the library and
/// its stamp now; `None` when it could not be stat'ed, then it is read anyway).
/// `progress(files, done)` is called as files are read; `cancel` stops between chunks.
pub fn update(
    dir: &Path,
    files: &Files,
    progress: &mut (dyn FnMut(usize, usize) + Send),
    cancel: &AtomicBool,
) -> anyhow::Result<Outcome> {
    update_within(dir, files, None, progress, cancel)
}

/// Brings the index up to date with the files under `changed` only (files or folders that
/// were added, changed or removed, as a watcher reports them), without walking the rest of
/// the library: their files now are indexed as [`update`] would, and documents of files
/// under them that are gone are marked dead. Documents elsewhere are left as they are.
/// A changed path outside every root of `roots` is ignored.
pub fn update_paths(
    dir: &Path,
    roots: &[PathBuf],
    changed: &[PathBuf],
    progress: &mut (dyn FnMut(usize, usize) + Send),
    cancel: &AtomicBool,
) -> anyhow::Result<Outcome> {
    if FullText::open(dir).is_err() {
        // Missing or of another version: started anew, it needs every file.
        return update(dir, &files_of(roots), progress, cancel);
    }
    let changed: Vec<&PathBuf> = (changed.iter())
        .filter(|p| roots.iter().any(|root| p.starts_with(root)))
        .collect();
    // A root given as a file is an article whatever its name; under a folder, only article
    // names are (`scan::is_article_name`), as in the library's own walk.
    let walked: Vec<PathBuf> = (changed.iter())
        .filter(|p| p.is_dir() || (p.is_file() && (roots.contains(p) || is_article_name(p))))
        .map(|p| p.to_path_buf())
        .collect();
    let files = files_of(&walked);
    let within = |path: &[u8]| {
        changed.iter().any(|p| {
            let p = p.as_os_str().as_encoded_bytes();
            path.strip_prefix(p)
                .is_some_and(|rest| rest.is_empty() || rest[0] == std::path::MAIN_SEPARATOR as u8)
        })
    };
    update_within(dir, &files, Some(&within), progress, cancel)
}

/// Which paths an update is about (the watcher's changed paths), when not all.
type Within<'a> = &'a dyn Fn(&[u8]) -> bool;

/// [`update`] of the documents whose path `within` accepts (all of them: `None`): `files`
/// are all the library's files among those.
fn update_within(
    dir: &Path,
    files: &Files,
    within: Option<Within>,
    progress: &mut (dyn FnMut(usize, usize) + Send),
    cancel: &AtomicBool,
) -> anyhow::Result<Outcome> {
    let _lock = Lock::take(dir)?;
    let (mut ft, rebuilt) = FullText::open_or_rebuild(dir)?;
    // A segment half written by an update that was killed (the lock says none runs now).
    segment::remove_unfinished(dir);
    let listed = super::verified::listed(&ft);
    let mut outcome = Outcome {
        rebuilt,
        ..Outcome::default()
    };
    // Each segment's documents are met with the files in one pass (both sorted by path). A
    // document that stands for no file now (gone, changed, or a second one) is marked dead.
    let mut current = vec![false; files.len()];
    let mut died = vec![false; ft.segments.len()];
    for (s, segment) in ft.segments.iter_mut().enumerate() {
        let mut dead = Vec::new();
        super::docs::each_with_file(segment, files, |doc, path, stamp, i| {
            if !within.is_none_or(|w| w(path)) {
                return;
            }
            match i {
                Some(i) if !current[i] && files.stamp(i).map(stored_stamp) == Some(stamp) => {
                    current[i] = true;
                    return;
                }
                Some(_) => {}
                None => outcome.removed += 1,
            }
            dead.push(doc);
        })?;
        for doc in dead {
            segment.dead[doc as usize / 64] |= 1 << (doc % 64);
            died[s] = true;
        }
    }
    let todo: Vec<usize> = (0..files.len()).filter(|&i| !current[i]).collect();
    outcome.kept = files.len() - todo.len();
    let total = files.len();
    progress(total, outcome.kept);
    // Fewer than half the documents standing for a file after this update: all built anew.
    let alive: usize = ft.segments.iter().map(|s| s.alive()).sum();
    let anew = within.is_none()
        && !ft.segments.is_empty()
        && (alive + todo.len()) * 2 < ft.docs() + todo.len();
    let reading: Vec<usize> = if anew {
        (0..files.len()).collect()
    } else {
        todo
    };
    if !reading.is_empty() {
        let number = ft.next_number();
        let paths = FilesAt {
            files,
            at: &reading,
        };
        let base = if anew { 0 } else { outcome.kept };
        let built = segment::write(
            dir,
            number,
            &paths,
            &mut |done| progress(total, base + done),
            cancel,
        )?;
        if built.is_none() {
            // Nothing of this update is kept, not even the dead documents it found.
            outcome.cancelled = true;
            return Ok(outcome);
        }
        outcome.read = reading.len();
        outcome.wrote = true;
        if anew {
            remove_segments(&ft, |n| n < number)?;
        }
    }
    if !anew {
        for (segment, _) in ft.segments.iter().zip(&died).filter(|(_, d)| **d) {
            segment.write_dead(dir)?;
            outcome.wrote = true;
        }
    }
    if outcome.wrote {
        ft = FullText::open(dir)?;
    }
    if ft.segments.len() > MOST_SEGMENTS {
        let folded;
        (ft, folded) = fold_small(dir, ft, cancel)?;
        outcome.cancelled = !folded;
        outcome.wrote |= folded;
    }
    super::verified::written(&ft, &listed);
    progress(total, total);
    Ok(outcome)
}

/// Writes every segment but the largest again as one, from their files as they are now (a
/// file that is gone gets a document without a stamp, which stands for nothing). The flag
/// is false when `cancel` stopped it (the segments are left as they were).
fn fold_small(dir: &Path, ft: FullText, cancel: &AtomicBool) -> anyhow::Result<(FullText, bool)> {
    let largest = (ft.segments.iter())
        .max_by_key(|s| s.len)
        .map_or(0, |s| s.number);
    let mut paths: Vec<Vec<u8>> = Vec::new();
    for segment in ft.segments.iter().filter(|s| s.number != largest) {
        segment.each_doc(&mut |_, path, _| paths.push(path.to_vec()))?;
    }
    paths.par_sort_unstable();
    paths.dedup();
    let number = ft.next_number();
    let folded = segment::write(dir, number, &Owned(paths), &mut |_| {}, cancel)?.is_some();
    if folded {
        remove_segments(&ft, |n| n != largest && n < number)?;
    }
    Ok((FullText::open(dir)?, folded))
}

/// Removes the segments whose numbers `gone` accepts.
fn remove_segments(ft: &FullText, gone: impl Fn(u32) -> bool) -> anyhow::Result<()> {
    for s in ft.segments.iter().filter(|s| gone(s.number)) {
        std::fs::remove_dir_all(segment::folder(&ft.dir, s.number))?;
        let _ = std::fs::remove_file(segment::dead_file(&ft.dir, s.number));
    }
    Ok(())
}

/// Some of the walk's files, in path order.
struct FilesAt<'a> {
    files: &'a Files,
    at: &'a [usize],
}

impl Paths for FilesAt<'_> {
    fn len(&self) -> usize {
        self.at.len()
    }
    fn path(&self, doc: usize) -> PathBuf {
        self.files.path(self.at[doc])
    }
}

/// Paths as bytes, in order.
struct Owned(Vec<Vec<u8>>);

impl Paths for Owned {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn path(&self, doc: usize) -> PathBuf {
        use std::os::unix::ffi::OsStrExt;
        PathBuf::from(std::ffi::OsStr::from_bytes(&self.0[doc]))
    }
}

/// One update at a time on an index folder (the reader's indexer and `gazette index` may
/// both run): an exclusive lock on a file beside the folder, held while the update lasts.
struct Lock {
    _file: std::fs::File,
}

impl Lock {
    fn take(dir: &Path) -> anyhow::Result<Lock> {
        if let Some(parent) = dir.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let file = std::fs::File::create(dir.with_extension("index-lock"))?;
        file.lock()?;
        Ok(Lock { _file: file })
    }
}

/// The stamp and the folded body text of the article file at `path`. A file that cannot be
/// read has empty text: the scan finds nothing in it either.
///
/// Only a regular file is read: opening a pipe or a device would wait for a writer and hold
/// the whole update. Such a file has no stamp, so its document never stands for the article
/// and the scan reads it instead.
///
/// The text is exactly `fold_html` of `read_body`'s body (a test compares them), but the file
/// is read into the worker's reused `buf`, decoded as `read_body` decodes it and cut to its
/// body in place: `read_body`'s own buffer, its copy of the body and their allocations were a
/// tenth of the build's floor. A large or unreadable file takes `read_body` itself.
pub(crate) fn folded_body(path: &Path, buf: &mut Vec<u8>) -> (Option<Stamp>, String) {
    let regular = std::fs::metadata(path).ok().filter(|m| m.is_file());
    let stamp = regular.as_ref().map(Stamp::of);
    let mut folded = String::new();
    if regular.is_none() {
        return (stamp, folded);
    }
    if let Ok(Some(len)) = read_small(path, buf) {
        // What `read_body` does, on the worker's own buffer: a binary file has no text.
        if let Ok(decoded) = decode(&buf[..len]) {
            let body = body_of(&decoded.text);
            // Folding only shrinks HTML (tags, entities, spaces) or keeps its length.
            folded.reserve(body.len());
            fold_html(body, &mut folded);
        }
        return (stamp, folded);
    }
    if let Ok(body) = read_body(Origin::Disk, path) {
        fold_html(&body, &mut folded);
    }
    (stamp, folded)
}

/// A build without the index: reads and folds every file of `files` as [`update`] does, on
/// every core, and with `cut` adds the text to chunks as a build does (`grams::chunk`);
/// and each full chunk sorted and encoded; returns the number of records (without `cut`: of
/// folded bytes). The floor of a build, nothing of it kept or written (the `fulltext-bench`
/// example's `GAZETTE_BENCH_FLOOR`).
#[doc(hidden)]
pub fn extract_only(files: &Files, cut: bool) -> usize {
    use super::grams::chunk::{Chunk, MAX_DOCS};
    (0..files.len())
        .into_par_iter()
        .map_init(
            || (Chunk::new(), Vec::new(), Vec::new(), Vec::new()),
            |(chunk, buf, run, scratch), i| {
                let (_, folded) = folded_body(&files.path(i), buf);
                if !cut {
                    return folded.len();
                }
                if chunk.docs() as usize == MAX_DOCS {
                    chunk.finish(run, scratch);
                }
                let before = chunk.records();
                chunk.add(&folded);
                chunk.records() - before
            },
        )
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fulltext::grams::chunk_tests::{by_the_rule, keys};
    use proptest::prelude::*;

    /// The extraction as it was: `read_body`, then `fold_html` of the whole body.
    fn reference(path: &Path) -> String {
        let mut folded = String::new();
        if let Ok(body) = read_body(Origin::Disk, path) {
            fold_html(&body, &mut folded);
        }
        folded
    }

    /// Writes `bytes` as an article file and checks that the extraction's text and tokens are
    /// the reference's; `buf` is reused from file to file as a worker reuses it.
    fn agrees(dir: &Path, bytes: &[u8], buf: &mut Vec<u8>) -> Result<(), TestCaseError> {
        let path = dir.join("article.html");
        std::fs::write(&path, bytes).unwrap();
        let expected = reference(&path);
        let (stamp, folded) = folded_body(&path, buf);
        prop_assert!(stamp.is_some());
        prop_assert_eq!(&folded, &expected, "{:?}", String::from_utf8_lossy(bytes));
        prop_assert_eq!(keys(&folded), by_the_rule(&expected));
        Ok(())
    }

    /// Pieces of article files: front matter, markup, entities, scripts and comments, CJK,
    /// accents and the Turkish İ, whitespace of every kind, escape sequences and forbidden
    /// characters, long words, and bytes that are not UTF-8.
    fn piece() -> impl Strategy<Value = &'static [u8]> {
        prop_oneof![
            Just(&b"---\ntitle: x\n---\n"[..]),
            Just(&b"\r\n---\r\ntitle: y\r\n---\r\n\r\n"[..]),
            Just(&b"\xEF\xBB\xBF"[..]),
            Just(&b"<p>"[..]),
            Just(&b"</P>"[..]),
            Just(&b"<b>"[..]),
            Just(&b"<br/>"[..]),
            Just(&b"<img alt=\"a>b \xE6\x89\x98\">"[..]),
            Just(&b"<script>var x = 1 < 2;</script>"[..]),
            Just(&b"<style>p{}"[..]),
            Just(&b"<!-- \xE8\x80\xB6 -->"[..]),
            Just(&b"<"[..]),
            Just(&b">"[..]),
            Just(&b"&amp;"[..]),
            Just(&b"&#25176;"[..]),
            Just(&b"&#x1b;[31m"[..]),
            Just(&b"&nbsp;"[..]),
            Just(&b"&Eacute;"[..]),
            Just(&b"&bogus;"[..]),
            Just(&b"&"[..]),
            Just("托卡耶夫".as_bytes()),
            Just("，数据显示。".as_bytes()),
            Just("“引号”".as_bytes()),
            Just("한국어".as_bytes()),
            Just("\u{20000}\u{3400}".as_bytes()),
            Just("École ÉTÉ".as_bytes()),
            Just("İstanbul ı I".as_bytes()),
            Just("ẞ ΣΑΣ K ＡＢＣ".as_bytes()),
            Just("e\u{301}".as_bytes()),
            Just(&b"Hello World 42"[..]),
            Just(&b" "[..]),
            Just(&b"\n"[..]),
            Just(&b"\t"[..]),
            Just(&b"\r"[..]),
            Just("\u{3000}\u{a0}\u{2028}".as_bytes()),
            Just(&b"\x1b[1m"[..]),
            Just(&b"\x1b]52;c;ZXZpbA==\x07"[..]),
            Just("\u{9b}31m\u{200e}\u{202e}\u{feff}".as_bytes()),
            Just(&b"\x01\x7f"[..]),
            Just(&b"\0"[..]),
            Just(&b"\xff\xfe"[..]),
            Just(&b"\xd5\xe2"[..]),
            Just(
                &b"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"[..]
            ),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// The extraction hands the index exactly the text and tokens of the reference.
        #[test]
        fn extraction_agrees_with_read_body_and_fold_html(
            files in proptest::collection::vec(proptest::collection::vec(piece(), 0..40), 1..4),
        ) {
            let dir = tempfile::tempdir().unwrap();
            let mut buf = Vec::new();
            for pieces in files {
                agrees(dir.path(), &pieces.concat(), &mut buf)?;
            }
        }
    }

    /// A hand-written body with a bit of everything, in Chinese and English.
    #[test]
    fn a_tricky_body_agrees() {
        let dir = tempfile::tempdir().unwrap();
        let mut buf = Vec::new();
        let body = "---\ntitle: 难题\n---\n\n<div class=\"x>y\"><p>托卡<b>耶夫</b>访问 İSTANBUL，\
            “数据显示”&mdash;AT&amp;T &#x6258;&#21345; <script>if (a<b) {}</script>\
            <!-- 注释 zanzibar --> Ünïcödé ẞtraße\u{3000}ΣΑΣ 한국 \u{20000}\u{20001}</p>\r\n\
            <p>\u{1b}[31mred\u{1b}[0m \u{200e}x {long} end&nbsp;</p>";
        let body = body.replace("{long}", &"ab".repeat(40));
        agrees(dir.path(), body.as_bytes(), &mut buf).unwrap();
        let (_, folded) = folded_body(&dir.path().join("article.html"), &mut buf);
        assert!(
            folded.starts_with("托卡耶夫访问 i̇stanbul，“数据显示”—at&t 托卡 "),
            "{folded:?}"
        );
        // Not UTF-8, and larger than the reused buffer's fast path: `read_body`'s way.
        let (gb, _, _) = encoding_rs::GB18030.encode("---\ntitle: x\n---\n<p>托卡耶夫 Ok</p>");
        agrees(dir.path(), &gb, &mut buf).unwrap();
        let big = format!("<p>{}</p>托卡耶夫", "填充 filler ".repeat(200_000));
        agrees(dir.path(), big.as_bytes(), &mut buf).unwrap();
    }
}
