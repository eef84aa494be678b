//! A title from the body: the first Markdown ATX heading or HTML `<h1>`…`<h6>`.
//!
//! Runs over whole bodies (up to megabytes), so every search is linear or bounded: an HTML
//! heading's closing tag is looked for only within [`HEADING_WINDOW`] bytes.

use super::markup::{Tags, clean_text};

/// How far after `<hN>` the closing tag may be; real headings are far shorter.
const HEADING_WINDOW: usize = 4096;

pub(super) fn first(body: &str) -> Option<String> {
    let mut fence: Option<&str> = None;
    let mut offset = 0;
    // Everything before this offset was inside an empty HTML heading already looked at.
    let mut examined = 0;
    for line in body.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let trimmed = line.trim_start_matches(' ');
        // Headings inside fenced code blocks are code.
        if let Some(marker) = fence {
            if trimmed.starts_with(marker) {
                fence = None;
            }
            continue;
        }
        if let Some(marker) = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m)) {
            fence = Some(marker);
            continue;
        }
        if let Some(title) = atx(line).map(|t| clean_text(t, Tags::Known)) {
            if !title.is_empty() {
                return Some(title);
            }
            continue;
        }
        if examined < offset {
            let found = html_heading(body, line_start.max(examined), offset);
            match found {
                Ok(title) => return Some(title),
                Err(end) => examined = end,
            }
        }
    }
    None
}

/// `# Title`, `## Title ##` (up to three spaces of indent), as CommonMark reads it.
fn atx(line: &str) -> Option<&str> {
    let line = line.trim_end();
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let level = rest.len() - rest.trim_start_matches('#').len();
    if !(1..=6).contains(&level) {
        return None;
    }
    let text = &rest[level..];
    if !text.is_empty() && !text.starts_with([' ', '\t']) {
        return None; // `#hashtag`
    }
    let text = text.trim();
    let without_closing = text.trim_end_matches('#');
    if without_closing.is_empty() || without_closing.ends_with([' ', '\t']) {
        return Some(without_closing.trim_end());
    }
    Some(text)
}

/// The text of the first non-empty `<hN …>…</hN>` opening in `body[start..line_end]`, or how
/// far the search looked.
fn html_heading(body: &str, start: usize, line_end: usize) -> Result<String, usize> {
    let bytes = body.as_bytes();
    let mut search = start;
    while search < line_end {
        let Some(i) = body[search..line_end].find('<').map(|i| i + search) else {
            break;
        };
        search = i + 1;
        let is_open = bytes
            .get(i + 1)
            .is_some_and(|b| b.eq_ignore_ascii_case(&b'h'))
            && bytes.get(i + 2).is_some_and(|b| (b'1'..=b'6').contains(b))
            && bytes
                .get(i + 3)
                .is_some_and(|b| *b == b'>' || b.is_ascii_whitespace());
        if !is_open {
            continue;
        }
        let window = &body[i..floor_char_boundary(body, i + HEADING_WINDOW)];
        let Some(content_start) = window.find('>').map(|j| j + 1) else {
            return Err(i + window.len());
        };
        let content_end = window[content_start..]
            .match_indices("</")
            .map(|(j, _)| content_start + j)
            .find(|&j| {
                let b = window.as_bytes();
                b.get(j + 2).is_some_and(|b| b.eq_ignore_ascii_case(&b'h'))
                    && b.get(j + 3).is_some_and(|b| (b'1'..=b'6').contains(b))
            })
            .unwrap_or(window.len());
        let title = clean_text(&window[content_start..content_end], Tags::All);
        if !title.is_empty() {
            return Ok(title);
        }
        // Any heading opening inside this empty one ends at the same place: also empty.
        search = search.max(i + content_end);
    }
    Err(search.max(line_end))
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_headings() {
        assert_eq!(
            first("intro\n\n## 标题 &amp; more ##\n# later"),
            Some("标题 & more".into())
        );
        assert_eq!(first("#hashtag\n    # code\n# C#\n"), Some("C#".into()));
        assert_eq!(first("#\n# \n### x ###"), Some("x".into()));
    }

    #[test]
    fn html_headings() {
        assert_eq!(
            first("<div><p>x</p><H2 class=\"t\">A <a href=\"#\">&#123;B&#125;</a><br>C</h2>"),
            Some("A {B} C".into())
        );
        assert_eq!(first("<h1>multi\nline</h1>"), Some("multi line".into()));
        assert_eq!(
            first("<h1></h1><header>no</header>\n<h3>yes</h3>"),
            Some("yes".into())
        );
    }

    #[test]
    fn fenced_code_and_absence() {
        assert_eq!(first("```\n# not\n```\ntext <hr> <h7>x</h7>"), None);
        assert_eq!(first(""), None);
        assert_eq!(first(&"<h1>".repeat(10_000)), None);
    }

    #[test]
    fn unclosed_heading_takes_the_window() {
        let body = format!("<h1>Title{}", "中".repeat(3000));
        let title = first(&body).unwrap();
        assert!(title.starts_with("Title中") && title.len() < HEADING_WINDOW);
    }
}
