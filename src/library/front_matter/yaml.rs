//! YAML front matter through serde_norway, into a [`Node`] tree whose size is bounded.
//!
//! serde_norway stops alias chains after `100 × events` jumps, but that still lets a small
//! document expand quadratically (ten thousand aliases of a ten-thousand-item list). The
//! visitor here charges every node and every string byte it builds to a budget proportional to
//! the input, so a bomb ends in an error after a bounded amount of work and memory. Nesting is
//! bounded by serde_norway's recursion limit (128), so the tree's recursion is shallow.

use super::node::{Entries, Node};
use serde::de::{self, DeserializeSeed, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};
use std::cell::Cell;
use std::fmt;

/// Reads `src` (a front matter's text starting at `first_line` of the file) as a mapping.
/// An empty document gives no entries. The error is a reason fit for a warning.
///
/// The common shapes take the fast path ([`super::yaml_fast`]); the rest the full parser.
pub(super) fn read(src: &str, first_line: usize) -> Result<Entries<'_>, String> {
    match super::yaml_fast::read(src) {
        Some(entries) => Ok(entries),
        None => read_full(src, first_line),
    }
}

/// [`read`] through serde_norway alone, whatever the shape.
pub(super) fn read_full(src: &str, first_line: usize) -> Result<Entries<'static>, String> {
    if flow_depth(src) > MAX_FLOW_DEPTH {
        return Err(format!(
            "YAML front matter nests `[`/`{{` deeper than {MAX_FLOW_DEPTH} levels"
        ));
    }
    // Blank lines before the block make the parser's line numbers those of the file.
    let padded = format!("{}{src}", "\n".repeat(first_line.saturating_sub(1)));
    let parsed = crate::crash::catch_quietly(|| {
        let budget = Cell::new(src.len().saturating_mul(4).saturating_add(4096));
        let de = serde_yaml::Deserializer::from_str(&padded);
        Seed { budget: &budget }.deserialize(de)
    });
    match parsed {
        Some(Ok(Node::Map(entries))) => Ok(entries),
        Some(Ok(Node::Null)) => Ok(Vec::new()),
        Some(Ok(other)) => Err(format!(
            "YAML front matter is {}, not `key: value` lines",
            describe(&other)
        )),
        Some(Err(e)) => Err(format!("invalid YAML front matter: {e}")),
        // serde_norway has internal `panic!`s for event streams libyaml should never produce;
        // an article file must not be able to take the reader down through one.
        None => Err("the YAML parser failed on this front matter".to_string()),
    }
}

/// serde_norway refuses deeper documents anyway (its recursion limit is 128), but libyaml
/// takes time quadratic in the flow depth to get there: 30,000 `[` cost seconds.
const MAX_FLOW_DEPTH: usize = 128;

/// The deepest `[`/`{` nesting, counted without regard to quotes. Brackets inside quoted text
/// can only overstate it, and no real front matter has a hundred of them unbalanced.
fn flow_depth(src: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for b in src.bytes() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

fn describe(node: &Node) -> &'static str {
    match node {
        Node::Null => "empty",
        Node::Map(_) => "a mapping",
        Node::Bool(_) => "a boolean",
        Node::Number(_) => "a number",
        Node::Str(_) => "a single text",
        Node::Seq(_) => "a list",
    }
}

/// Builds a [`Node`] from any YAML value while spending `budget`.
#[derive(Clone, Copy)]
struct Seed<'b> {
    budget: &'b Cell<usize>,
}

