//! The list's order as the catalog keeps it: which [`SortOrder`] is in force, and each
//! article's source folder, worked out once when the article arrives (from its path and the
//! library roots) so that sorting 100,000 articles by source compares stored strings instead
//! of taking paths apart on every comparison.

use crate::library::Article;
use crate::library::filter::source_of;
use crate::library::order::SortOrder;
use std::cmp::Ordering;
use std::path::{Path, PathBuf};

pub struct Sorting {
    by: SortOrder,
    /// The source folder of each article, id for id.
    source_of: Vec<Box<str>>,
}

impl Sorting {
    pub fn new(by: SortOrder, articles: &[Article], roots: &[PathBuf]) -> Sorting {
        let source_of = articles.iter().map(|a| source(&a.path, roots)).collect();
        Sorting { by, source_of }
    }

    pub fn by(&self) -> SortOrder {
        self.by
    }

    /// Another order; true when it differs (the caller sorts again).
    pub fn set_by(&mut self, by: SortOrder) -> bool {
        std::mem::replace(&mut self.by, by) != by
    }

    /// Article `id` arrived, or was read again, from `path`.
    pub fn set(&mut self, id: usize, path: &Path, roots: &[PathBuf]) {
        let source = source(path, roots);
        match self.source_of.get_mut(id) {
            Some(slot) => *slot = source,
            None => self.source_of.push(source),
        }
    }

    /// The order of articles `a` and `b` (ids into `articles`).
    pub fn compare(&self, articles: &[Article], a: usize, b: usize) -> Ordering {
        let (sa, sb) = (&self.source_of[a], &self.source_of[b]);
        self.by.compare(&articles[a], &articles[b], sa, sb)
    }
}

/// The source folder, "" for a file under none of the roots.
fn source(path: &Path, roots: &[PathBuf]) -> Box<str> {
    source_of(path, roots).unwrap_or_default().into()
}
