//! Which documents of the index stand for which articles, now.
//!
//! A document counts for an article only when it is alive, has the article's path and the
//! stamp (size, mtime) the file has now: anything else (a file changed since it was indexed,
//! a removed file's leftover, a path the library no longer has) is ignored, so the index
//! never answers with data the library does not hold.
//!
//! The command line makes one [`DocMap`] per search from stamps it takes itself. The reader
//! keeps a [`Current`] per index commit instead: which documents were made from the files as
//! the indexer found them (the watcher reports every later change, see `background`), and the
//! article ids met so far — so a search neither stats files nor hashes a million paths.

use super::on_disk::{FullText, stored_stamp};
use crate::library::cache::Stamp;
use crate::library::scan::Files;
use crate::search::scan::Candidate;
use rayon::slice::ParallelSliceMut;
use std::collections::HashMap;
use tantivy::{DocId, Searcher};

/// No article: the document is ignored.
const NONE: u32 = u32::MAX;

/// Documents → article ids, for one searcher (one state of the index).
pub(crate) struct DocMap {
    pub searcher: Searcher,
    /// Per segment, per document: the article id, or [`NONE`].
    ids: Vec<Vec<u32>>,
    /// Per article id: whether a document stands for it.
    covered: Vec<bool>,
}

impl DocMap {
    /// `articles`: `(id, path, stamp now)`; articles without a stamp (unreadable metadata)
    /// are never covered.
    pub fn new<'a>(
        ft: &FullText,
        articles: impl IntoIterator<Item = (usize, &'a std::path::Path, Option<Stamp>)>,
    ) -> anyhow::Result<DocMap> {
        let mut wanted: HashMap<&[u8], (u32, (u64, i64))> = HashMap::new();
        let mut len = 0;
        for (id, path, stamp) in articles {
            len = len.max(id + 1);
            if let Some(stamp) = stamp {
                let id = u32::try_from(id)?;
                wanted.insert(
                    path.as_os_str().as_encoded_bytes(),
                    (id, stored_stamp(stamp)),
                );
            }
        }
        let searcher = ft.reader.searcher();
        let mut covered = vec![false; len];
        let mut ids = Vec::with_capacity(searcher.segment_readers().len());
        ids.resize_with(searcher.segment_readers().len(), Vec::new);
        for_each_doc(&searcher, |segment, doc, path, stamp| {
            if let Some(&(id, now)) = wanted.get(path)
                && now == stamp
            {
                *slot(&mut ids[segment], doc, NONE) = id;
                covered[id as usize] = true;
            }
        })?;
        Ok(DocMap {
            searcher,
            ids,
            covered,
        })
    }

    /// Whether the index answers for article `id`.
    pub fn covers(&self, id: usize) -> bool {
        self.covered.get(id).copied().unwrap_or(false)
    }

    /// How many article ids the map was made for.
    pub fn len(&self) -> usize {
        self.covered.len()
    }

    /// The article document `doc` of segment `segment` stands for.
    #[inline]
    pub fn id(&self, segment: usize, doc: DocId) -> Option<usize> {
        let id = *self.ids[segment].get(doc as usize)?;
        (id != NONE).then_some(id as usize)
    }
}

/// One state of the index (a commit) for the reader: the documents made from the files as
/// they were when the indexer walked them, and the [`DocMap`] of the article ids met so far.
///
/// Ids are looked up the first time a search meets them and kept: in the reader an id names
/// one file for as long as it lives (an article read again from its file keeps its id; a new
/// path gets a new id), so what was found for an id stays true until the next commit.
pub(crate) struct Current {
    pub ft: FullText,
    pub map: DocMap,
    /// Per segment: `(path ordinal, document)` of each document made from the file with the
    /// stamp the walk found, by ordinal. A search looks its candidates' paths up in the
    /// segment's path dictionary and finds their documents here: no walk of every document.
    fresh: Vec<Vec<(u32, DocId)>>,
    /// Per article id: whether it was looked up.
    resolved: Vec<bool>,
}

