//! Reading and testing one candidate's body for the scan, as cheaply as exactness allows.
//!
//! Profiling the scan through `library::read_body` showed the time going to the reading
//! itself, not to matching: `read_limited` reads through `Take`, which hides the file size,
//! so a 5 KB file costs ten `read` calls; then the whole file is walked char by char by
//! `sanitize::clean` and copied twice. A rare term is in 1% of bodies, so most of that work
//! only confirms a miss.
//!
//! The fast path therefore reads the file into a reused buffer (two `read` calls), then:
//! 1. looks in the undecoded bytes for the places a term could start (`bytes_may_hold`: its
//!    first character in UTF-8 or GB18030, or an entity); most files stop here, not even
//!    checked for UTF-8;
//! 2. runs the pre-filter (`may_hold`) on the raw text of the whole file: it folds raw text
//!    like cleaned text, and the front matter only adds places to look;
//! 3. cleans the file and cuts it to its body, exactly as `decode` + `body_of` do for a UTF-8
//!    file (a test compares with `read_body`), and searches it exactly (`html::contains`).
//!
//! Anything unusual (not UTF-8, large, embedded, unreadable) goes through `read_body` itself.

use super::matcher::{Scratch, Stop};
use super::query::Query;
use super::query_eval::{Known, Verdict};
use super::scan::Candidate;
use crate::library::front_matter::body_of;
use crate::library::{Origin, read_body};
use crate::sanitize;
use std::fs::File;
use std::io::{ErrorKind, Read};
use std::path::Path;

/// Files larger than this take the `read_body` path (which applies the library's size limit).
const FAST_LIMIT: usize = 1 << 20;
/// The reused buffer's first size: larger than almost every article.
const START_SIZE: usize = 64 * 1024;

/// One worker's buffers.
#[derive(Debug, Default)]
pub(crate) struct BodyReader {
    buf: Vec<u8>,
    scratch: Scratch,
}

impl BodyReader {
    /// True when candidate `c` matches `query` once the terms its metadata lacks are looked
    /// for in its body. The file is read only when its keys and metadata leave the answer
    /// open, and only as far as needed to settle it. Unreadable files hold nothing.
    pub fn accepts(&mut self, origin: Origin, c: &Candidate, query: &Query) -> bool {
        let needed = query.all_terms() & !c.in_meta;
        let found = if query.settled(c, 0, needed) {
            // Any choice for the open terms gives the same answer.
            needed
        } else {
            self.found(origin, &c.path, query, needed, &|kept, open| {
                query.settled(c, kept, open)
            })
        };
        query.verdict(Known {
            keys: c.keys,
            found: c.in_meta | found,
            unknown: 0,
        }) == Verdict::Yes
    }

    /// True when the body of the file at `path` holds every term in `needed`.
    #[cfg(test)]
    pub fn holds(&mut self, origin: Origin, path: &Path, query: &Query, needed: u64) -> bool {
        needed == 0
            || self.found(origin, path, query, needed, &|kept, open| {
                kept | open != needed
            }) == needed
    }

    /// The terms of `needed` the body of the file at `path` holds; `settled(present, open)`
    /// says when the rest cannot change the answer (the open terms are then returned as if
    /// present). The pre-filters only rule terms out, so while they run no term is present
    /// for certain.
    fn found(
        &mut self,
        origin: Origin,
        path: &Path,
        query: &Query,
        needed: u64,
        settled: Stop,
    ) -> u64 {
        let may_stop = |kept: u64, open: u64| settled(0, kept | open);
        let len = match origin {
            Origin::Disk => read_small(path, &mut self.buf).ok().flatten(),
            Origin::Embedded => None,
        };
        let Some(len) = len else {
            return self.slow(origin, path, query, needed, settled);
        };
        let bytes = &self.buf[..len];
        // Cleaning removes escape sequences whole and joins the text around them, which the
        // raw pre-filters cannot see: such (rare) files skip them.
        let prefilter = !sanitize::has_sequences(bytes);
        let mut needed = needed;
        if prefilter {
            needed = query.bytes_may_hold(bytes, needed, &may_stop);
            if needed == 0 || settled(0, needed) {
                return needed;
            }
        }
        if crate::library::is_binary(bytes) {
            return 0;
        }
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let Ok(text) = std::str::from_utf8(bytes) else {
            return self.slow(origin, path, query, needed, settled);
        };
        if prefilter {
            needed = query.may_hold(text, needed, &may_stop, &mut self.scratch);
            if needed == 0 || settled(0, needed) {
                return needed;
            }
        }
        let cleaned = sanitize::clean(text);
        query.body_found(body_of(&cleaned), needed, settled, &mut self.scratch)
    }

    fn slow(
        &mut self,
        origin: Origin,
        path: &Path,
        query: &Query,
        needed: u64,
        settled: Stop,
    ) -> u64 {
        read_body(origin, path).map_or(0, |body| {
            query.body_found(&body, needed, settled, &mut self.scratch)
        })
    }
}

