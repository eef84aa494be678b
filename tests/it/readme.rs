//! The README documents every key binding and every subcommand, and nothing else: checked in
//! both directions here so it can neither fall behind the keymap table and the command line
//! nor keep a row for a binding or a command that is gone.

use crate::support::common::gazette;
use gazette::app::keymap::{Context, Keymap};
use std::collections::BTreeSet;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// One row of the keys table: its keys (each a sequence as written), where it applies, and
/// what it does.
type Row = (Vec<String>, String, String);

/// The word the README's `where` column uses for a context.
fn where_word(context: Context) -> &'static str {
    match context {
        Context::Global => "everywhere",
        Context::List => "list",
        Context::Tree => "tree",
        Context::Reader => "reader",
        Context::Dates => "dates",
    }
}

/// The rows of the README's keys table (the one headed `| keys | where | action |`).
fn readme_rows(readme: &str) -> Vec<Row> {
    let mut lines = readme
        .lines()
        .skip_while(|l| l.trim() != "| keys | where | action |");
    assert!(lines.next().is_some(), "the README has a keys table");
    assert!(lines.next().is_some_and(|l| l.starts_with("| ---")));
    lines
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split(" | ").map(str::trim).collect();
            assert_eq!(cells.len(), 3, "three cells: {l}");
            let keys = cells[0]
                .split(", ")
                .map(|k| {
                    k.strip_prefix('`')
                        .and_then(|k| k.strip_suffix('`'))
                        .unwrap_or_else(|| panic!("a key in backticks: {k} in {l}"))
                        // A `|` in a table cell is written `\|`, even in backticks.
                        .replace("\\|", "|")
                })
                .collect();
            (keys, cells[1].to_string(), cells[2].to_string())
        })
        .collect()
}

fn binding_rows() -> Vec<Row> {
    Keymap::default()
        .bindings
        .iter()
        .map(|b| {
            (
                b.keys.iter().map(|k| k.join(" ")).collect(),
                where_word(b.context).to_string(),
                b.action.description().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_keys_table_is_the_keymap_in_both_directions() {
    let readme = readme_rows(&readme());
    let bindings = binding_rows();
    let missing: Vec<&Row> = bindings.iter().filter(|b| !readme.contains(b)).collect();
    let extra: Vec<&Row> = readme.iter().filter(|r| !bindings.contains(r)).collect();
    assert!(
        missing.is_empty(),
        "bindings the README lacks: {missing:#?}"
    );
    assert!(
        extra.is_empty(),
        "README rows that are no binding: {extra:#?}"
    );
    assert_eq!(readme.len(), bindings.len(), "one row per binding");
}

/// The subcommands `gazette [args] --help` lists (without `help`).
fn help_commands(args: &[&str]) -> BTreeSet<String> {
    let home = tempfile::tempdir().unwrap();
    let out = gazette(home.path())
        .args(args)
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let commands: BTreeSet<String> = text
        .lines()
        .skip_while(|l| l.trim() != "Commands:")
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(String::from)
        .collect();
    assert!(!commands.is_empty(), "commands in:\n{text}");
    commands
}

/// The subcommands the README's usage block shows after `gazette` and `prefix`.
fn readme_commands(readme: &str, prefix: &[&str]) -> BTreeSet<String> {
    let block = readme
        .split("## Usage")
        .nth(1)
        .and_then(|r| r.split("```").nth(1))
        .expect("a usage block");
    block
        .lines()
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            (words.next() == Some("gazette")).then_some(())?;
            for p in prefix {
                (words.next() == Some(*p)).then_some(())?;
            }
            words.next()
        })
        .filter(|w| w.chars().all(|c| c.is_ascii_lowercase()))
        .map(String::from)
        .collect()
}

#[test]
fn the_usage_lists_exactly_the_subcommands() {
    let readme = readme();
    assert_eq!(readme_commands(&readme, &[]), help_commands(&[]));
    assert_eq!(
        readme_commands(&readme, &["state"]),
        help_commands(&["state"])
    );
}

#[test]
fn every_option_is_in_the_readme() {
    let readme = readme();
    let cli = <gazette::cli::Cli as clap::CommandFactory>::command();
    let mut missing = Vec::new();
    for sub in std::iter::once(&cli).chain(cli.get_subcommands()) {
        for arg in sub.get_arguments().filter_map(|a| a.get_long()) {
            if !["help", "version"].contains(&arg) && !readme.contains(&format!("--{arg}")) {
                missing.push(format!("{} --{arg}", sub.get_name()));
            }
        }
    }
    assert!(missing.is_empty(), "not in the README: {missing:?}");
}
