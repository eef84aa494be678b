//! What happens when gazette itself fails: a panic restores the terminal first, then prints
//! one short line naming a log file that holds the message and the backtrace. Logs live
//! under the XDG state folder, never on the screen while the reader runs.
//!
//! Parsers that guard against a dependency's panic use [`catch_quietly`]: such a panic is an
//! expected failure of one article, reported as a problem, not a crash.

use std::cell::Cell;
use std::io::Write;
use std::path::PathBuf;

thread_local! {
    /// Set while [`catch_quietly`] runs: the panic hook stays silent then.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, turning a panic into `None` without printing or logging anything.
pub fn catch_quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    let was = QUIET.with(|q| q.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok();
    QUIET.with(|q| q.set(was));
    result
}

/// Where crash logs go: `$XDG_STATE_HOME/gazette/crash-YYYYMMDD-HHMMSS.log`.
fn log_path() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "gazette")?;
    let dir = dirs
        .state_dir()
        .unwrap_or_else(|| dirs.data_local_dir())
        .to_path_buf();
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    Some(dir.join(format!("crash-{stamp}.log")))
}

/// Installs the panic hook. `restore` runs first (puts the terminal back); it may be called
/// from any thread, once per panic.
pub fn install(restore: fn()) {
    std::panic::set_hook(Box::new(move |info| {
        if QUIET.with(Cell::get) {
            return;
        }
        restore();
        let backtrace = std::backtrace::Backtrace::force_capture();
        let message = info.to_string();
        let written = log_path().and_then(|path| {
            std::fs::create_dir_all(path.parent()?).ok()?;
            let mut f = std::fs::File::create(&path).ok()?;
            writeln!(
                f,
                "gazette {} crashed\n{message}\n\n{backtrace}",
                env!("CARGO_PKG_VERSION")
            )
            .ok()?;
            Some(path)
        });
        let short = message
            .lines()
            .next()
            .unwrap_or("")
            .chars()
            .take(200)
            .collect::<String>();
        let short = crate::sanitize::clean_line(&short);
        // A panic inside the hook aborts: stderr may be gone, so its failure is ignored.
        let mut err = std::io::stderr();
        let _ = match written {
            Some(path) => writeln!(
                err,
                "gazette crashed ({short}). The details are in {}",
                path.display()
            ),
            None => writeln!(
                err,
                "gazette crashed ({short}); no log could be written.\n{backtrace}"
            ),
        };
    }));
}
