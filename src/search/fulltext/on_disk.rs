//! The index's folder: where it is, its schema, and opening it — or, when it is damaged or of
//! another version, deleting and recreating it.

use super::tokens::Cut;
use crate::library::cache::Stamp;
use std::path::{Path, PathBuf};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{Index, IndexReader, ReloadPolicy};

/// Written in the folder beside tantivy's files. Change it whenever tokens, fields or the
/// body text change meaning: an index of another version is rebuilt, never trusted.
const VERSION: &str = "gazette full-text index 2, tantivy 0.27\n";
const VERSION_FILE: &str = "gazette-version";

/// The index folder of the library made of `roots`: beside the metadata cache
/// (`library-HASH.bin` → `library-HASH.index/`). `None` when there is no cache folder.
pub fn dir_for(roots: &[PathBuf]) -> Option<PathBuf> {
    crate::library::cache::path_for(roots).map(|p| p.with_extension("index"))
}

/// The fields of every document: one per article file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    /// The file's path, as bytes (indexed, to delete by it; fast, to read it back).
    pub path: Field,
    /// The file's stamp when it was read: a document is used only while it still holds.
    pub size: Field,
    pub mtime: Field,
    /// Words and bigrams, with positions (see `tokens`).
    pub text: Field,
    /// Unigrams of gram characters and the long-word mark, without positions.
    pub uni: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let indexing = |option, cut: Cut| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(cut.name())
                .set_index_option(option)
                .set_fieldnorms(false),
        )
    };
    let fields = Fields {
        path: b.add_bytes_field("path", INDEXED | FAST),
        size: b.add_u64_field("size", FAST),
        mtime: b.add_i64_field("mtime", FAST),
        text: b.add_text_field(
            "text",
            indexing(IndexRecordOption::WithFreqsAndPositions, Cut::POSITIONAL),
        ),
        uni: b.add_text_field("uni", indexing(IndexRecordOption::Basic, Cut::UNIGRAMS)),
    };
    (b.build(), fields)
}

/// A stamp as the index stores it.
pub(crate) fn stored_stamp(stamp: Stamp) -> (u64, i64) {
    (stamp.size, stamp.mtime_ns)
}

/// An open index.
pub struct FullText {
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
}

impl FullText {
    /// Opens the index in `dir` as it is, for searching: an error when it is missing, of
    /// another version or cannot be read (the caller then scans). Damage inside a file whose
    /// ending is intact is found only by [`FullText::open_or_rebuild`]'s checks, which
    /// every update runs.
    pub fn open(dir: &Path) -> anyhow::Result<FullText> {
        let version = std::fs::read_to_string(dir.join(VERSION_FILE))?;
        anyhow::ensure!(version == VERSION, "index of another version");
        let index = Index::open_in_dir(dir)?;
        let (schema, fields) = schema();
        anyhow::ensure!(index.schema() == schema, "index with other fields");
        FullText::with(index, fields)
    }

    /// Opens the index in `dir` for updating, checking its files (`verified`: a footer check
    /// each time, the full checksum once per file); when anything is wrong (missing, damaged,
    /// another version), deletes the folder and starts an empty index. The flag says it was
    /// (re)created.
    pub fn open_or_rebuild(dir: &Path) -> anyhow::Result<(FullText, bool)> {
        if let Ok(ft) = FullText::open(dir)
            && super::verified::intact(&ft.index, dir)
        {
            return Ok((ft, false));
        }
        if dir.exists() {
            std::fs::remove_dir_all(dir)?;
        }
        std::fs::create_dir_all(dir)?;
        let (schema, fields) = schema();
        let index = Index::create_in_dir(dir, schema)?;
        crate::atomic_file::write_atomic(&dir.join(VERSION_FILE), VERSION.as_bytes())?;
        Ok((FullText::with(index, fields)?, true))
    }

    fn with(index: Index, fields: Fields) -> anyhow::Result<FullText> {
        // Tokenizers are not kept in the index's folder: named by the schema, given at each open.
        for cut in [Cut::POSITIONAL, Cut::UNIGRAMS] {
            index.tokenizers().register(cut.name(), cut);
        }
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(FullText {
            index,
            reader,
            fields,
        })
    }
}
