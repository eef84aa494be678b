//! Keys → actions, as data: one row per binding (context, keys, action, shown in the status
//! bar or not). The help overlay and the status bar are generated from the same [`Keymap`],
//! so they follow the user's bindings. A key may be a sequence (`g g`) or carry modifiers
//! (`ctrl-d`). While a prompt has the keyboard, the input context ([`Keymap::input`]) comes
//! first: typed text becomes line edits, not actions.

//!
//! - `defaults`: the built-in table and the status bar's short labels.
//! - `keys`: key presses ↔ key names, and parsing what people write (`Ctrl-D`, `g g`).
//! - `help`: the help page laid out, and how far it scrolls.

mod defaults;
pub mod help;
mod keys;
#[cfg(test)]
mod tests;

pub use defaults::{DEFAULT, DefaultBinding};
pub use keys::{KeySeq, key_event, key_name, parse_key, parse_sequence};

use super::action::Action;
use super::line_edit::Edit;
use defaults::short_label;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies. Pane contexts are tried before `Global`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    List,
    Tree,
    Reader,
    /// The date filter window (its timeline).
    Dates,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::List => "Article list",
            Context::Tree => "Category tree",
            Context::Reader => "Reader",
            Context::Dates => "Date filter window",
        }
    }
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

    /// The input context: what a key means to a prompt that has the keyboard (the date
    /// range, the search line, the link number). Printable characters insert, Backspace
    /// deletes, `ctrl-b`/`ctrl-f`/`ctrl-a`/`ctrl-e` move, Enter submits and Esc cancels. It
    /// is tried before the bindings; a prompt may refuse an edit (`j` in the date window),
    /// and the key then means what the bindings say.
    pub fn input(&self, key: &KeyEvent) -> Option<Edit> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        Some(match key.code {
            KeyCode::Char(c) if plain => Edit::Insert(c),
            KeyCode::Char('a') if ctrl => Edit::Home,
            KeyCode::Char('e') if ctrl => Edit::End,
            KeyCode::Char('b') if ctrl => Edit::Left,
            KeyCode::Char('f') if ctrl => Edit::Right,
            KeyCode::Backspace => Edit::DeleteBack,
            KeyCode::Enter => Edit::Submit,
            KeyCode::Esc => Edit::Cancel,
            _ => return None,
        })
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

    /// Whether a status-bar hint (by its label from [`Keymap::hints`]) is one the bar keeps
    /// longest: the way to the help and the way out.
    pub fn is_essential_hint(label: &str) -> bool {
        label == short_label(Action::Help) || label == short_label(Action::Quit)
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
