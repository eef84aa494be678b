//! `gazette list`: matching articles as aligned columns or JSON Lines.

use crate::cli::{FilterArgs, ListArgs};
use crate::columns::{fit, width};
use crate::library::article::When;
use crate::library::order::SortOrder;
use crate::library::{Article, Filter, Library};
use crate::store::{Entry, Store, article_key};
use crate::zone::Zone;
use chrono::SecondsFormat;
use std::io::Write;
use std::path::PathBuf;

mod json;

/// The category column never takes more than this many columns.
const MAX_CATEGORY_COLS: usize = 32;

/// `dirs`: the folders to list (the command line's, else the configured library). `zone` is
/// the configured one: days are counted as the reader counts them (`--utc` overrides it).
/// `sort`: `--sort`, else the configured order.
pub fn run(
    dirs: &[PathBuf],
    args: &ListArgs,
    (zone, sort): (Zone, SortOrder),
    no_cache: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let zone = zone_from_flags(args.utc, args.local, zone);
    let (library, store) = super::load_with_state(dirs, no_cache)?;
    let written = write_list(&library, &store, args, zone, sort, out);
    // The process ends right after: freeing every article one by one, on one thread, was
    // about a tenth of a `list` at 100,000 articles. The library holds memory only (no file,
    // no lock), so it is left to the process's end.
    std::mem::forget(library);
    written
}

/// The zone days are counted in: `--utc` or `--local` when given, else the configured one.
pub fn zone_from_flags(utc: bool, local: bool, configured: Zone) -> Zone {
    if utc {
        Zone::utc()
    } else if local {
        Zone::Local
    } else {
        configured
    }
}

/// Puts `shown`, which comes newest first (the library's own order), in order `by`.
fn sort_shown(shown: &mut Vec<(&Article, Entry)>, by: SortOrder, roots: &[PathBuf]) {
    if by == SortOrder::Newest {
        return;
    }
    let mut keyed: Vec<_> = shown
        .drain(..)
        .map(|s| (by.sort_text(s.0, roots), s))
        .collect();
    keyed.sort_by(|(ta, (a, _)), (tb, (b, _))| by.compare(a, b, ta, tb));
    shown.extend(keyed.into_iter().map(|(_, s)| s));
}

/// Builds the library filter from command-line options, days counted in `zone`.
pub fn filter_from_args(args: &FilterArgs, zone: Zone) -> Filter {
    let mut filter = Filter {
        category: args
            .category
            .as_deref()
            .map(Filter::parse_category)
            .unwrap_or_default(),
        ..Filter::default()
    };
    filter.set_days(args.since, args.until, |d| zone.start_of_day(d));
    filter
}

fn write_list(
    library: &Library,
    store: &Store,
    args: &ListArgs,
    zone: Zone,
    sort: SortOrder,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let filter = filter_from_args(&args.filter, zone);
    if let Some(note) = filter.unknown_category(&library.articles) {
        eprintln!("gazette: {note}");
    }
    let found = match &args.search {
        Some(text) => Some(search(library, store, text, zone)?),
        None => None,
    };
    // An article's key costs a hash of its metadata: with no reading state saved, every
    // article is unread and unstarred, no key needed.
    let state = |a: &Article| {
        if store.is_empty() {
            Entry::default()
        } else {
            store.get(&article_key(a))
        }
    };
    let mut shown: Vec<(&Article, Entry)> = library
        .articles
        .iter()
        .enumerate()
        .filter(|(i, _)| found.as_ref().is_none_or(|f| f[*i]))
        .map(|(_, a)| (a, state(a)))
        .filter(|(a, e)| {
            filter.matches(a) && (!args.unread || !e.read) && (!args.starred || e.starred)
        })
        .collect();
    sort_shown(&mut shown, sort, &library.roots);
    if args.json {
        return Ok(json::write_lines(&shown, out)?);
    }
    let cat_cols = shown
        .iter()
        .map(|(a, _)| width(&a.category_path()))
        .max()
        .unwrap_or(0)
        .min(MAX_CATEGORY_COLS);
    for (a, _) in shown {
        let date = a.when().map_or_else(
            || "----------".to_string(),
            |d| zone.day(d).format("%Y-%m-%d").to_string(),
        );
        let line = format!("{date}  {}  {}", fit(&a.category_path(), cat_cols), a.title);
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// The JSON Lines record of one article; its keys are a stable interface.
///
/// `path` is the file's exact path, never a cleaned one, so it can be handed back to
/// `gazette show` or any other tool (JSON escaping makes every character safe to print). A
/// path that is not UTF-8 cannot be a JSON string: `path` then holds it with U+FFFD in place
/// of the bad bytes, and `path_bytes` (only present then) holds its exact bytes as numbers.
pub fn json_record(a: &Article) -> serde_json::Value {
    let mut record = serde_json::json!({
        "path": a.path.to_string_lossy(),
        "title": a.title,
        "author": a.author,
        "categories": a.categories,
        "flat_categories": a.flat_categories,
        "tags": a.tags,
        "date": a.when().map(|d| match d {
            When::At(t) => t.to_rfc3339_opts(SecondsFormat::Secs, true),
            When::Day(day) => day.format("%Y-%m-%d").to_string(),
        }),
        "date_source": a.date_source,
        "image": a.image,
        "front_matter": a.front_matter,
        "has_warnings": a.has_warnings,
    });
    if a.path.to_str().is_none() {
        record["path_bytes"] = path_bytes(&a.path).into();
    }
    record
}

#[cfg(unix)]
fn path_bytes(path: &std::path::Path) -> Vec<u8> {
    std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec()
}

#[cfg(not(unix))]
fn path_bytes(path: &std::path::Path) -> Vec<u8> {
    path.to_string_lossy().into_owned().into_bytes()
}

/// One record as a line of JSON with nothing a terminal would act on: serde_json escapes C0
/// controls (ESC is `\u001b`) but writes DEL, C1 controls and bidi overrides raw, so those are
/// escaped here too. They can only occur inside strings, where `\uXXXX` means the same.
pub fn json_line(record: &serde_json::Value) -> String {
    let text = record.to_string();
    if !text.chars().any(crate::sanitize::is_forbidden) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if crate::sanitize::is_forbidden(c) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// `--search`: which articles match the query (the same language and engine as the reader's
/// search, reading state from `store`); an index per article. `list` and `stats` share it.
pub fn search(
    library: &Library,
    store: &Store,
    text: &str,
    zone: Zone,
) -> anyhow::Result<Vec<bool>> {
    let today = zone.today(chrono::Utc::now());
    let query = crate::search::Query::parse(text, |d| zone.start_of_day(d), today)
        .map_err(|e| anyhow::anyhow!("--search: {e}"))?;
    let state = |_, a: &Article| store.get(&article_key(a));
    let cx = crate::search::Context {
        roots: &library.roots,
        state: &state,
    };
    let hits: Vec<u64> = library
        .articles
        .iter()
        .map(|a| query.meta_hits(a))
        .collect();
    let candidates = query.candidates_in(&library.articles, &hits, &cx);
    let mut found = vec![false; library.articles.len()];
    for id in crate::search::fulltext::search_blocking(library, candidates, &query) {
        found[id] = true;
    }
    Ok(found)
}
