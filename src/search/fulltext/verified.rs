//! Whether the index's segments are intact, without reading all of them at every update.
//!
//! Every byte of every segment read at each start of the reader and after each change the
//! watcher reports would be gigabytes at a million articles (and mapped into the reader).
//! Segments are never rewritten (new data goes to new segments), so a segment needs its full
//! checksum only once:
//! - every open checks each file's length and the checksum of its last bytes
//!   (`segment::Segment::open`): a file cut short, emptied or overwritten fails it;
//! - a segment not yet in the list of verified segments ([`LIST`]) gets its full checksums
//!   as well, and once the whole index passes, the list is written anew;
//! - the segments an update writes are listed as it ends ([`written`]): they were made here.
//!
//! What this gives up: damage inside an already verified file that keeps its length and its
//! last bytes (a flipped bit in the middle) is not found by the update. A search then answers
//! from a damaged entry at worst (most damage fails to decode and the term is read in the
//! files instead); the scan remains the reference, and `gazette index` after removing the
//! folder rebuilds.

use super::on_disk::FullText;
use std::collections::HashSet;

/// The list of segments whose full checksums passed: one number a line.
const LIST: &str = "gazette-verified";

/// True when every segment of `ft` is intact (see the module docs); records them verified.
pub(crate) fn intact(ft: &FullText) -> bool {
    let listed = std::fs::read_to_string(ft.dir.join(LIST)).unwrap_or_default();
    let verified: HashSet<&str> = listed.lines().collect();
    for segment in &ft.segments {
        if !verified.contains(segment.number.to_string().as_str()) && !segment.verify() {
            return false;
        }
    }
    written(ft, &listed);
    true
}

/// Records every segment of `ft` as verified, unless `listed` already says so: to be called
/// when an update has written its segments (it checked the others when it opened the index).
pub(crate) fn written(ft: &FullText, listed: &str) {
    let list: String = (ft.segments.iter())
        .map(|s| format!("{}\n", s.number))
        .collect();
    if list != listed {
        // Only a record of work done: failing to write it costs a full check next time.
        let _ = crate::atomic_file::write_atomic(&ft.dir.join(LIST), list.as_bytes());
    }
}

/// The list as it is on disk (what [`written`] compares with).
pub(crate) fn listed(ft: &FullText) -> String {
    std::fs::read_to_string(ft.dir.join(LIST)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fulltext::grams::segment;
    use std::path::Path;
    use std::sync::atomic::AtomicBool;

    /// An index of two articles in `dir` (under `home`), opened as an update opens it. The
    /// second has enough words that the words' files are longer than the end each open
    /// checks.
    fn indexed(home: &Path) -> (std::path::PathBuf, FullText) {
        let root = home.join("lib");
        std::fs::create_dir_all(&root).unwrap();
        let words: String = (0..2000).map(|i| format!("harbor{i} ")).collect();
        for (i, body) in ["江南的雨", &words].iter().enumerate() {
            let text = format!("---\ntitle: 第{i}篇\n---\n<p>{body}</p>");
            std::fs::write(root.join(format!("{i}.html")), text).unwrap();
        }
        let dir = home.join("x.index");
        let files = crate::search::fulltext::files_of(&[root]);
        let never = AtomicBool::new(false);
        crate::search::fulltext::update(&dir, &files, &mut |_, _| {}, &never).unwrap();
        let ft = FullText::open(&dir).unwrap();
        (dir, ft)
    }

    /// The segment's largest data file (not its `meta`).
    fn biggest(dir: &Path, ft: &FullText) -> std::path::PathBuf {
        let folder = segment::folder(dir, ft.segments[0].number);
        let path = (std::fs::read_dir(folder).unwrap())
            .map(|e| e.unwrap().path())
            .filter(|p| !p.ends_with("meta"))
            .max_by_key(|p| std::fs::metadata(p).unwrap().len())
            .unwrap();
        assert!(std::fs::metadata(&path).unwrap().len() > 8192, "{path:?}");
        path
    }

    #[test]
    fn an_update_records_the_segments_it_wrote_without_reading_them() {
        let home = tempfile::tempdir().unwrap();
        let (dir, ft) = indexed(home.path());
        assert_eq!(ft.segments.len(), 1);
        let listed = std::fs::read_to_string(dir.join(LIST)).unwrap();
        assert_eq!(listed, format!("{}\n", ft.segments[0].number));
    }

    #[test]
    fn a_segment_is_checked_in_full_once_then_by_its_ends() {
        let home = tempfile::tempdir().unwrap();
        let (dir, ft) = indexed(home.path());
        assert!(intact(&ft));
        // A flipped byte at the start of a verified file keeps its length and its end: not
        // read again. In a segment not yet verified, it is found.
        let path = biggest(&dir, &ft);
        let mut bytes = std::fs::read(&path).unwrap();
        bytes[0] ^= 0xff;
        std::fs::write(&path, bytes).unwrap();
        let ft = FullText::open(&dir).unwrap();
        assert!(intact(&ft), "verified once, trusted by its ends");
        std::fs::remove_file(dir.join(LIST)).unwrap();
        assert!(!intact(&ft), "not verified: its checksums are read");
    }

    #[test]
    fn a_file_cut_short_overwritten_or_missing_fails_at_open() {
        let home = tempfile::tempdir().unwrap();
        let (dir, ft) = indexed(home.path());
        let path = biggest(&dir, &ft);
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, vec![0x5a; bytes.len()]).unwrap();
        assert!(FullText::open(&dir).is_err(), "overwritten, same size");
        std::fs::write(&path, &bytes[..bytes.len() - 1]).unwrap();
        assert!(FullText::open(&dir).is_err(), "cut short");
        std::fs::remove_file(&path).unwrap();
        assert!(FullText::open(&dir).is_err(), "missing");
        std::fs::write(&path, &bytes).unwrap();
        assert!(FullText::open(&dir).is_ok(), "whole again");
    }
}
