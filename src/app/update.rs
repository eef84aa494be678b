//! `update`: the one way into the state. Every message goes through here; what the state
//! cannot do itself (read a file, start a scan, open a URL, quit) comes back as effects.

use super::keys;
use super::msg::{Effect, Exit, Msg};
use super::state::AppState;

pub fn update(state: &mut AppState, msg: Msg) -> Vec<Effect> {
    let effects = match msg {
        Msg::Key(key) => keys::on_key(state, key),
        Msg::Mouse(mouse) => super::mouse::on_mouse(state, mouse),
        Msg::Paste(text) => keys::on_paste(state, &text),
        Msg::Resize(cols, rows) => {
            state.screen.set_size((cols, rows));
            Vec::new()
        }
        Msg::Load(event) => on_load(state, event),
        Msg::Settle => {
            if state.catalog.settle() {
                state.refilter();
            }
            Vec::new()
        }
        Msg::Search(event) => {
            if state.view.apply_search_event(event) {
                state.refilter();
            }
            Vec::new()
        }
        Msg::Body { article, body } => {
            if let Some(r) = state.screen.reader_mut().filter(|r| r.article() == article) {
                r.set_body(body);
            }
            Vec::new()
        }
        Msg::Signal(n) => {
            state.remember_position();
            vec![Effect::Exit(Exit::Signal(n))]
        }
        Msg::Notice(text) => {
            state.screen.say(text);
            Vec::new()
        }
    };
    state.relayout();
    effects
}

/// A loader or watcher batch: into the catalog; the open article is read again when its
/// file changed. Sorting waits for [`Msg::Settle`].
fn on_load(state: &mut AppState, event: crate::library::loader::LoadEvent) -> Vec<Effect> {
    let arrived = state.catalog.apply(event);
    if let Some(note) = arrived.note {
        state.screen.say(note);
    } else if let Some(note) = arrived.done.then(|| state.category_note()).flatten() {
        state.screen.say(note);
    }
    let open = state.screen.reader().map(|r| r.article());
    match open.filter(|id| arrived.replaced.contains(id)) {
        Some(id) => {
            if let Some(r) = state.screen.reader_mut() {
                r.forget_body();
            }
            vec![state.ask_for_body(id)]
        }
        None => Vec::new(),
    }
}
