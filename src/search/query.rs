//! What the user types, parsed: the one query language of `/` in the reader, `list --search`
//! and saved views.
//!
//! A query is words and `"phrases"` (each found in the metadata or the body), `key:value`
//! filters (`query_key`), `-` before any of them to exclude, and `OR` between them. `OR` binds
//! tighter than the implicit AND, as in notmuch and Gmail: `a b OR c` is a AND (b OR c). So a
//! query is a list of clauses that must all hold, each a list of alternatives — a form that
//! evaluates in one pass and needs no parentheses.
//!
//! Parsing is lenient where typing is in progress (an unclosed quote runs to the end, `cat:`
//! with nothing after it and a dangling `OR` are ignored) and strict where a guess would
//! mislead: a bad date or an unknown key (ASCII letters before a colon, `foo:bar`) is an
//! error naming what was expected, never an empty list. A colon elsewhere is text (`10:30`,
//! `"foo:bar"` in quotes, and URLs: `http://…`, whose value starts with `//`).

use super::needle::Needle;
use super::query_key::{Calendar, KEYS, KeyTest};
use super::query_token::tokens;
use crate::library::filter::start_of_day;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

/// At most this many text terms (term sets are bit masks), and as many key filters.
pub const MAX_TERMS: usize = 64;

/// A parsed search: every clause must hold; a clause holds when one of its alternatives does.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// Text terms; bit `i` of a term mask is term `i`.
    pub(crate) terms: Vec<Term>,
    /// Key filters; bit `i` of a key mask is filter `i`.
    pub(crate) keys: Vec<KeyTest>,
    pub(crate) clauses: Vec<Vec<Literal>>,
}

/// One text term: a word, or a quoted phrase.
#[derive(Debug, Clone)]
pub struct Term {
    /// As typed, quotes removed.
    pub text: String,
    /// Typed in quotes.
    pub phrase: bool,
    /// Typed with `-`: articles holding it are left out (and it is not highlighted).
    pub excluded: bool,
    pub(crate) needle: Needle,
}

/// One alternative of a clause: a text term or a key filter, maybe negated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Literal {
    pub atom: Atom,
    pub negated: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Atom {
    /// Index into `Query::terms`.
    Text(usize),
    /// Index into `Query::keys`.
    Key(usize),
}

impl Query {
    /// Parses `text`. `start_of_day` gives the first instant of a day in the zone days are
    /// counted in (the configured one, for the reader and `list` alike), `today` is today
    /// there (for counts back such as `since:7d`). Errors are short messages for a status bar.
    pub fn parse(
        text: &str,
        start_of_day: impl Fn(NaiveDate) -> DateTime<Utc>,
        today: NaiveDate,
    ) -> Result<Query, String> {
        let calendar = Calendar {
            start_of_day: &start_of_day,
            today,
        };
        let mut query = Query::default();
        // Set by `OR`: the next alternative joins the last clause.
        let mut join = false;
        for token in tokens(text) {
            if token.is_or() {
                join = !query.clauses.is_empty();
                continue;
            }
            let atom = match token.key_value() {
                Some((key, value)) if KEYS.contains(&key.as_str()) => {
                    let Some(test) = KeyTest::parse(&key, value, &calendar)? else {
                        continue;
                    };
                    if query.keys.len() == MAX_TERMS {
                        return Err(format!("too many filters (at most {MAX_TERMS})"));
                    }
                    query.keys.push(test);
                    Atom::Key(query.keys.len() - 1)
                }
                Some((key, value)) if !value.is_empty() && !value.starts_with("//") => {
                    return Err(unknown_key(&key));
                }
                _ => {
                    let Some(needle) = Needle::new(&token.text) else {
                        continue;
                    };
                    if query.terms.len() == MAX_TERMS {
                        return Err(format!("too many words (at most {MAX_TERMS})"));
                    }
                    query.terms.push(Term {
                        phrase: token.quoted_at.is_some(),
                        excluded: token.negated,
                        text: token.text,
                        needle,
                    });
                    Atom::Text(query.terms.len() - 1)
                }
            };
            let literal = Literal {
                atom,
                negated: token.negated,
            };
            match query.clauses.last_mut() {
                Some(clause) if join => clause.push(literal),
                _ => query.clauses.push(vec![literal]),
            }
            join = false;
        }
        query.check_range()?;
        Ok(query)
    }

    /// [`Query::parse`] with days counted in `zone` (`&Utc` or `&Local`) and today's date there.
    pub fn parse_in<Tz: TimeZone>(text: &str, zone: &Tz) -> Result<Query, String> {
        let today = Utc::now().with_timezone(zone).date_naive();
        Query::parse(text, |d| start_of_day(d, zone), today)
    }

    /// A `since:` after an `until:` (both required, not alternatives) can match nothing: that
    /// is a mistake to point out, not an empty list.
    fn check_range(&self) -> Result<(), String> {
        let required = self.clauses.iter().filter_map(|c| match c[..] {
            [
                Literal {
                    atom: Atom::Key(k),
                    negated: false,
                },
            ] => self.keys[k].days(),
            _ => None,
        });
        let (mut since, mut until): (Option<NaiveDate>, Option<NaiveDate>) = (None, None);
        for (s, u) in required {
            since = since.max(s);
            until = match (until, u) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
        match (since, until) {
            (Some(s), Some(u)) if s > u => Err(format!("since:{s} is after until:{u}")),
            _ => Ok(()),
        }
    }

    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// Nothing typed that filters: everything matches.
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// The query has words to look for in the text (what the reader highlights).
    pub fn has_words(&self) -> bool {
        self.terms.iter().any(|t| !t.excluded)
    }

    /// Some word or phrase is excluded with `-`: finding it in a body can rule an article out.
    pub fn excludes_words(&self) -> bool {
        self.terms.iter().any(|t| t.excluded)
    }

    /// The set of all terms, as a mask (bit `i` = term `i`).
    pub fn all_terms(&self) -> u64 {
        match self.terms.len() {
            MAX_TERMS => u64::MAX,
            n => (1u64 << n) - 1,
        }
    }
}

fn unknown_key(key: &str) -> String {
    let known: Vec<String> = KEYS.iter().map(|k| format!("{k}:")).collect();
    format!(
        "unknown key {key}: (known: {}; quote \"{key}:…\" to search for the text)",
        known.join(" ")
    )
}

#[cfg(test)]
#[path = "query_tests.rs"]
mod tests;
