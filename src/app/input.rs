//! Terminal events → actions. Typing in the date window is text, not keys; the rest goes
//! through the keymap table. Mouse clicks select, the wheel scrolls the pane under it.

use super::action::Action;
use super::keymap::key_name as keymap_name;
use super::keymap::{Context, Lookup};
use super::state::{AppState, Focus, Overlay};
use super::update::{Effect, apply_date_prompt, move_by, update};
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect};

pub fn on_key(state: &mut AppState, key: KeyEvent) -> Effect {
    state.by_hand(|state| key_input(state, key))
}

fn key_input(state: &mut AppState, key: KeyEvent) -> Effect {
    if key.kind == KeyEventKind::Release {
        return Effect::None;
    }
    if let Some(Overlay::DateFilter(prompt)) = &mut state.overlay {
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Char(c)
                if plain && (c.is_ascii_digit() || matches!(c, '-' | '.' | 'd' | ' ')) =>
            {
                prompt.input.push(c);
                prompt.error = None;
                return Effect::None;
            }
            KeyCode::Backspace => {
                prompt.input.pop();
                prompt.error = None;
                return Effect::None;
            }
            KeyCode::Enter => {
                apply_date_prompt(state);
                return Effect::None;
            }
            _ => {}
        }
    }
    if state.overlay.is_none()
        && let Some(search) = state.search.as_mut().filter(|s| s.editing)
    {
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Char(c) if plain => {
                search.input.push(c);
                state.search_typed();
                return Effect::None;
            }
            KeyCode::Backspace => {
                search.input.pop();
                state.search_typed();
                return Effect::None;
            }
            KeyCode::Enter => {
                state.run_full_text();
                return Effect::None;
            }
            KeyCode::Esc => {
                state.cancel_search();
                return Effect::None;
            }
            _ => {}
        }
    }
    if let Some(Overlay::Links(chooser)) = &mut state.overlay {
        match key.code {
            KeyCode::Char(c) if super::links::on_char(chooser, c) => return Effect::None,
            KeyCode::Backspace => {
                chooser.typed.pop();
                return Effect::None;
            }
            KeyCode::Enter => return super::links::choose(state),
            _ => {}
        }
    }
    let context = match state.focus {
        _ if state.overlay.is_some() => Context::Global,
        Focus::Tree => Context::Tree,
        Focus::List => Context::List,
        Focus::Reader => Context::Reader,
    };
    match state.keymap.lookup(context, &state.pending_keys, &key) {
        Lookup::Action(action) => {
            state.pending_keys.clear();
            update(state, action)
        }
        Lookup::Pending => {
            state.pending_keys.extend(keymap_name(&key));
            Effect::None
        }
        Lookup::None => {
            state.pending_keys.clear();
            Effect::None
        }
    }
}

pub fn on_mouse(state: &mut AppState, mouse: MouseEvent) -> Effect {
    state.by_hand(|state| mouse_input(state, mouse))
}

fn mouse_input(state: &mut AppState, mouse: MouseEvent) -> Effect {
    if state.overlay.is_some() {
        return Effect::None;
    }
    let at = Position::new(mouse.column, mouse.row);
    let areas = state.areas;
    let hit = |r: Option<Rect>| r.is_some_and(|r| r.contains(at));
    let pane = if hit(areas.list) {
        Focus::List
    } else if hit(areas.tree) {
        Focus::Tree
    } else if hit(areas.reader) {
        Focus::Reader
    } else {
        return Effect::None;
    };
    match mouse.kind {
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            let previous = state.focus;
            state.focus = pane;
            move_by(
                state,
                if mouse.kind == MouseEventKind::ScrollDown {
                    3
                } else {
                    -3
                },
            );
            if pane != Focus::Reader {
                state.keep_selection_in_view();
            }
            state.focus = previous;
        }
        MouseEventKind::Down(_) => click(state, pane, at),
        _ => {}
    }
    Effect::None
}

/// A click focuses the pane and selects the row under it; a click on the selected row opens it.
fn click(state: &mut AppState, pane: Focus, at: Position) {
    state.focus = pane;
    let row_in =
        |r: Option<Rect>| r.and_then(|r| (at.y > r.y).then(|| usize::from(at.y - r.y - 1)));
    match pane {
        Focus::List => {
            let Some(row) = row_in(state.areas.list) else {
                return;
            };
            let index = state.list_offset + row;
            if index < state.visible.len() {
                if index == state.selected {
                    update(state, Action::Open);
                } else {
                    state.selected = index;
                }
            }
        }
        Focus::Tree => {
            let Some(row) = row_in(state.areas.tree) else {
                return;
            };
            let index = state.tree.offset + row;
            if index < state.tree.visible.len() {
                if index == state.tree.selected {
                    update(state, Action::Open);
                } else {
                    state.tree.selected = index;
                }
            }
        }
        Focus::Reader => {}
    }
}
