//! Counts before movements (`5j`, `3n`, `10k`, `2 ctrl-d`, `12G`) in the list, the tree and
//! the reader; the count shows in the status bar until used, Esc drops it, and digits typed
//! into a prompt stay text.

use crate::support::common::{draw, fake_library, press, send, state, type_text};
use gazette::app::{Focus, Msg, Overlay};

#[test]
fn counts_multiply_list_movements() {
    let mut s = state(fake_library(200));
    send(&mut s, Msg::Resize(100, 23)); // the list: 20 rows inside its border
    press(&mut s, "5 j");
    assert_eq!(s.view().selected(), 5);
    press(&mut s, "1 2 j");
    assert_eq!(s.view().selected(), 17, "two digits make twelve");
    press(&mut s, "1 0 k");
    assert_eq!(s.view().selected(), 7);
    press(&mut s, "2 ctrl-d");
    assert_eq!(s.view().selected(), 27, "two half pages of ten rows");
    press(&mut s, "4 2 G");
    assert_eq!(s.view().selected(), 41, "row 42");
    press(&mut s, "j");
    assert_eq!(s.view().selected(), 42, "the count was used up");
    press(&mut s, "9 9 9 j");
    assert_eq!(s.view().selected(), 199, "clamped at the end");
}

#[test]
fn the_count_shows_until_used_and_esc_drops_it() {
    let mut s = state(fake_library(50));
    press(&mut s, "3");
    let bar = draw(&mut s, 100, 30).pop().unwrap();
    assert!(bar.contains("count 3…"), "{bar}");
    press(&mut s, "esc j");
    assert_eq!(s.view().selected(), 1, "Esc dropped the count");
    let bar = draw(&mut s, 100, 30).pop().unwrap();
    assert!(!bar.contains("count"), "{bar}");
    press(&mut s, "4 x j");
    assert_eq!(s.view().selected(), 2, "a key with no meaning drops it too");
    press(&mut s, "0 j");
    assert_eq!(s.view().selected(), 3, "a leading 0 is no count");
}

#[test]
fn counts_step_articles_and_scroll_in_the_reader_and_move_in_the_tree() {
    let mut s = state(fake_library(30));
    press(&mut s, "enter");
    assert_eq!(s.screen().focus(), Focus::Reader);
    press(&mut s, "3 n");
    assert_eq!(s.view().selected(), 3);
    assert_eq!(
        s.screen().reader().unwrap().article(),
        s.view().visible()[3]
    );
    press(&mut s, "2 p");
    assert_eq!(s.view().selected(), 1);
    press(&mut s, "c 3 j");
    assert_eq!(s.screen().focus(), Focus::Tree);
    assert_eq!(s.view().tree().selected, 3);
}

#[test]
fn digits_in_a_prompt_are_text_not_a_count() {
    let mut s = state(fake_library(50));
    press(&mut s, "/");
    type_text(&mut s, "12");
    assert_eq!(s.view().search().unwrap().line().text(), "12");
    assert_eq!(s.screen().count(), None);
    press(&mut s, "esc d");
    type_text(&mut s, "2021");
    assert!(matches!(s.screen().overlay(), Some(Overlay::DateFilter(_))));
    assert_eq!(s.screen().count(), None);
}

#[test]
fn a_count_goes_through_a_longer_binding() {
    let config = gazette::config::parse(
        "[keys]\ntop = \"g g\"\n",
        std::path::Path::new("config.toml"),
    )
    .unwrap();
    let config = gazette::config::Config {
        zone: gazette::zone::Zone::utc(),
        ..config
    };
    let now = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2022, 1, 1, 0, 0, 0).unwrap();
    let settings = gazette::app::settings::Settings::from_config(&config, now);
    let store = gazette::store::Store::empty("unsaved".into());
    let mut s = gazette::app::AppState::new(fake_library(50), store, settings);
    send(&mut s, Msg::Resize(100, 30));
    press(&mut s, "G g g");
    assert_eq!(s.view().selected(), 0, "g g is top");
    press(&mut s, "7 g g");
    assert_eq!(s.view().selected(), 6, "7 g g: row 7");
    press(&mut s, "g 4");
    assert_eq!(
        s.screen().count(),
        None,
        "a digit ends a sequence, it starts no count"
    );
    press(&mut s, "j");
    assert_eq!(s.view().selected(), 7);
}
