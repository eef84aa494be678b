//! What the configuration decides for the reader, built once from the [`Config`] (whose
//! `Default` is the one place defaults are written) and only read afterwards.

use super::keymap::Keymap;
use super::screen::Layout;
use crate::config::{Config, SavedView};
use crate::library::order::SortOrder;
use crate::zone::Zone;
use chrono::{DateTime, NaiveDate, Utc};

pub struct Settings {
    zone: Zone,
    /// The day "today" is, in `zone`, when the reader started: date presets count from it.
    today: NaiveDate,
    /// Column thresholds for the wide and medium layouts.
    layout_widths: (u16, u16),
    /// strftime format of the list's date column.
    date_format: String,
    keymap: Keymap,
    /// How pictures are shown; with `Off` none is asked for.
    images: crate::picture::Mode,
    /// The command `|` pipes the article's text to (`pipe_to`), if one is set.
    pipe_to: Option<String>,
    /// Links are made clickable (OSC 8): `hyperlinks = "on"`, or `"auto"` as the event loop
    /// resolved it for this terminal before building the settings.
    hyperlinks: bool,
    /// The reader pane previews the list's selection (`preview` in the configuration).
    preview: bool,
    /// The saved views the file held at start (the reader's own list grows as views are
    /// saved: see `views.rs`).
    views: Vec<SavedView>,
    /// The list's order at start.
    sort: SortOrder,
}

impl Settings {
    /// The settings of `config`, with today taken from `now`.
    pub fn from_config(config: &Config, now: DateTime<Utc>) -> Settings {
        Settings {
            zone: config.zone,
            today: config.zone.today(now),
            layout_widths: (config.wide, config.medium),
            date_format: config.date_format.clone(),
            keymap: config.keymap.clone(),
            images: config.images,
            pipe_to: config.pipe_to.clone(),
            hyperlinks: config.hyperlinks == crate::ui::hyperlink::Hyperlinks::On,
            preview: config.preview,
            views: config.views.clone(),
            sort: config.sort,
        }
    }

    pub fn sort(&self) -> SortOrder {
        self.sort
    }

    pub fn zone(&self) -> Zone {
        self.zone
    }

    pub fn today(&self) -> NaiveDate {
        self.today
    }

    pub fn date_format(&self) -> &str {
        &self.date_format
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    pub fn images(&self) -> crate::picture::Mode {
        self.images
    }

    pub fn pipe_to(&self) -> Option<&str> {
        self.pipe_to.as_deref()
    }

    pub fn hyperlinks(&self) -> bool {
        self.hyperlinks
    }

    pub fn preview(&self) -> bool {
        self.preview
    }

    pub fn views(&self) -> &[SavedView] {
        &self.views
    }

    /// The layout for a terminal `width` columns wide.
    pub fn layout(&self, width: u16) -> Layout {
        Layout::for_width(width, self.layout_widths)
    }
}
