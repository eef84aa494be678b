//! `gazette show FILE`: one article as plain text wrapped as the reader wraps it, as Markdown,
//! or as JSON (its metadata and text).

use crate::cli::{ShowArgs, ShowFormat};
use crate::library::Article;
use crate::text::{self, Rendered};
use anyhow::{Context, bail};
use std::io::{IsTerminal, Write};

/// The width JSON's `text` is laid out at: wide enough that paragraphs come out as one line
/// each (a consumer wraps them itself), narrow enough that a table stays a table.
const UNWRAPPED: usize = 1 << 14;

/// `zone` is the configured one: the header's date is the reader's, in the same zone.
pub fn run(args: &ShowArgs, zone: crate::zone::Zone, out: &mut impl Write) -> anyhow::Result<()> {
    let library = super::load(std::slice::from_ref(&args.file), true)?;
    let Some(article) = library.articles.first() else {
        let why = library
            .problems
            .first()
            .map_or_else(|| "not an article".to_string(), |p| p.reason.clone());
        bail!(
            "{}: {why}",
            crate::sanitize::clean_line(&args.file.to_string_lossy())
        );
    };
    for warning in &library.problems {
        eprintln!("gazette: {warning}");
    }
    let body = library
        .read_body(article)
        .context("reading the article body")?;
    let date = zone.format_date(article.when());
    match args.format {
        ShowFormat::Text => {
            let width = args.width.map_or_else(default_width, usize::from);
            let rendered = crate::article_view::render(article, &body, width, &date);
            for line in &rendered.lines {
                writeln!(out, "{}", line.text())?;
            }
        }
        ShowFormat::Markdown => writeln!(out, "{}", markdown(article, &body, &date))?,
        ShowFormat::Json => {
            let width = args.width.map_or(UNWRAPPED, usize::from);
            writeln!(
                out,
                "{}",
                super::list::json_line(&json(article, &body, width)?)
            )?
        }
    }
    Ok(())
}

/// The article as Markdown: its title as the heading, a line of date, author, categories and
/// tags, then the body (see [`text::to_markdown`]).
fn markdown(a: &Article, body: &str, date: &str) -> String {
    let mut meta = vec![date.to_string()];
    meta.extend(a.author.as_ref().map(|a| a.to_string()));
    let mut head = format!("# {}\n\n{}", a.title, meta.join(" · "));
    let cats = a.category_path();
    if !cats.is_empty() {
        head.push_str(&format!("  \n{}", cats.replace('/', " › ")));
    }
    if !a.tags.is_empty() {
        head.push_str(&format!("  \n#{}", a.tags.join(" #")));
    }
    let (body, format) = crate::article_view::with_header_image(a, body);
    let text = format!("{head}\n\n{}", text::to_markdown(&body, format));
    // Title and names were cleaned when the file was read; this is the gate for the whole.
    crate::sanitize::clean(&text).into_owned()
}

/// The fields of `list --json` (with the reading state), plus `text` (the body as plain text
/// at `width`, links listed at its end as in `show`), `links` and `images` (their URLs).
fn json(a: &Article, body: &str, width: usize) -> anyhow::Result<serde_json::Value> {
    let (store, warning) = crate::store::Store::open(crate::store::Store::default_path()?);
    if let Some(w) = warning {
        eprintln!("gazette: warning: {w}");
    }
    let entry = store.get(&crate::store::article_key(a));
    let (body, format) = crate::article_view::with_header_image(a, body);
    let rendered: Rendered = text::render(&body, format, width);
    let mut record = super::list::json_record(a);
    record["read"] = entry.read.into();
    record["starred"] = entry.starred.into();
    record["text"] = rendered.to_plain().into();
    record["links"] = rendered.links.into();
    record["images"] = rendered.images.into();
    Ok(record)
}

/// The terminal's width when stdout is one, else 80.
pub(super) fn default_width() -> usize {
    if std::io::stdout().is_terminal()
        && let Ok((cols, _)) = ratatui::crossterm::terminal::size()
    {
        return usize::from(cols.max(1));
    }
    80
}
