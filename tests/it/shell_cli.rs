//! The command line as a shell sees it: completion scripts and the man page generated from
//! the real options, and `gazette show --format text|markdown|json` on an article the test
//! writes, hostile bytes included.

use crate::cli::gazette;
use crate::support::fixtures;
use std::process::Output;

fn stdout(o: &Output) -> String {
    assert!(
        o.status.success(),
        "gazette failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

/// Every subcommand a user can type; each completion script must offer them all.
const SUBCOMMANDS: &[&str] = &[
    "list",
    "show",
    "check",
    "config",
    "state",
    "completions",
    "man",
];

#[test]
fn each_shell_completion_script_offers_every_subcommand() {
    let xdg = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = stdout(&gazette(&["completions", shell], xdg.path()));
        for sub in SUBCOMMANDS {
            assert!(
                script.contains(sub),
                "{shell} completion lacks `{sub}`:\n{script}"
            );
        }
        // Options of subcommands are completed too, not only the names.
        assert!(script.contains("format"), "{shell} lacks show --format");
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let xdg = tempfile::tempdir().unwrap();
    let out = gazette(&["completions", "tcsh"], xdg.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("tcsh"));
}

#[test]
fn the_man_page_is_roff_naming_gazette_and_its_commands() {
    let xdg = tempfile::tempdir().unwrap();
    let page = stdout(&gazette(&["man"], xdg.path()));
    assert!(page.contains(".TH gazette 1"), "{page}");
    assert!(page.contains(".SH NAME\ngazette \\- "), "{page}");
    assert!(page.contains(".SH SUBCOMMANDS"), "{page}");
    for sub in SUBCOMMANDS {
        assert!(
            page.contains(&format!("gazette\\-{sub}(1)")),
            "man lacks {sub}"
        );
    }
}

#[test]
fn completions_and_man_work_with_a_broken_configuration() {
    let xdg = tempfile::tempdir().unwrap();
    let config = xdg.path().join("broken.toml");
    std::fs::write(&config, "this is [not toml").unwrap();
    let config = config.to_str().unwrap();
    // A global option goes after the subcommand: before it, the name would be read as a DIR.
    assert!(stdout(&gazette(&["man", "--config", config], xdg.path())).contains(".TH"));
    let bash = gazette(&["completions", "bash", "--config", config], xdg.path());
    assert!(stdout(&bash).contains("gazette"));
}

/// An article with every kind of markup `--format markdown` keeps, and hostile bytes: a raw
/// ESC sequence in the title and an ESC written as a character reference in the body.
fn article() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let body = "<h2>港口的潮位</h2>\
        <p>潮位计<em>每分钟</em>上报一次，<strong>全年无休</strong>。详见\
        <a href=\"https://example.org/tide gauge(1)\">观测说明</a>。</p>\
        <ul><li>第一站 North pier</li><li>第二站</li></ul>\
        <p><img src=\"https://example.org/pic/gauge.jpg\" alt=\"潮位计\"></p>\
        <pre><code>level = read()\nsend(level)</code></pre>\
        <p>Bell&#7;here and&#27;]52;c;ZXZpbA==&#7; gone</p>";
    let text = fixtures::primary(
        "潮位\u{1b}[31m实时上线",
        &["World", "Harbor"],
        "Harbor Gazette",
        "Fri, 21 Jan 2022 08:00:00 GMT",
        body,
    );
    let path = dir.path().join("tide.txt");
    std::fs::write(&path, text).unwrap();
    let path = path.to_str().unwrap().to_string();
    (dir, path)
}

/// No byte a terminal would act on: no C0 control but newline, no DEL, no C1.
fn assert_inert(out: &str) {
    let bad: Vec<char> = out
        .chars()
        .filter(|&c| gazette::sanitize::is_forbidden(c))
        .collect();
    assert!(bad.is_empty(), "control characters {bad:?} in:\n{out}");
    assert!(!out.contains("52;c"), "an OSC 52 payload survived:\n{out}");
}

#[test]
fn show_markdown_keeps_links_headings_lists_emphasis_images_and_code() {
    let (_dir, path) = article();
    let xdg = tempfile::tempdir().unwrap();
    let md = stdout(&gazette(
        &["show", "--format", "markdown", &path],
        xdg.path(),
    ));
    assert_inert(&md);
    for expected in [
        "# 潮位实时上线\n",
        "2022-01-21 08:00 +00:00 · Harbor Gazette  \nWorld › Harbor\n",
        "## 港口的潮位\n",
        "潮位计*每分钟*上报一次，**全年无休**。",
        "[观测说明](https://example.org/tidegauge%281%29)",
        "- 第一站 North pier\n- 第二站\n",
        "![潮位计](https://example.org/pic/gauge.jpg)",
        "```\nlevel = read()\nsend(level)\n```",
        // The header image is not in the body, so it heads it, as in the reader.
        "![](https://example.com/img/head.jpg)",
    ] {
        assert!(md.contains(expected), "missing {expected:?} in:\n{md}");
    }
}

#[test]
fn show_text_is_the_default_and_wraps_at_width() {
    let (_dir, path) = article();
    let xdg = tempfile::tempdir().unwrap();
    let default = stdout(&gazette(&["show", "--width", "30", &path], xdg.path()));
    let text = stdout(&gazette(
        &["show", "--format", "text", "--width", "30", &path],
        xdg.path(),
    ));
    assert_eq!(default, text);
    assert_inert(&text);
    assert!(text.contains("观测说明[1]"), "{text}");
    assert!(
        text.contains("\n[1] https://example.org/\n    tidegauge(1)\n"),
        "{text}"
    );
    assert!(
        text.lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 30)
    );
}

#[test]
fn show_json_has_the_list_fields_and_the_plain_text() {
    let (_dir, path) = article();
    let xdg = tempfile::tempdir().unwrap();
    let out = stdout(&gazette(&["show", "--format", "json", &path], xdg.path()));
    assert_inert(&out);
    assert_eq!(out.lines().count(), 1, "one JSON object on one line");
    let record: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(record["path"], path.as_str());
    assert_eq!(record["title"], "潮位实时上线");
    assert_eq!(record["author"], "Harbor Gazette");
    assert_eq!(record["categories"], serde_json::json!(["World", "Harbor"]));
    assert_eq!(record["date"], "2022-01-21T08:00:00Z");
    assert_eq!(record["read"], false);
    assert_eq!(record["starred"], false);
    assert_eq!(
        record["links"],
        serde_json::json!(["https://example.org/tidegauge(1)"])
    );
    let text = record["text"].as_str().unwrap();
    // Unwrapped: the paragraph is one line, whatever the terminal.
    assert!(
        text.contains("\n潮位计每分钟上报一次，全年无休。详见观测说明[1]。\n"),
        "{text}"
    );
    assert!(text.contains("Bellhere and gone"), "{text}");
}
