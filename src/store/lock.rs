//! The advisory lock that makes read–merge–write of the state file one step between
//! processes.
//!
//! The lock is taken on a file of its own beside the state file, `NAME.lock`: the state file
//! itself is replaced by a rename on every save, so a lock on it would guard a file that is no
//! longer there. The lock file is never removed (removing it would let two processes lock two
//! different files). It is advisory (`flock`-style, from std): it orders gazettes among
//! themselves, not other programs.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

/// `NAME.lock` beside `path`.
pub fn path_for(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    path.with_file_name(name)
}

/// An exclusive lock, held until dropped (closing the file releases it).
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

impl Lock {
    /// Waits for the exclusive lock on `path` (created if missing; its directory must exist).
    /// Other gazettes hold it only for the length of one save.
    pub fn exclusive(path: &Path) -> io::Result<Lock> {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        file.lock()
            .map_err(|e| io::Error::new(e.kind(), format!("locking {}: {e}", path.display())))?;
        Ok(Lock { _file: file })
    }

    /// The lock if no one else holds it, `None` if someone does.
    pub fn try_exclusive(path: &Path) -> io::Result<Option<Lock>> {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(Lock { _file: file })),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(e)) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_lock_excludes_another_until_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state.jsonl");
        let path = path_for(&state);
        assert_eq!(path.file_name().unwrap(), "state.jsonl.lock");
        let held = Lock::exclusive(&path).unwrap();
        // A second open file description, as another process would have.
        assert!(Lock::try_exclusive(&path).unwrap().is_none(), "held");
        drop(held);
        assert!(Lock::try_exclusive(&path).unwrap().is_some(), "released");
    }
}
