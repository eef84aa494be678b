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

/// Waits up to 10 s for an event that satisfies `ok`.
fn wait_for(rx: &mpsc::Receiver<LoadEvent>, ok: impl Fn(&LoadEvent) -> bool) -> LoadEvent {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(e) if ok(&e) => return e,
            Ok(_) => {}
            Err(_) => panic!("no such event within 10 s"),
        }
    }
}

#[test]
fn the_watcher_reports_added_changed_and_removed_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(
        root.join("a.txt"),
        article("first", "Thu, 06 Jan 2022 16:13:50 GMT"),
    )
    .unwrap();
    let (tx, rx) = mpsc::channel();
    watch::spawn(vec![root.clone()], move |e| tx.send(e).is_ok());
    std::thread::sleep(Duration::from_millis(300)); // let inotify set up its watches

    std::fs::write(
        root.join("b.txt"),
        article("added", "Fri, 07 Jan 2022 10:00:00 GMT"),
    )
    .unwrap();
    let e = wait_for(
        &rx,
        |e| matches!(e, LoadEvent::Articles(a, _) if !a.is_empty()),
    );
    let LoadEvent::Articles(a, _) = e else {
        unreachable!()
    };
    assert_eq!(a[0].title, "added");

    std::fs::write(
        root.join("a.txt"),
        article("first, edited", "Thu, 06 Jan 2022 16:13:50 GMT"),
    )
    .unwrap();
    let e = wait_for(
        &rx,
        |e| matches!(e, LoadEvent::Articles(a, _) if a.iter().any(|x| x.title == "first, edited")),
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
        std::fs::write(
            root.join(format!("{i}.txt")),
            article(
                &format!("day {day}"),
                &format!("Mon, 0{day} Jan 2022 10:00:00 GMT"),
            ),
        )
        .unwrap();
    }
    let (library, _) = load_blocking(std::slice::from_ref(&root), None);
    let mut s = common::state(library);
    common::press(&mut s, "j enter"); // "day 5" selected and open
    let open = s.screen().reader().unwrap().article();
    assert_eq!(s.catalog().article(open).title, "day 5");

    // A newer article arrives, and the open one changes on disk.
    std::fs::write(
        root.join("9.txt"),
        article("day 9", "Sun, 09 Jan 2022 10:00:00 GMT"),
    )
    .unwrap();
    std::fs::write(
        root.join("1.txt"),
        article("day 5, corrected", "Wed, 05 Jan 2022 10:00:00 GMT"),
    )
    .unwrap();
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
    assert_eq!(s.catalog().article(open).title, "day 5, corrected");
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
