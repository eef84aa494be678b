//! Keymap lookup, parsing and overrides.

use super::*;
use crate::app::action::Action as A;
use crate::app::line_edit::Edit;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

fn find(map: &Keymap, ctx: Context, k: KeyEvent) -> Lookup {
    map.lookup(ctx, &[], &k)
}

#[test]
fn pane_bindings_win_over_global_ones() {
    let map = Keymap::default();
    let space = key(KeyCode::Char(' '), KeyModifiers::NONE);
    assert_eq!(
        find(&map, Context::Reader, space),
        Lookup::Action(A::ReadOn)
    );
    assert_eq!(
        find(&map, Context::Tree, space),
        Lookup::Action(A::ToggleNode)
    );
    assert_eq!(find(&map, Context::List, space), Lookup::None);
}

#[test]
fn modifiers_and_shifted_letters() {
    let map = Keymap::default();
    assert_eq!(
        find(
            &map,
            Context::List,
            key(KeyCode::Char('d'), KeyModifiers::CONTROL)
        ),
        Lookup::Action(A::HalfPageDown)
    );
    assert_eq!(
        find(
            &map,
            Context::List,
            key(KeyCode::Char('G'), KeyModifiers::SHIFT)
        ),
        Lookup::Action(A::Bottom)
    );
    assert_eq!(
        find(
            &map,
            Context::List,
            key(KeyCode::BackTab, KeyModifiers::SHIFT)
        ),
        Lookup::Action(A::FocusPrev)
    );
    assert_eq!(
        find(
            &map,
            Context::List,
            key(KeyCode::Char('q'), KeyModifiers::NONE)
        ),
        Lookup::Action(A::Quit)
    );
}

#[test]
fn every_action_has_a_key() {
    let map = Keymap::default();
    for a in Action::ALL {
        assert!(
            map.bindings.iter().any(|b| b.action == *a),
            "{a:?} has no binding"
        );
    }
}

#[test]
fn key_names_parse_the_way_people_write_them() {
    assert_eq!(parse_key("Ctrl-D").unwrap(), "ctrl-d");
    assert_eq!(parse_key("shift-g").unwrap(), "G");
    assert_eq!(parse_key("PageDown").unwrap(), "pgdn");
    assert_eq!(parse_key("alt-ctrl-x").unwrap(), "ctrl-alt-x");
    assert_eq!(parse_key("shift-tab").unwrap(), "shift-tab");
    assert_eq!(parse_key("F5").unwrap(), "f5");
    assert_eq!(parse_sequence("g g").unwrap(), vec!["g", "g"]);
    assert!(parse_key("hyper-x").is_err());
    assert!(parse_sequence("  ").is_err());
}

#[test]
fn an_override_replaces_one_action_and_keeps_the_rest() {
    let mut map = Keymap::default();
    map.apply(&Override {
        context: None,
        action: A::Down,
        keys: vec!["n".into()],
    })
    .unwrap_err();
    map.apply(&Override {
        context: Some(Context::List),
        action: A::Down,
        keys: vec!["e".into()],
    })
    .unwrap();
    assert_eq!(
        find(
            &map,
            Context::List,
            key(KeyCode::Char('e'), KeyModifiers::NONE)
        ),
        Lookup::Action(A::Down)
    );
    // j in the list now falls back to the global binding, which is unchanged.
    assert_eq!(
        find(
            &map,
            Context::List,
            key(KeyCode::Char('j'), KeyModifiers::NONE)
        ),
        Lookup::Action(A::Down)
    );
    assert_eq!(
        find(
            &map,
            Context::List,
            key(KeyCode::Char('k'), KeyModifiers::NONE)
        ),
        Lookup::Action(A::Up)
    );
}

#[test]
fn sequences_wait_for_their_next_key() {
    let mut map = Keymap::default();
    map.apply(&Override {
        context: None,
        action: A::Top,
        keys: vec!["g g".into()],
    })
    .unwrap();
    let g = key(KeyCode::Char('g'), KeyModifiers::NONE);
    assert_eq!(map.lookup(Context::List, &[], &g), Lookup::Pending);
    assert_eq!(
        map.lookup(Context::List, &["g".to_string()], &g),
        Lookup::Action(A::Top)
    );
    let x = key(KeyCode::Char('x'), KeyModifiers::NONE);
    assert_eq!(
        map.lookup(Context::List, &["g".to_string()], &x),
        Lookup::None
    );
}

#[test]
fn a_conflict_names_the_other_action() {
    let mut map = Keymap::default();
    let err = map
        .apply(&Override {
            context: None,
            action: A::Top,
            keys: vec!["q".into()],
        })
        .unwrap_err();
    assert!(err.contains("quit"), "{err}");
}

#[test]
fn key_events_by_name_are_what_the_bindings_name() {
    let map = Keymap::default();
    for b in &map.bindings {
        for name in b.keys.iter().flatten() {
            let event = key_event(name).unwrap();
            assert_eq!(key_name(&event).as_deref(), Some(name.as_str()), "{name}");
        }
    }
    assert_eq!(
        key_event("G").unwrap(),
        key(KeyCode::Char('G'), KeyModifiers::SHIFT)
    );
    assert!(key_event("nope").is_err());
}

#[test]
fn the_input_context_edits_and_leaves_commands_alone() {
    let map = Keymap::default();
    let input = |code, mods| map.input(&key(code, mods));
    assert_eq!(
        input(KeyCode::Char('茶'), KeyModifiers::NONE),
        Some(Edit::Insert('茶'))
    );
    assert_eq!(
        input(KeyCode::Char('Z'), KeyModifiers::SHIFT),
        Some(Edit::Insert('Z'))
    );
    assert_eq!(
        input(KeyCode::Backspace, KeyModifiers::NONE),
        Some(Edit::DeleteBack)
    );
    assert_eq!(
        input(KeyCode::Char('b'), KeyModifiers::CONTROL),
        Some(Edit::Left)
    );
    assert_eq!(
        input(KeyCode::Enter, KeyModifiers::NONE),
        Some(Edit::Submit)
    );
    assert_eq!(input(KeyCode::Esc, KeyModifiers::NONE), Some(Edit::Cancel));
    assert_eq!(input(KeyCode::Char('d'), KeyModifiers::CONTROL), None);
    assert_eq!(input(KeyCode::Down, KeyModifiers::NONE), None);
}
