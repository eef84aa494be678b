//! gazette: a terminal reader for directories of saved articles.
//!
//! Data flows one way: files on disk → [`library`] (metadata of every article and the problems
//! found) → `app` (pure state, `update(Action) -> Effect`) → `ui` (renders `&AppState`). Article
//! bodies are turned into styled, wrapped lines by [`text`] only when shown.
//!
//! - [`sanitize`]: the one gate that removes control and escape characters from file content.
//! - [`library`]: finding, decoding and parsing article files; the in-memory library.
//! - [`text`]: HTML / Markdown body → styled lines wrapped by Unicode rules at a given width.
//! - [`cli`]: the command-line definition (clap) and the non-interactive subcommands.

pub mod cli;
pub mod corpus;
pub mod library;
pub mod sanitize;
pub mod text;
