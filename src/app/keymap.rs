//! Keys → actions, as data: one row per binding (context, keys, action, shown in the status
//! bar or not). The help overlay and the status bar are generated from this table.

use super::action::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies. Pane contexts are tried before `Global`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    List,
    Tree,
    Reader,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::List => "Article list",
            Context::Tree => "Category tree",
            Context::Reader => "Reader",
        }
    }
}

pub struct Binding {
    pub context: Context,
    /// Key names: `j`, `G`, `down`, `ctrl-d`, `shift-tab`, `space`, `enter`, `esc`, `pgdn`…
    pub keys: &'static [&'static str],
    pub action: Action,
    /// Shown in the status bar when its context has focus.
    pub hint: bool,
}

const fn bind(
    context: Context,
    keys: &'static [&'static str],
    action: Action,
    hint: bool,
) -> Binding {
    Binding {
        context,
        keys,
        action,
        hint,
    }
}

use Action as A;
use Context as C;

/// The default bindings. Pane rows come first so a pane can give a key its own meaning.
pub const DEFAULT: &[Binding] = &[
    bind(C::Reader, &["j", "down"], A::Down, false),
    bind(C::Reader, &["k", "up"], A::Up, false),
    bind(C::Reader, &["space", "pgdn"], A::PageDown, true),
    bind(C::Reader, &["b", "pgup"], A::PageUp, false),
    bind(C::Reader, &["n"], A::NextArticle, true),
    bind(C::Reader, &["p"], A::PrevArticle, true),
    bind(C::Tree, &["space"], A::ToggleNode, true),
    bind(C::Tree, &["enter", "l", "right"], A::Open, true),
    bind(C::List, &["enter", "l", "right"], A::Open, true),
    bind(C::Global, &["j", "down"], A::Down, true),
    bind(C::Global, &["k", "up"], A::Up, true),
    bind(C::Global, &["g", "home"], A::Top, false),
    bind(C::Global, &["G", "end"], A::Bottom, false),
    bind(C::Global, &["pgdn"], A::PageDown, false),
    bind(C::Global, &["pgup"], A::PageUp, false),
    bind(C::Global, &["ctrl-d"], A::HalfPageDown, false),
    bind(C::Global, &["ctrl-u"], A::HalfPageUp, false),
    bind(C::Global, &["esc", "h", "left"], A::Back, false),
    bind(C::Global, &["tab"], A::FocusNext, false),
    bind(C::Global, &["shift-tab", "backtab"], A::FocusPrev, false),
    bind(C::Global, &["c"], A::FocusTree, true),
    bind(C::Global, &["C"], A::ClearCategory, false),
    bind(C::Global, &["d"], A::DateFilter, true),
    bind(C::Global, &["D"], A::ClearDate, false),
    bind(C::Global, &["!"], A::Problems, false),
    bind(C::Global, &["?"], A::Help, true),
    bind(C::Global, &["q", "ctrl-c"], A::Quit, true),
];

/// The canonical name of a key press, as written in [`Binding::keys`].
pub fn key_name(key: &KeyEvent) -> Option<String> {
    let base = match key.code {
        KeyCode::Char(' ') => "space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "enter".into(),
        KeyCode::Esc => "esc".into(),
        KeyCode::Tab => "tab".into(),
        KeyCode::BackTab => "backtab".into(),
        KeyCode::Backspace => "backspace".into(),
        KeyCode::Up => "up".into(),
        KeyCode::Down => "down".into(),
        KeyCode::Left => "left".into(),
        KeyCode::Right => "right".into(),
        KeyCode::Home => "home".into(),
        KeyCode::End => "end".into(),
        KeyCode::PageUp => "pgup".into(),
        KeyCode::PageDown => "pgdn".into(),
        KeyCode::F(n) => format!("f{n}"),
        _ => return None,
    };
    let mut name = String::new();
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        name.push_str("ctrl-");
    }
    if key.modifiers.contains(KeyModifiers::ALT) {
        name.push_str("alt-");
    }
    // Shift is part of the character for printable keys (`G`), a modifier for the others.
    if key.modifiers.contains(KeyModifiers::SHIFT)
        && !matches!(key.code, KeyCode::Char(_) | KeyCode::BackTab)
    {
        name.push_str("shift-");
    }
    name.push_str(&base);
    Some(name)
}

/// The action bound to `key` in `context` (falling back to the global bindings).
pub fn lookup(bindings: &[Binding], context: Context, key: &KeyEvent) -> Option<Action> {
    let name = key_name(key)?;
    [context, Context::Global].into_iter().find_map(|ctx| {
        bindings
            .iter()
            .find(|b| b.context == ctx && b.keys.contains(&name.as_str()))
            .map(|b| b.action)
    })
}

/// `key action` pairs for the status bar in `context`.
pub fn hints(bindings: &[Binding], context: Context) -> Vec<(&'static str, &'static str)> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for ctx in [context, Context::Global] {
        for b in bindings.iter().filter(|b| b.context == ctx && b.hint) {
            if !seen.contains(&b.action) {
                seen.push(b.action);
                out.push((b.keys[0], short_label(b.action)));
            }
        }
    }
    out
}

/// A word or two for the status bar, where the full description would not fit.
fn short_label(action: Action) -> &'static str {
    match action {
        A::Down | A::Up => "move",
        A::Open => "open",
        A::PageDown => "page",
        A::NextArticle => "next",
        A::PrevArticle => "prev",
        A::ToggleNode => "fold",
        A::FocusTree => "categories",
        A::DateFilter => "dates",
        A::Help => "help",
        A::Quit => "quit",
        other => other.name(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn pane_bindings_win_over_global_ones() {
        let space = key(KeyCode::Char(' '), KeyModifiers::NONE);
        assert_eq!(lookup(DEFAULT, Context::Reader, &space), Some(A::PageDown));
        assert_eq!(lookup(DEFAULT, Context::Tree, &space), Some(A::ToggleNode));
        assert_eq!(lookup(DEFAULT, Context::List, &space), None);
    }

    #[test]
    fn modifiers_and_shifted_letters() {
        assert_eq!(
            lookup(
                DEFAULT,
                Context::List,
                &key(KeyCode::Char('d'), KeyModifiers::CONTROL)
            ),
            Some(A::HalfPageDown)
        );
        assert_eq!(
            lookup(
                DEFAULT,
                Context::List,
                &key(KeyCode::Char('G'), KeyModifiers::SHIFT)
            ),
            Some(A::Bottom)
        );
        assert_eq!(
            lookup(
                DEFAULT,
                Context::List,
                &key(KeyCode::BackTab, KeyModifiers::SHIFT)
            ),
            Some(A::FocusPrev)
        );
        assert_eq!(
            lookup(
                DEFAULT,
                Context::List,
                &key(KeyCode::Char('q'), KeyModifiers::NONE)
            ),
            Some(A::Quit)
        );
    }

    #[test]
    fn every_action_has_a_key() {
        for a in Action::ALL {
            assert!(
                DEFAULT.iter().any(|b| b.action == *a),
                "{a:?} has no binding"
            );
        }
    }
}
