//! Whether the index's files are intact, without reading all of them at every update.
//!
//! Tantivy's `Index::validate_checksum` reads every byte of every segment: at a million
//! articles that is 2 GB read (and mapped into the reader) at each start of the reader and
//! after each change the watcher reports. Segment files are never rewritten in place (new
//! data goes to new files with new names), so a file needs its full checksum only once:
//! - every active segment file gets a *footer check* at each update: its last bytes are read
//!   and must be a tantivy footer (a file cut short, emptied or overwritten fails it);
//! - a file not yet in the list of verified files ([`LIST`]: name and size) gets the full
//!   checksum as well, and once the whole index passes, the list is written anew.
//! - the files an update writes are listed when its writer has finished ([`written`]): they
//!   were made here, and reading them in full at the next start mapped 2 GB into the reader.
//!
//! What this gives up: damage inside an already verified file that keeps its size and its
//! footer (a flipped bit in the middle) is no longer found by the update. The search would
//! then answer from a damaged posting list at worst; the scan remains the reference, and
//! `gazette index` after removing the folder rebuilds.

use std::collections::HashSet;
use std::path::Path;
use tantivy::Index;
use tantivy::directory::Directory;

/// The list of files whose full checksum passed: one `name size` line each.
const LIST: &str = "gazette-verified";

/// True when every file of the index's active segments is present and intact (see the
/// module docs); records the files verified in full.
pub(crate) fn intact(index: &Index, dir: &Path) -> bool {
    let Ok(files) = active_files(index) else {
        return false;
    };
    let listed = std::fs::read_to_string(dir.join(LIST)).unwrap_or_default();
    let verified: HashSet<&str> = listed.lines().collect();
    let directory = index.directory();
    let mut lines = Vec::with_capacity(files.len());
    for name in files {
        let path = Path::new(&name);
        let Ok(size) = std::fs::metadata(dir.join(path)).map(|m| m.len()) else {
            return false;
        };
        // Opening through tantivy's managed directory reads and checks the footer.
        if directory.open_read(path).is_err() {
            return false;
        }
        let line = format!("{name} {size}");
        if !verified.contains(line.as_str()) && !directory.validate_checksum(path).unwrap_or(false)
        {
            return false;
        }
        lines.push(line);
    }
    record(dir, lines, &listed);
    true
}

/// Records every file of the index's active segments as verified, without reading them: to
/// be called when an update's writer has finished (its commits and merges done). The files
/// it found were verified when it opened the index ([`intact`]); every other one it wrote
/// itself. Without this, the next start read each new file in full, mapping it into the
/// reader: 2 GB of resident memory at a million articles, right after a build.
pub(crate) fn written(index: &Index, dir: &Path) {
    let Ok(files) = active_files(index) else {
        return;
    };
    let listed = std::fs::read_to_string(dir.join(LIST)).unwrap_or_default();
    let lines = (files.into_iter())
        .filter_map(|name| {
            let size = std::fs::metadata(dir.join(&name)).ok()?.len();
            Some(format!("{name} {size}"))
        })
        .collect();
    record(dir, lines, &listed);
}

/// Writes the list of verified files as `lines` (`name size`), unless it is `listed` already.
fn record(dir: &Path, mut lines: Vec<String>, listed: &str) {
    lines.sort();
    let list: String = lines.iter().map(|l| format!("{l}\n")).collect();
    if list != listed {
        // Only a record of work done: failing to write it costs a full check next time.
        let _ = crate::atomic_file::write_atomic(&dir.join(LIST), list.as_bytes());
    }
}

