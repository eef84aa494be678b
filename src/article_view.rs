//! An article as the reader and `gazette show` present it: a header (title, date, author,
//! categories) above the rendered body, both wrapped by the `text` rules at one width.

use crate::library::Article;
use crate::text::{self, BodyFormat, Rendered};
use chrono::TimeZone;

/// How dates are written in headers: local day and time with the zone's offset.
pub fn format_date<Tz: TimeZone>(a: &Article, zone: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    match a.date {
        Some(d) => d
            .with_timezone(zone)
            .format("%Y-%m-%d %H:%M %:z")
            .to_string(),
        None => "no date".to_string(),
    }
}

/// Renders header and body at `width`. The header goes through the same HTML renderer as the
/// body, so the same wrapping rules hold for every line shown.
pub fn render<Tz: TimeZone>(a: &Article, body: &str, width: usize, zone: &Tz) -> Rendered
where
    Tz::Offset: std::fmt::Display,
{
    let esc = |s: &str| html_escape::encode_text(s).into_owned();
    let mut meta = vec![format_date(a, zone)];
    meta.extend(a.author.as_deref().map(esc));
    let mut header = format!("<h1>{}</h1><p>{}", esc(&a.title), meta.join(" · "));
    let cats = a.category_path();
    if !cats.is_empty() {
        header.push_str(&format!("<br>{}", esc(&cats.replace('/', " › "))));
    }
    if !a.tags.is_empty() {
        header.push_str(&format!("<br>#{}", esc(&a.tags.join(" #"))));
    }
    header.push_str("</p>");
    // The header is escaped text: it has no links or images, so the body's numbering stands.
    let mut out = text::render(&header, BodyFormat::Html, width);
    let body = text::render(body, text::detect_format(body), width);
    if !body.lines.is_empty() {
        out.lines.push(text::Line::default());
    }
    out.lines.extend(body.lines);
    out.links = body.links;
    out.images = body.images;
    out
}
