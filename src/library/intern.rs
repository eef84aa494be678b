//! Shared strings for the metadata that articles repeat: authors, categories, tags, the keys
//! (and short values) of the front matter's other entries. A million articles of a few
//! hundred feeds name the same few thousand strings over and over; holding each once, behind
//! a counted pointer, is what lets their metadata fit in a few hundred bytes an article.
//!
//! [`Text`] is one shared string, [`Names`] a shared list of them (a category hierarchy, a
//! set of tags: lists repeat as a whole, so they are shared as a whole), [`Pairs`] a shared
//! list of key/value pairs (the front matter's other entries: every article of a feed
//! carries the same `layout: post`, `comments: false`). All are made
//! through a process-wide pool, so an article is compact wherever it is built (the parser,
//! the cache, a test) without any of them carrying an interner around. The pool is split in
//! shards behind their own locks so parser threads rarely wait on each other, and it lets go
//! of strings no article holds any more whenever a shard has doubled since it last looked,
//! so a long session of changing files does not grow it without end.

use serde::{Serialize, Serializer};
use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::hash::{BuildHasher, Hash, RandomState};
use std::ops::Deref;
use std::sync::{Arc, LazyLock, Mutex};
use std::thread::LocalKey;

/// One shared string; reads as a `&str`.
///
/// [`Text`], [`Names`] and [`Pairs`] each point at a box behind the counted pointer: a
/// pointer of one word where `Arc<str>` takes two (length and address). An article holds
/// five of them, so this saves 40 of its 160 bytes, 40 MB at a million articles, for one
/// more small allocation (48 bytes) per *distinct* value or list: a few thousand in a
/// library of feeds, but one an article where each has a value of its own (`Number: 665`,
/// a long address), which then costs it more than the 40 bytes saved.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Text(Arc<Box<str>>);

/// A shared list of [`Text`]s; reads as a slice.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Names(Arc<Box<[Text]>>);

/// A list of key/value [`Text`]s; reads as a slice of pairs. Shared as a whole when every
/// value is short enough to be shared (see [`SHARED_UP_TO`]): a list holding a long value
/// (an address) is the article's own, and pooling it would only fill the pool.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Pairs(Arc<Box<[(Text, Text)]>>);

/// Values this long or shorter are shared (flags, numbers, short words recur across
/// articles); a longer one (an address, a sentence) is nearly always the article's own,
/// and pooling it would cost more than it saves.
const SHARED_UP_TO: usize = 24;

impl Text {
    /// The shared copy of `s`.
    pub fn new(s: &str) -> Text {
        TEXTS.get(s, || Text::own(s))
    }

    /// A value that is shared only when short (see [`SHARED_UP_TO`]).
    pub fn value(s: &str) -> Text {
        match s.len() <= SHARED_UP_TO {
            true => Text::new(s),
            false => Text::own(s),
        }
    }

