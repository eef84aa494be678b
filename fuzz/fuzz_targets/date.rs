//! `date::parse`, `date::from_path` and `date::resolve` on arbitrary text.
#![no_main]

use chrono::{Datelike, Timelike};
use gazette::library::date::{self, DateSource};
use gazette_fuzz::run;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    run(|| {
        if let Some(p) = date::parse(&text) {
            assert!(
                (1900..=2100).contains(&p.at.year()),
                "year out of range: {p:?}"
            );
            // What was read is written back the way the reader shows it, and reads the same.
            let again = date::parse(&p.at.to_rfc3339()).expect("own RFC 3339 output unreadable");
            assert_eq!(again.at, p.at, "RFC 3339 round trip");
            let again = date::parse(&p.at.to_rfc2822()).expect("own RFC 2822 output unreadable");
            // RFC 2822 has no fractional seconds (and a leap second reads back as :59 + 1 s).
            assert_eq!(
                again.at.timestamp(),
                p.at.timestamp(),
                "RFC 2822 round trip"
            );
        }
        if let Some((at, source)) = date::from_path(Path::new(&*text)) {
            assert!(
                (1970..=2100).contains(&at.year()),
                "path year out of range: {at}"
            );
            assert_eq!(
                (at.hour(), at.minute(), at.second()),
                (0, 0, 0),
                "not midnight"
            );
            assert!(matches!(source, DateSource::Path | DateSource::FileName));
        }
        // First line: the front matter's date text; the rest: the relative path.
        let (front, rel) = text.split_once('\n').unwrap_or((&text, ""));
        let (at, source, warning) = date::resolve(Some(front), Path::new(rel));
        assert_eq!(at.is_none(), source == DateSource::None);
        if let Some(w) = warning {
            gazette_fuzz::check_meta_text("date warning", &w);
        }
    });
});
