//! Counted nouns as a reader writes them: `1 article`, `2 articles`, `0 problems`. Every count
//! shown to a person (status bar, list title, `check`) goes through here so none reads
//! `1 problems`. Only regular English nouns are counted, so adding `s` is the whole rule.

/// `noun` as it goes with the number `n`: singular for exactly one.
pub fn noun(n: usize, noun: &str) -> String {
    if n == 1 {
        noun.to_string()
    } else {
        format!("{noun}s")
    }
}

/// `n` and its noun: `1 article`, `3 articles`.
pub fn count(n: usize, singular: &str) -> String {
    format!("{n} {}", noun(n, singular))
}

/// `12,497`: a number with its thousands grouped by commas, for counts a person reads at a
/// glance (the list title's position).
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(12497), "12,497");
        assert_eq!(grouped(1234567), "1,234,567");
    }

    #[test]
    fn one_is_singular_everything_else_plural() {
        assert_eq!(count(1, "article"), "1 article");
        assert_eq!(count(0, "article"), "0 articles");
        assert_eq!(count(2, "problem"), "2 problems");
        assert_eq!(noun(1, "Article"), "Article");
    }
}