    /// A copy of `s` of its own, not pooled.
    fn own(s: &str) -> Text {
        Text(Arc::new(Box::from(s)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Names {
    /// The shared list of these strings, in this order.
    ///
    /// The items are gathered in a buffer each thread keeps: a list made for every article
    /// loaded (three of them) was a short-lived allocation among the articles' own, and at a
    /// million such churn is memory the allocator keeps after the load.
    pub fn new<T: Into<Text>>(items: impl IntoIterator<Item = T>) -> Names {
        thread_local! {
            static GATHERED: RefCell<Vec<Text>> = const { RefCell::new(Vec::new()) };
        }
        gathered(
            &GATHERED,
            items.into_iter().map(Into::into),
            |items| match items.is_empty() {
                true => Names::default(),
                false => LISTS.get(items, || Names(Arc::new(Box::from(items)))),
            },
        )
    }

    /// The strings, as `&str`s.
    pub fn strs(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(Text::as_str)
    }
}

impl Pairs {
    /// These pairs, in this order: keys shared, values shared when short, and the list
    /// shared when all its values are. Gathered in a buffer each thread keeps, as
    /// [`Names::new`] is (a list made for every article loaded).
    pub fn new<S: AsRef<str>>(pairs: impl IntoIterator<Item = (S, S)>) -> Pairs {
        thread_local! {
            static GATHERED: RefCell<Vec<(Text, Text)>> = const { RefCell::new(Vec::new()) };
        }
        let pairs =
            (pairs.into_iter()).map(|(k, v)| (Text::new(k.as_ref()), Text::value(v.as_ref())));
        gathered(&GATHERED, pairs, |pairs| {
            if pairs.is_empty() {
                Pairs::default()
            } else if pairs.iter().all(|(_, v)| v.len() <= SHARED_UP_TO) {
                PAIRS.get(pairs, || Pairs::own(pairs))
            } else {
                Pairs::own(pairs)
            }
        })
    }

    /// A list of its own, not pooled.
    fn own(pairs: &[(Text, Text)]) -> Pairs {
        Pairs(Arc::new(Box::from(pairs)))
    }
}

/// `make` given `items`, gathered in `buffer` (one per thread and kind of list, kept empty
/// between uses) rather than in a new vector each time.
fn gathered<T, R>(
    buffer: &'static LocalKey<RefCell<Vec<T>>>,
    items: impl Iterator<Item = T>,
    make: impl FnOnce(&[T]) -> R,
) -> R {
    let run = |gathered: &mut Vec<T>| {
        gathered.clear();
        gathered.extend(items);
        let made = make(gathered);
        gathered.clear();
        made
    };
    // Only a conversion that made lists of its own would find the buffer taken.
    buffer.with(|buffer| match buffer.try_borrow_mut() {
        Ok(mut gathered) => run(&mut gathered),
        Err(_) => run(&mut Vec::new()),
    })
}

impl Default for Pairs {
    fn default() -> Pairs {
        static EMPTY: LazyLock<Pairs> = LazyLock::new(|| Pairs::own(&[]));
        EMPTY.clone()
    }
}

impl Default for Names {
    fn default() -> Names {
        static EMPTY: LazyLock<Names> = LazyLock::new(|| Names(Arc::new(Box::default())));
        EMPTY.clone()
    }
}

/// A pool of shared values, in shards.
struct Pool<T> {
    state: RandomState,
    shards: Vec<Mutex<Shard<T>>>,
}

struct Shard<T> {
    set: HashSet<T>,
    /// The set's size when it was last swept of values held by nothing else.
    swept_at: usize,
}

const SHARDS: usize = 16;

static TEXTS: LazyLock<Pool<Text>> = LazyLock::new(Pool::new);
static LISTS: LazyLock<Pool<Names>> = LazyLock::new(Pool::new);
static PAIRS: LazyLock<Pool<Pairs>> = LazyLock::new(Pool::new);

/// A value a [`Pool`] holds: a counted pointer, let go when the pool is its only holder.
trait Pooled: Clone + Hash + Eq {
    fn held_elsewhere(&self) -> bool;
}

impl Pooled for Text {
    fn held_elsewhere(&self) -> bool {
        Arc::strong_count(&self.0) > 1
    }
}

impl Pooled for Names {
    fn held_elsewhere(&self) -> bool {
        Arc::strong_count(&self.0) > 1
    }
}

impl Pooled for Pairs {
    fn held_elsewhere(&self) -> bool {
        Arc::strong_count(&self.0) > 1
    }
}

impl<T: Pooled> Pool<T> {
    fn new() -> Pool<T> {
        Pool {
            state: RandomState::new(),
            shards: (0..SHARDS)
                .map(|_| {
                    Mutex::new(Shard {
                        set: HashSet::new(),
                        swept_at: 1024,
                    })
                })
                .collect(),
        }
    }

    /// The pooled copy of `value`, made by `make` when there is none yet.
    fn get<Q: ?Sized + Hash + Eq>(&self, value: &Q, make: impl FnOnce() -> T) -> T
    where
        T: Borrow<Q>,
    {
        let shard = &self.shards[self.state.hash_one(value) as usize % SHARDS];
        // A poisoned shard still holds sound values: the lock guards no invariant.
        let mut shard = shard.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = shard.set.get(value) {
            return found.clone();
        }
        if shard.set.len() >= 2 * shard.swept_at {
            shard.set.retain(T::held_elsewhere);
            shard.swept_at = shard.set.len().max(1024);
        }
        let made = make();
        shard.set.insert(made.clone());
        made
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl Deref for Names {
    type Target = [Text];

    fn deref(&self) -> &[Text] {
        &self.0
    }
}

impl Deref for Pairs {
    type Target = [(Text, Text)];

    fn deref(&self) -> &[(Text, Text)] {
        &self.0
    }
}

impl Borrow<[Text]> for Names {
    fn borrow(&self) -> &[Text] {
        &self.0
    }
}

impl Borrow<[(Text, Text)]> for Pairs {
    fn borrow(&self) -> &[(Text, Text)] {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::new(s)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::new(&s)
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Text {
        Text::new(s)
    }
}

impl<T: Into<Text>> From<Vec<T>> for Names {
    fn from(items: Vec<T>) -> Names {
        Names::new(items)
    }
}

impl<T: Into<Text>, const N: usize> From<[T; N]> for Names {
    fn from(items: [T; N]) -> Names {
        Names::new(items)
    }
}

impl<T: Into<Text>> FromIterator<T> for Names {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Names {
        Names::new(items)
    }
}

impl<'a> IntoIterator for &'a Names {
    type Item = &'a Text;
    type IntoIter = std::slice::Iter<'a, Text>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'a> IntoIterator for &'a Pairs {
    type Item = &'a (Text, Text);
    type IntoIter = std::slice::Iter<'a, (Text, Text)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        *self == other.as_str()
    }
}

impl<S: AsRef<str>> PartialEq<[S]> for Names {
    fn eq(&self, other: &[S]) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| *a == *b.as_ref())
    }
}

impl<S: AsRef<str>> PartialEq<Vec<S>> for Names {
    fn eq(&self, other: &Vec<S>) -> bool {
        *self == other[..]
    }
}

impl<S: AsRef<str>, const N: usize> PartialEq<[S; N]> for Names {
    fn eq(&self, other: &[S; N]) -> bool {
        *self == other[..]
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Debug for Names {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.iter()).finish()
    }
}

impl fmt::Debug for Pairs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.iter()).finish()
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl Serialize for Names {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_strings_are_one_shared_copy_and_read_back_as_written() {
        let a = Text::new("观察者网");
        let b = Text::from(String::from("观察者网"));
        assert_eq!(a, "观察者网");
        assert_eq!(b.as_str(), "观察者网");
        assert!(Arc::ptr_eq(&a.0, &b.0), "one copy");
        assert!(!Arc::ptr_eq(&a.0, &Text::new("观察者").0));
        // Long values are the article's own; short ones are shared.
        let url = "https://example.com/2024/05/a-long-address.html";
        assert!(!Arc::ptr_eq(&Text::value(url).0, &Text::value(url).0));
        assert_eq!(Text::value(url), url);
        assert!(Arc::ptr_eq(&Text::value("false").0, &Text::new("false").0));
    }

    #[test]
    fn equal_lists_are_one_shared_copy_in_their_order() {
        let a = Names::new(["新媒体", "观察者网", "头条"]);
        let b: Names = vec![String::from("新媒体"), "观察者网".into(), "头条".into()].into();
        assert_eq!(a, ["新媒体", "观察者网", "头条"]);
        assert!(Arc::ptr_eq(&a.0, &b.0), "one copy");
        let other = Names::new(["观察者网", "新媒体", "头条"]);
        assert!(!Arc::ptr_eq(&a.0, &other.0), "order counts");
        assert_eq!(
            a.strs().collect::<Vec<_>>().join("/"),
            "新媒体/观察者网/头条"
        );
        assert!(Names::new(Vec::<String>::new()).is_empty());
        assert_eq!(Names::default(), Vec::<String>::new());
    }

    #[test]
    fn a_list_made_while_another_is_gathered_is_its_own() {
        // Each item's conversion makes a list of its own while the outer one is gathered.
        let outer = Names::new(["春", "autumn"].iter().map(|s| {
            let inner = Names::new([*s, "内"]);
            Text::new(&inner.join("/"))
        }));
        assert_eq!(outer, ["春/内", "autumn/内"]);
        assert_eq!(
            Names::new(["春", "内"]),
            ["春", "内"],
            "the buffer is left empty"
        );
    }

    #[test]
    fn equal_short_entries_are_one_shared_list_and_a_long_value_keeps_its_own() {
        let a = Pairs::new([("layout", "post"), ("评论", "关闭")]);
        let b = Pairs::new([
            ("layout".to_string(), "post".to_string()),
            ("评论".into(), "关闭".into()),
        ]);
        assert!(Arc::ptr_eq(&a.0, &b.0), "one copy");
        let pairs: Vec<(&str, &str)> = a.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(pairs, [("layout", "post"), ("评论", "关闭")]);
        let swapped = Pairs::new([("评论", "关闭"), ("layout", "post")]);
        assert!(!Arc::ptr_eq(&a.0, &swapped.0), "order counts");
        let url = "https://example.com/2024/05/a-long-address.html";
        let own = || Pairs::new([("layout", "post"), ("link", url)]);
        assert!(
            !Arc::ptr_eq(&own().0, &own().0),
            "a long value's list is not pooled"
        );
        assert_eq!(own(), own());
        assert!(Arc::ptr_eq(&own()[0].0.0, &a[0].0.0), "its keys are");
        assert!(Pairs::new(Vec::<(String, String)>::new()).is_empty());
        assert!(
            Arc::ptr_eq(&Pairs::default().0, &Pairs::new::<&str>([]).0),
            "no allocation"
        );
    }

    #[test]
    fn every_shared_value_is_one_word_and_an_absent_one_too() {
        let word = std::mem::size_of::<usize>();
        assert_eq!(std::mem::size_of::<Text>(), word);
        assert_eq!(std::mem::size_of::<Option<Text>>(), word);
        assert_eq!(std::mem::size_of::<Names>(), word);
        assert_eq!(std::mem::size_of::<Pairs>(), word);
        let article = std::mem::size_of::<crate::library::Article>();
        assert!(
            article <= 120,
            "{article} bytes an article (160 with two-word pointers)"
        );
    }

    #[test]
    fn a_list_of_entries_nothing_holds_is_let_go() {
        let gone = Arc::downgrade(&Pairs::new([("将被放下", "是")]).0);
        let kept = Pairs::new([("留下", "是")]);
        // Enough distinct lists that every shard passes twice its first sweep mark (1,024).
        for i in 0..40_000 {
            drop(Pairs::new([("n", i.to_string().as_str())]));
        }
        assert!(gone.upgrade().is_none(), "the pool let go of it");
        assert!(
            Arc::ptr_eq(&kept.0, &Pairs::new([("留下", "是")]).0),
            "a held list stays pooled"
        );
    }

    #[test]
    fn strings_nothing_holds_are_let_go() {
        let pool: Pool<Text> = Pool::new();
        let kept = pool.get("kept", || Text::own("kept"));
        // Enough that every shard passes twice its first sweep mark (1,024) at least once.
        let n = 40_000;
        for i in 0..n {
            let s = format!("gone {i}");
            drop(pool.get(s.as_str(), || Text::own(&s)));
        }
        let held: usize = pool
            .shards
            .iter()
            .map(|s| s.lock().unwrap().set.len())
            .sum();
        assert!(held < n / 2, "swept: {held} left");
        let again = pool.get("kept", || Text::own("other"));
        assert!(Arc::ptr_eq(&kept.0, &again.0), "a held string stays pooled");
    }
}
