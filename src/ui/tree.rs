//! The category tree pane: hierarchy, flat categories and tags with their counts
//! (`unread/total`, or just the total when all are read).

use super::pane_block;
use super::theme::Theme;
use crate::app::tree::NodeKind;
use crate::app::{AppState, Focus};
use crate::columns::{fit, width};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let focused = state.screen().focus() == Focus::Tree;
    let category = &state.view().filters().category;
    let block = pane_block(" Categories ", focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let cols = usize::from(inner.width);
    let tree = state.view().tree();
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
            let count = if node.unread > 0 {
                format!(" {}/{}", node.unread, node.count)
            } else {
                format!(" {}", node.count)
            };
            let indent = "  ".repeat(node.depth);
            let label_cols = cols.saturating_sub(indent.len() + 2 + width(&count));
            let active = match node.kind {
                NodeKind::All => category.is_empty(),
                NodeKind::Heading => false,
                _ => *category == node.path,
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
                Span::styled(fit(node.label(), label_cols), label_style),
                Span::styled(count, theme.dim),
            ]);
            super::row(line, pos == tree.selected, focused, theme)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
