//! The index's folder: where it is, its segments, and opening it — or, when it is damaged or
//! of another version, deleting and recreating it.

use super::grams::segment::{self, Segment};
use crate::library::cache::Stamp;
use std::path::{Path, PathBuf};

/// Written in the folder beside the segments. Change it whenever tokens, keys, the files'
/// layout or the body text change meaning: an index of another version is rebuilt, never
/// trusted.
const VERSION: &str = "gazette full-text index 3, grams 2\n";
const VERSION_FILE: &str = "gazette-version";

/// The index folder of the library made of `roots`: beside the metadata cache
/// (`library-HASH.bin` → `library-HASH.index/`). `None` when there is no cache folder.
pub fn dir_for(roots: &[PathBuf]) -> Option<PathBuf> {
    crate::library::cache::path_for(roots).map(|p| p.with_extension("index"))
}

/// A stamp as the index stores it.
pub(crate) fn stored_stamp(stamp: Stamp) -> (u64, i64) {
    (stamp.size, stamp.mtime_ns)
}

/// An open index: its segments, oldest first.
pub struct FullText {
    pub(crate) dir: PathBuf,
    pub(crate) segments: Vec<Segment>,
}

impl FullText {
    /// Opens the index in `dir` as it is, for searching: an error when it is missing, of
    /// another version or a segment cannot be opened (the caller then scans). Damage inside
    /// a file of the right length is found only by [`FullText::open_or_rebuild`]'s checks,
    /// which every update runs.
    pub fn open(dir: &Path) -> anyhow::Result<FullText> {
        let version = std::fs::read_to_string(dir.join(VERSION_FILE))?;
        anyhow::ensure!(version == VERSION, "index of another version");
        let mut numbers = Vec::new();
        for entry in std::fs::read_dir(dir)? {
            let name = entry?.file_name();
            if let Some(n) = name.to_str().and_then(segment::number_of) {
                numbers.push(n);
            }
        }
        numbers.sort_unstable();
        let segments = (numbers.into_iter())
            .map(|n| Segment::open(dir, n))
            .collect::<anyhow::Result<_>>()?;
        Ok(FullText {
            dir: dir.to_path_buf(),
            segments,
        })
    }

    /// Opens the index in `dir` for updating, checking its segments (`verified`: their
    /// files' lengths each time, their checksums once per segment); when anything is wrong
    /// (missing, damaged, another version), deletes the folder and starts an empty index.
    /// The flag says it was (re)created.
    pub fn open_or_rebuild(dir: &Path) -> anyhow::Result<(FullText, bool)> {
        if let Ok(ft) = FullText::open(dir)
            && super::verified::intact(&ft)
        {
            return Ok((ft, false));
        }
        if dir.exists() {
            std::fs::remove_dir_all(dir)?;
        }
        std::fs::create_dir_all(dir)?;
        crate::atomic_file::write_atomic(&dir.join(VERSION_FILE), VERSION.as_bytes())?;
        Ok((
            FullText {
                dir: dir.to_path_buf(),
                segments: Vec::new(),
            },
            true,
        ))
    }

    /// The number the next segment written gets.
    pub(crate) fn next_number(&self) -> u32 {
        self.segments.last().map_or(1, |s| s.number + 1)
    }

    /// Documents in every segment, alive or not.
    pub(crate) fn docs(&self) -> usize {
        self.segments.iter().map(|s| s.len as usize).sum()
    }
}
