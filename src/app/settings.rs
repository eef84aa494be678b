//! What the configuration decides for the reader, built once from the [`Config`] (whose
//! `Default` is the one place defaults are written) and only read afterwards.

use super::keymap::Keymap;
use super::screen::Layout;
use crate::config::Config;
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
        }
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

    /// The layout for a terminal `width` columns wide.
    pub fn layout(&self, width: u16) -> Layout {
        Layout::for_width(width, self.layout_widths)
    }
}
