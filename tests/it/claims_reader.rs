//! The README's claims about the reader's command line and settings, checked in a
//! pseudo-terminal: `--category/--since/--until`, the `layout`, `dates` and `theme` settings,
//! `NO_COLOR`, and a local zone other than UTC.

use crate::support::{mixed, pty::Pty};
use std::path::Path;

const COLS: u16 = 70;
const ROWS: u16 = 20;

/// A reader on the mixed library in `lib`, its files in `home`, with `args` and `env` added.
/// Returns once the library has loaded (the status bar counts all nine articles).
fn reader(home: &Path, lib: &Path, args: &[&str], env: &[(&str, &str)]) -> Pty {
    let h = home.to_str().unwrap();
    let mut all_env = vec![
        ("XDG_STATE_HOME", h),
        ("XDG_CACHE_HOME", h),
        ("XDG_CONFIG_HOME", h),
        // Present but empty: colour stays on whatever the test runner's environment says.
        ("NO_COLOR", ""),
    ];
    all_env.extend_from_slice(env);
    let mut all_args = vec![lib.to_str().unwrap()];
    all_args.extend_from_slice(args);
    let t = Pty::spawn(&all_args, COLS, ROWS, &all_env);
    t.wait_until(
        |s| s.contains(" of 9 articles") && !s.contains("loading"),
        "the library loaded",
    );
    t
}

fn quit(mut t: Pty) {
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

fn setup() -> (tempfile::TempDir, tempfile::TempDir) {
    let home = tempfile::tempdir().unwrap();
    let lib = tempfile::tempdir().unwrap();
    mixed::write(lib.path());
    (home, lib)
}

/// The library's titles the screen shows, in screen order.
fn titles_shown(screen: &str) -> Vec<&'static str> {
    let mut found: Vec<(usize, &'static str)> = mixed::NEWEST_FIRST
        .iter()
        .filter_map(|t| screen.find(t).map(|at| (at, *t)))
        .collect();
    found.sort();
    found.into_iter().map(|(_, t)| t).collect()
}

#[test]
fn the_readers_category_since_and_until_show_only_matching_articles() {
    let (home, lib) = setup();
    let t = reader(home.path(), lib.path(), &["--category", "城市日报"], &[]);
    let screen = t.wait_for("1 of 9 articles");
    assert_eq!(titles_shown(&screen), [mixed::HARBOR], "{screen}");
    quit(t);

    let t = reader(home.path(), lib.path(), &["--category", "随笔"], &[]);
    let screen = t.wait_for("1 of 9 articles");
    assert_eq!(
        titles_shown(&screen),
        [mixed::TOML],
        "a flat category:\n{screen}"
    );
    quit(t);

    let args = ["--since", "2021-12-29", "--until", "2022-01-06"];
    let t = reader(home.path(), lib.path(), &args, &[]);
    let screen = t.wait_for("2 of 9 articles");
    assert_eq!(
        titles_shown(&screen),
        [mixed::HARBOR, mixed::TOML],
        "both ends inclusive:\n{screen}"
    );
    quit(t);

    let args = ["--since", "2020-01-01", "--category", "新媒体"];
    let t = reader(home.path(), lib.path(), &args, &[]);
    let screen = t.wait_for("1 of 9 articles");
    assert_eq!(titles_shown(&screen), [mixed::HARBOR], "{screen}");
    quit(t);
}

/// Writes `text` as the configuration file in `home`.
fn configure(home: &Path, text: &str) {
    let file = home.join("gazette").join("config.toml");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(file, text).unwrap();
}

fn panes(screen: &str) -> [bool; 3] {
    [" Categories ", " Articles ", " Reader "].map(|p| screen.lines().next().unwrap().contains(p))
}

#[test]
fn the_layout_thresholds_decide_the_panes() {
    let (home, lib) = setup();
    let t = reader(home.path(), lib.path(), &[], &[]);
    assert_eq!(
        panes(&t.screen()),
        [false, true, false],
        "70 < 80: one pane"
    );
    quit(t);

    configure(home.path(), "[layout]\nmedium = 60\n");
    let t = reader(home.path(), lib.path(), &[], &[]);
    let screen = t.screen();
    assert_eq!(
        panes(&screen),
        [false, true, true],
        "medium at 60:\n{screen}"
    );
    quit(t);

    configure(home.path(), "[layout]\nwide = 70\nmedium = 60\n");
    let t = reader(home.path(), lib.path(), &[], &[]);
    let screen = t.screen();
    assert_eq!(panes(&screen), [true, true, true], "wide at 70:\n{screen}");
    quit(t);
}

#[test]
fn the_date_format_reaches_the_list() {
    let (home, lib) = setup();
    configure(home.path(), "[dates]\nformat = \"%d %b %Y\"\n");
    let t = reader(home.path(), lib.path(), &[], &[]);
    let screen = t.screen();
    assert!(screen.contains("06 Jan 2022"), "an instant:\n{screen}");
    assert!(screen.contains("29 Dec 2021"), "a day:\n{screen}");
    assert!(!screen.contains("2022-01-06"), "{screen}");
    quit(t);
}

#[test]
fn a_local_zone_other_than_utc_shows_in_the_header() {
    let (home, lib) = setup();
    let t = reader(home.path(), lib.path(), &[], &[("TZ", "Asia/Shanghai")]);
    // 2022-01-06T16:13:50Z is already the 7th in Shanghai: the list counts it there too.
    let screen = t.screen();
    assert!(screen.contains("2022-01-07"), "{screen}");
    let mut t = t;
    t.send("jj\r");
    let screen = t.wait_until(|s| s.contains("+08:00"), "the header's date");
    assert!(
        screen.contains("2022-01-07 00:13 +08:00"),
        "the header in +08:00:\n{screen}"
    );
    quit(t);
}

/// The screen `bytes` draw, for looking at colours cell by cell.
fn screen_of(bytes: &[u8]) -> vt100::Parser {
    let mut parser = vt100::Parser::new(ROWS, COLS, 0);
    parser.process(bytes);
    parser
}

/// The colours of the focused pane's corner and of the first row's unread mark.
fn colours(t: &Pty) -> (vt100::Color, vt100::Color) {
    let parser = screen_of(&t.bytes());
    let screen = parser.screen();
    let corner = screen.cell(0, 0).unwrap();
    assert_eq!(corner.contents(), "┏", "the focused list's corner");
    let mark = screen.cell(1, 1).unwrap();
    assert_eq!(mark.contents(), "•", "an unread mark");
    (corner.fgcolor(), mark.fgcolor())
}

#[test]
fn the_theme_setting_changes_the_colours() {
    let (home, lib) = setup();
    let t = reader(home.path(), lib.path(), &[], &[]);
    let default = colours(&t);
    quit(t);
    configure(home.path(), "theme = \"light\"\n");
    let t = reader(home.path(), lib.path(), &[], &[]);
    let light = colours(&t);
    quit(t);
    // Cyan and yellow by default; light leaves those out for blue.
    assert_eq!(default, (vt100::Color::Idx(6), vt100::Color::Idx(3)));
    assert_eq!(light, (vt100::Color::Idx(4), vt100::Color::Idx(4)));
}

/// The parameters of every SGR sequence (`ESC [ … m`) in `bytes` that sets a colour.
fn colour_sgrs(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut found = Vec::new();
    for (i, _) in text.match_indices("\u{1b}[") {
        let rest = &text[i + 2..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ';' || c == ':'))
            .unwrap_or(rest.len());
        if !rest[end..].starts_with('m') {
            continue;
        }
        let params = &rest[..end];
        let sets_colour = params.split([';', ':']).any(|p| {
            matches!(
                p.parse::<u32>(),
                Ok(30..=38 | 40..=48 | 90..=97 | 100..=107)
            )
        });
        if sets_colour {
            found.push(params.to_string());
        }
    }
    found
}

