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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_everything_else_plural() {
        assert_eq!(count(1, "article"), "1 article");
        assert_eq!(count(0, "article"), "0 articles");
        assert_eq!(count(2, "problem"), "2 problems");
        assert_eq!(noun(1, "Article"), "Article");
    }
}
