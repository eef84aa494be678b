//! The mouse: a click focuses the pane under it and selects the row; a click on the selected
//! row opens it; the wheel scrolls the pane under the pointer without moving focus.

use super::action::Action;
use super::actions;
use super::msg::Effect;
use super::screen::Focus;
use super::state::AppState;
use ratatui::crossterm::event::{MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

pub(super) fn on_mouse(state: &mut AppState, mouse: MouseEvent) -> Vec<Effect> {
    if state.screen.overlay().is_some() {
        return Vec::new();
    }
    let at = Position::new(mouse.column, mouse.row);
    let areas = state.screen.areas();
    let hit = |r: Option<Rect>| r.is_some_and(|r| r.contains(at));
    let pane = if hit(areas.list) {
        Focus::List
    } else if hit(areas.tree) {
        Focus::Tree
    } else if hit(areas.reader) {
        Focus::Reader
    } else {
        return Vec::new();
    };
    match mouse.kind {
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            let previous = state.screen.focus();
            state.screen.set_focus(pane);
            let down = mouse.kind == MouseEventKind::ScrollDown;
            actions::move_by(state, if down { 3 } else { -3 });
            if pane != Focus::Reader {
                state
                    .view
                    .keep_in_view(state.screen.list_rows(), state.screen.tree_rows());
            }
            state.screen.set_focus(previous);
            Vec::new()
        }
        MouseEventKind::Down(_) => click(state, pane, at),
        _ => Vec::new(),
    }
}

/// A click focuses the pane and selects the row under it; a click on the selected row opens it.
fn click(state: &mut AppState, pane: Focus, at: Position) -> Vec<Effect> {
    state.screen.set_focus(pane);
    let areas = state.screen.areas();
    let row_in =
        |r: Option<Rect>| r.and_then(|r| (at.y > r.y).then(|| usize::from(at.y - r.y - 1)));
    let (row, offset, selected, len) = match pane {
        Focus::List => {
            let v = &state.view;
            (
                row_in(areas.list),
                v.list_offset(),
                v.selected(),
                v.visible().len(),
            )
        }
        Focus::Tree => {
            let t = state.view.tree();
            (row_in(areas.tree), t.offset, t.selected, t.visible.len())
        }
        Focus::Reader => return Vec::new(),
    };
    let Some(index) = row.map(|row| offset + row).filter(|&i| i < len) else {
        return Vec::new();
    };
    if index == selected {
        return actions::apply(state, Action::Open);
    }
    match pane {
        Focus::List => state.view.select(index),
        _ => state.view.select_node(index),
    }
    Vec::new()
}
