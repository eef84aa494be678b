//! One article's state, the merge rule of imports, and what a bulk change replaced.

/// The state of one article. The default (unread, unstarred, at the top) is not stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Entry {
    pub read: bool,
    pub starred: bool,
    /// Scroll offset in the article view, in lines.
    pub pos: u32,
}

impl Entry {
    pub fn is_default(&self) -> bool {
        *self == Entry::default()
    }

    /// The import rule: read wins over unread, starred over unstarred, the larger position.
    pub fn merge(self, other: Entry) -> Entry {
        Entry {
            read: self.read || other.read,
            starred: self.starred || other.starred,
            pos: self.pos.max(other.pos),
        }
    }
}

/// What a bulk change replaced: the previous entry of every key it changed, for [`Store::undo`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Undo {
    pub(super) previous: Vec<(String, Entry)>,
}

impl Undo {
    /// How many articles the bulk change changed.
    pub fn len(&self) -> usize {
        self.previous.len()
    }

    pub fn is_empty(&self) -> bool {
        self.previous.is_empty()
    }
}

/// What [`Store::import`] did: articles new to the store, and known ones whose state changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub added: usize,
    pub changed: usize,
}
