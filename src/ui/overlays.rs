//! Windows drawn over the panes: help (from the keymap table), problems, links, the
//! mark-all-read question; the date filter has its own file (`dates.rs`).

use super::theme::Theme;
use crate::app::AppState;
use crate::app::keymap::help::{self, HelpLine};
use crate::app::line_edit::LineEdit;
use crate::app::overlay::LinkChooser;
use crate::app::views::ViewPrompt;
use crate::columns::fit;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

/// A centred rectangle at most `w`×`h`, inside `area`.
pub(super) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

pub(super) fn window(frame: &mut Frame, rect: Rect, title: &str, theme: &Theme) -> Rect {
    frame.render_widget(Clear, rect);
    split_wide_edges(frame.buffer_mut(), rect);
    let block = Block::bordered()
        .border_style(theme.border_focused)
        .title(title);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// The help page ([`help::lines`]), already wrapped to the window, so the scroll counts
/// display lines and the last one can be reached.
pub fn help(frame: &mut Frame, area: Rect, state: &AppState, scroll: usize, theme: &Theme) {
    let (w, h) = help::window_size((area.width, area.height));
    let rect = centered(area, w, h);
    let inner = window(frame, rect, " Keys (Esc closes) ", theme);
    let cols = usize::from(inner.width);
    let key_cols = help::key_columns(cols);
    let keymap = state.settings().keymap();
    let page = help::lines(keymap, state.screen().pane_context(), cols);
    let scroll = scroll.min(page.len().saturating_sub(usize::from(inner.height)));
    let lines: Vec<Line> = page
        .into_iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .map(|l| match l {
            HelpLine::Heading(title) => Line::styled(title, theme.heading),
            HelpLine::Row { keys, text } => Line::from(vec![
                Span::styled(format!("  {} ", fit(&keys, key_cols)), theme.code),
                Span::raw(text),
            ]),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn problems(frame: &mut Frame, area: Rect, state: &AppState, scroll: usize, theme: &Theme) {
    let rect = centered(
        area,
        area.width.saturating_sub(4).max(10),
        area.height.saturating_sub(2).max(3),
    );
    let inner = window(frame, rect, " Problems (Esc closes) ", theme);
    let mut lines: Vec<Line> = state
        .catalog()
        .library()
        .problems
        .iter()
        .map(|p| Line::raw(p.to_string()))
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled(
            "Every file was read without problems.",
            theme.dim,
        ));
    }
    let scroll = scroll.min(lines.len().saturating_sub(1));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll as u16, 0)),
        inner,
    );
}

pub fn confirm(frame: &mut Frame, area: Rect, count: usize, theme: &Theme) {
    let rect = centered(area, 44, 5);
    let inner = window(frame, rect, " Mark all read ", theme);
    let text = format!(
        "Mark {} of the list read? y: yes, Esc: no (U undoes it later)",
        crate::count::count(count, "article")
    );
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), inner);
}

pub fn links(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    chooser: &LinkChooser,
    theme: &Theme,
) {
    let entries = state
        .screen()
        .reader()
        .map(|r| r.links())
        .unwrap_or_default();
    let height = (entries.len() as u16)
        .saturating_add(4)
        .min(area.height.saturating_sub(2))
        .max(3);
    let rect = centered(area, area.width.saturating_sub(4).clamp(10, 100), height);
    let title = if chooser.copy() {
        " Copy which link? "
    } else {
        " Open which link? "
    };
    let inner = window(frame, rect, title, theme);
    let rows = usize::from(inner.height.saturating_sub(2)).max(1);
    let first = chooser.selected().saturating_sub(rows - 1);
    let cols = usize::from(inner.width);
    let mut lines: Vec<Line> = entries
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, (label, url))| {
            let label = match label.strip_prefix('i') {
                Some(n) => format!("[image {n}]"),
                None => format!("[{label}]"),
            };
            let line = Line::from(vec![
                Span::styled(format!("{label:>10} "), theme.link),
                Span::raw(fit(url, cols.saturating_sub(11))),
            ]);
            super::row(
                line,
                i == chooser.selected() && chooser.line().is_empty(),
                true,
                theme,
            )
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(typed_line(
        " number: ",
        chooser.line(),
        "  (i2 = image 2, Enter takes it)",
        theme,
    ));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The save-view window: the query to be saved and the name being typed.
pub fn save_view(frame: &mut Frame, area: Rect, prompt: &ViewPrompt, theme: &Theme) {
    let rect = centered(area, 60, 6);
    let inner = window(frame, rect, " Save as a view ", theme);
    let query = crate::sanitize::clean_line(prompt.query());
    let lines = vec![
        Line::from(vec![Span::styled(" query: ", theme.dim), Span::raw(query)]),
        typed_line(" name: ", prompt.line(), "", theme),
        match prompt.error().or(prompt.left_out()) {
            Some(e) => Line::styled(format!(" {e}"), theme.warning),
            None => Line::styled(
                " Enter saves it in the config file · Esc cancels",
                theme.dim,
            ),
        },
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// A wide (CJK) character just outside a window would spill its second column over the
/// window's border, and one cut by the window's right edge would leave half a character:
/// both are blanked so the window's frame stays whole.
fn split_wide_edges(buf: &mut ratatui::buffer::Buffer, rect: Rect) {
    let area = buf.area;
    for y in rect.top()..rect.bottom().min(area.bottom()) {
        if rect.x > area.x {
            let left = &mut buf[(rect.x - 1, y)];
            if unicode_width::UnicodeWidthStr::width(left.symbol()) > 1 {
                left.set_symbol(" ");
            }
        }
        let right = rect.right();
        if right < area.right() && buf[(right, y)].symbol().is_empty() {
            buf[(right, y)].set_symbol(" ");
        }
    }
}

/// A line being typed in a window: its label, the text with a cursor, and a dim hint.
pub(super) fn typed_line<'a>(
    label: &'a str,
    typed: &LineEdit,
    hint: &'a str,
    theme: &Theme,
) -> Line<'a> {
    let (before, after) = typed.split();
    Line::from(vec![
        Span::styled(label, theme.dim),
        Span::raw(format!("{before}▏{after}")),
        Span::styled(hint, theme.dim),
    ])
}
