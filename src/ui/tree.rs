//! The category tree pane: saved views, hierarchy, folders, flat categories and tags with
//! their counts (`unread/total`, or just the total when all are read), and the name being
//! typed to narrow it, in the pane's title.

use super::pane_block;
use super::theme::Theme;
use crate::app::tree::NodeKind;
use crate::app::{AppState, Focus};
use crate::columns::{fit, width};
use crate::sanitize::clean_line;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::borrow::Cow;

pub fn render(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let focused = state.screen().focus() == Focus::Tree;
    let filters = state.view().filters();
    let (category, folder) = (&filters.category, &filters.folder);
    let tree = state.view().tree();
    let title = match tree.name_filter() {
        Some((line, editing)) => {
            let (before, after) = line.split();
            let cursor = if editing && focused { "▏" } else { "" };
            format!(" find: {before}{cursor}{after} ")
        }
        None => " Categories ".to_string(),
    };
    let block = pane_block(title, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let cols = usize::from(inner.width);
    let lines: Vec<Line> = tree
        .visible
        .iter()
        .enumerate()
        .skip(tree.offset)
        .take(usize::from(inner.height))
        .map(|(pos, &i)| {
            let node = &tree.nodes[i];
            let marker = match (node.has_children, tree.is_collapsed(node)) {
                (false, _) => "  ",
                (true, true) => "▸ ",
                (true, false) => "▾ ",
            };
            let count = match (node.unread, node.count) {
                (0, 0) if node.kind == NodeKind::Heading => String::new(),
                (0, total) => format!(" {total}"),
                (unread, total) => format!(" {unread}/{total}"),
            };
            let indent = "  ".repeat(node.depth);
            let label_cols = cols.saturating_sub(indent.len() + 2 + width(&count));
            let active = match node.kind {
                NodeKind::All => category.is_empty() && folder.is_empty(),
                NodeKind::Heading => false,
                NodeKind::Folder => *folder == node.path,
                NodeKind::View => state.view().is_applied_view(&node.path[0]),
                _ => *category == node.path,
            };
            // A view's name comes from the configuration file, which may hold anything.
            let label = match node.kind {
                NodeKind::View => Cow::Owned(clean_line(&node.label())),
                _ => node.label(),
            };
            let label_style = if active {
                theme.title
            } else if node.kind == NodeKind::Heading {
                theme.dim
            } else {
                Default::default()
            };
            let line = Line::from(vec![
                Span::raw(format!("{indent}{marker}")),
                Span::styled(fit(&label, label_cols), label_style),
                Span::styled(count, theme.dim),
            ]);
            super::row(line, pos == tree.selected, focused, theme)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
