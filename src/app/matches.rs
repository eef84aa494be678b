//! `n` / `N` while searching: the next or previous line holding a match in the open article,
//! and on into the next or previous article of the results when this one has no more.

use super::state::{AppState, Jump};
use super::update::step_article;
use crate::search::Query;
use crate::text::Line;

/// Lines of `lines` that hold a match of `query`.
pub fn match_lines(query: &Query, lines: &[Line]) -> Vec<usize> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !query.find_in_line(&l.text()).is_empty())
        .map(|(i, _)| i)
        .collect()
}

/// Moves to the next (or previous) match; past the last one, opens the next article.
pub fn step(state: &mut AppState, forward: bool) {
    let rows = state.reader_rows();
    let Some(query) = state
        .search
        .as_ref()
        .and_then(|s| s.active_query())
        .cloned()
    else {
        step_article(state, forward);
        return;
    };
    let Some(reader) = state.reader.as_mut() else {
        return;
    };
    let lines = reader
        .rendered
        .as_ref()
        .map(|(_, r)| match_lines(&query, &r.lines))
        .unwrap_or_default();
    let here = reader.match_line;
    let next = if forward {
        lines.iter().copied().find(|&l| here.is_none_or(|h| l > h))
    } else {
        lines
            .iter()
            .rev()
            .copied()
            .find(|&l| here.is_some_and(|h| l < h))
    };
    match next {
        Some(line) => {
            reader.match_line = Some(line);
            // Two lines of context above the match.
            let total = reader.rendered.as_ref().map_or(0, |(_, r)| r.lines.len());
            reader.scroll = line.saturating_sub(2).min(total.saturating_sub(rows));
        }
        None => {
            let before = state.selected;
            step_article(state, forward);
            if state.selected != before
                && let Some(r) = state.reader.as_mut()
            {
                r.jump = Some(if forward {
                    Jump::FirstMatch
                } else {
                    Jump::LastMatch
                });
                r.match_line = None;
            } else {
                state.message = Some(
                    if forward {
                        "no more matches"
                    } else {
                        "no earlier match"
                    }
                    .into(),
                );
            }
        }
    }
}

/// After the open article was rendered: carries out a pending jump to its first or last match.
pub fn resolve_jump(state: &mut AppState) {
    let rows = state.reader_rows();
    let query = state
        .search
        .as_ref()
        .and_then(|s| s.active_query())
        .cloned();
    let Some(r) = state.reader.as_mut() else {
        return;
    };
    let (Some(jump), Some((_, rendered)), Some(query)) = (r.jump, r.rendered.as_ref(), query)
    else {
        return;
    };
    let lines = match_lines(&query, &rendered.lines);
    let target = match jump {
        Jump::FirstMatch => lines.first(),
        Jump::LastMatch => lines.last(),
    };
    if let Some(&line) = target {
        r.match_line = Some(line);
        r.scroll = line
            .saturating_sub(2)
            .min(rendered.lines.len().saturating_sub(rows));
    }
    r.jump = None;
}
