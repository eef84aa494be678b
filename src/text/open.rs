//! The open elements of the pre-pass: a cheap stand-in for html5ever's stack that bounds
//! nesting depth. It mimics the implicit closes of HTML that matter in practice (`<p>`,
//! `<li>`, `<td>` left unclosed) so that ordinary sloppy markup is not mistaken for depth;
//! it never scans more than [`MAX_DEPTH`] entries, so the pass stays linear.

use std::collections::HashMap;

/// Most elements kept open at once; real articles stay far below it.
pub(super) const MAX_DEPTH: usize = 100;

/// Start tags that close an open `<p>` (HTML's "close a p element"; `table` only in
/// no-quirks mode, which articles without a doctype are not in).
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "ul",
    "li",
    "dd",
    "dt",
];
const SCOPE: &[&str] = &[
    "applet", "button", "caption", "html", "marquee", "object", "table", "td", "template", "th",
];

fn is_heading(n: &str) -> bool {
    matches!(n, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

#[derive(Default)]
pub(super) struct Open {
    /// Names of the open elements we kept (never more than MAX_DEPTH).
    stack: Vec<String>,
    /// How many of `stack` bear each name, so that most implicit closes need no scan.
    counts: HashMap<String, usize>,
    /// How many start tags of each name were dropped and still await their end tag. They
    /// are all inside the innermost kept element, and close with it.
    dropped: HashMap<String, usize>,
    dropped_total: usize,
}

impl Open {
    pub fn depth(&self) -> usize {
        self.stack.len()
    }

    /// True when a new element must be dropped: the depth is used up, or it would sit
    /// inside an element that was dropped already.
    pub fn is_full(&self) -> bool {
        self.dropped_total > 0 || self.stack.len() >= MAX_DEPTH
    }

    pub fn drop_start(&mut self, name: &str) {
        *self.dropped.entry(name.to_string()).or_default() += 1;
        self.dropped_total += 1;
    }

    /// True when `</name>` ends a dropped element (and must be dropped too).
    pub fn drop_end(&mut self, name: &str) -> bool {
        match self.dropped.get_mut(name).filter(|n| **n > 0) {
            Some(n) => {
                *n -= 1;
                self.dropped_total -= 1;
                true
            }
            None => false,
        }
    }

    pub fn push(&mut self, name: &str) {
        *self.counts.entry(name.to_string()).or_default() += 1;
        self.stack.push(name.to_string());
    }

    /// `</name>`: closes the innermost open `name` and everything inside it.
    pub fn close(&mut self, name: &str) {
        if self.count(name) > 0
            && let Some(pos) = self.stack.iter().rposition(|n| n == name)
        {
            self.pop_to(pos);
        }
    }

    /// The implicit closes of HTML's tree builder that matter for depth.
    pub fn implicit_close(&mut self, name: &str) {
        if CLOSES_P.contains(&name) {
            self.close_nearest(&["p"], SCOPE);
        }
        match name {
            "li" => self.close_nearest(&["li"], &["ul", "ol", "menu"]),
            "dt" | "dd" => self.close_nearest(&["dt", "dd"], &["dl"]),
            "tr" => self.close_nearest(&["tr"], &["table"]),
            "td" | "th" => self.close_nearest(&["td", "th"], &["table"]),
            "thead" | "tbody" | "tfoot" => {
                self.close_nearest(&["thead", "tbody", "tfoot"], &["table"])
            }
            "option" => self.close_nearest(&["option"], &["select"]),
            "a" => self.close_nearest(&["a"], SCOPE),
            n if is_heading(n) && self.stack.last().is_some_and(|t| is_heading(t)) => {
                self.pop_to(self.stack.len() - 1)
            }
            _ => {}
        }
    }

    pub fn count(&self, name: &str) -> usize {
        self.counts.get(name).copied().unwrap_or(0)
    }

    /// Closes the innermost open element named in `targets`, unless one named in `boundary`
    /// is met first.
    fn close_nearest(&mut self, targets: &[&str], boundary: &[&str]) {
        if targets.iter().all(|t| self.count(t) == 0) {
            return;
        }
        for pos in (0..self.stack.len()).rev() {
            if targets.contains(&self.stack[pos].as_str()) {
                self.pop_to(pos);
                return;
            }
            if boundary.contains(&self.stack[pos].as_str()) {
                return;
            }
        }
    }

    /// Closes the element at `pos` and everything inside it, dropped elements included.
    fn pop_to(&mut self, pos: usize) {
        for name in self.stack.drain(pos..) {
            if let Some(n) = self.counts.get_mut(&name) {
                *n -= 1;
            }
        }
        if self.dropped_total > 0 {
            self.dropped.clear();
            self.dropped_total = 0;
        }
    }
}
