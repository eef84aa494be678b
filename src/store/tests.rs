use super::*;
use std::fs;

/// An unstamped entry with a line position (tests compare states with [`state`]).
fn entry(read: bool, starred: bool, pos: u32) -> Entry {
    Entry {
        read,
        starred,
        pos: Position::line(pos),
        changed: None,
    }
}

/// The state of `key`, its change time aside.
fn state(s: &Store, key: &str) -> (bool, bool, Position) {
    let e = s.get(key);
    (e.read, e.starred, e.pos)
}

fn st(e: Entry) -> (bool, bool, Position) {
    (e.read, e.starred, e.pos)
}

/// A store in a fresh temporary directory (in a subfolder that does not exist yet).
pub(super) fn fresh() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let (store, warning) = Store::open(dir.path().join("gazette").join(FILE_NAME));
    assert_eq!(warning, None);
    (dir, store)
}

pub(super) fn reopen(store: &Store) -> Store {
    let (s, warning) = Store::open(store.path().to_owned());
    assert_eq!(warning, None);
    s
}

#[test]
fn default_path_is_in_the_state_dir() {
    if let Ok(p) = Store::default_path() {
        assert!(
            p.ends_with("gazette/state.jsonl") || p.ends_with(FILE_NAME),
            "{p:?}"
        );
    }
}

#[test]
fn setters_mark_dirty_only_on_change_and_defaults_are_removed() {
    let (_d, mut s) = fresh();
    s.set_read("a", false);
    s.set_position("a", Position::line(0));
    assert!(!s.is_dirty());
    assert!(s.toggle_read("a"));
    assert!(s.toggle_star("a"));
    s.set_position("a", Position::line(7));
    assert_eq!(state(&s, "a"), st(entry(true, true, 7)));
    assert!(s.is_dirty());
    assert!(!s.toggle_read("a"));
    assert!(!s.toggle_star("a"));
    s.set_position("a", Position::line(0));
    assert_eq!(s.len(), 0);
    assert_eq!(state(&s, "a"), st(Entry::default()));
    assert!(
        s.get("a").changed.is_some(),
        "the reset is kept, with its time"
    );
}

#[test]
fn round_trip_and_file_is_sorted_with_header() {
    let (_d, mut s) = fresh();
    s.clock = || 1000;
    s.set_position("zz", Position::line(40));
    s.set_read("mm", true);
    s.toggle_star("aa");
    s.set_read("gone", true);
    s.set_read("gone", false);
    s.save().unwrap();
    assert!(!s.is_dirty());
    let text = fs::read_to_string(s.path()).unwrap();
    assert_eq!(
        text,
        "{\"gazette_state\":1}\n\
         {\"key\":\"aa\",\"read\":false,\"starred\":true,\"changed\":1000}\n\
         {\"key\":\"gone\",\"read\":false,\"starred\":false,\"changed\":1000}\n\
         {\"key\":\"mm\",\"read\":true,\"starred\":false,\"changed\":1000}\n\
         {\"key\":\"zz\",\"read\":false,\"starred\":false,\"pos\":40,\"changed\":1000}\n"
    );
    let again = reopen(&s);
    assert_eq!(
        again.iter().collect::<Vec<_>>(),
        s.iter().collect::<Vec<_>>()
    );
    assert_eq!(again.len(), 3);
    assert!(!again.is_dirty());
}

#[test]
fn save_without_changes_writes_nothing() {
    let (_d, mut s) = fresh();
    s.save().unwrap();
    assert!(!s.path().exists());
    assert_eq!(s.saves(), 0);
}

#[test]
fn corrupt_file_is_moved_aside_with_a_warning_and_a_fresh_state_follows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let bad = b"{\"gazette_state\":1}\n{\"key\":\"a\",\"read\":true}\n{\"key\":\"b\",\"re";
    fs::write(&path, bad).unwrap();
    let (mut s, warning) = Store::open(path.clone());
    let warning = warning.expect("a warning");
    assert!(s.is_empty());
    let moved: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(moved.len(), 1);
    let moved = &moved[0];
    let name = moved.file_name().unwrap().to_str().unwrap();
    assert!(name.starts_with("state.jsonl.corrupt-"), "{name}");
    assert_eq!(name.len(), "state.jsonl.corrupt-YYYYMMDD-HHMMSS".len());
    assert_eq!(fs::read(moved).unwrap(), bad, "the bytes are kept");
    assert!(warning.contains(&path.display().to_string()), "{warning}");
    assert!(warning.contains(&moved.display().to_string()), "{warning}");
    assert!(warning.contains("line 3"), "{warning}");
    // The fresh state saves normally, beside the moved file.
    s.set_read("c", true);
    s.save().unwrap();
    assert_eq!(state(&reopen(&s), "c"), st(entry(true, false, 0)));
    assert_eq!(fs::read(moved).unwrap(), bad);
}

