//! What is drawn over the panes and what the reader pane holds: the overlay windows and
//! their input, and the open article with its rendering.

use crate::text::Rendered;

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
    /// "Mark N articles read?" — `y` or Enter confirms, anything else cancels.
    /// Every link and image of the open article, to open or copy one.
    Links(LinkChooser),
    ConfirmMarkAllRead {
        count: usize,
    },
}

/// The link window: `o` opens the chosen URL, `y` copies it. Typing `3` picks link 3,
/// `i2` image 2; arrows move; Enter takes the typed number, else the highlighted row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkChooser {
    pub copy: bool,
    pub selected: usize,
    pub typed: String,
}

/// The date filter window: a list of presets and a line to type a range into.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DatePrompt {
    pub selected: usize,
    pub input: String,
    pub error: Option<String>,
}

/// The open article. Its body is read and rendered by the event loop, which owns the I/O.
#[derive(Debug, Clone)]
pub struct ReaderState {
    /// Index into `library.articles`.
    pub article: usize,
    pub scroll: usize,
    /// The place in the text the view was put at (opened, or re-wrapped at a new width),
    /// and the scroll it was put at: while the scroll is still that, the place stands
    /// (see `app::place`).
    pub place: Option<(crate::store::Position, usize)>,
    /// The body text, or why it could not be read.
    pub body: Option<Result<String, String>>,
    /// The body rendered at a width; re-rendered when the pane's width changes.
    pub rendered: Option<(usize, Rendered)>,
    /// The line of the search match last jumped to.
    pub match_line: Option<usize>,
    /// A jump to the first or last match, waiting for the body to be rendered.
    pub jump: Option<Jump>,
}

/// Where `n`/`N` land in an article just opened from another one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Jump {
    FirstMatch,
    LastMatch,
}
