//! One tree shape for every front matter syntax, so the key mapping in `fields` is written once.

use std::borrow::Cow;

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
    /// Borrowed for text and numbers, the values nearly every front matter holds.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Node::Null => Cow::Borrowed(""),
            Node::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
            Node::Number(s) | Node::Str(s) => Cow::Borrowed(s),
            Node::Seq(items) => Cow::Owned(join(items.iter().map(Node::text), ", ")),
            Node::Map(entries) => Cow::Owned(join(
                entries
                    .iter()
                    .map(|(k, v)| Cow::Owned(format!("{k}: {}", v.text()))),
                "; ",
            )),
        }
    }

    /// Scalars that can stand for a date or a name: text and numbers, not booleans.
    pub fn is_text_like(&self) -> bool {
        match self {
            Node::Str(s) | Node::Number(s) => !s.trim().is_empty(),
            _ => false,
        }
    }

    /// True when [`Node::text`] holds more than whitespace.
    pub fn has_text(&self) -> bool {
        match self {
            Node::Null => false,
            Node::Bool(_) => true,
            Node::Str(_) | Node::Number(_) => self.is_text_like(),
            Node::Seq(_) | Node::Map(_) => !self.text().trim().is_empty(),
        }
    }
}

/// Joins the non-empty pieces.
fn join<'a>(pieces: impl Iterator<Item = Cow<'a, str>>, sep: &str) -> String {
    let pieces: Vec<Cow<str>> = pieces.filter(|p| !p.is_empty()).collect();
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
