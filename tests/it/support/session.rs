//! A reader session over a library the test writes: its own folder of articles and its own
//! state, configuration and cache folders, the real binary in a pseudo-terminal.
#![allow(dead_code)]

use super::fixtures::{primary, write_all};
use super::pty::Pty;
use std::path::{Path, PathBuf};

/// A temporary home (XDG folders) and a library folder inside it.
pub struct Session {
    pub home: tempfile::TempDir,
}

impl Session {
    /// Writes `files` (name, contents) into a fresh library folder.
    pub fn new(files: &[(&str, String)]) -> Session {
        let home = tempfile::tempdir().unwrap();
        let files: Vec<(&str, &[u8])> = files.iter().map(|(n, c)| (*n, c.as_bytes())).collect();
        write_all(&home.path().join("library"), &files);
        Session { home }
    }

    pub fn library(&self) -> PathBuf {
        self.home.path().join("library")
    }

    pub fn state_file(&self) -> PathBuf {
        self.home.path().join("gazette").join("state.jsonl")
    }

    /// The isolated XDG folders and a fixed zone, plus `extra`.
    pub fn env<'a>(&'a self, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
        let home = self.home.path().to_str().unwrap();
        let mut env = vec![
            ("XDG_STATE_HOME", home),
            ("XDG_CONFIG_HOME", home),
            ("XDG_CACHE_HOME", home),
        ];
        env.extend_from_slice(extra);
        env
    }

    /// The reader on this library, `cols`×`rows`, once `first_title` is on screen.
    pub fn reader(&self, cols: u16, rows: u16, extra: &[(&str, &str)], first_title: &str) -> Pty {
        let lib = self.library();
        let t = Pty::spawn(&[lib.to_str().unwrap()], cols, rows, &self.env(extra));
        t.wait_for(first_title);
        t
    }

    /// `gazette list --json` over this library with this session's state: one value a line.
    pub fn list_json(&self) -> Vec<serde_json::Value> {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
            .args(["list", "--json"])
            .arg(self.library())
            .envs(self.env(&[]))
            .output()
            .unwrap();
        assert!(out.status.success(), "list --json: {out:?}");
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }
}

/// An article titled `title` on `day` (`YYYY-MM-DD`), its body `body` (HTML).
pub fn article(title: &str, day: &str, body: &str) -> String {
    primary(
        title,
        &["Notes"],
        "Tester",
        &format!("{day} 08:00:00"),
        body,
    )
}

/// `count` numbered paragraphs `{label} 01 …`; `extra(n)` adds words to paragraph `n`.
pub fn paragraphs(label: &str, count: usize, extra: impl Fn(usize) -> &'static str) -> String {
    (1..=count)
        .map(|n| format!("<p>{label} {n:02} 第{n}段 {}</p>\n", extra(n)))
        .collect()
}

/// Whether the pane titled `title` has the focused (thick) border.
pub fn focused(screen: &str, title: &str) -> bool {
    screen.contains(&format!("┏ {title}"))
}

/// The path as text, for arguments.
pub fn text(path: &Path) -> &str {
    path.to_str().unwrap()
}
