use super::dates::{check_date_format, parse_zone};
use super::settings::expand;
use super::*;
use crate::ui::theme::Theme;
use chrono::FixedOffset;
use ratatui::style::Style;

/// The home folder `~` stands for in these tests (never the real one).
const HOME: &str = "/home/u";

pub(super) fn parse_str(text: &str) -> Result<Config, ConfigError> {
    parse_in(
        text,
        Path::new("/etc/gazette/config.toml"),
        Some(Path::new(HOME)),
    )
}

pub(super) fn err(text: &str) -> ConfigError {
    parse_str(text).expect_err("should not parse")
}

#[test]
fn embedded_defaults_parse_to_the_defaults() {
    assert_eq!(parse_str(DEFAULT_TOML).unwrap(), Config::default());
    assert_eq!(parse_str("").unwrap(), Config::default());
}

#[test]
fn plain_settings() {
    let cfg = parse_str(
        "theme = \"light\"\n[layout]\nwide = 150\nmedium = 0x50\n[dates]\nformat = \"%d %b %Y\"\ntime_zone = \"UTC\"\n",
    )
    .unwrap();
    assert_eq!((cfg.wide, cfg.medium), (150, 80));
    assert_eq!(cfg.date_format, "%d %b %Y");
    assert_eq!(cfg.zone, Zone::utc());
    assert_eq!(cfg.theme_name, "light");
    assert_eq!(cfg.layout(149), Layout::Medium);
    assert_eq!(cfg.layout(150), Layout::Wide);
    assert_eq!(cfg.layout(79), Layout::Narrow);
    // Inline tables are the same thing.
    let cfg = parse_str("layout = { wide = 100 }").unwrap();
    assert_eq!(cfg.wide, 100);
}

#[test]
fn default_thresholds_are_80_and_120_columns() {
    let cfg = Config::default();
    for (w, layout) in [
        (0, Layout::Narrow),
        (79, Layout::Narrow),
        (80, Layout::Medium),
        (119, Layout::Medium),
        (120, Layout::Wide),
        (500, Layout::Wide),
    ] {
        assert_eq!(cfg.layout(w), layout, "width {w}");
    }
}

#[test]
fn a_type_error_names_the_line_and_setting() {
    let e = err("# comment\n\n[layout]\nwide = \"x\"\n");
    assert_eq!(e.line, Some(4));
    assert!(e.message.contains("layout.wide"), "{e}");
    assert!(
        e.message.contains("expected a number, found a string"),
        "{e}"
    );
    assert_eq!(
        e.to_string(),
        "/etc/gazette/config.toml:4: layout.wide: expected a number, found a string"
    );
    assert_eq!(err("[layout]\nmedium = 70000").line, Some(2));
    assert_eq!(err("[layout]\nmedium = 80.5").line, Some(2));
    assert_eq!(
        err("[layout]\nwide = 60").line,
        Some(2),
        "medium 80 > wide 60"
    );
    assert_eq!(err("theme = 3").line, Some(1));
    assert_eq!(err("layout = 3").line, Some(1));
    assert_eq!(err("library = [\n  \"/a\",\n  5,\n]").line, Some(3));
}

#[test]
fn unknown_keys_are_errors() {
    let e = err("theme = \"default\"\nlibary = []\n");
    assert_eq!(e.line, Some(2));
    assert!(e.message.contains("\"libary\""), "{e}");
    assert!(e.message.contains("did you mean \"library\""), "{e}");
    let e = err("[layout]\nwdie = 100\n");
    assert_eq!(e.line, Some(2));
    assert!(e.message.contains("[layout]"), "{e}");
    assert_eq!(err("[dates]\nzone = \"UTC\"").line, Some(2));
    assert_eq!(err("[colours]\nx = 1").line, Some(1));
    let e = err("theme = \"dark\"");
    assert!(e.message.contains("default, light"), "{e}");
}

