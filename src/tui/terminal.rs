//! Entering and leaving the reader's terminal mode (raw mode, alternate screen, mouse), with
//! a guard so the terminal is put back exactly once, whichever exit path gets there first:
//! quitting, an error, a signal or a panic.

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use std::io::{Stdout, stdout};
use std::sync::atomic::{AtomicBool, Ordering};

pub type Term = ratatui::Terminal<CrosstermBackend<Stdout>>;

/// True while the terminal is in the reader's mode.
static ACTIVE: AtomicBool = AtomicBool::new(false);

pub fn enter() -> std::io::Result<Term> {
    enter_mode()?;
    ratatui::Terminal::new(CrosstermBackend::new(stdout()))
}

fn enter_mode() -> std::io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture)
}

/// Gives the terminal back for a while, as it was before [`enter`], so another program can
/// use it (a pager, an editor); [`resume`] takes it again. A crash in between finds nothing
/// to restore, which is right: the terminal is the user's already.
pub fn suspend() {
    restore();
}

/// Takes the terminal back after [`suspend`]: the reader's mode again, and the whole screen
/// drawn anew on the next frame (the other program left its own on the alternate screen).
pub fn resume(terminal: &mut Term) -> std::io::Result<()> {
    enter_mode()?;
    // Not `Terminal::clear`: it asks the terminal where the cursor is and waits for the
    // answer, which not every terminal gives. A cleared screen is what an empty buffer
    // describes, so emptying both buffers makes the next frame draw everything.
    execute!(stdout(), Clear(ClearType::All))?;
    terminal.swap_buffers();
    Ok(())
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

/// Lets go of the ratatui terminal after [`restore`]. Dropping it shows the cursor, and when
/// that fails ratatui reports it with `eprintln!`, which panics when stderr is the terminal
/// that has gone away: a closed window would leave a crash log. So a terminal that cannot
/// show its cursor is forgotten, not dropped (the process is about to end anyway).
pub fn close(mut terminal: Term) {
    if terminal.show_cursor().is_err() {
        std::mem::forget(terminal);
    }
}

/// Whether `err` comes from a terminal that is no longer there: once the window is closed or
/// the ssh connection lost, reading or writing the terminal fails with EIO (or ENXIO). That
/// is the end of the session, not a failure of gazette.
pub fn is_gone(err: &anyhow::Error) -> bool {
    /// errno values, the same on Linux, the BSDs and macOS.
    const EIO: i32 = 5;
    const ENXIO: i32 = 6;
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| matches!(io.raw_os_error(), Some(EIO | ENXIO)))
    })
}
