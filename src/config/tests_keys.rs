use super::tests::{err, parse_str};
use super::*;
use crate::app::Action;
use crate::app::keymap::{Context, Lookup};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn look(map: &Keymap, ctx: Context, c: char) -> Lookup {
    map.lookup(
        ctx,
        &[],
        &KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
    )
}

const ALL: [Context; 4] = [
    Context::Global,
    Context::List,
    Context::Tree,
    Context::Reader,
];

#[test]
fn rebinding_under_keys_replaces_the_action_everywhere_it_is_bound() {
    let map = parse_str("[keys]\nmove_down = \"e\"\nmove_up = \"z\"\n")
        .unwrap()
        .keymap;
    for ctx in ALL {
        assert_eq!(
            look(&map, ctx, 'e'),
            Lookup::Action(Action::Down),
            "{ctx:?}"
        );
        assert_eq!(look(&map, ctx, 'z'), Lookup::Action(Action::Up), "{ctx:?}");
        // move_down is bound in the reader and globally: both lose j, and the list and
        // tree fall back to the global row, so j means nothing anywhere now.
        assert_eq!(look(&map, ctx, 'j'), Lookup::None, "{ctx:?}");
        assert_eq!(look(&map, ctx, 'k'), Lookup::None, "{ctx:?}");
        assert_eq!(
            look(&map, ctx, 'q'),
            Lookup::Action(Action::Quit),
            "{ctx:?}"
        );
    }
    // The arrows went with the old keys; the rest of the map is untouched.
    assert_eq!(
        map.key_for(Context::List, Action::Down).as_deref(),
        Some("e")
    );
    assert_eq!(map.bindings.len(), Keymap::default().bindings.len());
    // The status bar still shows the action, with its new key; help keeps its order.
    assert!(
        map.hints(Context::List)
            .contains(&("e/z".to_string(), "move"))
    );
    let rows = |m: &Keymap| {
        m.help_rows(Context::Global)
            .into_iter()
            .map(|r| r.1)
            .collect::<Vec<_>>()
    };
    assert_eq!(rows(&map), rows(&Keymap::default()));
}

#[test]
fn a_context_table_changes_that_context_only() {
    let map = parse_str("[keys.list]\nmove_down = [\"e\", \"ctrl-n\"]\n")
        .unwrap()
        .keymap;
    assert_eq!(look(&map, Context::List, 'e'), Lookup::Action(Action::Down));
    // The list had no move_down row of its own: j there still reaches the global one.
    assert_eq!(look(&map, Context::List, 'j'), Lookup::Action(Action::Down));
    assert_eq!(look(&map, Context::Reader, 'e'), Lookup::None);
    assert_eq!(look(&map, Context::Tree, 'e'), Lookup::None);
    let ctrl_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL);
    assert_eq!(
        map.lookup(Context::List, &[], &ctrl_n),
        Lookup::Action(Action::Down)
    );

    // A context table wins over [keys], wherever it is in the file.
    let text = "[keys.reader]\nmove_down = \"x\"\n[keys]\nmove_down = \"e\"\n";
    let map = parse_str(text).unwrap().keymap;
    assert_eq!(
        look(&map, Context::Reader, 'x'),
        Lookup::Action(Action::Down)
    );
    assert_eq!(
        look(&map, Context::Reader, 'e'),
        Lookup::Action(Action::Down),
        "global"
    );
    assert_eq!(look(&map, Context::List, 'e'), Lookup::Action(Action::Down));
    assert_eq!(look(&map, Context::List, 'x'), Lookup::None);
}

#[test]
fn sequences_and_modifiers() {
    let map = parse_str("[keys]\ntop = \"g g\"\nhalf_page_down = \"Ctrl-F\"\n")
        .unwrap()
        .keymap;
    assert_eq!(look(&map, Context::List, 'g'), Lookup::Pending);
    let g = KeyEvent::new(KeyCode::Char('g'), KeyModifiers::NONE);
    assert_eq!(
        map.lookup(Context::List, &["g".into()], &g),
        Lookup::Action(Action::Top)
    );
    let ctrl_f = KeyEvent::new(KeyCode::Char('f'), KeyModifiers::CONTROL);
    assert_eq!(
        map.lookup(Context::List, &[], &ctrl_f),
        Lookup::Action(Action::HalfPageDown)
    );
}

#[test]
fn keys_can_swap_between_actions() {
    let map = parse_str("[keys]\nmove_down = \"k\"\nmove_up = \"j\"\n")
        .unwrap()
        .keymap;
    assert_eq!(
        look(&map, Context::Reader, 'k'),
        Lookup::Action(Action::Down)
    );
    assert_eq!(look(&map, Context::List, 'j'), Lookup::Action(Action::Up));
}

