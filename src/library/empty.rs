//! What to tell someone whose folders hold no article file: the names gazette reads, and what
//! it found there instead (`no article files (.txt .md …); found 3 files: 2 .json, 1 .png`).
//! A wrong folder, or articles saved as `.json`, is the usual reason; an empty list alone
//! would not say which.

use super::scan::EXTENSIONS;
use std::collections::HashMap;
use std::path::PathBuf;

/// At most this many kinds of file are named; the rest are counted together.
const MAX_KINDS: usize = 5;

/// Counts the files under `roots` by extension (lower-cased; `""` for none), most common
/// first. Walks the folders again, so it is meant for the rare empty library only.
pub fn file_kinds(roots: &[PathBuf]) -> Vec<(String, usize)> {
    let mut kinds: HashMap<String, usize> = HashMap::new();
    for root in roots {
        for entry in walkdir::WalkDir::new(root)
            .follow_links(true)
            .into_iter()
            .flatten()
        {
            if entry.file_type().is_file() {
                let ext = entry
                    .path()
                    .extension()
                    .map(|e| e.to_string_lossy().to_lowercase())
                    .unwrap_or_default();
                *kinds.entry(ext).or_default() += 1;
            }
        }
    }
    let mut kinds: Vec<(String, usize)> = kinds.into_iter().collect();
    kinds.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    kinds
}

/// The sentence for a library without article files: `found` other files, described by
/// `kinds` when known (from [`file_kinds`]).
pub fn describe(found: usize, kinds: &[(String, usize)]) -> String {
    let names: Vec<String> = EXTENSIONS.iter().map(|e| format!(".{e}")).collect();
    let mut out = format!("no article files ({})", names.join(" "));
    if found == 0 {
        out.push_str("; found no other file");
        return out;
    }
    out.push_str(&format!("; found {}", crate::count::count(found, "file")));
    if !kinds.is_empty() {
        let mut parts: Vec<String> = kinds
            .iter()
            .take(MAX_KINDS)
            .map(|(ext, n)| match ext.as_str() {
                "" => format!("{n} without extension"),
                ext => format!("{n} .{}", crate::sanitize::clean_line(ext)),
            })
            .collect();
        let rest: usize = kinds.iter().skip(MAX_KINDS).map(|k| k.1).sum();
        if rest > 0 {
            parts.push(format!("{rest} other"));
        }
        out.push_str(": ");
        out.push_str(&parts.join(", "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_extensions_read_and_the_files_found() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.json", "b.JSON", "sub/c.png", "README"] {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let kinds = file_kinds(&[dir.path().to_path_buf()]);
        assert_eq!(
            describe(4, &kinds),
            "no article files (.txt .md .markdown .html .htm); found 4 files: \
             2 .json, 1 without extension, 1 .png"
        );
        assert_eq!(
            describe(1, &[]),
            "no article files (.txt .md .markdown .html .htm); found 1 file"
        );
        assert!(describe(0, &[]).ends_with("found no other file"));
    }
}
