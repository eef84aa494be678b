//! One tree shape for every front matter syntax, so the key mapping in `fields` is written once.

use std::borrow::Cow;

/// A front matter value. Numbers keep only their text: nothing downstream does arithmetic.
/// Text borrows the front matter where it is written there as it reads (the fast path's
/// keys and values: no string of their own for every field of every article), and is owned
/// where a parser made it.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Node<'a> {
    Null,
    Bool(bool),
    Number(Cow<'a, str>),
    Str(Cow<'a, str>),
    Seq(Vec<Node<'a>>),
    /// Entries in document order; duplicate keys are kept (the mapping decides which wins).
    Map(Entries<'a>),
}

/// A mapping's entries, or a whole front matter's: keys with their values, in order.
pub(super) type Entries<'a> = Vec<(Cow<'a, str>, Node<'a>)>;

impl Node<'_> {
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
            // As `text()` would join them, without joining: two pieces or more hold the ", "
            // between them. Every article's `categories` passes here.
            Node::Seq(items) => {
                let mut pieces = items.iter().map(Node::text).filter(|p| !p.is_empty());
                match (pieces.next(), pieces.next()) {
                    (None, _) => false,
                    (Some(one), None) => !one.trim().is_empty(),
                    (Some(_), Some(_)) => true,
                }
            }
            Node::Map(_) => !self.text().trim().is_empty(),
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

    #[test]
    fn a_list_has_text_exactly_when_its_joined_text_does() {
        let s = |v: &'static str| Node::Str(v.into());
        for (items, expected) in [
            (vec![], false),
            (vec![Node::Null, s("")], false),
            (vec![s("  ")], false),
            // Two blank pieces still join around a ", ".
            (vec![s(" "), s(" ")], true),
            (vec![s(""), s("新闻")], true),
            (vec![Node::Seq(vec![s(" ")]), Node::Null], false),
            (vec![Node::Bool(false)], true),
        ] {
            let list = Node::Seq(items);
            assert_eq!(list.has_text(), expected, "{list:?}");
            assert_eq!(list.has_text(), !list.text().trim().is_empty(), "{list:?}");
        }
    }
}
