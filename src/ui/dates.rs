//! The date filter window: the timeline of the articles shown (ratatui's `BarChart`, one bar
//! per day, week, month or year), the presets with the days they stand for, and the line a
//! range is typed into. The bars were counted when the window opened (`app::timeline`); this
//! only picks the ones that fit and draws them.

use super::overlays::{centered, typed_line, window};
use super::theme::Theme;
use crate::app::AppState;
use crate::app::action::Action;
use crate::app::dates::PRESETS;
use crate::app::keymap::Context;
use crate::app::overlay::DatePrompt;
use crate::app::timeline::{self, Timeline, Unit};
use crate::count::count;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Paragraph, Wrap};

/// The widest and tallest the window gets; smaller screens get a smaller one.
const WIDTH: u16 = 100;
const HEIGHT: u16 = 30;
/// The tallest the bars get, however tall the window.
const CHART_ROWS: u16 = 12;
const GAP: u16 = 1;

pub fn render(frame: &mut Frame, area: Rect, state: &AppState, prompt: &DatePrompt, theme: &Theme) {
    let rect = centered(
        area,
        area.width.saturating_sub(2).min(WIDTH),
        area.height.saturating_sub(1).min(HEIGHT),
    );
    let inner = window(frame, rect, " Date filter ", theme);
    // Rows from the bottom up: the typed range and its hint (2), the presets, the timeline
    // (a heading, the bars with their labels, a pointer row and what the cursor is on).
    let h = inner.height;
    let footer = h.min(2);
    let rest = h - footer;
    // The timeline comes first, up to its tallest; the presets take what is left (at least
    // three rows, scrolled to the highlighted one).
    let timeline = rest.saturating_sub(3).min(CHART_ROWS + 4);
    let presets = (rest - timeline).min(PRESETS.len() as u16);
    let mut y = inner.y;
    let mut take = |rows: u16| {
        let r = Rect {
            y,
            height: rows,
            ..inner
        };
        y += rows;
        r
    };
    let (t_area, p_area, f_area) = (take(timeline), take(presets), take(footer));
    draw_timeline(frame, t_area, state, prompt, theme);
    draw_presets(frame, p_area, state, prompt, theme);
    let hint = match prompt.error() {
        Some(e) => Line::styled(e.to_string(), theme.warning),
        None => Line::styled("2022-01 · 2022-01-01..2022-01-31 · 7d", theme.dim),
    };
    frame.render_widget(
        Paragraph::new(vec![typed_line("range: ", prompt.line(), "", theme), hint]),
        f_area,
    );
}

/// The presets with the days each stands for now, scrolled to the highlighted one.
fn draw_presets(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    prompt: &DatePrompt,
    theme: &Theme,
) {
    let rows = usize::from(area.height);
    if rows == 0 {
        return;
    }
    let today = state.settings().today();
    let first = prompt.selected().saturating_sub(rows - 1);
    let highlight = prompt.line().is_empty() && !prompt.on_timeline();
    let lines: Vec<Line> = PRESETS
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, name)| {
            let days = match prompt.preset_range(i, today) {
                Ok(Some(r)) => r.label(),
                Ok(None) => "every date".into(),
                Err(e) => e,
            };
            let line = Line::from(vec![
                Span::raw(format!("{name:<14}")),
                Span::styled(days, theme.dim),
            ]);
            super::row(line, i == prompt.selected() && highlight, true, theme)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn draw_timeline(
    frame: &mut Frame,
    area: Rect,
    state: &AppState,
    prompt: &DatePrompt,
    theme: &Theme,
) {
    if area.height == 0 {
        return;
    }
    let t = prompt.timeline();
    let Some(unit) = t.unit() else {
        let text = format!(
            " No article shown has a date ({} without one).",
            count(t.undated(), "article")
        );
        frame.render_widget(Paragraph::new(Line::styled(text, theme.dim)), area);
        return;
    };
    let width = bar_width(unit);
    let shown = usize::from((area.width + GAP) / (width + GAP)).max(1);
    let (first, last) = window_of(t.cursor(), t.bars().len(), shown);
    let bars = &t.bars()[first..last];
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0);

    let heading = Line::from(vec![
        Span::styled(format!("per {} ", unit.name()), theme.heading),
        Span::raw(format!(
            "{} … {} · {}",
            label_date(unit, bars[0]),
            label_date(unit, bars[bars.len() - 1]),
            count(t.dated(), "article"),
        )),
        Span::styled(undated_note(t), theme.dim),
        Span::styled(format!(" · tallest bar {max}"), theme.dim),
    ]);
    // The heading wraps onto a second row when the window is narrow, so the undated count
    // is never cut off.
    let heading_rows = if heading.width() > usize::from(area.width) && area.height > 6 {
        2
    } else {
        1
    };
    let chart_rows = area.height.saturating_sub(2 + heading_rows).min(CHART_ROWS);
    let heading_area = Rect {
        height: heading_rows.min(area.height),
        ..area
    };
    let chart_area = Rect {
        y: area.y + heading_rows,
        height: chart_rows,
        ..area
    };
    frame.render_widget(
        Paragraph::new(heading).wrap(Wrap { trim: true }),
        heading_area,
    );
    if chart_rows >= 2 {
        frame.render_widget(chart(t, first, bars, width, theme), chart_area);
    }
    // Under the bars: a pointer at the cursor (and a rule under a marked range), then what
    // the cursor is on and the keys.
    let below = Rect {
        y: area.y + heading_rows + chart_rows,
        height: area.height.saturating_sub(heading_rows + chart_rows).min(2),
        ..area
    };
    let lines = vec![
        pointer(t, first, last, width),
        Line::from(vec![
            Span::raw(chosen_text(t)),
            Span::styled(keys_text(state), theme.dim),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines), below);
}

/// The chart of `bars` (the cursor's and a marked range's in their own styles).
fn chart<'a>(
    t: &Timeline,
    first: usize,
    bars: &[timeline::Bar],
    width: u16,
    theme: &Theme,
) -> BarChart<'a> {
    let unit = t.unit().unwrap_or(Unit::Day);
    let marked = t.marked();
    let data: Vec<Bar> = bars
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let at = first + i;
            let style = if at == t.cursor() {
                theme.unread
            } else if marked.is_some_and(|(a, z)| (a..=z).contains(&at)) {
                theme.quote
            } else {
                theme.code
            };
            Bar::default()
                .value(b.count as u64)
                .text_value(bar_value(b.count))
                .label(Line::raw(label_short(unit, *b)))
                .style(style)
        })
        .collect();
    BarChart::vertical(data)
        .bar_width(width)
        .bar_gap(GAP)
        .value_style(theme.selected)
}

