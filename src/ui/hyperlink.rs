//! OSC 8 hyperlinks: the reader's http, https and mailto links made clickable in terminals
//! that support them, the numbered form (`text[1]` and the list) staying as it is.
//!
//! Each cell of a link's text carries its own complete sequence — open, the cell's symbol,
//! close — with the same `id=` across the link, so a terminal underlines and opens the whole
//! link as one, and no cell depends on another being redrawn. The cell's width is forced to
//! that of its symbol (`CellDiffOption::ForcedWidth`): ratatui would otherwise count the
//! escape bytes as columns.
//!
//! What goes inside the sequence is decided here and nowhere else: the URL must be one the
//! reader would open (http, https, mailto), is cut to printable ASCII (anything else
//! percent-encoded; no ESC, BEL or other control can pass), and the parameters are ours.

use crate::text::Line;
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use std::num::NonZeroU16;
use unicode_width::UnicodeWidthStr;

/// Whether to emit OSC 8 (`hyperlinks` in the configuration).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Hyperlinks {
    /// On in terminals known to support them, off elsewhere (see [`Hyperlinks::resolve`]).
    #[default]
    Auto,
    On,
    Off,
}

/// Longer URLs are left unlinked: terminals drop or truncate them (2083 is a common limit),
/// and the cleaning gate stops reading an escape string at 2048 bytes.
const MAX_URL: usize = 2000;

impl Hyperlinks {
    pub const NAMES: &'static [&'static str] = &["auto", "on", "off"];

    pub fn from_name(name: &str) -> Option<Hyperlinks> {
        match name {
            "auto" => Some(Hyperlinks::Auto),
            "on" => Some(Hyperlinks::On),
            "off" => Some(Hyperlinks::Off),
            _ => None,
        }
    }

    /// `Auto` decided from the environment (`var` looks a variable up), `On` and `Off` as
    /// they are. A terminal cannot be asked whether it understands OSC 8, and one that does
    /// not may print the URL as text; so `auto` is on only where the terminal says who it is
    /// and that one is known to support them, and off inside tmux or screen (they pass OSC 8
    /// on only when configured to, which cannot be seen from here): `on` is for those.
    pub fn resolve(self, var: impl Fn(&str) -> Option<String>) -> Hyperlinks {
        if self != Hyperlinks::Auto {
            return self;
        }
        let set = |k: &str| var(k).is_some_and(|v| !v.is_empty());
        let term = var("TERM").unwrap_or_default();
        if set("TMUX") || set("STY") || term.starts_with("screen") || term.starts_with("tmux") {
            return Hyperlinks::Off;
        }
        let program = var("TERM_PROGRAM").unwrap_or_default();
        let vte = var("VTE_VERSION")
            .and_then(|v| v.trim().parse::<u32>().ok())
            .unwrap_or(0);
        let known = set("KITTY_WINDOW_ID")
            || set("WEZTERM_EXECUTABLE")
            || set("WT_SESSION")
            || set("GHOSTTY_RESOURCES_DIR")
            // VTE 0.50 (GNOME Terminal, Tilix, …) was the first with OSC 8.
            || vte >= 5000
            || ["iTerm.app", "WezTerm", "vscode", "ghostty", "Tabby", "rio"]
                .contains(&program.as_str())
            || ["xterm-kitty", "xterm-ghostty", "alacritty", "foot", "foot-extra"]
                .contains(&term.as_str());
        if known {
            Hyperlinks::On
        } else {
            Hyperlinks::Off
        }
    }
}