#[test]
fn a_syntax_error_names_the_line() {
    let e = err("theme = \"light\"\n[layout]\nwide = = 3\n");
    assert_eq!(e.line, Some(3), "{e}");
    assert!(e.message.starts_with("invalid TOML"), "{e}");
    let e = err("[layout]\nwide = 100\nwide = 110\n");
    assert_eq!(e.line, Some(3), "{e}");
    assert_eq!(err("theme = \"light").line, Some(1));
}

#[test]
fn time_zones() {
    let cfg = parse_str("[dates]\ntime_zone = \"+08:00\"").unwrap();
    assert_eq!(
        cfg.zone,
        Zone::Fixed(FixedOffset::east_opt(8 * 3600).unwrap())
    );
    assert_eq!(parse_zone("local"), Some(Zone::Local));
    assert_eq!(parse_zone("utc"), Some(Zone::utc()));
    let minus = FixedOffset::west_opt(5 * 3600 + 30 * 60).unwrap();
    assert_eq!(parse_zone("-05:30"), Some(Zone::Fixed(minus)));
    assert_eq!(parse_zone("-0530"), Some(Zone::Fixed(minus)));
    assert_eq!(
        parse_zone("+8"),
        Some(Zone::Fixed(FixedOffset::east_opt(8 * 3600).unwrap()))
    );
    for bad in [
        "Asia/Shanghai",
        "+24:00",
        "+08:60",
        "08:00",
        "+8:0",
        "+",
        "++1",
        "",
    ] {
        assert_eq!(parse_zone(bad), None, "{bad}");
    }
    let e = err("[dates]\n\ntime_zone = \"Mars\"");
    assert_eq!(e.line, Some(3));
    assert!(e.message.contains("\"+08:00\""), "{e}");
}

#[test]
fn date_formats_are_checked_with_chrono() {
    assert!(check_date_format("%Y-%m-%d %H:%M").is_ok());
    assert!(check_date_format("%d %b").is_ok());
    for bad in ["%Y-%K", "%", "%z", "%Y%n"] {
        assert!(check_date_format(bad).is_err(), "{bad}");
    }
    let e = err("[dates]\nformat = \"%Y-%K\"");
    assert_eq!(e.line, Some(2));
    assert!(e.message.contains("dates.format"), "{e}");
}

#[test]
fn library_expands_the_home_folder() {
    let home = Path::new("/home/u");
    assert_eq!(expand("~/news", Some(home)).unwrap(), home.join("news"));
    assert_eq!(expand("~", Some(home)).unwrap(), home);
    assert_eq!(
        expand("/srv/a", Some(home)).unwrap(),
        PathBuf::from("/srv/a")
    );
    assert!(expand("~bob/news", Some(home)).is_err());
    assert!(expand("news", Some(home)).is_err());
    assert!(expand("", Some(home)).is_err());
    assert!(expand("~/news", None).is_err());

    let cfg = parse_str("library = [\"~/news\", \"/srv/articles\"]").unwrap();
    assert_eq!(
        cfg.library,
        [
            PathBuf::from("/home/u/news"),
            PathBuf::from("/srv/articles")
        ]
    );
    let cfg = parse_str("library = \"~/one\"").unwrap();
    assert_eq!(cfg.library, [PathBuf::from("/home/u/one")]);
    let no_home = parse_in("\nlibrary = \"~/one\"", Path::new("c.toml"), None).unwrap_err();
    assert_eq!(no_home.line, Some(2), "{no_home}");
    assert_eq!(err("\nlibrary = [\"news\"]").line, Some(2));
}

fn all_styles(t: &Theme) -> Vec<Style> {
    // Destructured so a new field cannot be forgotten here.
    let Theme {
        border,
        border_focused,
        selected,
        selected_unfocused,
        dim,
        title,
        heading,
        link,
        image,
        quote,
        code,
        note,
        status,
        warning,
        unread,
        read,
    } = *t;
    vec![
        border,
        border_focused,
        selected,
        selected_unfocused,
        dim,
        title,
        heading,
        link,
        image,
        quote,
        code,
        note,
        status,
        warning,
        unread,
        read,
    ]
}