/// The count written on a bar, short enough for a narrow one: `999`, `1.2k`, `12k`, `3M`.
/// (The chart leaves it out where it still does not fit; the line under the bars has it.)
fn bar_value(n: usize) -> String {
    match n {
        0..1_000 => n.to_string(),
        1_000..9_950 => format!("{:.1}k", n as f64 / 1e3),
        9_950..999_500 => format!("{}k", (n + 500) / 1_000),
        _ => format!("{}M", (n + 500_000) / 1_000_000),
    }
}

/// How wide a bar is: room for its label under it.
fn bar_width(unit: Unit) -> u16 {
    match unit {
        Unit::Day => 2,
        Unit::Week | Unit::Month => 3,
        Unit::Year => 4,
    }
}

/// The bars `first..last` to show: `shown` of `len`, with the cursor in the middle when the
/// ends allow (so it is always on screen, and moving needs no remembered scroll).
fn window_of(cursor: usize, len: usize, shown: usize) -> (usize, usize) {
    let shown = shown.min(len);
    let first = cursor.saturating_sub(shown / 2).min(len - shown);
    (first, first + shown)
}

/// Under each bar: the day of the month for days and weeks (a week's Monday), the month's
/// name (January as the year, `'22`, so years can be told apart), the year.
fn label_short(unit: Unit, b: timeline::Bar) -> String {
    let f = match unit {
        Unit::Day | Unit::Week => "%d",
        Unit::Month if b.first.format("%m").to_string() == "01" => "'%y",
        Unit::Month => "%b",
        Unit::Year => "%Y",
    };
    b.first.format(f).to_string()
}

/// A bar named in full: `2022-05-09` (a day, or a week by its Monday), `2022-05`, `2022`.
fn label_date(unit: Unit, b: timeline::Bar) -> String {
    let f = match unit {
        Unit::Day | Unit::Week => "%Y-%m-%d",
        Unit::Month => "%Y-%m",
        Unit::Year => "%Y",
    };
    b.first.format(f).to_string()
}

fn undated_note(t: &Timeline) -> String {
    match t.undated() {
        0 => String::new(),
        n => format!(" ({n} undated, not shown)"),
    }
}

/// `▲` under the cursor's bar, `─` under the rest of a marked range.
fn pointer(t: &Timeline, first: usize, last: usize, width: u16) -> Line<'static> {
    let w = usize::from(width);
    let (a, z) = t.marked().unwrap_or((t.cursor(), t.cursor()));
    let mut text = String::new();
    for at in first..last {
        let cell = if at == t.cursor() {
            format!("{:^w$}", "▲")
        } else if (a..=z).contains(&at) {
            "─".repeat(w)
        } else {
            " ".repeat(w)
        };
        text.push_str(&cell);
        let gap = if at < z && at >= a { "─" } else { " " };
        text.push_str(gap);
    }
    Line::raw(text)
}

/// What Enter on the timeline would filter to, and how many articles that is.
fn chosen_text(t: &Timeline) -> String {
    let unit = t.unit().unwrap_or(Unit::Day);
    let (a, z) = t.marked().unwrap_or((t.cursor(), t.cursor()));
    let bars = &t.bars()[a..=z];
    let n: usize = bars.iter().map(|b| b.count).sum();
    let week = if unit == Unit::Week { "week of " } else { "" };
    let name = if a == z {
        format!("{week}{}", label_date(unit, bars[0]))
    } else {
        format!(
            "{week}{} … {}",
            label_date(unit, bars[0]),
            label_date(unit, bars[bars.len() - 1])
        )
    };
    format!("{name}: {}", count(n, "article"))
}

/// The timeline's keys as the user's keymap has them.
fn keys_text(state: &AppState) -> String {
    let map = state.settings().keymap();
    let key = |a| map.key_for(Context::Dates, a).unwrap_or_default();
    format!(
        "  {}/{} move · {}/{} zoom · {} range · Enter filters",
        key(Action::TimelineEarlier),
        key(Action::TimelineLater),
        key(Action::ZoomIn),
        key(Action::ZoomOut),
        key(Action::MarkRange),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bar_values_stay_short() {
        let shown: Vec<String> = [7, 999, 1_000, 1_249, 9_949, 9_950, 12_400, 999_499, 999_500]
            .into_iter()
            .map(bar_value)
            .collect();
        assert_eq!(
            shown,
            [
                "7", "999", "1.0k", "1.2k", "9.9k", "10k", "12k", "999k", "1M"
            ]
        );
    }

    #[test]
    fn the_cursor_stays_in_the_window_of_bars() {
        assert_eq!(window_of(0, 3, 10), (0, 3));
        assert_eq!(window_of(99, 100, 9), (91, 100));
        assert_eq!(window_of(50, 100, 9), (46, 55));
        assert_eq!(window_of(2, 100, 9), (0, 9));
    }
}
