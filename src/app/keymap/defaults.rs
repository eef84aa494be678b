//! The built-in key bindings, as data, and the words the status bar shows for them.

use super::Context;
use crate::app::action::Action;

/// One row of the built-in table.
pub struct DefaultBinding {
    pub context: Context,
    /// Key names: `j`, `G`, `down`, `ctrl-d`, `shift-tab`, `space`, `enter`, `esc`, `pgdn`,
    /// or a sequence of them separated by spaces (`g g`).
    pub keys: &'static [&'static str],
    pub action: Action,
    /// Shown in the status bar when its context has focus.
    pub hint: bool,
}

const fn bind(
    context: Context,
    keys: &'static [&'static str],
    action: Action,
    hint: bool,
) -> DefaultBinding {
    DefaultBinding {
        context,
        keys,
        action,
        hint,
    }
}

use Action as A;
use Context as C;

/// The default bindings. Pane rows come first so a pane can give a key its own meaning.
pub const DEFAULT: &[DefaultBinding] = &[
    bind(C::Reader, &["j", "down"], A::Down, false),
    bind(C::Reader, &["k", "up"], A::Up, false),
    bind(C::Reader, &["space"], A::ReadOn, true),
    bind(C::Reader, &["pgdn"], A::PageDown, false),
    bind(C::Reader, &["b", "pgup"], A::PageUp, false),
    bind(C::Reader, &["n"], A::NextArticle, true),
    bind(C::Reader, &["p"], A::PrevArticle, true),
    bind(C::Reader, &["N"], A::PrevMatch, false),
    bind(C::Reader, &["o"], A::OpenLink, true),
    bind(C::Reader, &["y"], A::CopyLink, false),
    bind(C::Reader, &["i", "enter"], A::ViewPicture, false),
    bind(C::Dates, &["h", "left"], A::TimelineEarlier, true),
    bind(C::Dates, &["l", "right"], A::TimelineLater, true),
    bind(C::Dates, &["+", "="], A::ZoomIn, true),
    bind(C::Dates, &["-"], A::ZoomOut, true),
    bind(C::Dates, &["v"], A::MarkRange, true),
    bind(C::Reader, &["|"], A::PipeArticle, false),
    bind(C::Reader, &["E"], A::EditArticle, false),
    bind(C::Tree, &["space"], A::ToggleNode, true),
    bind(C::Tree, &["enter", "l", "right"], A::Open, true),
    bind(C::Tree, &["f"], A::FilterTree, true),
    bind(C::List, &["enter", "l", "right"], A::Open, true),
    bind(C::List, &["o"], A::OpenLink, false),
    bind(C::Global, &["j", "down"], A::Down, true),
    bind(C::Global, &["k", "up"], A::Up, true),
    bind(C::Global, &["g", "home"], A::Top, false),
    bind(C::Global, &["G", "end"], A::Bottom, false),
    bind(C::Global, &["pgdn"], A::PageDown, false),
    bind(C::Global, &["pgup"], A::PageUp, false),
    bind(C::Global, &["ctrl-d"], A::HalfPageDown, false),
    bind(C::Global, &["ctrl-u"], A::HalfPageUp, false),
    bind(C::Global, &["esc", "h", "left"], A::Back, false),
    bind(C::Global, &["tab"], A::FocusNext, false),
    bind(C::Global, &["shift-tab", "backtab"], A::FocusPrev, false),
    bind(C::Global, &["c"], A::FocusTree, true),
    bind(C::Global, &["C"], A::ClearCategory, false),
    bind(C::Global, &["d"], A::DateFilter, true),
    bind(C::Global, &["D"], A::ClearDate, false),
    bind(C::Global, &["!"], A::Problems, false),
    bind(C::Global, &["r"], A::ToggleRead, false),
    bind(C::Global, &["s"], A::ToggleStar, true),
    bind(C::Global, &["u"], A::UnreadOnly, false),
    bind(C::Global, &["S"], A::StarredOnly, false),
    bind(C::Global, &["R"], A::MarkAllRead, false),
    bind(C::Global, &["U"], A::UndoBulk, false),
    bind(C::Global, &["y"], A::Confirm, false),
    bind(C::Global, &["O"], A::CycleSort, false),
    bind(C::Global, &["]"], A::NextUnread, false),
    bind(C::Global, &["m"], A::MarkReadNext, false),
    bind(C::Global, &["/"], A::Search, true),
    bind(C::Global, &["V"], A::SaveView, false),
    bind(C::Global, &["?"], A::Help, true),
    bind(C::Global, &["q", "ctrl-c"], A::Quit, true),
];

/// A word or two for the status bar, where the full description would not fit.
pub(super) fn short_label(action: Action) -> &'static str {
    match action {
        A::Down | A::Up => "move",
        A::Open => "open",
        A::PageDown | A::ReadOn => "page",
        A::NextArticle => "next",
        A::PrevArticle => "prev",
        A::ToggleNode => "fold",
        A::FocusTree => "categories",
        A::DateFilter => "dates",
        A::Help => "help",
        A::ToggleStar => "star",
        A::OpenLink => "links",
        A::Search => "search",
        A::TimelineEarlier | A::TimelineLater => "bar",
        A::ZoomIn | A::ZoomOut => "zoom",
        A::MarkRange => "range",
        A::FilterTree => "find",
        A::Quit => "quit",
        other => other.name(),
    }
}
