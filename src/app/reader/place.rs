//! The reader's place in the text, kept across re-wrapping.
//!
//! A line number means nothing at another width (at half the width, line 100 is a quarter of
//! the way through what it was), so the reader remembers where it is as a
//! [`Position::Text`]: the logical line (paragraph, item, heading…) the top line belongs to,
//! counted from the start of the rendered article, and the character offset in it where the
//! top line starts. Both come from [`Line::start`], which does not depend on the width.
//!
//! The place is taken again from the top line only when the view has moved. Re-wrapping alone
//! keeps the place it had, so 120 → 60 → 120 columns comes back to the very same line, not to
//! one that drifted by the rounding of each step.

use super::ReaderState;
use crate::store::Position;
use crate::text::{Line, Rendered};

/// The place at the start of line `scroll` (the top of the view).
pub fn place_at(lines: &[Line], scroll: usize) -> Position {
    let Some(top) = lines.get(scroll) else {
        return Position::Top;
    };
    let block = lines[..=scroll].iter().filter(|l| l.start == 0).count();
    Position::text(
        u32::try_from(block.saturating_sub(1)).unwrap_or(u32::MAX),
        top.start,
    )
}

/// The line to put at the top for `place`: the last line of its logical line starting at or
/// before its offset, so the text at the place is on the top line. A place past the end (the
/// article got shorter) is the last line; an old line number is taken as it is.
pub fn line_of(lines: &[Line], place: Position) -> usize {
    let (block, offset) = match place {
        Position::Top => return 0,
        Position::Line(n) => return n as usize,
        Position::Text { block, offset } => (block as usize, offset),
    };
    let mut current = 0usize;
    let mut found = None;
    for (i, line) in lines.iter().enumerate() {
        if line.start == 0 && i > 0 {
            current += 1;
        }
        if current > block {
            break;
        }
        if current == block && line.start <= offset {
            found = Some(i);
        }
    }
    found.unwrap_or(lines.len().saturating_sub(1))
}

impl ReaderState {
    /// The place in the text at the top of the view: the one it was opened at or last
    /// re-wrapped to while the view has not moved since, else that of the top line.
    pub fn place(&self) -> Position {
        match (self.place, &self.rendered) {
            (Some((place, at)), _) if at == self.scroll => place,
            (_, Some((_, r))) => place_at(&r.lines, self.scroll),
            (_, None) => Position::line(u32::try_from(self.scroll).unwrap_or(u32::MAX)),
        }
    }

    /// Takes the article rendered at a (new) width and scrolls it so that the same place in
    /// the text is at the top.
    pub fn set_rendered(&mut self, width: usize, rendered: Rendered) {
        let place = self.place();
        self.scroll = line_of(&rendered.lines, place);
        self.place = Some((place, self.scroll));
        self.rendered = Some((width, rendered));
    }

    /// Keeps the scroll at most `max` (the last full page). The place stays the one it was:
    /// a place on the last page is still the place, even if the page starts above it.
    pub fn clamp_scroll(&mut self, max: usize) {
        let kept = self.place.filter(|&(_, at)| at == self.scroll);
        self.scroll = self.scroll.min(max);
        if let Some((place, _)) = kept {
            self.place = Some((place, self.scroll));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{BodyFormat, render};

    /// Eight paragraphs of a few hundred characters, Chinese and English by turns.
    fn article() -> String {
        let mut out = String::new();
        for k in 0..8 {
            out.push_str(&format!("<h2>第{k}节 Section {k}</h2><p>"));
            for j in 0..12 {
                if k % 2 == 0 {
                    out.push_str(&format!(
                        "这是第{k}段的第{j}句话，讲的是排版在不同宽度下的样子。"
                    ));
                } else {
                    out.push_str(&format!(
                        "Sentence {j} of paragraph {k} talks about wrapping. "
                    ));
                }
            }
            out.push_str("</p>");
            if k == 2 {
                // A table's height depends on the width; it must stay one logical line.
                out.push_str(
                    "<table><tr><td>城市</td><td>一段很长的说明文字，窄的时候会折成好几行。</td></tr>\
                     <tr><td>Shanghai</td><td>A long note that wraps onto several rows when \
                     the pane is narrow.</td></tr></table>",
                );
            }
        }
        out
    }

    fn reader(width: usize) -> ReaderState {
        let mut r = ReaderState {
            article: 0,
            scroll: 0,
            place: Some((Position::Top, 0)),
            body: None,
            rendered: None,
            match_line: None,
            jump: None,
            pictures: Default::default(),
        };
        r.set_rendered(width, render(&article(), BodyFormat::Html, width));
        r
    }

    fn top_text(r: &ReaderState) -> String {
        r.rendered.as_ref().unwrap().1.lines[r.scroll].text()
    }

    #[test]
    fn the_first_visible_text_survives_120_then_60_then_120_columns() {
        let mut r = reader(120);
        // Scroll into the middle of a wrapped paragraph (not its first line).
        let lines = &r.rendered.as_ref().unwrap().1.lines;
        let target = (lines.len() / 2..lines.len())
            .find(|&i| lines[i].start > 0)
            .unwrap();
        r.scroll = target;
        let at_120 = top_text(&r);
        let first_words: String = at_120.trim().chars().take(6).collect();

        r.set_rendered(60, render(&article(), BodyFormat::Html, 60));
        assert_ne!(
            r.scroll, target,
            "the line number does change at 60 columns"
        );
        let at_60 = top_text(&r);
        assert!(
            at_60.contains(&first_words),
            "at 60 columns the top line {at_60:?} holds {first_words:?}"
        );
        r.set_rendered(120, render(&article(), BodyFormat::Html, 120));
        assert_eq!(r.scroll, target);
        assert_eq!(top_text(&r), at_120, "back at 120 columns: the same line");
    }

    #[test]
    fn a_place_is_found_at_every_width_and_round_trips() {
        let wide = render(&article(), BodyFormat::Html, 100);
        for width in [20, 33, 47, 80, 140] {
            let other = render(&article(), BodyFormat::Html, width);
            for (i, line) in wide.lines.iter().enumerate() {
                let place = place_at(&wide.lines, i);
                let j = line_of(&other.lines, place);
                assert_eq!(line_of(&wide.lines, place), i, "{width}: round trip of {i}");
                if line
                    .text()
                    .contains(|c| ('\u{2500}'..='\u{257F}').contains(&c))
                {
                    continue; // in a table a place counts rows: approximate by design
                }
                // The text that starts line i at 100 columns is on line j at `width`.
                let want: String = line.text().trim().chars().take(3).collect();
                let got = other.lines[j].text()
                    + &other.lines.get(j + 1).map_or(String::new(), Line::text);
                assert!(got.contains(&want), "{width}: {want:?} not in {got:?}");
            }
        }
    }

    #[test]
    fn old_line_numbers_and_places_past_the_end() {
        let r = render(&article(), BodyFormat::Html, 80);
        assert_eq!(line_of(&r.lines, Position::line(7)), 7);
        assert_eq!(line_of(&r.lines, Position::Top), 0);
        let past = Position::text(10_000, 3);
        assert_eq!(line_of(&r.lines, past), r.lines.len() - 1);
        assert_eq!(place_at(&r.lines, r.lines.len()), Position::Top);
    }
}