/// The URL as it may stand in an OSC 8 sequence, or `None` when it must not be linked: not
/// http, https or mailto, or too long. Bytes outside printable ASCII are percent-encoded,
/// which keeps the URL's meaning (non-ASCII paths and hosts are sent encoded anyway).
pub fn safe_url(url: &str) -> Option<String> {
    if !crate::app::links::is_openable(url) {
        return None;
    }
    let mut out = String::with_capacity(url.len());
    for b in url.trim().bytes() {
        match b {
            0x21..=0x7e => out.push(char::from(b)),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    (out.len() <= MAX_URL).then_some(out)
}

/// Wraps every cell of the link spans among `lines` (drawn from the top left of `area`, one
/// per row, as the reader draws them) in its own OSC 8 sequence. `links` are the article's
/// URLs (span `link: Some(n)` is `links[n - 1]`); `article` makes the ids differ between
/// articles, so a terminal never joins two articles' links.
pub fn mark(buf: &mut Buffer, area: Rect, lines: &[Line], links: &[String], article: usize) {
    let area = area.intersection(buf.area);
    for (row, line) in lines.iter().enumerate().take(usize::from(area.height)) {
        let y = area.y + row as u16;
        let mut x = usize::from(area.x);
        for span in &line.spans {
            let width = span.text.width();
            let url = span
                .style
                .link
                .and_then(|n| links.get(n as usize - 1).map(|u| (n, u)))
                .and_then(|(n, u)| Some((n, safe_url(u)?)));
            if let Some((n, url)) = url {
                let end = (x + width).min(usize::from(area.right()));
                wrap_cells(buf, y, x..end, &format!("id=gazette-{article}-{n}"), &url);
            }
            x += width;
            if x >= usize::from(area.right()) {
                break;
            }
        }
    }
}

/// Gives each cell in `columns` of row `y` that starts a character its own
/// `OSC 8 ; params ; url ST` symbol `OSC 8 ; ; ST` with its width forced to the character's.
fn wrap_cells(buf: &mut Buffer, y: u16, columns: std::ops::Range<usize>, params: &str, url: &str) {
    let mut x = columns.start;
    while x < columns.end {
        let Some(cell) = buf.cell_mut((x as u16, y)) else {
            return;
        };
        let symbol = cell.symbol().to_string();
        let width = symbol.width();
        let Some(forced) = NonZeroU16::new(width as u16) else {
            x += 1;
            continue;
        };
        cell.set_symbol(&format!(
            "\x1b]8;{params};{url}\x1b\\{symbol}\x1b]8;;\x1b\\"
        ))
        .set_diff_option(CellDiffOption::ForcedWidth(forced));
        x += width;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_links_and_only_printable_ascii() {
        assert_eq!(
            safe_url("https://example.org/a;b?c=d").as_deref(),
            Some("https://example.org/a;b?c=d")
        );
        assert_eq!(
            safe_url("https://例子.org/路").as_deref(),
            Some("https://%E4%BE%8B%E5%AD%90.org/%E8%B7%AF")
        );
        assert_eq!(
            safe_url("https://x.org/\u{1b}]8;;evil\u{7}").as_deref(),
            Some("https://x.org/%1B]8;;evil%07")
        );
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url("file:///etc/passwd"), None);
        assert_eq!(
            safe_url(&format!("https://x.org/{}", "a".repeat(3000))),
            None
        );
    }

    #[test]
    fn auto_is_on_only_for_known_terminals_outside_multiplexers() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(name, _)| *name == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        let auto = Hyperlinks::Auto;
        assert_eq!(auto.resolve(env(&[])), Hyperlinks::Off);
        assert_eq!(
            auto.resolve(env(&[("TERM", "xterm-256color")])),
            Hyperlinks::Off
        );
        assert_eq!(
            auto.resolve(env(&[("KITTY_WINDOW_ID", "1")])),
            Hyperlinks::On
        );
        assert_eq!(
            auto.resolve(env(&[("VTE_VERSION", "7600")])),
            Hyperlinks::On
        );
        assert_eq!(
            auto.resolve(env(&[("VTE_VERSION", "4205")])),
            Hyperlinks::Off
        );
        assert_eq!(
            auto.resolve(env(&[
                ("TERM_PROGRAM", "iTerm.app"),
                ("TMUX", "/tmp/t,1,0")
            ])),
            Hyperlinks::Off
        );
        assert_eq!(
            Hyperlinks::On.resolve(env(&[("TMUX", "/tmp/t,1,0")])),
            Hyperlinks::On
        );
        assert_eq!(
            Hyperlinks::Off.resolve(env(&[("KITTY_WINDOW_ID", "1")])),
            Hyperlinks::Off
        );
    }
}
