//! The article list: marks (`•` unread, `★` starred, side by side so a starred unread
//! article shows both), date, source and title, one row each, in the chosen order. Unread
//! titles are bold. The title says where the selection is: `Articles 123/12,497`.

use super::pane_block;
use super::theme::Theme;
use crate::app::{AppState, Focus};
use crate::columns::{fit, truncate};
use crate::count::grouped;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let focused = state.screen().focus() == Focus::List;
    let view = state.view();
    let catalog = state.catalog();
    let shown = view.visible().len();
    let at = if shown == 0 { 0 } else { view.selected() + 1 };
    let title = format!(
        " {} {}/{} ",
        crate::count::noun(shown, "Article"),
        grouped(at),
        grouped(shown)
    );
    let block = pane_block(
        truncate(&title, usize::from(area.width.saturating_sub(2))),
        focused,
        theme,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if view.visible().is_empty() {
        let library = catalog.library();
        let msg = if catalog.loading().is_some() {
            "Loading…".to_string()
        } else if catalog.order().is_empty() && library.files_seen == 0 {
            // Which names are read and what is there instead: the usual reason is a wrong
            // folder or articles in a format gazette does not read.
            let what = crate::library::empty::describe(library.files_ignored, &[]);
            format!("N{}.", what.strip_prefix('n').unwrap_or(&what))
        } else if catalog.order().is_empty() {
            "No articles in this library.".to_string()
        } else {
            "No article matches the filters. C clears the category, D the dates.".to_string()
        };
        frame.render_widget(
            Paragraph::new(msg)
                .style(theme.dim)
                .wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
        return;
    }
    let width = usize::from(inner.width);
    let source_cols = if width >= 60 { 12 } else { 0 };
    let fmt = state.settings().date_format();
    let zone = state.settings().zone();
    // Every date takes the width of a sample one, so undated rows line up too.
    let sample = chrono::NaiveDate::from_ymd_opt(2022, 12, 30)
        .unwrap_or_default()
        .and_time(Default::default());
    let date_cols = crate::columns::width(&sample.format(fmt).to_string());
    let rows = usize::from(inner.height);
    let lines: Vec<Line> = view
        .visible()
        .iter()
        .enumerate()
        .skip(view.list_offset())
        .take(rows)
        .map(|(pos, &index)| {
            let a = catalog.article(index);
            let date = a.when().map_or_else(
                || "-".repeat(date_cols),
                |d| fit(&zone.format_row(d, fmt), date_cols),
            );
            let entry = state.entry(index);
            let mark = match (entry.read, entry.starred) {
                (false, true) => "•★",
                (false, false) => "• ",
                (true, true) => " ★",
                (true, false) => "  ",
            };
            let mut used = date_cols + 3;
            let mut spans = vec![
                Span::styled(mark, theme.unread),
                Span::styled(format!("{date} "), theme.dim),
            ];
            if source_cols > 0 {
                spans.push(Span::raw(format!("{} ", fit(a.source(), source_cols))));
                used += source_cols + 1;
            }
            let title_style = if entry.read { theme.read } else { theme.title };
            spans.push(Span::styled(
                fit(&a.title, width.saturating_sub(used)),
                title_style,
            ));
            let line = Line::from(spans);
            super::row(line, pos == view.selected(), focused, theme)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