#[test]
fn no_color_means_no_colour_in_any_style() {
    for name in THEMES {
        let t = theme(name, true);
        for s in all_styles(&t) {
            assert_eq!((s.fg, s.bg, s.underline_color), (None, None, None), "{s:?}");
        }
        // Selection still shows.
        assert_ne!(t.selected, Style::new());
        assert_ne!(t.selected_unfocused, Style::new());
    }
}

#[test]
fn the_light_theme_differs_from_the_default() {
    let (light, dark) = (
        all_styles(&theme("light", false)),
        all_styles(&Theme::default()),
    );
    assert_ne!(light, dark);
    assert_eq!(all_styles(&theme("default", false)), dark);
    let yellow_or_cyan = |s: &Style| matches!(s.fg, Some(Color::Yellow | Color::Cyan));
    assert!(!light.iter().any(yellow_or_cyan));
    assert_eq!(
        theme("light", false).selected,
        Style::new().add_modifier(Modifier::REVERSED)
    );
}

use ratatui::style::{Color, Modifier};

#[test]
fn loading_files() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("config.toml");
    // A missing default file: the defaults, and no file used.
    let (cfg, used) = load_from(None, Some(missing.clone())).unwrap();
    assert_eq!((cfg, used), (Config::default(), None));
    assert_eq!(load_from(None, None).unwrap(), (Config::default(), None));
    // A missing explicit file is an error.
    let e = load_from(Some(&missing), None).unwrap_err();
    assert_eq!((e.line, e.message.as_str()), (None, "no such file"));
    assert!(e.to_string().ends_with("config.toml: no such file"), "{e}");

    std::fs::write(&missing, "[layout]\nwide = 130\n").unwrap();
    let (cfg, used) = load_from(None, Some(missing.clone())).unwrap();
    assert_eq!((cfg.wide, used.as_deref()), (130, Some(missing.as_path())));
    let (cfg, _) = load_from(Some(&missing), Some(dir.path().join("other.toml"))).unwrap();
    assert_eq!(cfg.wide, 130);

    std::fs::write(&missing, "[layout]\nwide = 'x'\n").unwrap();
    let e = load_from(None, Some(missing.clone())).unwrap_err();
    assert_eq!((e.path.as_path(), e.line), (missing.as_path(), Some(2)));
    // A directory where the file should be is an error even for the default path.
    assert!(load_from(None, Some(dir.path().to_path_buf())).is_err());
}

#[test]
fn pipe_to_is_a_command_and_an_empty_one_is_none() {
    let cfg = parse_str("pipe_to = \"  less -R \"\n").unwrap();
    assert_eq!(cfg.pipe_to.as_deref(), Some("less -R"));
    assert_eq!(parse_str("pipe_to = \" \"\n").unwrap().pipe_to, None);
    let e = err("theme = \"light\"\npipe_to = 3\n");
    assert_eq!(e.line, Some(2));
    assert!(e.message.contains("pipe_to: expected a string"), "{e}");
}

#[test]
fn hyperlinks_is_auto_on_or_off() {
    use crate::ui::hyperlink::Hyperlinks;
    assert_eq!(Config::default().hyperlinks, Hyperlinks::Auto);
    let on = parse_str("hyperlinks = \"on\"\n").unwrap();
    assert_eq!(on.hyperlinks, Hyperlinks::On);
    let off = parse_str("hyperlinks = \"off\"\n").unwrap();
    assert_eq!(off.hyperlinks, Hyperlinks::Off);
    let e = err("hyperlinks = \"yes\"\n");
    assert_eq!(e.line, Some(1));
    assert!(e.message.contains("expected one of: auto, on, off"), "{e}");
}

#[test]
fn preview_is_on_by_default_and_false_turns_it_off() {
    assert!(Config::default().preview);
    assert!(!parse_str("preview = false\n").unwrap().preview);
    let e = err("preview = \"no\"\n");
    assert!(
        e.message
            .contains("preview: expected true or false, found a string"),
        "{e}"
    );
    assert_eq!(e.line, Some(1));
}
