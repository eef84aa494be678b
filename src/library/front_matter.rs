//! Splitting an article's text into front matter and body, and reading the front matter.
//!
//! STUB: the public API below is fixed; the implementation is being written.

/// Which kind of front matter a file had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FrontMatterKind {
    Yaml,
    Toml,
    HeaderBlock,
    None,
}

/// The metadata read from a front matter, before dates are interpreted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    pub title: Option<String>,
    pub author: Option<String>,
    /// A YAML/TOML *list* under `categories`: a hierarchy (Hexo), group › source › channel.
    pub categories: Vec<String>,
    /// `category`, or `categories` given as one string: flat categories.
    pub flat_categories: Vec<String>,
    pub tags: Vec<String>,
    /// The raw date text (`date`, else `published`/`pubDate`-like keys), uninterpreted.
    pub date: Option<String>,
    /// `headimg`, else `thumbnail`, else `image`/`cover`.
    pub image: Option<String>,
    /// Every other key, with its value flattened to text. Kept, never fatal.
    pub extra: Vec<(String, String)>,
}

/// The result of [`split`]: never fails; problems become `warnings`.
#[derive(Debug, Clone, PartialEq)]
pub struct Split<'a> {
    pub kind: FrontMatterKind,
    pub meta: Meta,
    pub body: &'a str,
    /// Human-readable reasons the front matter was not read cleanly (e.g. "invalid YAML at
    /// line 3: …; read line by line"). Empty when all is well.
    pub warnings: Vec<String>,
}

/// Splits `text` (already decoded, sanitized, `\n` line endings) into front matter and body.
pub fn split(text: &str) -> Split<'_> {
    let _ = text;
    todo!()
}

/// Only the body of `text`, as [`split`] would find it, without parsing the metadata.
pub fn body_of(text: &str) -> &str {
    split(text).body
}

/// A title taken from the body when the front matter has none: the first Markdown `#` heading
/// or HTML `<h1>`…`<h6>`, with tags stripped and entities decoded.
pub fn heading_title(body: &str) -> Option<String> {
    let _ = body;
    todo!()
}
