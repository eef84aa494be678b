//! The configuration file: `config.toml` in the XDG config directory (or `--config FILE`).
//! Every setting is optional; [`DEFAULT_TOML`] documents each one with its default value.
//! A file that does not parse, or says something gazette does not understand, is an error
//! naming the file and line — never silently ignored.
//!
//! - `settings`: the TOML document → [`Config`], with positions for every complaint.
//! - `dates`: the date format and time zone.
//! - `keys`: the `[keys]` tables → keymap overrides.
//! - `views`: the `[[views]]` tables (saved views), and writing one back into the file.
//! - the theme is named here; the palettes live in [`crate::ui::theme`].

mod dates;
mod keys;
mod settings;
mod views;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_images;
#[cfg(test)]
mod tests_keys;

pub use crate::ui::theme::{THEMES, light, no_color, theme};
pub use views::{SavedView, save_view};

use crate::app::Layout;
use crate::app::keymap::Keymap;
use crate::library::order::SortOrder;
use crate::ui::theme::Theme;
use crate::zone::Zone;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// The documented defaults, as shipped; loaded as a user file it gives [`Config::default`].
pub const DEFAULT_TOML: &str = include_str!("../../assets/config.toml");

/// Everything the configuration file can set, with defaults filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Folders opened when none is given on the command line (`~` already expanded).
    pub library: Vec<PathBuf>,
    /// At least this many columns: tree, list and reader side by side.
    pub wide: u16,
    /// At least this many (and fewer than `wide`): list and reader.
    pub medium: u16,
    /// strftime format of the list's date column; checked to format without error.
    pub date_format: String,
    pub zone: Zone,
    /// One of [`THEMES`].
    pub theme_name: String,
    /// The default bindings with the user's `[keys]` applied.
    pub keymap: Keymap,
    /// How pictures are shown (`images`).
    pub images: crate::picture::Mode,
    /// Where pictures are looked for besides beside the article.
    pub image_roots: crate::picture::Roots,
    /// The command (run with `sh -c`) the reader's `|` pipes the article's text to.
    pub pipe_to: Option<String>,
    /// Whether links are made clickable with OSC 8 (`auto` is resolved by the reader).
    pub hyperlinks: crate::ui::hyperlink::Hyperlinks,
    /// The reader pane shows the selected article as the list's selection moves.
    pub preview: bool,
    /// Saved views (`[[views]]`), in the file's order.
    pub views: Vec<SavedView>,
    /// The article list's order at start (`[list] sort`).
    pub sort: SortOrder,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            library: Vec::new(),
            wide: 120,
            medium: 80,
            date_format: "%Y-%m-%d".to_string(),
            zone: Zone::Local,
            theme_name: "default".to_string(),
            keymap: Keymap::default(),
            images: crate::picture::Mode::Auto,
            image_roots: crate::picture::Roots::default(),
            pipe_to: None,
            hyperlinks: crate::ui::hyperlink::Hyperlinks::Auto,
            preview: true,
            views: Vec::new(),
            sort: SortOrder::Newest,
        }
    }
}

impl Config {
    /// The theme to draw with; `no_color` usually comes from [`no_color_env`].
    pub fn theme(&self, no_color: bool) -> Theme {
        theme(&self.theme_name, no_color)
    }

    /// The pane layout for a terminal this many columns wide, by the configured thresholds.
    pub fn layout(&self, width: u16) -> Layout {
        Layout::for_width(width, (self.wide, self.medium))
    }
}

/// A configuration file that cannot be used. The caller reports it and exits with code 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based; `None` when the file as a whole is the problem (missing, unreadable).
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = display_path(&self.path);
        match self.line {
            Some(line) => write!(f, "{path}:{line}: {}", self.message),
            None => write!(f, "{path}: {}", self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// The path with the home folder written `~`, as people know their config file.
fn display_path(path: &Path) -> String {
    match home().as_deref().and_then(|h| path.strip_prefix(h).ok()) {
        Some(rest) if !rest.as_os_str().is_empty() => format!("~/{}", rest.display()),
        _ => path.display().to_string(),
    }
}

/// Where the configuration file is looked for: `$XDG_CONFIG_HOME/gazette/config.toml` on
/// Linux. `None` when no home folder can be found.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "gazette").map(|d| d.config_dir().join("config.toml"))
}

/// Reads the configuration: the `explicit` file (from `--config`), which must exist, or else
/// the default file, which may be missing (then the defaults apply). Returns the file used.
pub fn load(explicit: Option<&Path>) -> Result<(Config, Option<PathBuf>), ConfigError> {
    load_from(explicit, default_path())
}

fn load_from(
    explicit: Option<&Path>,
    default: Option<PathBuf>,
) -> Result<(Config, Option<PathBuf>), ConfigError> {
    let (path, required) = match (explicit, default) {
        (Some(p), _) => (p.to_path_buf(), true),
        (None, Some(p)) => (p, false),
        (None, None) => return Ok((Config::default(), None)),
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => parse(&text, &path).map(|c| (c, Some(path))),
        Err(e) if !required && e.kind() == io::ErrorKind::NotFound => Ok((Config::default(), None)),
        Err(e) => {
            let message = match e.kind() {
                io::ErrorKind::NotFound => "no such file".to_string(),
                io::ErrorKind::InvalidData => "not UTF-8 text".to_string(),
                _ => format!("cannot read: {e}"),
            };
            Err(ConfigError {
                path,
                line: None,
                message,
            })
        }
    }
}

/// The user's home folder, which `~` in settings and in shown paths stands for.
fn home() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf())
}

/// Parses the text of a configuration file; `path` is only used in errors.
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    parse_in(text, path, home().as_deref())
}

/// [`parse`] with `~` standing for `home`, so tests need not read the real one.
fn parse_in(text: &str, path: &Path, home: Option<&Path>) -> Result<Config, ConfigError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let error = |offset: Option<usize>, message: String| ConfigError {
        path: path.to_path_buf(),
        line: offset.map(|o| line_of(text, o)),
        message,
    };
    let doc = toml::de::DeTable::parse(text).map_err(|e| {
        let offset = e.span().map(|s| s.start);
        error(offset, syntax_message(text, offset, e.message()))
    })?;
    settings::build(doc.get_ref(), home).map_err(|p| error(Some(p.offset), p.message))
}

/// The TOML parser's words (`duplicate key`) and the line they are about, which they do not
/// quote.
fn syntax_message(text: &str, offset: Option<usize>, message: &str) -> String {
    let message = message.trim().trim_end_matches('.');
    let line = offset
        .and_then(|o| text.lines().nth(line_of(text, o) - 1))
        .map(str::trim)
        .unwrap_or_default();
    if line.is_empty() {
        return format!("invalid TOML: {message}");
    }
    let shown: String = line.chars().take(60).collect();
    let more = if shown.len() < line.len() { "…" } else { "" };
    format!("invalid TOML: {message}: `{shown}{more}`")
}

/// The 1-based line holding byte `offset`.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Whether the environment asks for no colour: `NO_COLOR` present and not empty.
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}
