//! `gazette state export|import`: the reading state as a plain file to carry between machines.

use crate::cli::StateCommand;
use crate::store::Store;
use std::io::Write;

pub fn run(command: &StateCommand, out: &mut impl Write) -> anyhow::Result<()> {
    let (mut store, warning) = Store::open(Store::default_path()?);
    if let Some(w) = warning {
        eprintln!("gazette: warning: {w}");
    }
    match command {
        StateCommand::Export { file } => {
            store.export(file)?;
            writeln!(
                out,
                "exported the state of {} articles to {}",
                store.len(),
                file.display()
            )?;
        }
        StateCommand::Import { file } => {
            let summary = store.import(file)?;
            store.save()?;
            writeln!(
                out,
                "imported {}: {} articles added, {} changed; {} in all",
                file.display(),
                summary.added,
                summary.changed,
                store.len()
            )?;
        }
    }
    Ok(())
}
