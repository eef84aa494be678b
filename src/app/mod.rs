//! The reader's pure state and the one way it changes: a [`Msg`] goes into [`update()`], which
//! changes the [`AppState`] and returns the [`Effect`]s the event loop must carry out. No
//! I/O here: no file, no thread, no terminal.
//!
//! - `state`: [`AppState`], made of owned parts — `catalog` (articles and their index),
//!   `view` (filters, list, selection, tree, search), `screen` (focus, windows, the open
//!   article, pane areas, message), `settings` (from the configuration) and the store.
//! - `update`, `keys`, `mouse`, `actions`: messages in, effects out; keys through the keymap,
//!   typed text through the one line editor (`line_edit`) the prompts share.

pub mod action;
mod actions;
pub mod catalog;
pub mod dates;
pub mod groups;
mod handover;
pub mod keymap;
mod keys;
pub mod line_edit;
pub mod links;
mod mouse;
pub mod msg;
pub mod overlay;
mod path_index;
mod pictures;
pub mod reader;
pub mod screen;
pub mod search;
pub mod settings;
mod sorting;
pub mod state;
pub mod tally;
pub mod timeline;
pub mod tree;
mod unread;
pub mod update;
pub mod view;
pub mod views;

/// The zone type is shared with the configuration and the command line; re-exported here for
/// the reader's callers.
pub use crate::zone::Zone;
pub use action::Action;
pub use msg::{Effect, Exit, Handover, Msg};
pub use overlay::Overlay;
pub use screen::{Focus, Layout};
pub use settings::Settings;
pub use state::AppState;
pub use update::update;
pub use view::Filters;
