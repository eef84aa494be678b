//! The help page's text, laid out: every binding under its context, the focused pane's
//! first (the keys wanted most when `?` is pressed), keys in one column and descriptions in
//! another, each wrapping inside its own column. It lives next to the keymap rather than in
//! the UI because scrolling needs its length: `update` keeps the scroll within the page, so
//! `G` lands on the last line and `k` moves from there at once.

use super::{Context, Keymap};
use crate::app::Focus;

/// The widest the help window gets; narrower screens get a narrower window.
pub const WINDOW_WIDTH: u16 = 64;

/// One display line of the help page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    /// A context's title.
    Heading(&'static str),
    /// A line of the keys column (blank on a description's continuation lines) and a line
    /// of the description column.
    Row { keys: String, text: String },
}

impl From<Focus> for Context {
    fn from(focus: Focus) -> Context {
        match focus {
            Focus::Tree => Context::Tree,
            Focus::List => Context::List,
            Focus::Reader => Context::Reader,
        }
    }
}

/// The help window's size (border included) on a screen of `screen` columns × rows.
pub fn window_size(screen: (u16, u16)) -> (u16, u16) {
    (
        WINDOW_WIDTH.min(screen.0),
        screen.1.saturating_sub(2).max(3).min(screen.1),
    )
}

/// How many lines of the page the window shows at once on a screen of this size.
pub fn rows_shown(screen: (u16, u16)) -> usize {
    usize::from(window_size(screen).1.saturating_sub(2)).max(1)
}

/// The width of the keys column for a window `inner` columns wide: narrow windows give the
/// descriptions more room.
pub fn key_columns(inner: usize) -> usize {
    if inner < 50 { 10 } else { 18 }
}

/// The contexts in the order the page lists them: the focused pane, then the keys that work
/// everywhere, then the other panes.
fn order(focused: Context) -> Vec<Context> {
    let mut out = vec![focused];
    for c in [
        Context::Global,
        Context::List,
        Context::Tree,
        Context::Dates,
        Context::Reader,
    ] {
        if c != focused {
            out.push(c);
        }
    }
    out
}

/// The page laid out for a window `inner` columns wide (inside its border).
pub fn lines(keymap: &Keymap, focused: Context, inner: usize) -> Vec<HelpLine> {
    // Each row starts with two spaces and has one between the columns.
    let key_cols = key_columns(inner);
    let text_cols = inner.saturating_sub(key_cols + 3).max(1);
    let mut out = Vec::new();
    for ctx in order(focused) {
        let rows = keymap.help_rows(ctx);
        if rows.is_empty() {
            continue;
        }
        out.push(HelpLine::Heading(ctx.title()));
        for (keys, description) in rows {
            let keys = wrap_keys(&keys, key_cols);
            let text: Vec<String> = crate::text::wrap(description, Default::default(), text_cols)
                .iter()
                .map(|l| l.text())
                .collect();
            for i in 0..keys.len().max(text.len()) {
                out.push(HelpLine::Row {
                    keys: keys.get(i).cloned().unwrap_or_default(),
                    text: text.get(i).cloned().unwrap_or_default(),
                });
            }
        }
    }
    out
}

/// The furthest the page scrolls on a screen of this size: its last line at the bottom.
pub fn max_scroll(keymap: &Keymap, focused: Context, screen: (u16, u16)) -> usize {
    let inner = usize::from(window_size(screen).0.saturating_sub(2));
    lines(keymap, focused, inner)
        .len()
        .saturating_sub(rows_shown(screen))
}

/// `j, down, pgdn` broken between keys into lines of at most `cols` columns (a single key
/// longer than that gets a line of its own and is cut when drawn).
fn wrap_keys(keys: &str, cols: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let items: Vec<&str> = keys.split(", ").collect();
    let last = items.len().saturating_sub(1);
    for (i, item) in items.into_iter().enumerate() {
        let piece = if i < last {
            format!("{item},")
        } else {
            item.to_string()
        };
        match out.last_mut() {
            Some(line)
                if crate::columns::width(line) + 1 + crate::columns::width(&piece) <= cols =>
            {
                line.push(' ');
                line.push_str(&piece);
            }
            _ => out.push(piece),
        }
    }
    out
}
