//! Finding where a front matter starts and ends, without reading it.
//!
//! Kept separate from parsing so that opening an article (which only needs the body) costs one
//! scan of the text and no YAML.

use super::FrontMatterKind;

/// The front matter block of a text and the body after it.
pub(super) struct Block<'a> {
    pub kind: FrontMatterKind,
    /// The lines between the fences (for a header block or a metadata header: the header lines
    /// themselves).
    pub meta: &'a str,
    /// 1-based line number of `meta`'s first line in the file, so parser errors point into it.
    pub meta_line: usize,
    pub body: &'a str,
    /// Set when an opening fence never closes.
    pub warning: Option<String>,
    /// The block ends inside the text, so no text after it could change the block: what lets
    /// the loader read metadata from the start of a file. Never set for
    /// [`FrontMatterKind::None`] (an unclosed fence may close further on, a metadata header
    /// may not have reached its blank line).
    pub closed: bool,
}

/// Lines of `text` from byte `pos`, each with its start offset and its `\n` (if any).
fn lines_from(text: &str, mut pos: usize) -> impl Iterator<Item = (usize, &str)> {
    std::iter::from_fn(move || {
        let rest = text.get(pos..).filter(|r| !r.is_empty())?;
        // The memchr crate's vectorized search: `str::find` goes a word at a time.
        let len = memchr::memchr(b'\n', rest.as_bytes()).map_or(rest.len(), |i| i + 1);
        let start = pos;
        pos += len;
        Some((start, &rest[..len]))
    })
}

/// The offset of the first line at or after `pos` holding something other than whitespace.
fn skip_blank_lines(text: &str, pos: usize) -> usize {
    lines_from(text, pos)
        .find(|(_, line)| !line.trim().is_empty())
        .map_or(text.len(), |(start, _)| start)
}

const HEADER_PREFIX: &str = "[#]:";

pub(super) fn locate(text: &str) -> Block<'_> {
    let start = skip_blank_lines(text, 0);
    let none = |warning| Block {
        kind: FrontMatterKind::None,
        meta: "",
        meta_line: 0,
        body: &text[start..],
        warning,
        closed: false,
    };
    let Some((_, first)) = lines_from(text, start).next() else {
        return none(None);
    };
    let opening_line = text[..start].matches('\n').count() + 1;
    let after_opening = start + first.len();
    let (kind, closers): (_, &[&str]) = match first.trim_end() {
        "---" => (FrontMatterKind::Yaml, &["---", "..."]),
        "+++" => (FrontMatterKind::Toml, &["+++"]),
        line if line.starts_with(HEADER_PREFIX) => return header_block(text, start, opening_line),
        _ => {
            return match super::metadata::header_len(&text[start..]) {
                Some(len) => Block {
                    kind: FrontMatterKind::Metadata,
                    meta: &text[start..start + len],
                    meta_line: opening_line,
                    body: &text[skip_blank_lines(text, start + len)..],
                    warning: None,
                    closed: true,
                },
                None => none(None),
            };
        }
    };
    let closing =
        lines_from(text, after_opening).find(|(_, line)| closers.contains(&line.trim_end()));
    match closing {
        Some((close_start, close_line)) => Block {
            kind,
            meta: &text[after_opening..close_start],
            meta_line: opening_line + 1,
            body: &text[skip_blank_lines(text, close_start + close_line.len())..],
            warning: None,
            closed: true,
        },
        // Reading everything up to the end as metadata would hide the whole article; showing
        // the raw text as the body hides nothing.
        None => none(Some(format!(
            "front matter opened by `{}` on line {opening_line} never closes; \
             the whole file is shown as the body",
            first.trim_end()
        ))),
    }
}

/// A run of `[#]: key: "value"` lines (the LCTT header) opening at `start`.
fn header_block(text: &str, start: usize, opening_line: usize) -> Block<'_> {
    let end = lines_from(text, start)
        .find(|(_, line)| !line.starts_with(HEADER_PREFIX))
        .map_or(text.len(), |(line_start, _)| line_start);
    Block {
        kind: FrontMatterKind::HeaderBlock,
        meta: &text[start..end],
        meta_line: opening_line,
        body: &text[skip_blank_lines(text, end)..],
        warning: None,
        // Only a line that is no header line ends the block for sure.
        closed: end < text.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_after_blank_lines() {
        let b = locate("\n  \n---\ntitle: x\n---\n\n\nbody\n");
        assert_eq!(b.kind, FrontMatterKind::Yaml);
        assert_eq!(b.meta, "title: x\n");
        assert_eq!(b.meta_line, 4);
        assert_eq!(b.body, "body\n");
    }

    #[test]
    fn yaml_closed_by_dots_and_fences_with_trailing_spaces() {
        let b = locate("---  \ntitle: x\n...\nbody");
        assert_eq!(
            (b.kind, b.meta, b.body),
            (FrontMatterKind::Yaml, "title: x\n", "body")
        );
        let b = locate("---\n---\nbody");
        assert_eq!(
            (b.kind, b.meta, b.body),
            (FrontMatterKind::Yaml, "", "body")
        );
    }

    #[test]
    fn toml_block() {
        let b = locate("+++\ntitle = \"x\"\n+++\nbody");
        assert_eq!(
            (b.kind, b.meta, b.body),
            (FrontMatterKind::Toml, "title = \"x\"\n", "body")
        );
    }

    #[test]
    fn header_block_ends_at_first_other_line() {
        let b = locate("[#]: subject: \"T\"\n[#]: author: \"a\"\n\n# T\ntext");
        assert_eq!(b.kind, FrontMatterKind::HeaderBlock);
        assert_eq!(b.meta, "[#]: subject: \"T\"\n[#]: author: \"a\"\n");
        assert_eq!(b.body, "# T\ntext");
    }

    #[test]
    fn unclosed_fence_is_body_with_warning() {
        let b = locate("\n---\ntitle: x\nno end");
        assert_eq!(b.kind, FrontMatterKind::None);
        assert_eq!(b.body, "---\ntitle: x\nno end");
        assert!(b.warning.unwrap().contains("line 2 never closes"));
    }

    #[test]
    fn closed_only_when_more_text_cannot_change_the_block() {
        // Cut short, a header block or an unclosed fence may go on; the rest are over.
        for (text, closed) in [
            ("---\ntitle: x\n---\n", true),
            ("+++\ntitle = 1\n+++\n", true),
            ("Title: x\n\n", true),
            ("[#]: subject: x\nbody\n", true),
            ("[#]: subject: x\n[#]: via: y\n", false),
            ("---\ntitle: x\n", false),
            ("Title: x\n", false),
            ("# heading\n", false),
            ("", false),
        ] {
            assert_eq!(locate(text).closed, closed, "{text:?}");
        }
    }

    #[test]
    fn no_front_matter_and_empty_texts() {
        let b = locate("\n\n<p>hi</p>");
        assert_eq!(
            (b.kind, b.body, b.warning),
            (FrontMatterKind::None, "<p>hi</p>", None)
        );
        assert_eq!(locate("").body, "");
        assert_eq!(locate(" \n \n").body, "");
        assert_eq!(locate("---").kind, FrontMatterKind::None);
    }
}
