//! Giving freed memory back to the system after a large piece of work.
//!
//! A warm start at a million articles frees some 300 MB of short-lived lists (the walk's
//! paths, the cache's table, the decoding's buffers) on threads whose malloc arenas then keep
//! them: glibc returns only the top of a heap by itself. The reader's resident memory stayed
//! at its load's high-water mark, and the indexer's own walk that follows came on top of it.
//! `malloc_trim` hands back every free page of every arena.
//!
//! Fewer arenas, too: glibc gives each thread that meets a locked arena a new one, up to
//! eight a core, and memory freed in one is never reused by another. The first start over a
//! large library (every file parsed on the workers, the full-text index built on its own
//! threads) spread over them: at 100,000 articles a first start peaked at 497 MB and kept
//! 159 MB afterwards; with an arena a core, 369 MB and 117 MB, and no slower (a warm start
//! at a million: 480 MB against 484-487). [`limit_arenas`] is called before any thread.

/// Returns freed memory to the system where the allocator keeps it (glibc); elsewhere a no-op.
#[allow(unsafe_code)]
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            /// glibc's; releases the free pages of every arena (`pad`: bytes kept at the top).
            fn malloc_trim(pad: usize) -> std::ffi::c_int;
        }
        // SAFETY: takes no pointer, and glibc allows it at any time from any thread.
        unsafe {
            malloc_trim(0);
        }
    }
}

/// Caps glibc's malloc arenas at one per core (its default is eight per core); true when
/// the allocator took it. Call before starting threads: arenas made already stay.
/// (glibc answers 1 even to a parameter it does not know, so there is no unit test: the
/// figures above are the check, taken by sampling a reader's `/proc/PID/status`.)
#[allow(unsafe_code)]
pub fn limit_arenas() -> bool {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            /// glibc's; sets a malloc parameter, 1 on success.
            fn mallopt(param: std::ffi::c_int, value: std::ffi::c_int) -> std::ffi::c_int;
        }
        /// glibc's `M_ARENA_MAX` (malloc.h).
        const M_ARENA_MAX: std::ffi::c_int = -8;
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let cores = std::ffi::c_int::try_from(cores).unwrap_or(std::ffi::c_int::MAX);
        // SAFETY: takes no pointer; glibc allows it at any time (it takes the arena lock).
        unsafe { mallopt(M_ARENA_MAX, cores) == 1 }
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    false
}

#[cfg(all(test, target_os = "linux", target_env = "gnu"))]
mod tests {

    /// Resident anonymous memory of this process, in KiB.
    fn rss_anon_kib() -> u64 {
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let line = status.lines().find(|l| l.starts_with("RssAnon:")).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    }

    #[test]
    fn freed_memory_between_live_blocks_goes_back() {
        // 128 MiB freed in holes between small blocks still held: `free` alone keeps it (it
        // gives back only the top of a heap), as the loader's paths between the articles.
        let dropped_kib = std::thread::spawn(|| {
            let mut held = Vec::new();
            let mut freed = Vec::new();
            for _ in 0..2048 {
                freed.push(vec![1u8; 64 << 10]);
                held.push(vec![2u8; 16]);
            }
            drop(freed);
            let before = rss_anon_kib();
            super::give_back();
            let after = rss_anon_kib();
            assert_eq!(held.iter().map(|b| b[0] as usize).sum::<usize>(), 2 * 2048);
            before.saturating_sub(after)
        })
        .join()
        .unwrap();
        assert!(dropped_kib > 64 << 10, "gave back only {dropped_kib} KiB");
    }
}
