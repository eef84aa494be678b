//! The status bar: how many articles show, the active filters, problems, and the keys that
//! matter in the focused pane (from the keymap table).

use super::theme::Theme;
use crate::app::keymap::Context;
use crate::app::{AppState, Focus};
use crate::columns::{fit, width};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let cols = usize::from(area.width);
    let mut left = format!("{} of {} articles", state.visible.len(), state.order.len());
    if !state.category.is_empty() {
        left.push_str(&format!(" · cat: {}", state.category.join("/")));
    }
    if state.unread_only {
        left.push_str(" · unread");
    }
    if state.starred_only {
        left.push_str(" · starred");
    }
    if let Some(days) = &state.days {
        left.push_str(&format!(" · date: {}", days.label()));
    }
    let (errors, warnings) = state.problem_counts();
    let problems = if errors + warnings > 0 {
        format!(" · ! {} problems ", errors + warnings)
    } else {
        String::new()
    };
    let right = match &state.message {
        Some(m) => m.clone(),
        None => hints(state),
    };
    let used = width(&left) + width(&problems) + 2;
    let right = fit(&right, cols.saturating_sub(used));
    let mut spans = vec![Span::raw(format!(" {left}"))];
    if !problems.is_empty() {
        spans.push(Span::styled(problems, theme.warning));
    }
    spans.push(Span::raw("  "));
    spans.push(Span::raw(right));
    let line = Line::from(spans).style(theme.status);
    frame.render_widget(Paragraph::new(line), area);
}

fn hints(state: &AppState) -> String {
    let context = match state.focus {
        Focus::Tree => Context::Tree,
        Focus::List => Context::List,
        Focus::Reader => Context::Reader,
    };
    state
        .keymap
        .hints(context)
        .iter()
        .map(|(k, label)| format!("{k} {label}"))
        .collect::<Vec<_>>()
        .join(" · ")
}
