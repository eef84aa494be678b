//! The open article's pictures: which to ask the event loop for at the pane's size, and room
//! made for each in the laid-out lines once it arrives.
//!
//! A picture that stands alone on its line(s) — its placeholder `[image 2: alt]` and nothing
//! else — gets blank rows of its height right below the placeholder, which stays as its
//! caption; the pane draws the picture over those rows. The rows continue the placeholder's
//! logical line (their `start` is past its text), so the place in the text, counted in
//! logical lines, is the same with or without pictures. A picture inline in a paragraph keeps
//! its placeholder only. Pictures are kept per fit: a new width or height asks again.

use super::ReaderState;
use crate::app::msg::Fit;
use crate::picture::Picture;
use crate::text::Line;
use std::collections::{BTreeMap, BTreeSet};

/// At most this many pictures of one article are asked for.
const MAX_PICTURES: u32 = 200;

#[derive(Debug, Clone, Default)]
pub struct Pictures {
    /// The cells each picture may fill, as last laid out.
    fit: Fit,
    /// Asked for at `fit` (arrived or not).
    asked: BTreeSet<u32>,
    /// Arrived at `fit`, by number.
    ready: BTreeMap<u32, Picture>,
    /// Rows made in the lines: (first row, picture number), in line order.
    placed: Vec<(usize, u32)>,
    /// The picture shown alone: asked for (number, fit), and arrived.
    full_asked: Option<(u32, Fit)>,
    full: Option<(u32, Fit, Picture)>,
}

/// The fit for a pane: the text's measure, and half the pane's rows (at least 4).
pub fn fit_for(width: usize, rows: usize) -> Fit {
    let cols = u16::try_from(width).unwrap_or(u16::MAX).max(1);
    let rows = u16::try_from(rows / 2).unwrap_or(u16::MAX).max(4);
    (cols, rows)
}

