//! Pixels → what the terminal draws, at a size in cells. The protocol (kitty, sixel, iTerm2
//! or halfblocks) and the font's cell size come from a `Picker` made once at start-up; the
//! result is sliced by rows so a tall picture can be drawn partly, as the article scrolls.

use image::DynamicImage;
use ratatui::layout::Size;
use ratatui_image::Resize;
use ratatui_image::picker::Picker;
use ratatui_image::sliced::SlicedProtocol;
use std::fmt;
use std::sync::Arc;

/// The `images` setting: how pictures are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// The best the terminal says it can do; halfblocks when it says nothing.
    #[default]
    Auto,
    /// Coloured half-block characters, whatever the terminal: text cells only.
    Halfblocks,
    /// No pictures: placeholders only, and the terminal is never queried.
    Off,
}

impl Mode {
    pub const NAMES: &[&str] = &["auto", "halfblocks", "off"];

    pub fn parse(name: &str) -> Option<Mode> {
        match name {
            "auto" => Some(Mode::Auto),
            "halfblocks" => Some(Mode::Halfblocks),
            "off" => Some(Mode::Off),
            _ => None,
        }
    }
}

/// A picture encoded for the terminal at one size; cheap to clone (shared).
#[derive(Clone)]
pub struct Picture {
    sliced: Arc<SlicedProtocol>,
}

impl fmt::Debug for Picture {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let size = self.size();
        write!(f, "Picture({}x{} cells)", size.width, size.height)
    }
}

impl Picture {
    /// `image` fitted into `cols` × `rows` cells (never enlarged), encoded for `picker`.
    pub fn fit(
        picker: &Picker,
        image: DynamicImage,
        cols: u16,
        rows: u16,
    ) -> Result<Picture, String> {
        let area = Size::new(cols.max(1), rows.max(1));
        let resize = Resize::Fit(None);
        let size = resize.size_for(&image, picker.font_size(), area);
        let size = Size::new(
            size.width.clamp(1, area.width),
            size.height.clamp(1, area.height),
        );
        let sliced = crate::crash::catch_quietly(|| {
            SlicedProtocol::new_with_resize(picker, image, size, resize)
        })
        .ok_or_else(|| "the picture could not be prepared for the terminal".to_string())?
        .map_err(|e| format!("the picture could not be prepared for the terminal: {e}"))?;
        Ok(Picture {
            sliced: Arc::new(sliced),
        })
    }

    /// Its size in cells.
    pub fn size(&self) -> Size {
        self.sliced.size()
    }

    pub fn sliced(&self) -> &SlicedProtocol {
        &self.sliced
    }
}
