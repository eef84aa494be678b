//! One article's state, the rules that merge two copies of it, and what a bulk change replaced.

/// Where reading stopped in an article.
///
/// The variants are ordered (`Top < Line < Text`) only so that two copies with no change time
/// can be merged by "the further one" (see [`Entry::merge`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Position {
    /// At the top (nothing stored).
    #[default]
    Top,
    /// A display line number, as state files written before positions were places in the
    /// text hold it (`"pos"`): the line at whatever width the reader had then. It is taken as
    /// that line at the current width (approximate at another width), and replaced by a
    /// [`Position::Text`] as soon as the article is scrolled.
    Line(u32),
    /// A place in the text that holds at every width: the top line starts `offset`
    /// characters into the `block`-th logical line (paragraph, list item, heading, table,
    /// blank line) of the rendered article. See `app::place` for how lines map to it.
    Text { block: u32, offset: u32 },
}

impl Position {
    /// A position in the text; the very start is [`Position::Top`], so that "at the top" has
    /// one spelling and is not stored.
    pub fn text(block: u32, offset: u32) -> Position {
        if block == 0 && offset == 0 {
            Position::Top
        } else {
            Position::Text { block, offset }
        }
    }

    /// An old line number; line 0 is the top.
    pub fn line(n: u32) -> Position {
        if n == 0 {
            Position::Top
        } else {
            Position::Line(n)
        }
    }
}

/// The state of one article. The default (unread, unstarred, at the top, never changed) is
/// not stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Entry {
    pub read: bool,
    pub starred: bool,
    pub pos: Position,
    /// When this state last changed (Unix time in milliseconds); `None` in files written
    /// before states carried it, which makes such an entry older than any stamped one. An
    /// entry back at the default state keeps its stamp, so that "unstarred at 10:02" can win
    /// over "starred at 10:01" in another copy.
    pub changed: Option<i64>,
}

impl Entry {
    /// Nothing to store: the default state and no change time.
    pub fn is_default(&self) -> bool {
        *self == Entry::default()
    }

    /// Unread, unstarred and at the top (a change time aside).
    pub fn is_blank(&self) -> bool {
        self.same_state(&Entry::default())
    }

    /// The same read, starred and position, whenever each changed.
    pub fn same_state(&self, other: &Entry) -> bool {
        (self.read, self.starred, self.pos) == (other.read, other.starred, other.pos)
    }

    /// The rule of imports (and of a key given twice in one file): the copy changed later
    /// wins whole, so an unstar travels as well as a star. Copies changed at the same time, or
    /// both before change times were kept, are joined: read wins over unread, starred over
    /// unstarred, and the further position is kept.
    pub fn merge(self, other: Entry) -> Entry {
        match self.changed.cmp(&other.changed) {
            std::cmp::Ordering::Less => other,
            std::cmp::Ordering::Greater => self,
            std::cmp::Ordering::Equal => Entry {
                read: self.read || other.read,
                starred: self.starred || other.starred,
                pos: self.pos.max(other.pos),
                changed: self.changed,
            },
        }
    }

    /// The rule of saving beside another running gazette: `base` is what the file held when
    /// this process last read it, `ours` this process's copy, `theirs` what the file holds now.
    /// A field only one side changed takes that side's value (so scrolling here does not undo
    /// a star given there); a field both changed takes the value of the copy changed later
    /// (ours on a tie: it is the latest word of this user here).
    pub fn merge3(base: Entry, ours: Entry, theirs: Entry) -> Entry {
        if theirs == base {
            return ours;
        }
        let ours_newer = ours.changed >= theirs.changed;
        fn pick<T: PartialEq + Copy>(base: T, ours: T, theirs: T, ours_newer: bool) -> T {
            match (ours != base, theirs != base) {
                (true, true) if ours_newer => ours,
                (true, true) => theirs,
                (true, false) => ours,
                _ => theirs,
            }
        }
        Entry {
            read: pick(base.read, ours.read, theirs.read, ours_newer),
            starred: pick(base.starred, ours.starred, theirs.starred, ours_newer),
            pos: pick(base.pos, ours.pos, theirs.pos, ours_newer),
            changed: ours.changed.max(theirs.changed),
        }
    }
}

/// What a bulk change replaced: the previous entry of every key it changed, for [`Store::undo`].
///
/// [`Store::undo`]: super::Store::undo
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
///
/// [`Store::import`]: super::Store::import
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub added: usize,
    pub changed: usize,
}
