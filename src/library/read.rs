//! Reading one file whole, within a size limit, with every failure named.

use super::cache::Stamp;
use super::problem::Problem;
use std::io::{ErrorKind, Read};
use std::path::Path;

/// Files larger than this are listed as problems rather than read whole.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

pub fn read_limited(path: &Path) -> Result<Vec<u8>, Problem> {
    read_stamped(path).map(|(bytes, _)| bytes)
}

/// Reads the file and returns its stamp (size and mtime, from the open file: no extra stat
/// by path, and no race between the stamp and the bytes read).
pub fn read_stamped(path: &Path) -> Result<(Vec<u8>, Stamp), Problem> {
    let file = std::fs::File::open(path).map_err(|e| io_problem(path, &e))?;
    let stamp = file
        .metadata()
        .map(|m| Stamp::of(&m))
        .map_err(|e| io_problem(path, &e))?;
    let too_big = || {
        Problem::error(
            path,
            format!(
                "larger than {} MiB; not read",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        )
    };
    if stamp.size > MAX_FILE_BYTES {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(stamp.size as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_problem(path, &e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big());
    }
    Ok((bytes, stamp))
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
