//! The screen: which pane has focus, what is drawn over the panes, the open article and the
//! one previewed (`reader/preview.rs`), where
//! the panes are for this terminal size, the status-bar message and the keys typed so far
//! of a longer binding. Where panes go is decided here (a pure function of size, layout and
//! focus), so scrolling and clicks know the sizes `ui/` will draw at.

use super::keymap::Context;
use super::overlay::Overlay;
use super::reader::ReaderState;
use super::reader::preview::Preview;
use ratatui::layout::{Constraint, Rect};

/// Which pane keys go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Tree,
    List,
    Reader,
}

/// How many panes fit side by side, by terminal width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// 120 columns and more: tree, list and reader.
    Wide,
    /// 80–119 columns: list and reader; the tree replaces the reader while it has focus.
    Medium,
    /// Under 80 columns: the focused pane alone.
    Narrow,
}

impl Layout {
    /// The layout for `width` columns, given the (wide, medium) thresholds.
    pub fn for_width(width: u16, (wide, medium): (u16, u16)) -> Layout {
        if width >= wide {
            Layout::Wide
        } else if width >= medium {
            Layout::Medium
        } else {
            Layout::Narrow
        }
    }
}

/// Where the panes are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    pub tree: Option<Rect>,
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
}

/// Where each pane goes in `area` (the status bar takes the last row) for this layout, focus
/// and whether an article is open.
pub fn areas(area: Rect, layout: Layout, focus: Focus, reader_open: bool) -> Areas {
    let [main, _status] =
        ratatui::layout::Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let h = |c: &[Constraint]| ratatui::layout::Layout::horizontal(c.to_vec()).split(main);
    match layout {
        Layout::Wide => {
            let r = h(&[
                Constraint::Percentage(20),
                Constraint::Percentage(35),
                Constraint::Fill(1),
            ]);
            Areas {
                tree: Some(r[0]),
                list: Some(r[1]),
                reader: Some(r[2]),
            }
        }
        Layout::Medium if focus == Focus::Tree => {
            let r = h(&[Constraint::Percentage(35), Constraint::Fill(1)]);
            Areas {
                tree: Some(r[0]),
                list: Some(r[1]),
                reader: None,
            }
        }
        Layout::Medium => {
            let r = h(&[Constraint::Percentage(40), Constraint::Fill(1)]);
            Areas {
                tree: None,
                list: Some(r[0]),
                reader: Some(r[1]),
            }
        }
        Layout::Narrow => match focus {
            Focus::Tree => Areas {
                tree: Some(main),
                ..Areas::default()
            },
            Focus::Reader if reader_open => Areas {
                reader: Some(main),
                ..Areas::default()
            },
            _ => Areas {
                list: Some(main),
                ..Areas::default()
            },
        },
    }
}

/// Rows inside a pane's border; 10 before the pane was ever laid out.
fn inner_rows(r: Option<Rect>) -> usize {
    r.map_or(10, |r| usize::from(r.height.saturating_sub(2)).max(1))
}

pub struct Screen {
    focus: Focus,
    overlay: Option<Overlay>,
    reader: Option<ReaderState>,
    /// The selected article the reader pane previews, while the list or tree has focus.
    preview: Option<Preview>,
    /// The terminal's size: (columns, rows).
    size: (u16, u16),
    /// Where the panes were laid out last.
    areas: Areas,
    /// A one-off message for the status bar (an error, a confirmation).
    message: Option<String>,
    /// Keys typed so far of a multi-key binding (`g` of `g g`).
    pending_keys: Vec<String>,
    /// A count typed before a key (`5` of `5j`), not used yet.
    count: Option<usize>,
}

impl Default for Screen {
    fn default() -> Screen {
        Screen {
            focus: Focus::List,
            overlay: None,
            reader: None,
            preview: None,
            size: (80, 24),
            areas: Areas::default(),
            message: None,
            pending_keys: Vec::new(),
            count: None,
        }
    }
}

impl Screen {
    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn set_focus(&mut self, focus: Focus) {
        self.focus = focus;
    }