impl Current {
    /// `ft` freshly opened after an update that walked `files` (`update::files_of`).
    pub fn new(ft: FullText, files: &Files) -> anyhow::Result<Current> {
        let searcher = ft.reader.searcher();
        let mut fresh = vec![Vec::new(); searcher.segment_readers().len()];
        for_each_doc_ord(&searcher, |segment, doc, ord, path, stamp| {
            if super::update::walked_stamp(files, path) == Some(stamp) {
                fresh[segment].push((ord, doc)); // met by ordinal: stays sorted
            }
        })?;
        let ids = vec![Vec::new(); fresh.len()];
        let map = DocMap {
            searcher,
            ids,
            covered: Vec::new(),
        };
        Ok(Current {
            ft,
            map,
            fresh,
            resolved: Vec::new(),
        })
    }

    /// Looks every one of `candidates` not met since this commit up in [`Current::map`]: each
    /// one's path in each segment's path dictionary (few candidates), or one pass over the
    /// dictionary beside the sorted candidates (many). The first search after a commit at a
    /// million articles walked every document and hashed its path: 1.4 s.
    pub fn meet(&mut self, candidates: &[Candidate]) -> anyhow::Result<()> {
        let mut wanted: Vec<(&[u8], u32)> = (candidates.iter())
            .filter(|c| !self.resolved.get(c.id).copied().unwrap_or(false))
            .map(|c| Ok((c.path.as_os_str().as_encoded_bytes(), u32::try_from(c.id)?)))
            .collect::<anyhow::Result<_>>()?;
        if wanted.is_empty() {
            return Ok(());
        }
        wanted.par_sort_unstable();
        let len = candidates.iter().map(|c| c.id + 1).max().unwrap_or(0);
        if self.resolved.len() < len {
            self.resolved.resize(len, false);
            self.map.covered.resize(len, false);
        }
        let DocMap {
            searcher,
            ids,
            covered,
        } = &mut self.map;
        for (segment, reader) in searcher.segment_readers().iter().enumerate() {
            let Some(paths) = reader.fast_fields().bytes("path")? else {
                continue;
            };
            let fresh = &self.fresh[segment];
            let mut found = |ord: u64, id: u32| {
                let start = fresh.partition_point(|&(o, _)| u64::from(o) < ord);
                let same = |&&(o, _): &&(u32, DocId)| u64::from(o) == ord;
                for &(_, doc) in fresh[start..].iter().take_while(same) {
                    *slot(&mut ids[segment], doc, NONE) = id;
                    covered[id as usize] = true;
                }
            };
            let dictionary = paths.dictionary();
            // A lookup decodes a block of the dictionary; a pass decodes them all once.
            if wanted.len() * LOOKUPS_PER_PASS < paths.num_terms() {
                for &(path, id) in &wanted {
                    if let Some(ord) = dictionary.term_ord(path)? {
                        found(ord, id);
                    }
                }
                continue;
            }
            // `wanted[..below]` sort before the dictionary's current path. A segment holds a
            // part of the paths: the candidates between two of its paths are leapt over.
            let mut below = 0;
            let mut stream = dictionary.stream()?;
            while below < wanted.len() && stream.advance() {
                let key = stream.key();
                below +=
                    crate::gallop::leading(wanted.len() - below, |i| wanted[below + i].0 < key);
                for &(_, id) in wanted[below..].iter().take_while(|&&(path, _)| path == key) {
                    found(stream.term_ord(), id);
                }
            }
        }
        for &(_, id) in &wanted {
            self.resolved[id as usize] = true;
        }
        Ok(())
    }
}

/// Below one candidate per this many paths of a segment, [`Current::meet`] looks each one up
/// instead of passing over the segment's whole path dictionary.
const LOOKUPS_PER_PASS: usize = 64;

