//! Saving a view through the real binary: `V` writes it into the configuration file (created
//! where gazette looks for it), the tree shows it at once, and the next start reads it back.

use crate::support::pty::Pty;

#[test]
fn a_saved_view_is_written_to_the_config_file_and_read_at_the_next_start() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().to_str().unwrap();
    let env = [
        ("XDG_STATE_HOME", dir),
        ("XDG_CACHE_HOME", dir),
        ("XDG_CONFIG_HOME", dir),
    ];
    let config = home.path().join("gazette").join("config.toml");
    assert!(!config.exists());

    let mut t = Pty::spawn(&[], 200, 50, &env);
    t.wait_for("articles");
    t.send("/茶\r");
    t.wait_for("in full text");
    t.send("V");
    t.wait_for("Save as a view");
    t.send("茶叶 view\r");
    let screen = t.wait_for("saved the view");
    assert!(
        screen.contains("Views"),
        "the tree lists it at once:\n{screen}"
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    assert_eq!(
        std::fs::read_to_string(&config).unwrap(),
        "[[views]]\nname = \"茶叶 view\"\nquery = \"茶\"\n"
    );

    let mut t = Pty::spawn(&[], 200, 50, &env);
    let screen = t.wait_for("茶叶 view");
    assert!(screen.contains("Views"), "{screen}");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}
