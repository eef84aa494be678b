//! Colours and emphasis, and every built-in palette: `default` ([`Theme::default`]), `light`,
//! and the colourless one used whenever `NO_COLOR` is set (<https://no-color.org>). Named ANSI
//! colours only, so the terminal's own palette decides the exact shade and the default reads
//! on dark and light backgrounds alike. The configuration only names a palette.

use crate::text::SpanStyle;
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub border: Style,
    pub border_focused: Style,
    pub selected: Style,
    pub selected_unfocused: Style,
    pub dim: Style,
    pub title: Style,
    pub heading: Style,
    pub link: Style,
    pub image: Style,
    pub quote: Style,
    pub code: Style,
    pub note: Style,
    pub status: Style,
    pub warning: Style,
    /// The unread / starred mark in the list.
    pub unread: Style,
    /// Titles of articles already read.
    pub read: Style,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Cyan),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            selected_unfocused: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            dim: Style::new().fg(Color::DarkGray),
            title: Style::new().add_modifier(Modifier::BOLD),
            heading: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            link: Style::new()
                .fg(Color::Blue)
                .add_modifier(Modifier::UNDERLINED),
            image: Style::new().fg(Color::Magenta),
            quote: Style::new().fg(Color::Green),
            code: Style::new().fg(Color::Cyan),
            note: Style::new().fg(Color::Red).add_modifier(Modifier::ITALIC),
            status: Style::new().add_modifier(Modifier::REVERSED),
            warning: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            unread: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            read: Style::new(),
        }
    }
}

impl Theme {
    /// The terminal style of a rendered span.
    pub fn span(&self, s: &SpanStyle) -> Style {
        let mut style = Style::new();
        if s.heading {
            style = style.patch(self.heading);
        }
        if s.quote {
            style = style.patch(self.quote);
        }
        if s.code {
            style = style.patch(self.code);
        }
        if s.link.is_some() {
            style = style.patch(self.link);
        }
        if s.image.is_some() {
            style = style.patch(self.image);
        }
        if s.note {
            style = style.patch(self.note);
        }
        if s.bold {
            style = style.add_modifier(Modifier::BOLD);
        }
        if s.italic {
            style = style.add_modifier(Modifier::ITALIC);
        }
        if s.strike {
            style = style.add_modifier(Modifier::CROSSED_OUT);
        }
        style
    }
}

/// The names `theme = "…"` accepts.
pub const THEMES: &[&str] = &["default", "light"];

/// The theme called `name` (unknown names give the default), or the colourless one when
/// `no_color` — which wins over any name.
pub fn theme(name: &str, no_color: bool) -> Theme {
    if no_color {
        return self::no_color();
    }
    match name {
        "light" => light(),
        _ => Theme::default(),
    }
}

/// Dark colours that read on a light background; yellow and cyan are left out.
pub fn light() -> Theme {
    Theme {
        border: Style::new().fg(Color::DarkGray),
        border_focused: Style::new().fg(Color::Blue),
        selected: Style::new().add_modifier(Modifier::REVERSED),
        selected_unfocused: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        dim: Style::new().fg(Color::DarkGray),
        title: Style::new().fg(Color::Black).add_modifier(Modifier::BOLD),
        heading: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
        link: Style::new()
            .fg(Color::Blue)
            .add_modifier(Modifier::UNDERLINED),
        image: Style::new().fg(Color::Magenta),
        quote: Style::new().fg(Color::Green),
        code: Style::new().fg(Color::Magenta),
        note: Style::new().fg(Color::Red).add_modifier(Modifier::ITALIC),
        status: Style::new().add_modifier(Modifier::REVERSED),
        warning: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        unread: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
        read: Style::new(),
    }
}

/// No colours at all: emphasis by bold, reverse and underline only.
pub fn no_color() -> Theme {
    let plain = Style::new();
    let bold = Style::new().add_modifier(Modifier::BOLD);
    Theme {
        border: plain,
        border_focused: bold,
        selected: Style::new().add_modifier(Modifier::REVERSED),
        selected_unfocused: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        dim: plain,
        title: bold,
        heading: bold,
        link: Style::new().add_modifier(Modifier::UNDERLINED),
        image: plain,
        quote: plain,
        code: plain,
        note: plain,
        status: Style::new().add_modifier(Modifier::REVERSED),
        warning: bold,
        unread: bold,
        read: plain,
    }
}
