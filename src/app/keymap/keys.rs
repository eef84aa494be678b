//! Key presses and their names: what a terminal reports, and what people write in a
//! configuration file (`Ctrl-D`, `PageDown`, `g g`), brought to one canonical form.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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

/// The key press a key name stands for (`j`, `G`, `enter`, `ctrl-d`, `shift-tab`, `f5`): the
/// inverse of [`key_name`], for scripts and tests that type keys by name.
pub fn key_event(text: &str) -> Result<KeyEvent, String> {
    let name = parse_key(text)?;
    let mut mods = KeyModifiers::NONE;
    let mut rest = name.as_str();
    for (prefix, m) in [
        ("ctrl-", KeyModifiers::CONTROL),
        ("alt-", KeyModifiers::ALT),
        ("shift-", KeyModifiers::SHIFT),
    ] {
        if let Some(r) = rest.strip_prefix(prefix).filter(|r| !r.is_empty()) {
            mods |= m;
            rest = r;
        }
    }
    let code = match rest {
        "space" => KeyCode::Char(' '),
        "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => {
            mods |= KeyModifiers::SHIFT;
            KeyCode::BackTab
        }
        "backspace" => KeyCode::Backspace,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pgup" => KeyCode::PageUp,
        "pgdn" => KeyCode::PageDown,
        "delete" => KeyCode::Delete,
        "insert" => KeyCode::Insert,
        f if f.len() >= 2 && f.starts_with('f') && f[1..].parse::<u8>().is_ok() => {
            KeyCode::F(f[1..].parse().expect("checked"))
        }
        c => {
            let mut chars = c.chars();
            let ch = chars
                .next()
                .ok_or_else(|| format!("unknown key '{text}'"))?;
            if chars.next().is_some() {
                return Err(format!("unknown key '{text}'"));
            }
            // Terminals report shifted letters with shift held (`G`).
            if ch.is_uppercase() {
                mods |= KeyModifiers::SHIFT;
            }
            KeyCode::Char(ch)
        }
    };
    Ok(KeyEvent::new(code, mods))
}
