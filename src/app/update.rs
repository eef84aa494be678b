//! `update`: the one way into the state. Every message goes through here; what the state
//! cannot do itself (read a file, start a scan, open a URL, quit) comes back as effects.

use super::keys;
use super::msg::{Effect, Exit, Msg};
use super::state::AppState;

pub fn update(state: &mut AppState, msg: Msg) -> Vec<Effect> {
    let mut effects = match msg {
        Msg::Key(key) => by_hand(state, |s| keys::on_key(s, key)),
        Msg::Mouse(mouse) => by_hand(state, |s| super::mouse::on_mouse(s, mouse)),
        Msg::Paste(text) => by_hand(state, |s| keys::on_paste(s, &text)),
        Msg::Resize(cols, rows) => {
            state.screen.set_size((cols, rows));
            Vec::new()
        }
        Msg::Load(event) => on_load(state, event),
        Msg::Settle => settle(state, usize::MAX),
        Msg::SettleSome(most) => settle(state, most),
        Msg::SearchStep => {
            let zone = state.settings.zone();
            (state.view).step_search(&state.catalog, &state.store, zone);
            Vec::new()
        }
        Msg::Search(event) => {
            if state.view.apply_search_event(event) {
                state.refilter();
                if state.view.results_follow() {
                    state.view.select(0);
                }
            }
            Vec::new()
        }
        Msg::Body { article, body } => {
            if let Some(r) = state.screen.reader_mut().filter(|r| r.article() == article) {
                r.set_body(body);
            }
            Vec::new()
        }
        Msg::Picture {
            article,
            n,
            fit,
            picture,
        } => {
            state.on_picture(article, n, fit, picture);
            Vec::new()
        }
        Msg::Preview(prepared) => {
            // A body for an article no longer previewed is stale: dropped.
            if let Some(p) = state.screen.preview_mut() {
                p.take(prepared);
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
        Msg::ViewSaved(view) => {
            let name = crate::sanitize::clean_line(&view.name);
            state
                .view
                .add_saved_view(view, state.settings.zone(), state.settings.today());
            state.refresh_counts();
            state.screen.say(format!("saved the view \"{name}\""));
            Vec::new()
        }
    };
    state.relayout();
    effects.extend(state.sync_preview());
    effects.extend(state.ask_for_pictures());
    effects
}

/// Folds at most `most` of the arrived articles into the list. Until the user has moved, the
/// selection goes to the top: the newest article, which the load may well deliver last.
fn settle(state: &mut AppState, most: usize) -> Vec<Effect> {
    if let Some(settled) = state.catalog.settle(most) {
        state.settled(&settled);
        if state.view.follows_top() {
            state.view.select(0);
        }
    }
    Vec::new()
}

/// Runs one input of the user's. Once an input moves the selection, changes what the list
/// shows (a filter, a search) or opens an article, the selection is the user's: it stops
/// following the top and stays on their article as others arrive.
///
/// The same holds for the results of a full-text search: they follow the first result until
/// the user moves the selection or opens an article.
fn by_hand(state: &mut AppState, input: impl FnOnce(&mut AppState) -> Vec<Effect>) -> Vec<Effect> {
    let place = |s: &AppState| {
        (
            s.view.selected_article(),
            s.screen.reader().map(|r| r.article()),
        )
    };
    let before = place(state);
    let results_followed = state.view.results_follow();
    // A move stops results from leading the selection, unless the input started a new
    // search, whose results lead it again.
    let stop_results = |s: &mut AppState, out: &[Effect], moved: bool| {
        let new_scan = out.iter().any(|e| matches!(e, Effect::StartScan { .. }));
        if results_followed && moved && !new_scan {
            s.view.stop_results_follow();
        }
    };
    if !state.view.follows_top() {
        let out = input(state);
        let moved = place(state) != before;
        stop_results(state, &out, moved);
        return out;
    }
    let (searching, visible) = (state.view.search().is_some(), state.view.visible().to_vec());
    let out = input(state);
    let moved = place(state) != before;
    if moved || state.view.search().is_some() != searching || state.view.visible() != visible {
        state.view.stop_following_top();
    }
    stop_results(state, &out, moved);
    out
}

/// A loader or watcher batch: into the catalog; the open (or previewed) article is read
/// again when its file changed. Sorting waits for [`Msg::Settle`].
fn on_load(state: &mut AppState, event: crate::library::loader::LoadEvent) -> Vec<Effect> {
    let arrived = state.catalog.apply(event);
    if let Some(note) = arrived.note {
        state.screen.say(note);
    } else if let Some(note) = arrived.done.then(|| state.category_note()).flatten() {
        state.screen.say(note);
    }
    // A previewed article whose file changed is prepared again (`sync_preview` asks).
    if let Some(p) = state.screen.preview()
        && arrived.replaced.contains(&p.article())
    {
        state.screen.set_preview(None);
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
