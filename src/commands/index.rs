//! `gazette index`: builds or brings up to date the full-text index of a library, so
//! `list --search`, `stats --search` and the reader's `/` look words up instead of reading
//! every body. Only new and changed files are read; removed ones are dropped.

use crate::search::fulltext;
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

/// Indexes the library made of `dirs` (the command line's folders, else the configured
/// library). A bar on stderr shows the reading when stderr is a terminal and there is much
/// to read; the summary goes to `out`.
pub fn run(dirs: &[PathBuf], out: &mut impl Write) -> anyhow::Result<()> {
    anyhow::ensure!(
        !dirs.is_empty(),
        "no library to index: give its folders, or set `library` in the configuration"
    );
    crate::library::scan::check_exist(dirs)?;
    let dir = fulltext::dir_for(dirs)
        .ok_or_else(|| anyhow::anyhow!("no cache folder to keep the index in"))?;
    let files = fulltext::files_of(dirs);
    let mut bar = super::progress::LoadBar::on_stderr();
    let outcome = fulltext::update(
        &dir,
        &files,
        &mut |f, d| bar.report(f, d),
        &AtomicBool::new(false),
    )?;
    drop(bar);
    let rebuilt = if outcome.rebuilt {
        ", index started anew"
    } else {
        ""
    };
    writeln!(
        out,
        "{} articles indexed: {} read, {} unchanged, {} removed{rebuilt}",
        files.len(),
        outcome.read,
        outcome.kept,
        outcome.removed
    )?;
    Ok(())
}
