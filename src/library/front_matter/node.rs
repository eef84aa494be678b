//! One tree shape for every front matter syntax, so the key mapping in `fields` is written once.

/// A front matter value. Numbers keep only their text: nothing downstream does arithmetic.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Node {
    Null,
    Bool(bool),
    Number(String),
    Str(String),
    Seq(Vec<Node>),
    /// Entries in document order; duplicate keys are kept (the mapping decides which wins).
    Map(Vec<(String, Node)>),
}

impl Node {
    /// The value as one line of text: lists joined with ", ", maps as `key: value` pairs.
    pub fn text(&self) -> String {
        match self {
            Node::Null => String::new(),
            Node::Bool(b) => b.to_string(),
            Node::Number(s) | Node::Str(s) => s.clone(),
            Node::Seq(items) => join(items.iter().map(Node::text), ", "),
            Node::Map(entries) => join(
                entries.iter().map(|(k, v)| format!("{k}: {}", v.text())),
                "; ",
            ),
        }
    }

    /// Scalars that can stand for a date or a name: text and numbers, not booleans.
    pub fn is_text_like(&self) -> bool {
        match self {
            Node::Str(s) | Node::Number(s) => !s.trim().is_empty(),
            _ => false,
        }
    }
}

/// Joins the non-empty pieces.
fn join(pieces: impl Iterator<Item = String>, sep: &str) -> String {
    let pieces: Vec<String> = pieces.filter(|p| !p.is_empty()).collect();
    pieces.join(sep)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_flattens_nested_values() {
        let n = Node::Seq(vec![
            Node::Str("a".into()),
            Node::Null,
            Node::Map(vec![
                ("k".into(), Node::Number("1".into())),
                ("b".into(), Node::Bool(false)),
            ]),
        ]);
        assert_eq!(n.text(), "a, k: 1; b: false");
    }
}
