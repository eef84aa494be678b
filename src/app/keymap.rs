//! Keys → actions, as data: one row per binding (context, keys, action, shown in the status
//! bar or not). The help overlay and the status bar are generated from the same [`Keymap`],
//! so they follow the user's bindings. A key may be a sequence (`g g`) or carry modifiers
//! (`ctrl-d`).

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

/// One row of the built-in table.
pub struct DefaultBinding {
    pub context: Context,
    /// Key names: `j`, `G`, `down`, `ctrl-d`, `shift-tab`, `space`, `enter`, `esc`, `pgdn`,
    /// or a sequence of them separated by spaces (`g g`).
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
) -> DefaultBinding {
    DefaultBinding {
        context,
        keys,
        action,
        hint,
    }
}

use Action as A;
use Context as C;

/// The default bindings. Pane rows come first so a pane can give a key its own meaning.
pub const DEFAULT: &[DefaultBinding] = &[
    bind(C::Reader, &["j", "down"], A::Down, false),
    bind(C::Reader, &["k", "up"], A::Up, false),
    bind(C::Reader, &["space", "pgdn"], A::PageDown, true),
    bind(C::Reader, &["b", "pgup"], A::PageUp, false),
    bind(C::Reader, &["n"], A::NextArticle, true),
    bind(C::Reader, &["p"], A::PrevArticle, true),
    bind(C::Reader, &["N"], A::PrevMatch, false),
    bind(C::Reader, &["o"], A::OpenLink, true),
    bind(C::Reader, &["y"], A::CopyLink, false),
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
    bind(C::Global, &["r"], A::ToggleRead, false),
    bind(C::Global, &["s"], A::ToggleStar, true),
    bind(C::Global, &["u"], A::UnreadOnly, false),
    bind(C::Global, &["S"], A::StarredOnly, false),
    bind(C::Global, &["R"], A::MarkAllRead, false),
    bind(C::Global, &["U"], A::UndoBulk, false),
    bind(C::Global, &["y"], A::Confirm, false),
    bind(C::Global, &["/"], A::Search, true),
    bind(C::Global, &["?"], A::Help, true),
    bind(C::Global, &["q", "ctrl-c"], A::Quit, true),
];

/// The canonical name of a key press, as written in bindings.
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
        KeyCode::Delete => "delete".into(),
        KeyCode::Insert => "insert".into(),
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

const NAMED_KEYS: &[&str] = &[
    "space",
    "enter",
    "esc",
    "tab",
    "backtab",
    "backspace",
    "up",
    "down",
    "left",
    "right",
    "home",
    "end",
    "pgup",
    "pgdn",
    "delete",
    "insert",
];

/// Checks and normalises one key as a person writes it (`Ctrl-D`, `PageDown`, `G`) into the
/// name [`key_name`] gives the same key press.
pub fn parse_key(text: &str) -> Result<String, String> {
    let mut rest = text.trim();
    let mut mods = String::new();
    loop {
        let lower = rest.to_ascii_lowercase();
        let found = ["ctrl-", "alt-", "shift-"]
            .into_iter()
            .find(|m| lower.starts_with(m) && rest.len() > m.len());
        match found {
            Some(m) => {
                if !mods.contains(m) {
                    mods.push_str(m);
                }
                rest = &rest[m.len()..];
            }
            None => break,
        }
    }
    let lower = rest.to_ascii_lowercase();
    let base = match lower.as_str() {
        "pagedown" => "pgdn".to_string(),
        "pageup" => "pgup".to_string(),
        "return" => "enter".to_string(),
        "escape" => "esc".to_string(),
        "del" => "delete".to_string(),
        n if NAMED_KEYS.contains(&n) => n.to_string(),
        n if n.len() >= 2
            && n.starts_with('f')
            && n[1..].parse::<u8>().is_ok_and(|k| (1..=24).contains(&k)) =>
        {
            n.to_string()
        }
        _ if rest.chars().count() == 1 => rest.to_string(),
        _ => return Err(format!("unknown key '{text}'")),
    };
    let single_char = base.chars().count() == 1;
    // `Ctrl-D` means ctrl and the d key: terminals report it lower-case unless shift is held.
    let base = if single_char && !mods.is_empty() && !mods.contains("shift-") {
        base.to_lowercase()
    } else {
        base
    };
    if mods.contains("shift-") && single_char {
        // `shift-g` is `G`: printable keys carry shift in the character itself.
        let upper: String = base.to_uppercase();
        return Ok(format!("{}{upper}", mods.replace("shift-", "")));
    }
    // Order as key_name writes them: ctrl, alt, shift.
    let order = ["ctrl-", "alt-", "shift-"]
        .iter()
        .filter(|m| mods.contains(*m))
        .copied()
        .collect::<String>();
    Ok(format!("{order}{base}"))
}

/// A sequence of key names (`["g", "g"]`); most bindings are a single key.
pub type KeySeq = Vec<String>;

/// Parses `g g` or `ctrl-d` into a key sequence.
pub fn parse_sequence(text: &str) -> Result<KeySeq, String> {
    let keys: Vec<String> = text
        .split_whitespace()
        .map(parse_key)
        .collect::<Result<_, _>>()?;
    if keys.is_empty() {
        return Err("empty key".into());
    }
    Ok(keys)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub keys: Vec<KeySeq>,
    pub action: Action,
    pub hint: bool,
}

/// A user's change to one action's keys (from the config file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    /// `None`: every context the action is bound in (or `Global` when it has none).
    pub context: Option<Context>,
    pub action: Action,
    pub keys: Vec<String>,
}

