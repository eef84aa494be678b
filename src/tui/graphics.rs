//! What pictures the terminal can show, asked once at start-up.
//!
//! ratatui-image's own query reads the answer on a thread it leaves behind when the terminal
//! does not answer, and that thread would then take the user's keys. Here the same query
//! (its parser and its escape sequences) is answered on this thread with poll(2) and a
//! deadline: a terminal that says nothing costs [`QUERY_TIMEOUT`] once and gets halfblocks,
//! and nothing is left reading the input.

use crate::picture::Mode;
use ratatui_image::FontSize;
use ratatui_image::picker::cap_parser::{Parser, QueryStdioOptions, Response};
use ratatui_image::picker::{Picker, ProtocolType};
use rustix::event::{PollFd, PollFlags, Timespec, poll};
use std::io::Write;
use std::time::{Duration, Instant};

/// How long the terminal has to answer. Every terminal answers the status report that ends
/// the query at once (locally and over ssh alike).
const QUERY_TIMEOUT: Duration = Duration::from_millis(1000);

/// The cell size when the terminal tells none (no picture protocol needs it then but sixel).
const FALLBACK_FONT: FontSize = FontSize::new(10, 20);

/// How the terminal will be drawn to, for the `images` setting: `None` with `off`. With
/// `auto` this writes a query to the terminal and reads its answer from the input, so it must
/// run with the terminal in raw mode and before anything else reads the input.
pub fn picker(mode: Mode) -> Option<Picker> {
    match mode {
        Mode::Off => None,
        Mode::Halfblocks => Some(Picker::halfblocks()),
        Mode::Auto => Some(query().unwrap_or_else(|_| Picker::halfblocks())),
    }
}

/// The terminal's answer as a picker: kitty or sixel when it says so, else what the
/// environment suggests (iTerm2, the terminal outside tmux), else halfblocks.
fn query() -> std::io::Result<Picker> {
    let font = window_font().unwrap_or(FALLBACK_FONT);
    // Also detects tmux (and asks it to pass sequences through) and the iTerm2 family.
    #[allow(deprecated)]
    let guess = Picker::from_fontsize(font);
    // As ratatui-image does: WezTerm and Konsole claim kitty or sixel but draw them badly.
    let shaky = ["WEZTERM_EXECUTABLE", "KONSOLE_VERSION"]
        .iter()
        .any(|v| std::env::var(v).is_ok_and(|s| !s.is_empty()));
    let options = QueryStdioOptions {
        blacklist_protocols: if shaky {
            vec![ProtocolType::Kitty, ProtocolType::Sixel]
        } else {
            Vec::new()
        },
        ..QueryStdioOptions::default()
    };
    let mut out = std::io::stdout();
    out.write_all(Parser::query(guess.tmux_detected(), options).as_bytes())?;
    out.flush()?;
    let responses = answers(QUERY_TIMEOUT)?;
    let cell = responses.iter().find_map(|r| match r {
        Response::CellSize(Some((w, h))) if *w > 0 && *h > 0 => Some(FontSize::new(*w, *h)),
        _ => None,
    });
    #[allow(deprecated)]
    let mut picker = match cell {
        Some(cell) => Picker::from_fontsize(cell),
        None => guess,
    };
    let kitty = responses.contains(&Response::Kitty);
    let sixel = responses.contains(&Response::Sixel);
    if kitty && !shaky {
        picker.set_protocol_type(ProtocolType::Kitty);
    } else if sixel && !shaky {
        picker.set_protocol_type(ProtocolType::Sixel);
    }
    Ok(picker)
}

/// The terminal's answers up to its status report, or what came before the deadline.
fn answers(timeout: Duration) -> std::io::Result<Vec<Response>> {
    let stdin = rustix::stdio::stdin();
    let deadline = Instant::now() + timeout;
    let mut parser = Parser::new();
    let mut responses = Vec::new();
    let mut buf = [0u8; 256];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(responses);
        }
        let wait = Timespec {
            tv_sec: left.as_secs() as i64,
            tv_nsec: i64::from(left.subsec_nanos()),
        };
        let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
        match poll(&mut fds, Some(&wait)) {
            Ok(0) => return Ok(responses),
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => continue,
            Err(e) => return Err(e.into()),
        }
        let n = rustix::io::read(stdin, &mut buf)?;
        if n == 0 {
            return Ok(responses);
        }
        for &b in &buf[..n] {
            for r in parser.push(char::from(b)) {
                if r == Response::Status {
                    return Ok(responses);
                }
                responses.push(r);
            }
        }
    }
}

/// The cell size from the terminal's size in pixels, when the system knows it.
fn window_font() -> Option<FontSize> {
    let size = ratatui::crossterm::terminal::window_size().ok()?;
    let (w, h) = (
        size.width / size.columns.max(1),
        size.height / size.rows.max(1),
    );
    (w > 0 && h > 0).then(|| FontSize::new(w, h))
}
