//! Reading a file from its start, as far as the caller needs, within a size limit, with every
//! failure named.
//!
//! Listing a library needs each file's metadata, which sits in its first few hundred bytes;
//! reading (and later decoding) every body in full was most of the cost of a cold load. So a
//! file is opened as a [`Start`] holding its first [`FIRST_READ`] bytes, and read on only when
//! asked ([`Prefix::read_to`]).

use super::cache::Stamp;
use super::problem::Problem;
use std::fs::File;
use std::io::{ErrorKind, Read};
use std::path::Path;

/// Files larger than this are listed as problems rather than read whole.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// What a file opened for its metadata is read to at once: the span `decode` looks at for NUL
/// bytes (a binary file is told apart there), and more than nearly every front matter.
pub const FIRST_READ: usize = super::decode::BINARY_PROBE;

/// The bytes of a file from its start, as far as read so far.
pub trait Prefix {
    /// The bytes read so far (always at least `FIRST_READ`, or the whole file).
    fn bytes(&self) -> &[u8];
    /// True when [`Prefix::bytes`] is the whole file.
    fn is_whole(&self) -> bool;
    /// Reads on until at least `len` bytes are held or the file ends (`usize::MAX`: to the
    /// end). Fails when the file turns out larger than [`MAX_FILE_BYTES`].
    fn read_to(&mut self, len: usize) -> Result<(), Problem>;
}

/// Bytes already in memory (the embedded sample, tests): always whole.
impl Prefix for &[u8] {
    fn bytes(&self) -> &[u8] {
        self
    }
    fn is_whole(&self) -> bool {
        true
    }
    fn read_to(&mut self, _len: usize) -> Result<(), Problem> {
        Ok(())
    }
}

/// An open file and the start of it read so far.
pub struct Start<'p> {
    file: File,
    path: &'p Path,
    /// Taken when asked for, or when the size limit needs it (see [`Start::open`]).
    stamp: Option<Stamp>,
    bytes: Vec<u8>,
    whole: bool,
}

impl<'p> Start<'p> {
    /// Opens `path` and reads its first [`FIRST_READ`] bytes. With `stamped`, the file's stamp
    /// is taken first (the cache needs it); without, only when the file turns out longer than
    /// that first read — the size limit needs it then, while a file read whole in one go is
    /// within the limit without a `stat` (one system call of five per file, with no cache).
    pub fn open(path: &'p Path, stamped: bool) -> Result<Start<'p>, Problem> {
        let file = File::open(path).map_err(|e| io_problem(path, &e))?;
        let mut start = Start {
            file,
            path,
            stamp: None,
            bytes: Vec::new(),
            whole: false,
        };
        if stamped {
            start.stamp()?;
        }
        start.read_to(FIRST_READ)?;
        if !start.whole {
            start.stamp()?;
        }
        Ok(start)
    }

    /// The file's size and mtime, taken from the open file (no extra stat by path, no race
    /// between the stamp and the bytes read) the first time it is asked for: what the cache
    /// keys on. Fails when the file is larger than [`MAX_FILE_BYTES`].
    pub fn stamp(&mut self) -> Result<Stamp, Problem> {
        if let Some(stamp) = self.stamp {
            return Ok(stamp);
        }
        let stamp = self
            .file
            .metadata()
            .map(|m| Stamp::of(&m))
            .map_err(|e| io_problem(self.path, &e))?;
        if stamp.size > MAX_FILE_BYTES {
            return Err(too_big(self.path));
        }
        self.stamp = Some(stamp);
        Ok(stamp)
    }

    /// The bytes read so far.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

impl Prefix for Start<'_> {
    fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    fn is_whole(&self) -> bool {
        self.whole
    }

    fn read_to(&mut self, len: usize) -> Result<(), Problem> {
        // One byte past the limit tells a file that grew beyond it since its stamp.
        let len = len.min(MAX_FILE_BYTES as usize + 1);
        if self.whole || self.bytes.len() >= len {
            return Ok(());
        }
        // The stamp's size plus one byte (to see the end at once) is the usual read; a file
        // that grew since is read on in doubling steps. With no stamp yet, the first read.
        let expected = self
            .stamp
            .map_or(FIRST_READ, |s| s.size as usize)
            .saturating_add(1);
        while self.bytes.len() < len {
            let have = self.bytes.len();
            let want = if have < expected {
                expected
            } else {
                have + have.max(FIRST_READ)
            };
            let want = want.min(len);
            self.bytes.resize(want, 0);
            let got = loop {
                match self.file.read(&mut self.bytes[have..]) {
                    Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                    other => break other,
                }
            };
            let got = got.map_err(|e| {
                self.bytes.truncate(have);
                io_problem(self.path, &e)
            })?;
            self.bytes.truncate(have + got);
            if got == 0 {
                self.whole = true;
                break;
            }
        }
        if self.bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(too_big(self.path));
        }
        Ok(())
    }
}

/// Reads the whole file (for showing or searching its body).
pub fn read_limited(path: &Path) -> Result<Vec<u8>, Problem> {
    let mut start = Start::open(path, false)?;
    start.read_to(usize::MAX)?;
    Ok(start.into_bytes())
}

fn too_big(path: &Path) -> Problem {
    Problem::error(
        path,
        format!(
            "larger than {} MiB; not read",
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
}

fn io_problem(path: &Path, e: &std::io::Error) -> Problem {
    let reason = match e.kind() {
        ErrorKind::NotFound => "vanished before it could be read".to_string(),
        ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ if e.raw_os_error() == Some(21) => "is a folder, not a file".to_string(),
        _ => format!("cannot read: {e}"),
    };
    Problem::error(path, reason)
}
