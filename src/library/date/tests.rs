//! One test per date form in FORMAT.md, checked against exact UTC instants.

use super::*;
use chrono::TimeZone;

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()
}

fn at(text: &str) -> (String, bool) {
    let p = parse(text).unwrap_or_else(|| panic!("{text:?} did not parse"));
    (p.at.to_rfc3339(), p.zone_assumed)
}

#[test]
fn rfc2822_gmt() {
    assert_eq!(
        at("Thu, 06 Jan 2022 16:13:50 GMT"),
        ("2022-01-06T16:13:50+00:00".into(), false)
    );
}

#[test]
fn rfc2822_with_wrong_weekday() {
    // 6 January 2022 was a Thursday.
    assert_eq!(
        at("Mon, 06 Jan 2022 16:13:50 GMT"),
        ("2022-01-06T16:13:50+00:00".into(), false)
    );
    assert_eq!(
        at("Sunday, 6 Jan 2022 16:13 +0000").0,
        "2022-01-06T16:13:00+00:00"
    );
}

#[test]
fn rfc2822_with_numeric_zone() {
    assert_eq!(
        parse("Thu, 06 Jan 2022 16:13:50 +0800").unwrap().at,
        utc(2022, 1, 6, 8, 13, 50)
    );
}

#[test]
fn rfc3339_with_offset_and_z() {
    assert_eq!(
        parse("2021-10-10T11:06:15+08:00").unwrap().at,
        utc(2021, 10, 10, 3, 6, 15)
    );
    assert_eq!(
        at("2021-10-10T11:06:15Z"),
        ("2021-10-10T11:06:15+00:00".into(), false)
    );
    assert_eq!(
        parse("2021-10-10T11:06:15.250+0800")
            .unwrap()
            .at
            .timestamp(),
        utc(2021, 10, 10, 3, 6, 15).timestamp()
    );
    assert_eq!(
        parse("2021-10-10 11:06:15 +08:00").unwrap().at,
        utc(2021, 10, 10, 3, 6, 15)
    );
}

#[test]
fn iso_without_zone_is_utc_assumed() {
    let expected = ("2021-10-10T11:06:15+00:00".to_string(), true);
    assert_eq!(at("2021-10-10 11:06:15"), expected);
    assert_eq!(at("2021-10-10T11:06:15"), expected);
    assert_eq!(
        at("2021-10-10 11:06"),
        ("2021-10-10T11:06:00+00:00".into(), true)
    );
}

fn day(text: &str) -> Option<NaiveDate> {
    parse(text)
        .filter(|p| p.day_only)
        .map(|p| p.at.date_naive())
}

#[test]
fn bare_day_is_a_calendar_day() {
    let may13 = NaiveDate::from_ymd_opt(2019, 5, 13);
    assert_eq!(day("2019-05-13"), may13);
    assert_eq!(day("20190513"), may13);
    assert_eq!(day("2019/05/13"), may13);
    assert_eq!(parse("2019-05-13"), Some(Parsed::day(may13.unwrap())));
    // A time, even midnight, makes it an instant.
    assert_eq!(day("2019-05-13 00:00"), None);
    assert_eq!(day("2019-05-13T00:00:00Z"), None);
    assert!(parse("2019-05-13 08:00").unwrap().zone_assumed);
}

#[test]
fn day_and_zone_with_double_space_is_still_that_day() {
    assert_eq!(
        day("2018-02-24  +0800"),
        NaiveDate::from_ymd_opt(2018, 2, 24)
    );
    assert_eq!(
        parse("2018-02-24 08:00 +0800").unwrap().at,
        utc(2018, 2, 24, 0, 0, 0)
    );
}

#[test]
fn quotes_and_whitespace_are_trimmed() {
    assert_eq!(at("  '2019-05-13' ").0, "2019-05-13T00:00:00+00:00");
    assert_eq!(
        at("\"Thu, 06 Jan 2022 16:13:50 GMT\"").0,
        "2022-01-06T16:13:50+00:00"
    );
}

