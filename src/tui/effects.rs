//! Effects that reach outside the reader: opening a URL with the system's opener and copying
//! one to the clipboard. Both run here, in the event loop, never in the pure state.

use std::io::Write;
use std::process::{Command, Stdio};

/// Opens `url` (already checked to be http, https or mailto) without blocking the reader:
/// `$BROWSER` when set (the first of its `:`-separated commands), else the system opener.
/// The outcome comes back through `report` as a status-bar message.
pub fn open_url(url: String, report: impl FnOnce(String) + Send + 'static) {
    std::thread::spawn(move || {
        let result = match std::env::var("BROWSER")
            .ok()
            .filter(|b| !b.trim().is_empty())
        {
            Some(browser) => {
                let first = browser.split(':').next().unwrap_or_default();
                let mut words = first.split_whitespace();
                match words.next() {
                    Some(program) => Command::new(program)
                        .args(words)
                        .arg(&url)
                        .stdin(Stdio::null())
                        .stdout(Stdio::null())
                        .stderr(Stdio::null())
                        .spawn()
                        .map(|_| ()),
                    None => Err(std::io::Error::other("$BROWSER is empty")),
                }
            }
            None => open::that_detached(&url),
        };
        report(match result {
            Ok(()) => format!("opened {url}"),
            Err(e) => format!("could not open {url}: {e}"),
        });
    });
}

/// Puts `text` on the clipboard with the OSC 52 escape sequence: the terminal does it, so it
/// works over ssh and in tmux (with `set-clipboard on`). The text is base64, so nothing in it
/// can act as a control sequence.
pub fn copy_osc52(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout();
    write!(out, "\u{1b}]52;c;{}\u{7}", base64(text.as_bytes()))?;
    out.flush()
}

/// Standard base64 with padding (RFC 4648).
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn base64_matches_rfc_4648() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64("链接".as_bytes()), "6ZO+5o6l");
    }
}
