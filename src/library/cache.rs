//! The metadata cache: every article's metadata with its file's size and modification time,
//! so a large library shows at once and only changed files are read again.
//!
//! A small hand-written binary format (length-prefixed fields): reading 100,000 entries must
//! take milliseconds, and every read is checked, so a damaged cache is rebuilt, never trusted
//! half-way. The file starts with a magic, a format version and gazette's version, so a new
//! parser never trusts metadata an older one produced.

use super::article::Article;
use super::date::DateSource;
use super::front_matter::FrontMatterKind;
use chrono::DateTime;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The format's version is its last byte: 2 added day-only dates, so a cache of version 1
/// (where a bare `2019-10-20` was an instant) is not read but rebuilt; 3 added the metadata
/// header kind and `front_matter_path` dates, and setext titles (older caches hold the wrong
/// titles for such files).
const MAGIC: &[u8; 4] = b"GZC\x03";

/// What identifies a file's contents cheaply: its size and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    pub mtime_ns: i128,
}

impl Stamp {
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        let mtime_ns =
            meta.modified()
                .ok()
                .map_or(0, |t| match t.duration_since(SystemTime::UNIX_EPOCH) {
                    Ok(d) => d.as_nanos() as i128,
                    Err(e) => -(e.duration().as_nanos() as i128),
                });
        Stamp {
            size: meta.len(),
            mtime_ns,
        }
    }
}

/// Cached files by path (as raw bytes: hashing a `Path` component by component is slow).
pub type Entries = HashMap<std::ffi::OsString, Entry>;

/// One cached file: its stamp, its article, and the warnings it was read with.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub stamp: Stamp,
    pub article: Article,
    pub warnings: Vec<String>,
}

/// The cache file of a library: one per set of library folders.
pub fn path_for(roots: &[PathBuf]) -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "gazette")?;
    let mut key = Vec::new();
    for r in roots {
        let r = std::fs::canonicalize(r).unwrap_or_else(|_| r.clone());
        key.extend_from_slice(r.as_os_str().as_encoded_bytes());
        key.push(0);
    }
    let hash = crate::hash::fnv1a64(&key);
    Some(dirs.cache_dir().join(format!("library-{hash:016x}.bin")))
}

pub fn encode(entries: &Entries) -> Vec<u8> {
    encode_all(
        entries
            .iter()
            .map(|(p, e)| encode_entry(p, e.stamp, &e.article, &e.warnings))
            .collect(),
    )
}

/// One entry already encoded, with the date that places it in the file. The loader keeps
/// these rather than articles: a fraction of the memory, and nothing to copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoded {
    pub date: Option<DateTime<chrono::Utc>>,
    pub bytes: Vec<u8>,
}

/// A file of `entries`, newest first, so a reader decoding from the start gets the top of its
/// list first.
pub fn encode_all(mut entries: Vec<Encoded>) -> Vec<u8> {
    entries.sort_by_key(|e| std::cmp::Reverse(e.date));
    let mut out = header(entries.len());
    for e in entries {
        out.extend_from_slice(&e.bytes);
    }
    out
}

/// Magic, version and entry count.
fn header(count: usize) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(32));
    w.0.extend_from_slice(MAGIC);
    w.str(env!("CARGO_PKG_VERSION"));
    w.u64(count as u64);
    w.0
}

pub fn encode_entry(
    path: &std::ffi::OsStr,
    stamp: Stamp,
    a: &Article,
    warnings: &[String],
) -> Encoded {
    let mut w = Writer(Vec::with_capacity(256));
    w.bytes(path.as_encoded_bytes());
    w.u64(stamp.size);
    w.0.extend_from_slice(&stamp.mtime_ns.to_le_bytes());
    w.str(&a.title);
    w.opt(a.author.as_deref());
    w.list(&a.categories);
    w.list(&a.flat_categories);
    w.list(&a.tags);
    // 1: an instant, 2: a calendar day (kept as its midnight UTC, see `Article::day_only`).
    match a.date {
        Some(d) => {
            w.0.push(if a.day_only { 2 } else { 1 });
            w.0.extend_from_slice(&d.timestamp().to_le_bytes());
            w.0.extend_from_slice(&d.timestamp_subsec_nanos().to_le_bytes());
        }
        None => w.0.push(0),
    }
    w.0.push(date_source_code(a.date_source));
    w.opt(a.image.as_deref());
    w.0.push(kind_code(a.front_matter));
    w.u64(a.extra.len() as u64);
    for (k, v) in &a.extra {
        w.str(k);
        w.str(v);
    }
    w.list(warnings);
    w.0.shrink_to_fit();
    Encoded {
        date: a.date,
        bytes: w.0,
    }
}