#[test]
fn wrong_header_is_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    fs::write(&path, "{\"gazette_state\":9}\n").unwrap();
    let (s, warning) = Store::open(path.clone());
    assert!(warning.unwrap().contains("version 9"));
    assert!(s.is_empty() && !path.exists());
}

#[test]
fn crash_while_writing_leaves_the_old_file() {
    let (_d, mut s) = fresh();
    s.set_read("a", true);
    s.save().unwrap();
    let old = fs::read(s.path()).unwrap();
    // A crash mid-write: the temporary holds half of the new content and is never renamed.
    s.set_read("b", true);
    let new = format::encode(&s.entries);
    let tmp = s
        .path()
        .with_file_name(format!(".{FILE_NAME}.tmp-{}", std::process::id()));
    fs::write(&tmp, &new[..new.len() / 2]).unwrap();
    assert_eq!(fs::read(s.path()).unwrap(), old);
    assert_eq!(state(&reopen(&s), "a"), st(entry(true, false, 0)));
    // A failing writer (disk full) errors and leaves the file as it was.
    let err = atomic::write_atomic_with(s.path(), |f| {
        io::Write::write_all(f, &new[..5])?;
        Err(io::Error::new(io::ErrorKind::StorageFull, "no space"))
    });
    assert!(err.is_err());
    assert_eq!(fs::read(s.path()).unwrap(), old);
    // The next save goes through over the stale temporary.
    s.save().unwrap();
    assert!(!tmp.exists());
    assert_eq!(reopen(&s).len(), 2);
}

#[cfg(unix)]
#[test]
fn read_only_directory_save_errors_and_keeps_old_file_and_state() {
    use std::os::unix::fs::PermissionsExt;
    let (d, mut s) = fresh();
    s.set_read("a", true);
    s.save().unwrap();
    let old = fs::read(s.path()).unwrap();
    let state_dir = d.path().join("gazette");
    fs::set_permissions(&state_dir, fs::Permissions::from_mode(0o555)).unwrap();
    let probe = state_dir.join("probe");
    if fs::write(&probe, b"").is_ok() {
        let _ = fs::remove_file(&probe);
        fs::set_permissions(&state_dir, fs::Permissions::from_mode(0o755)).unwrap();
        println!("note: read-only directory test skipped (running as root, it stays writable)");
        return;
    }
    s.set_starred("a", true);
    let result = s.save();
    fs::set_permissions(&state_dir, fs::Permissions::from_mode(0o755)).unwrap();
    assert!(result.is_err());
    assert!(s.is_dirty());
    assert_eq!(state(&s, "a"), st(entry(true, true, 0)));
    assert_eq!(fs::read(s.path()).unwrap(), old);
    s.save().unwrap();
    assert_eq!(state(&reopen(&s), "a"), st(entry(true, true, 0)));
}

#[test]
fn unmovable_unreadable_file_blocks_saving() {
    let (_d, mut s) = fresh();
    s.blocked = Some("left alone".into());
    s.set_read("a", true);
    assert!(s.save().unwrap_err().to_string().contains("left alone"));
    assert!(!s.path().exists() && s.is_dirty());
}

