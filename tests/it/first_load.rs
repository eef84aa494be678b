//! The first load with no cache: articles arrive in batches in no particular order. Until
//! the user moves, the selection stays on the top of the list (the newest article); once
//! they have moved, it stays on their article while newer ones are inserted above.

use crate::support::common;

use gazette::app::{AppState, Msg, update};
use gazette::library::loader::LoadEvent;
use gazette::library::{Article, Library};

/// Six articles, `day[i]` days before 2022-01-01 for i = 0..6, titled by that index.
fn articles() -> Vec<Article> {
    common::fake_library(6).articles
}

/// A reader started on an empty library that has taken in the first batch, `ids`.
fn started_with(ids: &[usize]) -> (Vec<Article>, AppState) {
    let all = articles();
    let mut s = common::state(Library::from_articles(Vec::new(), Vec::new()));
    batch(&mut s, &all, ids);
    update(&mut s, Msg::Settle);
    (all, s)
}

/// Delivers the articles at `ids` (indices into [`articles`]) as one loader batch.
fn batch(s: &mut AppState, all: &[Article], ids: &[usize]) {
    let articles = ids.iter().map(|&i| all[i].clone()).collect();
    update(s, Msg::Load(LoadEvent::Articles(articles, Vec::new())));
}

fn selected_title(s: &AppState) -> String {
    let id = s.view().selected_article().expect("a selection");
    s.catalog().article(id).title.to_string()
}

#[test]
fn until_the_user_moves_the_selection_follows_the_newest() {
    let (all, mut s) = started_with(&[4, 2]);
    assert_eq!(selected_title(&s), &*all[2].title);
    // Two batches before the list settles, the newest of all in the second.
    batch(&mut s, &all, &[5]);
    batch(&mut s, &all, &[0, 3]);
    update(&mut s, Msg::Settle);
    assert_eq!(s.view().selected(), 0);
    assert_eq!(selected_title(&s), &*all[0].title);
    // A key that moves nothing (up, at the top) is no move.
    common::press(&mut s, "k");
    batch(&mut s, &all, &[1]);
    update(&mut s, Msg::Settle);
    assert_eq!(selected_title(&s), &*all[0].title);
}

#[test]
fn once_the_user_moved_the_selection_stays_on_their_article() {
    let (all, mut s) = started_with(&[3, 5, 4]);
    assert_eq!(selected_title(&s), &*all[3].title);
    common::press(&mut s, "j");
    assert_eq!(selected_title(&s), &*all[4].title);
    batch(&mut s, &all, &[1]);
    batch(&mut s, &all, &[0, 2]);
    update(&mut s, Msg::Settle);
    assert_eq!(
        selected_title(&s),
        &*all[4].title,
        "still the user's article"
    );
    assert_eq!(
        s.view().selected(),
        4,
        "now the fifth row, below the newer ones"
    );
}

#[test]
fn opening_or_searching_is_a_move_too() {
    let (all, mut s) = started_with(&[2, 4]);
    common::press(&mut s, "enter");
    batch(&mut s, &all, &[0]);
    update(&mut s, Msg::Settle);
    assert_eq!(
        selected_title(&s),
        &*all[2].title,
        "the open article stays selected"
    );

    let (_, mut s) = started_with(&[3, 5]);
    common::press(&mut s, "/");
    common::type_text(&mut s, "article");
    batch(&mut s, &all, &[1]);
    update(&mut s, Msg::Settle);
    assert_eq!(selected_title(&s), &*all[3].title);
}
