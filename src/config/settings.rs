//! The parsed TOML document → [`Config`]. Every value is checked where it stands, so a
//! complaint carries the byte offset of the key or value it is about.

use super::Config;
use super::THEMES;
use super::dates::{date_format, zone};
use super::keys;
use crate::library::order::SortOrder;
use crate::ui::hyperlink::Hyperlinks;
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// What is wrong and where (a byte offset into the file).
#[derive(Debug)]
pub(super) struct Problem {
    pub offset: usize,
    pub message: String,
}

pub(super) fn problem(offset: usize, message: impl Into<String>) -> Problem {
    Problem {
        offset,
        message: message.into(),
    }
}

pub(super) type Key<'a, 'i> = &'a Spanned<Cow<'i, str>>;
pub(super) type Value<'a, 'i> = &'a Spanned<DeValue<'i>>;

/// A table's entries in the order they appear in the file.
pub(super) fn entries<'a, 'i>(table: &'a DeTable<'i>) -> Vec<(Key<'a, 'i>, Value<'a, 'i>)> {
    let mut v: Vec<_> = table.iter().collect();
    v.sort_by_key(|(k, _)| k.span().start);
    v
}

/// `a string`, `an integer`: the kind of value found, for messages.
pub(super) fn kind(v: &DeValue) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a number with a fraction",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// `unknown setting "x" in [layout]; expected one of: a, b (did you mean "y"?)`.
pub(super) fn unknown(what: &str, name: &str, place: &str, known: &[&str]) -> String {
    let mut msg = format!(
        "unknown {what} \"{name}\"{place}; expected one of: {}",
        known.join(", ")
    );
    if let Some(near) = known.iter().find(|k| close(name, k)) {
        msg.push_str(&format!(" (did you mean \"{near}\"?)"));
    }
    msg
}

/// Within two edits of each other (a typo rather than another word).
fn close(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()] <= 2
}

const TOP: &[&str] = &[
    "library",
    "theme",
    "preview",
    "layout",
    "dates",
    "keys",
    "pipe_to",
    "hyperlinks",
    "views",
    "list",
    "images",
    "images_site_root",
    "images_saved",
];

/// The settings of a parsed file; `~` in `library` stands for `home`.
pub(super) fn build(root: &DeTable, home: Option<&Path>) -> Result<Config, Problem> {
    let mut cfg = Config::default();
    let mut keys_table = None;
    let mut views = None;
    let (mut wide_at, mut medium_at) = (None, None);
    for (key, value) in entries(root) {
        let at = key.span().start;
        match key.get_ref().as_ref() {
            "library" => cfg.library = library(value, home)?,
            "theme" => {
                let name = string(value, "theme")?;
                if !THEMES.contains(&name) {
                    return Err(problem(at, unknown("theme", name, "", THEMES)));
                }
                cfg.theme_name = name.to_string();
            }
            "preview" => cfg.preview = boolean(value, "preview")?,
            "layout" => {
                for (k, v) in entries(table(key, value, "layout")?) {
                    match k.get_ref().as_ref() {
                        "wide" => (cfg.wide, wide_at) = (columns(v, "layout.wide")?, Some(k)),
                        "medium" => {
                            (cfg.medium, medium_at) = (columns(v, "layout.medium")?, Some(k))
                        }
                        other => {
                            let known = &["wide", "medium"];
                            let msg = unknown("setting", other, " in [layout]", known);
                            return Err(problem(k.span().start, msg));
                        }
                    }
                }
            }
            "dates" => {
                for (k, v) in entries(table(key, value, "dates")?) {
                    match k.get_ref().as_ref() {
                        "format" => cfg.date_format = date_format(v)?,
                        "time_zone" => cfg.zone = zone(v)?,
                        other => {
                            let known = &["format", "time_zone"];
                            let msg = unknown("setting", other, " in [dates]", known);
                            return Err(problem(k.span().start, msg));
                        }
                    }
                }
            }
            "list" => {
                for (k, v) in entries(table(key, value, "list")?) {
                    match k.get_ref().as_ref() {
                        "sort" => cfg.sort = sort(v)?,
                        other => {
                            let msg = unknown("setting", other, " in [list]", &["sort"]);
                            return Err(problem(k.span().start, msg));
                        }
                    }
                }
            }
            "keys" => keys_table = Some(table(key, value, "keys")?),
            "images" => {
                let name = string(value, "images")?;
                cfg.images = crate::picture::Mode::parse(name).ok_or_else(|| {
                    problem(
                        at,
                        unknown("images mode", name, "", crate::picture::Mode::NAMES),
                    )
                })?;
            }
            "images_site_root" => cfg.image_roots.site = folder(value, "images_site_root", home)?,
            "images_saved" => cfg.image_roots.saved = folder(value, "images_saved", home)?,
            "pipe_to" => cfg.pipe_to = pipe_to(value)?,
            "hyperlinks" => cfg.hyperlinks = hyperlinks(value)?,
            // Read once the time zone is known, which the queries' dates are counted in.
            "views" => views = Some((key, value)),
            other => return Err(problem(at, unknown("setting", other, "", TOP))),
        }
    }
    if cfg.medium > cfg.wide {
        let at = medium_at.or(wide_at).map_or(0, |k| k.span().start);
        let msg = format!(
            "layout.medium ({}) must not be more than layout.wide ({})",
            cfg.medium, cfg.wide
        );
        return Err(problem(at, msg));
    }
    if let Some(t) = keys_table {
        cfg.keymap = keys::keymap(&keys::entries(t)?)?;
    }
    if let Some((key, value)) = views {
        cfg.views = super::views::parse(key, value, cfg.zone)?;
    }
    Ok(cfg)
}

