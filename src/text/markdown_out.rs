//! A body as Markdown (`gazette show --format markdown`): links stay links (`[text](url)`),
//! images become `![alt](src)`, and headings, lists, quotes, emphasis and code keep their
//! Markdown marks, so the article can be piped into any Markdown tool.
//!
//! It goes through the same steps as the reader's rendering (budget, cleaning, pre-pass,
//! html2text), only with a decorator that writes Markdown marks instead of styles: a Markdown
//! body comes out normalised, and the cleaning that guards the terminal guards this too.
//! Tables have no faithful Markdown form (cells hold paragraphs), so each is laid out as the
//! reader lays it out and kept in a fenced block.

use super::html::{HUGE_WIDTH, TABLE};
use super::{BodyFormat, prepare};
use html2text::config;
use html2text::render::TextDecorator;

/// The width tables are laid out at inside their fenced blocks.
const TABLE_WIDTH: usize = 100;

/// What a piece of html2text's output is, as far as Markdown cares.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Mark {
    #[default]
    Text,
    /// Inside `<pre>`: fenced, never escaped.
    Pre,
    /// The backtick that opens inline code.
    Code,
}

/// Writes Markdown marks. The link's URL is only known at its start, so it is kept on a stack
/// until the link ends (links do not nest in HTML, but a stack costs nothing if they do).
#[derive(Clone, Default)]
struct Marks {
    links: Vec<String>,
}

impl TextDecorator for Marks {
    type Annotation = Mark;

    fn decorate_link_start(&mut self, url: &str) -> (String, Mark) {
        self.links.push(url.to_string());
        ("[".into(), Mark::Text)
    }
    fn decorate_link_end(&mut self) -> String {
        let url = self.links.pop().unwrap_or_default();
        format!("]({})", destination(&url))
    }
    fn decorate_em_start(&self) -> (String, Mark) {
        ("*".into(), Mark::Text)
    }
    fn decorate_em_end(&self) -> String {
        "*".into()
    }
    fn decorate_strong_start(&self) -> (String, Mark) {
        ("**".into(), Mark::Text)
    }
    fn decorate_strong_end(&self) -> String {
        "**".into()
    }
    fn decorate_strikeout_start(&self) -> (String, Mark) {
        ("~~".into(), Mark::Text)
    }
    fn decorate_strikeout_end(&self) -> String {
        "~~".into()
    }
    fn decorate_code_start(&self) -> (String, Mark) {
        ("`".into(), Mark::Code)
    }
    fn decorate_code_end(&self) -> String {
        "`".into()
    }
    fn decorate_preformat_first(&self) -> Mark {
        Mark::Pre
    }
    fn decorate_preformat_cont(&self) -> Mark {
        Mark::Pre
    }
    fn decorate_image(&mut self, src: &str, title: &str) -> (String, Mark) {
        // The pre-pass names an image without alt `image` (see `prepass`): that is no alt.
        let alt = match title.trim() {
            "image" => String::new(),
            t => t.replace(['[', ']'], ""),
        };
        (
            format!("![{}]({})", alt.trim(), destination(src)),
            Mark::Text,
        )
    }
    fn header_prefix(&self, level: usize) -> String {
        format!("{} ", "#".repeat(level.clamp(1, 6)))
    }
    fn quote_prefix(&self) -> String {
        "> ".into()
    }
    fn unordered_item_prefix(&self) -> String {
        "- ".into()
    }
    fn ordered_item_prefix(&self, i: i64) -> String {
        format!("{i}. ")
    }
    fn make_subblock_decorator(&self) -> Self {
        Marks::default()
    }
}

/// A URL as a Markdown link destination: cleaned as the reader cleans it (no whitespace, no
/// control characters), then the characters that would end it early or break the link are
/// percent-encoded, which means the same URL.
fn destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in super::layout::clean_url(url).chars() {
        match c {
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c => out.push(c),
        }
    }
    out
}

/// One line of html2text's output.
struct Out {
    text: String,
    /// Inside `<pre>`.
    pre: bool,
    /// Starts with the backtick of a `<code>` (inside `<pre>`, the fence replaces it).
    opens_code: bool,
}

/// Runs html2text with the Markdown decorator at `width`; a failure (or a panic inside
/// html2text, see [`super::html`]) gives `None`.
fn lines(html: &str, width: usize) -> Option<Vec<Out>> {
    let run = || {
        config::with_decorator(Marks::default())
            .link_footnotes(false)
            .empty_img_mode(config::ImageRenderMode::ShowAlways)
            .allow_width_overflow()
            .lines_from_read(html.as_bytes(), width)
    };
    let lines = crate::crash::catch_quietly(run)?.ok()?;
    Some(
        lines
            .into_iter()
            .map(|line| {
                let mut pieces = line.tagged_strings().peekable();
                let opens_code = pieces
                    .peek()
                    .is_some_and(|t| t.s.starts_with('`') && t.tag.contains(&Mark::Code));
                Out {
                    pre: line.tagged_strings().any(|t| t.tag.contains(&Mark::Pre)),
                    text: pieces.map(|t| t.s.as_str()).collect(),
                    opens_code,
                }
            })
            .collect(),
    )
}

