//! An article as the reader and `gazette show` present it: a header (title, date, author,
//! categories) above the rendered body and its numbered link and image list, all wrapped by
//! the `text` rules at one width.

use crate::library::Article;
use crate::text::{self, BodyFormat, Rendered};
use std::borrow::Cow;

/// The header alone (title, date, author, categories, tags) at `width`: what the reader shows
/// while the body is being read, from the metadata at hand.
pub fn header(a: &Article, width: usize, date: &str) -> Rendered {
    let esc = |s: &str| html_escape::encode_text(s).into_owned();
    let mut meta = vec![date.to_string()];
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
    text::render(&header, BodyFormat::Html, width)
}

/// Renders header and body at `width`. The header goes through the same HTML renderer as the
/// body, so the same wrapping rules hold for every line shown.
/// `date` is the article's date as the caller shows it (its zone is the caller's choice).
pub fn render(a: &Article, body: &str, width: usize, date: &str) -> Rendered {
    let mut out = header(a, width, date);
    let (body, format) = with_header_image(a, body);
    let body = text::render(&body, format, width);
    if !body.lines.is_empty() {
        out.lines.push(text::Line::default());
    }
    out.lines.extend(body.lines);
    out.links = body.links;
    out.images = body.images;
    // The numbered links and images close the article, wrapped like everything else.
    let references = out.reference_lines(width);
    if !references.is_empty() {
        out.lines.push(text::Line::default());
        out.lines.extend(references);
    }
    out
}

/// The body with the header image as its first picture when the body does not show it, and
/// the body's format (the image is written in HTML, which Markdown passes through).
pub fn with_header_image<'a>(a: &Article, body: &'a str) -> (Cow<'a, str>, BodyFormat) {
    let format = text::detect_format(body);
    let body = match &a.image {
        Some(img) if !body.contains(&**img) => {
            let src = html_escape::encode_double_quoted_attribute(img);
            Cow::Owned(match format {
                BodyFormat::Html => format!("<p><img src=\"{src}\"></p>\n{body}"),
                BodyFormat::Markdown => format!("<p><img src=\"{src}\"></p>\n\n{body}"),
            })
        }
        _ => Cow::Borrowed(body),
    };
    (body, format)
}
