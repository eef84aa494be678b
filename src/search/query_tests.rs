//! The query language: parsing (words, phrases, `-`, `OR`, every key, errors) and what each
//! query selects from a small library held in memory.

use super::*;
use crate::library::Article;
use crate::search::query_key::KeyTest;
use crate::search::{Context, Known, Verdict};
use crate::store::Entry;
use chrono::{Duration, TimeZone};
use std::path::PathBuf;

/// Today, for counts back (`since:7d`).
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 5, 5).unwrap()
}

fn parse(text: &str) -> Result<Query, String> {
    Query::parse(text, |d| start_of_day(d, &Utc), today())
}

fn words(q: &Query) -> Vec<(&str, bool)> {
    q.terms()
        .iter()
        .map(|t| (t.text.as_str(), t.phrase))
        .collect()
}

/// Three articles: 0 is read, 1 is starred, 2 is neither and has no date.
fn library() -> Vec<Article> {
    let at = |y, m, d| Some(Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap());
    vec![
        Article {
            author: Some("Jane Doe".into()),
            categories: ["新媒体", "观察者网", "头条"].into(),
            tags: ["Travel"].into(),
            date: at(2022, 5, 3),
            ..Article::new("/lib/ruanyf/2022/a.md", "Zanzibar ferries")
        },
        Article {
            author: Some("王五".into()),
            flat_categories: ["随笔"].into(),
            tags: ["政治"].into(),
            date: at(2021, 12, 31),
            ..Article::new("/lib/guancha/b.md", "托卡耶夫 访华")
        },
        Article::new("/lib/c.md", "Weekly digest"),
    ]
}

/// The ids of the articles `text` selects on metadata and keys.
fn selects(text: &str) -> Vec<usize> {
    let q = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    let roots = [PathBuf::from("/lib")];
    let state = |id, _: &Article| Entry {
        read: id == 0,
        starred: id == 1,
        ..Entry::default()
    };
    let cx = Context {
        roots: &roots,
        state: &state,
    };
    let articles = library();
    (articles.iter().enumerate())
        .filter(|(id, a)| q.matches_meta_with(*id, a, &cx, q.meta_hits(a)))
        .map(|(id, _)| id)
        .collect()
}

#[test]
fn words_and_phrases() {
    let q =
        parse("  Hello  \"two words\" 托卡耶夫 “中文 短语” http://x.y \"\" 10:30 Note:").unwrap();
    assert_eq!(
        words(&q),
        [
            ("Hello", false),
            ("two words", true),
            ("托卡耶夫", false),
            ("中文 短语", true),
            ("http://x.y", false),
            ("10:30", false),
            ("Note:", false),
        ]
    );
    assert!(q.keys.is_empty());
    assert_eq!(q.clauses.len(), 7);
    assert_eq!(
        words(&parse("\"unclosed phr").unwrap()),
        [("unclosed phr", true)]
    );
    assert_eq!(q.all_terms(), 0b111_1111);
    assert!(parse("").unwrap().is_empty());
    assert_eq!(selects("zanzibar"), [0]);
    assert_eq!(selects("\"zanzibar ferries\""), [0]);
    assert_eq!(selects("\"ferries zanzibar\""), [] as [usize; 0]);
    assert_eq!(selects(""), [0, 1, 2]);
}

#[test]
fn minus_excludes_and_is_not_highlighted() {
    let q = parse("-zanzibar weekly -\"a b\"").unwrap();
    let excluded: Vec<bool> = q.terms().iter().map(|t| t.excluded).collect();
    assert_eq!(excluded, [true, false, true]);
    assert!(q.excludes_words());
    assert_eq!(q.find_in_line("zanzibar weekly"), [(9, 15)]);
    assert_eq!(selects("-zanzibar"), [1, 2]);
    assert_eq!(selects("-zanzibar -托卡耶夫"), [2]);
    // A lone `-` is a word, not an exclusion of nothing.
    assert_eq!(words(&parse("a - b").unwrap())[1], ("-", false));
}

