//! Line-by-line readings of a front matter, for blocks the real parsers reject and for the
//! `[#]: key: "value"` header block (which no parser reads).
//!
//! These readings keep whatever looks like `key: value` (or `key = value`), plus `- item`
//! lines under a key with no value, plus `[a, b]` on one line. Quotes are removed only when
//! they open and close the value, so a stray quote stays visible instead of eating the line.

use super::node::{Entries, Node};

/// YAML-ish lines: `key: value`, `- item` under an empty key, indented `k: v` under an empty
/// key (one nested level), and indented continuation lines of a plain value.
pub(super) fn yaml(src: &str) -> Entries<'static> {
    let mut out: Entries = Vec::new();
    for line in src.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        let last = out.last_mut().map(|(_, v)| v);
        if let Some(item) = list_item(trimmed) {
            match last {
                Some(v @ Node::Null) => *v = Node::Seq(vec![scalar(item)]),
                Some(Node::Seq(items)) => items.push(scalar(item)),
                _ => {}
            }
            continue;
        }
        let pair = key_value(trimmed, ':');
        match (indented, pair, last) {
            (false, Some((k, v)), _) => out.push((k.into(), scalar(v))),
            (true, Some((k, v)), Some(last @ Node::Null)) => {
                *last = Node::Map(vec![(k.into(), scalar(v))]);
            }
            (true, Some((k, v)), Some(Node::Map(entries))) => entries.push((k.into(), scalar(v))),
            (true, _, Some(Node::Str(s))) => {
                let s = s.to_mut();
                s.push(' ');
                s.push_str(trimmed);
            }
            _ => {}
        }
    }
    out
}

/// TOML-ish lines: `key = value`, with `[table]` headers prefixing the keys (`table.key`).
pub(super) fn toml(src: &str) -> Entries<'static> {
    let mut out = Vec::new();
    let mut table = String::new();
    for line in src.lines().map(str::trim) {
        if line.starts_with('[') && line.ends_with(']') {
            table = line.trim_matches(['[', ']']).trim().to_string();
        } else if let Some((k, v)) = key_value(line, '=') {
            let key = if table.is_empty() {
                k
            } else {
                format!("{table}.{k}")
            };
            out.push((key.into(), scalar(v)));
        }
    }
    out
}

/// `[#]: key: "value"` lines; `subject` is the title in this format.
pub(super) fn header_block(src: &str) -> Entries<'static> {
    src.lines()
        .filter_map(|line| line.strip_prefix("[#]:"))
        .filter_map(|rest| key_value(rest.trim(), ':'))
        .map(|(k, v)| {
            let key = if k.eq_ignore_ascii_case("subject") {
                "title".to_string()
            } else {
                k
            };
            // Older headers wrap values in parentheses: `[#]: collector: (lujun9972)`.
            let v = v
                .strip_prefix('(')
                .and_then(|v| v.strip_suffix(')'))
                .unwrap_or(v);
            (key.into(), scalar(v))
        })
        .collect()
}

/// `- item` or a lone `-`.
fn list_item(trimmed: &str) -> Option<&str> {
    if trimmed == "-" {
        return Some("");
    }
    trimmed.strip_prefix("- ").map(str::trim)
}

/// Splits at the first `sep` that ends a key: for `:` it must be followed by a space or the
/// end, so `title: a: b` gives `title` → `a: b` and URLs in values survive.
fn key_value(line: &str, sep: char) -> Option<(String, &str)> {
    let at = line.char_indices().find_map(|(i, c)| {
        let next = line[i + c.len_utf8()..].chars().next();
        (c == sep && (sep != ':' || next.is_none_or(char::is_whitespace))).then_some(i)
    })?;
    let key = unquote(line[..at].trim());
    if key.is_empty() || key.starts_with(['-', '[', '{', '#']) {
        return None;
    }
    Some((key, line[at + 1..].trim()))
}

/// A one-line value: `[a, b]` (one level: items are never lists, so a line of ten thousand
/// `[` cannot recurse ten thousand times), or a single value.
fn scalar(raw: &str) -> Node<'static> {
    let raw = raw.trim();
    match raw.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        Some(inner) => {
            let items = inner.split(',').map(str::trim).filter(|i| !i.is_empty());
            Node::Seq(items.map(single).collect())
        }
        None => single(raw),
    }
}

