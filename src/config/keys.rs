//! `[keys]`: `action = "key"` or `action = ["key", "g g"]`, directly under `[keys]` (every
//! context the action is bound in) or under `[keys.global]`, `[keys.list]`, `[keys.tree]`,
//! `[keys.reader]`, `[keys.dates]` (that context only, winning over `[keys]`). Each entry
//! becomes keymap [`Override`]s applied in file order, `[keys]` first.

use super::settings::{self, Key, Problem, Value, kind, problem, unknown};
use crate::app::action::Action;
use crate::app::keymap::{Context, KeySeq, Keymap, Override, parse_sequence};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// One `action = keys` line, checked.
#[derive(Debug)]
pub(super) struct Entry {
    /// `None`: directly under `[keys]`.
    pub context: Option<Context>,
    pub action: Action,
    /// As written, for [`Override::keys`].
    pub keys: Vec<String>,
    /// As parsed, to compare with the defaults.
    pub seqs: Vec<KeySeq>,
    /// Where the action's name is, for errors.
    pub offset: usize,
    /// `keys.move_down`, `keys.list.open`: how messages name the entry.
    pub path: String,
}

const CONTEXTS: &[(&str, Context)] = &[
    ("global", Context::Global),
    ("list", Context::List),
    ("tree", Context::Tree),
    ("reader", Context::Reader),
    ("dates", Context::Dates),
];

/// The entries of the `[keys]` table and its context tables, `[keys]` ones first.
pub(super) fn entries(table: &DeTable) -> Result<Vec<Entry>, Problem> {
    let mut out = Vec::new();
    let mut tables = Vec::new();
    for (k, v) in settings::entries(table) {
        let name = k.get_ref().as_ref();
        match CONTEXTS.iter().find(|(n, _)| *n == name) {
            Some(&(n, ctx)) => tables.push((ctx, n, settings::table(k, v, &format!("keys.{n}"))?)),
            None => out.push(entry(None, "keys", k, v)?),
        }
    }
    for (ctx, name, t) in tables {
        for (k, v) in settings::entries(t) {
            out.push(entry(Some(ctx), &format!("keys.{name}"), k, v)?);
        }
    }
    Ok(out)
}

fn entry(context: Option<Context>, place: &str, k: Key, v: Value) -> Result<Entry, Problem> {
    let name = k.get_ref().as_ref();
    let offset = k.span().start;
    let Some(action) = Action::from_name(name) else {
        let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
        let mut msg = unknown("action", name, &format!(" in [{place}]"), &names);
        if context.is_none() {
            msg.push_str("; or a table: [keys.global], [keys.list], [keys.tree], [keys.reader], [keys.dates]");
        }
        return Err(problem(offset, msg));
    };
    let path = format!("{place}.{name}");
    let items: Vec<&Spanned<DeValue>> = match v.get_ref() {
        DeValue::Array(a) => a.iter().collect(),
        DeValue::String(_) => vec![v],
        other => {
            let msg = format!(
                "{path}: expected a key such as \"j\" or a list of keys, found {}",
                kind(other)
            );
            return Err(problem(v.span().start, msg));
        }
    };
    if items.is_empty() {
        let msg = format!("{path}: expected at least one key; an action cannot be left unbound");
        return Err(problem(v.span().start, msg));
    }
    let mut keys = Vec::new();
    let mut seqs = Vec::new();
    for item in items {
        let s = settings::string(item, &path)?;
        let seq =
            parse_sequence(s).map_err(|e| problem(item.span().start, format!("{path}: {e}")))?;
        keys.push(s.to_string());
        seqs.push(seq);
    }
    Ok(Entry {
        context,
        action,
        keys,
        seqs,
        offset,
        path,
    })
}

/// The contexts an entry replaces keys in: its own, or every context the action is bound in
/// by default (`Global` when none), as [`Keymap::apply`] does for `context: None`.
fn contexts(defaults: &Keymap, e: &Entry) -> Vec<Context> {
    if let Some(c) = e.context {
        return vec![c];
    }
    let mut cs = Vec::new();
    for b in defaults.bindings.iter().filter(|b| b.action == e.action) {
        if !cs.contains(&b.context) {
            cs.push(b.context);
        }
    }
    if cs.is_empty() {
        cs.push(Context::Global);
    }
    cs
}

/// The default keymap with the entries applied. Errors (a key already taken) point at the
/// entry that could not be applied.
pub(super) fn keymap(entries: &[Entry]) -> Result<Keymap, Problem> {
    let defaults = Keymap::default();
    // One change per (context, action); a later entry (a context table) wins.
    let mut changes: Vec<(Context, &Entry)> = Vec::new();
    for e in entries {
        for ctx in contexts(&defaults, e) {
            match changes
                .iter_mut()
                .find(|(c, x)| *c == ctx && x.action == e.action)
            {
                Some(slot) => slot.1 = e,
                None => changes.push((ctx, e)),
            }
        }
    }
    let is_default = |ctx: Context, e: &Entry| {
        defaults
            .bindings
            .iter()
            .any(|b| b.context == ctx && b.action == e.action && b.keys == e.seqs)
    };
    changes.retain(|(ctx, e)| !is_default(*ctx, e));
    let changed =
        |ctx: Context, action: Action| changes.iter().any(|(c, e)| *c == ctx && e.action == action);

    let mut map = defaults.clone();
    // Unbind what is being replaced first, so keys can move between actions (j ↔ k) while a
    // key still held by an action the user did not touch is a conflict.
    map.bindings.retain(|b| !changed(b.context, b.action));
    for (ctx, e) in &changes {
        let o = Override {
            context: Some(*ctx),
            action: e.action,
            keys: e.keys.clone(),
        };
        map.apply(&o)
            .map_err(|m| problem(e.offset, format!("{}: {m}", e.path)))?;
    }
    // `apply` takes the status-bar hint from the action's remaining rows (cleared above) and
    // puts new rows first; restore the defaults' hints and order, for the help overlay.
    for b in &mut map.bindings {
        if changed(b.context, b.action) {
            b.hint = defaults
                .bindings
                .iter()
                .any(|d| d.action == b.action && d.hint);
        }
    }
    let rank = |b: &crate::app::keymap::Binding| {
        defaults
            .bindings
            .iter()
            .position(|d| d.context == b.context && d.action == b.action)
            .unwrap_or(usize::MAX)
    };
    map.bindings.sort_by_key(rank);
    Ok(map)
}