/// `body` as Markdown. Never fails: what html2text cannot read comes back as its text without
/// markup, as the reader shows it. The result holds no control characters but `\n`.
pub fn to_markdown(body: &str, format: BodyFormat) -> String {
    let (prepared, cut_note) = prepare(body, format);
    let mut out: Vec<String> = Vec::new();
    let mut fence: Option<bool> = None; // Some(whether a code backtick waits to be dropped)
    let body_lines = lines(&prepared.html, HUGE_WIDTH).unwrap_or_else(|| plain(&prepared.html));
    for mut line in body_lines {
        match (fence, line.pre) {
            (None, true) => {
                out.push("```".into());
                if line.opens_code {
                    line.text.remove(0);
                }
                fence = Some(line.opens_code);
            }
            (Some(code), false) => {
                close_fence(&mut out, code);
                fence = None;
            }
            _ => {}
        }
        match table_index(&line.text).and_then(|k| prepared.tables.get(k)) {
            Some(table) if !line.pre => {
                out.push("```".into());
                let cells = lines(table, TABLE_WIDTH).unwrap_or_else(|| plain(table));
                out.extend(cells.into_iter().map(|l| l.text.trim_end().to_string()));
                out.push("```".into());
            }
            _ => {
                let text = line.text.trim_end().to_string();
                // html2text puts a list right under the paragraph before it; a blank line
                // keeps the two apart for every Markdown reader, not only CommonMark ones.
                let after_text = out
                    .last()
                    .is_some_and(|l| !l.is_empty() && !is_item(l) && !l.starts_with(' '));
                if !line.pre && is_item(&text) && after_text {
                    out.push(String::new());
                }
                out.push(text);
            }
        }
    }
    if let Some(code) = fence {
        close_fence(&mut out, code);
    }
    if let Some(note) = cut_note {
        out.push(String::new());
        out.push(format!("*{note}*"));
    }
    let text = out.join("\n");
    crate::sanitize::clean(text.trim_matches('\n')).into_owned()
}

/// Whether `line` starts a list item as the decorator writes them (`- `, `12. `).
fn is_item(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    line.starts_with("- ") || (digits > 0 && line[digits..].starts_with(". "))
}

/// Ends a fenced block, dropping the closing backtick of its `<code>` when it had one.
fn close_fence(out: &mut Vec<String>, code: bool) {
    if code && let Some(last) = out.last_mut() {
        if last.ends_with('`') {
            last.pop();
        }
        if last.is_empty() {
            out.pop();
        }
    }
    out.push("```".into());
}

/// The index of the table whose marker line this is (see [`super::prepass`]).
fn table_index(line: &str) -> Option<usize> {
    line.trim()
        .strip_prefix(TABLE)?
        .strip_suffix(TABLE)?
        .parse()
        .ok()
}

/// The text of HTML html2text failed on, without markup, one line per source line.
fn plain(html: &str) -> Vec<Out> {
    super::tag::strip_tags(html)
        .split('\n')
        .map(|l| Out {
            text: l.to_string(),
            pre: false,
            opens_code: false,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_bodies_come_out_bounded_and_clean() {
        // Deep nesting is bounded by the pre-pass, as for the reader.
        let deep = format!(
            "{}深处的字{}",
            "<div>".repeat(20_000),
            "</div>".repeat(20_000)
        );
        assert_eq!(to_markdown(&deep, BodyFormat::Html), "深处的字");
        // Over the budget: cut, and said so.
        let big = format!("<p>{}</p>", "长文".repeat(300_000));
        let md = to_markdown(&big, BodyFormat::Html);
        assert!(
            md.ends_with("*[gazette: article cut at 1 MiB of 1.7 MiB]*"),
            "{}",
            &md[md.len() - 80..]
        );
        // Escapes, raw or as character references, never come through.
        let esc = "<p>a\u{1b}]52;c;ZXZpbA==\u{7}b &#27;[31mc <a href=\"https://x.org/\u{1b}[2J\">d</a></p>";
        let md = to_markdown(esc, BodyFormat::Html);
        assert!(!md.chars().any(crate::sanitize::is_forbidden), "{md:?}");
        assert!(md.contains("[d](https://x.org/"), "{md}");
    }

    #[test]
    fn markdown_bodies_are_normalised_with_their_links() {
        let md = to_markdown(
            "Intro *em* and [a link](https://example.org/a_(b)).\n\n1. one\n2. two\n",
            BodyFormat::Markdown,
        );
        assert_eq!(
            md,
            "Intro *em* and [a link](https://example.org/a_%28b%29).\n\n1. one\n2. two"
        );
    }
}
