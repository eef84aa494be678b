//! What is drawn over the panes: the overlay windows and the prompts typed into them.

use super::dates::{self, DayRange};
use super::line_edit::{Edit, LineEdit, Outcome};
use super::timeline::Timeline;
use chrono::NaiveDate;

/// A window over the whole screen, drawn above the panes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Problems {
        scroll: usize,
    },
    DateFilter(DatePrompt),
    /// Every link and image of the open article, to open or copy one.
    Links(LinkChooser),
    /// Picture `n` of the open article alone, as large as the screen allows; keys are the
    /// reader's (next and previous article step through the pictures).
    Picture {
        n: u32,
    },
    /// "Mark N articles read?" — `y` or Enter confirms, anything else cancels.
    ConfirmMarkAllRead {
        count: usize,
    },
    /// The name of a view to save the current filter as.
    SaveView(super::views::ViewPrompt),
}

/// The date filter window: the timeline of the articles shown, a list of presets and a line
/// to type a range into. Enter takes the typed range if any, else the part last moved in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DatePrompt {
    selected: usize,
    line: LineEdit,
    error: Option<String>,
    timeline: Timeline,
    /// The timeline was moved in last (`h`/`l`, zoom, mark), so Enter takes its bars.
    on_timeline: bool,
}

/// What Enter in the date window asks for.
pub enum DateChoice {
    Range(Option<DayRange>),
    /// The typed range does not parse: the window stays, with the reason.
    Invalid,
}

impl DatePrompt {
    /// The window over the articles `timeline` counts (those the other filters show).
    pub fn new(timeline: Timeline) -> DatePrompt {
        DatePrompt {
            timeline,
            ..DatePrompt::default()
        }
    }

    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// The timeline counted again (articles arrived); the cursor starts on the newest bar.
    pub fn set_timeline(&mut self, timeline: Timeline) {
        self.timeline = timeline;
    }

    /// Enter takes the timeline's bars rather than the highlighted preset.
    pub fn on_timeline(&self) -> bool {
        self.on_timeline
    }

    /// Changes the timeline (moves over it, zooms, marks); Enter then takes its bars.
    pub fn with_timeline(&mut self, change: impl FnOnce(&mut Timeline)) {
        change(&mut self.timeline);
        self.on_timeline = true;
        self.error = None;
    }

    /// The range preset `i` stands for now, for Enter and for showing its dates.
    pub fn preset_range(&self, i: usize, today: NaiveDate) -> Result<Option<DayRange>, String> {
        dates::preset(dates::PRESETS[i], today, self.timeline.newest())
    }

    /// The highlighted preset (of [`dates::PRESETS`]).
    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn line(&self) -> &LineEdit {
        &self.line
    }

    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    pub fn move_by(&mut self, down: bool) {
        self.on_timeline = false;
        self.error = None;
        self.selected = if down {
            (self.selected + 1).min(dates::PRESETS.len() - 1)
        } else {
            self.selected.saturating_sub(1)
        };
    }

    /// A typed edit: digits and `.`, and after them `-`, `d` and space, make a range; other
    /// characters are keys (`j` moves, `-` on an empty line zooms the timeline out), and so
    /// is Esc (`back` closes the window). Editing clears the last error.
    pub fn edit(&mut self, edit: Edit) -> Option<Outcome> {
        if edit == Edit::Cancel {
            return None;
        }
        let taken = |typed: &str, c: char| {
            c.is_ascii_digit() || c == '.' || (!typed.is_empty() && matches!(c, '-' | 'd' | ' '))
        };
        let outcome = self.line.apply(edit, taken)?;
        if outcome == Outcome::Changed {
            self.error = None;
        }
        Some(outcome)
    }

    /// Enter: the typed range if any, else the timeline's bars when it was moved in last,
    /// else the selected preset.
    pub fn choose(&mut self, today: NaiveDate) -> DateChoice {
        let text = self.line.text();
        let range = if !text.trim().is_empty() {
            dates::parse(text, today).map(Some)
        } else if self.on_timeline {
            self.timeline
                .chosen()
                .map(Some)
                .ok_or_else(|| "no article shown has a date".to_string())
        } else {
            self.preset_range(self.selected, today)
        };
        match range {
            Ok(days) => DateChoice::Range(days),
            Err(e) => {
                self.error = Some(e);
                DateChoice::Invalid
            }
        }
    }
}

/// The link window: `o` opens the chosen URL, `y` copies it. Typing `3` picks link 3,
/// `i2` image 2; arrows move; Enter takes the typed number, else the highlighted row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkChooser {
    copy: bool,
    selected: usize,
    line: LineEdit,
}

impl LinkChooser {
    pub fn new(copy: bool) -> LinkChooser {
        LinkChooser {
            copy,
            ..LinkChooser::default()
        }
    }

    /// Copies rather than opens.
    pub fn copy(&self) -> bool {
        self.copy
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn line(&self) -> &LineEdit {
        &self.line
    }

    /// Moves the highlight to row `to`, kept among `count` rows.
    pub fn select(&mut self, to: usize, count: usize) {
        self.selected = to.min(count.saturating_sub(1));
    }

    /// A typed edit: digits, and `i` first, build a label; Esc is `back`, which closes.
    pub fn edit(&mut self, edit: Edit) -> Option<Outcome> {
        if edit == Edit::Cancel {
            return None;
        }
        let taken = |typed: &str, c: char| c.is_ascii_digit() || (c == 'i' && typed.is_empty());
        self.line.apply(edit, taken)
    }

    /// The typed label if any, else the highlighted row, among `entries`.
    pub fn pick<'a>(&self, entries: &'a [(String, String)]) -> Option<&'a (String, String)> {
        let typed = self.line.text();
        if typed.is_empty() {
            entries.get(self.selected)
        } else {
            entries.iter().find(|(label, _)| label == typed)
        }
    }
}
