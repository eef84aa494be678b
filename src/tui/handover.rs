//! Handing the terminal to another program and taking it back ([`Effect::Hand`]): the pipe
//! command of `|` and the editor of `E`.
//!
//! While the program runs, the terminal is out of the reader's mode (main screen, cooked
//! input) and the input thread is parked at the [`InputGate`], so every key goes to the
//! program and none is stolen from it: the input thread only ever waits for input a short
//! poll at a time, and checks the gate between polls. A Ctrl-C typed into the program
//! interrupts the program, not the reader (see [`InputGate::sigint_ends_reader`]).
//!
//! [`Effect::Hand`]: crate::app::Effect::Hand

use super::terminal::{self, Term};
use crate::app::Handover;
use std::io::Write;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// The longest the input thread waits for input before looking at the gate again; also the
/// longest a handover waits for it to stop reading.
pub const INPUT_POLL: Duration = Duration::from_millis(50);

/// Where the input thread stops while another program has the terminal.
#[derive(Default)]
pub struct InputGate {
    state: Mutex<Gate>,
    changed: Condvar,
    /// True from the moment the terminal is handed over until it is back.
    handing: AtomicBool,
    /// Set by the SIGINT handler itself, the moment the signal arrives (`signal_hook::flag`).
    /// The signal thread wakes later: by then the program may have ended on that Ctrl-C and
    /// the terminal be back, so `handing` alone would blame the reader. Taking the terminal
    /// back clears this flag, so a SIGINT that arrived during a handover never ends the reader.
    interrupted: Arc<AtomicBool>,
}

#[derive(Default)]
struct Gate {
    /// The loop asks the input thread to stop reading.
    closed: bool,
    /// The input thread has stopped and waits for the gate to open.
    parked: bool,
}

impl InputGate {
    /// Called by the input thread before each poll: returns at once while the gate is open,
    /// else parks until it opens again.
    pub fn pass(&self) {
        let mut gate = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if !gate.closed {
            return;
        }
        gate.parked = true;
        self.changed.notify_all();
        while gate.closed {
            gate = self.changed.wait(gate).unwrap_or_else(|e| e.into_inner());
        }
        gate.parked = false;
    }

    /// Stops the input thread and returns once it no longer reads the terminal.
    fn close(&self) {
        self.handing.store(true, Ordering::SeqCst);
        let mut gate = self.state.lock().unwrap_or_else(|e| e.into_inner());
        gate.closed = true;
        while !gate.parked {
            gate = self.changed.wait(gate).unwrap_or_else(|e| e.into_inner());
        }
    }

    fn open(&self) {
        let mut gate = self.state.lock().unwrap_or_else(|e| e.into_inner());
        gate.closed = false;
        self.changed.notify_all();
        // Under the lock, as `sigint_ends_reader` reads them: a SIGINT of the handover is
        // forgotten before the reader counts as having the terminal again.
        self.interrupted.store(false, Ordering::SeqCst);
        self.handing.store(false, Ordering::SeqCst);
    }

    /// The flag the SIGINT handler sets when the signal arrives (see [`InputGate`]).
    pub fn interrupted_flag(&self) -> Arc<AtomicBool> {
        self.interrupted.clone()
    }

    /// For the signal thread, told of a SIGINT: whether it ends the reader. Not when another
    /// program has the terminal, nor when it arrived while one had it (a Ctrl-C typed into
    /// that program, which is the program's to handle), however late the thread looks.
    pub fn sigint_ends_reader(&self) -> bool {
        let _gate = self.state.lock().unwrap_or_else(|e| e.into_inner());
        self.interrupted.swap(false, Ordering::SeqCst) && !self.handing.load(Ordering::SeqCst)
    }
}

/// Runs `handover` with the terminal handed over and takes the terminal back; returns the
/// word for the status bar. Only taking the terminal back can fail the reader.
pub fn run(terminal: &mut Term, gate: &InputGate, handover: Handover) -> std::io::Result<String> {
    gate.close();
    terminal::suspend();
    let said = match handover {
        Handover::Pipe { command, text } => pipe(&command, &text),
        Handover::Edit(path) => edit(&path),
    };
    let back = terminal::resume(terminal);
    gate.open();
    back.map(|()| said)
}

/// `sh -c command` with `text` on its standard input. The text is written from its own
/// thread: a pager reads it as the user pages, and a command that never reads it (or quits
/// early) must not leave the reader stuck on a full pipe.
fn pipe(command: &str, text: &str) -> String {
    let child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => return format!("could not run sh -c {command}: {e}"),
    };
    if let Some(mut stdin) = child.stdin.take() {
        let text = text.to_string();
        // A closed pipe only means the command did not want the rest.
        std::thread::spawn(move || drop(stdin.write_all(text.as_bytes())));
    }
    match child.wait() {
        Ok(status) => outcome(command, status, || format!("piped to {command}")),
        Err(e) => format!("{command}: {e}"),
    }
}

/// The user's editor on `path`: `$EDITOR`, else `$VISUAL`, else `vi`. The variable may hold
/// arguments (`code --wait`), so it goes through `sh`; the path is passed as an argument of
/// its own, never spliced into the command line.
fn edit(path: &Path) -> String {
    let editor = ["EDITOR", "VISUAL"]
        .into_iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(path)
        .status();
    let name = crate::sanitize::clean_line(&path.to_string_lossy());
    match status {
        Ok(status) => outcome(&editor, status, || format!("edited {name}")),
        Err(e) => format!("could not run {editor}: {e}"),
    }
}

/// The status bar's word on a program that ended with `status`.
fn outcome(program: &str, status: ExitStatus, ok: impl FnOnce() -> String) -> String {
    match status.code() {
        Some(0) => ok(),
        Some(code) => format!("{program}: exited with status {code}"),
        None => format!("{program}: ended by a signal"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the SIGINT handler does when the signal arrives.
    fn arrives(gate: &InputGate) {
        gate.interrupted_flag().store(true, Ordering::SeqCst);
    }

    #[test]
    fn a_ctrl_c_ends_the_reader_only_when_it_arrived_while_the_reader_had_the_terminal() {
        let gate = InputGate::default();
        assert!(!gate.sigint_ends_reader(), "no signal arrived");
        arrives(&gate);
        assert!(gate.sigint_ends_reader(), "a Ctrl-C to the reader");

        // Handed over: the input thread must be parked for `close` to return.
        let handover = |during: &dyn Fn(&InputGate)| {
            std::thread::scope(|s| {
                s.spawn(|| {
                    // The input thread: at its next poll it finds the gate closed and parks.
                    while !gate.state.lock().unwrap().closed {
                        std::thread::yield_now();
                    }
                    gate.pass();
                });
                gate.close();
                during(&gate);
                gate.open();
            });
        };
        // The thread looks while the program still has the terminal.
        handover(&|g| {
            arrives(g);
            assert!(
                !g.sigint_ends_reader(),
                "the program's Ctrl-C, seen during it"
            );
        });
        // The thread looks only after the terminal is back (the race this guards against).
        handover(&|g| arrives(g));
        assert!(
            !gate.sigint_ends_reader(),
            "the program's Ctrl-C, seen after it"
        );
        // And the reader can be ended again afterwards.
        arrives(&gate);
        assert!(gate.sigint_ends_reader());
    }
}
