//! OSC 8 hyperlinks in a real terminal: with `hyperlinks = "on"` the reader wraps the text of
//! its http, https and mailto links — and nothing else — in OSC 8 sequences carrying a clean
//! URL; with `"off"` it writes none.

use crate::e2e_handover::spawn_reader;
use crate::support::fixtures;
use std::path::Path;

/// A library of one article with a web link (a `;` and Chinese in its URL), a mail link and
/// a `javascript:` link, and a configuration saying `hyperlinks = setting`.
fn setup(dir: &Path, setting: &str) -> (String, String) {
    let lib = dir.join("lib");
    std::fs::create_dir(&lib).unwrap();
    let body = "<p>读<a href=\"https://example.org/潮;x?a=1\">潮汐报告</a>，\
                or <a href=\"javascript:alert(1)\">this trap</a>, \
                or <a href=\"mailto:desk@example.org\">write</a>.</p>";
    let article = fixtures::primary(
        "潮汐报告上线",
        &["World"],
        "Harbor Gazette",
        "Fri, 21 Jan 2022 08:00:00 GMT",
        body,
    );
    std::fs::write(lib.join("tide.txt"), article).unwrap();
    let config = dir.join("config.toml");
    std::fs::write(&config, format!("hyperlinks = \"{setting}\"\n")).unwrap();
    (
        lib.to_str().unwrap().to_string(),
        config.to_str().unwrap().to_string(),
    )
}

/// Opens the article and returns every byte the reader wrote, then quits.
fn reader_bytes(setting: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let (lib, config) = setup(dir.path(), setting);
    let mut t = spawn_reader(&[&lib, "--config", &config, "--no-cache"], dir.path(), &[]);
    t.wait_for("潮汐报告上线");
    t.send("\r");
    t.wait_for("this trap");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
    t.assert_restored();
    t.bytes()
}

/// One linked cell: the sequence's parameters, its URL and the text between open and close.
#[derive(Debug)]
struct Linked {
    params: String,
    url: String,
    text: String,
}

/// Every OSC sequence in `bytes`, checked to be OSC 8 in the self-contained per-cell form;
/// returns the linked cells in order.
fn linked_cells(bytes: &[u8]) -> Vec<Linked> {
    let s = String::from_utf8_lossy(bytes);
    let mut out = Vec::new();
    let mut rest: &str = &s;
    while let Some(at) = rest.find("\u{1b}]") {
        rest = &rest[at..];
        let open = rest
            .strip_prefix("\u{1b}]8;")
            .unwrap_or_else(|| panic!("an OSC other than 8: {:?}", &rest[..rest.len().min(40)]));
        let (head, after) = open.split_once("\u{1b}\\").expect("OSC 8 ends with ST");
        let (params, url) = head.split_once(';').expect("params;url");
        assert!(!url.is_empty(), "a close without an open: {rest:?}");
        let (text, after) = after
            .split_once("\u{1b}]8;;\u{1b}\\")
            .expect("every open is closed in the same cell");
        assert!(!text.contains('\u{1b}'), "nothing else inside: {text:?}");
        out.push(Linked {
            params: params.to_string(),
            url: url.to_string(),
            text: text.to_string(),
        });
        rest = after;
    }
    out
}

#[test]
fn hyperlinks_on_wrap_only_web_and_mail_link_text_in_osc_8() {
    let cells = linked_cells(&reader_bytes("on"));
    assert!(!cells.is_empty(), "no OSC 8 at all");
    for c in &cells {
        assert!(
            c.url
                .bytes()
                .all(|b| (0x21..=0x7e).contains(&b) && b != 0x1b && b != 0x07),
            "{c:?}"
        );
        assert!(c.params.starts_with("id=gazette-"), "{c:?}");
        assert!(!c.params.contains(';') && !c.params.contains(':'), "{c:?}");
        assert!(!c.url.starts_with("javascript"), "{c:?}");
    }
    let text_of = |url: &str| -> String {
        cells
            .iter()
            .filter(|c| c.url == url)
            .map(|c| c.text.as_str())
            .collect()
    };
    let web = text_of("https://example.org/%E6%BD%AE;x?a=1");
    assert!(web.starts_with("潮汐报告"), "{web:?}");
    let mail = text_of("mailto:desk@example.org");
    assert!(mail.starts_with("write"), "{mail:?}");
    // Only link text: the words around the links and the trap are never inside.
    let all: String = cells.iter().map(|c| c.text.as_str()).collect();
    for outside in ["读", " or ", "this", "trap", "[2]", "潮汐报告上线"] {
        assert!(!all.contains(outside), "{outside:?} linked: {all:?}");
    }
    // One id per link, the same in every cell of it.
    let ids = |url: &str| -> std::collections::BTreeSet<&str> {
        cells
            .iter()
            .filter(|c| c.url == url)
            .map(|c| c.params.as_str())
            .collect()
    };
    assert_eq!(ids("mailto:desk@example.org").len(), 1);
    assert_ne!(
        ids("mailto:desk@example.org"),
        ids("https://example.org/%E6%BD%AE;x?a=1")
    );
}

#[test]
fn hyperlinks_off_write_no_osc_8() {
    let bytes = reader_bytes("off");
    let s = String::from_utf8_lossy(&bytes);
    assert!(!s.contains("\u{1b}]8;"), "OSC 8 with hyperlinks off");
}