/// Decodes a whole cache; `None` when anything at all is off (then the cache is rebuilt).
pub fn decode(bytes: &[u8]) -> Option<Entries> {
    let mut d = Decoder::open(bytes)?;
    let mut out = HashMap::with_capacity(d.left.min(bytes.len() / 40));
    for e in d.by_ref() {
        let (path, entry) = e;
        out.insert(path, entry);
    }
    d.finished_cleanly().then_some(out)
}

/// Reads a cache entry by entry, newest article first (the order it is written in), so the
/// reader can show the top of the list before the whole cache is decoded. Each entry is
/// complete and checked; a damaged tail simply ends the iteration early
/// ([`Decoder::finished_cleanly`] says so) and the files it held are read again.
pub struct Decoder<'a> {
    r: Reader<'a>,
    left: usize,
    failed: bool,
}

impl<'a> Decoder<'a> {
    /// `None` when the header is not this version's.
    pub fn open(bytes: &'a [u8]) -> Option<Decoder<'a>> {
        let mut r = Reader(bytes);
        if r.take(4)? != MAGIC || r.str()? != env!("CARGO_PKG_VERSION") {
            return None;
        }
        let left = usize::try_from(r.u64()?).ok()?;
        Some(Decoder {
            r,
            left,
            failed: false,
        })
    }

    /// True when every entry was read and nothing trails them.
    pub fn finished_cleanly(&self) -> bool {
        !self.failed && self.left == 0 && self.r.0.is_empty()
    }
}

impl Iterator for Decoder<'_> {
    type Item = (std::ffi::OsString, Entry);

    fn next(&mut self) -> Option<Self::Item> {
        if self.left == 0 || self.failed {
            return None;
        }
        let e = read_entry(&mut self.r);
        self.failed = e.is_none();
        self.left -= 1;
        e
    }
}

fn read_entry(r: &mut Reader) -> Option<(std::ffi::OsString, Entry)> {
    let path = PathBuf::from(unsafe_free_os_string(r.bytes()?)?);
    let size = r.u64()?;
    let mtime_ns = i128::from_le_bytes(r.take(16)?.try_into().ok()?);
    let title = r.str()?;
    let author = r.opt()?;
    let categories = r.list()?;
    let flat_categories = r.list()?;
    let tags = r.list()?;
    let date_code = r.u8()?;
    let date = match date_code {
        0 => None,
        1 | 2 => {
            let secs = i64::from_le_bytes(r.take(8)?.try_into().ok()?);
            let nanos = u32::from_le_bytes(r.take(4)?.try_into().ok()?);
            Some(DateTime::from_timestamp(secs, nanos)?)
        }
        _ => return None,
    };
    let date_source = date_source_from(r.u8()?)?;
    let image = r.opt()?;
    let front_matter = kind_from(r.u8()?)?;
    let n_extra = r.u64()? as usize;
    let mut extra = Vec::with_capacity(n_extra.min(64));
    for _ in 0..n_extra {
        extra.push((r.str()?, r.str()?));
    }
    let warnings = r.list()?;
    let article = Article {
        path: path.clone(),
        title,
        author: author.map(Into::into),
        categories: categories.into(),
        flat_categories: flat_categories.into(),
        tags: tags.into(),
        date,
        day_only: date_code == 2,
        date_source,
        image: image.map(String::into_boxed_str),
        front_matter,
        extra: Article::extra_from(extra),
        has_warnings: !warnings.is_empty(),
    };
    Some((
        path.into_os_string(),
        Entry {
            stamp: Stamp { size, mtime_ns },
            article,
            warnings,
        },
    ))
}

/// Reads the cache at `path`; `None` when missing or damaged.
pub fn read(path: &Path) -> Option<Entries> {
    decode(&std::fs::read(path).ok()?)
}

/// Writes the cache atomically (temp file, fsync, rename), creating its folder.
pub fn write(path: &Path, mut entries: Vec<Encoded>) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    // Streamed to the file entry by entry: no second copy of the whole cache in memory.
    entries.sort_by_key(|e| std::cmp::Reverse(e.date));
    crate::atomic_file::write_atomic_with(path, |f| {
        let mut out = std::io::BufWriter::new(f);
        out.write_all(&header(entries.len()))?;
        for e in &entries {
            out.write_all(&e.bytes)?;
        }
        out.flush()
    })
}

