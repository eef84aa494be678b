//! A title from the body: the first heading, in any form Markdown or HTML has — ATX
//! (`# Title #`), setext (a paragraph underlined with `===` or `---`), `<h1>`…`<h6>`.
//!
//! Runs over whole bodies (up to megabytes), so every search is linear or bounded: an HTML
//! heading's closing tag is looked for only within [`HEADING_WINDOW`] bytes.
//!
//! A setext underline only counts under a paragraph, so the scan follows just enough block
//! structure to know one: a `---` after a blank line, a list item, a quote or an HTML block is
//! a rule or part of that block, never a heading (CommonMark's rules, simplified: a paragraph
//! is plain lines since the last blank line, heading, rule, fence or container line).

use super::markup::{Tags, clean_text};

/// How far after `<hN>` the closing tag may be; real headings are far shorter.
const HEADING_WINDOW: usize = 4096;

/// What the lines since the last blank line belong to, as far as setext headings care.
#[derive(PartialEq)]
enum Block {
    /// Nothing yet (after a blank line, a heading, a rule or a fence).
    Empty,
    /// Plain lines starting at this byte offset: what an underline would turn into a heading.
    Paragraph(usize),
    /// A list item, a quote or an HTML block: lines until the next blank line are theirs.
    Container,
}

pub(super) fn first(body: &str) -> Option<String> {
    let mut fence: Option<&str> = None;
    let mut block = Block::Empty;
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
        if line.trim().is_empty() {
            block = Block::Empty;
            continue;
        }
        if let Some(marker) = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m)) {
            fence = Some(marker);
            block = Block::Empty;
            continue;
        }
        if let Some(title) = atx(line).map(|t| clean_text(without_attributes(t), Tags::Known)) {
            if !title.is_empty() {
                return Some(title);
            }
            block = Block::Empty;
            continue;
        }
        if let Block::Paragraph(start) = block
            && is_setext_underline(line)
        {
            let text = body[start..line_start].trim();
            let title = clean_text(without_attributes(text), Tags::Known);
            if !title.is_empty() {
                return Some(title);
            }
            block = Block::Empty;
            continue;
        }
        if examined < offset {
            let found = html_heading(body, line_start.max(examined), offset);
            match found {
                Ok(title) => return Some(title),
                Err(end) => examined = end,
            }
        }
        block = match block {
            _ if is_thematic_break(line) => Block::Empty,
            // Inside a paragraph a line starting with a tag is text (only some HTML blocks
            // may interrupt one; a title line rarely starts with one).
            Block::Paragraph(_) if opens_container(line) && !line.trim_start().starts_with('<') => {
                Block::Container
            }
            Block::Paragraph(start) => Block::Paragraph(start),
            Block::Container => Block::Container,
            Block::Empty if opens_container(line) => Block::Container,
            // Four spaces before anything else make indented code, not a paragraph.
            Block::Empty if line.len() - trimmed.len() >= 4 || line.starts_with('\t') => {
                Block::Empty
            }
            Block::Empty => Block::Paragraph(line_start),
        };
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

/// Up to three spaces, then only `=` or only `-` (at least one), then only whitespace.
fn is_setext_underline(line: &str) -> bool {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return false;
    }
    let marks = trimmed.trim_end();
    ['=', '-']
        .iter()
        .any(|&c| !marks.is_empty() && marks.chars().all(|m| m == c))
}

/// `***`, `- - -`, `___` (three or more of one mark, spaces between allowed).
fn is_thematic_break(line: &str) -> bool {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return false;
    }
    ['*', '-', '_'].iter().any(|&c| {
        let marks = trimmed.chars().filter(|&m| m == c).count();
        marks >= 3 && trimmed.chars().all(|m| m == c || m.is_whitespace())
    })
}

/// A list item (`- x`, `* x`, `+ x`, `1. x`, `1) x`), a quote (`> x`) or an HTML block (`<div>`).
fn opens_container(line: &str) -> bool {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return false;
    }
    let mut chars = trimmed.chars();
    let first = chars.next();
    let spaced = |rest: &str| rest.is_empty() || rest.starts_with([' ', '\t', '\n', '\r']);
    match first {
        Some('>') => true,
        Some('-' | '*' | '+') => spaced(chars.as_str()),
        Some('<') => chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?')),
        Some(c) if c.is_ascii_digit() => {
            let digits = trimmed.len()
                - trimmed
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .len();
            let rest = &trimmed[digits..];
            digits <= 9 && rest.strip_prefix(['.', ')']).is_some_and(spaced)
        }
        _ => false,
    }
}

/// A heading's text without Pandoc's trailing attributes: `Tabs {.tabset}` → `Tabs`,
/// `Intro {#intro .unnumbered}` → `Intro`, `Notes {-}` → `Notes`. Braces that hold anything
/// else (`Set {a, b}`) are text.
fn without_attributes(text: &str) -> &str {
    let Some(inner) = text.strip_suffix('}') else {
        return text;
    };
    let Some(open) = inner.rfind('{') else {
        return text;
    };
    let attrs = &inner[open + 1..];
    let is_attribute = |a: &str| {
        a == "-"
            || (a.len() > 1 && a.starts_with(['.', '#']))
            || a.split_once('=').is_some_and(|(k, _)| !k.is_empty())
    };
    let mut words = attrs.split_whitespace().peekable();
    if words.peek().is_none() || !words.all(is_attribute) {
        return text;
    }
    let title = inner[..open].trim_end();
    if title.is_empty() { text } else { title }
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
    fn setext_headings() {
        assert_eq!(first("安装指南\n====\n\n# 安装\n"), Some("安装指南".into()));
        assert_eq!(
            first("  Two lines\nof title\n---  \ntext\n# later"),
            Some("Two lines of title".into())
        );
        assert_eq!(first("intro\n\n   Sub\n   -\n"), Some("Sub".into()));
        assert_eq!(first("Tabs {.tabset}\n===\n"), Some("Tabs".into()));
    }

    #[test]
    fn rules_and_containers_are_no_setext_headings() {
        // A rule after a blank line, an underline that is indented code or spaced, a list
        // item, a quote and an HTML block: none is a heading, so the ATX one wins.
        for body in [
            "text\n\n---\n# Real\n",
            "===\n# Real\n",
            "    code\n---\n# Real\n",
            "text\n    ---\n# Real\n",
            "text\n- - -\n# Real\n",
            "- item\n---\n# Real\n",
            "- item\nlazy\n---\n# Real\n",
            "> quote\n===\n# Real\n",
            "<div>\nhtml\n</div>\n---\n# Real\n",
            "```\nx\n```\n---\n# Real\n",
            "text\n***\n---\n# Real\n",
        ] {
            assert_eq!(first(body), Some("Real".into()), "{body:?}");
        }
    }

    #[test]
    fn pandoc_attributes_leave_the_title() {
        assert_eq!(first("# Tabs {.tabset}\n"), Some("Tabs".into()));
        assert_eq!(
            first("## Intro {#intro .unnumbered key=v} ##\n"),
            Some("Intro".into())
        );
        assert_eq!(first("# Notes {-}\n"), Some("Notes".into()));
        assert_eq!(first("# Set {a, b}\n"), Some("Set {a, b}".into()));
        assert_eq!(first("# {.only}\n"), Some("{.only}".into()));
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
