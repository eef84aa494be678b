//! Drawing the reader: pure functions of `&AppState` (read through its parts' accessors), one
//! file per pane or overlay. Only what is on screen is built, so a list of 100,000 articles
//! costs what a list of 40 does.

mod dates;
pub mod hyperlink;
mod list;
mod overlays;
mod picture;
mod reader;
mod status;
pub mod theme;
mod tree;

use crate::app::{AppState, Overlay};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, BorderType};
use theme::Theme;

/// The widest measure the reader sets text at (see [`crate::app::state::MAX_MEASURE`]).
pub use crate::app::state::{MAX_MEASURE, reader_text_width};

pub fn render(frame: &mut Frame, state: &AppState, theme: &Theme) {
    let area = frame.area();
    let a = state.areas_for(area);
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
    match state.screen().overlay() {
        Some(Overlay::Help { scroll }) => overlays::help(frame, area, state, *scroll, theme),
        Some(Overlay::Problems { scroll }) => {
            overlays::problems(frame, area, state, *scroll, theme)
        }
        Some(Overlay::DateFilter(prompt)) => dates::render(frame, area, state, prompt, theme),
        Some(Overlay::Links(chooser)) => overlays::links(frame, area, state, chooser, theme),
        Some(Overlay::Picture { n }) => picture::render(frame, area, state, *n, theme),
        Some(Overlay::ConfirmMarkAllRead { count }) => {
            overlays::confirm(frame, area, *count, theme)
        }
        Some(Overlay::SaveView(prompt)) => overlays::save_view(frame, area, prompt, theme),
        None => {}
    }
    // Last, and only with no window over the reader: each link cell then holds what the
    // reader drew there.
    if state.settings().hyperlinks()
        && state.screen().overlay().is_none()
        && let Some(r) = a.reader
    {
        reader::link_cells(frame.buffer_mut(), r, state);
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