pub(super) fn table<'a, 'i>(
    key: Key<'a, 'i>,
    value: Value<'a, 'i>,
    name: &str,
) -> Result<&'a DeTable<'i>, Problem> {
    match value.get_ref() {
        DeValue::Table(t) => Ok(t),
        v => Err(problem(
            key.span().start,
            format!("{name}: expected a table ([{name}]), found {}", kind(v)),
        )),
    }
}

pub(super) fn string<'a>(value: &'a Spanned<DeValue>, name: &str) -> Result<&'a str, Problem> {
    match value.get_ref() {
        DeValue::String(s) => Ok(s),
        v => Err(problem(
            value.span().start,
            format!("{name}: expected a string, found {}", kind(v)),
        )),
    }
}

/// `pipe_to = "less"`: a shell command; an empty one is the same as none.
fn pipe_to(value: &Spanned<DeValue>) -> Result<Option<String>, Problem> {
    let command = string(value, "pipe_to")?.trim();
    Ok((!command.is_empty()).then(|| command.to_string()))
}

/// `hyperlinks = "auto"`, `"on"` or `"off"`.
fn hyperlinks(value: &Spanned<DeValue>) -> Result<Hyperlinks, Problem> {
    let name = string(value, "hyperlinks")?;
    Hyperlinks::from_name(name).ok_or_else(|| {
        let msg = unknown("value", name, " for hyperlinks", Hyperlinks::NAMES);
        problem(value.span().start, msg)
    })
}

fn boolean(value: &Spanned<DeValue>, name: &str) -> Result<bool, Problem> {
    match value.get_ref() {
        DeValue::Boolean(b) => Ok(*b),
        v => Err(problem(
            value.span().start,
            format!("{name}: expected true or false, found {}", kind(v)),
        )),
    }
}

/// `sort = "newest"`: one of the orders' names.
fn sort(value: &Spanned<DeValue>) -> Result<SortOrder, Problem> {
    let name = string(value, "list.sort")?;
    SortOrder::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = SortOrder::ALL.iter().map(|o| o.name()).collect();
        problem(
            value.span().start,
            unknown("order", name, " for list.sort", &names),
        )
    })
}

fn columns(value: &Spanned<DeValue>, name: &str) -> Result<u16, Problem> {
    let at = value.span().start;
    let n = match value.get_ref() {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
        DeValue::Float(f) => {
            let msg = format!("{name}: expected a whole number of columns, found {f}");
            return Err(problem(at, msg));
        }
        v => {
            let msg = format!("{name}: expected a number, found {}", kind(v));
            return Err(problem(at, msg));
        }
    };
    n.and_then(|n| u16::try_from(n).ok()).ok_or_else(|| {
        problem(
            at,
            format!("{name}: expected a number of columns from 0 to 65535"),
        )
    })
}

/// `library = ["~/news", "/srv/articles"]` (a single string is one folder).
pub(super) fn library(
    value: &Spanned<DeValue>,
    home: Option<&Path>,
) -> Result<Vec<PathBuf>, Problem> {
    let items: Vec<&Spanned<DeValue>> = match value.get_ref() {
        DeValue::Array(a) => a.iter().collect(),
        DeValue::String(_) => vec![value],
        v => {
            let msg = format!("library: expected a list of folders, found {}", kind(v));
            return Err(problem(value.span().start, msg));
        }
    };
    items
        .into_iter()
        .map(|item| {
            let s = string(item, "library")?;
            expand(s, home).map_err(|m| problem(item.span().start, format!("library: {m}")))
        })
        .collect()
}

/// One folder (`~` expanded); the empty string is none.
fn folder(
    value: &Spanned<DeValue>,
    name: &str,
    home: Option<&Path>,
) -> Result<Option<PathBuf>, Problem> {
    let s = string(value, name)?;
    if s.is_empty() {
        return Ok(None);
    }
    expand(s, home)
        .map(Some)
        .map_err(|m| problem(value.span().start, format!("{name}: {m}")))
}

/// `~` and `~/…` → the home folder; anything else must already be absolute.
pub(super) fn expand(s: &str, home: Option<&Path>) -> Result<PathBuf, String> {
    if s.is_empty() {
        return Err("expected a folder, found an empty string".into());
    }
    let rest = match s.strip_prefix('~') {
        Some("") => Some(""),
        Some(r) if r.starts_with('/') || r.starts_with(std::path::MAIN_SEPARATOR) => {
            Some(r.trim_start_matches(['/', std::path::MAIN_SEPARATOR]))
        }
        Some(_) => {
            return Err(format!(
                "\"{s}\": only ~ and ~/… are expanded; write the folder in full"
            ));
        }
        None => None,
    };
    let path = match rest {
        Some(r) => match home {
            Some(h) if r.is_empty() => h.to_path_buf(),
            Some(h) => h.join(r),
            None => return Err(format!("\"{s}\": no home folder to expand ~ to")),
        },
        None => PathBuf::from(s),
    };
    if !path.is_absolute() {
        return Err(format!(
            "\"{s}\" is a relative path; write it in full or starting with ~/"
        ));
    }
    Ok(path)
}
