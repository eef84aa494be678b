//! The status bar: how many articles show, the active filters, problems, and the keys that
//! matter in the focused pane (from the keymap table).

use super::theme::Theme;
use crate::app::AppState;
use crate::app::keymap::{Context, Keymap};
use crate::columns::{fit, width};
use crate::count::count;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let cols = usize::from(area.width);
    let view = state.view();
    let filters = view.filters();
    if let Some(s) = view.search().filter(|s| s.editing()) {
        let line = search_line(s, cols, theme);
        frame.render_widget(Paragraph::new(line.style(theme.status)), area);
        return;
    }
    let mut left = format!(
        "{} of {}",
        view.visible().len(),
        count(state.catalog().order().len(), "article")
    );
    if !filters.category.is_empty() {
        left.push_str(&format!(" · cat: {}", filters.category.join("/")));
    }
    if !filters.folder.is_empty() {
        left.push_str(&format!(" · folder: {}", filters.folder.join("/")));
    }
    if filters.unread_only {
        left.push_str(" · unread");
    }
    if filters.starred_only {
        left.push_str(" · starred");
    }
    if let Some(days) = &filters.days {
        left.push_str(&format!(" · date: {}", days.label()));
    }
    if let Some(s) = view.search() {
        left.push_str(&format!(" · /{}", s.line().text()));
        match (s.progress(), s.matched()) {
            (Some((done, total)), _) => left.push_str(&format!(" searching {}", bar(done, total))),
            (None, Some(n)) => left.push_str(&format!(" ({n} in full text)")),
            _ => {}
        }
    }
    if let Some(l) = state.catalog().loading() {
        left.push_str(&format!(" · loading {}", bar(l.done, l.found)));
    }
    let (errors, warnings) = state.catalog().problem_counts();
    let problems = if errors + warnings > 0 {
        format!(" · ! {} ", count(errors + warnings, "problem"))
    } else {
        String::new()
    };
    // A space before `left`, two before the hints.
    let used = 1 + width(&left) + width(&problems) + 2;
    let room = cols.saturating_sub(used);
    let right = match state.screen().message() {
        Some(m) => fit(m, room),
        None => fit(&hints(state, room), room),
    };
    let mut spans = vec![Span::raw(format!(" {left}"))];
    if !problems.is_empty() {
        spans.push(Span::styled(problems, theme.warning));
    }
    spans.push(Span::raw("  "));
    spans.push(Span::raw(right));
    let line = Line::from(spans).style(theme.status);
    frame.render_widget(Paragraph::new(line), area);
}

/// Whose hints the bar shows: the date window's while it is open (its keys are its own),
/// else the focused pane's, whatever window is over it.
fn hint_context(state: &AppState) -> Context {
    match state.screen().context() {
        Context::Dates => Context::Dates,
        _ => state.screen().pane_context(),
    }
}

/// The focused pane's key hints that fit in `room` columns. When they do not all fit, whole
/// hints are left out from the last one back, `? help` and `q quit` last of all: with those two
/// a user can find every other key, and leave.
fn hints(state: &AppState, room: usize) -> String {
    let all: Vec<(String, bool)> = state
        .settings()
        .keymap()
        .hints(hint_context(state))
        .into_iter()
        .map(|(k, label)| (format!("{k} {label}"), Keymap::is_essential_hint(label)))
        .collect();
    let mut shown = vec![true; all.len()];
    let joined = |shown: &[bool]| {
        (all.iter().zip(shown))
            .filter(|(_, s)| **s)
            .map(|((h, _), _)| h.as_str())
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let drop_order = (0..all.len()).rev().filter(|&i| !all[i].1);
    let drop_order = drop_order.chain((0..all.len()).rev().filter(|&i| all[i].1));
    for i in drop_order {
        if width(&joined(&shown)) <= room {
            break;
        }
        shown[i] = false;
    }
    joined(&shown)
}

/// `12,345/100,000 ▕███░░░░░▏`: a count and an eight-cell bar.
fn bar(done: usize, total: usize) -> String {
    let filled = if total == 0 {
        0
    } else {
        (done.min(total) * 8).div_ceil(total.max(1))
    };
    let cells: String = (0..8).map(|i| if i < filled { '█' } else { '░' }).collect();
    format!("{done}/{total} ▕{cells}▏")
}

/// The search line while it has the keyboard: what is typed, then what Enter and Esc do, or
/// why the query is not understood.
fn search_line<'a>(s: &'a crate::app::search::SearchState, cols: usize, theme: &Theme) -> Line<'a> {
    let (before, after) = s.line().split();
    let typed = format!(" /{before}▏{after} ");
    let rest = cols.saturating_sub(width(&typed));
    let tail = match &s.error() {
        Some(e) => Span::styled(fit(e, rest), theme.warning),
        None => Span::raw(fit("Enter: search the full text too · Esc: cancel", rest)),
    };
    Line::from(vec![Span::raw(typed), tail])
}
