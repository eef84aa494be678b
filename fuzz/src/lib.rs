//! Helpers shared by the fuzz targets: panic handling and the invariants they check.

use gazette::sanitize::is_forbidden;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Mutex, Once};

static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);
static HOOK: Once = Once::new();

/// Runs one fuzz input. A panic that escapes `f` aborts (libFuzzer records a crash); a panic
/// that gazette catches itself (the renderer guards html2text with `catch_unwind`, as its
/// documented contract says) is not a finding.
///
/// libfuzzer-sys installs a hook that aborts on *every* panic, caught or not, which would
/// report gazette's deliberate guard as a crash. This replaces it by a hook that only remembers
/// the message (with a backtrace when `RUST_BACKTRACE` is set); it is printed when the panic
/// escapes.
pub fn run(f: impl FnOnce()) {
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let bt = std::backtrace::Backtrace::capture();
            let thread = std::thread::current();
            let msg = format!(
                "thread '{}' {info}\n{bt}",
                thread.name().unwrap_or("<unnamed>")
            );
            if let Ok(mut last) = LAST_PANIC.lock() {
                *last = Some(msg);
            }
        }));
    });
    if catch_unwind(AssertUnwindSafe(f)).is_err() {
        let msg = LAST_PANIC
            .lock()
            .ok()
            .and_then(|mut l| l.take())
            .unwrap_or_default();
        eprintln!("panic escaped the fuzz target:\n{msg}");
        std::process::abort();
    }
}

/// Metadata text shown in lists and headers: one line, trimmed, no forbidden character.
pub fn check_meta_text(what: &str, s: &str) {
    if let Some(c) = s.chars().find(|&c| is_forbidden(c)) {
        panic!("{what} holds forbidden character {c:?}: {s:?}");
    }
    assert!(
        !s.contains(['\n', '\r', '\t', '\u{2028}', '\u{2029}']),
        "{what} is not one line: {s:?}"
    );
    assert_eq!(s, s.trim(), "{what} is not trimmed");
}

/// Text that reaches the terminal: no forbidden character.
pub fn check_no_forbidden(what: &str, s: &str) {
    if let Some(c) = s.chars().find(|&c| is_forbidden(c)) {
        panic!("{what} holds forbidden character {c:?}: {s:?}");
    }
}

/// Width 1..=300 from one byte.
pub fn width_from(byte: u8) -> usize {
    1 + usize::from(byte) * 299 / 255
}