/// What a key press means, given the keys typed before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    Action(Action),
    /// The keys so far start a longer binding: wait for the next key.
    Pending,
    None,
}

/// The bindings in force: the defaults with the user's overrides applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl std::default::Default for Keymap {
    fn default() -> Self {
        let bindings = DEFAULT
            .iter()
            .map(|d| Binding {
                context: d.context,
                keys: d
                    .keys
                    .iter()
                    .map(|k| parse_sequence(k).expect("built-in keys parse"))
                    .collect(),
                action: d.action,
                hint: d.hint,
            })
            .collect();
        Keymap { bindings }
    }
}

impl Keymap {
    /// Applies one override: the action's keys in that context are replaced. Errors name the
    /// key that does not parse or the action it would collide with.
    pub fn apply(&mut self, o: &Override) -> Result<(), String> {
        let seqs: Vec<KeySeq> = o
            .keys
            .iter()
            .map(|k| parse_sequence(k))
            .collect::<Result<_, _>>()?;
        let contexts: Vec<Context> = match o.context {
            Some(c) => vec![c],
            None => {
                let mut cs: Vec<Context> = self
                    .bindings
                    .iter()
                    .filter(|b| b.action == o.action)
                    .map(|b| b.context)
                    .collect();
                cs.dedup();
                if cs.is_empty() {
                    vec![Context::Global]
                } else {
                    cs
                }
            }
        };
        for ctx in &contexts {
            for seq in &seqs {
                // A pane binding would also hide a global one with the same key there.
                let clash = self.bindings.iter().find(|b| {
                    b.action != o.action
                        && (b.context == *ctx || b.context == Context::Global)
                        && b.keys
                            .iter()
                            .any(|k| k.starts_with(seq.as_slice()) || seq.starts_with(k.as_slice()))
                });
                if let Some(b) = clash {
                    let place = match b.context {
                        Context::Global => "everywhere".to_string(),
                        c => format!("in the {}", c.title().to_lowercase()),
                    };
                    return Err(format!(
                        "'{}' is already bound to {} {place}; rebind that action too",
                        seq.join(" "),
                        b.action.name(),
                    ));
                }
            }
        }
        let hint = self.bindings.iter().any(|b| b.action == o.action && b.hint);
        self.bindings
            .retain(|b| !(b.action == o.action && contexts.contains(&b.context)));
        for ctx in contexts {
            self.bindings.insert(
                0,
                Binding {
                    context: ctx,
                    keys: seqs.clone(),
                    action: o.action,
                    hint,
                },
            );
        }
        Ok(())
    }

    /// The meaning of `key` after `pending` keys in `context` (falling back to global ones).
    pub fn lookup(&self, context: Context, pending: &[String], key: &KeyEvent) -> Lookup {
        let Some(name) = key_name(key) else {
            return Lookup::None;
        };
        let mut typed = pending.to_vec();
        typed.push(name);
        let mut longer = false;
        for ctx in [context, Context::Global] {
            for b in self.bindings.iter().filter(|b| b.context == ctx) {
                for seq in &b.keys {
                    if *seq == typed {
                        return Lookup::Action(b.action);
                    }
                    longer |= seq.len() > typed.len() && seq.starts_with(&typed);
                }
            }
        }
        if longer {
            Lookup::Pending
        } else {
            Lookup::None
        }
    }

    /// The first key of `action` in `context` (or globally), as the status bar shows it.
    pub fn key_for(&self, context: Context, action: Action) -> Option<String> {
        [context, Context::Global].into_iter().find_map(|ctx| {
            self.bindings
                .iter()
                .find(|b| b.context == ctx && b.action == action)
                .map(|b| b.keys[0].join(" "))
        })
    }

    /// `key label` pairs for the status bar in `context`; actions sharing a label share an
    /// entry (`j/k move`).
    pub fn hints(&self, context: Context) -> Vec<(String, &'static str)> {
        let mut seen = Vec::new();
        let mut out: Vec<(String, &'static str)> = Vec::new();
        for ctx in [context, Context::Global] {
            for b in self.bindings.iter().filter(|b| b.context == ctx && b.hint) {
                if seen.contains(&b.action) {
                    continue;
                }
                seen.push(b.action);
                let key = b.keys[0].join(" ");
                let label = short_label(b.action);
                match out.iter_mut().find(|(_, l)| *l == label) {
                    Some((keys, _)) => {
                        keys.push('/');
                        keys.push_str(&key);
                    }
                    None => out.push((key, label)),
                }
            }
        }
        out
    }

    /// Every binding of `context`, for the help overlay: (keys joined, description).
    pub fn help_rows(&self, context: Context) -> Vec<(String, &'static str)> {
        self.bindings
            .iter()
            .filter(|b| b.context == context)
            .map(|b| {
                (
                    b.keys
                        .iter()
                        .map(|k| k.join(" "))
                        .collect::<Vec<_>>()
                        .join(", "),
                    b.action.description(),
                )
            })
            .collect()
    }
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
        A::ToggleStar => "star",
        A::OpenLink => "links",
        A::Search => "search",
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

    fn find(map: &Keymap, ctx: Context, k: KeyEvent) -> Lookup {
        map.lookup(ctx, &[], &k)
    }

    #[test]
    fn pane_bindings_win_over_global_ones() {
        let map = Keymap::default();
        let space = key(KeyCode::Char(' '), KeyModifiers::NONE);
        assert_eq!(
            find(&map, Context::Reader, space),
            Lookup::Action(A::PageDown)
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
}
