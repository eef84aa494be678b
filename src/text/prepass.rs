//! A linear pass over the raw HTML before html5ever and html2text see it.
//!
//! Both of those grow faster than linearly with nesting depth (60,000 nested `<div>`s take
//! html2text about 11 s), so this pass keeps at most [`super::open::MAX_DEPTH`] elements open (see
//! [`super::open`]), dropping deeper tags but keeping their text.
//!
//! It also does what is easier on the source than on the tree: drops `<script>`, `<style>`,
//! comments; turns `<iframe>` into a link; gives lazy-loaded `<img data-src>` a `src`; and
//! lifts each outermost `<table>` out into [`Prepared::tables`] (leaving a marker line), so
//! the table can be laid out at the real width while the rest is rendered unwrapped.

use super::breaks;
use super::cjk;
use super::html::TABLE;
use super::open::Open;
use super::tag::{self, Tag};

/// Tables nested deeper than this lose their table tags (their cells become plain text):
/// html2text measures nested tables repeatedly.
const MAX_TABLE_NEST: usize = 3;

pub(super) struct Prepared {
    pub html: String,
    pub tables: Vec<String>,
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];
/// Dropped with everything inside them (script and style are never shown).
const HIDDEN: &[&str] = &["script", "style", "title", "noembed", "noframes"];
const TABLE_PARTS: &[&str] = &[
    "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "td", "th",
];
const LAZY_SRC: &[&str] = &[
    "data-src",
    "data-original",
    "data-actualsrc",
    "data-lazy-src",
];

pub(super) fn prepare(src: &str) -> Prepared {
    let mut pass = Pass {
        out: String::with_capacity(src.len() + 64),
        tables: Vec::new(),
        open: Open::default(),
        blank_run: 0,
        last_char: None,
        table_at: None,
        deep_tables: 0,
    };
    let b = src.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let Some(p) = src[i..].find('<') else {
            pass.text(&src[i..]);
            break;
        };
        pass.text(&src[i..i + p]);
        i += p;
        let rest = &b[i..];
        if rest.starts_with(b"<!--") {
            i = tag::skip_past(src, i + 4, "-->");
            continue;
        }
        if matches!(rest.get(1), Some(b'!' | b'?')) {
            i = tag::skip_past(src, i, ">");
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_start = i + 1 + usize::from(closing);
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            if closing {
                i = tag::skip_past(src, i, ">");
            } else {
                pass.text("<");
                i += 1;
            }
            continue;
        }
        let t = tag::scan(src, i, name_start);
        i = t.span.end;
        if !t.complete {
            break;
        }
        if closing {
            pass.end_tag(&t.name, &src[t.span.clone()]);
        } else {
            i = pass.start_tag(src, &t);
        }
    }
    if let Some((pos, _)) = pass.table_at.take() {
        pass.lift_table(pos);
    }
    Prepared {
        html: pass.out,
        tables: pass.tables,
    }
}

struct Pass {
    out: String,
    tables: Vec<String>,
    open: Open,
    /// Line breaks (`<br>`, newlines) since the last visible text. More than two only make
    /// blank lines that are collapsed anyway, and html2text scans leading blank lines once
    /// per block: thousands of them make it quadratic.
    blank_run: usize,
    /// The last visible character of the text so far, to join Chinese lines across tags.
    last_char: Option<char>,
    /// Where the outermost open table began in `out`, and the stack length holding it.
    table_at: Option<(usize, usize)>,
    /// How many tables are open beyond MAX_TABLE_NEST.
    deep_tables: usize,
}

impl Pass {
    /// Handles a start tag; returns where scanning continues.
    fn start_tag(&mut self, src: &str, t: &Tag) -> usize {
        let name = t.name.as_str();
        let raw = &src[t.span.clone()];
        if HIDDEN.contains(&name) {
            return tag::skip_raw(src, t.span.end, name);
        }
        if name == "iframe" {
            match t.attr(src, "src") {
                Some(url) => self.out.push_str(&format!(
                    " <a href={}>[embedded frame]</a> ",
                    tag::quoted(url)
                )),
                None => self.out.push_str(" [embedded frame] "),
            }
            return tag::skip_raw(src, t.span.end, name);
        }
        if self.deep_tables > 0 && TABLE_PARTS.contains(&name) {
            self.deep_tables += usize::from(name == "table");
            self.out.push_str(if name == "tr" { "<br>" } else { " " });
            return t.span.end;
        }
        if VOID.contains(&name) {
            self.void_tag(src, t, raw);
            return t.span.end;
        }
        if self.open.is_full() {
            self.open.drop_start(name);
            return t.span.end;
        }
        self.open.implicit_close(name);
        self.table_closed();
        if name == "table" && self.open.count("table") >= MAX_TABLE_NEST {
            self.deep_tables = 1;
            return t.span.end;
        }
        if name == "table" && self.table_at.is_none() {
            self.table_at = Some((self.out.len(), self.open.depth() + 1));
        }
        self.open.push(name);
        self.out.push_str(raw);
        t.span.end
    }

