//! Properties over arbitrary input, with bounded cases so CI stays quick: the loader never
//! panics and never lets a control character into metadata; the reader survives any size.

use gazette::library::parse::parse_article;
use gazette::sanitize::is_forbidden;
use proptest::prelude::*;
use std::path::Path;

fn check_bytes(bytes: &[u8]) {
    if let Ok((a, warnings)) = parse_article(Path::new("/x/a.txt"), Path::new("a.txt"), bytes) {
        assert!(!a.title.is_empty());
        for f in [&a.title]
            .into_iter()
            .chain(&a.categories)
            .chain(&a.tags)
            .chain(a.author.iter())
        {
            assert!(!f.chars().any(is_forbidden), "{f:?}");
        }
        for w in warnings {
            assert!(!w.reason.chars().any(is_forbidden));
        }
    }
}

/// Text shaped like an article, with arbitrary pieces where the values go.
fn articleish() -> impl Strategy<Value = String> {
    let value = "[\\PC\\x00-\\x1f'\":\\[\\]{}&#;<>-]{0,40}";
    (
        value,
        value,
        value,
        value,
        "[\\PC<>/a-z ]{0,200}",
        prop::bool::ANY,
    )
        .prop_map(|(t, c, d, a, body, blank)| {
            format!(
                "{}---\ntitle: {t}\ncategories:\n - {c}\n - x\ndate: {d}\nauthor: {a}\n---\n{body}",
                if blank { "\n" } else { "" }
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_the_loader(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check_bytes(&bytes);
    }

    #[test]
    fn articleish_text_never_panics_the_loader(text in articleish()) {
        check_bytes(text.as_bytes());
    }
}

#[test]
fn resizing_to_1x1_and_back_with_an_article_open_never_panics() {
    use crate::support::common::{key, send, settings_at};
    use gazette::app::{AppState, Msg};
    let mut state = AppState::new(
        gazette::library::Library::sample(),
        gazette::store::Store::empty("unsaved".into()),
        settings_at(chrono::Utc::now()),
    );
    send(&mut state, Msg::Key(key("enter")));
    let theme = gazette::ui::theme::Theme::default();
    for round in 0..40u16 {
        let (w, h) = if round % 2 == 0 {
            (1, 1)
        } else {
            (20 + round * 4, 6 + round)
        };
        send(&mut state, Msg::Resize(w, h));
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
        terminal
            .draw(|f| gazette::ui::render(f, &state, &theme))
            .unwrap();
        send(&mut state, Msg::Key(key("G")));
    }
    assert!(
        state.screen().reader().is_some(),
        "the article stays open through every size"
    );
}