#[test]
fn import_of_unstamped_files_joins_read_star_and_position() {
    let (d, mut s) = fresh();
    let old = "{\"gazette_state\":1}\n\
               {\"key\":\"both\",\"read\":true,\"pos\":10}\n\
               {\"key\":\"mine\",\"starred\":true}\n\
               {\"key\":\"same\",\"pos\":5}\n";
    fs::write(d.path().join("old.jsonl"), old).unwrap();
    s.import(&d.path().join("old.jsonl")).unwrap();
    let theirs = "{\"gazette_state\":1}\n\
                  {\"key\":\"both\",\"pos\":3}\n\
                  {\"key\":\"mine\",\"read\":true}\n\
                  {\"key\":\"same\",\"pos\":5}\n\
                  {\"key\":\"new1\",\"starred\":true}\n\
                  {\"key\":\"new2\",\"pos\":99}\n";
    fs::write(d.path().join("export.jsonl"), theirs).unwrap();
    let summary = s.import(&d.path().join("export.jsonl")).unwrap();
    assert_eq!(
        summary,
        ImportSummary {
            added: 2,
            changed: 1
        }
    );
    assert_eq!(state(&s, "both"), st(entry(true, false, 10)));
    assert_eq!(state(&s, "mine"), st(entry(true, true, 0)));
    assert_eq!(state(&s, "same"), st(entry(false, false, 5)));
    assert_eq!(state(&s, "new1"), st(entry(false, true, 0)));
    assert_eq!(state(&s, "new2"), st(entry(false, false, 99)));
    // A bad file changes nothing.
    let before: Vec<_> = s.iter().map(|(k, e)| (k.to_owned(), e)).collect();
    fs::write(d.path().join("bad.jsonl"), "nope\n").unwrap();
    assert!(s.import(&d.path().join("bad.jsonl")).is_err());
    assert!(s.import(&d.path().join("missing.jsonl")).is_err());
    let after: Vec<_> = s.iter().map(|(k, e)| (k.to_owned(), e)).collect();
    assert_eq!(before, after);
}

#[test]
fn import_takes_the_later_change_per_article_so_an_unstar_travels() {
    let (d, mut home) = fresh();
    let (mut laptop, _) = Store::open(d.path().join("laptop").join(FILE_NAME));
    // 10:00 at home: star two articles; the laptop imports them.
    home.clock = || 1000;
    home.set_starred("a", true);
    home.set_starred("b", true);
    home.export(&d.path().join("home.jsonl")).unwrap();
    laptop.import(&d.path().join("home.jsonl")).unwrap();
    assert!(laptop.get("a").starred && laptop.get("b").starred);
    // 10:05 on the laptop: unstar a. 10:06 at home: read b.
    laptop.clock = || 5000;
    laptop.set_starred("a", false);
    home.clock = || 6000;
    home.set_read("b", true);
    laptop.export(&d.path().join("laptop.jsonl")).unwrap();
    let summary = home.import(&d.path().join("laptop.jsonl")).unwrap();
    assert_eq!(
        summary,
        ImportSummary {
            added: 0,
            changed: 1
        }
    );
    assert!(!home.get("a").starred, "the later unstar travels home");
    assert_eq!(home.get("a").changed, Some(5000), "with its own time");
    assert_eq!(
        state(&home, "b"),
        st(entry(true, true, 0)),
        "the older copy of b does not undo the later read"
    );
    // Saved and read back, the unstar is still there to travel on.
    home.save().unwrap();
    let again = reopen(&home);
    assert!(!again.get("a").starred && again.get("a").changed == Some(5000));
    assert_eq!(again.len(), 1, "a is blank: kept in the file, not counted");
}

#[test]
fn two_writers_each_keep_their_own_changes() {
    let (_d, mut one) = fresh();
    one.set_read("shared", true);
    one.save().unwrap();
    let mut two = reopen(&one);
    one.clock = || 2000;
    two.clock = || 3000;
    one.set_starred("x", true);
    two.set_starred("y", true);
    // One stars the shared article, two marks it unread.
    one.set_starred("shared", true);
    two.set_read("shared", false);
    one.save().unwrap();
    two.save().unwrap();
    let disk = reopen(&one);
    assert!(disk.get("x").starred, "the first writer's star survives");
    assert!(disk.get("y").starred);
    assert_eq!(
        state(&disk, "shared"),
        (false, true, Position::Top),
        "each side's field change is kept"
    );
    assert_eq!(disk.get("shared").changed, Some(3000));
    // The second writer now holds the merged state; the first takes it on its next save.
    assert!(two.get("x").starred);
    one.set_read("z", true);
    one.save().unwrap();
    assert!(one.get("y").starred && !one.get("shared").read);
}

#[test]
fn the_later_change_of_the_same_field_wins_and_unchanged_keys_come_from_disk() {
    let (_d, mut one) = fresh();
    one.set_starred("k", true);
    one.set_read("untouched", true);
    one.save().unwrap();
    let mut two = reopen(&one);
    let mut three = reopen(&one);
    one.clock = || 9000;
    two.clock = || 8000;
    three.clock = || 7000;
    one.set_starred("k", false);
    one.set_position("k", Position::text(1, 0)); // the latest word on k's position
    two.set_position("k", Position::text(3, 40));
    two.set_position("p", Position::text(2, 7));
    three.set_read("untouched", false);
    one.save().unwrap();
    three.save().unwrap();
    two.save().unwrap(); // saved last, but its change of k's position is older
    let disk = reopen(&one);
    assert_eq!(
        state(&disk, "k"),
        (false, false, Position::text(1, 0)),
        "one's unstar (two did not touch it) and one's later position"
    );
    assert_eq!(disk.get("k").changed, Some(9000));
    assert_eq!(
        disk.get("p").pos,
        Position::text(2, 7),
        "only two changed p"
    );
    assert!(
        !disk.get("untouched").read,
        "two did not change it: three's unread stands"
    );
}

