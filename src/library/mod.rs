//! Everything that touches article files: finding them, decoding, parsing, the in-memory library.
//!
//! `scan` finds files, `read` reads one within the size limit, `decode` turns bytes into clean
//! text, `front_matter` and `date` read the metadata, `parse` builds the [`Article`].

pub mod article;
pub mod cache;
mod cached_read;
pub mod date;
mod decode;
pub mod empty;
pub mod filter;
mod fresh;
pub mod front_matter;
pub mod in_order;
pub mod intern;
pub mod loader;
mod name_title;
pub mod order;
pub mod parse;
pub mod problem;
mod read;
pub mod scan;
pub mod watch;

pub use article::Article;
pub use decode::{decode, is_binary};
pub use filter::Filter;
pub use problem::{Problem, Severity};

use anyhow::Context;
use std::path::{Path, PathBuf};

/// The sample library bundled into the binary, shown when no folder is given.
static SAMPLE: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/assets/sample");

/// The folder name the embedded sample's articles appear under.
pub const SAMPLE_ROOT: &str = "<sample>";

/// Where the article files live: on disk, or inside the binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Disk,
    Embedded,
}

/// Every article read from the given folders, newest first, and every problem met.
#[derive(Debug)]
pub struct Library {
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
    /// Article files found (by extension): each ends as an article or as an error problem.
    pub files_seen: usize,
    /// Other files passed over because of their extension.
    pub files_ignored: usize,
    pub origin: Origin,
    /// The folders (or files) the library was read from, as given: an article's source is
    /// the folder below its root (`filter::source_of`). Empty for articles built in memory.
    pub roots: Vec<PathBuf>,
}

impl Library {
    /// Reads every article under `roots` in parallel. Never fails: unreadable files, loops and
    /// missing folders become problems.
    pub fn load(roots: &[PathBuf]) -> Library {
        loader::load_blocking(roots, None).0
    }

    /// The sample library embedded in the binary.
    pub fn sample() -> Library {
        let mut files: Vec<_> = SAMPLE
            .files()
            .filter(|f| scan::is_article_name(f.path()))
            .collect();
        files.sort_by_key(|f| f.path());
        let ignored = SAMPLE.files().count() - files.len();
        let results: Vec<_> = files
            .iter()
            .map(|f| {
                parse::parse_article(
                    &Path::new(SAMPLE_ROOT).join(f.path()),
                    f.path(),
                    f.contents(),
                )
            })
            .collect();
        let seen = results.len();
        let mut library = Self::assemble(results, Vec::new(), seen, ignored, Origin::Embedded);
        library.roots = vec![PathBuf::from(SAMPLE_ROOT)];
        library
    }

    /// A library built from articles already in memory (tests, benchmarks, generated data).
    pub fn from_articles(mut articles: Vec<Article>, problems: Vec<Problem>) -> Library {
        sort_newest_first(&mut articles);
        let files_seen = articles.len()
            + problems
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .count();
        Library {
            articles,
            problems,
            files_seen,
            files_ignored: 0,
            origin: Origin::Disk,
            roots: Vec::new(),
        }
    }

    fn assemble(
        results: Vec<Result<(Article, Vec<Problem>), Problem>>,
        mut problems: Vec<Problem>,
        files_seen: usize,
        files_ignored: usize,
        origin: Origin,
    ) -> Library {
        let mut articles = Vec::with_capacity(results.len());
        for result in results {
            match result {
                Ok((article, warnings)) => {
                    articles.push(article);
                    problems.extend(warnings);
                }
                Err(problem) => problems.push(problem),
            }
        }
        sort_newest_first(&mut articles);
        Library {
            articles,
            problems,
            files_seen,
            files_ignored,
            origin,
            roots: Vec::new(),
        }
    }

    /// Articles that could not be read at all (error problems).
    pub fn unreadable(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }

    /// The article's body text (HTML or Markdown), decoded and cleaned, read again from its file.
    pub fn read_body(&self, article: &Article) -> anyhow::Result<String> {
        read_body(self.origin, &article.path)
    }
}

/// The body text (HTML or Markdown) of the article file at `path`, decoded and cleaned. A free
/// function so background work (full-text search) can read bodies without the library.
pub fn read_body(origin: Origin, path: &Path) -> anyhow::Result<String> {
    let bytes = match origin {
        Origin::Disk => read::read_limited(path).map_err(|p| anyhow::anyhow!(p.reason))?,
        Origin::Embedded => {
            let rel = path.strip_prefix(SAMPLE_ROOT).unwrap_or(path);
            SAMPLE
                .get_file(rel)
                .context("not in the embedded sample")?
                .contents()
                .to_vec()
        }
    };
    let text = decode::decode(&bytes)
        .map_err(|e| anyhow::anyhow!(e.0))?
        .text;
    Ok(front_matter::body_of(&text).to_string())
}

/// Newest first (day-only dates as [`Article::sorts_at`] says); undated articles last, by title.
///
/// On every core (a stable sort, so the same order as a sequential one): at 100,000 articles
/// it was a part of `list`'s time spent on one thread alone, after the files were read.
///
/// A warm start's articles come from the cache already in this order (its records are
/// written in it): one pass finds that out, where the sort moved every article at 100,000.
pub fn sort_newest_first(articles: &mut [Article]) {
    use rayon::slice::ParallelSliceMut;
    if articles.is_sorted_by(|a, b| sort_key(a, b).is_le()) {
        return;
    }
    articles.par_sort_by(sort_key);
}

/// The order of [`sort_newest_first`], for sorting anything that points at articles.
pub fn sort_key(a: &Article, b: &Article) -> std::cmp::Ordering {
    b.sorts_at()
        .cmp(&a.sorts_at())
        .then_with(|| a.title.cmp(&b.title))
        .then_with(|| a.path.cmp(&b.path))
}