/// The names of the files of the index's active segments that tantivy manages (the same
/// set its own `validate_checksum` reads): each begins with its segment's id.
fn active_files(index: &Index) -> tantivy::Result<Vec<String>> {
    let ids: HashSet<String> = (index.searchable_segment_metas()?.iter())
        .map(|m| m.id().uuid_string())
        .collect();
    let mut names: Vec<String> = (index.directory().list_managed_files().into_iter())
        .filter_map(|p| p.to_str().map(str::to_owned))
        .filter(|name| name.split_once('.').is_some_and(|(id, _)| ids.contains(id)))
        .collect();
    names.sort();
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fulltext::on_disk::FullText;

    fn indexed(dir: &Path) -> FullText {
        let (ft, _) = FullText::open_or_rebuild(dir).unwrap();
        let mut writer = ft.index.writer_with_num_threads(1, 15 << 20).unwrap();
        let mut doc = tantivy::TantivyDocument::new();
        doc.add_text(ft.fields.text, "长江 harbor");
        writer.add_document(doc).unwrap();
        writer.commit().unwrap();
        ft
    }

    fn segment_files(dir: &Path) -> Vec<std::path::PathBuf> {
        let mut out: Vec<_> = (std::fs::read_dir(dir).unwrap())
            .map(|e| e.unwrap().path())
            .filter(|p| {
                let name = p.file_name().unwrap().to_string_lossy();
                name.contains('.') && !name.ends_with(".json") && !name.ends_with(".lock")
            })
            .collect();
        out.sort();
        out
    }

    /// Asserts that every segment file of the index in `dir` is in the list of verified
    /// files with its size; gives the files.
    fn assert_all_listed(dir: &Path) -> Vec<std::path::PathBuf> {
        let listed = std::fs::read_to_string(dir.join(LIST)).unwrap();
        let files = segment_files(dir);
        assert!(!files.is_empty());
        for f in &files {
            let name = f.file_name().unwrap().to_str().unwrap();
            let size = std::fs::metadata(f).unwrap().len();
            assert!(
                listed.contains(&format!("{name} {size}\n")),
                "{name} {size} in {listed:?}"
            );
        }
        files
    }

    #[test]
    fn a_file_is_checked_in_full_once_then_by_its_footer() {
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("x.index");
        let ft = indexed(&dir);
        assert!(intact(&ft.index, &dir));
        let files = assert_all_listed(&dir);
        // A flipped byte in the middle of a verified file keeps its size and footer: not
        // read again. In a file not yet verified, it is found.
        let flip = |path: &Path| {
            let mut bytes = std::fs::read(path).unwrap();
            bytes[0] ^= 0xff;
            std::fs::write(path, bytes).unwrap();
        };
        let biggest = (files.iter())
            .max_by_key(|f| std::fs::metadata(f).unwrap().len())
            .unwrap();
        flip(biggest);
        assert!(
            intact(&ft.index, &dir),
            "verified once, trusted by its footer"
        );
        std::fs::remove_file(dir.join(LIST)).unwrap();
        assert!(
            !intact(&ft.index, &dir),
            "not verified: its checksum is read"
        );
    }

    #[test]
    fn an_update_records_the_files_it_wrote_without_reading_them() {
        let home = tempfile::tempdir().unwrap();
        let root = home.path().join("lib");
        std::fs::create_dir_all(&root).unwrap();
        for (i, body) in ["江南的雨", "harbor lights"].iter().enumerate() {
            let text = format!("---\ntitle: 第{i}篇\n---\n<p>{body}</p>");
            std::fs::write(root.join(format!("{i}.html")), text).unwrap();
        }
        let dir = home.path().join("x.index");
        let files = crate::search::fulltext::files_of(&[root]);
        let never = std::sync::atomic::AtomicBool::new(false);
        crate::search::fulltext::update(&dir, &files, &mut |_, _| {}, &never).unwrap();
        assert_all_listed(&dir);
    }

    #[test]
    fn a_file_cut_short_or_overwritten_fails_its_footer() {
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("x.index");
        let ft = indexed(&dir);
        assert!(intact(&ft.index, &dir));
        let files = segment_files(&dir);
        let bytes = std::fs::read(&files[0]).unwrap();
        std::fs::write(&files[0], vec![0x5a; bytes.len()]).unwrap();
        assert!(!intact(&ft.index, &dir), "overwritten, same size");
        std::fs::write(&files[0], &bytes[..bytes.len() - 1]).unwrap();
        assert!(!intact(&ft.index, &dir), "cut short");
        std::fs::remove_file(&files[0]).unwrap();
        assert!(!intact(&ft.index, &dir), "missing");
    }
}