impl ReaderState {
    /// Pictures not yet asked for at `fit`, by number and `src`; marks them asked.
    pub fn pictures_to_ask(&mut self, fit: Fit) -> Vec<(u32, String)> {
        self.set_picture_fit(fit);
        let Some((_, rendered)) = &self.rendered else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, src) in rendered
            .images
            .iter()
            .enumerate()
            .take(MAX_PICTURES as usize)
        {
            let n = k as u32 + 1;
            if self.pictures.asked.insert(n) {
                out.push((n, src.clone()));
            }
        }
        out
    }

    /// Picture `n` arrived at `fit`; kept (and given room) only if that is still the fit.
    pub fn set_picture(&mut self, n: u32, fit: Fit, picture: Picture) {
        if fit != self.pictures.fit {
            return;
        }
        self.pictures.ready.insert(n, picture);
        self.place_pictures();
    }

    /// The pictures drawn over the lines: (first row, picture), in line order.
    pub fn placed_pictures(&self) -> impl Iterator<Item = (usize, &Picture)> {
        self.pictures
            .placed
            .iter()
            .filter_map(|&(row, n)| self.pictures.ready.get(&n).map(|p| (row, p)))
    }

    /// Whether picture `n` was found on disk and arrived.
    pub fn has_picture(&self, n: u32) -> bool {
        self.pictures.ready.contains_key(&n)
    }

    /// How many pictures the article has.
    pub fn picture_count(&self) -> usize {
        self.rendered().map_or(0, |r| r.images.len())
    }

    /// Picture `n` shown alone, once it arrived at the window's size.
    pub fn full_picture(&self, n: u32) -> Option<&Picture> {
        match (&self.pictures.full, self.pictures.full_asked) {
            (Some((m, fit, p)), Some(asked)) if (*m, *fit) == asked && *m == n => Some(p),
            _ => None,
        }
    }

    /// The `src` of picture `n` when it is still to be asked for at `fit`, to show alone.
    pub fn full_picture_to_ask(&mut self, n: u32, fit: Fit) -> Option<String> {
        if self.pictures.full_asked == Some((n, fit)) {
            return None;
        }
        let src = self.rendered()?.images.get(n as usize - 1)?.clone();
        self.pictures.full_asked = Some((n, fit));
        Some(src)
    }

    /// Picture `n` arrived at `fit`: kept if it is the one asked for to show alone.
    pub fn set_full_picture(&mut self, n: u32, fit: Fit, picture: Picture) {
        if self.pictures.full_asked == Some((n, fit)) {
            self.pictures.full = Some((n, fit, picture));
        }
    }

    /// The first picture on the `rows` lines shown: drawn, or its placeholder.
    pub fn picture_on_screen(&self, rows: usize) -> Option<u32> {
        let top = self.scroll;
        let drawn = self.pictures.placed.iter().find(|&&(row, n)| {
            let height = self
                .pictures
                .ready
                .get(&n)
                .map_or(0, |p| usize::from(p.size().height));
            row < top + rows && row + height > top
        });
        let lines = self.rendered()?.lines.get(top..)?;
        let placeholder = lines.iter().take(rows).enumerate().find_map(|(i, l)| {
            l.spans
                .iter()
                .find_map(|s| s.style.image)
                .map(|n| (top + i, n))
        });
        match (drawn, placeholder) {
            // The caption is above its picture: whichever starts higher on screen.
            (Some(&(row, n)), Some((line, m))) => Some(if line < row { m } else { n }),
            (Some(&(_, n)), None) => Some(n),
            (None, p) => p.map(|(_, n)| n),
        }
    }

    /// The lines were laid out anew (no rows made in them yet).
    pub(super) fn pictures_laid_out(&mut self) {
        self.pictures.placed.clear();
        self.place_pictures();
    }

    /// A new fit forgets the pictures of the old one (their rows too: the lines are laid out
    /// again whenever the width changes, and only the height changed otherwise).
    fn set_picture_fit(&mut self, fit: Fit) {
        if fit == self.pictures.fit {
            return;
        }
        self.remove_picture_rows();
        self.pictures = Pictures {
            fit,
            ..Pictures::default()
        };
    }

    /// Takes the rows made for pictures out of the lines again.
    fn remove_picture_rows(&mut self) {
        let placed = std::mem::take(&mut self.pictures.placed);
        let Some((_, rendered)) = &mut self.rendered else {
            return;
        };
        for &(row, n) in placed.iter().rev() {
            let height = self
                .pictures
                .ready
                .get(&n)
                .map_or(0, |p| usize::from(p.size().height));
            let end = (row + height).min(rendered.lines.len());
            rendered.lines.drain(row..end);
            if row < self.scroll {
                self.scroll = self.scroll.saturating_sub(end - row).max(row);
            }
        }
    }

    /// Makes rows for every arrived picture that stands alone and has none yet.
    fn place_pictures(&mut self) {
        let Some((_, rendered)) = &mut self.rendered else {
            return;
        };
        let waiting: Vec<(u32, usize)> = self
            .pictures
            .ready
            .iter()
            .filter(|(n, _)| !self.pictures.placed.iter().any(|(_, m)| m == *n))
            .map(|(&n, p)| (n, usize::from(p.size().height)))
            .collect();
        for (n, height) in waiting {
            let Some(caption) = standalone(&rendered.lines, n) else {
                continue;
            };
            let last = &rendered.lines[caption];
            let start = last.start + last.text().chars().count() as u32;
            let at = caption + 1;
            let rows = (0..height).map(|_| Line {
                spans: Vec::new(),
                start,
            });
            rendered.lines.splice(at..at, rows);
            for (row, _) in &mut self.pictures.placed {
                if *row >= at {
                    *row += height;
                }
            }
            let k = self.pictures.placed.partition_point(|&(row, _)| row < at);
            self.pictures.placed.insert(k, (at, n));
            // What was on screen stays there: rows made above the view move it down with them.
            if at <= self.scroll && self.scroll > 0 {
                let kept = self.place.filter(|&(_, s)| s == self.scroll);
                self.scroll += height;
                if let Some((place, _)) = kept {
                    self.place = Some((place, self.scroll));
                }
            }
        }
    }
}

/// The last line of picture `n`'s placeholder when its lines hold nothing else.
fn standalone(lines: &[Line], n: u32) -> Option<usize> {
    let is_n = |l: &Line| l.spans.iter().any(|s| s.style.image == Some(n));
    let first = lines.iter().position(is_n)?;
    let count = lines[first..].iter().take_while(|l| is_n(l)).count();
    let last = first + count - 1;
    let alone = lines[first..=last].iter().all(|l| {
        l.spans
            .iter()
            .all(|s| s.style.image == Some(n) || s.text.trim().is_empty())
    });
    let starts_block = lines[first].start == 0;
    let ends_block = lines.get(last + 1).is_none_or(|l| l.start == 0);
    (alone && starts_block && ends_block).then_some(last)
}
