//! Every user intent. Each variant's doc comment is its help text and its snake_case name is
//! the name a key binding uses, so help, status bar and keymap cannot drift apart.

macro_rules! actions {
    ($($(#[doc = $doc:literal])+ $name:ident = $id:literal,)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $($(#[doc = $doc])+ $name,)*
        }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$name,)*];

            /// The name used in key bindings (`move_down`).
            pub fn name(self) -> &'static str {
                match self { $(Action::$name => $id,)* }
            }

            /// One line of help text: the variant's doc comment.
            pub fn description(self) -> &'static str {
                match self { $(Action::$name => concat!($($doc),+).trim_ascii(),)* }
            }

            pub fn from_name(name: &str) -> Option<Action> {
                Action::ALL.iter().copied().find(|a| a.name() == name)
            }
        }
    };
}

actions! {
    /// Quit gazette
    Quit = "quit",
    /// Show or hide this help
    Help = "help",
    /// Show the files that could not be read fully
    Problems = "problems",
    /// Move focus to the next pane
    FocusNext = "focus_next",
    /// Move focus to the previous pane
    FocusPrev = "focus_prev",
    /// Focus the category tree
    FocusTree = "focus_tree",
    /// Clear the category filter
    ClearCategory = "clear_category",
    /// Filter by date (presets or a typed range)
    DateFilter = "date_filter",
    /// Clear the date filter
    ClearDate = "clear_date",
    /// Move down / scroll down
    Down = "move_down",
    /// Move up / scroll up
    Up = "move_up",
    /// Jump to the top
    Top = "top",
    /// Jump to the bottom
    Bottom = "bottom",
    /// One page down
    PageDown = "page_down",
    /// One page up
    PageUp = "page_up",
    /// Half a page down
    HalfPageDown = "half_page_down",
    /// Half a page up
    HalfPageUp = "half_page_up",
    /// Open the selected article / apply the selected category
    Open = "open",
    /// Go back to the list (closes overlays)
    Back = "back",
    /// Open the next article (while searching: the next match)
    NextArticle = "next_article",
    /// Open the previous article
    PrevArticle = "prev_article",
    /// Expand or collapse the selected category
    ToggleNode = "toggle_node",
    /// Mark the article read or unread
    ToggleRead = "toggle_read",
    /// Star or unstar the article
    ToggleStar = "toggle_star",
    /// Show unread articles only (again: show all)
    UnreadOnly = "unread_only",
    /// Show starred articles only (again: show all)
    StarredOnly = "starred_only",
    /// Mark every article of the list read (asks first)
    MarkAllRead = "mark_all_read",
    /// Undo the last mark-all-read
    UndoBulk = "undo_bulk",
    /// Answer yes to a question
    Confirm = "confirm",
    /// Search titles, authors and categories; Enter adds the full text
    Search = "search",
    /// The previous search match (n: the next one, or the next article)
    PrevMatch = "prev_match",
    /// Open a link or image (by number or from a list)
    OpenLink = "open_link",
    /// Copy a link or image URL (OSC 52 clipboard)
    CopyLink = "copy_link",
    /// Sort the list: newest, oldest, by title, by source (cycles)
    CycleSort = "cycle_sort",
    /// The next unread article (in the reader: open it); wraps to the top
    NextUnread = "next_unread",
    /// Mark the article read and go on to the next unread one
    MarkReadNext = "mark_read_next",
    /// One page down; at the end of the article, open the next unread one
    ReadOn = "read_on",
    /// Show the picture on screen alone, full size (next/previous article keys step)
    ViewPicture = "view_picture",
    /// Timeline: the bar before (older)
    TimelineEarlier = "timeline_earlier",
    /// Timeline: the bar after (newer)
    TimelineLater = "timeline_later",
    /// Timeline: shorter bars (year → month → week → day)
    ZoomIn = "zoom_in",
    /// Timeline: longer bars (day → week → month → year)
    ZoomOut = "zoom_out",
    /// Timeline: start a range at this bar (Enter ends it; again: drop it)
    MarkRange = "mark_range",
    /// Pipe the article as text to the command set as pipe_to
    PipeArticle = "pipe_article",
    /// Open the article's file in $EDITOR
    EditArticle = "edit_article",
    /// Save the search, category and dates as a named view (in the config file)
    SaveView = "save_view",
    /// Type to narrow the tree to names holding the text (Esc clears)
    FilterTree = "filter_tree",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_descriptions_come_from_the_table() {
        assert_eq!(Action::Down.name(), "move_down");
        assert_eq!(Action::Down.description(), "Move down / scroll down");
        assert_eq!(Action::from_name("clear_date"), Some(Action::ClearDate));
        assert_eq!(Action::from_name("nope"), None);
        assert!(Action::ALL.iter().all(|a| !a.description().is_empty()));
    }
}
