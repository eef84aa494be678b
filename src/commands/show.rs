//! `gazette show FILE`: one article as plain text, wrapped as the reader wraps it.

use crate::cli::ShowArgs;
use anyhow::{Context, bail};
use std::io::{IsTerminal, Write};

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
    let width = args.width.map_or_else(default_width, usize::from);
    let date = zone.format_date(article.when());
    let rendered = crate::article_view::render(article, &body, width, &date);
    for line in &rendered.lines {
        writeln!(out, "{}", line.text())?;
    }
    Ok(())
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
