//! Runs the real `gazette` binary in a pseudo-terminal: type keys, wait for text on the
#![allow(dead_code)]
//! screen (with a deadline, never a fixed sleep), keep every byte it wrote.

use portable_pty::{CommandBuilder, MasterPty, PtySize, SlavePty, native_pty_system};
use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// What [`Pty::drain`] writes on the terminal: an OSC sequence no terminal acts on (the
/// screen model ignores it), removed from the bytes kept.
const DRAINED: &[u8] = b"\x1b]7777;drained\x07";
/// [`DRAINED`] as printf(1) writes it.
const DRAINED_PRINTF: &str = "\\033]7777;drained\\007";

/// How the test terminal answers a program that asks what it can show (the device status
/// report `ESC [ 5 n` that ends gazette's graphics query).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answers {
    /// Only the status report, as every terminal does: no pictures beyond halfblocks.
    Status,
    /// Nothing at all: a terminal that never answers.
    Silent,
    /// Sixel in the device attributes and 10×20-pixel cells, then the status report.
    Sixel,
    /// The kitty graphics reply and 10×20-pixel cells, then the status report.
    Kitty,
}

impl Answers {
    fn bytes(self) -> &'static [u8] {
        match self {
            Answers::Status => b"\x1b[0n",
            Answers::Silent => b"",
            Answers::Sixel => b"\x1b[?62;4;22c\x1b[6;20;10t\x1b[0n",
            Answers::Kitty => b"\x1b_Gi=31;OK\x1b\\\x1b[?62;22c\x1b[6;20;10t\x1b[0n",
        }
    }
}

/// The status report request a terminal answers.
const STATUS_QUERY: &[u8] = b"\x1b[5n";

pub struct Pty {
    /// The terminal's side; `None` once [`Pty::hang_up`] closed it.
    master: Option<Box<dyn MasterPty + Send>>,
    slave: Box<dyn SlavePty + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    /// Shared with the reading thread, which answers the program's queries.
    writer: Arc<Mutex<Option<Box<dyn Write + Send>>>>,
    /// The thread copying the program's output, and the flag that asks it to stop.
    reading: Option<JoinHandle<()>>,
    stop_reading: Arc<AtomicBool>,
    /// Every byte the program wrote, the screen they draw, and how many [`DRAINED`] markers
    /// came back; `changed` is notified after each read.
    output: Arc<Mutex<(Vec<u8>, vt100::Parser, usize)>>,
    changed: Arc<Condvar>,
    /// How long `wait_for` and `wait_exit` wait before failing.
    pub patience: Duration,
}

