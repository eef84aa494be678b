//! `gazette list`: matching articles as aligned columns or JSON Lines.

use crate::cli::{FilterArgs, ListArgs};
use crate::columns::{fit, width};
use crate::library::{Article, Filter, Library};
use chrono::{Local, SecondsFormat, TimeZone, Utc};
use std::io::Write;

/// The category column never takes more than this many columns.
const MAX_CATEGORY_COLS: usize = 32;

pub fn run(args: &ListArgs, out: &mut impl Write) -> anyhow::Result<()> {
    let library = super::load(&args.dirs)?;
    if args.local {
        write_list(&library, &args.filter, &Local, args.json, out)
    } else {
        write_list(&library, &args.filter, &Utc, args.json, out)
    }
}

/// Builds the library filter from command-line options, days counted in `zone`.
pub fn filter_from_args<Tz: TimeZone>(args: &FilterArgs, zone: &Tz) -> Filter {
    let mut filter = Filter {
        category: args
            .category
            .as_deref()
            .map(Filter::parse_category)
            .unwrap_or_default(),
        ..Filter::default()
    };
    filter.set_days(args.since, args.until, zone);
    filter
}

fn write_list<Tz: TimeZone>(
    library: &Library,
    args: &FilterArgs,
    zone: &Tz,
    json: bool,
    out: &mut impl Write,
) -> anyhow::Result<()>
where
    Tz::Offset: std::fmt::Display,
{
    let filter = filter_from_args(args, zone);
    let shown: Vec<&Article> = library
        .articles
        .iter()
        .filter(|a| filter.matches(a))
        .collect();
    if json {
        for a in shown {
            serde_json::to_writer(&mut *out, &json_record(a))?;
            out.write_all(b"\n")?;
        }
        return Ok(());
    }
    let cat_cols = shown
        .iter()
        .map(|a| width(&a.category_path()))
        .max()
        .unwrap_or(0)
        .min(MAX_CATEGORY_COLS);
    for a in shown {
        let date = a.date.map_or_else(
            || "----------".to_string(),
            |d| d.with_timezone(zone).format("%Y-%m-%d").to_string(),
        );
        let line = format!("{date}  {}  {}", fit(&a.category_path(), cat_cols), a.title);
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// The JSON Lines record of one article; its keys are a stable interface.
pub fn json_record(a: &Article) -> serde_json::Value {
    serde_json::json!({
        "path": crate::sanitize::clean_line(&a.path.to_string_lossy()),
        "title": a.title,
        "author": a.author,
        "categories": a.categories,
        "flat_categories": a.flat_categories,
        "tags": a.tags,
        "date": a.date.map(|d| d.to_rfc3339_opts(SecondsFormat::Secs, true)),
        "date_source": a.date_source,
        "image": a.image,
        "front_matter": a.front_matter,
        "has_warnings": a.has_warnings,
    })
}
