//! One file's bytes → an [`Article`] and its warnings, or the reason it is no article.

use super::article::Article;
use super::cache::Stamp;
use super::date::{self, DateSource};
use super::decode::{self, NotText};
use super::front_matter::{self, FrontMatterKind};
use super::intern::Pairs;
use super::name_title;
use super::problem::Problem;
use super::read::{Prefix, Start};
use std::path::Path;

/// How much of a file's start is decoded first: more than most front matters. A longer one
/// takes windows [`GROWTH`] times larger, each decoded from the start again (so the work is
/// bounded by a small multiple of the last window).
const FIRST_WINDOW: usize = 1024;
const GROWTH: usize = 4;

/// Reads the article file at `path` as far as its metadata needs (see [`parse_start`]), and
/// returns it with the file's stamp.
pub fn read_article(
    path: &Path,
    rel_path: &Path,
) -> Result<(Article, Vec<Problem>, Stamp), Problem> {
    let mut start = Start::open(path, true)?;
    let (article, warnings) = parse_start(path, rel_path, &mut start)?;
    Ok((article, warnings, start.stamp()?))
}

/// [`read_article`] when no cache is kept: no stamp, so a file read whole at once costs no
/// `stat` (see [`Start::open`]).
pub fn read_article_unstamped(
    path: &Path,
    rel_path: &Path,
) -> Result<(Article, Vec<Problem>), Problem> {
    parse_start(path, rel_path, &mut Start::open(path, false)?)
}

/// Builds the article for `path` from its bytes. `rel_path` (below the library root) is
/// where dates in folder and file names are looked for.
pub fn parse_article(
    path: &Path,
    rel_path: &Path,
    mut bytes: &[u8],
) -> Result<(Article, Vec<Problem>), Problem> {
    parse_start(path, rel_path, &mut bytes)
}

/// [`parse_article`] on a file read from its start only as far as needed: the metadata is
/// taken from the first lines that hold the whole front matter, and the rest of the file is
/// read (and decoded) only when the title must come from a heading in the body. Decoding,
/// cleaning and the encoding's warning concern those lines alone.
pub fn parse_start(
    path: &Path,
    rel_path: &Path,
    src: &mut dyn Prefix,
) -> Result<(Article, Vec<Problem>), Problem> {
    let error = |NotText(why)| Problem::error(path, why);
    src.read_to(decode::BINARY_PROBE)?;
    decode::reject_binary(src.bytes()).map_err(error)?;
    let mut window = first_window(src.bytes());
    let metadata = loop {
        src.read_to(window)?;
        let bytes = src.bytes();
        // A window of `usize::MAX` is the whole file (`read_to` read to its end or failed).
        let whole = (src.is_whole() && bytes.len() <= window) || window == usize::MAX;
        let lines = &bytes[..bytes.len().min(window)];
        let decoded = decode::decode_lines(lines, whole);
        if decoded.warning.is_some() {
            // A UTF-8 front matter before a body in another encoding is read as UTF-8: only
            // the lines the metadata comes from are judged.
            let valid = std::str::from_utf8(lines).map_or_else(|e| e.valid_up_to(), str::len);
            let utf8 = decode::decode_lines(&lines[..valid], false);
            if let Step::Done(metadata) = from_text(path, &utf8, false) {
                break *metadata;
            }
        }
        match from_text(path, &decoded, whole) {
            Step::Done(metadata) => break *metadata,
            Step::MoreLines => window = window.saturating_mul(GROWTH),
            Step::Body => window = usize::MAX,
        }
    };
    let Metadata {
        kind,
        meta,
        mut warnings,
        title,
    } = metadata;
    let (date, mut date_source, date_warning) = date::resolve(meta.date.as_deref(), rel_path);
    if meta.date_from_address && date_source == DateSource::FrontMatter {
        date_source = DateSource::FrontMatterPath;
    }
    warnings.extend(date_warning);

    let article = Article {
        path: path.into(),
        title: title.into(),
        author: meta.author.filter(|a| !a.is_empty()).map(Into::into),
        categories: meta.categories.into(),
        flat_categories: meta.flat_categories.into(),
        tags: meta.tags.into(),
        date: date.map(|d| d.at),
        day_only: date.is_some_and(|d| d.day_only),
        date_source,
        image: meta.image.map(String::into_boxed_str),
        front_matter: kind,
        extra: Pairs::new(meta.extra),
        has_warnings: !warnings.is_empty(),
    };
    let problems = warnings
        .into_iter()
        .map(|w| Problem::warning(path, w))
        .collect();
    Ok((article, problems))
}

/// The first window: through the second line that starts like a fence (`---` or `+++`) when
/// that is within [`FIRST_WINDOW`], else all of it. A usual front matter is a few hundred bytes,
/// and every byte of the window is checked, decoded and cleaned, so the body's first lines
/// are better left out. A guess only: when the front matter does not close there, the window
/// grows as any other (the metadata of a closed front matter does not depend on the window).
fn first_window(bytes: &[u8]) -> usize {
    let head = &bytes[..bytes.len().min(FIRST_WINDOW)];
    let mut fences = 0;
    let mut line = 0;
    while let Some(end) = memchr::memchr(b'\n', &head[line..]).map(|i| line + i + 1) {
        if head[line..].starts_with(b"---") || head[line..].starts_with(b"+++") {
            fences += 1;
            if fences == 2 {
                return end;
            }
        }
        line = end;
    }
    FIRST_WINDOW
}

/// What the front matter gave, and the title.
struct Metadata {
    kind: FrontMatterKind,
    meta: front_matter::Meta,
    warnings: Vec<String>,
    title: String,
}

/// How far reading the metadata from the start of a file got.
enum Step {
    Done(Box<Metadata>),
    /// The front matter may go on past the text.
    MoreLines,
    /// The title must come from a heading, which may be anywhere in the body.
    Body,
}

/// The metadata of a file from `decoded`, its start (`whole`: the whole file).
fn from_text(path: &Path, decoded: &decode::Decoded, whole: bool) -> Step {
    let split = match front_matter::split_start(&decoded.text) {
        Some(split) => split,
        None if whole => front_matter::split(&decoded.text),
        None => return Step::MoreLines,
    };
    let mut meta = split.meta;
    let mut warnings: Vec<String> = decoded.warning.iter().cloned().collect();
    warnings.extend(split.warnings);
    let title = match meta.title.take().filter(|t| !t.is_empty()) {
        Some(t) => t,
        None if !whole => return Step::Body,
        None => {
            let (title, from) = match front_matter::heading_title(split.body) {
                Some(h) => (h, "the first heading"),
                None => (name_title::from_file_name(path), "the file name"),
            };
            if split.kind != FrontMatterKind::None {
                warnings.push(format!("no title in the front matter; taken from {from}"));
            }
            title
        }
    };
    Step::Done(Box::new(Metadata {
        kind: split.kind,
        meta,
        warnings,
        title,
    }))
}

#[cfg(test)]
mod tests;
