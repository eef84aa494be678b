//! Runs the real `gazette` binary in a pseudo-terminal: type keys, wait for text on the
#![allow(dead_code)]
//! screen (with a deadline, never a fixed sleep), keep every byte it wrote.

use portable_pty::{CommandBuilder, PtyPair, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Pty {
    pub pair: PtyPair,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    /// Every byte the program wrote, and the screen they draw.
    output: Arc<Mutex<(Vec<u8>, vt100::Parser)>>,
    /// How long `wait_for` and `wait_exit` wait before failing.
    pub patience: Duration,
}

impl Pty {
    /// Starts gazette with `args` on a `cols`×`rows` terminal; `env` adds variables.
    pub fn spawn(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Pty {
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
        let output = Arc::new(Mutex::new((Vec::new(), vt100::Parser::new(rows, cols, 0))));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let sink = Arc::clone(&output);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut out = sink.lock().unwrap();
                out.0.extend_from_slice(&buf[..n]);
                out.1.process(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Pty {
            pair,
            child,
            writer,
            output,
            patience: Duration::from_secs(15),
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn screen(&self) -> String {
        self.output.lock().unwrap().1.screen().contents()
    }

    pub fn bytes(&self) -> Vec<u8> {
        self.output.lock().unwrap().0.clone()
    }

    /// Waits until the screen shows `text`; panics with the screen after `patience`.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(|s| s.contains(text), &format!("{text:?} on screen"))
    }

    pub fn wait_until(&self, ok: impl Fn(&str) -> bool, what: &str) -> String {
        let deadline = Instant::now() + self.patience;
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
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
                // Let the reader thread drain what was written last.
                std::thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("gazette did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The terminal's settings as `stty -a` reports them on the same pty, after gazette ran.
    pub fn stty(&self) -> String {
        let mut cmd = CommandBuilder::new("stty");
        cmd.arg("-a");
        let before = self.bytes().len();
        let mut child = self.pair.slave.spawn_command(cmd).expect("spawn stty");
        child.wait().unwrap();
        std::thread::sleep(Duration::from_millis(200));
        String::from_utf8_lossy(&self.bytes()[before..]).into_owned()
    }
}