#[test]
fn unreadable_texts_are_none() {
    for text in [
        "Invalid Date",
        "",
        "  ",
        "''",
        "garbage",
        "2019-13-01",
        "2019-02-30",
        "2019-05-13 25:00",
        "Thu, 32 Jan 2022 16:13:50 GMT",
        "0001-01-01T00:00:00Z",
        "99999999999-01-01",
        "2018-02-24 +9999",
        "1, 06 Jan 2022",
        "true",
    ] {
        assert_eq!(parse(text), None, "{text:?}");
    }
    assert_eq!(parse(&"2019-05-13 ".repeat(100_000)), None);
}

#[test]
fn file_name_dates() {
    let day = utc(2019, 5, 13, 0, 0, 0);
    for name in [
        "20190513 slug.md",
        "2019-05-13-slug.md",
        "2019-05-13 slug.md",
        "a/b/2019_05_13.md",
    ] {
        assert_eq!(
            from_path(Path::new(name)),
            Some((day, DateSource::FileName)),
            "{name}"
        );
    }
}

#[test]
fn folder_dates() {
    let day = utc(2019, 5, 13, 0, 0, 0);
    assert_eq!(
        from_path(Path::new("blog/2019/05/13/slug.md")),
        Some((day, DateSource::Path))
    );
    assert_eq!(
        from_path(Path::new("2019/5/13/slug.md")),
        Some((day, DateSource::Path))
    );
    assert_eq!(
        from_path(Path::new("x/2019-05-13/slug.md")),
        Some((day, DateSource::Path))
    );
    // The file name wins over the folders.
    assert_eq!(
        from_path(Path::new("2018/01/01/2019-05-13-slug.md")),
        Some((day, DateSource::FileName))
    );
}

#[test]
fn names_that_are_not_dates() {
    for name in [
        "000_3a4de184f6ac436d.txt",
        "新媒体/观察者网/头条/000_3a4de184f6ac436d.txt",
        "20190513abcdef.txt",
        "201905131.md",
        "19690101 old.md",
        "20191332 x.md",
        "2019/05/slug.md",
        "2019/13/01/x.md",
        "2019/02/30/x.md",
        "12345678/x.md",
        "../2019-05-1.md",
    ] {
        assert_eq!(from_path(Path::new(name)), None, "{name}");
    }
}

#[test]
fn resolve_prefers_the_front_matter() {
    let path = Path::new("20190513 slug.md");
    assert_eq!(
        resolve(Some("Thu, 06 Jan 2022 16:13:50 GMT"), path),
        (
            parse("Thu, 06 Jan 2022 16:13:50 GMT"),
            DateSource::FrontMatter,
            None
        )
    );
}

#[test]
fn resolve_falls_back_with_a_warning() {
    let (date, source, warning) = resolve(Some("Invalid Date"), Path::new("20190513 slug.md"));
    assert_eq!((date, source), (parse("2019-05-13"), DateSource::FileName));
    assert!(date.unwrap().day_only);
    assert_eq!(
        warning.as_deref(),
        Some("unreadable date \"Invalid Date\"; date taken from the file name")
    );
    let (_, source, warning) = resolve(Some("soon"), Path::new("2019/05/13/x.md"));
    assert_eq!(source, DateSource::Path);
    assert_eq!(
        warning.as_deref(),
        Some("unreadable date \"soon\"; date taken from the folder names")
    );
    assert_eq!(
        resolve(Some("Invalid Date"), Path::new("x.md")),
        (
            None,
            DateSource::None,
            Some("unreadable date \"Invalid Date\"; the article has no date".into())
        )
    );
}

#[test]
fn resolve_without_front_date_is_silent() {
    assert_eq!(
        resolve(None, Path::new("x.md")),
        (None, DateSource::None, None)
    );
    assert_eq!(
        resolve(Some("  "), Path::new("x.md")),
        (None, DateSource::None, None)
    );
    assert_eq!(
        resolve(None, Path::new("2019-05-13-x.md")),
        (parse("2019-05-13"), DateSource::FileName, None)
    );
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn parse_any(text in "\\PC{0,100}", shaped in "[0-9 :TZ+,-]{0,40}") {
            let _ = parse(&text);
            let _ = parse(&shaped);
            let _ = from_path(Path::new(&text));
            let _ = resolve(Some(&shaped), Path::new(&shaped));
        }
    }
}
