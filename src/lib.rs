//! gazette: a terminal reader for directories of saved articles.
//!
//! Data flows one way: files on disk → [`library`] (metadata of every article and the problems
//! found) → [`tui`] (the event loop, which turns everything into messages) → [`app`] (the pure
//! state: messages in, effects out) → [`ui`] (frames). Article bodies become styled, wrapped
//! lines through [`text`] only when shown. `ARCHITECTURE.md` is the map.
//!
//! - [`sanitize`]: the one gate that removes control and escape characters from file content.
//! - [`library`]: finding, decoding and parsing article files; filters; the in-memory library.
//! - [`text`]: HTML / Markdown body → styled lines wrapped by Unicode rules at a given width.
//! - [`article_view`]: header + body of one article, as both the reader and `show` present it.
//! - [`hash`] (stable FNV-1a) and [`atomic_file`] (crash-safe replacement): shared by the
//!   state store and the metadata cache, which both keep files on disk.
//! - [`html_tag`]: where an HTML tag ends, for the renderer, search and metadata alike.
//! - [`zone`]: the one time-zone type: how instants are shown and which day they fall on, for
//!   the reader, `list` and `show` alike.
//! - [`columns`]: cutting and padding text by display width (CJK is two columns).
//! - [`count`]: `1 article`, `2 articles`: counts as people read them.
//! - [`cli`]: clap definitions; [`commands`]: the `list`, `show` and `check` subcommands.
//! - [`tui`]: the interactive reader's event loop; [`app`]: its pure state and `update`;
//!   [`ui`]: its panes.

pub mod app;
pub mod article_view;
pub mod atomic_file;
pub mod cli;
pub mod columns;
pub mod commands;
pub mod config;
pub mod count;
pub mod crash;
pub mod gallop;
pub mod hash;
pub mod html_tag;
pub mod library;
pub mod memory;
pub mod picture;
pub mod sanitize;
pub mod search;
pub mod store;
pub mod text;
pub mod tui;
pub mod ui;
pub mod zone;
