//! `text::render` of an HTML body (and Markdown when `detect_format` says so) at a width
//! 1..=300 taken from the first byte.
#![no_main]

use gazette::text::{self, BodyFormat, Rendered};
use gazette_fuzz::{check_no_forbidden, run, width_from};
use libfuzzer_sys::fuzz_target;
use unicode_width::UnicodeWidthStr;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let width = width_from(first);
    let body = String::from_utf8_lossy(rest);
    run(|| {
        let format = text::detect_format(&body);
        assert_eq!(
            format == BodyFormat::Html,
            body.trim_start().starts_with('<'),
            "detect_format"
        );
        check(&body, &text::render(&body, BodyFormat::Html, width), width);
        if format == BodyFormat::Markdown {
            check(
                &body,
                &text::render(&body, BodyFormat::Markdown, width),
                width,
            );
        }
    });
});

fn check(body: &str, r: &Rendered, width: usize) {
    // mod.rs: "no display line is ever wider than asked for, at any width ≥ 1" (a character
    // wider than the line becomes `?`); `Line`: "its display width never exceeds the width
    // it was rendered at". No exception is documented, so none is made here.
    for (n, line) in r.lines.iter().enumerate() {
        let joined = line.text();
        let w = UnicodeWidthStr::width(joined.as_str());
        assert!(
            w <= width,
            "line {n} is {w} columns at width {width}: {joined:?}"
        );
        // The UI lays lines out by `text::line_width`: it must be what the terminal shows, even
        // where a style boundary separates a base from its U+FE0F (fuzz finding, see
        // tests/fuzz_regressions.rs).
        assert_eq!(
            text::line_width(line),
            w,
            "line_width of line {n} at width {width}: {joined:?}"
        );
        for span in &line.spans {
            check_no_forbidden("rendered span", &span.text);
            assert!(
                !span.text.contains(['\n', '\r']),
                "newline inside a span: {:?}",
                span.text
            );
            if let Some(k) = span.style.link {
                assert!(
                    k >= 1 && k as usize <= r.links.len(),
                    "link {k} of {}",
                    r.links.len()
                );
            }
            if let Some(k) = span.style.image {
                assert!(
                    k >= 1 && k as usize <= r.images.len(),
                    "image {k} of {}",
                    r.images.len()
                );
            }
        }
    }
    // "never returns nothing for a body with visible content"
    if !body.trim().is_empty() {
        assert!(!r.lines.is_empty(), "nothing rendered for a non-blank body");
    }
    let plain = r.to_plain();
    check_no_forbidden("plain text", &plain);
    for url in r.links.iter().chain(&r.images) {
        check_no_forbidden("URL", url);
    }
    for line in r.reference_lines(width) {
        let joined = line.text();
        let w = UnicodeWidthStr::width(joined.as_str());
        assert!(
            w <= width,
            "reference line is {w} columns at width {width}: {joined:?}"
        );
    }
}
