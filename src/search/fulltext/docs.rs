//! Which documents of the index stand for which articles, now.
//!
//! A document counts for an article only when it is alive, has the article's path and the
//! stamp (size, mtime) the file has now: anything else (a file changed since it was indexed,
//! a removed file's leftover, a path the library no longer has) is ignored, so the index
//! never answers with data the library does not hold.

use super::on_disk::{FullText, stored_stamp};
use crate::library::cache::Stamp;
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
        for_each_doc(&searcher, |segment, doc, path, stamp| {
            if ids.len() <= segment {
                ids.resize_with(segment + 1, Vec::new);
            }
            let map = &mut ids[segment];
            if map.len() <= doc as usize {
                map.resize(doc as usize + 1, NONE);
            }
            if let Some(&(id, now)) = wanted.get(path)
                && now == stamp
            {
                map[doc as usize] = id;
                covered[id as usize] = true;
            }
        })?;
        ids.resize_with(searcher.segment_readers().len(), Vec::new);
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

/// Every alive document's path and stamp: `(segment, doc, path, (size, mtime))`. The paths
/// are read by walking each segment's path dictionary once, in order (looking each one up by
/// its ordinal costs a block decode per document: most of a search's time at 20,000).
pub(crate) fn for_each_doc(
    searcher: &Searcher,
    mut each: impl FnMut(usize, DocId, &[u8], (u64, i64)),
) -> anyhow::Result<()> {
    for (segment, reader) in searcher.segment_readers().iter().enumerate() {
        let fast = reader.fast_fields();
        let Some(paths) = fast.bytes("path")? else {
            continue;
        };
        let mut by_ord: Vec<Vec<u8>> = vec![Vec::new(); paths.num_terms()];
        let mut stream = paths.dictionary().stream()?;
        while stream.advance() {
            if let Some(slot) = by_ord.get_mut(stream.term_ord() as usize) {
                *slot = stream.key().to_vec();
            }
        }
        let sizes = fast.u64("size")?;
        let mtimes = fast.i64("mtime")?;
        let alive = reader.alive_bitset();
        for doc in 0..reader.max_doc() {
            if alive.is_some_and(|a| !a.is_alive(doc)) {
                continue;
            }
            let Some(path) = (paths.term_ords(doc).next()).and_then(|o| by_ord.get(o as usize))
            else {
                continue;
            };
            let stamp = (
                sizes.first(doc).unwrap_or(u64::MAX),
                mtimes.first(doc).unwrap_or(i64::MIN),
            );
            each(segment, doc, path, stamp);
        }
    }
    Ok(())
}
