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
pub mod zone;

pub use action::Action;
pub use state::{AppState, Focus, Layout, Overlay};
pub use update::{Effect, update};
pub use zone::Zone;
