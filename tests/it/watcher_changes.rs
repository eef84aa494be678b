//! Files the watcher reports changed or removed are placed without sorting the whole list
//! again (`Catalog::settle`): whatever mix of arrivals, replacements (a new date or title)
//! and removals comes in, settled whole or a slice at a time, the list's order is the one a
//! full sort gives, the list under a folder or date filter is that order filtered, the
//! selection stays on its article (or on its row when the article went), and the tree counts
//! what a reader started afresh would.

use crate::support::common::{press, send, state};
use crate::tree_counts::{afresh, counts};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use gazette::app::dates::DayRange;
use gazette::app::{AppState, Filters, Msg};
use gazette::library::loader::LoadEvent;
use gazette::library::order::SortOrder;
use gazette::library::{Article, Library};
use proptest::prelude::*;
use std::path::PathBuf;

/// Few dates (two within one second, none at all) and few titles, so ties are common and
/// the title and path settle them.
fn date(n: u8) -> Option<DateTime<Utc>> {
    let noon = Utc.with_ymd_and_hms(2023, 6, 1, 12, 0, 0).unwrap();
    match n % 6 {
        0 => None,
        1 => Some(noon),
        2 => Some(noon + chrono::Duration::milliseconds(300)),
        n => Some(noon - chrono::Duration::days(i64::from(n))),
    }
}

fn title(n: u8) -> &'static str {
    ["晨报", "evening news", "Evening News", "天气", "a note"][usize::from(n) % 5]
}

/// Article `n`'s file, in folder `a` or `b` below the library root `/lib`.
fn path(n: usize, in_a: bool) -> PathBuf {
    let folder = if in_a { "a" } else { "b" };
    PathBuf::from(format!("/lib/{folder}/{n}.md"))
}

fn article(path: PathBuf, title_n: u8, date_n: u8) -> Article {
    Article {
        date: date(date_n),
        ..Article::new(path, title(title_n))
    }
}

#[derive(Debug, Clone)]
enum Op {
    /// A new file, in folder `a` or not.
    Add { in_a: bool, title: u8, date: u8 },
    /// The live article at this place (mod their count) read again, changed.
    Replace { pick: usize, title: u8, date: u8 },
    /// The live article at this place's file removed.
    Remove { pick: usize },
    /// Folder `b` removed, with every article in it.
    RemoveFolderB,
    /// The event loop settles: a slice of the new articles, or everything.
    Settle(Option<usize>),
    /// The user moves the selection.
    Move(i8),
    /// The user marks the selected article read (or unread again).
    ToggleRead,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (any::<bool>(), any::<u8>(), any::<u8>())
            .prop_map(|(in_a, title, date)| Op::Add { in_a, title, date }),
        4 => (any::<usize>(), any::<u8>(), any::<u8>())
            .prop_map(|(pick, title, date)| Op::Replace { pick, title, date }),
        2 => any::<usize>().prop_map(|pick| Op::Remove { pick }),
        1 => Just(Op::RemoveFolderB),
        3 => proptest::option::of(1usize..4).prop_map(Op::Settle),
        1 => (-3i8..4).prop_map(Op::Move),
        1 => Just(Op::ToggleRead),
    ]
}

/// The live settled articles in the order a full sort gives, with `by`'s own comparison.
fn fully_sorted(s: &AppState, by: SortOrder) -> Vec<usize> {
    let catalog = s.catalog();
    let roots = &catalog.library().roots;
    let mut ids: Vec<usize> = (0..catalog.settled_len())
        .filter(|&id| catalog.is_alive(id))
        .collect();
    let text = |id: usize| by.sort_text(catalog.article(id), roots);
    ids.sort_by(|&a, &b| {
        let (x, y) = (catalog.article(a), catalog.article(b));
        by.compare(x, y, &text(a), &text(b))
    });
    ids
}

fn in_a(s: &AppState, id: usize) -> bool {
    s.catalog().article(id).path.starts_with("/lib/a")
}

/// Whether the list's filters (folder `a`, the days) let article `id` through.
fn shows(s: &AppState, id: usize) -> bool {
    let filters = s.view().filters();
    let days = filters.filter(s.settings().zone());
    (filters.folder.is_empty() || in_a(s, id)) && days.matches_date(s.catalog().article(id))
}

