//! The metadata of one article: small, kept for every file in memory. The body is not kept;
//! [`super::Library::read_body`] reads it again when the article is opened.

use super::date::DateSource;
use super::front_matter::FrontMatterKind;
use chrono::{DateTime, Utc};
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Where the file is: a real path, or `<sample>/NAME` for the embedded sample library.
    pub path: PathBuf,
    /// Clean one-line title; never empty (falls back to a heading, then the file name).
    pub title: String,
    pub author: Option<String>,
    /// The category hierarchy, outermost first (group › source › channel in the primary format).
    pub categories: Vec<String>,
    /// Flat categories (`category`, or `categories` given as one string).
    pub flat_categories: Vec<String>,
    pub tags: Vec<String>,
    pub date: Option<DateTime<Utc>>,
    pub date_source: DateSource,
    /// The header image (`headimg`/`thumbnail`), a remote URL, never fetched.
    pub image: Option<String>,
    pub front_matter: FrontMatterKind,
    /// Front matter keys gazette has no use for, kept so nothing read is lost.
    pub extra: Vec<(String, String)>,
    /// True when the file was read with warnings (listed among the library's problems).
    pub has_warnings: bool,
}

impl Article {
    /// An article with only a path and a title: no date, author or categories. The loader
    /// fills in the rest; tests and generated libraries start from here.
    pub fn new(path: impl Into<PathBuf>, title: impl Into<String>) -> Article {
        Article {
            path: path.into(),
            title: title.into(),
            author: None,
            categories: Vec::new(),
            flat_categories: Vec::new(),
            tags: Vec::new(),
            date: None,
            date_source: DateSource::None,
            image: None,
            front_matter: FrontMatterKind::None,
            extra: Vec::new(),
            has_warnings: false,
        }
    }

    /// The source shown in lists: the hierarchy's second level (the feed), else the author.
    pub fn source(&self) -> &str {
        self.categories
            .get(1)
            .or(self.author.as_ref())
            .or(self.categories.first())
            .map_or("", String::as_str)
    }

    /// The category hierarchy as `a/b/c`, or the flat categories joined with `, `.
    pub fn category_path(&self) -> String {
        if self.categories.is_empty() {
            self.flat_categories.join(", ")
        } else {
            self.categories.join("/")
        }
    }
}
