//! Markdown bodies become HTML first, so that one renderer handles both (and HTML embedded
//! in Markdown, which the archives mix freely, passes straight through).
//!
//! Two extensions of other Markdown dialects are common in the archives and would otherwise
//! show as raw text: Pandoc attributes after a heading (`# Tabs {.tabset}`, read by
//! pulldown-cmark's heading attributes) and image sizes inside the link target
//! (`![](a.png =500x)`, see [`drop_image_sizes`]).

use std::borrow::Cow;

use pulldown_cmark::{Options, Parser, html};

pub(super) fn to_html(md: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let md = drop_image_sizes(md);
    let mut out = String::with_capacity(md.len() + md.len() / 4);
    html::push_html(&mut out, Parser::new_ext(&md, options));
    out
}

/// Removes the size of `![alt](url =500x300)` (also `=500x`, `=x300`): a space in a link
/// target makes CommonMark read the whole image as text. Fenced code blocks are left alone.
pub(super) fn drop_image_sizes(md: &str) -> Cow<'_, str> {
    if !md.contains("](") || !md.contains(" =") {
        return md.into();
    }
    let mut out = String::with_capacity(md.len());
    let mut fence: Option<&str> = None;
    for line in md.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => fence = Some(m),
            (Some(f), Some(m)) if f == m => fence = None,
            _ => {}
        }
        if fence.is_some() || marker.is_some() {
            out.push_str(line);
        } else {
            out.push_str(&line_without_sizes(line));
        }
    }
    out.into()
}

/// One line with ` =WxH` removed from the end of each `](target …)`.
fn line_without_sizes(line: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut rest = line;
    let mut changed = false;
    while let Some(p) = rest.find("](") {
        let target_at = p + 2;
        out.push_str(&rest[..target_at]);
        rest = &rest[target_at..];
        let Some(close) = rest.find(')') else {
            break;
        };
        let target = &rest[..close];
        match target.rsplit_once(" =") {
            Some((url, size)) if is_size(size) && !url.trim().is_empty() => {
                out.push_str(url.trim_end());
                changed = true;
            }
            _ => out.push_str(target),
        }
        rest = &rest[close..];
    }
    if !changed {
        return line.into();
    }
    out.push_str(rest);
    out.into()
}

/// `500x300`, `500x`, `x300`.
fn is_size(s: &str) -> bool {
    let s = s.trim();
    s.split_once('x').is_some_and(|(w, h)| {
        let digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
        !(w.is_empty() && h.is_empty()) && digits(w) && digits(h)
    })
}