/// A reader over `files` (in folder `a` or not, title, date; the first three always in `a`),
/// listing folder `a` alone or everything, of some days or all, in order `by`, the
/// selection moved to the second row (where there is one).
fn start(files: &[(bool, u8, u8)], folder_a_only: bool, days: bool, by: SortOrder) -> AppState {
    let articles = (files.iter().enumerate())
        .map(|(n, &(in_a, title, date))| article(path(n, in_a || n < 3), title, date))
        .collect();
    let mut library = Library::from_articles(articles, Vec::new());
    library.roots = vec!["/lib".into()];
    let mut s = state(library).with_roots(vec!["/lib".into()]);
    let day = |d| NaiveDate::from_ymd_opt(2023, 5, d);
    s = s.with_filters(Filters {
        folder: match folder_a_only {
            true => vec!["a".into()],
            false => Vec::new(),
        },
        // The newest dates and two of the older three, not the undated.
        days: days.then_some(DayRange {
            from: day(28),
            to: day(31),
        }),
        ..Filters::default()
    });
    while s.catalog().sort_order() != by {
        press(&mut s, "O");
    }
    // The selection is the user's from here on (no longer following the top of the list).
    press(&mut s, "j");
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn changes_settle_where_a_full_sort_puts_them(
        files in proptest::collection::vec((any::<bool>(), any::<u8>(), any::<u8>()), 4..24),
        folder_a_only in any::<bool>(),
        days in any::<bool>(),
        by in prop::sample::select(SortOrder::ALL.to_vec()),
        ops in proptest::collection::vec(op(), 1..40),
    ) {
        let mut s = start(&files, folder_a_only, days, by);
        let mut next_file = files.len();
        for op in ops.into_iter().chain([Op::Settle(None)]) {
            let live: Vec<usize> = (0..s.catalog().articles().len())
                .filter(|&id| s.catalog().is_alive(id))
                .collect();
            let event = match op {
                Op::Add { in_a, title, date } => {
                    next_file += 1;
                    let new = article(path(next_file, in_a), title, date);
                    LoadEvent::Articles(vec![new], Vec::new())
                }
                Op::Replace { .. } | Op::Remove { .. } if live.is_empty() => continue,
                Op::Replace { pick, title, date } => {
                    let old = s.catalog().article(live[pick % live.len()]);
                    let new = article(old.path.to_path_buf(), title, date);
                    LoadEvent::Articles(vec![new], Vec::new())
                }
                Op::Remove { pick } => {
                    let old = s.catalog().article(live[pick % live.len()]);
                    LoadEvent::Removed(vec![old.path.to_path_buf()])
                }
                Op::RemoveFolderB => LoadEvent::Removed(vec!["/lib/b".into()]),
                Op::ToggleRead => {
                    press(&mut s, "r");
                    continue;
                }
                Op::Move(rows) => {
                    let key = if rows < 0 { "k" } else { "j" };
                    for _ in 0..rows.unsigned_abs() {
                        press(&mut s, key);
                    }
                    continue;
                }
                Op::Settle(most) => {
                    let (kept, row) = (s.view().selected_article(), s.view().selected());
                    let msg = most.map_or(Msg::Settle, Msg::SettleSome);
                    send(&mut s, msg);
                    let order = fully_sorted(&s, by);
                    prop_assert_eq!(s.catalog().order(), &order[..], "the catalog's order");
                    let shown: Vec<usize> =
                        order.iter().copied().filter(|&id| shows(&s, id)).collect();
                    prop_assert_eq!(s.view().visible(), &shown[..], "the list");
                    match kept.filter(|id| shown.contains(id)) {
                        // Until the user moves (a list too short to move in), the top.
                        _ if s.view().follows_top() => prop_assert_eq!(s.view().selected(), 0),
                        Some(id) => prop_assert_eq!(s.view().selected_article(), Some(id)),
                        None => prop_assert_eq!(
                            s.view().selected(),
                            row.min(shown.len().saturating_sub(1)),
                            "the article went: its row"
                        ),
                    }
                    // Articles still pending are counted once settled.
                    if !s.catalog().needs_settle() {
                        prop_assert_eq!(counts(&s), counts(&afresh(&s)), "the tree's counts");
                    }
                    continue;
                }
            };
            send(&mut s, Msg::Load(event));
        }
        prop_assert!(!s.catalog().needs_settle());
    }
}

/// A whole folder removed at once (more than a sixteenth of the list: settled by one full
/// sort) leaves the rest in order, the selection on its article.
#[test]
fn a_large_removal_keeps_the_order_and_the_selection() {
    let files: Vec<(bool, u8, u8)> = (0..200u8).map(|n| (n % 2 == 0, n, n)).collect();
    let mut s = start(&files, false, false, SortOrder::Newest);
    let kept = s.view().selected_article().unwrap();
    let kept = match in_a(&s, kept) {
        true => kept,
        false => {
            press(&mut s, "j");
            s.view().selected_article().unwrap()
        }
    };
    assert!(in_a(&s, kept));
    let in_a_count = (0..200).filter(|&id| in_a(&s, id)).count();
    send(&mut s, Msg::Load(LoadEvent::Removed(vec!["/lib/b".into()])));
    send(&mut s, Msg::Settle);
    assert!(in_a_count < 120, "most of folder b went: {in_a_count} left");
    assert_eq!(s.view().visible().len(), in_a_count);
    assert!(s.view().visible().iter().all(|&id| in_a(&s, id)));
    assert_eq!(
        s.catalog().order(),
        &fully_sorted(&s, SortOrder::Newest)[..]
    );
    assert_eq!(s.view().selected_article(), Some(kept));
}
