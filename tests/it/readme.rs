//! The README documents every key binding and every subcommand: checked here so it cannot
//! fall behind the keymap table or the command line.

#[test]
fn every_binding_is_in_the_readme() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for b in gazette::app::keymap::Keymap::default().bindings {
        let keys: Vec<String> = b
            .keys
            .iter()
            .map(|k| format!("`{}`", k.join(" ")))
            .collect();
        let row = format!("| {} |", keys.join(", "));
        let line = readme
            .lines()
            .find(|l| l.starts_with(&row) && l.contains(b.action.description()));
        assert!(
            line.is_some(),
            "README lacks the row for {:?}: {row} … {}",
            b.action,
            b.action.description()
        );
    }
}

#[test]
fn every_subcommand_and_option_is_in_the_readme() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let cli = <gazette::cli::Cli as clap::CommandFactory>::command();
    let mut missing = Vec::new();
    for sub in std::iter::once(&cli).chain(cli.get_subcommands()) {
        if !readme.contains(&format!("gazette {}", sub.get_name())) && sub.get_name() != "gazette" {
            missing.push(sub.get_name().to_string());
        }
        for arg in sub.get_arguments().filter_map(|a| a.get_long()) {
            if !["help", "version"].contains(&arg) && !readme.contains(&format!("--{arg}")) {
                missing.push(format!("{} --{arg}", sub.get_name()));
            }
        }
    }
    assert!(missing.is_empty(), "not in the README: {missing:?}");
}
