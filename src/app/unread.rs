//! Reading on through the unread articles, as in mutt and newsboat: the next unread article
//! of the list (`]`), the article marked read and the next unread one taken up (`m`), and
//! `space` at the end of an article opening the next unread one.
//!
//! The search goes down the list from the selection and wraps to the top, saying so: an
//! archive is read from wherever one is, and an unread article above should not be lost. In
//! the reader the next unread article is opened; in the list (and the tree) it is selected,
//! and opening it stays a separate Enter, so moving never marks anything read.

use super::msg::Effect;
use super::screen::Focus;
use super::state::AppState;

/// `]`: to the next unread article.
pub(super) fn next_unread(state: &mut AppState) -> Option<Effect> {
    let Some((pos, wrapped)) = find_next(state) else {
        state.screen.say("no other unread article in the list");
        return None;
    };
    go_to(state, pos, wrapped)
}

/// `m`: the article (the reader's, else the selected one) marked read, then on to the next
/// unread one. Under "unread only" the marked article leaves the list; the next one is found
/// first so that does not lose the way.
pub(super) fn mark_read_next(state: &mut AppState) -> Option<Effect> {
    let target = match (state.screen.reader(), state.screen.focus()) {
        (Some(r), Focus::Reader) => Some(r.article()),
        _ => state.view.selected_article(),
    }?;
    let next = find_next(state).map(|(pos, wrapped)| (state.view.visible()[pos], wrapped));
    state.store.set_read(&state.catalog.key(target), true);
    if state.view.filters().unread_only {
        state.refilter();
    }
    state.refresh_counts();
    let Some((id, wrapped)) = next.filter(|&(id, _)| id != target) else {
        state
            .screen
            .say("marked read; no other unread article in the list");
        return None;
    };
    let pos = state.view.visible().iter().position(|&i| i == id)?;
    go_to(state, pos, wrapped)
}

/// `space` in the reader: a page down, or at the end of the article the next unread one.
pub(super) fn read_on(state: &mut AppState) -> Option<Effect> {
    let rows = state.screen.reader_rows();
    let reader = state.screen.reader_mut()?;
    let before = reader.scroll();
    reader.scroll_by(rows as isize, rows);
    // Only a laid-out body has an end; while it is being read, a page is all space does.
    if reader.scroll() != before || reader.rendered().is_none() {
        return None;
    }
    next_unread(state)
}

/// The row of the next unread article below the selection, wrapping to the top (then true);
/// never the selected row itself.
fn find_next(state: &AppState) -> Option<(usize, bool)> {
    let visible = state.view.visible();
    let n = visible.len();
    let from = state.view.selected();
    (1..n)
        .map(|k| (from + k) % n)
        .find(|&pos| !state.entry(visible[pos]).read)
        .map(|pos| (pos, pos < from))
}

/// Selects row `pos`; in the reader, opens it there.
fn go_to(state: &mut AppState, pos: usize, wrapped: bool) -> Option<Effect> {
    state.view.stop_following_top();
    state.view.select(pos);
    if wrapped {
        state.screen.say("on from the top of the list");
    }
    if state.screen.focus() != Focus::Reader {
        return None;
    }
    let id = state.view.selected_article()?;
    state.open(id)
}
