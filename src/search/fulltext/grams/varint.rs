//! LEB128 variable-length integers: the postings' numbers are mostly small deltas, a byte each.

/// Appends `n` to `out`, seven bits a byte, low bits first.
#[inline]
pub(crate) fn put(out: &mut Vec<u8>, mut n: u64) {
    if n < 0x80 {
        out.push(n as u8);
        return;
    }
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The number at `*at` in `bytes`, moving `*at` past it; `None` when the bytes end inside it
/// or it is longer than a `u64` (a damaged file).
#[inline]
pub(crate) fn get(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut n = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        n |= u64::from(b & 0x7F) << shift;
        if b < 0x80 {
            return Some(n);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn numbers_read_back(ns in proptest::collection::vec(any::<u64>(), 0..50)) {
            let mut out = Vec::new();
            for &n in &ns {
                put(&mut out, n);
            }
            let mut at = 0;
            for &n in &ns {
                prop_assert_eq!(get(&out, &mut at), Some(n));
            }
            prop_assert_eq!(at, out.len());
            prop_assert_eq!(get(&out, &mut at), None);
        }
    }

    #[test]
    fn small_numbers_take_a_byte() {
        let mut out = Vec::new();
        put(&mut out, 127);
        put(&mut out, 128);
        assert_eq!(out, [0x7F, 0x80, 0x01]);
    }
}
