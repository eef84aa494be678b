//! Bytes of a file → clean text. The single entry point for file content (see `sanitize`).

use crate::sanitize;
use std::borrow::Cow;

/// Decoded text, and a warning when the bytes were not plain UTF-8. The text borrows the bytes
/// when they were clean UTF-8 already (nearly always): the loader decodes the start of every
/// file, and a copy of it was one more allocation per file.
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub warning: Option<String>,
}

/// Why bytes cannot be an article at all.
#[derive(Debug, PartialEq, Eq)]
pub struct NotText(pub String);

/// How far from the start of a file [`reject_binary`] looks for NUL bytes.
pub const BINARY_PROBE: usize = 8192;

/// Decodes UTF-8 (a BOM is dropped); bytes that are not UTF-8 are tried as GB18030 (archives
/// made on Windows in China), else decoded lossily with a warning. Files with NUL bytes in
/// their first 8 KiB are binary, not articles. The result is cleaned of control characters
/// and has `\n` line endings.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, NotText> {
    reject_binary(bytes)?;
    Ok(decode_lines(bytes, true))
}

/// The binary test of [`decode`], on the first [`BINARY_PROBE`] bytes of `start` (which must
/// hold that many, or the whole file).
pub fn reject_binary(start: &[u8]) -> Result<(), NotText> {
    if is_binary(start) {
        return Err(NotText(
            "binary file (contains NUL bytes), not an article".into(),
        ));
    }
    Ok(())
}

/// True when the first [`BINARY_PROBE`] bytes of `start` hold a NUL: the one test of a binary
/// file, for loading (`reject_binary`) and the full-text scan alike.
pub fn is_binary(start: &[u8]) -> bool {
    // The memchr crate's vectorized search: `<[u8]>::contains` goes a word at a time, and
    // this runs over the first 8 KiB of every file a cold load reads.
    memchr::memchr(0, &start[..start.len().min(BINARY_PROBE)]).is_some()
}

/// [`decode`] without the binary test, for the start of a file: unless `whole`, `bytes` is
/// cut after its last `\n`, and only the lines before are decoded, cleaned and returned (no
/// line is cut, so the loader can find a closing fence in them). The encoding is decided on
/// those lines alone: the loader reads only as far as the metadata needs, and the bytes of the
/// body past that are never looked at.
///
/// The text is the start of what [`decode`] gives for the whole file whenever the lines
/// decode the same way (always, for a UTF-8 file): a `\n` is a whole character in UTF-8 and
/// GB18030 alike, and no escape sequence [`sanitize::clean`] removes runs past one.
pub fn decode_lines(bytes: &[u8], whole: bool) -> Decoded<'_> {
    let bytes = if whole {
        bytes
    } else {
        memchr::memrchr(b'\n', bytes).map_or(&[][..], |i| &bytes[..=i])
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // simdutf8's check (same answer as std's): on Chinese text std's was a tenth of the
    // full-text index's extraction, and every cold load decodes every file's start too.
    let (text, warning): (Cow<str>, _) = match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), None),
        Err(_) => match encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(bytes)
        {
            Some(s) => (s, Some("not UTF-8; decoded as GB18030".to_string())),
            None => (
                String::from_utf8_lossy(bytes),
                Some("neither UTF-8 nor GB18030; undecodable bytes replaced with �".to_string()),
            ),
        },
    };
    let text = match text {
        Cow::Borrowed(s) => sanitize::clean(s),
        Cow::Owned(s) => Cow::Owned(match sanitize::clean(&s) {
            Cow::Borrowed(_) => s,
            Cow::Owned(cleaned) => cleaned,
        }),
    };
    Decoded { text, warning }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_and_crlf() {
        let d = decode("\u{feff}\r\n---\r\ntitle: 标题\r\n".as_bytes()).unwrap();
        assert_eq!(d.text, "\n---\ntitle: 标题\n");
        assert!(d.warning.is_none());
    }

    #[test]
    fn gb18030_is_decoded_with_a_warning() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("标题：新闻");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "标题：新闻");
        assert_eq!(d.warning.as_deref(), Some("not UTF-8; decoded as GB18030"));
    }

    #[test]
    fn lines_stop_at_the_last_line_end() {
        let d = decode_lines("\u{feff}标题\r\n第二行\r".as_bytes(), false);
        assert_eq!((d.text.as_ref(), d.warning), ("标题\n", None));
        assert_eq!(decode_lines(b"no line end", false).text, "");
        assert_eq!(decode_lines(b"no line end", true).text, "no line end");
        // GB18030 is decided on the lines alone: the cut character after them is not looked at.
        let (bytes, _, _) = encoding_rs::GB18030.encode("国标\n编码");
        let d = decode_lines(&bytes[..bytes.len() - 1], false);
        assert_eq!(d.text, "国标\n");
        assert_eq!(d.warning.as_deref(), Some("not UTF-8; decoded as GB18030"));
    }

    proptest::proptest! {
        /// The loader decodes the start of a file and the reader the whole: the first must be
        /// the start of the second, whatever escapes, controls and line ends the text holds,
        /// and the rest of the lines must decode the same on their own (nothing is carried
        /// over a line end).
        #[test]
        fn lines_are_the_start_of_the_whole(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "a", "中", "\n", "\r", "\r\n", "\x1b", "[", "]", "31m", "\x07", "\x1b\\",
                "\u{9b}", "\u{9d}", "\u{2028}", "\u{feff}", "\u{202e}", "\t", " ", "P", "(",
            ]), 0..40),
            cut in 0usize..200,
        ) {
            let text: String = pieces.concat();
            let bytes = text.as_bytes();
            let whole = decode(bytes).unwrap().text;
            let cut = cut.min(bytes.len());
            let start = decode_lines(&bytes[..cut], false).text;
            let lines_end = memchr::memrchr(b'\n', &bytes[..cut]).map_or(0, |i| i + 1);
            let rest = decode(&bytes[lines_end..]).unwrap().text;
            proptest::prop_assert_eq!(whole, start + rest.as_ref());
        }
    }

    #[test]
    fn binary_is_rejected_and_controls_removed() {
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0\0").is_err());
        let d = decode(b"a\x1b]0;pwned\x07b\x7f").unwrap();
        // The whole OSC goes, not just its ESC and BEL.
        assert_eq!(d.text, "ab");
    }
}