impl Seed<'_> {
    fn charge<E: de::Error>(self, units: usize) -> Result<(), E> {
        match self.budget.get().checked_sub(units) {
            Some(left) => {
                self.budget.set(left);
                Ok(())
            }
            None => Err(E::custom(
                "front matter expands far beyond its size (an alias bomb?)",
            )),
        }
    }

    fn text<E: de::Error>(self, s: String) -> Result<Node<'static>, E> {
        self.charge(1 + s.len())?;
        Ok(Node::Str(s.into()))
    }

    fn number<E: de::Error>(self, n: impl ToString) -> Result<Node<'static>, E> {
        self.charge(1)?;
        Ok(Node::Number(n.to_string().into()))
    }
}

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Node<'static>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Node<'static>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Node<'static>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node<'static>, E> {
        self.charge(1)?;
        Ok(Node::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node<'static>, E> {
        self.number(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node<'static>, E> {
        self.number(v)
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Node<'static>, E> {
        self.number(v)
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Node<'static>, E> {
        self.number(v)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node<'static>, E> {
        self.number(v)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node<'static>, E> {
        self.text(v.to_owned())
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Node<'static>, E> {
        self.text(v)
    }

    fn visit_none<E: de::Error>(self) -> Result<Node<'static>, E> {
        self.charge(1)?;
        Ok(Node::Null)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node<'static>, E> {
        self.visit_none()
    }

    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Node<'static>, D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node<'static>, A::Error> {
        self.charge(1)?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Node::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node<'static>, A::Error> {
        self.charge(1)?;
        let mut entries = Vec::new();
        while let Some(key) = map.next_key_seed(self)? {
            let value = map.next_value_seed(self)?;
            entries.push((key.text().into_owned().into(), value));
        }
        Ok(Node::Map(entries))
    }

    /// A tagged value (`!foo bar`): the tag says nothing a reader needs, keep the value.
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Node<'static>, A::Error> {
        let (_tag, value): (de::IgnoredAny, _) = data.variant()?;
        value.newtype_variant_seed(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Node<'_> {
        Node::Str(v.into())
    }

    #[test]
    fn mapping_in_document_order_with_scalars_as_text() {
        let got = read("b: 1\na: 'x'\nc: true\nd: [1.5, ~]\n!t e: !t f\n", 2).unwrap();
        assert_eq!(
            got,
            vec![
                ("b".into(), Node::Number("1".into())),
                ("a".into(), s("x")),
                ("c".into(), Node::Bool(true)),
                (
                    "d".into(),
                    Node::Seq(vec![Node::Number("1.5".into()), Node::Null])
                ),
                ("e".into(), s("f")),
            ]
        );
    }

    #[test]
    fn empty_or_comment_only_block_has_no_entries() {
        assert_eq!(read("", 2), Ok(vec![]));
        assert_eq!(read("# nothing\n", 2), Ok(vec![]));
    }

    #[test]
    fn errors_name_the_file_line() {
        let err = read("a: 1\ntitle: a: b\n", 3).unwrap_err();
        assert!(err.starts_with("invalid YAML front matter: "), "{err}");
        assert!(err.contains("line 4"), "{err}");
    }

    #[test]
    fn scalar_document_is_refused() {
        assert_eq!(
            read("just a sentence\n", 2).unwrap_err(),
            "YAML front matter is a single text, not `key: value` lines"
        );
    }

    #[test]
    fn billion_laughs_stops_quickly() {
        let mut doc = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        for (name, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"]
            .iter()
            .zip("abcdefgh".chars())
        {
            let refs = vec![format!("*{prev}"); 9].join(",");
            doc.push_str(&format!("{name}: &{name} [{refs}]\n"));
        }
        // Stopped by the budget (4 units a byte, plus 4096), after a few thousand nodes of
        // the billion: the bound is on the work, whatever the machine's speed.
        let err = read(&doc, 2).unwrap_err();
        assert!(err.contains("alias bomb"), "{err}");
    }

    #[test]
    fn quadratic_alias_fan_out_hits_the_budget() {
        let items = vec!["x"; 2000].join(",");
        let refs = vec!["*a"; 2000].join(",");
        let doc = format!("a: &a [{items}]\nb: [{refs}]\n");
        let err = read(&doc, 2).unwrap_err();
        assert!(err.contains("alias bomb"), "{err}");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let depth = 100_000;
        let doc = format!("a: {}{}\n", "[".repeat(depth), "]".repeat(depth));
        // Refused by counting brackets, before the parser (quadratic in the depth) starts.
        assert!(read(&doc, 2).unwrap_err().contains("deeper than 128"));
        let doc = format!("a: {}{}\n", "[".repeat(129), "]".repeat(129));
        assert!(read(&doc, 2).unwrap_err().contains("deeper than 128"));
        let doc = format!("a: {}{}\n", "[".repeat(128), "]".repeat(128));
        assert!(read(&doc, 2).unwrap_err().contains("recursion limit"));
        let doc: String = (0..1_000)
            .map(|i| format!("{}k:\n", " ".repeat(i)))
            .collect();
        assert!(read(&doc, 2).is_err());
    }
}
