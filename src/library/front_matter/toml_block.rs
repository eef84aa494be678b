//! TOML front matter (`+++`, Hugo) through the `toml` crate, into the shared [`Node`] tree.
//!
//! The `toml` crate limits nesting itself (80 levels) and has no aliases, so no budget is
//! needed. Keys come out sorted (the crate's table is ordered by key, not by the file).

use super::node::{Entries, Node};

/// Reads `src` (the text between the `+++` fences, starting at `first_line` of the file).
pub(super) fn read(src: &str, first_line: usize) -> Result<Entries<'static>, String> {
    match src.parse::<toml::Table>() {
        Ok(table) => Ok(entries(table)),
        Err(e) => {
            let at = e.span().map_or(String::new(), |span| {
                let line =
                    first_line + src.get(..span.start).map_or(0, |s| s.matches('\n').count());
                format!(" at line {line}")
            });
            Err(format!("invalid TOML front matter{at}: {}", e.message()))
        }
    }
}

fn entries(table: toml::Table) -> Entries<'static> {
    table
        .into_iter()
        .map(|(k, v)| (k.into(), node(v)))
        .collect()
}

fn node(value: toml::Value) -> Node<'static> {
    match value {
        toml::Value::String(s) => Node::Str(s.into()),
        toml::Value::Integer(i) => Node::Number(i.to_string().into()),
        toml::Value::Float(f) => Node::Number(f.to_string().into()),
        toml::Value::Boolean(b) => Node::Bool(b),
        // Its text is RFC 3339-like, which `date::parse` reads.
        toml::Value::Datetime(d) => Node::Str(d.to_string().into()),
        toml::Value::Array(items) => Node::Seq(items.into_iter().map(node).collect()),
        toml::Value::Table(table) => Node::Map(entries(table)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_tables() {
        let got = read(
            "title = \"T\"\ndate = 2021-10-10T11:06:15+08:00\ntags = [\"a\", 2]\n[extra]\nk = true\n",
            2,
        )
        .unwrap();
        assert_eq!(
            got,
            vec![
                ("date".into(), Node::Str("2021-10-10T11:06:15+08:00".into())),
                (
                    "extra".into(),
                    Node::Map(vec![("k".into(), Node::Bool(true))])
                ),
                (
                    "tags".into(),
                    Node::Seq(vec![Node::Str("a".into()), Node::Number("2".into())])
                ),
                ("title".into(), Node::Str("T".into())),
            ]
        );
    }

    #[test]
    fn error_names_the_file_line() {
        let err = read("title = \"ok\"\ntitle = x y\n", 2).unwrap_err();
        assert!(
            err.starts_with("invalid TOML front matter at line 3: "),
            "{err}"
        );
    }

    #[test]
    fn deep_nesting_is_an_error() {
        let depth = 100_000;
        let doc = format!("a = {}{}\n", "[".repeat(depth), "]".repeat(depth));
        assert!(read(&doc, 2).is_err());
    }
}
