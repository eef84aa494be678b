//! Whole-screen snapshots on ratatui's TestBackend at 200×50, 100×30 and 40×15, over the
//! bundled sample library, with the clock and zone fixed so frames do not depend on the machine.

use crate::support::common::{send, settings_at};
use chrono::{TimeZone, Utc};
use gazette::app::{AppState, Msg};
use gazette::library::Library;
use gazette::store::Store;
use gazette::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const SIZES: [(u16, u16); 3] = [(200, 50), (100, 30), (40, 15)];

fn sample_state(cols: u16, rows: u16) -> AppState {
    let now = Utc.with_ymd_and_hms(2022, 2, 28, 12, 0, 0).unwrap();
    let mut s = AppState::new(
        Library::sample(),
        Store::empty("unsaved".into()),
        settings_at(now),
    );
    send(&mut s, Msg::Resize(cols, rows));
    s
}

/// Types `keys` (each char a key; `\r` Enter, `\x1b` Esc), bodies read as the event loop
/// reads them, and returns the final frame.
fn frame(cols: u16, rows: u16, keys: &str) -> String {
    let mut state = sample_state(cols, rows);
    let mut terminal = Terminal::new(TestBackend::new(cols, rows)).unwrap();
    for c in keys.chars() {
        let code = match c {
            '\r' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        let mods = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        send(&mut state, Msg::Key(KeyEvent::new(code, mods)));
    }
    terminal
        .draw(|f| ui::render(f, &state, &Theme::default()))
        .unwrap();
    terminal.backend().to_string()
}

macro_rules! snapshots {
    ($($name:ident: $keys:expr;)*) => {$(
        #[test]
        fn $name() {
            for (cols, rows) in SIZES {
                insta::assert_snapshot!(format!("{}_{cols}x{rows}", stringify!($name)), frame(cols, rows, $keys));
            }
        }
    )*};
}

snapshots! {
    start_screen: "";
    // The third newest article of the sample is Chinese.
    open_chinese_article: "jj\r";
    category_filter: "cjj\r";
    date_filter: "d2022-01-06\r";
    // The date window's timeline, the cursor moved two bars back, a range marked from there
    // one bar further back, zoomed in.
    timeline: "d";
    timeline_range: "dhhvh+";
    empty_result: "d2030\r";
    help_overlay: "?";
    problems_list: "!";
    search_typing: "/茶";
    // The list focused, the second article previewed beside it (at 40 columns there is no
    // room for the reader pane: the list alone).
    preview: "j";
}

#[test]
fn every_size_down_to_1x1_renders_without_panic() {
    for cols in [1, 2, 5, 19, 20, 39, 79, 80, 119, 120] {
        for rows in [1, 2, 3, 6, 7] {
            for keys in ["", "\r", "c", "d", "?", "!", "\rjjjj"] {
                let screen = frame(cols, rows, keys);
                assert_eq!(screen.lines().count(), usize::from(rows));
                // Each row (quoted by the test backend) fits on a terminal of that width.
                for row in screen.lines() {
                    let end = row
                        .find("\" Hidden by multi-width symbols")
                        .unwrap_or(row.len() - 1);
                    let row = &row[1..end];
                    let shown = crate::support::text::terminal_columns(row, usize::from(cols));
                    assert!(shown.is_some(), "{cols}×{rows} {keys:?}: {row:?} wraps");
                }
                // From a screen with room for a border and a row, something is drawn.
                if cols >= 20 && rows >= 6 {
                    assert!(
                        screen.contains(|c: char| c.is_alphanumeric()),
                        "{cols}×{rows} {keys:?}:\n{screen}"
                    );
                }
            }
        }
    }
}

#[test]
fn resize_rewraps_the_open_article() {
    let mut state = sample_state(200, 50);
    send(
        &mut state,
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    let wide = state.screen().reader().unwrap().rendered_width().unwrap();
    send(&mut state, Msg::Resize(60, 20));
    let reader = state.screen().reader().unwrap();
    let (narrow, rendered) = (reader.rendered_width().unwrap(), reader.rendered().unwrap());
    assert!(narrow < wide);
    assert_eq!(narrow, 58);
    for line in &rendered.lines {
        let text: String = line.spans.iter().map(|s| s.text.as_str()).collect();
        assert!(gazette::columns::width(&text) <= 58, "{text:?}");
    }
}
