//! The metadata of one article: small, kept for every file in memory. The body is not kept;
//! [`super::Library::read_body`] reads it again when the article is opened.
//!
//! What articles repeat (authors, categories, tags, front matter entries) is held as shared
//! [`Text`], [`Names`] and [`Pairs`] (`intern.rs`), what is each article's own as boxed text without
//! spare capacity: at a million articles every field's bytes count.

use super::date::DateSource;
use super::front_matter::FrontMatterKind;
use super::intern::{Names, Pairs, Text};
use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Where the file is: a real path, or `<sample>/NAME` for the embedded sample library.
    pub path: Box<Path>,
    /// Clean one-line title; never empty (falls back to a heading, then the file name).
    pub title: Box<str>,
    pub author: Option<Text>,
    /// The category hierarchy, outermost first (group › source › channel in the primary format).
    pub categories: Names,
    /// Flat categories (`category`, or `categories` given as one string).
    pub flat_categories: Names,
    pub tags: Names,
    /// When the article was published. For a day-only date this is the day's midnight UTC,
    /// an encoding that keeps reading-state keys stable: read it through [`Article::when`].
    pub date: Option<DateTime<Utc>>,
    /// True when `date` names a calendar day (no time was written, or it came from the path):
    /// the same day in every zone, shown and filtered without a time.
    pub day_only: bool,
    pub date_source: DateSource,
    /// The header image (`headimg`/`thumbnail`), a remote URL, never fetched.
    pub image: Option<Box<str>>,
    pub front_matter: FrontMatterKind,
    /// Front matter entries gazette has no use for, kept so nothing read is lost: the whole
    /// list shared by every article that has the same short entries (see [`Pairs::new`]).
    pub extra: Pairs,
    /// True when the file was read with warnings (listed among the library's problems).
    pub has_warnings: bool,
}

impl Article {
    /// An article with only a path and a title: no date, author or categories. The loader
    /// fills in the rest; tests and generated libraries start from here.
    pub fn new(path: impl Into<PathBuf>, title: impl Into<String>) -> Article {
        Article {
            path: path.into().into(),
            title: title.into().into(),
            author: None,
            categories: Names::default(),
            flat_categories: Names::default(),
            tags: Names::default(),
            date: None,
            day_only: false,
            date_source: DateSource::None,
            image: None,
            front_matter: FrontMatterKind::None,
            extra: Pairs::default(),
            has_warnings: false,
        }
    }

    /// The article's date as written: an instant, or a calendar day.
    pub fn when(&self) -> Option<When> {
        let at = self.date?;
        Some(if self.day_only {
            When::Day(at.date_naive())
        } else {
            When::At(at)
        })
    }

    /// Where the article sorts among others, newest first. A day-only article sorts at noon
    /// UTC of its day: in every zone from UTC−12 to UTC+12 that instant lies inside that same
    /// calendar day, so a day never sorts among a neighbouring day's articles, and the order
    /// is the same whatever the zone.
    pub fn sorts_at(&self) -> Option<DateTime<Utc>> {
        match self.when()? {
            When::At(at) => Some(at),
            When::Day(day) => Some(day.and_time(NOON).and_utc()),
        }
    }

    /// The source shown in lists: the hierarchy's second level (the feed), else the author.
    pub fn source(&self) -> &str {
        self.categories
            .get(1)
            .or(self.author.as_ref())
            .or(self.categories.first())
            .map_or("", Text::as_str)
    }

    /// The article's own address, from its front matter (`link`, `url`, `permalink` or
    /// `source`, in that order of preference, kept in `extra`): the first that is absolute
    /// (has a scheme). A relative permalink (`/2022/05/a/`) is no address to open.
    pub fn link(&self) -> Option<&str> {
        ["link", "url", "permalink", "source"]
            .iter()
            .find_map(|key| {
                self.extra
                    .iter()
                    .filter(|(k, _)| k.eq_ignore_ascii_case(key))
                    .map(|(_, v)| v.trim())
                    .find(|v| v.contains("://") || v.starts_with("mailto:"))
            })
    }

    /// The category hierarchy as `a/b/c`, or the flat categories joined with `, `.
    pub fn category_path(&self) -> String {
        if self.categories.is_empty() {
            self.flat_categories.join(", ")
        } else {
            self.categories.join("/")
        }
    }
}

const NOON: NaiveTime = NaiveTime::from_hms_opt(12, 0, 0).expect("noon exists");

/// An article's date: an instant, or a calendar day that is the same day in every zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    At(DateTime<Utc>),
    Day(NaiveDate),
}

impl When {
    /// The calendar day this date falls on in `zone`: a day is itself everywhere.
    pub fn day_in<Tz: TimeZone>(self, zone: &Tz) -> NaiveDate {
        match self {
            When::At(at) => at.with_timezone(zone).date_naive(),
            When::Day(day) => day,
        }
    }
}
