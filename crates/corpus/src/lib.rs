//! A deterministic synthetic corpus for tests and benchmarks.
//!
//! Every article is shaped like the primary format described in `FORMAT.md` (the sample in
//! `seed/`): a blank first line, YAML front matter between `---` lines, a blank line, the HTML
//! body inside one `<div>`, then 12 spaces and no final newline.
//!
//! - File names: `NNNNNN_<16 hex>.txt` (the article number, zero-padded, and a hash), in a
//!   folder per thousand articles: `NNN/` (the number divided by [`FILES_PER_FOLDER`]), see
//!   [`folder_of`].
//! - `title`: single-quoted, or double-quoted when it contains `'` (some English titles do).
//! - `categories`: one of 30 three-level paths (3 groups × 5 sources × 2 channels, see
//!   [`category_paths`]); sources and channels are drawn with uneven weights (the busiest path
//!   is about 7 times as frequent as the quietest). The group `International` has English
//!   sources and English articles; the two Chinese groups hold the Chinese ones (about 2/3).
//! - `author` is the source name; `headimg` equals `thumbnail` (`https://example.com/img/…jpg`);
//!   `comments: false`; `date` is RFC 2822 in GMT with the correct weekday, uniformly spread
//!   over 2020-01-01 00:00:00 … 2022-12-31 23:59:59 ([`FIRST_TIMESTAMP`]..[`END_TIMESTAMP`]).
//! - Body: a lead `<img>`, 3–12 `<p>` paragraphs built from a vocabulary of a few hundred words
//!   and phrases (Chinese with `，。：“”` and the occasional Latin acronym, or English), 0–3
//!   captioned images, sometimes a link. Files are 2–8 KB ([`MIN_BYTES`]..=[`MAX_BYTES`]).
//!
//! # Marker words (for search benchmarks)
//!
//! About 1% of bodies (never titles) contain a rare marker exactly once: [`RARE_MARKER_ZH`]
//! (`托卡耶夫`) in Chinese articles, [`RARE_MARKER_EN`] (`Zanzibar`) in English ones. Neither word
//! occurs anywhere else in the corpus. [`rare_marker`] says, without generating the text,
//! which article holds which marker, so a benchmark can check its hit count.
//!
//! The same `(i, seed)` always gives the same article, independently of `n` and of the other
//! articles, so [`generate`] writes files in parallel and [`article_text`] builds in-memory
//! corpora for tests and benches.

mod body;
mod categories;
mod dates;
mod en;
mod rng;
mod zh;

#[cfg(test)]
mod tests;

use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use categories::{GROUPS, is_english, path_of, plan};

/// Rare marker word in ~1% of Chinese bodies (and in nothing else).
pub const RARE_MARKER_ZH: &str = "托卡耶夫";
/// Rare marker word in ~1% of English bodies (and in nothing else).
pub const RARE_MARKER_EN: &str = "Zanzibar";
/// 2020-01-01T00:00:00Z: the earliest possible article date.
pub const FIRST_TIMESTAMP: i64 = 1_577_836_800;
/// 2023-01-01T00:00:00Z: all article dates are strictly before this.
pub const END_TIMESTAMP: i64 = 1_672_531_200;
/// Smallest file size in bytes.
pub const MIN_BYTES: usize = 2048;
/// Largest file size in bytes.
pub const MAX_BYTES: usize = 8192;

/// Articles per folder in what [`generate`] writes. Archives keep their articles in many
/// folders; a million in one folder would make every tool (and the file system) slow to list
/// and walk it, so a benchmark would measure that instead of gazette. A thousand per folder
/// gives a million articles a thousand folders.
pub const FILES_PER_FOLDER: usize = 1000;

/// What [`generate`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stats {
    pub files: usize,
    pub bytes: u64,
}

/// Writes `n` articles into `dir` (created if missing), deterministic for a given seed.
///
/// Files are named as by [`article_text`], in the folders [`folder_of`] names; existing files
/// with other names are left alone. Each article is built, written and dropped on its own
/// (in parallel), so memory stays small however large `n` is.
pub fn generate(dir: &Path, n: usize, seed: u64) -> io::Result<Stats> {
    std::fs::create_dir_all(dir)?;
    for first in (0..n).step_by(FILES_PER_FOLDER) {
        std::fs::create_dir_all(dir.join(folder_of(first)))?;
    }
    let bytes = (0..n)
        .into_par_iter()
        .map(|i| {
            let (name, text) = article_text(i, seed);
            std::fs::write(dir.join(folder_of(i)).join(name), text.as_bytes())?;
            Ok::<u64, io::Error>(text.len() as u64)
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))?;
    Ok(Stats { files: n, bytes })
}

/// The folder, relative to the corpus root, that [`generate`] writes article `i` into:
/// `000` for the first [`FILES_PER_FOLDER`] articles, `001` for the next, and so on. It
/// depends on `i` alone, like the article, so a larger corpus holds a smaller one.
pub fn folder_of(i: usize) -> PathBuf {
    PathBuf::from(format!("{:03}", i / FILES_PER_FOLDER))
}

/// The text of article number `i` (no I/O) — so tests and benches can build in-memory corpora.
///
/// Returns `(file name, contents)`.
pub fn article_text(i: usize, seed: u64) -> (String, String) {
    body::article(i, seed)
}

/// Which rare marker article `i` holds, if any (cheap: does not generate the text).
pub fn rare_marker(i: usize, seed: u64) -> Option<&'static str> {
    let (_, cat, marker) = plan(i, seed);
    marker.then_some(if is_english(cat) {
        RARE_MARKER_EN
    } else {
        RARE_MARKER_ZH
    })
}

/// The 30 category paths `[group, source, channel]`, in a fixed order.
pub fn category_paths() -> Vec<[&'static str; 3]> {
    (0..GROUPS.len() * 10).map(path_of).collect()
}
