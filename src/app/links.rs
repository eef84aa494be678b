//! The link chooser: every link and image of the open article, by number. Choosing one asks
//! the event loop to open or copy it; only http, https and mailto URLs are let through —
//! anything else is shown but refused.

use super::action::Action;
use super::state::{AppState, Focus, LinkChooser, Overlay};
use super::update::Effect;

/// One row of the chooser: its label (`3`, `i2`) and URL.
pub fn entries(state: &AppState) -> Vec<(String, String)> {
    let Some((_, r)) = state.reader.as_ref().and_then(|r| r.rendered.as_ref()) else {
        return Vec::new();
    };
    let links = r
        .links
        .iter()
        .enumerate()
        .map(|(i, u)| ((i + 1).to_string(), u.clone()));
    let images = r
        .images
        .iter()
        .enumerate()
        .map(|(i, u)| (format!("i{}", i + 1), u.clone()));
    links.chain(images).collect()
}

pub fn open_chooser(state: &mut AppState, copy: bool) {
    if state.focus != Focus::Reader || state.reader.is_none() {
        state.message = Some("open an article first".into());
        return;
    }
    if entries(state).is_empty() {
        state.message = Some("this article has no links or images".into());
        return;
    }
    state.overlay = Some(Overlay::Links(LinkChooser {
        copy,
        ..LinkChooser::default()
    }));
}

/// Typing in the chooser: digits and `i` build a number; Backspace takes one back.
pub fn on_char(chooser: &mut LinkChooser, c: char) -> bool {
    if c.is_ascii_digit() || (c == 'i' && chooser.typed.is_empty()) {
        chooser.typed.push(c);
        true
    } else {
        false
    }
}

pub fn on_action(state: &mut AppState, action: Action) -> Effect {
    let count = entries(state).len();
    let Some(Overlay::Links(chooser)) = &mut state.overlay else {
        return Effect::None;
    };
    match action {
        Action::Down => chooser.selected = (chooser.selected + 1).min(count.saturating_sub(1)),
        Action::Up => chooser.selected = chooser.selected.saturating_sub(1),
        Action::Top => chooser.selected = 0,
        Action::Bottom => chooser.selected = count.saturating_sub(1),
        Action::Open | Action::Confirm => return choose(state),
        _ => {}
    }
    Effect::None
}

/// Enter: the typed number if any, else the highlighted row.
pub fn choose(state: &mut AppState) -> Effect {
    let all = entries(state);
    let Some(Overlay::Links(chooser)) = state.overlay.take() else {
        return Effect::None;
    };
    let picked = if chooser.typed.is_empty() {
        all.get(chooser.selected)
    } else {
        all.iter().find(|(label, _)| *label == chooser.typed)
    };
    let Some((label, url)) = picked.cloned() else {
        state.message = Some(format!("no link {}", chooser.typed));
        return Effect::None;
    };
    if chooser.copy {
        state.message = Some(format!("copied [{label}] to the clipboard"));
        return Effect::CopyUrl(url);
    }
    if !is_openable(&url) {
        state.message = Some(format!(
            "not opened: only http, https and mailto links are ({url})"
        ));
        return Effect::None;
    }
    state.message = Some(format!("opening [{label}] {url}"));
    Effect::OpenUrl(url)
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
