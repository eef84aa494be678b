//! `list --json` gives every file's exact path, whatever its name holds, and `show` takes it
//! back: `gazette list --json | jq -r .path | xargs -d '\n' gazette show` works on every file.

use crate::support::common;

use std::path::Path;
use std::process::Output;

fn gazette(args: &[&std::ffi::OsStr], state: &Path) -> Output {
    common::gazette(state)
        .args(args)
        .output()
        .expect("run gazette")
}

/// File names a cleaning for display would change: double spaces, a no-break space, a hair
/// space, an ESC, a bidi override, a C1 control.
const NAMES: [&str; 6] = [
    "两个  空格.md",
    "不换行\u{a0}空格.md",
    "hair\u{200a}space.md",
    "escape\u{1b}[31mred.md",
    "override\u{202e}txt.md",
    "c1\u{9b}name.md",
];

#[test]
fn json_paths_are_exact_and_show_accepts_them() {
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    for (i, name) in NAMES.iter().enumerate() {
        std::fs::write(
            dir.path().join(name),
            format!("# 第{i}篇 Article {i}\n\n正文 body {i}.\n"),
        )
        .unwrap();
    }
    let out = gazette(
        &["list".as_ref(), "--json".as_ref(), dir.path().as_os_str()],
        state.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    // Nothing a terminal acts on is written raw; ESC is escaped as JSON says.
    assert!(
        !text.chars().any(gazette::sanitize::is_forbidden),
        "{text:?}"
    );
    assert!(text.contains("escape\\u001b[31mred.md"), "{text}");
    let mut seen = Vec::new();
    for line in text.lines() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        let path = record["path"].as_str().unwrap().to_string();
        assert!(record.get("path_bytes").is_none());
        assert!(Path::new(&path).is_file(), "{path:?} does not exist");
        let shown = gazette(&["show".as_ref(), path.as_ref()], state.path());
        assert!(
            shown.status.success(),
            "show {path:?}: {}",
            String::from_utf8_lossy(&shown.stderr)
        );
        let body = String::from_utf8(shown.stdout).unwrap();
        assert!(body.contains("正文 body"), "{body}");
        seen.push(
            Path::new(&path)
                .file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .to_string(),
        );
    }
    seen.sort();
    let mut expected: Vec<String> = NAMES.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(seen, expected);
}

#[cfg(unix)]
#[test]
fn a_path_that_is_not_utf8_has_its_exact_bytes() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"latin1 caf\xe9.md");
    let file = dir.path().join(name);
    std::fs::write(&file, "# Café\n\nbody\n").unwrap();
    let out = gazette(
        &["list".as_ref(), "--json".as_ref(), dir.path().as_os_str()],
        state.path(),
    );
    let record: serde_json::Value =
        serde_json::from_str(String::from_utf8(out.stdout).unwrap().trim()).unwrap();
    let bytes: Vec<u8> = record["path_bytes"]
        .as_array()
        .expect("path_bytes for a name that is not UTF-8")
        .iter()
        .map(|b| b.as_u64().unwrap() as u8)
        .collect();
    assert_eq!(bytes, file.as_os_str().as_bytes());
    assert!(
        record["path"]
            .as_str()
            .unwrap()
            .ends_with("latin1 caf\u{fffd}.md")
    );
}
