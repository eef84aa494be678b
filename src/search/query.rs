//! What the user types, parsed: text terms that must all match, and filters in the command
//! line's vocabulary (`cat:`, `since:`, `until:`) turned into a [`Filter`].
//!
//! Parsing is lenient where typing is in progress (an unclosed quote runs to the end, `cat:`
//! with nothing after it is ignored) and strict where a guess would mislead (a bad date is an
//! error for the status bar rather than a silently ignored bound).

use super::needle::Needle;
use crate::library::Filter;
use crate::library::filter::start_of_day;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

/// At most this many text terms (term sets are bit masks).
pub const MAX_TERMS: usize = 64;

/// A parsed search: every term must be found (in the metadata or the body), and the article
/// must pass `filter`.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub filter: Filter,
    pub(crate) terms: Vec<Term>,
}

/// One text term: a word, or a quoted phrase.
#[derive(Debug, Clone)]
pub struct Term {
    /// As typed, quotes removed.
    pub text: String,
    /// Typed in quotes.
    pub phrase: bool,
    pub(crate) needle: Needle,
}

impl Query {
    /// Parses `text`. `start_of_day` gives the first instant of a day in the zone days are
    /// counted in (the configured one, for the reader and `list` alike).
    ///
    /// Words are separated by whitespace; `"…"` (or `“…”`) quotes a phrase; `cat:PATH`,
    /// `since:YYYY-MM-DD` and `until:YYYY-MM-DD` (inclusive whole days) are filters; any other
    /// `xxx:` is text. Errors are short messages for a status bar.
    pub fn parse(
        text: &str,
        start_of_day: impl Fn(NaiveDate) -> DateTime<Utc>,
    ) -> Result<Query, String> {
        let mut query = Query::default();
        let (mut since, mut until) = (None, None);
        for token in tokens(text) {
            if let Some((key, value)) = token.filter() {
                let value = value.trim();
                if value.is_empty() {
                    continue;
                }
                match key {
                    Key::Cat => {
                        if !query.filter.category.is_empty() {
                            return Err("cat: given twice".into());
                        }
                        query.filter.category = Filter::parse_category(value);
                    }
                    Key::Since => set_once(&mut since, "since", value)?,
                    Key::Until => set_once(&mut until, "until", value)?,
                }
                continue;
            }
            if let Some(needle) = Needle::new(&token.text) {
                if query.terms.len() == MAX_TERMS {
                    return Err(format!("too many words (at most {MAX_TERMS})"));
                }
                query.terms.push(Term {
                    phrase: token.quoted_at.is_some(),
                    text: token.text,
                    needle,
                });
            }
        }
        if let (Some(s), Some(u)) = (since, until)
            && s > u
        {
            return Err(format!("since:{s} is after until:{u}"));
        }
        query.filter.set_days(since, until, start_of_day);
        Ok(query)
    }

    /// [`Query::parse`] with days counted in `zone` (`&Utc` or `&Local`).
    pub fn parse_in<Tz: TimeZone>(text: &str, zone: &Tz) -> Result<Query, String> {
        Query::parse(text, |d| start_of_day(d, zone))
    }

    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// No terms and no filter: everything matches.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.filter.is_empty()
    }

    /// The set of all terms, as a mask (bit `i` = term `i`).
    pub fn all_terms(&self) -> u64 {
        match self.terms.len() {
            MAX_TERMS => u64::MAX,
            n => (1u64 << n) - 1,
        }
    }
}

fn set_once(slot: &mut Option<NaiveDate>, key: &str, value: &str) -> Result<(), String> {
    if slot.is_some() {
        return Err(format!("{key}: given twice"));
    }
    let day = NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| format!("{key}:{value} is not a date (YYYY-MM-DD)"))?;
    *slot = Some(day);
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Cat,
    Since,
    Until,
}

#[derive(Debug, Default)]
struct Token {
    text: String,
    /// Where in `text` the first quote opened; `None` when the token was not quoted.
    quoted_at: Option<usize>,
}

impl Token {
    /// `key:value` when the token starts with a known key outside quotes.
    fn filter(&self) -> Option<(Key, &str)> {
        let colon = self.text.find(':')?;
        if self.quoted_at.is_some_and(|q| q <= colon) {
            return None;
        }
        let key = match self.text[..colon].to_ascii_lowercase().as_str() {
            "cat" => Key::Cat,
            "since" => Key::Since,
            "until" => Key::Until,
            _ => return None,
        };
        Some((key, &self.text[colon + 1..]))
    }
}

/// Splits on whitespace outside quotes; quotes are dropped and may appear mid-token
/// (`cat:"a b"`). An unclosed quote runs to the end.
fn tokens(text: &str) -> Vec<Token> {
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
            c => current.get_or_insert_with(Token::default).text.push(c),
        }
    }
    out.extend(current);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Query, String> {
        Query::parse_in(text, &Utc)
    }

    fn words(q: &Query) -> Vec<(&str, bool)> {
        q.terms()
            .iter()
            .map(|t| (t.text.as_str(), t.phrase))
            .collect()
    }

    #[test]
    fn words_and_phrases() {
        let q = parse("  Hello  \"two words\" 托卡耶夫 “中文 短语” http://x.y \"\" ").unwrap();
        assert_eq!(
            words(&q),
            [
                ("Hello", false),
                ("two words", true),
                ("托卡耶夫", false),
                ("中文 短语", true),
                ("http://x.y", false),
            ]
        );
        assert!(q.filter.is_empty());
        assert_eq!(
            words(&parse("\"unclosed phr").unwrap()),
            [("unclosed phr", true)]
        );
        assert_eq!(q.all_terms(), 0b11111);
        assert!(parse("").unwrap().is_empty());
    }

    #[test]
    fn filters() {
        let q = parse("cat:新媒体/观察者网 since:2022-01-01 until:2022-01-31 word").unwrap();
        assert_eq!(q.filter.category, ["新媒体", "观察者网"]);
        let day = |d| Utc.with_ymd_and_hms(2022, 1, d, 0, 0, 0).unwrap();
        assert_eq!(q.filter.since.map(|b| b.at), Some(day(1)));
        assert_eq!(
            q.filter.until.map(|b| b.at),
            Some(day(31) + chrono::Duration::days(1))
        );
        assert_eq!(words(&q), [("word", false)]);
        let q = parse("CAT:\"International/The Guardian\" foo:bar \"cat:x\" cat:").unwrap();
        assert_eq!(q.filter.category, ["International", "The Guardian"]);
        assert_eq!(words(&q), [("foo:bar", false), ("cat:x", true)]);
    }

    #[test]
    fn days_follow_the_given_zone() {
        let zone = chrono::FixedOffset::east_opt(8 * 3600).unwrap();
        let q = Query::parse_in("since:2022-01-01", &zone).unwrap();
        assert_eq!(
            q.filter.since.map(|b| b.at),
            Some(Utc.with_ymd_and_hms(2021, 12, 31, 16, 0, 0).unwrap())
        );
    }

    #[test]
    fn errors() {
        assert_eq!(
            parse("since:2022-13-01").unwrap_err(),
            "since:2022-13-01 is not a date (YYYY-MM-DD)"
        );
        assert!(parse("until:yesterday").is_err());
        assert!(parse("since:2022-02-01 until:2022-01-01").is_err());
        assert!(parse("cat:a cat:b").is_err());
        let many = (0..65).map(|i| format!("w{i} ")).collect::<String>();
        assert!(parse(&many).is_err());
        assert_eq!(
            parse(&many[..many.len() - 4]).unwrap().all_terms(),
            u64::MAX
        );
    }
}
