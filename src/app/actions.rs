//! What each [`Action`] does to the state: the keymap's actions, whichever key or click
//! asked for them.

use super::action::Action;
use super::keymap::help;
use super::links::{choice, is_openable};
use super::msg::{Effect, Exit};
use super::overlay::{DateChoice, DatePrompt, LinkChooser, Overlay};
use super::reader::Jump;
use super::screen::{Focus, Layout};
use super::state::AppState;
use super::unread;
use super::views::ViewPrompt;

pub(super) fn apply(state: &mut AppState, action: Action) -> Vec<Effect> {
    apply_counted(state, action, None)
}

/// `action` with the count typed before it (`5j`): movements go that many rows, pages or
/// articles; `5G` goes to row 5; steps that may open an article (next match, next unread)
/// repeat until one is opened. Other actions take no count.
pub(super) fn apply_counted(
    state: &mut AppState,
    action: Action,
    count: Option<usize>,
) -> Vec<Effect> {
    let Some(n) = count else {
        return apply_once(state, action, 1);
    };
    match action {
        Action::Top | Action::Bottom => {
            let effects = apply_once(state, Action::Top, 1);
            match n {
                0 | 1 => effects,
                _ => apply_once(state, Action::Down, n - 1),
            }
        }
        Action::PrevMatch | Action::NextUnread | Action::MarkReadNext | Action::ReadOn => {
            repeat(state, action, n)
        }
        Action::NextArticle if state.view.active_query().is_some() => repeat(state, action, n),
        _ => apply_once(state, action, n),
    }
}

/// `action` up to `n` times, stopping at the first that reaches beyond the state (an
/// article to read: the steps after it would need its body).
fn repeat(state: &mut AppState, action: Action, n: usize) -> Vec<Effect> {
    for _ in 0..n {
        let effects = apply_once(state, action, 1);
        if !effects.is_empty() {
            return effects;
        }
    }
    Vec::new()
}