impl Pty {
    /// Starts gazette with `args` on a `cols`×`rows` terminal; `env` adds variables.
    pub fn spawn(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Pty {
        Pty::spawn_answering(args, cols, rows, env, Answers::Status)
    }

    /// [`Pty::spawn`] on a terminal that answers queries as `answers` says.
    pub fn spawn_answering(
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
        answers: Answers,
    ) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_gazette"));
        cmd.args(args);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("TZ", "UTC");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn gazette");
        let output = Arc::new(Mutex::new((
            Vec::new(),
            vt100::Parser::new(rows, cols, 0),
            0,
        )));
        let changed = Arc::new(Condvar::new());
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let sink = Arc::clone(&output);
        let notify = Arc::clone(&changed);
        let stop_reading = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&stop_reading);
        let writer = Arc::new(Mutex::new(Some(
            pair.master.take_writer().expect("pty writer"),
        )));
        let answer = Arc::clone(&writer);
        let reading = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut out = sink.lock().unwrap();
                let from = out.0.len().saturating_sub(DRAINED.len());
                out.0.extend_from_slice(&buf[..n]);
                out.1.process(&buf[..n]);
                if let Some(at) = out.0[from..]
                    .windows(DRAINED.len())
                    .position(|w| w == DRAINED)
                {
                    out.0.drain(from + at..from + at + DRAINED.len());
                    out.2 += 1;
                }
                let from = out.0.len().saturating_sub(n + STATUS_QUERY.len() - 1);
                let asked = out.0[from..]
                    .windows(STATUS_QUERY.len())
                    .any(|w| w == STATUS_QUERY);
                if asked
                    && !answers.bytes().is_empty()
                    && let Some(w) = answer.lock().unwrap().as_mut()
                {
                    let _ = w.write_all(answers.bytes());
                    let _ = w.flush();
                }
                drop(out);
                notify.notify_all();
                if stop.load(Ordering::SeqCst) {
                    break;
                }
            }
            notify.notify_all();
        });
        Pty {
            master: Some(pair.master),
            slave: pair.slave,
            child,
            writer,
            reading: Some(reading),
            stop_reading,
            output,
            changed,
            patience: Duration::from_secs(15),
        }
    }

    pub fn send(&mut self, keys: &str) {
        let mut writer = self.writer.lock().unwrap();
        let writer = writer.as_mut().expect("the terminal is open");
        writer.write_all(keys.as_bytes()).unwrap();
        writer.flush().unwrap();
    }

    /// Closes the terminal, as closing its window or losing ssh does: every copy of the
    /// master side is closed, so the kernel hangs the terminal up (SIGHUP to the program,
    /// and its reads and writes fail from then on).
    pub fn hang_up(&mut self) {
        // The reading thread holds a copy of the master and sits in `read`: ask it to stop,
        // then make the program write (a resize redraws the screen) so that `read` returns.
        self.stop_reading.store(true, Ordering::SeqCst);
        let master = self.master.take().expect("the terminal is open");
        let (rows, cols) = self.output.lock().unwrap().1.screen().size();
        master
            .resize(PtySize {
                rows,
                cols: cols - 1,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        if let Some(reading) = self.reading.take() {
            reading.join().unwrap();
        }
        *self.writer.lock().unwrap() = None;
        drop(master);
    }

    pub fn screen(&self) -> String {
        self.output.lock().unwrap().1.screen().contents()
    }

    pub fn bytes(&self) -> Vec<u8> {
        self.output.lock().unwrap().0.clone()
    }

    /// Waits until the program has written `needle` (anywhere in its bytes so far).
    pub fn wait_for_bytes(&self, needle: &[u8], what: &str) {
        let deadline = Instant::now() + self.patience;
        let mut out = self.output.lock().unwrap();
        while !out.0.windows(needle.len()).any(|w| w == needle) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                panic!(
                    "timed out waiting for {what}; screen:\n{}",
                    out.1.screen().contents()
                );
            }
            out = self.changed.wait_timeout(out, left).unwrap().0;
        }
    }

    /// Waits until the screen shows `text`; panics with the screen after `patience`.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(|s| s.contains(text), &format!("{text:?} on screen"))
    }

    /// Waits until `ok` holds for the screen, looking again each time the program writes.
    pub fn wait_until(&self, ok: impl Fn(&str) -> bool, what: &str) -> String {
        let deadline = Instant::now() + self.patience;
        let mut out = self.output.lock().unwrap();
        loop {
            let screen = out.1.screen().contents();
            if ok(&screen) {
                return screen;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                panic!("timed out waiting for {what}; screen:\n{screen}");
            }
            out = self.changed.wait_timeout(out, left).unwrap().0;
        }
    }

    /// Waits until every byte written to the terminal so far has been read: a marker written
    /// on the terminal after them comes back through the same queue, last (the reading thread
    /// takes it out again). Nothing to wait for once the terminal is hung up.
    fn drain(&self) {
        if self.master.is_none() {
            return;
        }
        let seen = self.output.lock().unwrap().2;
        let mut cmd = CommandBuilder::new("printf");
        cmd.arg(DRAINED_PRINTF);
        let mut printf = self.slave.spawn_command(cmd).expect("spawn printf");
        assert!(printf.wait().unwrap().success(), "printf failed");
        let deadline = Instant::now() + self.patience;
        let mut out = self.output.lock().unwrap();
        while out.2 == seen {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(!left.is_zero(), "the terminal's output never drained");
            out = self.changed.wait_timeout(out, left).unwrap().0;
        }
    }

    /// The last `n` bytes the program wrote, as text (how it left the terminal).
    pub fn tail(&self, n: usize) -> String {
        let bytes = self.bytes();
        String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(n)..]).into_owned()
    }

    /// Sends the program a signal by name (`HUP`, `TERM`) with kill(1).
    pub fn signal(&self, name: &str) {
        let status = std::process::Command::new("kill")
            .args([&format!("-{name}"), &self.pid().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{name} failed");
    }

    /// Resizes the terminal, as a user dragging the window does (the child gets SIGWINCH),
    /// and the screen model with it.
    pub fn resize(&self, cols: u16, rows: u16) {
        let size = PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        self.master
            .as_ref()
            .expect("terminal open")
            .resize(size)
            .expect("resize");
        self.output
            .lock()
            .unwrap()
            .1
            .screen_mut()
            .set_size(rows, cols);
    }

    /// The process id of the program.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a running child has a pid")
    }

    /// Waits for the program to exit; returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + self.patience;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Everything written before the exit is read before the marker.
                self.drain();
                return status.exit_code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("gazette did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Asserts the program, gone, left the terminal as it found it: the main screen, the
    /// cursor shown, cooked mode (line editing and echo) back on.
    pub fn assert_restored(&self) {
        let tail = self.tail(400);
        assert!(
            tail.contains("\u{1b}[?1049l"),
            "left the alternate screen: {tail:?}"
        );
        assert!(tail.contains("\u{1b}[?25h"), "cursor shown again: {tail:?}");
        let stty = self.stty();
        assert!(
            stty.contains(" icanon") && stty.contains(" echo"),
            "cooked mode restored: {stty}"
        );
    }

    /// The terminal's settings as `stty -a` reports them on the same pty, after gazette ran.
    pub fn stty(&self) -> String {
        let mut cmd = CommandBuilder::new("stty");
        cmd.arg("-a");
        let before = self.bytes().len();
        let mut child = self.slave.spawn_command(cmd).expect("spawn stty");
        child.wait().unwrap();
        self.drain();
        String::from_utf8_lossy(&self.bytes()[before..]).into_owned()
    }
}
