//! `update`: the one place state changes in answer to an action.

use super::action::Action;
use super::dates;
use super::keymap::help;
use super::state::{AppState, DatePrompt, Focus, Layout, Overlay};

/// What the event loop must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    Quit,
    /// Open this URL with the system's opener (already checked: http, https or mailto).
    OpenUrl(String),
    /// Put this URL on the clipboard.
    CopyUrl(String),
}

pub fn update(state: &mut AppState, action: Action) -> Effect {
    state.message = None;
    if state.overlay.is_some() {
        return update_overlay(state, action);
    }
    match action {
        Action::Quit => return Effect::Quit,
        Action::Help => state.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::Problems => state.overlay = Some(Overlay::Problems { scroll: 0 }),
        Action::DateFilter => state.overlay = Some(Overlay::DateFilter(DatePrompt::default())),
        Action::ClearDate => state.set_days(None),
        Action::ClearCategory => {
            state.category.clear();
            state.refilter();
        }
        Action::FocusTree => state.focus = Focus::Tree,
        Action::FocusNext | Action::FocusPrev => cycle_focus(state, action == Action::FocusNext),
        Action::Back => {
            state.remember_position();
            if state.focus == Focus::List && state.search.is_some() {
                state.cancel_search();
            }
            state.focus = Focus::List;
        }
        Action::Open => open(state),
        Action::ToggleNode => state.tree.toggle_selected(),
        Action::ToggleRead | Action::ToggleStar => {
            toggle_entry(state, action == Action::ToggleStar)
        }
        Action::UnreadOnly => {
            state.unread_only = !state.unread_only;
            state.refilter();
        }
        Action::StarredOnly => {
            state.starred_only = !state.starred_only;
            state.refilter();
        }
        Action::MarkAllRead => {
            let count = state
                .visible
                .iter()
                .filter(|&&i| !state.entry(i).read)
                .count();
            if count == 0 {
                state.message = Some("every article in the list is read already".into());
            } else {
                state.overlay = Some(Overlay::ConfirmMarkAllRead { count });
            }
        }
        Action::UndoBulk => match state.undo.take() {
            Some(undo) => {
                let n = undo.len();
                state.store.undo(undo);
                state.refilter();
                state.message = Some(format!(
                    "{} marked unread again",
                    crate::count::count(n, "article")
                ));
            }
            None => state.message = Some("nothing to undo".into()),
        },
        Action::Confirm => {}
        Action::Search => state.start_search(),
        Action::PrevMatch => super::matches::step(state, false),
        Action::OpenLink | Action::CopyLink => {
            super::links::open_chooser(state, action == Action::CopyLink)
        }
        Action::NextArticle
            if state
                .search
                .as_ref()
                .is_some_and(|s| s.active_query().is_some()) =>
        {
            super::matches::step(state, true)
        }
        Action::NextArticle | Action::PrevArticle => {
            step_article(state, action == Action::NextArticle)
        }
        Action::Down | Action::Up | Action::Top | Action::Bottom => {
            let delta = match action {
                Action::Down => 1,
                Action::Up => -1,
                Action::Top => isize::MIN / 2,
                _ => isize::MAX / 2,
            };
            move_by(state, delta);
        }
        Action::PageDown | Action::PageUp | Action::HalfPageDown | Action::HalfPageUp => {
            let rows = match state.focus {
                Focus::Reader => state.reader_rows(),
                Focus::List => state.list_rows(),
                Focus::Tree => state.tree_rows(),
            } as isize;
            let step = if matches!(action, Action::HalfPageDown | Action::HalfPageUp) {
                (rows / 2).max(1)
            } else {
                rows
            };
            let down = matches!(action, Action::PageDown | Action::HalfPageDown);
            move_by(state, if down { step } else { -step });
        }
    }
    state.keep_selection_in_view();
    state.remember_position();
    Effect::None
}

/// Moves the focused pane's selection (or the reader's scroll) by `delta` rows, clamped.
pub fn move_by(state: &mut AppState, delta: isize) {
    let clamp =
        |pos: usize, len: usize| pos.saturating_add_signed(delta).min(len.saturating_sub(1));
    match state.focus {
        Focus::List => state.selected = clamp(state.selected, state.visible.len()),
        Focus::Tree => state.tree.selected = clamp(state.tree.selected, state.tree.visible.len()),
        Focus::Reader => {
            let rows = state.reader_rows();
            if let Some(r) = &mut state.reader {
                let lines = r
                    .rendered
                    .as_ref()
                    .map_or(0, |(_, rendered)| rendered.lines.len());
                let max = lines.saturating_sub(rows);
                r.scroll = r.scroll.saturating_add_signed(delta).min(max);
            }
        }
    }
}

fn open(state: &mut AppState) {
    match state.focus {
        Focus::List => {
            if let Some(index) = state.selected_article() {
                state.open(index);
                state.focus = Focus::Reader;
            }
        }
        Focus::Tree => {
            state.apply_tree_selection();
            state.focus = Focus::List;
        }
        Focus::Reader => {}
    }
}