/// `action` once; movements (rows, pages, articles) go `times` steps.
fn apply_once(state: &mut AppState, action: Action, times: usize) -> Vec<Effect> {
    let times = times.max(1) as isize;
    state.screen.clear_message();
    if state.screen.overlay().is_some() {
        return apply_overlay(state, action);
    }
    let mut effects = Vec::new();
    match action {
        Action::Quit => {
            state.remember_position();
            return vec![Effect::Exit(Exit::Quit)];
        }
        Action::Help => state.screen.set_overlay(Some(Overlay::Help { scroll: 0 })),
        Action::Problems => state
            .screen
            .set_overlay(Some(Overlay::Problems { scroll: 0 })),
        Action::DateFilter => {
            let timeline = state
                .view
                .timeline(&state.catalog, &state.store, state.settings.zone());
            state
                .screen
                .set_overlay(Some(Overlay::DateFilter(DatePrompt::new(timeline))));
        }
        Action::ClearDate => {
            state.view.set_filters(|f| f.days = None);
            state.refilter();
        }
        Action::ClearCategory => {
            // A folder is chosen in the same tree, and cleared with the category.
            state.view.set_filters(|f| {
                f.category.clear();
                f.folder.clear();
            });
            state.refilter();
        }
        Action::FocusTree => state.screen.set_focus(Focus::Tree),
        Action::FocusNext | Action::FocusPrev => cycle_focus(state, action == Action::FocusNext),
        Action::Back if state.screen.focus() == Focus::Tree && state.view.clear_tree_filter() => {}
        Action::Back => {
            state.remember_position();
            if state.screen.focus() == Focus::List && state.view.search().is_some() {
                effects.push(state.view.cancel_search());
                state.refilter();
            }
            state.screen.set_focus(Focus::List);
        }
        Action::Open => effects.extend(open(state)),
        Action::FilterTree => {
            state.screen.set_focus(Focus::Tree);
            state.view.start_tree_filter();
        }
        Action::SaveView => {
            let query = state.view.filter_as_query();
            if query.is_empty() {
                state.screen.say(if state.view.filters().folder.is_empty() {
                    "nothing to save: no search, category or dates are set"
                } else {
                    "a folder cannot be saved as a view: search, pick a category or dates"
                });
            } else {
                let folder = !state.view.filters().folder.is_empty();
                let left_out = folder.then_some("the folder filter is not kept in a view");
                let prompt = ViewPrompt::new(query, left_out);
                state.screen.set_overlay(Some(Overlay::SaveView(prompt)));
            }
        }
        Action::ToggleNode => state.view.toggle_node(),
        Action::ToggleRead | Action::ToggleStar => {
            toggle_entry(state, action == Action::ToggleStar)
        }
        Action::UnreadOnly => {
            state.view.set_filters(|f| f.unread_only = !f.unread_only);
            state.refilter();
        }
        Action::StarredOnly => {
            state.view.set_filters(|f| f.starred_only = !f.starred_only);
            state.refilter();
        }
        Action::MarkAllRead => {
            let count = state
                .view
                .visible()
                .iter()
                .filter(|&&i| !state.entry(i).read)
                .count();
            if count == 0 {
                state
                    .screen
                    .say("every article in the list is read already");
            } else {
                state
                    .screen
                    .set_overlay(Some(Overlay::ConfirmMarkAllRead { count }));
            }
        }
        Action::UndoBulk => match state.undo.take() {
            Some(undo) => {
                let n = undo.len();
                state.store.undo(undo);
                state.refilter();
                state.screen.say(format!(
                    "{} marked unread again",
                    crate::count::count(n, "article")
                ));
            }
            None => state.screen.say("nothing to undo"),
        },
        Action::CycleSort => cycle_sort(state),
        Action::NextUnread => effects.extend(unread::next_unread(state)),
        Action::MarkReadNext => effects.extend(unread::mark_read_next(state)),
        Action::ReadOn if state.screen.focus() == Focus::Reader => {
            effects.extend(unread::read_on(state))
        }
        // Only the date window's timeline has bars to move over.
        Action::Confirm
        | Action::TimelineEarlier
        | Action::TimelineLater
        | Action::ZoomIn
        | Action::ZoomOut
        | Action::MarkRange => {}
        Action::Search => {
            state.view.start_search();
            state.screen.set_focus(Focus::List);
        }
        Action::PrevMatch => effects.extend(step_match(state, false)),
        Action::OpenLink if state.screen.focus() == Focus::List => {
            effects.extend(open_from_list(state))
        }
        Action::OpenLink | Action::CopyLink => open_chooser(state, action == Action::CopyLink),
        Action::ViewPicture => state.view_picture(),
        Action::PipeArticle => effects.extend(super::handover::pipe(state)),
        Action::EditArticle => effects.extend(super::handover::edit(state)),
        Action::NextArticle if state.view.active_query().is_some() => {
            effects.extend(step_match(state, true))
        }
        Action::NextArticle | Action::PrevArticle => {
            let step = if action == Action::NextArticle {
                times
            } else {
                -times
            };
            effects.extend(step_article(state, step))
        }
        Action::Down | Action::Up | Action::Top | Action::Bottom => {
            let delta = match action {
                Action::Down => 1,
                Action::Up => -1,
                Action::Top => isize::MIN / 2,
                _ => isize::MAX / 2,
            };
            move_by(state, delta.saturating_mul(times));
        }
        Action::ReadOn
        | Action::PageDown
        | Action::PageUp
        | Action::HalfPageDown
        | Action::HalfPageUp => {
            let rows = state.screen.focused_rows() as isize;
            let step = if matches!(action, Action::HalfPageDown | Action::HalfPageUp) {
                (rows / 2).max(1)
            } else {
                rows
            };
            let down = !matches!(action, Action::PageUp | Action::HalfPageUp);
            let step = step.saturating_mul(times);
            move_by(state, if down { step } else { -step });
        }
    }
    state
        .view
        .keep_in_view(state.screen.list_rows(), state.screen.tree_rows());
    state.remember_position();
    effects
}

/// Moves the focused pane's selection (or the reader pane's scroll: the preview's, when the
/// wheel is over one) by `delta` rows, clamped.
pub(super) fn move_by(state: &mut AppState, delta: isize) {
    match state.screen.focus() {
        Focus::List => state.view.move_list(delta),
        Focus::Tree => state.view.move_tree(delta),
        Focus::Reader => {
            let rows = state.screen.reader_rows();
            if let Some(r) = state.screen.shown_mut() {
                r.scroll_by(delta, rows);
            }
        }
    }
}

/// Enter: opens the selected article, or applies the selected category.
pub(super) fn open(state: &mut AppState) -> Vec<Effect> {
    match state.screen.focus() {
        Focus::List => {
            let Some(id) = state.view.selected_article() else {
                return Vec::new();
            };
            let effect = state.open(id);
            state.screen.set_focus(Focus::Reader);
            effect.into_iter().collect()
        }
        Focus::Tree => {
            let zone = state.settings.zone();
            let effects = (state.view).apply_tree_selection(&state.catalog, &state.store, zone);
            state.screen.set_focus(Focus::List);
            effects
        }
        Focus::Reader => Vec::new(),
    }
}

/// Enter in the save-view window: the view goes to the event loop to be written (the
/// window closes); with no name typed, the window stays and says so.
pub(super) fn save_view(state: &mut AppState) -> Vec<Effect> {
    let Some(Overlay::SaveView(prompt)) = state.screen.overlay_mut() else {
        return Vec::new();
    };
    let Some(view) = prompt.submit() else {
        return Vec::new();
    };
    state.screen.set_overlay(None);
    vec![Effect::SaveView(view)]
}

