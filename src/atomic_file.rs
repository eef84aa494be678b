//! Crash-safe file replacement, and moving a bad file aside without overwriting anything.
//! Shared by the reading state (`store`) and the metadata cache (`library::cache`): both are
//! files a crash must never leave half-written.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Replaces `path` with `bytes` atomically: see [`write_atomic_with`].
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |f| f.write_all(bytes))
}

/// Replaces `path` atomically with what `write` puts in a fresh file: the content goes to
/// `.NAME.tmp-<pid>` in the same directory, is `sync_all`ed, then renamed over `path`, and the
/// directory is synced (best effort). A crash at any moment leaves either the old file or the
/// new one. On any error (including one from `write`) the temporary file is removed and `path`
/// is untouched. The directory must exist.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is not a file path", path.display()),
        )
    })?;
    let dir = parent_dir(path);
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut f = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&tmp)?;
        write(&mut f)?;
        f.flush()?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    sync_dir(dir);
    Ok(())
}

/// The directory `path` is in (`.` for a bare file name).
pub fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Makes a rename in `dir` durable. Best effort: not every platform can open a directory.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Renames `path` to `NAME.corrupt-<stamp>` beside it (adding `-1`, `-2`… if that exists, so an
/// earlier moved-aside file is never overwritten) and returns the new path.
pub fn move_aside(path: &Path, stamp: &str) -> io::Result<PathBuf> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let base = format!("{name}.corrupt-{stamp}");
    let dir = parent_dir(path);
    let mut target = dir.join(&base);
    let mut n = 0;
    while target.symlink_metadata().is_ok() {
        n += 1;
        target = dir.join(format!("{base}-{n}"));
    }
    fs::rename(path, &target)?;
    sync_dir(dir);
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f.txt");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_write_failing_halfway_leaves_the_old_file_intact() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f.txt");
        write_atomic(&p, b"old content").unwrap();
        let err = write_atomic_with(&p, |f| {
            f.write_all(b"new con")?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
        })
        .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
        assert_eq!(fs::read(&p).unwrap(), b"old content");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "temp removed");
    }

    #[test]
    fn a_missing_directory_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(write_atomic(&dir.path().join("no/f.txt"), b"x").is_err());
    }

    #[test]
    fn move_aside_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.jsonl");
        fs::write(&p, b"first").unwrap();
        let a = move_aside(&p, "20240101-000000").unwrap();
        fs::write(&p, b"second").unwrap();
        let b = move_aside(&p, "20240101-000000").unwrap();
        assert_eq!(a.file_name().unwrap(), "s.jsonl.corrupt-20240101-000000");
        assert_eq!(b.file_name().unwrap(), "s.jsonl.corrupt-20240101-000000-1");
        assert_eq!(fs::read(&a).unwrap(), b"first");
        assert_eq!(fs::read(&b).unwrap(), b"second");
        assert!(!p.exists());
    }
}
