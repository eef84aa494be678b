//! Drawing the reader: pure functions of `&AppState`, one file per pane or overlay. Only what
//! is on screen is built, so a list of 100,000 articles costs what a list of 40 does.

mod list;
mod overlays;
mod reader;
mod status;
pub mod theme;
mod tree;

use crate::app::state::Areas;
use crate::app::{AppState, Focus, Layout, Overlay};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Block, BorderType};
use theme::Theme;

/// Where each pane goes for this terminal size, layout and focus.
pub fn areas(area: Rect, state: &AppState) -> Areas {
    let [main, _status] =
        ratatui::layout::Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let h = |c: &[Constraint]| ratatui::layout::Layout::horizontal(c.to_vec()).split(main);
    match state.layout() {
        Layout::Wide => {
            let r = h(&[
                Constraint::Percentage(20),
                Constraint::Percentage(35),
                Constraint::Fill(1),
            ]);
            Areas {
                tree: Some(r[0]),
                list: Some(r[1]),
                reader: Some(r[2]),
            }
        }
        Layout::Medium if state.focus == Focus::Tree => {
            let r = h(&[Constraint::Percentage(35), Constraint::Fill(1)]);
            Areas {
                tree: Some(r[0]),
                list: Some(r[1]),
                reader: None,
            }
        }
        Layout::Medium => {
            let r = h(&[Constraint::Percentage(40), Constraint::Fill(1)]);
            Areas {
                tree: None,
                list: Some(r[0]),
                reader: Some(r[1]),
            }
        }
        Layout::Narrow => match state.focus {
            Focus::Tree => Areas {
                tree: Some(main),
                ..Areas::default()
            },
            Focus::Reader if state.reader.is_some() => Areas {
                reader: Some(main),
                ..Areas::default()
            },
            _ => Areas {
                list: Some(main),
                ..Areas::default()
            },
        },
    }
}

/// The widest measure the reader sets text at: longer lines are hard to follow, whatever
/// the terminal's width (100 columns: 50 Chinese characters, about 15 English words).
pub const MAX_MEASURE: usize = 100;

/// The width the reader renders the body at, for a reader pane of this size.
pub fn reader_text_width(pane: Rect) -> usize {
    usize::from(pane.width.saturating_sub(2)).clamp(1, MAX_MEASURE)
}

pub fn render(frame: &mut Frame, state: &AppState, theme: &Theme) {
    let area = frame.area();
    let a = areas(area, state);
    if let Some(r) = a.tree {
        tree::render(frame, r, state, theme);
    }
    if let Some(r) = a.list {
        list::render(frame, r, state, theme);
    }
    if let Some(r) = a.reader {
        reader::render(frame, r, state, theme);
    }
    let status = Rect {
        y: area.bottom().saturating_sub(1),
        height: area.height.min(1),
        ..area
    };
    status::render(frame, status, state, theme);
    match &state.overlay {
        Some(Overlay::Help { scroll }) => overlays::help(frame, area, state, *scroll, theme),
        Some(Overlay::Problems { scroll }) => {
            overlays::problems(frame, area, state, *scroll, theme)
        }
        Some(Overlay::DateFilter(prompt)) => overlays::date(frame, area, prompt, theme),
        Some(Overlay::Links(chooser)) => overlays::links(frame, area, state, chooser, theme),
        Some(Overlay::ConfirmMarkAllRead { count }) => {
            overlays::confirm(frame, area, *count, theme)
        }
        None => {}
    }
}

/// A list row, highlighted when selected (less so when its pane has no focus).
fn row<'a>(
    line: ratatui::text::Line<'a>,
    selected: bool,
    focused: bool,
    theme: &Theme,
) -> ratatui::text::Line<'a> {
    match (selected, focused) {
        (false, _) => line,
        (true, true) => line.style(theme.selected),
        (true, false) => line.style(theme.selected_unfocused),
    }
}

/// A pane's frame, its border brighter when it has focus.
fn pane_block<'a>(
    title: impl Into<ratatui::text::Line<'a>>,
    focused: bool,
    theme: &Theme,
) -> Block<'a> {
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(if focused {
            theme.border_focused
        } else {
            theme.border
        })
        .title(title)
}
