//! Two gazettes on one reading state: neither loses what the other saved. Two readers open
//! at once each star an article; concurrent `state import` runs all land; an unstar made
//! later travels through `state import` where the old rule ("starred wins") kept the star.

use crate::support::pty::Pty;
use std::path::Path;
use std::process::Command;

fn env(dir: &Path) -> Vec<(&'static str, String)> {
    let dir = dir.to_str().unwrap().to_string();
    vec![
        ("XDG_STATE_HOME", dir.clone()),
        ("XDG_CACHE_HOME", dir.clone()),
        ("XDG_CONFIG_HOME", dir),
    ]
}

fn gazette(args: &[&str], state: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(args)
        .envs(env(state))
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// A library of two articles, 甲 the newer (listed first).
fn library(dir: &Path) {
    std::fs::write(
        dir.join("jia.md"),
        "---\ntitle: 甲 The first letter\ndate: 2024-03-02\n---\n\n甲是天干的第一位。\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("yi.md"),
        "---\ntitle: 乙 The second letter\ndate: 2024-03-01\n---\n\n乙排在甲的后面。\n",
    )
    .unwrap();
}

fn starred_titles(lib: &Path, state: &Path) -> Vec<String> {
    gazette(&["list", "--json", lib.to_str().unwrap()], state)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|row| row["starred"] == true)
        .map(|row| row["title"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn two_readers_open_at_once_keep_both_stars() {
    let lib = tempfile::tempdir().unwrap();
    library(lib.path());
    let state = tempfile::tempdir().unwrap();
    let env = env(state.path());
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let args = [lib.path().to_str().unwrap()];
    let mut one = Pty::spawn(&args, 100, 30, &env);
    let mut two = Pty::spawn(&args, 100, 30, &env);
    one.wait_for("乙 The second");
    two.wait_for("乙 The second");
    // One stars 甲 (the first row), the other 乙 (the second); both read the same state.
    one.send("s");
    one.wait_for("starred");
    two.send("j");
    two.send("s");
    two.wait_for("starred");
    one.send("q");
    assert_eq!(one.wait_exit(), 0);
    two.send("q");
    assert_eq!(two.wait_exit(), 0);
    assert_eq!(
        starred_titles(lib.path(), state.path()),
        ["甲 The first letter", "乙 The second letter"]
    );
}

/// A state file starring `key`, changed at `ms` (Unix milliseconds).
fn state_file(path: &Path, key: &str, starred: bool, ms: i64) {
    std::fs::write(
        path,
        format!(
            "{{\"gazette_state\":1}}\n{{\"key\":\"{key}\",\"read\":true,\"starred\":{starred},\
             \"changed\":{ms}}}\n"
        ),
    )
    .unwrap();
}

/// Every line of an export, as JSON, by key.
fn exported(state: &Path) -> serde_json::Map<String, serde_json::Value> {
    let file = state.join("export.jsonl");
    gazette(&["state", "export", file.to_str().unwrap()], state);
    std::fs::read_to_string(&file)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .map(|v| (v["key"].as_str().unwrap().to_string(), v))
        .collect()
}

#[test]
fn imports_running_at_once_all_land() {
    let state = tempfile::tempdir().unwrap();
    let files: Vec<_> = (0..6)
        .map(|k| {
            let f = state.path().join(format!("in{k}.jsonl"));
            state_file(&f, &format!("文章{k}"), true, 1000 + k);
            f
        })
        .collect();
    let children: Vec<_> = files
        .iter()
        .map(|f| {
            Command::new(env!("CARGO_BIN_EXE_gazette"))
                .args(["state", "import", f.to_str().unwrap()])
                .envs(env(state.path()))
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let got = exported(state.path());
    let mut keys: Vec<_> = got.keys().cloned().collect();
    keys.sort();
    let want: Vec<_> = (0..6).map(|k| format!("文章{k}")).collect();
    assert_eq!(keys, want, "no import overwrote another");
}

#[test]
fn a_later_unstar_travels_through_import_and_an_older_star_does_not_undo_it() {
    let state = tempfile::tempdir().unwrap();
    let f = |name: &str| state.path().join(name);
    state_file(&f("star.jsonl"), "k", true, 1_000);
    state_file(&f("unstar.jsonl"), "k", false, 3_000);
    state_file(&f("old-star.jsonl"), "k", true, 2_000);
    gazette(
        &["state", "import", f("star.jsonl").to_str().unwrap()],
        state.path(),
    );
    assert_eq!(exported(state.path())["k"]["starred"], true);
    let out = gazette(
        &["state", "import", f("unstar.jsonl").to_str().unwrap()],
        state.path(),
    );
    assert!(out.contains("1 changed"), "{out}");
    let k = &exported(state.path())["k"];
    assert_eq!(k["starred"], false, "the later unstar travelled");
    assert_eq!(k["changed"], 3_000);
    let out = gazette(
        &["state", "import", f("old-star.jsonl").to_str().unwrap()],
        state.path(),
    );
    assert!(out.contains("0 changed"), "{out}");
    assert_eq!(exported(state.path())["k"]["starred"], false);
}
