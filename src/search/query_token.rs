//! Splitting what is typed into tokens: words, quoted phrases, `-` for "not", and `OR`.
//!
//! Kept apart from the meaning of keys (`query_key`) so the rules for quotes live in one place:
//! whitespace outside quotes separates tokens, quotes (`"…"` or `“…”`) may start mid-token
//! (`cat:"a b"`), and an unclosed quote runs to the end, since the reader parses on every key.

/// One token as typed, quotes removed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Token {
    pub text: String,
    /// Where in `text` the first quote opened; `None` when the token was not quoted.
    pub quoted_at: Option<usize>,
    /// Written with a leading `-` outside quotes (the `-` is not in `text`).
    pub negated: bool,
}

impl Token {
    /// The bare word `OR` (not quoted, not negated): joins the terms on either side.
    pub fn is_or(&self) -> bool {
        self.text == "OR" && self.quoted_at.is_none() && !self.negated
    }

    /// `(key, value)` when the token is `key:value` with the colon outside quotes and a key
    /// of ASCII letters (lowercased). Whether the key is known is for the caller to say.
    pub fn key_value(&self) -> Option<(String, &str)> {
        let colon = self.text.find(':')?;
        if self.quoted_at.is_some_and(|q| q <= colon) {
            return None;
        }
        let key = &self.text[..colon];
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        Some((key.to_ascii_lowercase(), &self.text[colon + 1..]))
    }
}

/// Splits on whitespace outside quotes. A `-` that starts a token outside quotes, with
/// something after it, negates the token (`-word`, `-"a phrase"`, `-cat:x`).
pub(super) fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut current: Option<Token> = None;
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' | '“' | '”' => {
                let token = current.get_or_insert_with(Token::default);
                token.quoted_at.get_or_insert(token.text.len());
                quoted = !quoted;
            }
            c if c.is_whitespace() && !quoted => out.extend(current.take()),
            '-' if !quoted && current.is_none() => {
                current = Some(Token {
                    negated: true,
                    ..Token::default()
                });
            }
            c => current.get_or_insert_with(Token::default).text.push(c),
        }
    }
    out.extend(current);
    // A lone `-` (or `--`) negates nothing: it is the word itself.
    for t in &mut out {
        if t.negated && t.text.is_empty() && t.quoted_at.is_none() {
            t.negated = false;
            t.text.push('-');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Vec<String> {
        tokens(text)
            .iter()
            .map(|t| {
                let q = if t.quoted_at.is_some() { "q" } else { "" };
                let n = if t.negated { "-" } else { "" };
                format!("{n}{}{q}", t.text)
            })
            .collect()
    }

    #[test]
    fn quotes_negation_and_or() {
        assert_eq!(
            shown(r#" a  -b "c d" -"e f" cat:"x y" OR - 中文-词 “短 语” "#),
            [
                "a",
                "-b",
                "c dq",
                "-e fq",
                "cat:x yq",
                "OR",
                "-",
                "中文-词",
                "短 语q"
            ]
        );
        assert_eq!(shown("\"unclosed phr"), ["unclosed phrq"]);
        assert!(tokens("OR").iter().all(Token::is_or));
        assert!(!tokens("\"OR\"")[0].is_or());
        assert!(!tokens("-OR")[0].is_or());
        assert!(!tokens("or")[0].is_or());
    }

    #[test]
    fn keys_are_ascii_letters_before_an_unquoted_colon() {
        let kv = |t: &str| tokens(t)[0].key_value().map(|(k, v)| (k, v.to_string()));
        assert_eq!(kv("CAT:a/b"), Some(("cat".into(), "a/b".into())));
        assert_eq!(kv("-is:unread"), Some(("is".into(), "unread".into())));
        assert_eq!(kv("cat:\"a b\""), Some(("cat".into(), "a b".into())));
        assert_eq!(kv("\"cat:x\""), None);
        assert_eq!(kv("10:30"), None);
        assert_eq!(kv("作者:某"), None);
        assert_eq!(kv(":x"), None);
    }
}
