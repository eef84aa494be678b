//! A key press, resolved: first the prompt that has the keyboard (through the keymap's input
//! context: insert, delete, move, submit, cancel), then the bindings of the focused context.

use super::actions;
use super::keymap::{Lookup, key_name};
use super::line_edit::{Edit, Outcome};
use super::msg::Effect;
use super::overlay::Overlay;
use super::screen::Focus;
use super::state::AppState;
use ratatui::crossterm::event::{KeyEvent, KeyEventKind};

pub(super) fn on_key(state: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    if key.kind == KeyEventKind::Release {
        return Vec::new();
    }
    if let Some(edit) = state.settings.keymap().input(&key)
        && let Some(effects) = edit_prompt(state, edit)
    {
        return effects;
    }
    let context = state.screen.context();
    let lookup = state
        .settings
        .keymap()
        .lookup(context, state.screen.pending_keys(), &key);
    match lookup {
        Lookup::Action(action) => {
            state.screen.clear_pending();
            actions::apply(state, action)
        }
        Lookup::Pending => {
            state.screen.push_pending(key_name(&key));
            Vec::new()
        }
        Lookup::None => {
            state.screen.clear_pending();
            Vec::new()
        }
    }
}

/// Pasted text goes to the prompt that has the keyboard, character by character, as if
/// typed; with no prompt open it is dropped (a paste is never a command).
pub(super) fn on_paste(state: &mut AppState, text: &str) -> Vec<Effect> {
    text.chars()
        .filter(|c| !c.is_control())
        .filter_map(|c| edit_prompt(state, Edit::Insert(c)))
        .flatten()
        .collect()
}

/// The edit, given to the prompt that has the keyboard; `None` when no prompt is open or it
/// does not take this edit (then the key is looked up in the bindings).
fn edit_prompt(state: &mut AppState, edit: Edit) -> Option<Vec<Effect>> {
    let naming_nodes = state.screen.focus() == Focus::Tree && state.view.tree().filter_editing();
    match state.screen.overlay_mut() {
        Some(Overlay::DateFilter(prompt)) => {
            if prompt.edit(edit)? == Outcome::Submit {
                actions::apply_date_prompt(state);
            }
            Some(Vec::new())
        }
        Some(Overlay::Links(chooser)) => match chooser.edit(edit)? {
            Outcome::Submit => Some(actions::choose_link(state).into_iter().collect()),
            _ => Some(Vec::new()),
        },
        Some(Overlay::SaveView(prompt)) => match prompt.edit(edit)? {
            Outcome::Submit => Some(actions::save_view(state)),
            _ => Some(Vec::new()),
        },
        Some(_) => None,
        None if naming_nodes => {
            let zone = state.settings.zone();
            let (outcome, effects) =
                (state.view).edit_tree_filter(edit, &state.catalog, &state.store, zone)?;
            if outcome == Outcome::Submit {
                state.screen.set_focus(Focus::List);
            }
            Some(effects)
        }
        None if state.view.search_editing() => {
            let (zone, today) = (state.settings.zone(), state.settings.today());
            state
                .view
                .edit_search(edit, &state.catalog, &state.store, zone, today)
        }
        None => None,
    }
}
