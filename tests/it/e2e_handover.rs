//! The reader hands the terminal to other programs and takes it back: `|` pipes the article
//! to the configured command, `E` opens its file in `$EDITOR`. Each program gets every key
//! typed while it runs (none is stolen by the reader's input thread), and the reader comes
//! back drawn, then quits with the terminal as it was.

use crate::support::fixtures;
use crate::support::pty::Pty;
use std::path::Path;

/// A library of one article, a configuration piping to `cat > piped.txt`, and an editor
/// script that announces itself, reads a line from the terminal and records its argument
/// and that line in `edited.txt`.
fn setup(dir: &Path) -> (String, String) {
    let lib = dir.join("lib");
    std::fs::create_dir(&lib).unwrap();
    let article = fixtures::primary(
        "渡口的新船",
        &["World", "Harbor"],
        "Harbor Gazette",
        "Fri, 21 Jan 2022 08:00:00 GMT",
        "<p>新船下水，渡口今天起恢复夜航。The night ferry runs again.</p>",
    );
    std::fs::write(lib.join("ferry.txt"), article).unwrap();
    let piped = dir.join("piped.txt");
    let config = dir.join("config.toml");
    std::fs::write(
        &config,
        format!("pipe_to = \"cat > '{}'\"\n", piped.display()),
    )
    .unwrap();
    let editor = dir.join("editor.sh");
    let edited = dir.join("edited.txt");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\necho 'EDITOR READY'\nIFS= read -r line\nprintf '%s\\n%s\\n' \"$1\" \"$line\" > '{}'\n",
            edited.display()
        ),
    )
    .unwrap();
    make_executable(&editor);
    (
        lib.to_str().unwrap().to_string(),
        config.to_str().unwrap().to_string(),
    )
}

/// The reader on `args` in a 100×30 terminal, every XDG folder in `home`, plus `env`.
pub(crate) fn spawn_reader(args: &[&str], home: &Path, env: &[(&str, &str)]) -> Pty {
    let xdg = home.to_str().unwrap();
    let mut vars = vec![
        ("XDG_STATE_HOME", xdg),
        ("XDG_CONFIG_HOME", xdg),
        ("XDG_CACHE_HOME", xdg),
    ];
    vars.extend_from_slice(env);
    Pty::spawn(args, 100, 30, &vars)
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mut perms = std::fs::metadata(path).unwrap().permissions();
    perms.set_mode(0o755);
    std::fs::set_permissions(path, perms).unwrap();
}

#[test]
fn pipe_and_editor_get_the_terminal_and_the_reader_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, config) = setup(dir.path());
    let editor = dir.path().join("editor.sh");
    let mut t = spawn_reader(
        &[&lib, "--config", &config, "--no-cache"],
        dir.path(),
        &[("EDITOR", editor.to_str().unwrap())],
    );
    t.wait_for("渡口的新船");
    t.send("\r");
    t.wait_for("恢复夜航");

    t.send("|");
    t.wait_for("piped to cat");
    let piped = std::fs::read_to_string(dir.path().join("piped.txt")).unwrap();
    assert!(piped.contains("渡口的新船\n"), "{piped}");
    assert!(piped.contains("新船下水"), "{piped}");
    assert!(piped.contains("The night ferry runs again."), "{piped}");
    assert!(
        !piped.contains('\u{1b}'),
        "plain text, no escapes: {piped:?}"
    );
    // The reader is drawn again around the message.
    let screen = t.screen();
    assert!(screen.contains("恢复夜航"), "{screen}");

    t.send("E");
    t.wait_for("EDITOR READY");
    t.send("typed into the editor\r");
    let screen = t.wait_for("edited ");
    assert!(screen.contains("恢复夜航"), "the reader again:\n{screen}");
    assert!(
        !screen.contains("EDITOR READY"),
        "the editor's screen is gone:\n{screen}"
    );
    let edited = std::fs::read_to_string(dir.path().join("edited.txt")).unwrap();
    let ferry = Path::new(&lib).join("ferry.txt");
    assert_eq!(
        edited,
        format!("{}\ntyped into the editor\n", ferry.display()),
        "the editor got the file and every key typed"
    );

    // Still the reader's keys after all that.
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    t.assert_restored();
}

#[test]
fn without_pipe_to_the_status_bar_says_how_to_set_it() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, _) = setup(dir.path());
    let mut t = spawn_reader(&[&lib, "--no-cache"], dir.path(), &[]);
    t.wait_for("渡口的新船");
    t.send("\r");
    t.wait_for("恢复夜航");
    t.send("|");
    t.wait_for("set pipe_to");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    t.assert_restored();
}

/// A Ctrl-C typed into the editor interrupts the editor, not the reader: the reader comes
/// back, says so, and quits with 0 afterwards rather than 128 + SIGINT.
#[test]
fn ctrl_c_in_the_editor_is_the_editors() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, _) = setup(dir.path());
    let editor = dir.path().join("waits.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\necho 'WAITING FOR CTRL-C'\nread -r line\n",
    )
    .unwrap();
    make_executable(&editor);
    let mut t = spawn_reader(
        &[&lib, "--no-cache"],
        dir.path(),
        &[("EDITOR", editor.to_str().unwrap())],
    );
    t.wait_for("渡口的新船");
    t.send("\r");
    t.wait_for("恢复夜航");
    t.send("E");
    t.wait_for("WAITING FOR CTRL-C");
    t.send("\u{3}");
    // The note and the article arrive in one frame, which the pty may hand over in pieces.
    let screen = t.wait_until(
        |s| s.contains("ended by a signal") && s.contains("恢复夜航"),
        "the reader again, with the editor's end noted",
    );
    assert!(screen.contains("恢复夜航"), "the reader again:\n{screen}");
    t.send("q");
    assert_eq!(t.wait_exit(), 0, "quit by q, not by the Ctrl-C");
    t.assert_restored();
}
