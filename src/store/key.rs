//! The stable key of an article in the state file.
//!
//! The key must not change when the library folder is moved or renamed, nor between Rust
//! versions, so it is a hand-written 64-bit FNV-1a (std's `DefaultHasher` is not stable) over
//! the article's own metadata:
//!
//! `title` + `\0` + date as RFC 3339 (`DateTime::to_rfc3339`, e.g. `2024-03-01T08:00:00+00:00`,
//! empty when there is no date) + `\0` + [`Article::source`].
//!
//! **Fallback**: an article with neither a date nor a source is too weakly identified by its
//! title alone (many files would be called "index" or share a heading), so its key is the hash
//! of `path:` + its path *relative to the library root*. `Article::path` is absolute and the
//! article does not know its root, so the last two path components stand in for it (the folder
//! the file is in, and its name), joined by `/` whatever the platform. Moving the library keeps
//! such keys; renaming the file or its own folder does not.
//!
//! Two articles with the same title, date and source share a key (and so their reading state):
//! they are taken to be the same article saved twice.

use crate::hash::fnv1a64;
use crate::library::Article;
use std::path::{Component, Path};

/// The article's key in the state file: 16 lowercase hex digits. See the module docs.
pub fn article_key(a: &Article) -> String {
    key_text(key_hash(a)).to_string()
}

/// The number [`article_key`] writes in hex: what the reader keeps per article (8 bytes
/// where the text took 40), turned into text by [`key_text`] when the store is asked.
pub fn key_hash(a: &Article) -> u64 {
    let source = a.source();
    let text = if a.date.is_none() && source.is_empty() {
        format!("path:{}", last_two_components(&a.path))
    } else {
        let date = a.date.map(|d| d.to_rfc3339()).unwrap_or_default();
        format!("{}\0{date}\0{source}", a.title)
    };
    fnv1a64(text.as_bytes())
}

/// A key's text, made on the stack: the same 16 lowercase hex digits as [`article_key`].
pub fn key_text(hash: u64) -> KeyText {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut digits = [0u8; 16];
    for (i, d) in digits.iter_mut().enumerate() {
        *d = HEX[(hash >> (60 - 4 * i) & 0xf) as usize];
    }
    KeyText(digits)
}

/// An article key as text (see [`key_text`]); reads as a `&str`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct KeyText([u8; 16]);

impl std::ops::Deref for KeyText {
    type Target = str;

    fn deref(&self) -> &str {
        std::str::from_utf8(&self.0).expect("hex digits are ASCII")
    }
}

impl AsRef<str> for KeyText {
    fn as_ref(&self) -> &str {
        self
    }
}

impl std::fmt::Display for KeyText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

impl std::fmt::Debug for KeyText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", &**self)
    }
}

/// The last two normal components of `path`, joined by `/` (fewer if the path is shorter).
fn last_two_components(path: &Path) -> String {
    let mut parts: Vec<_> = path
        .components()
        .rev()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy()),
            _ => None,
        })
        .take(2)
        .collect();
    parts.reverse();
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn article() -> Article {
        Article {
            categories: ["Tech", "LWN"].into(),
            date: Some(Utc.with_ymd_and_hms(2024, 3, 1, 8, 0, 0).unwrap()),
            ..Article::new("/home/u/news/2024/a.html", "Rust 2024 is out")
        }
    }

    #[test]
    fn key_is_stable() {
        // A change here means every user's saved state is orphaned: don't.
        let a = article();
        assert_eq!(
            fnv1a64("Rust 2024 is out\x002024-03-01T08:00:00+00:00\x00LWN".as_bytes()),
            u64::from_str_radix(&article_key(&a), 16).unwrap()
        );
        assert_eq!(article_key(&a), "4a5bde6ebcbf6a1d");
        assert_eq!(article_key(&a).len(), 16);
    }

    #[test]
    fn key_text_is_the_format_written_before_it() {
        // What `article_key` wrote when it formatted the hash itself: the state file's keys.
        let old = |a: &Article| format!("{:016x}", key_hash(a));
        let mut undated = article();
        undated.date = None;
        let bare = Article::new("/lib/2024/x.md", "x");
        for a in [article(), undated, bare, Article::new("a.md", "标题")] {
            assert_eq!(&*key_text(key_hash(&a)), old(&a));
            assert_eq!(article_key(&a), old(&a));
        }
        for n in [0, 1, 0xf, 0x10, u64::MAX, 0x0123_4567_89ab_cdef] {
            assert_eq!(&*key_text(n), format!("{n:016x}"));
        }
    }

    #[test]
    fn key_differs_by_title_date_and_source() {
        let base = article_key(&article());
        let mut a = article();
        a.title = format!("{}!", a.title).into();
        assert_ne!(article_key(&a), base);
        let mut a = article();
        a.date = Some(Utc.with_ymd_and_hms(2024, 3, 1, 8, 0, 1).unwrap());
        assert_ne!(article_key(&a), base);
        let mut a = article();
        a.date = None;
        assert_ne!(article_key(&a), base);
        let mut a = article();
        a.categories = ["Tech", "HN"].into();
        assert_ne!(article_key(&a), base);
    }

    #[test]
    fn key_ignores_where_the_library_is() {
        let base = article_key(&article());
        let mut a = article();
        a.path = Path::new("/mnt/backup/old-news/2024/a.html").into();
        assert_eq!(article_key(&a), base);
    }

    #[test]
    fn undated_sourceless_article_is_keyed_by_its_last_two_path_components() {
        let mut a = article();
        a.date = None;
        a.categories = Default::default();
        let k = article_key(&a);
        assert_eq!(k, format!("{:016x}", fnv1a64(b"path:2024/a.html")));
        // The same file under another root keeps its key; another file does not.
        a.path = Path::new("/elsewhere/2024/a.html").into();
        assert_eq!(article_key(&a), k);
        a.path = Path::new("/elsewhere/2024/b.html").into();
        assert_ne!(article_key(&a), k);
        // The title is not part of the fallback: the path alone identifies it.
        a.path = Path::new("/x/2024/a.html").into();
        a.title = "other".into();
        assert_eq!(article_key(&a), k);
        assert_eq!(last_two_components(Path::new("a.html")), "a.html");
        assert_eq!(
            last_two_components(Path::new("<sample>/x.md")),
            "<sample>/x.md"
        );
    }
}