/// `r` / `s`: the open article in the reader, else the selected one in the list.
fn toggle_entry(state: &mut AppState, star: bool) {
    let target = match (state.screen.reader(), state.screen.focus()) {
        (Some(r), Focus::Reader) => Some(r.article()),
        _ => state.view.selected_article(),
    };
    let Some(id) = target else { return };
    let key = state.catalog.key(id);
    let now = if star {
        state.store.toggle_star(&key)
    } else {
        state.store.toggle_read(&key)
    };
    state.screen.say(match (star, now) {
        (true, true) => "starred",
        (true, false) => "unstarred",
        (false, true) => "marked read",
        (false, false) => "marked unread",
    });
    let f = state.view.filters();
    if f.unread_only || f.starred_only {
        state.refilter();
    }
    state.refresh_counts();
}

/// `O`: the next order; the selection stays on its article, wherever that now is.
fn cycle_sort(state: &mut AppState) {
    let by = state.catalog.sort_order().next();
    state.catalog.set_sort_order(by);
    state.view.stop_following_top();
    state.refilter();
    state.screen.say(format!("sorted {}", by.label()));
}

/// `n` / `p` in the reader: the article `step` rows down (up, when negative) the list.
fn step_article(state: &mut AppState, step: isize) -> Option<Effect> {
    let len = state.view.visible().len();
    if len == 0 {
        return None;
    }
    let forward = step > 0;
    let selected = state.view.selected();
    let next = selected.saturating_add_signed(step).min(len - 1);
    if next == selected && state.screen.reader().is_some() {
        state.screen.say(if forward {
            "last article"
        } else {
            "first article"
        });
        return None;
    }
    state.view.select(next);
    state.open(state.view.visible()[next])
}

/// `n` / `N` while searching: the next or previous line holding a match in the open article,
/// and on into the next or previous article of the results when this one has no more.
fn step_match(state: &mut AppState, forward: bool) -> Option<Effect> {
    let rows = state.screen.reader_rows();
    let Some(query) = state.view.active_query().cloned() else {
        return step_article(state, if forward { 1 } else { -1 });
    };
    if state.screen.reader_mut()?.step_match(&query, forward, rows) {
        return None;
    }
    let before = state.view.selected();
    let effect = step_article(state, if forward { 1 } else { -1 });
    match state.screen.reader_mut() {
        Some(r) if state.view.selected() != before => r.jump_to(if forward {
            Jump::FirstMatch
        } else {
            Jump::LastMatch
        }),
        _ => state.screen.say(if forward {
            "no more matches"
        } else {
            "no earlier match"
        }),
    }
    effect
}

/// The panes Tab moves through, in order, for the current layout.
fn focus_ring(state: &AppState) -> Vec<Focus> {
    let mut ring = vec![Focus::Tree, Focus::List];
    if state.screen.reader().is_some() || state.layout() == Layout::Wide {
        ring.push(Focus::Reader);
    }
    ring
}

fn cycle_focus(state: &mut AppState, forward: bool) {
    let ring = focus_ring(state);
    let focus = state.screen.focus();
    let pos = ring.iter().position(|f| *f == focus).unwrap_or(0);
    let n = ring.len();
    state.screen.set_focus(
        ring[if forward {
            (pos + 1) % n
        } else {
            (pos + n - 1) % n
        }],
    );
}

/// `o` / `y`: the link window, when the open article has links.
fn open_chooser(state: &mut AppState, copy: bool) {
    let reader = state
        .screen
        .reader()
        .filter(|_| state.screen.focus() == Focus::Reader);
    let Some(reader) = reader else {
        state.screen.say("open an article first");
        return;
    };
    if reader.links().is_empty() {
        state.screen.say("this article has no links or images");
        return;
    }
    state
        .screen
        .set_overlay(Some(Overlay::Links(LinkChooser::new(copy))));
}

/// `o` in the list: the article's own address ([`crate::library::Article::link`]) when its
/// front matter has one; else the article opened with the link window over it, as `o` in the
/// reader gives (its links come with the body, which may still be on its way).
fn open_from_list(state: &mut AppState) -> Vec<Effect> {
    let Some(id) = state.view.selected_article() else {
        return Vec::new();
    };
    if let Some(url) = state.catalog.article(id).link() {
        if !is_openable(url) {
            let msg = format!("not opened: only http, https and mailto links are ({url})");
            state.screen.say(msg);
            return Vec::new();
        }
        state.screen.say(format!("opening {url}"));
        return vec![Effect::OpenUrl(url.to_string())];
    }
    let effects = open(state);
    let no_links = state
        .screen
        .reader()
        .is_some_and(|r| r.rendered().is_some() && r.links().is_empty());
    if no_links {
        state.screen.say("this article has no links or images");
    } else {
        let chooser = LinkChooser::new(false);
        state.screen.set_overlay(Some(Overlay::Links(chooser)));
    }
    effects
}

