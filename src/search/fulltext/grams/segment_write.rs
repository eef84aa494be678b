//! Writing a segment: its files into `tmp-N/`, each one's length and checksums into its
//! `meta` last, then the folder renamed to `seg-N/` (see `segment` for the files).

use super::build::{Built, Paths, build_runs};
use super::doc_list::write_docs;
use super::merge::merge_runs;
use super::segment::{META, META_HEAD, folder, tail_of};
use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::sync::atomic::AtomicBool;

/// A writer that counts and checksums what goes through it.
struct Summed<W> {
    inner: W,
    crc: crc32fast::Hasher,
    len: u64,
}

impl<W: Write> Summed<W> {
    fn new(inner: W) -> Summed<W> {
        Summed {
            inner,
            crc: crc32fast::Hasher::new(),
            len: 0,
        }
    }
}

impl<W: Write> Write for Summed<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.crc.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes segment `number` of the index folder `dir` from the files `paths` (see
/// [`build_runs`] for `progress` and `cancel`); `None` when cancelled (nothing is left).
pub(crate) fn write(
    dir: &Path,
    number: u32,
    paths: &dyn Paths,
    progress: &mut (dyn FnMut(usize) + Send),
    cancel: &AtomicBool,
) -> anyhow::Result<Option<Built>> {
    let tmp = dir.join(format!("tmp-{number:08}"));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp)?;
    let written = write_in(&tmp, paths, progress, cancel);
    match written {
        Ok(Some(built)) => {
            std::fs::rename(&tmp, folder(dir, number))?;
            Ok(Some(built))
        }
        other => {
            let _ = std::fs::remove_dir_all(&tmp);
            other
        }
    }
}

/// The segment's files in `tmp`: the runs (removed once merged), the table's parts with
/// their directories, the documents, then `meta` with each file's length and checksums,
/// taken as the bytes went through ([`Summed`]) so nothing is read back but each file's end.
fn write_in(
    tmp: &Path,
    paths: &dyn Paths,
    progress: &mut (dyn FnMut(usize) + Send),
    cancel: &AtomicBool,
) -> anyhow::Result<Option<Built>> {
    let runs_path = tmp.join("runs");
    let Some((built, runs, stamps)) = build_runs(paths, &runs_path, progress, cancel)? else {
        return Ok(None);
    };
    let runs_file = File::open(&runs_path)?;
    let parts = merge_runs(&runs_file, &runs, |p| {
        Ok(Summed::new(create(&tmp.join(format!("t{p}")))?))
    })?;
    drop(runs_file);
    std::fs::remove_file(&runs_path)?;
    let mut meta = format!("{META_HEAD}docs {}\n", paths.len());
    let mut listed = |name: &str, file: &Summed<File>| -> std::io::Result<()> {
        let tail = tail_of(&file.inner, file.len)?;
        meta.push_str(&format!(
            "{name} {} {:08x} {:08x}\n",
            file.len,
            file.crc.clone().finalize(),
            crc32fast::hash(&tail)
        ));
        Ok(())
    };
    for (p, (_, directory, table)) in parts.into_iter().enumerate() {
        listed(&format!("t{p}"), &table)?;
        let d = write_file(&tmp.join(format!("d{p}")), |w| w.write_all(&directory))?;
        listed(&format!("d{p}"), &d)?;
    }
    let docs = write_file(&tmp.join("docs"), |w| write_docs(w, paths, &stamps))?;
    listed("docs", &docs)?;
    std::fs::write(tmp.join(META), meta)?;
    Ok(Some(built))
}

/// A new file, open to write and to read its end back ([`tail_of`]).
fn create(path: &Path) -> std::io::Result<File> {
    (File::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true))
    .open(path)
}

/// Writes a file through a buffer, counting and checksumming it.
fn write_file(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<Summed<File>> {
    let mut w = Summed::new(std::io::BufWriter::new(create(path)?));
    fill(&mut w)?;
    w.flush()?;
    let Summed { inner, crc, len } = w;
    Ok(Summed {
        inner: inner.into_inner().map_err(|e| e.into_error())?,
        crc,
        len,
    })
}
