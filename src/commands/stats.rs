//! `gazette stats`: how many articles per day, week, month, year, category or source, with a
//! text bar per row (or JSON Lines), so the shape of an archive shows from the shell.
//!
//! Days are counted in the configured zone as `list` counts them (`--utc`/`--local` alike);
//! `--search` is `list --search`'s query, run by the same function, so both count the same
//! articles. Date rows are in date order (a timeline); category and source rows by count,
//! largest first (what an archive is mostly made of). Articles without the thing counted get
//! a row of their own ("undated", "no category", "no source"), never a silent gap.

use super::list::{json_line, search, zone_from_flags};
use crate::cli::{By, StatsArgs};
use crate::columns::{fit, width};
use crate::library::filter::source_of;
use crate::library::{Article, Library};
use crate::zone::Zone;
use chrono::Datelike;
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

/// The key column never takes more than this many columns.
const MAX_KEY_COLS: usize = 40;
/// Bars are never shorter than this, however narrow the terminal.
const MIN_BAR: usize = 10;

/// `dirs`: the folders to count (the command line's, else the configured library).
pub fn run(
    dirs: &[PathBuf],
    args: &StatsArgs,
    zone: Zone,
    no_cache: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let zone = zone_from_flags(args.utc, args.local, zone);
    let (library, store) = super::load_with_state(dirs, no_cache)?;
    let found = match &args.search {
        Some(text) => Some(search(&library, &store, text, zone)?),
        None => None,
    };
    let articles = (library.articles.iter().enumerate())
        .filter(|(i, _)| found.as_ref().is_none_or(|f| f[*i]))
        .map(|(_, a)| a);
    let rows = count(articles, &library, args.by, zone);
    if args.json {
        for (key, n) in &rows {
            // Written by hand so `key` comes first, as documented (serde_json sorts keys).
            let key = json_line(&serde_json::Value::from(key.as_str()));
            writeln!(out, "{{\"key\":{key},\"count\":{n}}}")?;
        }
        return Ok(());
    }
    write_rows(&rows, super::show::default_width(), out)
}

/// One row per key with its count, in the order the rows are shown.
pub fn count<'a>(
    articles: impl Iterator<Item = &'a Article>,
    library: &Library,
    by: By,
    zone: Zone,
) -> Vec<(String, usize)> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for a in articles {
        *counts.entry(key_of(a, library, by, zone)).or_default() += 1;
    }
    let mut rows: Vec<(String, usize)> = counts.into_iter().collect();
    match by {
        // Zero-padded keys sort as dates, and "undated" after every digit.
        By::Day | By::Week | By::Month | By::Year => rows.sort(),
        By::Category | By::Source => rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0))),
    }
    rows
}

const UNDATED: &str = "undated";

/// The row an article counts in. Names from files are cleaned: they reach the terminal.
fn key_of(a: &Article, library: &Library, by: By, zone: Zone) -> String {
    let day = a.when().map(|w| zone.day(w));
    let dated = |f: &dyn Fn(chrono::NaiveDate) -> String| day.map_or(UNDATED.to_string(), f);
    match by {
        By::Day => dated(&|d| d.format("%Y-%m-%d").to_string()),
        By::Week => dated(&|d| {
            let week = d.iso_week();
            format!("{}-W{:02}", week.year(), week.week())
        }),
        By::Month => dated(&|d| d.format("%Y-%m").to_string()),
        By::Year => dated(&|d| d.format("%Y").to_string()),
        By::Category => Some(a.category_path())
            .filter(|c| !c.is_empty())
            .map_or("no category".to_string(), |c| {
                crate::sanitize::clean_line(&c)
            }),
        By::Source => source_of(&a.path, &library.roots)
            .map_or("no source".to_string(), |s| crate::sanitize::clean_line(&s)),
    }
}

