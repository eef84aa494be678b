//! Bringing the index up to date with the library's files: only new and changed files are
//! read, documents of removed ones are deleted.
//!
//! A document's stamp is taken just before its file is read, so a file changed while it is
//! read keeps an old stamp and is read again by the next update (and ignored by searches
//! until then: see `docs`).

use super::on_disk::{FullText, stored_stamp};
use super::tokens::Cut;

use crate::library::cache::Stamp;
use crate::library::front_matter::body_of;
use crate::library::scan::{Files, is_article_name};
use crate::library::{Origin, decode, read_body};
use crate::search::body::read_small;
use crate::search::html::fold_html;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
use tantivy::{TantivyDocument, Term};

/// Files read between two progress reports (and cancel checks).
const BATCH: usize = 256;
/// How an update uses tantivy's writer. [`Tuning::DEFAULT`] is what `gazette` uses; the
/// `fulltext-bench` example tries others (`GAZETTE_BENCH_TUNING`).
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tuning {
    /// The indexing memory of the writer, shared by its threads (at least 15 MB each).
    pub memory: usize,
    /// Tantivy's indexing threads: cutting the text into tokens (`tokens::Cut`) and filling
    /// the postings happen on them, and they are most of a build.
    pub threads: usize,
    /// Files read between two commits, so a long build that is stopped keeps most of its work.
    pub commit_every: usize,
    /// When this many files or more are to be read (a build from nothing, mostly): no merges
    /// while they are written, then one merge of every segment at the end. Merging as segments
    /// come (tantivy's default policy) writes the same postings several times over.
    pub merge_once_from: usize,
}

impl Tuning {
    pub const DEFAULT: Tuning = Tuning {
        memory: 64 << 20,
        threads: 2,
        commit_every: 20_000,
        merge_once_from: usize::MAX,
    };
}

/// What an update did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Files read (new or changed).
    pub read: usize,
    /// Documents deleted for files that are gone.
    pub removed: usize,
    /// Files already indexed with their current stamp.
    pub kept: usize,
    /// The index was missing, damaged or of another version, and was started anew.
    pub rebuilt: bool,
    /// Stopped by the cancel flag before the end (what was read is kept).
    pub cancelled: bool,
    /// The index was written to (a writer opened and committed); not when nothing changed.
    pub wrote: bool,
}

/// Every article file under `roots` with its stamp now: what [`update`] takes. Held as the
/// walk's compact list (sorted by path bytes, searched by halves with [`Files::find`]): at a
/// million articles a path per file, held after the reader's load, was 130 MB.
pub fn files_of(roots: &[PathBuf]) -> Files {
    crate::library::scan::scan(roots, true).files
}

/// The stamp, as the index stores it, of the file at `path` among `files`.
pub(crate) fn walked_stamp(files: &Files, path: &[u8]) -> Option<(u64, i64)> {
    files.stamp(files.find(path)?).map(stored_stamp)
}

/// Brings the index in `dir` up to date with `files` (every article file of the library and
/// its stamp now; `None` when it could not be stat'ed, then it is read anyway).
/// `progress(files, done)` is called as files are read; `cancel` stops between batches.
pub fn update(
    dir: &Path,
    files: &Files,
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
) -> anyhow::Result<Outcome> {
    update_tuned(dir, files, progress, cancel, Tuning::DEFAULT)
}

/// [`update`] with the writer tuned as given.
#[doc(hidden)]
pub fn update_tuned(
    dir: &Path,
    files: &Files,
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
    tuning: Tuning,
) -> anyhow::Result<Outcome> {
    update_within(dir, files, &|_| true, progress, cancel, tuning)
}

/// Brings the index up to date with the files under `changed` only (files or folders that
/// were added, changed or removed, as a watcher reports them), without walking the rest of
/// the library: their files now are indexed as [`update`] would, and documents of files
/// under them that are gone are deleted. Documents elsewhere are left as they are.
/// A changed path outside every root of `roots` is ignored.
pub fn update_paths(
    dir: &Path,
    roots: &[PathBuf],
    changed: &[PathBuf],
    progress: &mut dyn FnMut(usize, usize),
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
    update_within(dir, &files, &within, progress, cancel, Tuning::DEFAULT)
}

