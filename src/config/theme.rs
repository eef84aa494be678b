//! The built-in themes: `default` ([`Theme::default`]), `light`, and the colourless one used
//! whenever `NO_COLOR` is set (<https://no-color.org>).

use crate::ui::theme::Theme;
use ratatui::style::{Color, Modifier, Style};

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

/// Whether the environment asks for no colour: `NO_COLOR` present and not empty.
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
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