    fn void_tag(&mut self, src: &str, t: &Tag, raw: &str) {
        if t.name == "br" {
            self.blank_run += 1;
            if self.blank_run > 2 {
                return;
            }
        }
        if t.name == "img" {
            self.blank_run = 0;
        }
        if t.name == "img" {
            self.img_tag(src, t);
            return;
        }
        self.out.push_str(raw);
    }

    /// Rewrites an `<img>` that html2text would mishandle: without `alt` it counts as empty,
    /// so a link around it vanishes with it (we give it `alt="image"`, shown as a numbered
    /// placeholder); a lazy-loaded one has its URL in `data-src` and no `src`.
    fn img_tag(&mut self, src: &str, t: &Tag) {
        let no_alt = t.attr(src, "alt").is_none();
        let lazy = match t.attr(src, "src") {
            Some(_) => None,
            None => LAZY_SRC.iter().find_map(|a| t.attr(src, a)),
        };
        if !no_alt && lazy.is_none() {
            self.out.push_str(&src[t.span.clone()]);
            return;
        }
        self.out.push_str("<img");
        for (name, value) in &t.attrs {
            if !(name == "alt" && no_alt || name == "src" && lazy.is_some()) {
                self.out
                    .push_str(&format!(" {name}={}", tag::quoted(&src[value.clone()])));
            }
        }
        if let Some(url) = lazy {
            self.out.push_str(&format!(" src={}", tag::quoted(url)));
        }
        if no_alt {
            self.out.push_str(" alt=\"image\"");
        }
        self.out.push('>');
    }

    fn end_tag(&mut self, name: &str, raw: &str) {
        if self.deep_tables > 0 && TABLE_PARTS.contains(&name) {
            self.deep_tables -= usize::from(name == "table");
            return;
        }
        if self.open.drop_end(name) {
            return;
        }
        // An end tag for nothing open is passed on: html5ever gives `</p>` and `</br>` meaning.
        self.out.push_str(raw);
        self.open.close(name);
        self.table_closed();
    }

    /// Lifts the open table out once it is closed.
    fn table_closed(&mut self) {
        if let Some((start, level)) = self.table_at
            && self.open.depth() < level
        {
            self.table_at = None;
            self.lift_table(start);
        }
    }

    /// Copies text, keeping at most two line breaks in a row (see `blank_run`), and joining
    /// lines of Chinese outside preformatted elements (see [`cjk`]).
    fn text(&mut self, t: &str) {
        let preformatted = ["pre", "textarea", "listing"]
            .iter()
            .any(|n| self.open.count(n) > 0);
        let joined = if preformatted {
            t.into()
        } else {
            cjk::join_lines(t, self.last_char)
        };
        // Inside a table, html2text wraps the cells: it is told where it may break.
        let marked;
        let t = match self.table_at {
            Some(_) if !preformatted => {
                marked = breaks::mark_cell_breaks(&joined, self.last_char);
                marked.as_str()
            }
            _ => joined.as_ref(),
        };
        if let Some(c) = t.chars().rev().find(|c| !c.is_whitespace()) {
            self.last_char = Some(c);
        }
        if !t.contains('\n') {
            if !t.trim().is_empty() {
                self.blank_run = 0;
            }
            self.out.push_str(t);
            return;
        }
        for c in t.chars() {
            if c == '\n' {
                self.blank_run += 1;
                if self.blank_run > 2 {
                    continue;
                }
            } else if !c.is_whitespace() {
                self.blank_run = 0;
            }
            self.out.push(c);
        }
    }

    /// Moves the table written from `start` on into `tables`, leaving a marker line.
    fn lift_table(&mut self, start: usize) {
        let table = self.out.split_off(start);
        self.out
            .push_str(&format!("<div>{TABLE}{}{TABLE}</div>", self.tables.len()));
        self.tables.push(table);
        self.blank_run = 0;
    }
}
