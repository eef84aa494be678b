//! What goes into [`update`](super::update()) and what comes out of it. Every input the reader
//! gets — keys, mouse, paste, resize, loader and watcher batches, search results, article
//! bodies, signals, words from background work — is a [`Msg`]; everything that must touch the
//! world — threads, files, the terminal, the clipboard — is an [`Effect`] the event loop
//! carries out. Keeping both as data is what lets the state stay pure and the tests drive it.

use super::reader::preview::{Prepared, PreviewJob};
use crate::config::SavedView;
use crate::library::loader::LoadEvent;
use crate::library::{Origin, Problem};
use crate::picture::Picture;
use crate::search::{self, Candidate, Query};
use ratatui::crossterm::event::{KeyEvent, MouseEvent};
use std::path::PathBuf;

/// One input to the reader.
#[derive(Debug)]
pub enum Msg {
    /// A key press, resolved by the keymap inside `update`.
    Key(KeyEvent),
    Mouse(MouseEvent),
    /// Text pasted at once; it goes to the prompt that has the keyboard, if any.
    Paste(String),
    /// The terminal's size in columns and rows.
    Resize(u16, u16),
    /// A batch from the background load or the folder watcher.
    Load(LoadEvent),
    /// Time to fold the articles that arrived into the sorted list (the loop paces this).
    Settle,
    /// The same for at most this many of them, the first to arrive: the loop folds a large
    /// load in in slices, a turn of the loop each, so that a key waits for one slice at most.
    SettleSome(usize),
    /// The next step of a search walking down a large list (sent while
    /// `View::search_walking`; see `View::step_search`).
    SearchStep,
    /// What the running full-text scan reports.
    Search(search::Event),
    /// The body of article `article`, read as asked by [`Effect::ReadBody`] (or why not).
    Body {
        article: usize,
        body: Result<String, String>,
    },
    /// Picture `n` of article `article`, prepared as asked by [`Effect::LoadPicture`]:
    /// `Ok(None)` when it is not on disk (its placeholder stays), `Err` when it is broken.
    Picture {
        article: usize,
        n: u32,
        fit: Fit,
        picture: Result<Option<Picture>, Problem>,
    },
    /// A previewed article's body, read and laid out as asked by [`Effect::Preview`].
    Preview(Prepared),
    /// A signal asked gazette to end (its number).
    Signal(i32),
    /// A word for the status bar from work done outside the state.
    Notice(String),
    /// The view asked for by [`Effect::SaveView`] is in the configuration file.
    ViewSaved(SavedView),
}

impl Msg {
    /// The answer to [`Effect::ReadBody`]: the body, or why it could not be read (the whole
    /// chain of causes, as the reader pane shows it).
    pub fn body_read(article: usize, read: anyhow::Result<String>) -> Msg {
        Msg::Body {
            article,
            body: read.map_err(|e| read_error(&e)),
        }
    }
}

/// Why a body could not be read: the whole chain of causes, as the reader pane shows it.
pub fn read_error(e: &anyhow::Error) -> String {
    format!("{e:#}")
}

/// How the reader ended: by the user, or by a signal (its number).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    Signal(i32),
}

/// What the event loop must do after an update, in order.
#[derive(Debug, Clone)]
pub enum Effect {
    /// End the reader (the loop saves the state and restores the terminal).
    Exit(Exit),
    /// Open this URL with the system's opener (already checked: http, https or mailto).
    OpenUrl(String),
    /// Put this URL on the clipboard.
    CopyUrl(String),
    /// Read the body of article `article` and send it back as [`Msg::Body`].
    ReadBody {
        article: usize,
        origin: Origin,
        path: PathBuf,
    },
    /// Read and lay out the body of the article the reader pane previews, off the key path
    /// (only the latest job matters); the result comes back as [`Msg::Preview`].
    Preview(PreviewJob),
    /// Start scanning these bodies for `query` (replacing any running scan); what it finds
    /// comes back as [`Msg::Search`].
    StartScan {
        origin: Origin,
        candidates: Vec<Candidate>,
        query: Query,
    },
    /// Stop the running scan, if any; nothing more of it may arrive.
    CancelScan,
    /// Find picture `n` (its `src`) of the article at `path` on disk, decode it and fit it
    /// into `fit`, off the key path; it comes back as [`Msg::Picture`].
    LoadPicture {
        article: usize,
        path: PathBuf,
        n: u32,
        src: String,
        fit: Fit,
    },
    /// Give the terminal to a program until it ends, then take it back and redraw: a
    /// command (`sh -c`) reading the article's text, or the editor on the article's file.
    /// What came of it returns as [`Msg::Notice`].
    Hand(Handover),
    /// Write this view into the configuration file, keeping the rest of it as it is; a
    /// success comes back as [`Msg::ViewSaved`], a failure as a [`Msg::Notice`].
    SaveView(SavedView),
}

/// A program the reader hands the terminal to (see [`Effect::Hand`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handover {
    /// `sh -c command`, with `text` on its standard input.
    Pipe { command: String, text: String },
    /// The user's editor (`$EDITOR`, else `$VISUAL`, else `vi`) on this file.
    Edit(PathBuf),
}

/// The cells a picture may fill: (columns, rows).
pub type Fit = (u16, u16);
