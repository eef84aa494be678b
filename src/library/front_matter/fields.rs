//! Mapping front matter keys onto [`Meta`], whatever syntax they came from.
//!
//! Keys are matched without regard to ASCII case (`Title`, `pubDate`). A key feeds a field only
//! when its value is usable there (`published: true` is not a date); every entry that fed no
//! field goes to `extra`, so nothing in the file is lost. When several keys could feed one
//! field, the field's own order of preference decides, not their order in the file. A repeated
//! key feeds a single-valued field (and the `categories` hierarchy) once, the repeats go to
//! `extra`; repeated `category` and `tags` keys are gathered.
//!
//! `extra` holds text: a nested table is flattened into dotted keys (`extra.key`), lists are
//! joined with ", ". Values there are cleaned of control characters but not entity-decoded.

use super::Meta;
use super::markup::{Tags, clean_text};
use super::node::{Entries, Node};
use crate::sanitize::{clean_line, clean_line_cow};

pub(super) fn meta_from(pairs: Entries) -> Meta {
    let mut fields = Fields {
        used: vec![false; pairs.len()],
        pairs,
    };
    let mut meta = Meta {
        title: fields
            .take(&["title"], Node::has_text)
            .map(|n| clean_text(&n.text(), Tags::Known)),
        author: fields
            .take(&["author", "authors"], Node::has_text)
            .map(author),
        date: fields
            .take(&["date"], Node::is_text_like)
            .map(|n| clean_line(&n.text())),
        ..Meta::default()
    };
    meta.title = meta.title.filter(|t| !t.is_empty());
    meta.author = meta.author.filter(|a| !a.is_empty());
    if meta.date.is_none() {
        meta.date = fields
            .take(&["published", "pubdate", "updated"], Node::is_text_like)
            .map(|n| clean_line(&n.text()));
    }
    if meta.date.is_none() {
        // The key stays (it is the article's address, not only its date), so it is only read.
        meta.date = fields.find(&["path", "permalink"]).find_map(day_in_address);
        meta.date_from_address = meta.date.is_some();
    }
    for keys in [&["headimg"][..], &["thumbnail"], &["image", "cover"]] {
        if meta.image.is_none() {
            meta.image = fields
                .take(keys, Node::is_text_like)
                .map(|n| clean_line(&n.text()));
        }
    }
    match fields.take(&["categories"], Node::has_text) {
        Some(Node::Seq(items)) => meta.categories = list(items),
        Some(one) => meta.flat_categories = list(std::slice::from_ref(one)),
        None => {}
    }
    while let Some(node) = fields.take(&["category"], Node::has_text) {
        meta.flat_categories
            .extend(list(std::slice::from_ref(node)));
    }
    while let Some(node) = fields.take(&["tags", "tag"], Node::has_text) {
        let tags = match node {
            Node::Str(s) => s
                .split([',', '，'])
                .map(|t| clean_text(t, Tags::Known))
                .collect(),
            other => list(std::slice::from_ref(other)),
        };
        meta.tags
            .extend(tags.into_iter().filter(|t: &String| !t.is_empty()));
    }
    meta.extra
        .reserve(fields.used.iter().filter(|used| !**used).count());
    for (i, (key, value)) in fields.pairs.iter().enumerate() {
        let null_known = matches!(value, Node::Null) && is_one_of(key, KNOWN);
        // `thumbnail` repeats `headimg` in the primary format: keeping it twice would cost
        // every article of a large library a URL for nothing.
        let same_image = is_one_of(key, IMAGE_KEYS)
            && meta
                .image
                .as_deref()
                .is_some_and(|img| clean_line_cow(&value.text()) == img);
        if !fields.used[i] && !null_known && !same_image {
            flatten(clean_line(key), value, &mut meta.extra);
        }
    }
    meta
}

/// Keys that name the article's picture.
const IMAGE_KEYS: &[&str] = &["headimg", "thumbnail", "image", "cover"];

/// Keys that an empty value (`title:`) may hold without being worth keeping in `extra`.
const KNOWN: &[&str] = &[
    "title",
    "author",
    "authors",
    "date",
    "published",
    "pubdate",
    "updated",
    "headimg",
    "thumbnail",
    "image",
    "cover",
    "categories",
    "category",
    "tags",
    "tag",
];

struct Fields<'a> {
    pairs: Entries<'a>,
    used: Vec<bool>,
}

/// Whether `key` is one of `names` (lower case), without regard to ASCII case.
fn is_one_of(key: &str, names: &[&str]) -> bool {
    names.iter().any(|n| key.eq_ignore_ascii_case(n))
}

impl<'a> Fields<'a> {
    /// The first unused entry, by the order of `names`, whose value passes `usable`.
    fn take(&mut self, names: &[&str], usable: fn(&Node<'a>) -> bool) -> Option<&Node<'a>> {
        let i = names.iter().find_map(|name| {
            (0..self.pairs.len()).find(|&i| {
                !self.used[i]
                    && self.pairs[i].0.eq_ignore_ascii_case(name)
                    && usable(&self.pairs[i].1)
            })
        })?;
        self.used[i] = true;
        Some(&self.pairs[i].1)
    }
}

impl Fields<'_> {
    /// Every entry under one of `names`, used or not, in the order of `names`.
    fn find<'s>(&'s self, names: &'s [&str]) -> impl Iterator<Item = &'s Node<'s>> {
        names.iter().flat_map(move |name| {
            (0..self.pairs.len())
                .filter(move |&i| self.pairs[i].0.eq_ignore_ascii_case(name))
                .map(move |i| &self.pairs[i].1)
        })
    }
}

/// The day an address such as `2025/06/26/slug` or `/blog/2025-06-26-slug/` names, as
/// `YYYY-MM-DD` (a calendar day, like a bare `date:`), read the way file paths are read.
fn day_in_address(node: &Node) -> Option<String> {
    let text = clean_line(&node.text());
    let (at, _) = crate::library::date::from_path(std::path::Path::new(text.trim()))?;
    Some(at.format("%Y-%m-%d").to_string())
}

/// `author` as text; for a list of people, or `{name: …, url: …}`, their names.
fn author(node: &Node) -> String {
    fn name<'n>(n: &'n Node<'_>) -> std::borrow::Cow<'n, str> {
        match n {
            Node::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("name"))
                .map_or_else(|| n.text(), |(_, v)| v.text()),
            other => other.text(),
        }
    }
    let names: Vec<String> = match node {
        Node::Seq(items) => items
            .iter()
            .map(|n| clean_text(&name(n), Tags::Known))
            .collect(),
        other => vec![clean_text(&name(other), Tags::Known)],
    };
    let names: Vec<String> = names.into_iter().filter(|n| !n.is_empty()).collect();
    names.join(", ")
}

/// Each item's text as one cleaned entry; nested lists (Hexo's several hierarchies) are
/// flattened in order.
fn list(items: &[Node]) -> Vec<String> {
    let mut out = Vec::new();
    for item in items {
        match item {
            Node::Seq(inner) => out.extend(list(inner)),
            other => out.push(clean_text(&other.text(), Tags::Known)),
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

fn flatten(key: String, value: &Node, extra: &mut Vec<(String, String)>) {
    match value {
        Node::Map(entries) if !entries.is_empty() => {
            for (k, v) in entries {
                flatten(format!("{key}.{}", clean_line(k)), v, extra);
            }
        }
        other => extra.push((key, clean_line(&other.text()))),
    }
}
