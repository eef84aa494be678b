//! The one line editor the three prompts share (the date range, the search line, the link
//! number). Keys reach it as [`Edit`]s from the keymap's input context; each prompt says which
//! characters it takes, so a key it refuses falls through to the ordinary bindings (`j` moves
//! in the date window, where only digits and `-.d` are typed).

/// One editing step, as the keymap's input context names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    /// Backspace: the character before the cursor.
    DeleteBack,
    Left,
    Right,
    Home,
    End,
    Submit,
    Cancel,
}

/// What an edit did, for the prompt to act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The text changed (or was asked to: Backspace on an empty line still counts).
    Changed,
    /// Only the cursor moved.
    Moved,
    Submit,
    Cancel,
}

/// A line of text and a cursor in it (a byte offset on a character boundary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEdit {
    text: String,
    cursor: usize,
}

impl LineEdit {
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The text before and after the cursor, for drawing the cursor between them.
    pub fn split(&self) -> (&str, &str) {
        self.text.split_at(self.cursor)
    }

    /// Applies `edit`; `accept` says whether a character may be inserted into this text.
    /// `None`: the prompt does not take this edit, so the key means what it means elsewhere.
    pub fn apply(&mut self, edit: Edit, accept: impl Fn(&str, char) -> bool) -> Option<Outcome> {
        let before = |s: &Self| s.text[..s.cursor].chars().next_back().map(char::len_utf8);
        let after = |s: &Self| s.text[s.cursor..].chars().next().map(char::len_utf8);
        Some(match edit {
            Edit::Insert(c) if accept(&self.text, c) => {
                self.text.insert(self.cursor, c);
                self.cursor += c.len_utf8();
                Outcome::Changed
            }
            Edit::Insert(_) => return None,
            Edit::DeleteBack => {
                if let Some(n) = before(self) {
                    self.cursor -= n;
                    self.text.remove(self.cursor);
                }
                Outcome::Changed
            }
            Edit::Left => {
                self.cursor -= before(self).unwrap_or(0);
                Outcome::Moved
            }
            Edit::Right => {
                self.cursor += after(self).unwrap_or(0);
                Outcome::Moved
            }
            Edit::Home => {
                self.cursor = 0;
                Outcome::Moved
            }
            Edit::End => {
                self.cursor = self.text.len();
                Outcome::Moved
            }
            Edit::Submit => Outcome::Submit,
            Edit::Cancel => Outcome::Cancel,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn any(_: &str, _: char) -> bool {
        true
    }

    #[test]
    fn inserts_and_deletes_at_the_cursor_on_character_boundaries() {
        let mut l = LineEdit::default();
        for c in "茶ab".chars() {
            l.apply(Edit::Insert(c), any);
        }
        l.apply(Edit::Left, any);
        l.apply(Edit::Left, any);
        l.apply(Edit::Insert('x'), any);
        assert_eq!(l.split(), ("茶x", "ab"));
        l.apply(Edit::Home, any);
        assert_eq!(l.apply(Edit::DeleteBack, any), Some(Outcome::Changed));
        assert_eq!(l.text(), "茶xab", "nothing before the cursor");
        l.apply(Edit::Right, any);
        l.apply(Edit::DeleteBack, any);
        assert_eq!(l.split(), ("", "xab"));
        l.apply(Edit::End, any);
        l.apply(Edit::DeleteBack, any);
        assert_eq!(l.text(), "xa");
    }

    #[test]
    fn a_refused_character_is_not_taken() {
        let mut l = LineEdit::default();
        let digits = |_: &str, c: char| c.is_ascii_digit();
        assert_eq!(l.apply(Edit::Insert('j'), digits), None);
        assert_eq!(l.apply(Edit::Insert('7'), digits), Some(Outcome::Changed));
        assert_eq!(l.text(), "7");
    }
}
