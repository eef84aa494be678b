//! The link chooser's decision: the chosen link opened or copied. Only http, https and mailto
//! URLs are let through to the system — anything else is shown but refused.

use super::msg::Effect;
use super::overlay::LinkChooser;

/// What choosing in `chooser` among `entries` (label, URL) does, and what the status bar
/// says about it.
pub fn choice(chooser: &LinkChooser, entries: &[(String, String)]) -> (Option<Effect>, String) {
    let Some((label, url)) = chooser.pick(entries).cloned() else {
        return (None, format!("no link {}", chooser.line().text()));
    };
    if chooser.copy() {
        return (
            Some(Effect::CopyUrl(url)),
            format!("copied [{label}] to the clipboard"),
        );
    }
    if !is_openable(&url) {
        return (
            None,
            format!("not opened: only http, https and mailto links are ({url})"),
        );
    }
    let message = format!("opening [{label}] {url}");
    (Some(Effect::OpenUrl(url)), message)
}

/// Only these schemes are handed to the system: a `file:` or `javascript:` link from a feed
/// must never run anything.
pub fn is_openable(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s))
}

#[cfg(test)]
mod tests {
    use super::is_openable;

    #[test]
    fn only_web_and_mail_links_open() {
        assert!(is_openable("https://example.org/a"));
        assert!(is_openable("HTTP://EXAMPLE.ORG"));
        assert!(is_openable("mailto:a@example.org"));
        assert!(!is_openable("file:///etc/passwd"));
        assert!(!is_openable("javascript:alert(1)"));
        assert!(!is_openable("/relative/path"));
    }
}