#[test]
fn or_binds_tighter_than_and() {
    assert_eq!(parse("a b OR c").unwrap().clauses.len(), 2);
    assert_eq!(selects("zanzibar OR 托卡耶夫"), [0, 1]);
    // ferries AND (weekly OR zanzibar)
    assert_eq!(selects("ferries weekly OR zanzibar"), [0]);
    // (zanzibar OR weekly) AND digest
    assert_eq!(selects("zanzibar OR weekly digest"), [2]);
    assert_eq!(selects("cat:观察者网 OR tag:政治"), [0, 1]);
    assert_eq!(selects("-zanzibar OR -托卡耶夫"), [0, 1, 2]);
    // A dangling `OR` (still typing) joins nothing.
    assert_eq!(selects("zanzibar OR"), [0]);
    assert_eq!(selects("OR zanzibar"), [0]);
    assert_eq!(selects("zanzibar OR OR weekly"), [0, 2]);
    // Lower case or quoted, it is a word.
    assert_eq!(selects("zanzibar or weekly"), [] as [usize; 0]);
}

#[test]
fn cat_matches_a_name_or_path_at_any_depth() {
    assert_eq!(selects("cat:观察者网"), [0]);
    assert_eq!(selects("cat:新媒体/观察者网"), [0]);
    assert_eq!(selects("cat:新媒体›观察者网"), [0]);
    assert_eq!(selects("cat:观察者网/头条"), [0]);
    assert_eq!(selects("cat:头条/观察者网"), [] as [usize; 0]);
    assert_eq!(selects("cat:观察者"), [] as [usize; 0]);
    assert_eq!(selects("cat:随笔"), [1]);
    assert_eq!(selects("-cat:观察者网"), [1, 2]);
    assert_eq!(selects("CAT:\"新媒体 / 观察者网\" zanzibar"), [0]);
    // Still being typed: ignored.
    assert_eq!(selects("cat: zanzibar"), [0]);
}

#[test]
fn tag_author_and_source() {
    assert_eq!(selects("tag:travel"), [0]);
    assert_eq!(selects("tag:trav"), [] as [usize; 0]);
    assert_eq!(selects("tag:政治"), [1]);
    assert_eq!(selects("-tag:政治"), [0, 2]);
    assert_eq!(selects("author:jane"), [0]);
    assert_eq!(selects("author:\"jane doe\""), [0]);
    assert_eq!(selects("author:王"), [1]);
    assert_eq!(selects("-author:jane"), [1, 2]);
    assert_eq!(selects("source:ruanyf"), [0]);
    assert_eq!(selects("source:GUANCHA"), [1]);
    assert_eq!(selects("source:lib"), [2]);
    assert_eq!(selects("source:ruan"), [] as [usize; 0]);
    // Without roots, no article has a source.
    let q = parse("source:ruanyf").unwrap();
    let a = &library()[0];
    assert!(!q.matches_meta_with(0, a, &Context::none(), 0));
}

#[test]
fn since_and_until_take_days_months_years_and_counts_back() {
    assert_eq!(selects("since:2022"), [0]);
    assert_eq!(selects("until:2021"), [1]);
    assert_eq!(selects("since:2021-12 until:2021-12"), [1]);
    assert_eq!(selects("since:2022-05-03 until:2022-05-03"), [0]);
    assert_eq!(selects("since:2022-05-04"), [] as [usize; 0]);
    assert_eq!(selects("since:2022-5"), [0]);
    // Today is 2022-05-05: the 3rd is within the last 7 days, the 31st of December is not.
    assert_eq!(selects("since:7d"), [0]);
    assert_eq!(selects("until:7d"), [1]);
    assert_eq!(selects("since:1w"), [0]);
    assert_eq!(selects("since:2d"), [] as [usize; 0]);
    assert_eq!(selects("since:6m"), [0, 1]);
    assert_eq!(selects("until:1y"), [] as [usize; 0]);
    // Undated articles pass no date bound, so they pass its negation.
    assert_eq!(selects("-since:2022"), [1, 2]);
}

#[test]
fn days_follow_the_given_zone() {
    let zone = chrono::FixedOffset::east_opt(8 * 3600).unwrap();
    let q = Query::parse_in("since:2022-01", &zone).unwrap();
    let KeyTest::Date(f) = &q.keys[0] else {
        panic!("{:?}", q.keys)
    };
    assert_eq!(
        f.since.map(|b| b.at),
        Some(Utc.with_ymd_and_hms(2021, 12, 31, 16, 0, 0).unwrap())
    );
    let q = parse("until:2022-01").unwrap();
    let KeyTest::Date(f) = &q.keys[0] else {
        panic!("{:?}", q.keys)
    };
    assert_eq!(
        f.until.map(|b| b.at),
        Some(Utc.with_ymd_and_hms(2022, 1, 31, 0, 0, 0).unwrap() + Duration::days(1))
    );
}