/// [`update`] of the documents whose path `within` accepts: `files` are all the library's
/// files among those.
fn update_within(
    dir: &Path,
    files: &Files,
    within: &dyn Fn(&[u8]) -> bool,
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
    tuning: Tuning,
) -> anyhow::Result<Outcome> {
    let (ft, rebuilt) = FullText::open_or_rebuild(dir)?;
    let mut outcome = Outcome {
        rebuilt,
        ..Outcome::default()
    };
    // Each document is matched to its file by a binary search over the files sorted by path:
    // a map of a million owned paths was most of the reader's peak memory at a million.
    let mut indexed: Vec<Indexed> = vec![Indexed::None; files.len()];
    let mut gone: Vec<Vec<u8>> = Vec::new();
    let searcher = ft.reader.searcher();
    super::docs::for_each_doc(&searcher, |_, _, path, stamp| {
        if !within(path) {
            return;
        }
        match files.find(path) {
            Some(i) => {
                let slot = &mut indexed[i];
                *slot = match slot {
                    Indexed::None if files.stamp(i).map(stored_stamp) == Some(stamp) => {
                        Indexed::Current
                    }
                    Indexed::None => Indexed::Stale,
                    _ => Indexed::Twice,
                };
            }
            None => gone.push(path.to_vec()),
        }
    })?;
    drop(searcher);
    if !rebuilt && gone.is_empty() && indexed.iter().all(|w| matches!(w, Indexed::Current)) {
        // Nothing to write (every start of an unchanged library): no writer, whose threads
        // and memory came on top of the reader's at its high-water mark, and no commit.
        outcome.kept = files.len();
        progress(files.len(), outcome.kept);
        return Ok(outcome);
    }
    let mut writer = ft
        .index
        .writer_with_num_threads(tuning.threads, tuning.memory)?;
    outcome.wrote = true;
    let path_term = |p: &[u8]| Term::from_field_bytes(ft.fields.path, p);
    // Positions in `files`: a path is built when its file is read.
    let mut todo: Vec<usize> = Vec::new();
    for (i, was) in indexed.iter().enumerate() {
        match was {
            Indexed::Current => outcome.kept += 1,
            Indexed::None => todo.push(i),
            _ => {
                writer.delete_term(path_term(files.path(i).as_os_str().as_encoded_bytes()));
                todo.push(i);
            }
        }
    }
    gone.sort_unstable();
    gone.dedup();
    for path in &gone {
        writer.delete_term(path_term(path));
        outcome.removed += 1;
    }
    let merge_once = todo.len() >= tuning.merge_once_from;
    if merge_once {
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    }
    let total = files.len();
    progress(total, outcome.kept);
    let mut since_commit = 0;
    for batch in todo.chunks(BATCH) {
        if cancel.load(Relaxed) {
            outcome.cancelled = true;
            break;
        }
        let docs: Vec<TantivyDocument> = (batch.par_iter())
            .map_init(Vec::new, |buf, &i| document(&ft, &files.path(i), buf))
            .collect();
        for doc in docs {
            writer.add_document(doc)?;
        }
        outcome.read += batch.len();
        since_commit += batch.len();
        if since_commit >= tuning.commit_every {
            writer.commit()?;
            since_commit = 0;
        }
        progress(total, outcome.kept + outcome.read);
    }
    writer.commit()?;
    if merge_once {
        let segments = ft.index.searchable_segment_ids()?;
        if segments.len() > 1 {
            writer.merge(&segments).wait()?;
        }
    }
    writer.wait_merging_threads()?;
    super::verified::written(&ft.index, dir);
    Ok(outcome)
}

/// What the index holds for one file, as an update found it: a byte per file, the stamps
/// compared as the documents are met (a stamp kept per file was 24 MB at a million).
#[derive(Debug, Clone, Copy)]
enum Indexed {
    None,
    /// One document, made when the file had the stamp it has now.
    Current,
    /// One document, made from the file as it was before.
    Stale,
    /// More than one document (left by an interrupted update): deleted and read again.
    Twice,
}

/// The document of the article file at `path`: its stamp, then its body's tokens. `buf` is
/// the worker's reused buffer for the file's bytes.
fn document(ft: &FullText, path: &Path, buf: &mut Vec<u8>) -> TantivyDocument {
    let (stamp, folded) = folded_body(path, buf);
    let (size, mtime) = stamp.map_or((u64::MAX, i64::MIN), stored_stamp);
    let f = ft.fields;
    let mut doc = TantivyDocument::new();
    doc.add_bytes(f.path, path.as_os_str().as_encoded_bytes());
    doc.add_u64(f.size, size);
    doc.add_i64(f.mtime, mtime);
    // Both fields get the folded text; their tokenizers (`tokens::Cut`) cut it.
    doc.add_text(f.text, &folded);
    doc.add_text(f.uni, &folded);
    doc
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
/// every core, and with `cut` cuts the text into both fields' tokens; returns the number of
/// tokens (without `cut`: of folded bytes). The cost of a build before tantivy stores
/// anything — the floor of this text extraction (the `fulltext-bench` example's
/// `GAZETTE_BENCH_FLOOR`).
#[doc(hidden)]
pub fn extract_only(files: &Files, cut: bool) -> usize {
    use tantivy::tokenizer::{TokenStream, Tokenizer};
    (0..files.len())
        .into_par_iter()
        .map_init(
            || (Cut::POSITIONAL, Cut::UNIGRAMS, Vec::new()),
            |(positional, unigrams, buf), i| {
                let (_, folded) = folded_body(&files.path(i), buf);
                if !cut {
                    return folded.len();
                }
                let count = |stream: &mut dyn TokenStream| {
                    let mut n = 0;
                    while stream.advance() {
                        n += 1;
                    }
                    n
                };
                count(&mut positional.token_stream(&folded))
                    + count(&mut unigrams.token_stream(&folded))
            },
        )
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fulltext::tokens::tests::{by_the_rule, cut};
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
        prop_assert_eq!(cut(&folded), by_the_rule(&expected));
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
