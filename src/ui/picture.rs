//! The picture window: one picture of the open article alone, as large as the screen allows,
//! its number and caption in the border. Until it has arrived at that size, a word says so.

use super::theme::Theme;
use crate::app::AppState;
use crate::columns::truncate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui_image::sliced::{SignedPosition, SlicedImage};

pub fn render(frame: &mut Frame, area: Rect, state: &AppState, n: u32, theme: &Theme) {
    let Some(reader) = state.screen().reader() else {
        return;
    };
    let window = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    let count = reader.picture_count();
    let src = reader
        .rendered()
        .and_then(|r| r.images.get(n as usize - 1).cloned())
        .unwrap_or_default();
    let cols = usize::from(window.width.saturating_sub(4));
    let title = crate::sanitize::clean_line(&format!(" picture {n} of {count}: {src} "));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focused)
        .title(truncate(&title, cols))
        .title_bottom(Line::from(" n/p next, previous · esc back ").right_aligned());
    let inner = block.inner(window);
    frame.render_widget(Clear, window);
    frame.render_widget(block, window);
    match reader.full_picture(n) {
        Some(picture) => {
            // Centred across; from the top, where the eye starts.
            let x = inner.width.saturating_sub(picture.size().width) / 2;
            let position = SignedPosition::from((i16::try_from(x).unwrap_or(0), 0));
            frame.render_widget(SlicedImage::new(picture.sliced(), position), inner);
        }
        None => {
            let word = "[not on disk, or still being prepared]";
            frame.render_widget(Paragraph::new(word).style(theme.dim), inner);
        }
    }
}