/// Paths are stored as the platform's bytes; on Unix any bytes are a valid path.
fn unsafe_free_os_string(bytes: Vec<u8>) -> Option<std::ffi::OsString> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(std::ffi::OsString::from_vec(bytes))
    }
    #[cfg(not(unix))]
    {
        String::from_utf8(bytes).ok().map(Into::into)
    }
}

fn date_source_code(s: DateSource) -> u8 {
    match s {
        DateSource::FrontMatter => 0,
        DateSource::Path => 1,
        DateSource::FileName => 2,
        DateSource::None => 3,
        DateSource::FrontMatterPath => 4,
    }
}

fn date_source_from(c: u8) -> Option<DateSource> {
    [
        DateSource::FrontMatter,
        DateSource::Path,
        DateSource::FileName,
        DateSource::None,
        DateSource::FrontMatterPath,
    ]
    .get(usize::from(c))
    .copied()
}

fn kind_code(k: FrontMatterKind) -> u8 {
    match k {
        FrontMatterKind::Yaml => 0,
        FrontMatterKind::Toml => 1,
        FrontMatterKind::HeaderBlock => 2,
        FrontMatterKind::None => 3,
        FrontMatterKind::Metadata => 4,
    }
}

fn kind_from(c: u8) -> Option<FrontMatterKind> {
    [
        FrontMatterKind::Yaml,
        FrontMatterKind::Toml,
        FrontMatterKind::HeaderBlock,
        FrontMatterKind::None,
        FrontMatterKind::Metadata,
    ]
    .get(usize::from(c))
    .copied()
}

struct Writer(Vec<u8>);

impl Writer {
    fn u64(&mut self, n: u64) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }
    fn bytes(&mut self, b: &[u8]) {
        self.u64(b.len() as u64);
        self.0.extend_from_slice(b);
    }
    fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
    fn opt(&mut self, s: Option<&str>) {
        match s {
            Some(s) => {
                self.0.push(1);
                self.str(s);
            }
            None => self.0.push(0),
        }
    }
    fn list(&mut self, items: &[impl AsRef<str>]) {
        self.u64(items.len() as u64);
        items.iter().for_each(|s| self.str(s.as_ref()));
    }
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn bytes(&mut self) -> Option<Vec<u8>> {
        let n = usize::try_from(self.u64()?).ok()?;
        Some(self.take(n)?.to_vec())
    }
    fn str(&mut self) -> Option<String> {
        String::from_utf8(self.bytes()?).ok()
    }
    fn opt(&mut self) -> Option<Option<String>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(self.str()?)),
            _ => None,
        }
    }
    fn list(&mut self) -> Option<Vec<String>> {
        let n = usize::try_from(self.u64()?).ok()?;
        let mut out = Vec::with_capacity(n.min(self.0.len() / 8));
        for _ in 0..n {
            out.push(self.str()?);
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn entry(i: u32) -> (std::ffi::OsString, Entry) {
        let path = PathBuf::from(format!("/lib/文章 {i}.txt"));
        let article = Article {
            path: path.clone(),
            title: format!("标题 {i}"),
            author: i.is_multiple_of(2).then(|| "作者".into()),
            categories: ["新媒体", "观察者网"].into(),
            flat_categories: Default::default(),
            tags: ["t"].into(),
            date: (!i.is_multiple_of(3))
                .then(|| Utc.with_ymd_and_hms(2022, 1, 6, 16, 13, 50).unwrap()),
            day_only: i % 3 == 2,
            date_source: DateSource::FrontMatter,
            image: Some("https://example.com/a.jpg".into()),
            front_matter: FrontMatterKind::Yaml,
            extra: Article::extra_from([("editor".into(), "x".into())]),
            has_warnings: i == 1,
        };
        let warnings = if i == 1 {
            vec!["invalid YAML".to_string()]
        } else {
            vec![]
        };
        (
            path.into_os_string(),
            Entry {
                stamp: Stamp {
                    size: 100 + u64::from(i),
                    mtime_ns: -5 + i128::from(i),
                },
                article,
                warnings,
            },
        )
    }

    #[test]
    fn round_trips() {
        let entries: HashMap<_, _> = (0..20).map(entry).collect();
        assert_eq!(decode(&encode(&entries)), Some(entries));
    }

    #[test]
    fn any_damage_is_detected() {
        let entries: HashMap<_, _> = (0..3).map(entry).collect();
        let bytes = encode(&entries);
        for cut in [0, 3, 10, bytes.len() / 2, bytes.len() - 1] {
            assert_eq!(decode(&bytes[..cut]), None, "truncated at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), None, "trailing bytes");
        let mut wrong = bytes.clone();
        wrong[4] ^= 0xff;
        assert_eq!(decode(&wrong), None, "version field");
    }
}
