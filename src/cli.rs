//! The command line: clap definitions only. The subcommands live in `commands/`.

use crate::library::order::SortOrder;
use chrono::NaiveDate;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// A terminal reader for folders of saved articles (front matter + HTML), Chinese-aware.
///
/// With no subcommand, opens the reader on the given folders (no folder: the bundled sample).
#[derive(Debug, Parser)]
#[command(
    name = "gazette",
    version,
    subcommand_precedence_over_arg = true,
    override_usage = "gazette [OPTIONS] [DIRS]...\n       gazette [OPTIONS] <COMMAND> [ARGS]..."
)]
pub struct Cli {
    /// Folders (read recursively) or single article files to open.
    pub dirs: Vec<PathBuf>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Read every file; neither use nor write the metadata cache.
    #[arg(long, global = true)]
    pub no_cache: bool,
    /// Use this configuration file instead of the one in the XDG config folder.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// Parses the command line and checks what clap cannot: a reversed `--since`/`--until`
    /// exits as any usage error does (status 2, with the usage).
    pub fn parse_checked() -> Cli {
        let cli = Cli::parse();
        // Global options (`--config`, `--no-cache`) may come before a subcommand, so clap takes
        // a subcommand's name wherever it stands; the reader's own folders and filters must
        // not be given with one, where they would be silently ignored.
        if cli.command.is_some() && (!cli.dirs.is_empty() || cli.filter.is_given()) {
            Cli::command()
                .error(
                    clap::error::ErrorKind::ArgumentConflict,
                    "folders and filters go after the subcommand (gazette list DIR --since …)",
                )
                .exit();
        }
        let filter = match &cli.command {
            Some(Command::List(args)) => &args.filter,
            _ => &cli.filter,
        };
        if let Err(message) = filter.check() {
            Cli::command()
                .error(clap::error::ErrorKind::ArgumentConflict, message)
                .exit();
        }
        cli
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List matching articles, newest first.
    List(ListArgs),
    /// Print one article as the reader shows it: header, wrapped body, link list.
    Show(ShowArgs),
    /// Report every file that could not be read fully; exit 1 if any is not an article.
    Check(CheckArgs),
    /// Show the configuration: the documented defaults, or where the file is looked for.
    Config(ConfigArgs),
    /// Move the reading state (read, starred, positions) between machines.
    #[command(subcommand)]
    State(StateCommand),
    /// Count articles per day, week, month, year, category or source, with a bar per row.
    Stats(StatsArgs),
    /// Build or update the full-text index of a library.
    Index(IndexArgs),
    /// Print a shell completion script to stdout (see the README for where to put it).
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to stdout.
    Man,
}

#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct ConfigArgs {
    /// Print the default configuration, documented line by line.
    #[arg(long)]
    pub default: bool,
    /// Print where the configuration file is looked for.
    #[arg(long)]
    pub path: bool,
}

#[derive(Debug, Subcommand)]
pub enum StateCommand {
    /// Write the reading state to FILE (JSON Lines).
    Export { file: PathBuf },
    /// Merge FILE into the reading state: read wins over unread, starred over unstarred.
    Import { file: PathBuf },
}

/// Filters shared by the reader and `list`.
#[derive(Debug, Args, Default, Clone)]
pub struct FilterArgs {
    /// Only this category and everything below it: a name or path at any depth, e.g.
    /// `新媒体/观察者网` or `观察者网`; a one-level name also matches a flat category or a tag.
    #[arg(long, value_name = "PATH")]
    pub category: Option<String>,
    /// Only articles dated on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<NaiveDate>,
    /// Only articles dated on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: Option<NaiveDate>,
}

impl FilterArgs {
    /// True when any filter was given.
    pub fn is_given(&self) -> bool {
        self.category.is_some() || self.since.is_some() || self.until.is_some()
    }

    /// A range that ends before it starts is a mistake, not an empty list.
    pub fn check(&self) -> Result<(), String> {
        match (self.since, self.until) {
            (Some(s), Some(u)) if s > u => Err(format!("--since {s} is after --until {u}")),
            _ => Ok(()),
        }
    }
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Folders or files to read (none: the bundled sample).
    pub dirs: Vec<PathBuf>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Days and dates in UTC instead of the configured zone (`[dates] time_zone`, by default
    /// the local one, `TZ` respected).
    #[arg(long, conflicts_with = "local")]
    pub utc: bool,
    /// Days and dates in the local zone (`TZ`), whatever the configuration says.
    #[arg(long)]
    pub local: bool,
    /// One JSON object per line (path, title, author, categories, tags, date, date_source,
    /// read, starred, …).
    #[arg(long)]
    pub json: bool,
    /// Only articles not read yet.
    #[arg(long)]
    pub unread: bool,
    /// Only starred articles.
    #[arg(long)]
    pub starred: bool,
    /// Only articles matching QUERY (the reader's `/` language, see the README): words must
    /// all match in title, author, categories or text (case-insensitive; Chinese as
    /// substrings); `"a phrase"`, `-word` to exclude, `a OR b`; keys `cat:`, `tag:`,
    /// `author:`, `source:`, `since:`, `until:`, `is:unread`, `is:starred`.
    #[arg(long, value_name = "QUERY", allow_hyphen_values = true)]
    pub search: Option<String>,
    /// The order: newest (first), oldest (first), title (ignoring case; Chinese by code
    /// point) or source (the folder below the given folder, newest first within each). By
    /// default the configuration's `[list] sort`, else newest.
    #[arg(long, value_enum, value_name = "ORDER")]
    pub sort: Option<SortOrder>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The article file.
    pub file: PathBuf,
    /// Wrap at this many columns (default: the terminal's width, or 80).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub width: Option<u16>,
    /// What to print: the wrapped text, the article as Markdown (links kept as links), or
    /// its metadata and plain text as one JSON object.
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

/// The forms `gazette show` prints an article in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowFormat {
    /// As the reader shows it: header, wrapped body, numbered links.
    Text,
    /// Markdown with its links, headings, lists, emphasis and images.
    Markdown,
    /// The fields of `list --json` plus `text`, the plain text.
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Folders or files to check (none: the bundled sample).
    pub dirs: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Folders or files of the library (none: the configured library).
    pub dirs: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Folders or files to read (none: the configured library, else the bundled sample).
    pub dirs: Vec<PathBuf>,
    /// What a row counts: dates in the configured zone (in date order), or categories and
    /// sources (the folder below the library root), largest first.
    #[arg(long, value_enum, default_value_t = By::Month)]
    pub by: By,
    /// Count only the articles matching QUERY (the language of `list --search`).
    #[arg(long, value_name = "QUERY", allow_hyphen_values = true)]
    pub search: Option<String>,
    /// One JSON object per row: `{"key":…,"count":…}`.
    #[arg(long)]
    pub json: bool,
    /// Days in UTC instead of the configured zone.
    #[arg(long, conflicts_with = "local")]
    pub utc: bool,
    /// Days in the local zone (`TZ`), whatever the configuration says.
    #[arg(long)]
    pub local: bool,
}

/// What `stats` counts per row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum By {
    Day,
    Week,
    Month,
    Year,
    Category,
    Source,
}
