//! Bytes of a file → clean text. The single entry point for file content (see `sanitize`).

use crate::sanitize;
use std::borrow::Cow;

/// Decoded text, and a warning when the bytes were not plain UTF-8.
pub struct Decoded {
    pub text: String,
    pub warning: Option<String>,
}

/// Why bytes cannot be an article at all.
#[derive(Debug, PartialEq, Eq)]
pub struct NotText(pub String);

/// Decodes UTF-8 (a BOM is dropped); bytes that are not UTF-8 are tried as GB18030 (archives
/// made on Windows in China), else decoded lossily with a warning. Files with NUL bytes in
/// their first 8 KiB are binary, not articles. The result is cleaned of control characters
/// and has `\n` line endings.
pub fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    decode_prefix(bytes, usize::MAX).map(|(d, _)| d)
}

/// [`decode`], but only the first `max` bytes (cut at a character) are cleaned and returned;
/// the encoding is still decided on the whole file. The loader needs only the front matter:
/// cleaning every body in full would be most of the work of opening a large library. The
/// flag says whether the text is the whole file.
pub fn decode_prefix(bytes: &[u8], max: usize) -> Result<(Decoded, bool), NotText> {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err(NotText(
            "binary file (contains NUL bytes), not an article".into(),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (text, warning): (Cow<str>, _) = match std::str::from_utf8(bytes) {
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
    let mut cut = text.len().min(max);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let complete = cut == text.len();
    let text = sanitize::clean(&text[..cut]).into_owned();
    Ok((Decoded { text, warning }, complete))
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
    fn binary_is_rejected_and_controls_removed() {
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0\0").is_err());
        let d = decode(b"a\x1b]0;pwned\x07b\x7f").unwrap();
        // The whole OSC goes, not just its ESC and BEL.
        assert_eq!(d.text, "ab");
    }
}
