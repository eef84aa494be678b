//! `library::parse::parse_article` on raw file bytes (decoding included).
#![no_main]

use chrono::Datelike;
use gazette::library::Severity;
use gazette::library::date::DateSource;
use gazette::library::parse::parse_article;
use gazette_fuzz::{check_meta_text, check_no_forbidden, run};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

/// Relative paths, chosen by the input's length so that the bytes stay a whole file.
const PATHS: &[&str] = &[
    "000_3a4de184f6ac436d.txt",
    "2019/05/13/slug.md",
    "20190513 slug.md",
    "新媒体/观察者网/头条/标题 \"quoted\".html",
    "evil\u{1b}]52;c;x\u{7}\u{202e}.md",
    "2018-02-24-post.markdown",
    ".md",
];

fuzz_target!(|data: &[u8]| {
    let rel = Path::new(PATHS[data.len() % PATHS.len()]);
    let path = Path::new("/lib").join(rel);
    run(|| match parse_article(&path, rel, data) {
        Ok((a, problems)) => {
            assert!(!a.title.is_empty(), "empty title");
            check_meta_text("title", &a.title);
            if let Some(author) = &a.author {
                assert!(!author.is_empty(), "empty author");
                check_meta_text("author", author);
            }
            for c in a.categories.iter().chain(&a.flat_categories).chain(&a.tags) {
                check_meta_text("category/tag", c);
            }
            check_meta_text("category path", &a.category_path());
            check_meta_text("source", a.source());
            if let Some(image) = &a.image {
                check_meta_text("image", image);
            }
            for (k, v) in &a.extra {
                check_no_forbidden("extra key", k);
                check_no_forbidden("extra value", v);
            }
            match a.date_source {
                DateSource::None => assert!(a.date.is_none()),
                DateSource::FrontMatter => {
                    let y = a.date.expect("front matter date").year();
                    assert!((1900..=2100).contains(&y), "year {y}");
                }
                // A front matter's path/permalink key is read as a path is.
                DateSource::Path | DateSource::FileName | DateSource::FrontMatterPath => {
                    let y = a.date.expect("path date").year();
                    assert!((1970..=2100).contains(&y), "year {y}");
                }
            }
            assert_eq!(a.has_warnings, !problems.is_empty());
            for p in problems {
                assert_eq!(p.severity, Severity::Warning);
                check_meta_text("warning", &p.reason);
            }
        }
        Err(p) => {
            assert_eq!(p.severity, Severity::Error);
            check_no_forbidden("error", &p.reason);
        }
    });
});
