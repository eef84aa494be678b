//! The list of article files a walk found, held compactly.
//!
//! At a million files a `PathBuf` per file (and a `Found` of 64 bytes around it) was a tenth
//! of the reader's peak memory, held while every article was in memory too. Here each folder
//! is held once, the file names sit in one byte arena, and a file is its folder's index and
//! where its name ends: no allocation per file. A file's path is only built when it is read.

use super::Found;
use crate::library::cache::{self, Stamp};
use std::cmp::Ordering;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Stands for "no stamp" among the stamps of a stamped walk (a file that could not be
/// stat'ed): no real file has this size (Linux caps them at `i64::MAX`).
const NO_STAMP: Stamp = Stamp {
    size: u64::MAX,
    mtime_ns: i64::MIN,
};

/// A folder the walk listed files of.
#[derive(Debug, Clone)]
struct Folder {
    /// As the walk joined it from its root: the bytes before a file's name.
    path: PathBuf,
    /// The library folder it was found under (dates may sit in the path relative to it).
    root: Arc<Path>,
    /// Whether a separator goes between `path` and a file's name. `PathBuf::push` puts one
    /// unless the path is empty or ends in one; a file given as a root is held as a "folder"
    /// of its whole path with an empty name, and gets none.
    sep: bool,
}

/// A part of the walk's files whose names sit in one arena.
#[derive(Debug, Clone, Default)]
struct Piece {
    /// Added to each file's folder number: a piece moved in from a subfolder's walk keeps
    /// the numbers it had there.
    base: u32,
    names: Vec<u8>,
    /// Per file: its folder (in `Files::folders`, less `base`) and where its name ends in
    /// `names` (it starts where the previous file's ends).
    files: Vec<(u32, u32)>,
    /// Per file when the walk was stamped (`NO_STAMP` for a file it could not stat); empty
    /// when it was not.
    stamps: Vec<Stamp>,
}

impl Piece {
    fn folder(&self, k: usize) -> usize {
        (self.base + self.files[k].0) as usize
    }

    fn name(&self, k: usize) -> &[u8] {
        let start = k.checked_sub(1).map_or(0, |p| self.files[p].1 as usize);
        &self.names[start..self.files[k].1 as usize]
    }

    fn stamp(&self, k: usize) -> Option<Stamp> {
        self.stamps.get(k).copied().filter(|s| *s != NO_STAMP)
    }
}

/// Subfolders' walks of at least this many files are moved in as they are, not copied: a
/// walk is put together from its folders' walks, and copying each one into the next made
/// the whole list twice over at its end (50 MB more at a million files). Smaller ones are
/// copied, so that a library of a file per folder is not a piece per file.
pub(super) const MOVE_FROM: usize = 64;

/// Article files in byte order of their paths (as the walk gives them: `scan::scan`), each
/// path once, with their stamps when the walk was asked for them. The files are held in a
/// few pieces (about one per large folder), each numbered from where the one before ends.
#[derive(Debug, Clone, Default)]
pub struct Files {
    folders: Vec<Folder>,
    pieces: Vec<Piece>,
    /// The position of each piece's first file.
    starts: Vec<usize>,
    /// Whether files pushed go into the last piece: not into one moved in (its lists were
    /// made to measure, and would be copied to grow).
    open: bool,
    len: usize,
    stamped: bool,
}

impl Files {
    pub(super) fn new(stamped: bool) -> Files {
        Files {
            stamped,
            ..Files::default()
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// A folder whose files follow; gives its number for [`Files::push`].
    pub(super) fn folder(&mut self, path: &Path, root: Arc<Path>) -> u32 {
        let last = path.as_os_str().as_encoded_bytes().last();
        let sep = last.is_some_and(|&b| !std::path::is_separator(b as char));
        self.push_folder(Folder {
            path: path.to_path_buf(),
            root,
            sep,
        })
    }

    /// A file given as a root: its path is held whole, as given.
    pub(super) fn push_root_file(&mut self, path: &Path, stamp: Option<Stamp>) {
        let root = path.parent().unwrap_or(Path::new("")).into();
        let folder = self.push_folder(Folder {
            path: path.to_path_buf(),
            root,
            sep: false,
        });
        self.push(folder, b"", stamp);
    }

    fn push_folder(&mut self, folder: Folder) -> u32 {
        self.folders.push(folder);
        to_u32(self.folders.len() - 1)
    }

    /// The file `name` in `folder` (from [`Files::folder`]), after every file held: the
    /// walk pushes them in order.
    pub(super) fn push(&mut self, folder: u32, name: &[u8], stamp: Option<Stamp>) {
        if !self.open || self.pieces.is_empty() {
            self.pieces.push(Piece::default());
            self.starts.push(self.len);
            self.open = true;
        }
        let last = self.pieces.len() - 1;
        let piece = &mut self.pieces[last];
        piece.names.extend_from_slice(name);
        piece.files.push((folder, to_u32(piece.names.len())));
        if self.stamped {
            piece.stamps.push(stamp.unwrap_or(NO_STAMP));
        }
        self.len += 1;
    }

    /// Appends `other`'s files after these (a subfolder's walk): moved, when it is large.
    pub(super) fn append(&mut self, other: Files) {
        let base = to_u32(self.folders.len());
        self.folders.extend(other.folders);
        if other.len < MOVE_FROM {
            for piece in &other.pieces {
                for k in 0..piece.files.len() {
                    let folder = to_u32(piece.folder(k)) + base;
                    self.push(folder, piece.name(k), piece.stamp(k));
                }
            }
            return;
        }
        for mut piece in other.pieces {
            piece.base += base;
            self.starts.push(self.len);
            self.len += piece.files.len();
            self.pieces.push(piece);
        }
        self.open = false;
    }

    /// The piece file `i` is in, and its place there.
    fn locate(&self, i: usize) -> (&Piece, usize) {
        let p = self.starts.partition_point(|&start| start <= i) - 1;
        (&self.pieces[p], i - self.starts[p])
    }

    /// The list in byte order of the paths, each path once (the walk of several roots).
    pub(super) fn sorted(mut self) -> Files {
        let mut order: Vec<usize> = (0..self.len()).collect();
        order.sort_unstable_by(|&a, &b| cmp_chunks(&self.parts(a), &self.parts(b)));
        order.dedup_by(|a, b| cmp_chunks(&self.parts(*a), &self.parts(*b)).is_eq());
        let mut out = Files::new(self.stamped);
        out.folders = std::mem::take(&mut self.folders);
        for i in order {
            let (piece, k) = self.locate(i);
            out.push(to_u32(piece.folder(k)), piece.name(k), piece.stamp(k));
        }
        out
    }

    /// Whether every path sorts after the one before it.
    pub(super) fn is_strictly_sorted(&self) -> bool {
        (1..self.len()).all(|i| cmp_chunks(&self.parts(i - 1), &self.parts(i)).is_lt())
    }

    /// The path of file `i` in three parts: its folder, the separator (or nothing), its name.
    fn parts(&self, i: usize) -> [&[u8]; 3] {
        let (piece, k) = self.locate(i);
        let folder = &self.folders[piece.folder(k)];
        let sep: &[u8] = if folder.sep {
            std::path::MAIN_SEPARATOR_STR.as_bytes()
        } else {
            b""
        };
        [
            folder.path.as_os_str().as_encoded_bytes(),
            sep,
            piece.name(k),
        ]
    }

    /// File `i`'s path bytes compared with `other` (a path's `as_encoded_bytes`), without
    /// building the path.
    pub fn cmp_path(&self, i: usize, other: &[u8]) -> Ordering {
        cmp_chunks(&self.parts(i), &[other])
    }

    /// The position of the file at `path` (its bytes), by halves: the list is sorted.
    pub fn find(&self, path: &[u8]) -> Option<usize> {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.cmp_path(mid, path) {
                Ordering::Less => lo = mid + 1,
                Ordering::Greater => hi = mid,
                Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// File `i`'s path, built.
    pub fn path(&self, i: usize) -> PathBuf {
        let [folder, sep, name] = self.parts(i);
        let mut bytes = Vec::with_capacity(folder.len() + sep.len() + name.len());
        for part in [folder, sep, name] {
            bytes.extend_from_slice(part);
        }
        // Whole `OsStr`s joined as `PathBuf::push` joins them: on Unix any bytes are a path,
        // elsewhere the walk's names were text.
        cache::path_from(&bytes)
            .unwrap_or_else(|| PathBuf::from(String::from_utf8_lossy(&bytes).into_owned()))
    }

    /// File `i`'s size and mtime, when the walk was stamped and the file could be stat'ed.
    pub fn stamp(&self, i: usize) -> Option<Stamp> {
        let (piece, k) = self.locate(i);
        piece.stamp(k)
    }

    /// File `i`'s stamp, to change (a test's way to make the walk see a file changed).
    #[cfg(test)]
    pub(crate) fn stamp_mut(&mut self, i: usize) -> Option<&mut Stamp> {
        let p = self.starts.partition_point(|&start| start <= i) - 1;
        let k = i - self.starts[p];
        self.pieces[p].stamps.get_mut(k).filter(|s| **s != NO_STAMP)
    }

    /// File `i` as a [`Found`] (its path built), to read it.
    pub fn found(&self, i: usize) -> Found {
        let (piece, k) = self.locate(i);
        Found {
            path: self.path(i),
            root: self.folders[piece.folder(k)].root.clone(),
            stamp: self.stamp(i),
        }
    }

    /// Every file as a [`Found`], one at a time.
    pub fn iter(&self) -> impl Iterator<Item = Found> + '_ {
        (0..self.len()).map(|i| self.found(i))
    }
}

/// The list's indices are `u32`: 4 GiB of file names (a hundred million files) is past
/// what it is made for.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).expect("fewer than 4 GiB of file names in one walk")
}

/// Compares the bytes of `a`'s parts joined with those of `b`'s, without joining them.
fn cmp_chunks(a: &[&[u8]], b: &[&[u8]]) -> Ordering {
    let (mut a, mut b) = (a.iter().copied(), b.iter().copied());
    let (mut x, mut y): (&[u8], &[u8]) = (&[], &[]);
    loop {
        while x.is_empty() {
            let Some(next) = a.next() else { break };
            x = next;
        }
        while y.is_empty() {
            let Some(next) = b.next() else { break };
            y = next;
        }
        if x.is_empty() || y.is_empty() {
            // One ran out: the shorter sorts first.
            return (!x.is_empty()).cmp(&!y.is_empty());
        }
        let n = x.len().min(y.len());
        match x[..n].cmp(&y[..n]) {
            Ordering::Equal => (x, y) = (&x[n..], &y[n..]),
            unequal => return unequal,
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::ffi::OsStr;
    use std::os::unix::ffi::{OsStrExt, OsStringExt};

    /// Bytes around the separator's, and one that is no UTF-8.
    fn piece(max: usize) -> impl Strategy<Value = Vec<u8>> {
        prop::collection::vec(prop::sample::select(b"a/.-b\xff".to_vec()), 0..max)
    }

    /// One file, `name` in the folder `folder` (or, with `whole`, a root given as the file
    /// `folder` + `name`: held whole).
    fn one(folder: &[u8], name: &[u8], whole: bool) -> Files {
        let mut files = Files::new(false);
        if whole {
            let path = [folder, name].concat();
            files.push_root_file(Path::new(OsStr::from_bytes(&path)), None);
        } else {
            let i = files.folder(Path::new(OsStr::from_bytes(folder)), Path::new("").into());
            files.push(i, name, None);
        }
        files
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        /// Comparing a file's path in pieces equals comparing the built path's bytes.
        #[test]
        fn a_path_compared_in_pieces_is_compared_as_its_bytes(
            folder in piece(6),
            name in piece(5),
            whole in any::<bool>(),
            other in piece(12),
            // Also the built path itself, cut short or with a byte more: near misses.
            cut in 0usize..14,
            more in prop::option::of(prop::sample::select(b"a/.\xff".to_vec())),
        ) {
            let files = one(&folder, &name, whole);
            let built = files.path(0).into_os_string().into_vec();
            let mut near = built[..cut.min(built.len())].to_vec();
            near.extend(more);
            for other in [other, near, built.clone()] {
                prop_assert_eq!(
                    files.cmp_path(0, &other),
                    built.as_slice().cmp(other.as_slice()),
                    "{:?} vs {:?}", OsStr::from_bytes(&built), OsStr::from_bytes(&other)
                );
            }
        }
    }

    #[test]
    fn a_path_is_built_as_push_joins_it() {
        for (folder, name, want) in [
            ("lib", "a.md", "lib/a.md"),
            ("lib/", "a.md", "lib/a.md"),
            ("/", "a.md", "/a.md"),
            ("", "a.md", "a.md"),
        ] {
            let files = one(folder.as_bytes(), name.as_bytes(), false);
            assert_eq!(files.path(0), Path::new(folder).join(name));
            assert_eq!(files.path(0), Path::new(want));
        }
        // A file given as a root keeps the path as it was typed.
        let files = one(b"lib/./x//", "新闻.md".as_bytes(), true);
        assert_eq!(files.path(0).as_os_str(), OsStr::new("lib/./x//新闻.md"));
        assert_eq!(files.found(0).rel_path(), Path::new("新闻.md"));
    }
}