    /// The keymap context keys are looked up in: the focused pane's, or the global one while
    /// a window is open.
    pub fn context(&self) -> Context {
        if let Some(Overlay::Picture { .. }) = self.overlay {
            Context::Reader
        } else if matches!(self.overlay, Some(Overlay::DateFilter(_))) {
            Context::Dates
        } else if self.overlay.is_some() {
            Context::Global
        } else {
            self.pane_context()
        }
    }

    /// The context of the focused pane, whatever is open over it (the status bar's hints, the
    /// help page's order); focus maps to a context in one place, `From<Focus> for Context`.
    pub fn pane_context(&self) -> Context {
        self.focus.into()
    }

    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }

    pub fn overlay_mut(&mut self) -> Option<&mut Overlay> {
        self.overlay.as_mut()
    }

    pub fn set_overlay(&mut self, overlay: Option<Overlay>) {
        self.overlay = overlay;
    }

    pub fn take_overlay(&mut self) -> Option<Overlay> {
        self.overlay.take()
    }

    pub fn reader(&self) -> Option<&ReaderState> {
        self.reader.as_ref()
    }

    pub fn reader_mut(&mut self) -> Option<&mut ReaderState> {
        self.reader.as_mut()
    }

    pub fn set_reader(&mut self, reader: ReaderState) {
        self.reader = Some(reader);
    }

    pub fn preview(&self) -> Option<&Preview> {
        self.preview.as_ref()
    }

    pub fn preview_mut(&mut self) -> Option<&mut Preview> {
        self.preview.as_mut()
    }

    pub fn set_preview(&mut self, preview: Option<Preview>) {
        self.preview = preview;
    }

    pub fn take_preview(&mut self) -> Option<Preview> {
        self.preview.take()
    }

    /// What the reader pane shows: the preview while there is one, else the open article.
    pub fn shown(&self) -> Option<&ReaderState> {
        self.preview
            .as_ref()
            .map(Preview::shown)
            .or(self.reader.as_ref())
    }

    /// What the reader pane shows, to scroll it (the wheel over a preview scrolls the preview).
    pub fn shown_mut(&mut self) -> Option<&mut ReaderState> {
        match &mut self.preview {
            Some(p) => Some(p.shown_mut()),
            None => self.reader.as_mut(),
        }
    }

    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    pub fn set_size(&mut self, size: (u16, u16)) {
        self.size = size;
    }

    pub fn areas(&self) -> Areas {
        self.areas
    }

    /// Lays the panes out for the current size in `layout`.
    pub fn relayout(&mut self, layout: Layout) {
        let (cols, rows) = self.size;
        self.areas = areas(
            Rect::new(0, 0, cols, rows),
            layout,
            self.focus,
            self.reader.is_some(),
        );
    }

    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    pub fn say(&mut self, message: impl Into<String>) {
        self.message = Some(message.into());
    }

    pub fn clear_message(&mut self) {
        self.message = None;
    }

    pub fn pending_keys(&self) -> &[String] {
        &self.pending_keys
    }

    /// The key typed starts a longer binding: remember it.
    pub fn push_pending(&mut self, key: Option<String>) {
        self.pending_keys.extend(key);
    }

    pub fn clear_pending(&mut self) {
        self.pending_keys.clear();
    }

    /// The count typed so far, for the status bar.
    pub fn count(&self) -> Option<usize> {
        self.count
    }

    /// One more digit of the count (kept below a million: no movement needs more).
    pub fn push_count_digit(&mut self, digit: u32) {
        let n = self.count.unwrap_or(0) * 10 + digit as usize;
        self.count = Some(n.min(999_999));
    }

    /// The count, used up by the key it was typed for.
    pub fn take_count(&mut self) -> Option<usize> {
        self.count.take()
    }

    /// Rows of article list the last layout had room for.
    pub fn list_rows(&self) -> usize {
        inner_rows(self.areas.list)
    }

    pub fn reader_rows(&self) -> usize {
        inner_rows(self.areas.reader)
    }

    pub fn tree_rows(&self) -> usize {
        inner_rows(self.areas.tree)
    }

    /// Rows of the focused pane (what a page is).
    pub fn focused_rows(&self) -> usize {
        match self.focus {
            Focus::Reader => self.reader_rows(),
            Focus::List => self.list_rows(),
            Focus::Tree => self.tree_rows(),
        }
    }
}