/// `doc`'s slot in a per-document vector, grown with `empty` as needed.
fn slot<T: Clone>(v: &mut Vec<T>, doc: DocId, empty: T) -> &mut T {
    if v.len() <= doc as usize {
        v.resize(doc as usize + 1, empty);
    }
    &mut v[doc as usize]
}

/// Every alive document's path and stamp: `(segment, doc, path, (size, mtime))`, each
/// segment's documents in the order of their paths. The paths are read by walking each
/// segment's path dictionary once, in order (looking each one up by its ordinal costs a block
/// decode per document: most of a search's time at 20,000), and the documents are sorted by
/// their path's ordinal to meet it there: no path is copied. A copy of every path (a `Vec`
/// per document) was 100 MB of the reader's peak at a million articles, made twice after
/// each index update.
pub(crate) fn for_each_doc(
    searcher: &Searcher,
    mut each: impl FnMut(usize, DocId, &[u8], (u64, i64)),
) -> anyhow::Result<()> {
    for_each_doc_ord(searcher, |segment, doc, _, path, stamp| {
        each(segment, doc, path, stamp)
    })
}

/// [`for_each_doc`] with each document's path ordinal in its segment (ascending). Ordinals
/// are held as `u32`: a segment has fewer distinct paths than documents, which are `u32`
/// (half the memory of `u64`s at a million documents).
fn for_each_doc_ord(
    searcher: &Searcher,
    mut each: impl FnMut(usize, DocId, u32, &[u8], (u64, i64)),
) -> anyhow::Result<()> {
    for (segment, reader) in searcher.segment_readers().iter().enumerate() {
        let fast = reader.fast_fields();
        let Some(paths) = fast.bytes("path")? else {
            continue;
        };
        let sizes = fast.u64("size")?;
        let mtimes = fast.i64("mtime")?;
        let alive = reader.alive_bitset();
        let mut by_ord: Vec<(u32, DocId)> = (0..reader.max_doc())
            .filter(|&doc| alive.is_none_or(|a| a.is_alive(doc)))
            .filter_map(|doc| Some((u32::try_from(paths.term_ords(doc).next()?).ok()?, doc)))
            .collect();
        by_ord.sort_unstable();
        let mut docs = by_ord.iter().peekable();
        let mut stream = paths.dictionary().stream()?;
        while docs.peek().is_some() && stream.advance() {
            let ord = stream.term_ord();
            while let Some(&&(o, doc)) = docs.peek()
                && u64::from(o) <= ord
            {
                docs.next();
                if u64::from(o) < ord {
                    continue; // an ordinal the dictionary does not have
                }
                let stamp = (
                    sizes.first(doc).unwrap_or(u64::MAX),
                    mtimes.first(doc).unwrap_or(i64::MIN),
                );
                each(segment, doc, o, stream.key(), stamp);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fulltext::{files_of, update};
    use std::sync::atomic::AtomicBool;

    /// Three articles indexed; the library's ids for them are 0, 1, 2 in path order.
    fn indexed() -> (tempfile::TempDir, FullText, Files) {
        indexed_bodies(&["春天的雨", "summer rain", "秋天 autumn"])
    }

    /// An article per body indexed (in `index` under the folder); the library's ids for
    /// them are their places in `bodies`, which is their path order.
    fn indexed_bodies(bodies: &[impl std::fmt::Display]) -> (tempfile::TempDir, FullText, Files) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("lib");
        std::fs::create_dir_all(&root).unwrap();
        for (i, body) in bodies.iter().enumerate() {
            let text = format!("---\ntitle: Day {i}\n---\n<p>{body}</p>");
            std::fs::write(root.join(format!("{i:03}.html")), text).unwrap();
        }
        let files = files_of(&[root]);
        let index = dir.path().join("index");
        update(&index, &files, &mut |_, _| {}, &AtomicBool::new(false)).unwrap();
        let ft = FullText::open(&index).unwrap();
        (dir, ft, files)
    }

    fn candidates(files: &Files, ids: &[usize]) -> Vec<Candidate> {
        (ids.iter())
            .map(|&id| Candidate::from((id, files.path(id))))
            .collect()
    }

    #[test]
    fn every_alive_document_is_met_once_with_its_own_path_and_stamp() {
        let (dir, _ft, mut files) = indexed();
        // One file removed and one rewritten: their old documents are deleted, not met.
        std::fs::remove_file(files.path(1)).unwrap();
        std::fs::write(
            files.path(2),
            "---\ntitle: 秋\n---\n<p>longer autumn text</p>",
        )
        .unwrap();
        files = files_of(&[dir.path().join("lib")]);
        let index = dir.path().join("index");
        update(&index, &files, &mut |_, _| {}, &AtomicBool::new(false)).unwrap();
        let ft = FullText::open(&index).unwrap();
        let mut met = Vec::new();
        for_each_doc(&ft.reader.searcher(), |_, _, path, stamp| {
            met.push((path.to_vec(), stamp));
        })
        .unwrap();
        met.sort();
        let mut want: Vec<_> = (files.iter())
            .map(|f| {
                (
                    f.path.as_os_str().as_encoded_bytes().to_vec(),
                    stored_stamp(f.stamp.unwrap()),
                )
            })
            .collect();
        want.sort();
        assert_eq!(met.len(), 2);
        assert_eq!(met, want);
    }

    /// Few candidates are looked up one by one in the path dictionary, many met in one pass
    /// over it (`LOOKUPS_PER_PASS`): both ways find the same documents.
    #[test]
    fn few_candidates_and_many_are_met_alike() {
        let n = LOOKUPS_PER_PASS + 6;
        let bodies: Vec<String> = (0..n).map(|i| format!("河流 {i}")).collect();
        let (dir, _ft, mut files) = indexed_bodies(&bodies);
        let index = dir.path().join("index");
        // The walk found file 7 changed since it was indexed: its document answers for nothing.
        files.stamp_mut(7).unwrap().mtime_ns += 1;
        let covered = |ids: &[usize]| {
            let ft = FullText::open(&index).unwrap();
            let mut current = Current::new(ft, &files).unwrap();
            current.meet(&candidates(&files, ids)).unwrap();
            (0..n)
                .filter(|&id| current.map.covers(id))
                .collect::<Vec<_>>()
        };
        assert_eq!(covered(&[5]), [5], "looked up");
        assert_eq!(covered(&[7]), [0usize; 0], "looked up, changed");
        let all: Vec<usize> = (0..n).collect();
        let want: Vec<usize> = all.iter().copied().filter(|&id| id != 7).collect();
        assert_eq!(covered(&all), want, "one pass");
    }

    #[test]
    fn articles_first_met_in_a_later_search_are_looked_up_then() {
        let (_dir, ft, files) = indexed();
        let mut current = Current::new(ft, &files).unwrap();
        current.meet(&candidates(&files, &[1])).unwrap();
        assert_eq!(
            (0..3).map(|id| current.map.covers(id)).collect::<Vec<_>>(),
            [false, true, false]
        );
        current.meet(&candidates(&files, &[2, 0, 1])).unwrap();
        assert!((0..3).all(|id| current.map.covers(id)));
    }

    #[test]
    fn a_document_whose_file_the_walk_found_changed_answers_for_nothing() {
        let (_dir, ft, mut files) = indexed();
        let stamp = files.stamp_mut(2).unwrap();
        stamp.mtime_ns += 1;
        let mut current = Current::new(ft, &files).unwrap();
        current.meet(&candidates(&files, &[0, 1, 2])).unwrap();
        assert_eq!(
            (0..3).map(|id| current.map.covers(id)).collect::<Vec<_>>(),
            [true, true, false]
        );
    }
}
