//! Links leave the reader in two ways, through the real binary in a pseudo-terminal: `y`
//! copies a URL with the OSC 52 escape sequence, `o` runs `$BROWSER` with the URL as one
//! argument, never through a shell. The URL holds what a shell would act on (`&`, `;`, `|`,
//! `$(…)`) and an encoded space; a raw space never reaches it (URLs lose whitespace, as one
//! split over source lines must).

use crate::support::fixtures::primary;
use crate::support::session::Session;
use std::path::Path;
use std::time::{Duration, Instant};

const URL: &str = "https://example.com/find?q=sea%20lion&lang=en;page=2|x$(id)";

/// `URL` in base64, worked out apart from gazette (coreutils `base64`).
const URL_BASE64: &str =
    "aHR0cHM6Ly9leGFtcGxlLmNvbS9maW5kP3E9c2VhJTIwbGlvbiZsYW5nPWVuO3BhZ2U9Mnx4JChpZCk=";

/// One article whose first link is `URL` (its `&` written as HTML writes it).
fn library() -> Session {
    let href = URL.replace('&', "&amp;");
    let body = format!("<p>灯塔的 <a href=\"{href}\">notice</a> is out.</p>");
    Session::new(&[(
        "link.md",
        primary("Linky", &["Notes"], "Tester", "2022-01-02 08:00:00", &body),
    )])
}

#[test]
fn y_copies_the_url_with_osc_52() {
    let s = library();
    let mut t = s.reader(120, 30, &[], "Linky");
    t.send("\r");
    t.wait_for("notice[1]");
    t.send("y");
    t.wait_for("Copy which link?");
    t.send("1\r");
    t.wait_for("copied [1] to the clipboard");
    let bytes = String::from_utf8_lossy(&t.bytes()).into_owned();
    let bel = format!("\u{1b}]52;c;{URL_BASE64}\u{7}");
    let st = format!("\u{1b}]52;c;{URL_BASE64}\u{1b}\\");
    assert!(
        bytes.contains(&bel) || bytes.contains(&st),
        "OSC 52 with the URL in base64 written to the terminal"
    );
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

/// Waits for `path` to exist (the script renames it into place whole); its text.
fn wait_for_file(path: &Path) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Ok(text) = std::fs::read_to_string(path) {
            return text;
        }
        assert!(
            Instant::now() < deadline,
            "{} never written",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn o_runs_browser_with_the_url_as_one_argument() {
    use std::os::unix::fs::PermissionsExt;
    let s = library();
    let out = s.home.path().join("browser-args");
    let script = s.home.path().join("browser.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$#\" \"$1\" > '{0}.part' && mv '{0}.part' '{0}'\n",
            out.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();

    let browser = script.to_str().unwrap();
    let mut t = s.reader(120, 30, &[("BROWSER", browser)], "Linky");
    t.send("\r");
    t.wait_for("notice[1]");
    t.send("o");
    t.wait_for("Open which link?");
    t.send("1\r");
    let args = wait_for_file(&out);
    assert_eq!(args, format!("1\n{URL}\n"), "one argument, the URL exactly");
    t.wait_for("opened https://example.com/find");
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}
