//! The last-resort title: one made from the file name, when neither the front matter nor the
//! body has one.
//!
//! Names carry more than a title: a date prefix (`20181121 Coupled commands`, Jekyll and
//! Hexo's `2019-05-13-some-slug`) is the article's date, already read by `date`, and a slug's
//! dashes stand for spaces. A name already written with spaces is a title as it is, dashes
//! and all (`Rust - a review`).

use super::date;
use crate::sanitize::clean_line;
use std::path::Path;

/// The title for an article at `path` made from its file name without extension.
pub fn from_file_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let name = clean_line(&stem);
    if name.is_empty() {
        return "(untitled)".to_string();
    }
    // A name that is only a date (`2019-05-13.md`) keeps it: it is all the title there is.
    let rest = date::date_prefix(&name).map_or(name.as_str(), |(_, rest)| {
        rest.trim_start_matches([' ', '-', '_', '.']).trim()
    });
    if rest.is_empty() {
        return name;
    }
    let title = if is_slug(rest) {
        rest.split(['-', '_'])
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        rest.to_string()
    };
    if title.is_empty() { name } else { title }
}

/// A slug: words joined by `-` or `_`, no spaces.
fn is_slug(name: &str) -> bool {
    !name.contains(char::is_whitespace)
        && name.contains(['-', '_'])
        && name.chars().any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(name: &str) -> String {
        from_file_name(Path::new("lib/sub").join(name).as_path())
    }

    #[test]
    fn date_prefixes_are_dropped() {
        assert_eq!(title("20181121 Coupled commands.md"), "Coupled commands");
        assert_eq!(title("2019-05-13-some-slug.md"), "some slug");
        assert_eq!(title("2019_05_13 第一篇.txt"), "第一篇");
        assert_eq!(title("2019-05-13.md"), "2019-05-13");
    }

    #[test]
    fn only_slugs_lose_their_dashes() {
        assert_eq!(title("hello_big--world.md"), "hello big world");
        assert_eq!(
            title("Rust - a short-lived review.md"),
            "Rust - a short-lived review"
        );
        assert_eq!(title("20190513ab-cd.md"), "20190513ab cd");
        assert_eq!(title("---.md"), "---");
        assert_eq!(title("plain.md"), "plain");
    }

    #[test]
    fn nothing_left_is_untitled() {
        assert_eq!(from_file_name(Path::new("/")), "(untitled)");
    }
}