/// `r` / `s`: the open article in the reader, else the selected one in the list.
fn toggle_entry(state: &mut AppState, star: bool) {
    let target = match (&state.reader, state.focus) {
        (Some(r), Focus::Reader) => Some(r.article),
        _ => state.selected_article(),
    };
    let Some(index) = target else { return };
    let key = state.keys[index].clone();
    let now = if star {
        state.store.toggle_star(&key)
    } else {
        state.store.toggle_read(&key)
    };
    state.message = Some(
        match (star, now) {
            (true, true) => "starred",
            (true, false) => "unstarred",
            (false, true) => "marked read",
            (false, false) => "marked unread",
        }
        .into(),
    );
    if state.unread_only || state.starred_only {
        state.refilter();
    }
    state.refresh_counts();
}

/// `n` / `p` in the reader: the next or previous article of the list.
pub fn step_article(state: &mut AppState, forward: bool) {
    let len = state.visible.len();
    if len == 0 {
        return;
    }
    let next = if forward {
        (state.selected + 1).min(len - 1)
    } else {
        state.selected.saturating_sub(1)
    };
    if next == state.selected && state.reader.is_some() {
        state.message = Some(
            if forward {
                "last article"
            } else {
                "first article"
            }
            .into(),
        );
        return;
    }
    state.selected = next;
    state.open(state.visible[next]);
}

/// The panes Tab moves through, in order, for the current layout.
fn focus_ring(state: &AppState) -> Vec<Focus> {
    let mut ring = vec![Focus::Tree, Focus::List];
    if state.reader.is_some() || state.layout() == Layout::Wide {
        ring.push(Focus::Reader);
    }
    ring
}

fn cycle_focus(state: &mut AppState, forward: bool) {
    let ring = focus_ring(state);
    let pos = ring.iter().position(|f| *f == state.focus).unwrap_or(0);
    let n = ring.len();
    state.focus = ring[if forward {
        (pos + 1) % n
    } else {
        (pos + n - 1) % n
    }];
}

fn update_overlay(state: &mut AppState, action: Action) -> Effect {
    let Some(overlay) = &mut state.overlay else {
        return Effect::None;
    };
    match (overlay, action) {
        (_, Action::Quit) => return Effect::Quit,
        (Overlay::ConfirmMarkAllRead { .. }, Action::Confirm | Action::Open) => {
            state.overlay = None;
            let keys: Vec<String> = state
                .visible
                .iter()
                .map(|&i| state.keys[i].clone())
                .collect();
            let undo = state.store.mark_all_read(&keys);
            state.message = Some(format!(
                "{} marked read; U undoes",
                crate::count::count(undo.len(), "article")
            ));
            state.undo = Some(undo);
            state.refilter();
        }
        (Overlay::Links(_), a) => return super::links::on_action(state, a),
        (Overlay::ConfirmMarkAllRead { .. }, _) => {
            state.overlay = None;
            state.message = Some("nothing marked".into());
        }
        (Overlay::Help { .. }, Action::Help)
        | (Overlay::Problems { .. }, Action::Problems)
        | (_, Action::Back) => {
            state.overlay = None;
        }
        (Overlay::Help { scroll }, a) => {
            let max = help::max_scroll(&state.keymap, state.focus.into(), state.size);
            let page = help::rows_shown(state.size);
            *scroll = match a {
                Action::Down => *scroll + 1,
                Action::Up => scroll.saturating_sub(1),
                Action::PageDown => *scroll + page,
                Action::PageUp => scroll.saturating_sub(page),
                Action::HalfPageDown => *scroll + page / 2,
                Action::HalfPageUp => scroll.saturating_sub(page / 2),
                Action::Top => 0,
                Action::Bottom => max,
                _ => *scroll,
            }
            .min(max);
        }
        (Overlay::Problems { scroll }, a) => {
            let delta: isize = match a {
                Action::Down => 1,
                Action::Up => -1,
                Action::PageDown | Action::HalfPageDown => 10,
                Action::PageUp | Action::HalfPageUp => -10,
                Action::Top => isize::MIN / 2,
                _ => 0,
            };
            *scroll = scroll.saturating_add_signed(delta);
        }
        (Overlay::DateFilter(prompt), a) => match a {
            Action::Down => prompt.selected = (prompt.selected + 1).min(dates::PRESETS.len() - 1),
            Action::Up => prompt.selected = prompt.selected.saturating_sub(1),
            Action::Open => apply_date_prompt(state),
            _ => {}
        },
    }
    Effect::None
}

/// Enter in the date window: the typed range if any, else the selected preset.
pub fn apply_date_prompt(state: &mut AppState) {
    let Some(Overlay::DateFilter(prompt)) = &mut state.overlay else {
        return;
    };
    let range = if prompt.input.trim().is_empty() {
        Ok(dates::preset(dates::PRESETS[prompt.selected], state.today))
    } else {
        dates::parse(&prompt.input, state.today).map(Some)
    };
    match range {
        Ok(days) => {
            state.overlay = None;
            state.set_days(days);
        }
        Err(e) => prompt.error = Some(e),
    }
}
