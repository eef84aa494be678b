//! Galloping search: where a test stops holding in a sorted run, found in steps of 1, 2, 4, …
//! from one end, then by halves. It costs about twice the logarithm of the *distance* from
//! that end rather than of the length, which is what a merge of a small sorted set into a
//! large one wants: the catalog places each arriving article from the list's end (a warm
//! start's articles go last), the full-text index leaps over the candidates between two
//! paths of a segment.

/// How many of the indices `0..len` `holds` is true for, when it holds for a leading run of
/// them only (true, …, true, false, …, false).
pub fn leading(len: usize, mut holds: impl FnMut(usize) -> bool) -> usize {
    let (mut lo, mut step) = (0, 1);
    while lo + step <= len && holds(lo + step - 1) {
        lo += step;
        step *= 2;
    }
    // `holds` is true below `lo`, false at `hi` (or `hi` is the end).
    let mut hi = (lo + step - 1).min(len);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if holds(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// How many of the indices `0..len` `holds` is true for, when it holds for a trailing run of
/// them only, counted from the end.
pub fn trailing(len: usize, mut holds: impl FnMut(usize) -> bool) -> usize {
    leading(len, |i| holds(len - 1 - i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_run_is_counted_from_either_end() {
        for len in 0..70usize {
            for run in 0..=len {
                let mut tests = 0;
                let got = leading(len, |i| {
                    tests += 1;
                    i < run
                });
                assert_eq!(got, run, "leading {run} of {len}");
                // Twice the logarithm of the run, and a few more.
                assert!(tests <= 2 * (usize::BITS - run.leading_zeros()) as usize + 2);
                assert_eq!(
                    trailing(len, |i| i >= len - run),
                    run,
                    "trailing {run} of {len}"
                );
            }
        }
    }
}
