//! The reader pane: the open article's header and body, scrolled, with its position — or,
//! while the list has focus, the selected article's preview (`app/reader/preview.rs`).

use super::pane_block;
use super::theme::Theme;
use crate::app::{AppState, Focus};
use crate::columns::truncate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui_image::sliced::{SignedPosition, SlicedImage};

pub fn render(frame: &mut Frame, area: Rect, state: &AppState, theme: &Theme) {
    let focused = state.screen().focus() == Focus::Reader;
    let Some(reader) = state.screen().shown() else {
        let block = pane_block(" Reader ", focused, theme);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let hint = Paragraph::new("Enter opens the selected article.")
            .style(theme.dim)
            .wrap(Wrap { trim: true });
        frame.render_widget(hint, inner);
        return;
    };
    let rows = usize::from(area.height.saturating_sub(2));
    let (position, lines): (String, Vec<Line>) = match (reader.rendered(), reader.body()) {
        (_, Some(Err(why))) => (
            String::new(),
            vec![Line::styled(
                format!("Cannot read this article: {why}"),
                theme.warning,
            )],
        ),
        (Some(rendered), _) => {
            let total = rendered.lines.len();
            let end = (reader.scroll() + rows).min(total);
            let pct = if total <= rows {
                100
            } else {
                end * 100 / total
            };
            let query = state.view().active_query();
            let lines = rendered.lines[reader.scroll().min(total)..end]
                .iter()
                .map(|l| match query {
                    Some(q) => highlighted(l, &q.find_in_line(&l.text()), theme),
                    None => plain(l, theme),
                })
                .collect();
            let found = query.and_then(|q| reader.match_number(q));
            let at = found.map_or(String::new(), |(n, of)| format!(" match {n}/{of} ·"));
            (format!("{at} {end}/{total} {pct}% "), lines)
        }
        _ => (String::new(), loading(state, reader.article(), area, theme)),
    };
    let title = if state.screen().preview().is_some() {
        " Reader · preview "
    } else {
        " Reader "
    };
    let cols = usize::from(area.width.saturating_sub(2));
    let block = pane_block(
        truncate(title, cols.saturating_sub(position.len())),
        focused,
        theme,
    )
    .title_bottom(Line::from(truncate(&position, cols)).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines), inner);
    if reader.body().is_some_and(|b| b.is_ok()) {
        draw_pictures(frame, inner, reader);
    }
}

/// Draws each picture over the blank rows made for it, as much of it as is on screen: a
/// picture partly scrolled off shows its visible rows (the sliced protocol cuts it).
fn draw_pictures(frame: &mut Frame, inner: Rect, reader: &crate::app::reader::ReaderState) {
    let (top, rows) = (reader.scroll(), usize::from(inner.height));
    for (row, picture) in reader.placed_pictures() {
        let height = usize::from(picture.size().height);
        if row + height <= top || row >= top + rows {
            continue;
        }
        let y = i16::try_from(row as isize - top as isize).unwrap_or(i16::MAX);
        let image = SlicedImage::new(picture.sliced(), SignedPosition::from((0, y)));
        frame.render_widget(image, inner);
    }
}

/// Makes the visible links of the article in the pane (open or previewed) clickable (OSC 8,
/// see [`super::hyperlink`]), on the cells [`render`] drew them in `area`.
pub fn link_cells(buf: &mut ratatui::buffer::Buffer, area: Rect, state: &AppState) {
    let Some(reader) = state.screen().shown() else {
        return;
    };
    let Some(rendered) = reader.rendered() else {
        return;
    };
    let inner = ratatui::widgets::Block::bordered().inner(area);
    let total = rendered.lines.len();
    let start = reader.scroll().min(total);
    let end = (start + usize::from(inner.height)).min(total);
    let lines = &rendered.lines[start..end];
    super::hyperlink::mark(buf, inner, lines, &rendered.links, reader.article());
}

/// A laid-out line in the theme's styles.
fn plain<'a>(line: &'a crate::text::Line, theme: &Theme) -> Line<'a> {
    Line::from(
        line.spans
            .iter()
            .map(|s| Span::styled(s.text.as_str(), theme.span(&s.style)))
            .collect::<Vec<_>>(),
    )
}

/// While the body is read: the header at once, from the metadata at hand.
fn loading(state: &AppState, id: usize, area: Rect, theme: &Theme) -> Vec<Line<'static>> {
    let article = state.catalog().article(id);
    let date = state.settings().zone().format_date(article.when());
    let header = crate::article_view::header(article, super::reader_text_width(area), &date);
    let owned = |l: Line| -> Line<'static> {
        l.into_iter()
            .map(|s| Span::styled(s.content.into_owned(), s.style))
            .collect()
    };
    let mut lines: Vec<_> = header
        .lines
        .iter()
        .map(|l| owned(plain(l, theme)))
        .collect();
    lines.push(Line::default());
    lines.push(Line::styled("Loading…", theme.dim));
    lines
}

/// A line with the byte ranges `hits` (in the line's text) shown as search matches: spans are
/// cut where a match starts or ends.
fn highlighted<'a>(
    line: &'a crate::text::Line,
    hits: &[(usize, usize)],
    theme: &Theme,
) -> Line<'a> {
    let mark = |style: ratatui::style::Style| {
        style
            .patch(theme.selected)
            .add_modifier(ratatui::style::Modifier::BOLD)
    };
    let mut out = Vec::new();
    let mut offset = 0;
    for span in &line.spans {
        let style = theme.span(&span.style);
        let (start, end) = (offset, offset + span.text.len());
        let mut at = start;
        for &(a, b) in hits.iter().filter(|&&(a, b)| a < end && b > start) {
            let (a, b) = (a.max(start), b.min(end));
            if a > at {
                out.push(Span::styled(&span.text[at - start..a - start], style));
            }
            out.push(Span::styled(&span.text[a - start..b - start], mark(style)));
            at = b;
        }
        if at < end {
            out.push(Span::styled(&span.text[at - start..], style));
        }
        offset = end;
    }
    Line::from(out)
}
