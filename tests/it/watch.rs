//! The folder watcher, and the reader taking in articles while it runs: new, changed and
//! removed files arrive as events; the selection and the open article stay put.

use crate::support::common;
use crate::support::fixtures;

use gazette::app::{Effect, Msg, update};
use gazette::library::loader::{LoadEvent, load_blocking};
use gazette::library::watch;
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn article(title: &str, date: &str) -> String {
    fixtures::primary(title, &["A", "B", "C"], "x", date, "<p>body</p>")
}

/// Writes an article titled `title`, dated `date`, to `path`.
fn put(path: &std::path::Path, title: &str, date: &str) {
    std::fs::write(path, article(title, date)).unwrap();
}

/// Waits up to 10 s for an event that satisfies `ok`.
fn wait_for(rx: &mpsc::Receiver<LoadEvent>, ok: impl Fn(&LoadEvent) -> bool) -> LoadEvent {
    collect_until(rx, ok).pop().expect("the event waited for")
}

#[test]
fn the_watcher_reports_added_changed_and_removed_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    put(
        &root.join("a.txt"),
        "first",
        "Thu, 06 Jan 2022 16:13:50 GMT",
    );
    let (tx, rx) = mpsc::channel();
    watch::spawn(vec![root.clone()], move |e| tx.send(e).is_ok()); // watching on return

    put(
        &root.join("b.txt"),
        "added",
        "Fri, 07 Jan 2022 10:00:00 GMT",
    );
    let e = wait_for(
        &rx,
        |e| matches!(e, LoadEvent::Articles(a, _) if !a.is_empty()),
    );
    let LoadEvent::Articles(a, _) = e else {
        unreachable!()
    };
    assert_eq!(&*a[0].title, "added");

    put(
        &root.join("a.txt"),
        "first, edited",
        "Thu, 06 Jan 2022 16:13:50 GMT",
    );
    let e = wait_for(
        &rx,
        |e| matches!(e, LoadEvent::Articles(a, _) if a.iter().any(|x| &*x.title == "first, edited")),
    );
    assert!(matches!(e, LoadEvent::Articles(..)));

    std::fs::remove_file(root.join("b.txt")).unwrap();
    let e = wait_for(&rx, |e| matches!(e, LoadEvent::Removed(_)));
    let LoadEvent::Removed(p) = e else {
        unreachable!()
    };
    assert_eq!(p, vec![root.join("b.txt")]);
}

#[test]
fn arriving_articles_keep_the_selection_and_the_reader() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    for (i, day) in [3, 5, 7].iter().enumerate() {
        put(
            &root.join(format!("{i}.txt")),
            &format!("day {day}"),
            &format!("Mon, 0{day} Jan 2022 10:00:00 GMT"),
        );
    }
    let (library, _) = load_blocking(std::slice::from_ref(&root), None);
    let mut s = common::state(library);
    common::press(&mut s, "j enter"); // "day 5" selected and open
    let open = s.screen().reader().unwrap().article();
    assert_eq!(&*s.catalog().article(open).title, "day 5");

    // A newer article arrives, and the open one changes on disk.
    put(
        &root.join("9.txt"),
        "day 9",
        "Sun, 09 Jan 2022 10:00:00 GMT",
    );
    put(
        &root.join("1.txt"),
        "day 5, corrected",
        "Wed, 05 Jan 2022 10:00:00 GMT",
    );
    let touched = [root.join("9.txt"), root.join("1.txt")]
        .into_iter()
        .collect();
    let effects: Vec<Effect> = watch::reread(std::slice::from_ref(&root), &touched)
        .into_iter()
        .flat_map(|e| update(&mut s, Msg::Load(e)))
        .collect();
    update(&mut s, Msg::Settle);
    assert_eq!(s.view().visible().len(), 4);
    assert_eq!(
        s.view().selected_article(),
        Some(open),
        "the selection follows the article, now one row lower"
    );
    assert_eq!(s.view().selected(), 2);
    assert_eq!(&*s.catalog().article(open).title, "day 5, corrected");
    assert!(
        s.screen().reader().unwrap().body().is_none()
            && matches!(effects[..], [Effect::ReadBody { article, .. }] if article == open),
        "the changed body is read again"
    );

    // The open article's file goes away: it leaves the list, the reader keeps what it shows.
    std::fs::remove_file(root.join("1.txt")).unwrap();
    for e in watch::reread(
        std::slice::from_ref(&root),
        &[root.join("1.txt")].into_iter().collect(),
    ) {
        update(&mut s, Msg::Load(e));
    }
    update(&mut s, Msg::Settle);
    assert_eq!(s.view().visible().len(), 3);
    assert!(s.screen().reader().is_some());
}