/// `key  count  ████` rows, the longest bar filling what `cols` leaves (at least
/// [`MIN_BAR`]); a count above zero always shows at least one block.
fn write_rows(rows: &[(String, usize)], cols: usize, out: &mut impl Write) -> anyhow::Result<()> {
    let key_cols = (rows.iter().map(|(k, _)| width(k)).max())
        .unwrap_or(0)
        .min(MAX_KEY_COLS);
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0);
    let count_cols = max.to_string().len();
    let bar_cols = cols.saturating_sub(key_cols + count_cols + 4).max(MIN_BAR);
    for (key, n) in rows {
        let bar = (n * bar_cols).div_ceil(max.max(1));
        writeln!(
            out,
            "{}  {n:>count_cols$}  {}",
            fit(key, key_cols),
            "█".repeat(bar)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn library() -> Library {
        let at = |m, d, h| Some(Utc.with_ymd_and_hms(2022, m, d, h, 0, 0).unwrap());
        let articles = vec![
            Article {
                date: at(1, 3, 20),
                categories: ["新媒体", "观察者网"].into(),
                ..Article::new("/lib/guancha/a.md", "a")
            },
            Article {
                date: at(1, 4, 1),
                categories: ["新媒体", "观察者网"].into(),
                ..Article::new("/lib/guancha/b.md", "b")
            },
            Article {
                date: at(2, 1, 12),
                flat_categories: ["随笔"].into(),
                ..Article::new("/lib/ruanyf/c.md", "c")
            },
            Article {
                flat_categories: ["随笔\u{1b}[31m"].into(),
                ..Article::new("/elsewhere/d.md", "d")
            },
        ];
        Library {
            roots: vec![PathBuf::from("/lib")],
            ..Library::from_articles(articles, Vec::new())
        }
    }

    fn rows(by: By, zone: Zone) -> Vec<(String, usize)> {
        let lib = library();
        count(lib.articles.iter(), &lib, by, zone)
    }

    fn row(key: &str, n: usize) -> (String, usize) {
        (key.to_string(), n)
    }

    #[test]
    fn dates_in_order_in_the_zone_undated_last() {
        assert_eq!(
            rows(By::Day, Zone::utc()),
            [
                row("2022-01-03", 1),
                row("2022-01-04", 1),
                row("2022-02-01", 1),
                row(UNDATED, 1)
            ]
        );
        let shanghai = Zone::Fixed(chrono::FixedOffset::east_opt(8 * 3600).unwrap());
        assert_eq!(rows(By::Day, shanghai)[0], row("2022-01-04", 2));
        assert_eq!(
            rows(By::Week, Zone::utc()),
            [row("2022-W01", 2), row("2022-W05", 1), row(UNDATED, 1)]
        );
        assert_eq!(
            rows(By::Month, Zone::utc()),
            [row("2022-01", 2), row("2022-02", 1), row(UNDATED, 1)]
        );
        assert_eq!(
            rows(By::Year, Zone::utc()),
            [row("2022", 3), row(UNDATED, 1)]
        );
    }

    #[test]
    fn categories_and_sources_by_count() {
        assert_eq!(
            rows(By::Category, Zone::utc()),
            [row("新媒体/观察者网", 2), row("随笔", 2)],
            "an escape sequence is no part of a name"
        );
        assert_eq!(
            rows(By::Source, Zone::utc()),
            [row("guancha", 2), row("no source", 1), row("ruanyf", 1)]
        );
    }

    #[test]
    fn bars_scale_to_the_width_and_keys_align() {
        let mut out = Vec::new();
        let rows = [row("新媒体/观察者网", 20), row("随笔", 5), row("x", 1)];
        write_rows(&rows, 40, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "新媒体/观察者网  20  ███████████████████\n\
             随笔              5  █████\n\
             x                 1  █\n"
        );
        assert!(text.lines().all(|l| width(l) <= 40), "{text}");
        let mut out = Vec::new();
        write_rows(&rows, 5, &mut out).unwrap();
        let first = String::from_utf8(out).unwrap();
        assert!(first.starts_with(&format!("新媒体/观察者网  20  {}\n", "█".repeat(MIN_BAR))));
    }
}
