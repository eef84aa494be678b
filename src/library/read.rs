//! Reading one file whole, within a size limit, with every failure named.

use super::problem::Problem;
use std::io::{ErrorKind, Read};
use std::path::Path;

/// Files larger than this are listed as problems rather than read whole.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

pub fn read_limited(path: &Path) -> Result<Vec<u8>, Problem> {
    let file = std::fs::File::open(path).map_err(|e| io_problem(path, &e))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_problem(path, &e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Problem::error(
            path,
            format!(
                "larger than {} MiB; not read",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    Ok(bytes)
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