#[test]
fn a_file_another_writer_left_unparsable_is_not_overwritten() {
    let (_d, mut s) = fresh();
    s.set_read("a", true);
    s.save().unwrap();
    fs::write(s.path(), "{\"gazette_state\":2}\n").unwrap();
    s.set_read("b", true);
    let err = s.save().unwrap_err().to_string();
    assert!(
        err.contains("cannot be parsed") && err.contains("version 2"),
        "{err}"
    );
    assert!(err.contains(&s.path().display().to_string()), "{err}");
    assert_eq!(
        fs::read_to_string(s.path()).unwrap(),
        "{\"gazette_state\":2}\n"
    );
    assert!(s.is_dirty());
}

#[test]
fn a_save_waits_for_the_lock_and_merges_what_its_holder_wrote() {
    let (_d, mut s) = fresh();
    s.set_read("a", true);
    s.save().unwrap();
    assert_eq!(s.lock_path().parent(), s.path().parent());
    // Another gazette in the middle of its save holds the lock and writes its state; this
    // save, started meanwhile, must wait and merge with what it wrote, not overwrite it.
    let held = lock::Lock::exclusive(&s.lock_path()).unwrap();
    s.set_read("b", true);
    let path = s.path().to_owned();
    let (tx, rx) = std::sync::mpsc::channel();
    let t = std::thread::spawn(move || {
        tx.send(()).unwrap();
        let r = s.save();
        (s, r)
    });
    rx.recv().unwrap();
    let mut other = BTreeMap::new();
    other.insert("a".to_string(), entry(true, false, 0));
    other.insert("theirs".to_string(), entry(false, true, 0));
    atomic::write_atomic(&path, &format::encode(&other)).unwrap();
    drop(held);
    let (s, r) = t.join().unwrap();
    r.unwrap();
    let disk = reopen(&s);
    assert!(
        disk.get("theirs").starred,
        "the other writer's star is kept"
    );
    assert!(disk.get("b").read, "and this save's change is in");
}

#[test]
fn mark_all_read_then_undo_restores_exactly() {
    let (_d, mut s) = fresh();
    s.set_read("r", true);
    s.set_position("r", Position::line(4));
    s.set_starred("st", true);
    s.set_position("p", Position::line(9));
    let before: Vec<_> = s.iter().map(|(k, e)| (k.to_owned(), e)).collect();
    let keys: Vec<String> = ["r", "st", "p", "none", "none"]
        .iter()
        .map(|k| k.to_string())
        .collect();
    let undo = s.mark_all_read(&keys);
    assert_eq!(undo.len(), 3, "r was read already; none is counted once");
    assert!(keys.iter().all(|k| s.get(k).read));
    assert_eq!(state(&s, "st"), st(entry(true, true, 0)));
    s.undo(undo);
    let after: Vec<_> = s.iter().map(|(k, e)| (k.to_owned(), e)).collect();
    assert_eq!(before, after);
    assert!(s.mark_all_read(&["r"]).is_empty());
}

#[test]
fn save_if_due_debounces() {
    let (_d, mut s) = fresh();
    let t0 = Instant::now();
    assert!(s.save_if_due(t0).is_none(), "nothing to save");
    s.set_read("a", true);
    assert!(s.save_if_due(t0).unwrap().is_ok());
    s.set_read("b", true);
    assert!(s.save_if_due(t0 + Duration::from_millis(500)).is_none());
    assert!(s.is_dirty());
    assert_eq!(s.saves(), 1);
    assert_eq!(reopen(&s).len(), 1);
    assert!(
        s.save_if_due(t0 + Duration::from_millis(1000))
            .unwrap()
            .is_ok()
    );
    assert_eq!(s.saves(), 2);
    assert!(
        s.save_if_due(t0 + Duration::from_millis(3000)).is_none(),
        "clean"
    );
    assert_eq!(reopen(&s).len(), 2);
}