/// Everything the watcher reports until an event satisfies `last` (which is included).
fn collect_until(
    rx: &mpsc::Receiver<LoadEvent>,
    last: impl Fn(&LoadEvent) -> bool,
) -> Vec<LoadEvent> {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut seen = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(e) => {
                let done = last(&e);
                seen.push(e);
                if done {
                    return seen;
                }
            }
            Err(_) => panic!("no such event within 10 s; seen: {seen:?}"),
        }
    }
}

fn has_article(e: &LoadEvent, title: &str) -> bool {
    matches!(e, LoadEvent::Articles(a, _) if a.iter().any(|x| x.title == title.into()))
}

fn problems_of(s: &gazette::app::AppState, path: &std::path::Path) -> usize {
    problems_all(s).iter().filter(|p| p.path == path).count()
}

/// Reading and walking the library (what the reader itself does) is no change: only the
/// file written afterwards comes back, and a broken file read again is listed once.
#[test]
fn reading_the_folders_is_no_change_and_problems_are_listed_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let sub = root.join("sub");
    std::fs::create_dir_all(&sub).unwrap();
    put(
        &sub.join("一.txt"),
        "子目录第一篇",
        "Mon, 03 Jan 2022 10:00:00 GMT",
    );
    put(
        &sub.join("two.txt"),
        "second in a subfolder",
        "Tue, 04 Jan 2022 10:00:00 GMT",
    );
    let broken = sub.join("broken.txt");
    std::fs::write(&broken, b"not\0an article").unwrap();
    let (library, _) = load_blocking(std::slice::from_ref(&root), None);
    assert_eq!(library.articles.len(), 2);
    let mut s = common::state(library);
    assert_eq!(problems_of(&s, &broken), 1);

    let (tx, rx) = mpsc::channel();
    watch::spawn(vec![root.clone()], move |e| tx.send(e).is_ok());
    // What the reader and its watcher do to the folders: walk them, read every file.
    for _ in 0..3 {
        for entry in walkdir::WalkDir::new(&root) {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                std::fs::read(entry.path()).unwrap();
            }
        }
    }
    // One real change; everything the watcher reports up to it must be that change alone.
    put(
        &root.join("新.txt"),
        "a real change",
        "Wed, 05 Jan 2022 10:00:00 GMT",
    );
    let seen = collect_until(&rx, |e| has_article(e, "a real change"));
    let LoadEvent::Articles(articles, problems) = seen.last().unwrap() else {
        unreachable!()
    };
    let titles: Vec<_> = articles.iter().map(|a| &*a.title).collect();
    assert_eq!(titles, ["a real change"], "reads were taken for changes");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(seen.len(), 1, "{seen:?}");
    for e in seen {
        update(&mut s, Msg::Load(e));
    }

    // The broken file is written again, still broken: its problem is replaced, not added.
    std::fs::write(&broken, b"still\0not an article").unwrap();
    let seen = collect_until(
        &rx,
        |e| matches!(e, LoadEvent::Articles(_, p) if p.iter().any(|p| p.path == broken)),
    );
    take_in(&mut s, seen);
    assert_eq!(problems_of(&s, &broken), 1, "{:?}", problems_all(&s));

    // Fixed: it becomes an article and its problem goes.
    put(&broken, "mended", "Thu, 06 Jan 2022 10:00:00 GMT");
    let seen = collect_until(&rx, |e| has_article(e, "mended"));
    take_in(&mut s, seen);
    assert_eq!(problems_of(&s, &broken), 0, "{:?}", problems_all(&s));
    assert_eq!(s.view().visible().len(), 4);
}

/// Hands watcher events to the state as the event loop does, then lets the list settle.
fn take_in(s: &mut gazette::app::AppState, events: Vec<LoadEvent>) {
    for e in events {
        update(s, Msg::Load(e));
    }
    update(s, Msg::Settle);
}

fn problems_all(s: &gazette::app::AppState) -> &[gazette::library::Problem] {
    &s.catalog().library().problems
}
