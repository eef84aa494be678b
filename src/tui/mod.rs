//! The interactive reader's event loop: the only place that touches the terminal. It reads
//! events, hands them to the pure `app` state, reads article bodies when one is opened, and
//! draws with `ui`. The terminal is restored on every exit path, panics included.

use crate::app::dates::DayRange;
use crate::app::input::{on_key, on_mouse};
use crate::app::{AppState, Effect, Zone};
use crate::cli::FilterArgs;
use crate::library::Filter;
use crate::store::Store;
use crate::ui::{self, theme::Theme};
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::execute;
use std::path::PathBuf;
use std::time::{Duration, Instant};

pub fn run(dirs: &[PathBuf], filter: &FilterArgs) -> anyhow::Result<()> {
    let library = crate::commands::load(dirs, false)?;
    let (store, store_warning) = Store::open(Store::default_path()?);
    let mut state = AppState::new(library, store, Zone::Local, chrono::Utc::now());
    state.category = filter
        .category
        .as_deref()
        .map(Filter::parse_category)
        .unwrap_or_default();
    if filter.since.is_some() || filter.until.is_some() {
        state.days = Some(DayRange {
            from: filter.since,
            to: filter.until,
        });
    }
    state.refilter();
    state.message = store_warning;

    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        ratatui::restore();
        previous_hook(info);
    }));
    let mut terminal = ratatui::init();
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    let result = event_loop(&mut terminal, &mut state);
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    state.remember_position();
    if let Err(e) = state.store.save() {
        eprintln!(
            "gazette: warning: could not save the reading state to {}: {e}",
            state.store.path().display()
        );
    }
    result
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, state: &mut AppState) -> anyhow::Result<()> {
    let theme = Theme::default();
    loop {
        let size = terminal.size()?;
        state.size = (size.width, size.height);
        prepare(
            state,
            ratatui::layout::Rect::new(0, 0, size.width, size.height),
        );
        terminal.draw(|frame| ui::render(frame, state, &theme))?;
        // Wake up now and then without input, so a pending save happens soon after a change.
        if !event::poll(SAVE_CHECK)? {
            save_if_due(state);
            continue;
        }
        let effect = match event::read()? {
            Event::Key(key) => on_key(state, key),
            Event::Mouse(mouse) => on_mouse(state, mouse),
            _ => Effect::None,
        };
        if effect == Effect::Quit {
            return Ok(());
        }
        save_if_due(state);
    }
}

/// How long the loop waits for input before checking whether the state needs saving.
const SAVE_CHECK: Duration = Duration::from_millis(500);

/// Saves the reading state when it changed and the last save is old enough; a failure is
/// shown in the status bar and the reader goes on (the next save tries again).
fn save_if_due(state: &mut AppState) {
    if let Some(Err(e)) = state.store.save_if_due(Instant::now()) {
        state.message = Some(format!("could not save the reading state: {e}"));
    }
}

/// Lays out the panes for this size and makes sure the open article is read and rendered at
/// the reader pane's width (re-rendered only when that width changes).
pub fn prepare(state: &mut AppState, area: ratatui::layout::Rect) {
    state.areas = ui::areas(area, state);
    state.keep_selection_in_view();
    let Some(pane) = state.areas.reader else {
        return;
    };
    let width = ui::reader_text_width(pane);
    let rows = state.reader_rows();
    let Some(index) = state.reader.as_ref().map(|r| r.article) else {
        return;
    };
    let article = &state.library.articles[index];
    let reader = state.reader.as_mut().expect("checked above");
    if reader.body.is_none() {
        reader.body = Some(
            state
                .library
                .read_body(article)
                .map_err(|e| format!("{e:#}")),
        );
    }
    if reader.rendered.as_ref().is_none_or(|(w, _)| *w != width)
        && let Some(Ok(body)) = &reader.body
    {
        let date = state.zone.format_date(article.date);
        let rendered = crate::article_view::render(article, body, width, &date);
        reader.rendered = Some((width, rendered));
    }
    if let Some((_, r)) = &reader.rendered {
        reader.scroll = reader.scroll.min(r.lines.len().saturating_sub(rows));
    }
}
