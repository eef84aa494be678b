//! Entering and leaving the reader's terminal mode (raw mode, alternate screen, mouse), with
//! a guard so the terminal is put back exactly once, whichever exit path gets there first:
//! quitting, an error, a signal or a panic.

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use std::io::{Stdout, stdout};
use std::sync::atomic::{AtomicBool, Ordering};

pub type Term = ratatui::Terminal<CrosstermBackend<Stdout>>;

/// True while the terminal is in the reader's mode.
static ACTIVE: AtomicBool = AtomicBool::new(false);

pub fn enter() -> std::io::Result<Term> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    ratatui::Terminal::new(CrosstermBackend::new(stdout()))
}

/// Puts the terminal back: mouse off, main screen, cursor shown, cooked mode. Safe to call
/// from any thread and more than once; only the first call after [`enter`] does anything.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let _ = execute!(
        stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
}