#[test]
fn no_color_means_no_colour_in_the_output() {
    let (home, lib) = setup();
    let mut t = reader(home.path(), lib.path(), &[], &[]);
    t.send("\r");
    t.wait_for("%");
    let coloured = colour_sgrs(&t.bytes());
    quit(t);
    assert!(!coloured.is_empty(), "colours without NO_COLOR");

    for theme in ["default", "light"] {
        configure(home.path(), &format!("theme = \"{theme}\"\n"));
        let mut t = reader(home.path(), lib.path(), &[], &[("NO_COLOR", "1")]);
        // The terminal library drops colours under NO_COLOR by itself; what gazette adds is
        // emphasis that does not need them: the focused pane's border is bold.
        let parser = screen_of(&t.bytes());
        let corner = parser.screen().cell(0, 0).unwrap();
        assert_eq!(corner.contents(), "┏");
        assert!(
            corner.bold(),
            "the focused border is bold without colour ({theme})"
        );
        t.send("\r");
        t.wait_for("%");
        t.send("?");
        t.wait_for("Keys");
        let bytes = t.bytes();
        quit(t);
        assert_eq!(colour_sgrs(&bytes), Vec::<String>::new(), "theme {theme}");
        assert!(
            String::from_utf8_lossy(&bytes).contains("\u{1b}[7m"),
            "emphasis by reverse video remains"
        );
    }
}
