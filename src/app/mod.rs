//! The reader's pure state: actions, the keymap table, filters, selection. No I/O here.

pub mod action;
pub mod dates;
pub mod groups;
pub mod input;
pub mod keymap;
pub mod links;
mod loading;
pub mod matches;
mod overlay;
pub mod place;
pub mod search;
pub mod state;
pub mod tree;
pub mod update;

/// The zone type is shared with the configuration and the command line; re-exported here for
/// the reader's callers.
pub use crate::zone::Zone;
pub use action::Action;
pub use state::{AppState, Focus, Layout, Overlay};
pub use update::{Effect, update};
