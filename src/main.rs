//! The `gazette` binary: parses the command line, runs a subcommand or the reader, and turns
//! errors into exit codes (0 success, 1 problems found by `check`, 2 usage or I/O errors).

use gazette::cli::{Cli, Command};
use gazette::commands;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Before any thread: see `memory`.
    gazette::memory::limit_arenas();
    gazette::crash::install(gazette::tui::terminal::restore);
    let cli = Cli::parse_checked();
    match run(cli) {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            // Never `eprintln!`: with stderr gone it panics, and a panic is a crash log.
            let _ = writeln!(std::io::stderr(), "gazette: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // These work even when the user's configuration is broken: they never read it.
    let config_free = match &cli.command {
        // That is when it is needed.
        Some(Command::Config(args)) => {
            Some(commands::config::run(args, cli.config.as_deref(), &mut out))
        }
        Some(Command::Completions { shell }) => {
            Some(commands::shell::completions(*shell, &mut out))
        }
        Some(Command::Man) => Some(commands::shell::man(&mut out)),
        _ => None,
    };
    if let Some(result) = config_free {
        result?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let (config, config_path) = gazette::config::load(cli.config.as_deref())?;
    // Folders from the command line, else the configured library, else the bundled sample.
    let dirs = |given: &[std::path::PathBuf]| {
        if given.is_empty() {
            config.library.clone()
        } else {
            given.to_vec()
        }
    };
    let code = match &cli.command {
        Some(Command::List(args)) => {
            let sort = args.sort.unwrap_or(config.sort);
            let dirs = dirs(&args.dirs);
            commands::list::run(&dirs, args, (config.zone, sort), cli.no_cache, &mut out)?;
            ExitCode::SUCCESS
        }
        Some(Command::Show(args)) => {
            commands::show::run(args, config.zone, &mut out)?;
            ExitCode::SUCCESS
        }
        Some(Command::Stats(args)) => {
            commands::stats::run(&dirs(&args.dirs), args, config.zone, cli.no_cache, &mut out)?;
            ExitCode::SUCCESS
        }
        Some(Command::Index(args)) => {
            commands::index::run(&dirs(&args.dirs), &mut out)?;
            ExitCode::SUCCESS
        }
        Some(Command::State(command)) => {
            commands::state::run(command, &mut out)?;
            ExitCode::SUCCESS
        }
        Some(Command::Check(args)) => {
            if commands::check::run(
                &dirs(&args.dirs),
                cli.no_cache,
                &config.image_roots,
                &mut out,
            )? {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Some(Command::Config(_) | Command::Completions { .. } | Command::Man) => {
            unreachable!("handled above")
        }
        None => {
            drop(out);
            let dirs = dirs(&cli.dirs);
            // Saved views go to the file read, else to where it would have been.
            let config_path = config_path.or_else(gazette::config::default_path);
            let exit = gazette::tui::run(&dirs, &cli.filter, cli.no_cache, &config, config_path)?;
            return Ok(match exit {
                gazette::tui::Exit::Quit => ExitCode::SUCCESS,
                gazette::tui::Exit::Signal(n) => ExitCode::from(128u8.saturating_add(n as u8)),
            });
        }
    };
    out.flush()?;
    Ok(code)
}

/// `gazette list | head` closes the pipe early: that is not an error. The write that meets
/// the closed pipe may be our own (an `io::Error`) or serde_json's (`list --json`), which
/// wraps the `io::Error` out of reach of the error chain and tells only its kind.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == BrokenPipe)
            || e.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(BrokenPipe))
    })
}