/// Enter in the link window: the chosen link opened or copied (the window closes).
pub(super) fn choose_link(state: &mut AppState) -> Option<Effect> {
    let entries = state.screen.reader().map(|r| r.links()).unwrap_or_default();
    let Some(Overlay::Links(chooser)) = state.screen.take_overlay() else {
        return None;
    };
    if state.show_chosen_picture(&chooser, &entries) {
        return None;
    }
    let (effect, message) = choice(&chooser, &entries);
    state.screen.say(message);
    effect
}

fn apply_overlay(state: &mut AppState, action: Action) -> Vec<Effect> {
    let links = match state.screen.overlay() {
        Some(Overlay::Links(_)) => state.screen.reader().map_or(0, |r| r.links().len()),
        _ => 0,
    };
    let pictures = state.screen.reader().map_or(0, |r| r.picture_count());
    // The help page is kept within its length, so `G` lands on the last line and `k` moves
    // from there at once.
    let (help_max, help_page) = match state.screen.overlay() {
        Some(Overlay::Help { .. }) => {
            let (screen, size) = (&state.screen, state.screen.size());
            let keymap = state.settings.keymap();
            (
                help::max_scroll(keymap, screen.pane_context(), size),
                help::rows_shown(size),
            )
        }
        _ => (0, 0),
    };
    let Some(overlay) = state.screen.overlay_mut() else {
        return Vec::new();
    };
    match (overlay, action) {
        (_, Action::Quit) => {
            state.remember_position();
            return vec![Effect::Exit(Exit::Quit)];
        }
        (Overlay::ConfirmMarkAllRead { .. }, Action::Confirm | Action::Open) => {
            state.screen.set_overlay(None);
            let catalog = &state.catalog;
            let keys: Vec<_> = state
                .view
                .visible()
                .iter()
                .map(|&i| catalog.key(i))
                .collect();
            let undo = state.store.mark_all_read(&keys);
            state.screen.say(format!(
                "{} marked read; U undoes",
                crate::count::count(undo.len(), "article")
            ));
            state.undo = Some(undo);
            state.refilter();
        }
        (Overlay::Links(chooser), a) => match a {
            Action::Down => chooser.select(chooser.selected() + 1, links),
            Action::Up => chooser.select(chooser.selected().saturating_sub(1), links),
            Action::Top => chooser.select(0, links),
            Action::Bottom => chooser.select(links.saturating_sub(1), links),
            Action::Open | Action::Confirm => return choose_link(state).into_iter().collect(),
            _ => {}
        },
        (Overlay::ConfirmMarkAllRead { .. }, _) => {
            state.screen.set_overlay(None);
            state.screen.say("nothing marked");
        }
        (Overlay::SaveView(_), Action::Open) => return save_view(state),
        (Overlay::Help { .. }, Action::Help)
        | (Overlay::Problems { .. }, Action::Problems)
        | (_, Action::Back) => state.screen.set_overlay(None),
        (Overlay::Help { scroll }, a) => {
            let (max, page) = (help_max, help_page);
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
        (Overlay::Picture { n }, a) => {
            if let Some(step) = super::pictures::step(a) {
                *n = (*n as i64 + step).clamp(1, pictures.max(1) as i64) as u32;
            } else if matches!(a, Action::ViewPicture | Action::Open) {
                state.screen.set_overlay(None);
            }
        }
        (Overlay::SaveView(_), _) => {}
        (Overlay::DateFilter(prompt), a) => match a {
            Action::Down => prompt.move_by(true),
            Action::Up => prompt.move_by(false),
            Action::Open => apply_date_prompt(state),
            Action::TimelineEarlier => prompt.with_timeline(|t| t.move_by(-1)),
            Action::TimelineLater => prompt.with_timeline(|t| t.move_by(1)),
            Action::ZoomIn | Action::ZoomOut => {
                prompt.with_timeline(|t| t.zoom(a == Action::ZoomIn))
            }
            Action::MarkRange => prompt.with_timeline(|t| t.toggle_mark()),
            _ => {}
        },
    }
    Vec::new()
}

/// Enter in the date window: the typed range if any, else the selected preset; a range that
/// does not parse keeps the window open with the reason.
pub(super) fn apply_date_prompt(state: &mut AppState) {
    let today = state.settings.today();
    let Some(Overlay::DateFilter(prompt)) = state.screen.overlay_mut() else {
        return;
    };
    if let DateChoice::Range(days) = prompt.choose(today) {
        state.screen.set_overlay(None);
        state.view.set_filters(|f| f.days = days);
        state.refilter();
    }
}
