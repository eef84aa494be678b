//! `front_matter::split` and `heading_title` on arbitrary text.
#![no_main]

use gazette::library::front_matter::{self, FrontMatterKind, Meta, Split};
use gazette::sanitize;
use gazette_fuzz::{check_meta_text, check_no_forbidden, run};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    run(|| {
        // The documented input is decoded and sanitized text; raw text must not panic either.
        let cleaned = sanitize::clean(raw);
        let first = front_matter::split(&cleaned);
        check(&cleaned, &first);
        assert_eq!(front_matter::body_of(&cleaned), first.body);
        if cleaned != raw {
            let _ = front_matter::split(raw);
            let _ = front_matter::heading_title(raw);
        }
    });
});

fn check(text: &str, split: &Split<'_>) {
    // The body is a suffix of the text (what follows the closing fence).
    assert!(
        text.ends_with(split.body),
        "body is not the end of the text"
    );
    if split.kind == FrontMatterKind::None {
        assert!(
            split.meta == Meta::default(),
            "no front matter, yet metadata"
        );
    }
    let m = &split.meta;
    for (what, v) in [
        ("title", &m.title),
        ("author", &m.author),
        ("date", &m.date),
        ("image", &m.image),
    ] {
        if let Some(v) = v {
            check_meta_text(what, v);
            assert!(
                !v.is_empty() || what == "date" || what == "image",
                "empty {what}"
            );
        }
    }
    for (what, list) in [
        ("category", &m.categories),
        ("flat category", &m.flat_categories),
        ("tag", &m.tags),
    ] {
        for v in list {
            check_meta_text(what, v);
            assert!(!v.is_empty(), "empty {what}");
        }
    }
    for (k, v) in &m.extra {
        check_no_forbidden("extra key", k);
        check_no_forbidden("extra value", v);
    }
    for w in &split.warnings {
        check_meta_text("warning", w);
    }
    if let Some(h) = front_matter::heading_title(split.body) {
        check_meta_text("heading title", &h);
        assert!(!h.is_empty(), "empty heading title");
    }
}
