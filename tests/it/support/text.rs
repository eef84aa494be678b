//! Helpers shared by the text rendering tests: fixtures and the layout rules checker.
#![allow(dead_code)]

use gazette::text::{Line, Rendered, detect_format, render};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub const WIDTHS: [usize; 9] = [1, 2, 5, 10, 20, 40, 41, 80, 200];

pub fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/it/fixtures/text/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).expect("fixture")
}

pub fn text(line: &Line) -> String {
    line.spans.iter().map(|s| s.text.as_str()).collect()
}

pub fn is_closing(c: char) -> bool {
    "，。、；：？！）」』”’》】〉…,.;:!?)]}".contains(c)
}

pub use gazette::text::check::split_prefix;

/// Code and table lines are laid out as given, not re-flowed: rules 2 and 3 do not apply.
pub fn laid_out_as_given(line: &Line) -> bool {
    line.spans.iter().any(|s| s.style.code)
        || text(line).contains(|c| ('\u{2500}'..='\u{257f}').contains(&c))
}

/// Latin words of the source (tags removed), for rule 3.
pub fn latin_words(body: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => plain.push(c),
            _ => plain.push(' '),
        }
    }
    plain
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.len() > 1)
        .map(str::to_string)
        .collect()
}

/// Asserts the four rules on every line of `r` rendered at `width` from `body`:
/// 1. no line wider than `width`;
/// 2. no line starts with closing punctuation unless the line above could not take it;
/// 3. no Latin word of the source is split unless it alone is wider than the text column;
/// 4. no blank line first or last, never two blank lines in a row.
pub fn check_rules(r: &Rendered, width: usize, body: &str) {
    let words = latin_words(body);
    let lines: Vec<String> = r.lines.iter().map(text).collect();
    // A Chinese paragraph is set to a measure of whole full-width columns, not the width.
    let limit = gazette::text::check::limits(&r.lines, &lines, width);
    // Tables are laid out by html2text (cells wrapped by its rules); only rules 1 and 4 hold
    // there. Our fixtures hold one table at most: the lines from its first border on.
    let is_border =
        |l: &String| l.contains(|c| ('\u{2500}'..='\u{257f}').contains(&c)) || l.starts_with("///");
    let table = lines
        .iter()
        .position(is_border)
        .zip(lines.iter().rposition(is_border));
    let ctx = |i: usize| {
        let around = lines[i.saturating_sub(6)..(i + 3).min(lines.len())].join("|\n");
        format!("width {width}, line {i}: {:?}\n{around}|", lines[i])
    };
    for (i, line) in lines.iter().enumerate() {
        assert!(line.width() <= width, "rule 1, {}", ctx(i));
        let blank = line.trim().is_empty();
        assert!(
            !(blank && (i == 0 || i + 1 == lines.len())),
            "rule 4 (edge), {}",
            ctx(i)
        );
        assert!(
            !(blank && i > 0 && lines[i - 1].trim().is_empty()),
            "rule 4 (double), {}",
            ctx(i)
        );
        if i == 0 || blank || lines[i - 1].trim().is_empty() {
            continue;
        }
        let in_table = table.is_some_and(|(a, b)| (a..=b + 1).contains(&i));
        if in_table || laid_out_as_given(&r.lines[i]) || laid_out_as_given(&r.lines[i - 1]) {
            continue;
        }
        let (_, content) = split_prefix(line);
        let above = &lines[i - 1];
        // The line above would have had to take the whole run of punctuation (`”。`), and
        // after a narrow character, the space the source may have had before it (`word )`).
        let run: String = content.chars().take_while(|&c| is_closing(c)).collect();
        if !run.is_empty() {
            let gap = above
                .chars()
                .last()
                .map_or(0, |a| usize::from(a.width() == Some(1)));
            let could_not = above.width() + gap + run.width() > limit[i - 1];
            assert!(could_not, "rule 2, {}", ctx(i));
        }
        let head: String = content
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        let tail: String = {
            let t: Vec<char> = above
                .chars()
                .rev()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            t.into_iter().rev().collect()
        };
        if !head.is_empty() && !tail.is_empty() {
            let joined = format!("{tail}{head}");
            let (above_prefix, above_content) = split_prefix(above);
            let column = limit[i - 1] - above_prefix.width();
            // Where the fragments are bounded by other characters, they are a word's ends.
            let (starts, ends) = (tail.len() < above_content.len(), head.len() < content.len());
            let split = words.iter().any(|w| {
                let fits = w.len() <= column;
                fits && match (starts, ends) {
                    (true, true) => *w == joined,
                    (true, false) => w.starts_with(&joined),
                    (false, true) => w.ends_with(&joined),
                    (false, false) => w.contains(&joined),
                }
            });
            assert!(!split, "rule 3 ({joined}), {}", ctx(i));
        }
    }
}

pub fn render_all(name: &str) -> Vec<(usize, Rendered)> {
    let body = fixture(name);
    WIDTHS
        .iter()
        .map(|&w| {
            let r = render(&body, detect_format(&body), w);
            check_rules(&r, w, &body);
            (w, r)
        })
        .collect()
}

pub fn lines(r: &Rendered) -> Vec<String> {
    r.lines.iter().map(text).collect()
}

/// The columns `text` takes on a vt100 screen `width` columns wide, or `None` when the screen
/// wraps it onto a second row: a measure of the terminal's, independent of `line_width`. The
/// screen counts each character alone (an emoji presentation sequence is 1 + 0 columns).
pub fn terminal_columns(text: &str, width: usize) -> Option<usize> {
    let cols = u16::try_from(width).expect("a screen width");
    let mut parser = vt100::Parser::new(2, cols, 0);
    parser.process(text.as_bytes());
    let screen = parser.screen();
    let (row, col) = screen.cursor_position();
    (row == 0 && !screen.row_wrapped(0)).then_some(usize::from(col))
}