/// Reads the file into `buf` (kept between calls); its length, or `None` when it is larger
/// than [`FAST_LIMIT`].
pub(crate) fn read_small(path: &Path, buf: &mut Vec<u8>) -> std::io::Result<Option<usize>> {
    let mut file = File::open(path)?;
    if buf.len() < START_SIZE {
        buf.resize(START_SIZE, 0);
    }
    let mut len = 0;
    loop {
        if len == buf.len() {
            if len > FAST_LIMIT {
                return Ok(None);
            }
            buf.resize(len * 2, 0);
        }
        match file.read(&mut buf[len..]) {
            Ok(0) => return Ok(Some(len)),
            Ok(n) => len += n,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    /// The fast path must agree with `read_body` + full matching, whatever the file holds.
    #[test]
    fn fast_path_agrees_with_read_body() {
        let dir = tempfile::tempdir().unwrap();
        let files: [(&str, &[u8]); 7] = [
            ("plain.html", b"\n---\ntitle: x\n---\n\n<p>Zanzibar</p>"),
            (
                "crlf.html",
                b"\r\n---\r\ntitle: x\r\n---\r\n\r\n<p>Zan\x0bzibar\r\nisland</p>",
            ),
            (
                "bom.html",
                b"\xEF\xBB\xBF---\ntitle: x\n---\nZAN\xE2\x80\x8Ezibar island",
            ),
            (
                "meta-only.html",
                b"---\ntitle: zanzibar island\n---\n<p>nothing</p>",
            ),
            ("binary.html", b"---\ntitle: x\n---\nzanzibar island\0"),
            ("gb.html", b"---\ntitle: x\n---\nzanzibar \xd5\xe2 island"),
            ("none.html", b"zanzibar\n\n<p>island</p>"),
        ];
        let (gb, _, _) = encoding_rs::GB18030.encode("---\ntitle: x\n---\n<p>托卡耶夫 island</p>");
        let (utf16, _, _) = encoding_rs::UTF_16LE.encode("托卡耶夫 island");
        let mut reader = BodyReader::default();
        for text in ["zanzibar \"island\"", "托卡耶夫 island", "island"] {
            let query = Query::parse_in(text, &Utc).unwrap();
            for (name, bytes) in files
                .iter()
                .chain([&("gb-2.html", &gb[..]), &("u16.html", &utf16[..])])
            {
                let path = dir.path().join(name);
                std::fs::write(&path, bytes).unwrap();
                let expected = read_body(Origin::Disk, &path).is_ok_and(|b| query.matches_body(&b));
                let fast = reader.holds(Origin::Disk, &path, &query, query.all_terms());
                assert_eq!(fast, expected, "{name} {text}");
            }
        }
        let query = Query::parse_in("zanzibar \"island\"", &Utc).unwrap();
        let missing = dir.path().join("missing.html");
        assert!(!reader.holds(Origin::Disk, &missing, &query, 1));
        let big = dir.path().join("big.html");
        let mut text = "<p>filler</p>\n".repeat(FAST_LIMIT / 10);
        text.push_str("zanzibar island");
        std::fs::write(&big, text).unwrap();
        assert!(reader.holds(Origin::Disk, &big, &query, query.all_terms()));
    }

    /// Stopping early (a settled verdict, a term ruled out by a pre-filter) never changes the
    /// answer: `accepts` agrees with reading the whole body and testing every term.
    #[test]
    fn accepts_agrees_with_the_full_test_for_exclusions_and_alternatives() {
        let dir = tempfile::tempdir().unwrap();
        let files: [(&str, &str); 5] = [
            (
                "a.html",
                "---\ntitle: Island ferry\n---\n<p>Zanzibar and Pemba</p>",
            ),
            (
                "b.html",
                "---\ntitle: Harbour\n---\n<p>pemba only, 托卡耶夫</p>",
            ),
            ("c.html", "---\ntitle: Zanzibar\n---\n<p>nothing else</p>"),
            ("d.html", "---\ntitle: Empty\n---\n<p></p>"),
            // Every term passes the raw pre-filters here but none is in the text.
            (
                "e.html",
                "---\ntitle: Links\n---\n<a href=\"zanzibar\">x</a><img alt=\"pemba 托卡耶夫\">",
            ),
        ];
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let library = crate::library::Library::load(&[dir.path().to_path_buf()]);
        let queries = [
            "zanzibar -pemba",
            "-zanzibar -托卡耶夫",
            "pemba OR 托卡耶夫 -ferry",
            "zanzibar OR harbour pemba",
            "-\"zanzibar and pemba\" OR island",
            "ferry OR -pemba 托卡耶夫 OR zanzibar",
        ];
        let mut reader = BodyReader::default();
        for text in queries {
            let query = Query::parse_in(text, &Utc).unwrap();
            for (id, a) in library.articles.iter().enumerate() {
                let body = read_body(Origin::Disk, &a.path).unwrap();
                let c = query.candidate(id, a);
                assert_eq!(
                    reader.accepts(Origin::Disk, &c, &query),
                    query.matches(a, &body),
                    "{text}: {}",
                    a.title
                );
            }
        }
    }
}