/// Quoted text, a boolean, null, or plain text.
fn single(raw: &str) -> Node<'static> {
    if raw.starts_with(['"', '\'']) {
        return Node::Str(unquote(raw).into());
    }
    // In a plain value, ` #` starts a comment, as in YAML and TOML.
    let plain = raw.find(" #").map_or(raw, |i| raw[..i].trim_end());
    match plain {
        "" | "~" | "null" | "Null" | "NULL" => Node::Null,
        "true" | "True" | "TRUE" => Node::Bool(true),
        "false" | "False" | "FALSE" => Node::Bool(false),
        _ => Node::Str(plain.to_string().into()),
    }
}

/// Removes quotes that both open and close `s`, undoing the quoting style's escapes.
fn unquote(s: &str) -> String {
    let quoted = |q: char| s.len() >= 2 && s.starts_with(q) && s.ends_with(q);
    if quoted('\'') {
        s[1..s.len() - 1].replace("''", "'")
    } else if quoted('"') {
        unescape_double(&s[1..s.len() - 1])
    } else {
        s.to_string()
    }
}

/// The common backslash escapes of YAML/TOML double-quoted strings; unknown ones stay as is.
fn unescape_double(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(e @ ('"' | '\\' | '/')) => out.push(e),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Node<'_> {
        Node::Str(v.into())
    }

    #[test]
    fn yaml_lines_keep_what_they_can() {
        let src = "title: a: b\nauthor: 'It's me'\nquote: \"say \\\"hi\\\"\"\n\
                   categories:\n - x\n  - 'y'\nbroken: 'open\ncomments: 'false'\n\
                   published: true\nurl: https://e.x/a\nextra:\n  k: v\nlong: one\n  two\n# c\n";
        assert_eq!(
            yaml(src),
            vec![
                ("title".into(), s("a: b")),
                ("author".into(), s("It's me")),
                ("quote".into(), s("say \"hi\"")),
                ("categories".into(), Node::Seq(vec![s("x"), s("y")])),
                ("broken".into(), s("'open")),
                ("comments".into(), s("false")),
                ("published".into(), Node::Bool(true)),
                ("url".into(), s("https://e.x/a")),
                ("extra".into(), Node::Map(vec![("k".into(), s("v"))])),
                ("long".into(), s("one two")),
            ]
        );
    }

    #[test]
    fn flow_lists_nulls_and_comments() {
        assert_eq!(
            yaml("tags: [a, 'b']\nx:\ny: ~\nz: plain # note\n"),
            vec![
                ("tags".into(), Node::Seq(vec![s("a"), s("b")])),
                ("x".into(), Node::Null),
                ("y".into(), Node::Null),
                ("z".into(), s("plain")),
            ]
        );
    }

    #[test]
    fn deep_brackets_stay_flat() {
        let line = format!("a: {}x{}", "[".repeat(100_000), "]".repeat(100_000));
        let got = yaml(&line);
        let inner = format!("{}x{}", "[".repeat(99_999), "]".repeat(99_999));
        assert_eq!(got, vec![("a".into(), Node::Seq(vec![s(&inner)]))]);
    }

    #[test]
    fn toml_lines_with_tables() {
        assert_eq!(
            toml("title = \"a = b\"\ndate = 2020-01-01\n[extra]\nk = 'v'\nbad line\n"),
            vec![
                ("title".into(), s("a = b")),
                ("date".into(), s("2020-01-01")),
                ("extra.k".into(), s("v")),
            ]
        );
    }

    #[test]
    fn header_block_lines() {
        let src = "[#]: subject: \"Title: here\"\n[#]: via: \"https://x.y/z\"\n\
                   [#]: author: \"Ann https://a.b\"\n[#]: collector: (lujun9972)\n[#]: url: \" \"\n";
        assert_eq!(
            header_block(src),
            vec![
                ("title".into(), s("Title: here")),
                ("via".into(), s("https://x.y/z")),
                ("author".into(), s("Ann https://a.b")),
                ("collector".into(), s("lujun9972")),
                ("url".into(), s(" ")),
            ]
        );
    }
}
