//! One file's bytes → an [`Article`] and its warnings, or the reason it is no article.

use super::article::Article;
use super::date::{self, DateSource};
use super::decode::{NotText, decode_prefix};
use super::front_matter::{self, FrontMatterKind};
use super::name_title;
use super::problem::Problem;
use std::path::Path;

/// Builds the article for `path` from its bytes. `rel_path` (below the library root) is
/// where dates in folder and file names are looked for.
pub fn parse_article(
    path: &Path,
    rel_path: &Path,
    bytes: &[u8],
) -> Result<(Article, Vec<Problem>), Problem> {
    let error = |NotText(why)| Problem::error(path, why);
    // Most front matters fit in the first KiB: read the metadata from there, and clean more
    // of the file only when the front matter runs on, or a title must come from the body.
    let mut limit = 1024;
    let (decoded, complete) = loop {
        let (decoded, complete) = decode_prefix(bytes, limit).map_err(error)?;
        // A front matter that closes inside the prefix leaves a body shorter than the text.
        let closed = front_matter::body_of(&decoded.text).len() < decoded.text.trim_start().len();
        if complete || closed {
            break (decoded, complete);
        }
        limit = if limit < 16 * 1024 {
            16 * 1024
        } else {
            usize::MAX
        };
    };
    let split = front_matter::split(&decoded.text);
    let mut warnings: Vec<String> = decoded.warning.clone().into_iter().collect();
    warnings.extend(split.warnings.iter().cloned());
    let meta = split.meta;

    let title = match meta.title.filter(|t| !t.is_empty()) {
        Some(t) => t,
        None => {
            // The heading may lie past the part cleaned so far.
            let full = if complete {
                None
            } else {
                decode_prefix(bytes, usize::MAX).ok()
            };
            let body = full
                .as_ref()
                .map_or(split.body, |(d, _)| front_matter::body_of(&d.text));
            let (title, from) = match front_matter::heading_title(body) {
                Some(h) => (h, "the first heading"),
                None => (name_title::from_file_name(path), "the file name"),
            };
            if split.kind != FrontMatterKind::None {
                warnings.push(format!("no title in the front matter; taken from {from}"));
            }
            title
        }
    };
    let (date, mut date_source, date_warning) = date::resolve(meta.date.as_deref(), rel_path);
    if meta.date_from_address && date_source == DateSource::FrontMatter {
        date_source = DateSource::FrontMatterPath;
    }
    warnings.extend(date_warning);

    let article = Article {
        path: path.to_path_buf(),
        title,
        author: meta.author.filter(|a| !a.is_empty()).map(Into::into),
        categories: meta.categories.into(),
        flat_categories: meta.flat_categories.into(),
        tags: meta.tags.into(),
        date: date.map(|d| d.at),
        day_only: date.is_some_and(|d| d.day_only),
        date_source,
        image: meta.image.map(String::into_boxed_str),
        front_matter: split.kind,
        extra: Article::extra_from(meta.extra),
        has_warnings: !warnings.is_empty(),
    };
    let problems = warnings
        .into_iter()
        .map(|w| Problem::warning(path, w))
        .collect();
    Ok((article, problems))
}
