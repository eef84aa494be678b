//! Which documents of the index stand for which articles, now.
//!
//! A document counts for an article only when it has the article's path and the stamp
//! (size, mtime) the file has now: anything else (a file changed since it was indexed, a
//! removed file's leftover, a path the library no longer has) is ignored, so the index never
//! answers with data the library does not hold. That is the whole of deletion: an update
//! never rewrites a segment, it writes the changed files into a new one (`update`).
//!
//! The command line makes one [`DocMap`] per search from stamps it takes itself. The reader
//! keeps a [`Current`] per state of the index instead: which documents were made from the
//! files as the indexer found them (the watcher reports every later change, see
//! `background`), and the article ids met so far — so a search neither stats files nor
//! looks a million paths up.

use super::grams::segment::{Damaged, Segment};
use super::on_disk::{FullText, stored_stamp};
use crate::library::cache::Stamp;
use crate::library::scan::Files;
use crate::search::scan::Candidate;
use rayon::slice::ParallelSliceMut;

/// No article: the document is ignored.
const NONE: u32 = u32::MAX;

/// Documents → article ids, for one state of the index.
#[derive(Default)]
pub(crate) struct DocMap {
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
        let mut wanted: Vec<(&[u8], u32, (u64, i64))> = Vec::new();
        let mut len = 0;
        for (id, path, stamp) in articles {
            len = len.max(id + 1);
            if let Some(stamp) = stamp {
                let path = path.as_os_str().as_encoded_bytes();
                wanted.push((path, u32::try_from(id)?, stored_stamp(stamp)));
            }
        }
        wanted.par_sort_unstable();
        let mut map = DocMap {
            ids: vec![Vec::new(); ft.segments.len()],
            covered: vec![false; len],
        };
        let keys: Vec<(&[u8], u32)> = wanted.iter().map(|&(p, id, _)| (p, id)).collect();
        met(ft, &keys, &mut |segment, doc, stamp, i| {
            if wanted[i].2 == stamp {
                map.set(segment, doc, wanted[i].1);
            }
        });
        Ok(map)
    }

    fn set(&mut self, segment: usize, doc: u32, id: u32) {
        let ids = &mut self.ids[segment];
        if ids.len() <= doc as usize {
            ids.resize(doc as usize + 1, NONE);
        }
        ids[doc as usize] = id;
        if self.covered.len() <= id as usize {
            self.covered.resize(id as usize + 1, false);
        }
        self.covered[id as usize] = true;
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
    pub fn id(&self, segment: usize, doc: u32) -> Option<usize> {
        let id = *self.ids.get(segment)?.get(doc as usize)?;
        (id != NONE).then_some(id as usize)
    }
}

/// Finds the documents of the paths `wanted` (sorted) in every segment: `found(segment,
/// document, its stamp, index in wanted)`. Few paths are looked up one by one (a binary
/// search over the segment's paths); many are met in one pass over them.
fn met(
    ft: &FullText,
    wanted: &[(&[u8], u32)],
    found: &mut dyn FnMut(usize, u32, (u64, i64), usize),
) {
    for (s, segment) in ft.segments.iter().enumerate() {
        if wanted.len() * LOOKUPS_PER_PASS < segment.len as usize {
            for (i, &(path, _)) in wanted.iter().enumerate() {
                if let Some(doc) = segment.find(path)
                    && !segment.is_dead(doc)
                    && let Some((_, stamp)) = segment.doc(doc)
                {
                    found(s, doc, stamp, i);
                }
            }
            continue;
        }
        let mut i = 0;
        // A damaged list of documents: those met so far are all the index answers for.
        let _ = segment.each_doc(&mut |doc, path, stamp| {
            i += crate::gallop::leading(wanted.len() - i, |j| wanted[i + j].0 < path);
            let mut j = i;
            while j < wanted.len() && wanted[j].0 == path {
                found(s, doc, stamp, j);
                j += 1;
            }
        });
    }
}

/// One state of the index for the reader: the documents made from the files as they were
/// when the indexer walked them, and the [`DocMap`] of the article ids met so far.
///
/// Ids are looked up the first time a search meets them and kept: in the reader an id names
/// one file for as long as it lives (an article read again from its file keeps its id; a new
/// path gets a new id), so what was found for an id stays true until the next update.
pub(crate) struct Current {
    pub ft: FullText,
    pub map: DocMap,
    /// Per segment, per document: made from the file with the stamp the walk found.
    fresh: Vec<Vec<bool>>,
    /// Per article id: whether it was looked up.
    resolved: Vec<bool>,
}

impl Current {
    /// `ft` freshly opened after an update that walked `files` (`update::files_of`).
    pub fn new(ft: FullText, files: &Files) -> anyhow::Result<Current> {
        let fresh = (ft.segments.iter())
            .map(|segment| {
                let mut fresh = vec![false; segment.len as usize];
                each_with_file(segment, files, |doc, _, stamp, file| {
                    fresh[doc as usize] =
                        file.and_then(|i| files.stamp(i)).map(stored_stamp) == Some(stamp);
                })?;
                Ok(fresh)
            })
            .collect::<Result<_, Damaged>>()?;
        let map = DocMap {
            ids: vec![Vec::new(); ft.segments.len()],
            covered: Vec::new(),
        };
        Ok(Current {
            ft,
            map,
            fresh,
            resolved: Vec::new(),
        })
    }

    /// Looks every one of `candidates` not met since this state up in [`Current::map`].
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
        let (fresh, map) = (&self.fresh, &mut self.map);
        met(&self.ft, &wanted, &mut |segment, doc, _, i| {
            if fresh[segment].get(doc as usize) == Some(&true) {
                map.set(segment, doc, wanted[i].1);
            }
        });
        for &(_, id) in &wanted {
            self.resolved[id as usize] = true;
        }
        Ok(())
    }
}

/// Each alive document of `segment` with the position of its path among `files`, if there:
/// `each(document, path, stamp, file)`. Both are sorted by path, so they are met in one pass,
/// galloping over the files between two documents (a segment written by a later update
/// holds a few files here and there): a binary search per document compared about twenty
/// paths each, at every start of the reader.
pub(crate) fn each_with_file(
    segment: &Segment,
    files: &Files,
    mut each: impl FnMut(u32, &[u8], (u64, i64), Option<usize>),
) -> Result<(), Damaged> {
    let mut i = 0;
    segment.each_doc(&mut |doc, path, stamp| {
        i += crate::gallop::leading(files.len() - i, |j| files.cmp_path(i + j, path).is_lt());
        let found = (i < files.len() && files.cmp_path(i, path).is_eq()).then_some(i);
        each(doc, path, stamp, found);
    })
}

/// Below one candidate per this many paths of a segment, paths are looked up one by one
/// instead of met in one pass over the segment's paths.
const LOOKUPS_PER_PASS: usize = 64;

/// Every alive document's path and stamp: `(segment, doc, path, (size, mtime))`, each
/// segment's documents in path order.
#[cfg(test)]
pub(crate) fn for_each_doc(ft: &FullText, mut each: impl FnMut(usize, u32, &[u8], (u64, i64))) {
    for (s, segment) in ft.segments.iter().enumerate() {
        segment
            .each_doc(&mut |doc, path, stamp| each(s, doc, path, stamp))
            .expect("whole");
    }
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
        for_each_doc(&ft, |_, _, path, stamp| {
            met.push((path.to_vec(), stamp));
        });
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
