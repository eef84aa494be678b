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
    /// The bytes read are `bytes[..filled]`; past that, what an earlier file left (see
    /// [`SPARE`]).
    bytes: Vec<u8>,
    filled: usize,
    whole: bool,
}

/// Buffers up to this size go back to [`SPARE`] when their file is done.
const KEEP: usize = 64 * 1024;

thread_local! {
    /// The read buffer of the last file this thread read, for the next: a loader reads
    /// thousands of files a thread, and a fresh buffer each (allocated, then zeroed to read
    /// into) was a large part of the allocator's time in a cold load.
    static SPARE: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

impl Drop for Start<'_> {
    fn drop(&mut self) {
        if self.bytes.capacity() <= KEEP {
            SPARE.set(std::mem::take(&mut self.bytes));
        }
    }
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
            bytes: SPARE.take(),
            filled: 0,
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
    pub fn into_bytes(mut self) -> Vec<u8> {
        let mut bytes = std::mem::take(&mut self.bytes);
        bytes.truncate(self.filled);
        bytes
    }
}

impl Prefix for Start<'_> {
    fn bytes(&self) -> &[u8] {
        &self.bytes[..self.filled]
    }

    fn is_whole(&self) -> bool {
        self.whole
    }

    fn read_to(&mut self, len: usize) -> Result<(), Problem> {
        // One byte past the limit tells a file that grew beyond it since its stamp.
        let len = len.min(MAX_FILE_BYTES as usize + 1);
        if self.whole || self.filled >= len {
            return Ok(());
        }
        // The stamp's size plus one byte (to see the end at once) is the usual read; a file
        // that grew since is read on in doubling steps. With no stamp yet, the first read.
        let expected = self
            .stamp
            .map_or(FIRST_READ, |s| s.size as usize)
            .saturating_add(1);
        while self.filled < len {
            let have = self.filled;
            let want = if have < expected {
                expected
            } else {
                have + have.max(FIRST_READ)
            };
            let want = want.min(len);
            // Zeroed only where the buffer grows: a reused one is read over as it is.
            if self.bytes.len() < want {
                self.bytes.resize(want, 0);
            }
            let got = loop {
                match self.file.read(&mut self.bytes[have..want]) {
                    Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                    other => break other,
                }
            };
            let got = got.map_err(|e| io_problem(self.path, &e))?;
            self.filled = have + got;
            if got == 0 {
                self.whole = true;
                break;
            }
        }
        if self.filled as u64 > MAX_FILE_BYTES {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reused_buffer_shows_only_the_new_file() {
        let dir = tempfile::tempdir().unwrap();
        let long = dir.path().join("long.md");
        let short = dir.path().join("short.md");
        std::fs::write(&long, "长".repeat(3000)).unwrap();
        std::fs::write(&short, "短 short").unwrap();
        // Same thread: the second file is read into the first one's buffer.
        drop(Start::open(&long, false).unwrap());
        let mut start = Start::open(&short, false).unwrap();
        assert_eq!(start.bytes(), "短 short".as_bytes());
        assert!(start.is_whole());
        start.read_to(usize::MAX).unwrap();
        assert_eq!(start.into_bytes(), "短 short".as_bytes());
    }
}
