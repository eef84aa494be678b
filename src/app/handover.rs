//! `|` and `E` in the reader: handing the terminal to another program. Deciding what to hand
//! over is pure and lives here; suspending the terminal and running the program is the event
//! loop's (`tui/handover.rs`), asked for with [`Effect::Hand`].

use super::msg::{Effect, Handover};
use super::state::AppState;
use crate::library::Origin;

/// The open article as the reader shows it (header, body, link list, at the pane's width)
/// for the configured `pipe_to` command; without one, the status bar says how to set it.
pub(super) fn pipe(state: &mut AppState) -> Option<Effect> {
    let Some(command) = state.settings.pipe_to().map(str::to_string) else {
        state.screen.say(
            "no command to pipe to: set pipe_to = \"less\" (or any command) in the \
             configuration file (gazette config --path)",
        );
        return None;
    };
    let Some(rendered) = state.screen.reader().and_then(|r| r.rendered()) else {
        state.screen.say("the article is not shown yet");
        return None;
    };
    let mut text: String = rendered
        .lines
        .iter()
        .map(|l| l.text() + "\n")
        .collect::<String>();
    // The lines were cleaned for the terminal already; a pager may show the text on it.
    text = crate::sanitize::clean(&text).into_owned();
    Some(Effect::Hand(Handover::Pipe { command, text }))
}

/// The open article's file, for the user's editor. The bundled sample has no file.
pub(super) fn edit(state: &mut AppState) -> Option<Effect> {
    let id = state.screen.reader()?.article();
    if state.catalog.library().origin == Origin::Embedded {
        state
            .screen
            .say("the bundled sample has no file to edit: open a folder of articles");
        return None;
    }
    let path = state.catalog.article(id).path.to_path_buf();
    Some(Effect::Hand(Handover::Edit(path)))
}
