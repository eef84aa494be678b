//! Splitting an article's text into front matter and body, and reading the front matter.
//!
//! Reading never fails and never drops an article: a block the real parser rejects is read
//! again line by line, and each such detour is reported in [`Split::warnings`]. A warning means
//! "some metadata may be missing or read loosely", never "the article is broken".
//!
//! The pipeline: `fence` finds the block and the body (cheap, also used by [`body_of`]);
//! `yaml`, `toml_block`, `metadata` or `lines` turn the block into one tree shape (`node::Node`); `fields`
//! maps that tree onto [`Meta`], decoding titles with `markup`.
//!
//! The text between an opening and a closing fence is always the front matter, even when
//! nothing in it reads as `key: value` (a Markdown file opening with two `---` rules loses
//! its first paragraph to it, with a warning).

mod fence;
mod fields;
mod heading;
mod lines;
mod markup;
mod metadata;
mod node;
mod toml_block;
mod yaml;
mod yaml_fast;

#[cfg(test)]
mod tests;

/// Which kind of front matter a file had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FrontMatterKind {
    Yaml,
    Toml,
    HeaderBlock,
    /// Pelican / MultiMarkdown `Key: value` lines at the top, no fence.
    Metadata,
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
    /// The raw date text (`date`, else `published`/`pubDate`-like keys), uninterpreted; else
    /// the day named in a `path`/`permalink` key (`2025/06/26/slug`) as `YYYY-MM-DD`.
    pub date: Option<String>,
    /// `date` was read from a `path`/`permalink` key, not from a date key.
    pub date_from_address: bool,
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
    read_block(fence::locate(text))
}

/// [`split`] for the start of a file, cut at a line end: `None` when the front matter may go
/// on past `text` (or there is none, and the title must come from the body), so more of the
/// file is needed. When `Some`, the kind, metadata and warnings are those of the whole file.
pub fn split_start(text: &str) -> Option<Split<'_>> {
    let block = fence::locate(text);
    block.closed.then(|| read_block(block))
}

fn read_block(block: fence::Block<'_>) -> Split<'_> {
    let mut warnings: Vec<String> = block.warning.into_iter().collect();
    let pairs = match block.kind {
        FrontMatterKind::Yaml => match yaml::read(block.meta, block.meta_line) {
            Ok(pairs) => pairs,
            Err(problem) => {
                warnings.push(format!("{problem}; read line by line"));
                lines::yaml(block.meta)
            }
        },
        FrontMatterKind::Toml => match toml_block::read(block.meta, block.meta_line) {
            Ok(pairs) => pairs,
            Err(problem) => {
                warnings.push(format!("{problem}; read line by line"));
                lines::toml(block.meta)
            }
        },
        FrontMatterKind::HeaderBlock => lines::header_block(block.meta),
        FrontMatterKind::Metadata => metadata::read(block.meta),
        FrontMatterKind::None => Vec::new(),
    };
    // Parser messages may quote the file; they reach the screen like any other text.
    let warnings = warnings
        .iter()
        .map(|w| crate::sanitize::clean_line(w))
        .collect();
    Split {
        kind: block.kind,
        meta: fields::meta_from(pairs),
        body: block.body,
        warnings,
    }
}

/// Only the body of `text`, as [`split`] would find it, without parsing the metadata.
pub fn body_of(text: &str) -> &str {
    fence::locate(text).body
}

/// A title taken from the body when the front matter has none: the first Markdown `#` heading
/// or HTML `<h1>`…`<h6>`, with tags stripped and entities decoded.
pub fn heading_title(body: &str) -> Option<String> {
    heading::first(body)
}
