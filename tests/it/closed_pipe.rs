//! `gazette list | head -1`: the reader of the pipe goes away after one line, while gazette
//! still has most of its output to write. That is how pipes end, not an error: gazette stops
//! quietly and succeeds, as the README says.

use crate::support::fixtures;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

/// A library whose listing is far larger than a pipe holds (64 KiB on Linux), so gazette is
/// still writing when the pipe closes.
fn big_library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..1200 {
        let title =
            format!("第{i}篇：管道那头的读者读完一行就走了 — reader number {i} leaves early");
        let text = fixtures::primary(
            &title,
            &["新媒体", "管道日报", "技术"],
            "管道日报",
            "Fri, 21 Jan 2022 08:00:00 GMT",
            "<p>正文不长。</p>",
        );
        std::fs::write(dir.path().join(format!("{i:04}.txt")), text).unwrap();
    }
    dir
}

/// Runs `gazette list <extra> DIR`, reads one line, closes the pipe and returns the exit
/// status and everything written to stderr.
fn list_then_close(extra: &[&str]) -> (std::process::ExitStatus, String, String) {
    let lib = big_library();
    let xdg = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["list", "--no-cache"])
        .args(extra)
        .arg(lib.path())
        .env("XDG_STATE_HOME", xdg.path())
        .env("XDG_CONFIG_HOME", xdg.path())
        .env("XDG_CACHE_HOME", xdg.path())
        .env("TZ", "UTC")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The BufReader and with it the pipe's read end are dropped here: `head -1` exits.
    let out = child.wait_with_output().unwrap();
    (
        out.status,
        first,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn list_json_into_a_pipe_closed_after_one_line_is_quiet() {
    let (status, first, stderr) = list_then_close(&["--json"]);
    assert!(first.contains("reader number"), "first line: {first}");
    assert_eq!(stderr, "");
    assert!(status.success(), "{status:?}");
}

#[test]
fn list_columns_into_a_pipe_closed_after_one_line_is_quiet() {
    let (status, first, stderr) = list_then_close(&[]);
    assert!(first.contains("reader number"), "first line: {first}");
    assert_eq!(stderr, "");
    assert!(status.success(), "{status:?}");
}
