//! The command line's search (`list --search`, `stats --search`): the index where it answers,
//! the scan for the rest — the same ids as the scan alone.

use super::docs::DocMap;
use super::lookup::{Narrowed, narrow};
use super::on_disk::{FullText, dir_for};
use crate::library::cache::Stamp;
use crate::library::{Library, Origin};
use crate::search::query::Query;
use crate::search::scan::{Candidate, scan_blocking};
use rayon::prelude::*;
use std::path::Path;

/// The ids of the candidates matching `query`, in candidate order, using the library's index
/// when it has one (see [`search_in`]).
pub fn search_blocking(library: &Library, candidates: Vec<Candidate>, query: &Query) -> Vec<usize> {
    let dir = (library.origin == Origin::Disk)
        .then(|| dir_for(&library.roots))
        .flatten();
    search_in(dir.as_deref(), library.origin, candidates, query)
}

/// The ids of the candidates matching `query`, in candidate order: from the index in `dir`
/// for the articles whose files have not changed since they were indexed (each candidate's
/// file is stat'ed), by the scan for all others — and for all when the index is missing or
/// cannot be opened.
pub fn search_in(
    dir: Option<&Path>,
    origin: Origin,
    candidates: Vec<Candidate>,
    query: &Query,
) -> Vec<usize> {
    let ft = (origin == Origin::Disk && query.all_terms() != 0)
        .then_some(dir)
        .flatten()
        .and_then(|dir| FullText::open(dir).ok());
    let Some(ft) = ft else {
        return scan_blocking(origin, candidates, query);
    };
    let order: Vec<usize> = candidates.iter().map(|c| c.id).collect();
    let narrowed = narrowed(&ft, candidates, query);
    let len = order.iter().max().map_or(0, |&m| m + 1);
    let mut matched = vec![false; len];
    for id in narrowed.matched {
        matched[id] = true;
    }
    for id in scan_blocking(origin, narrowed.read, query) {
        matched[id] = true;
    }
    order.into_iter().filter(|&id| matched[id]).collect()
}

/// What the index settles among `candidates` (files on disk), and what must still be read.
pub fn narrowed(ft: &FullText, candidates: Vec<Candidate>, query: &Query) -> Narrowed {
    let stamps: Vec<Option<Stamp>> = (candidates.par_iter())
        .map(|c| std::fs::metadata(&c.path).ok().map(|m| Stamp::of(&m)))
        .collect();
    let articles = (candidates.iter().zip(stamps)).map(|(c, s)| (c.id, c.path.as_path(), s));
    match DocMap::new(ft, articles) {
        Ok(map) => narrow(ft, &map, query, candidates),
        Err(_) => Narrowed {
            matched: Vec::new(),
            read: candidates,
        },
    }
}