#[test]
fn is_reads_the_reading_state() {
    assert_eq!(selects("is:unread"), [1, 2]);
    assert_eq!(selects("-is:unread"), [0]);
    assert_eq!(selects("is:read"), [0]);
    assert_eq!(selects("IS:Starred"), [1]);
    assert_eq!(selects("is:unread -is:starred"), [2]);
    assert_eq!(selects("is:starred OR is:read"), [0, 1]);
}

#[test]
fn errors_say_what_was_expected() {
    assert_eq!(
        parse("zanzibar foo:bar").unwrap_err(),
        "unknown key foo: (known: cat: tag: author: source: since: until: is:; \
         quote \"foo:…\" to search for the text)"
    );
    assert!(
        parse("-Title:x")
            .unwrap_err()
            .starts_with("unknown key title:")
    );
    assert!(parse("\"foo:bar\" https://x.y ftp:").is_ok());
    let not_a_date = ": expected YYYY-MM-DD, YYYY-MM, YYYY or a count back from today \
                      (7d, 2w, 3m, 1y)";
    assert_eq!(
        parse("since:2022-13").unwrap_err(),
        format!("since:2022-13 is not a date{not_a_date}")
    );
    assert_eq!(
        parse("until:yesterday").unwrap_err(),
        format!("until:yesterday is not a date{not_a_date}")
    );
    assert_eq!(
        parse("is:new").unwrap_err(),
        "is:new: expected is:unread, is:read or is:starred"
    );
    assert_eq!(
        parse("since:2022-02 until:2022-01").unwrap_err(),
        "since:2022-02-01 is after until:2022-01-31"
    );
    // As alternatives they are no contradiction.
    assert!(parse("since:2022-02 OR until:2022-01").is_ok());
    let many = (0..65).map(|i| format!("w{i} ")).collect::<String>();
    assert_eq!(parse(&many).unwrap_err(), "too many words (at most 64)");
    assert_eq!(
        parse(&many[..many.len() - 4]).unwrap().all_terms(),
        u64::MAX
    );
}

#[test]
fn verdicts_wait_for_the_body_only_when_it_matters() {
    // a AND NOT b AND (c OR cat:x)
    let q = parse("a -b c OR cat:x").unwrap();
    let (a, b, c) = (1, 2, 4);
    let v = |keys, found, unknown| {
        q.verdict(Known {
            keys,
            found,
            unknown,
        })
    };
    assert_eq!(v(0, a, b | c), Verdict::Maybe);
    assert_eq!(v(1, a, b), Verdict::Maybe);
    assert_eq!(v(1, a | b, c), Verdict::No);
    assert_eq!(v(1, a, 0), Verdict::Yes);
    assert_eq!(v(0, a | c, 0), Verdict::Yes);
    assert_eq!(v(0, 0, b | c), Verdict::No);
}

#[test]
fn the_scan_reads_bodies_for_exclusions_and_alternatives() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, title: &str, body: &str| {
        let text = format!(
            "---\ntitle: {title}\ndate: 2022-01-0{}\n---\n<p>{body}</p>\n",
            name.len()
        );
        std::fs::write(dir.path().join(name), text).unwrap();
    };
    write("a.html", "Ferry news", "The boat to Zanzibar was late.");
    write("bb.html", "Ferry timetable", "渡轮 timetable only.");
    write("ccc.html", "Harbour", "Nothing about boats; 桑给巴尔 only.");
    let library = crate::library::Library::load(&[dir.path().to_path_buf()]);
    let titles = |text: &str| {
        let q = parse(text).unwrap();
        let hits: Vec<u64> = library.articles.iter().map(|a| q.meta_hits(a)).collect();
        let candidates = q.candidates_in(&library.articles, &hits, &Context::none());
        let mut found: Vec<&str> = super::super::scan_blocking(library.origin, candidates, &q)
            .into_iter()
            .map(|id| &*library.articles[id].title)
            .collect();
        found.sort_unstable();
        found
    };
    assert_eq!(titles("ferry -zanzibar"), ["Ferry timetable"]);
    assert_eq!(titles("zanzibar OR 桑给巴尔"), ["Ferry news", "Harbour"]);
    assert_eq!(titles("-ferry"), ["Harbour"]);
    assert_eq!(
        titles("-\"boat to zanzibar\" OR 桑给巴尔"),
        ["Ferry timetable", "Harbour"]
    );
    assert_eq!(titles("ferry -渡轮 -zanzibar"), [] as [&str; 0]);
}