#[test]
fn an_unknown_action_names_the_line_and_the_name() {
    let e = err("theme = \"default\"\n\n[keys]\nquit = \"q\"\nmove_dwn = \"x\"\n");
    assert_eq!(e.line, Some(5), "{e}");
    assert!(
        e.message.contains("unknown action \"move_dwn\" in [keys]"),
        "{e}"
    );
    assert!(e.message.contains("expected one of: quit, help"), "{e}");
    assert!(e.message.contains("did you mean \"move_down\""), "{e}");
    let e = err("[keys.tree]\nfold = \"x\"\n");
    assert_eq!(e.line, Some(2));
    assert!(e.message.contains("in [keys.tree]"), "{e}");
    // Only the four contexts are tables.
    assert_eq!(err("[keys.pager]\nquit = \"x\"\n").line, Some(1));
}

#[test]
fn a_conflict_names_the_line_and_the_other_action() {
    let e = err("[keys]\nhelp = \"?\"\ntop = \"q\"\n");
    assert_eq!(e.line, Some(3), "{e}");
    assert!(
        e.message
            .starts_with("keys.top: 'q' is already bound to quit"),
        "{e}"
    );
    // Between two of the user's own entries: the second is the one reported.
    let e = err("[keys]\nhelp = \"x\"\n\nproblems = [\"!\", \"x\"]\n");
    assert_eq!(e.line, Some(4), "{e}");
    // A prefix of a sequence is a conflict too.
    assert_eq!(err("[keys]\ntop = \"q q\"\n").line, Some(2));
}

#[test]
fn bad_key_values() {
    let e = err("[keys]\nquit = [\n  \"q\",\n  \"hyper-x\",\n]\n");
    assert_eq!(e.line, Some(4), "{e}");
    assert!(
        e.message.contains("keys.quit: unknown key 'hyper-x'"),
        "{e}"
    );
    assert_eq!(err("[keys]\nquit = []\n").line, Some(2));
    assert_eq!(err("[keys]\nquit = \"\"\n").line, Some(2));
    assert_eq!(err("[keys]\nquit = 1\n").line, Some(2));
    assert_eq!(err("[keys]\nquit = [1]\n").line, Some(2));
    assert_eq!(err("[keys]\nlist = \"x\"\n").line, Some(2));
    assert_eq!(err("keys = 3\n").line, Some(1));
}

/// `# name = value` lines: the documented settings.
fn setting_line(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("# ")?;
    let (name, _) = rest.split_once(" = ")?;
    name.bytes()
        .all(|b| b.is_ascii_lowercase() || b == b'_')
        .then_some(rest)
}

fn uncommented(only: Option<usize>) -> String {
    let lines = DEFAULT_TOML
        .lines()
        .enumerate()
        .map(|(i, l)| match setting_line(l) {
            Some(s) if only.is_none_or(|o| o == i) => s,
            _ => l,
        });
    lines.collect::<Vec<_>>().join("\n")
}

#[test]
fn the_documented_defaults_are_the_defaults() {
    // Uncommented all at once, or each on its own, they change nothing.
    assert_eq!(parse_str(&uncommented(None)).unwrap(), Config::default());
    let lines: Vec<&str> = DEFAULT_TOML.lines().collect();
    let settings: Vec<usize> = (0..lines.len())
        .filter(|&i| setting_line(lines[i]).is_some())
        .collect();
    for &i in &settings {
        let cfg = parse_str(&uncommented(Some(i)));
        assert_eq!(cfg, Ok(Config::default()), "line {}: {}", i + 1, lines[i]);
    }
    // Each setting has a line of explanation above it.
    for &i in &settings {
        let above = lines[i - 1];
        assert!(
            above.starts_with("# ") && setting_line(above).is_none(),
            "line {}",
            i + 1
        );
    }
    // Every action and every top-level setting is there.
    let text = uncommented(None);
    for a in Action::ALL {
        assert!(text.contains(&format!("\n{} = ", a.name())), "{}", a.name());
    }
    for s in ["library", "theme", "wide", "medium", "format", "time_zone"] {
        assert!(text.contains(&format!("\n{s} = ")), "{s}");
    }
}

#[test]
fn the_date_window_has_its_own_table() {
    let map = parse_str("[keys.dates]\nzoom_in = \"z\"\n").unwrap().keymap;
    assert_eq!(
        look(&map, Context::Dates, 'z'),
        Lookup::Action(Action::ZoomIn)
    );
    assert_eq!(look(&map, Context::Dates, '+'), Lookup::None);
    // Outside the window, h still goes back.
    assert_eq!(
        look(&map, Context::Dates, 'h'),
        Lookup::Action(Action::TimelineEarlier)
    );
    assert_eq!(look(&map, Context::List, 'h'), Lookup::Action(Action::Back));
}
