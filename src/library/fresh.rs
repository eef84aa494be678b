//! The cache entries of the files a load reads, packed: every path and record one after the
//! other in one buffer, a small span per entry.
//!
//! Why: an entry held as its own path and record allocations, made on the reading workers
//! among the articles' own strings and freed together when the cache is written, left the
//! heap full of holes the allocator could not give back: a first start at a million
//! articles stayed at 966 MB resident after its load, against about 430 MB for a warm start
//! of the same library. Packed, a batch's entries are one buffer (freed as soon as the
//! loading thread has copied them), and a load's are one large buffer, which goes back to
//! the system whole when the cache is written.

use super::Article;
use super::cache::{self, Stamp};
use std::borrow::Cow;

/// Where one entry's bytes are in the buffer: its path, then its record.
#[derive(Debug, Clone, Copy)]
struct Span {
    at: usize,
    path_len: u32,
    record_len: u32,
    stamp: Stamp,
}

/// Cache entries, packed.
#[derive(Debug, Default)]
pub(super) struct Fresh {
    bytes: Vec<u8>,
    spans: Vec<Span>,
}

impl Fresh {
    /// Adds the entry of `article`, read with `warnings` from a file with `stamp`.
    pub fn push(&mut self, article: &Article, warnings: &[String], stamp: Stamp) {
        let at = self.bytes.len();
        let path = article.path.as_os_str().as_encoded_bytes();
        self.bytes.extend_from_slice(path);
        cache::encode_record_into(article, warnings, &mut self.bytes);
        self.spans.push(Span {
            at,
            path_len: path.len() as u32,
            record_len: (self.bytes.len() - at - path.len()) as u32,
            stamp,
        });
    }

    /// Moves `other`'s entries to the end of these.
    pub fn append(&mut self, other: Fresh) {
        let base = self.bytes.len();
        self.bytes.extend_from_slice(&other.bytes);
        (self.spans).extend(other.spans.iter().map(|s| Span {
            at: base + s.at,
            ..*s
        }));
    }

    /// The entries, borrowing their bytes, for `cache::write` and `cache::write_merged`.
    pub fn entries(&self) -> Vec<cache::Entry<'_>> {
        (self.spans.iter())
            .map(|s| {
                let path_end = s.at + s.path_len as usize;
                let end = path_end + s.record_len as usize;
                cache::Entry {
                    path: Cow::Borrowed(&self.bytes[s.at..path_end]),
                    stamp: s.stamp,
                    record: Cow::Borrowed(&self.bytes[path_end..end]),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::cache::{decode_record, encode_record};

    fn article(i: usize) -> Article {
        let mut a = Article::new(format!("/lib/篇{i}.md"), format!("第{i}篇 title {i}"));
        a.author = Some(format!("作者 {}", i % 3).into());
        a
    }

    /// Entries pushed into batches and appended come back as the same paths, stamps and
    /// records `encode_record` makes, in order.
    #[test]
    fn packed_entries_read_back_as_written() {
        let stamp = |i: usize| Stamp {
            size: i as u64 * 7,
            mtime_ns: i as i64 * 1_000_003,
        };
        let mut all = Fresh::default();
        for batch in 0..3 {
            let mut fresh = Fresh::default();
            for i in batch * 4..batch * 4 + 4 {
                let warnings = vec![format!("warning {i}"); i % 2];
                fresh.push(&article(i), &warnings, stamp(i));
            }
            all.append(fresh);
        }
        let entries = all.entries();
        assert_eq!(entries.len(), 12);
        for (i, e) in entries.iter().enumerate() {
            let warnings = vec![format!("warning {i}"); i % 2];
            assert_eq!(&*e.path, format!("/lib/篇{i}.md").as_bytes());
            assert_eq!(e.stamp, stamp(i));
            assert_eq!(&*e.record, encode_record(&article(i), &warnings).as_slice());
            let (back, back_warnings) = decode_record(&e.record).unwrap();
            assert_eq!(back.title.as_ref(), format!("第{i}篇 title {i}"));
            assert_eq!(back_warnings, warnings);
        }
    }
}
