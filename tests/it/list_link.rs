//! `o` in the list: the article's own address from its front matter (`link`, `url`,
//! `permalink`, `source`), refused unless it is a web or mail address; without one, the
//! article opens with the link window over it.

use crate::support::common::{press, state};
use crate::support::fixtures;
use gazette::app::{AppState, Effect, Focus, Overlay};

fn library() -> (tempfile::TempDir, AppState) {
    let dir = tempfile::tempdir().unwrap();
    let doc = |front: &str, day: u32, body: &str| {
        format!("---\n{front}\ndate: 2022-03-{day:02}\n---\n{body}\n")
    };
    let files = [
        (
            "a.md",
            doc(
                "title: Own link\npermalink: /2022/a/\nURL: https://example.org/tide",
                9,
                "Sea level.",
            ),
        ),
        (
            "b.md",
            doc(
                "title: 只有正文链接\npermalink: /2022/b/",
                8,
                "见 [港口](https://example.org/harbor) 与 [渡轮](https://example.org/ferry)。",
            ),
        ),
        (
            "c.md",
            doc("title: Bad scheme\nlink: file:///etc/passwd", 7, "x"),
        ),
    ];
    let files: Vec<(&str, &[u8])> = files.iter().map(|(p, d)| (*p, d.as_bytes())).collect();
    fixtures::write_all(dir.path(), &files);
    let s = state(gazette::library::Library::load(&[dir.path().to_path_buf()]));
    (dir, s)
}

#[test]
fn o_opens_the_articles_own_address() {
    let (_dir, mut s) = library();
    let effects = press(&mut s, "o");
    assert!(
        matches!(&effects[..], [Effect::OpenUrl(u)] if u == "https://example.org/tide"),
        "{effects:?}"
    );
    assert_eq!(
        s.screen().focus(),
        Focus::List,
        "the list keeps the keyboard"
    );
    assert!(!s.entry(s.view().visible()[0]).read, "nothing was read");
}

#[test]
fn without_an_address_o_opens_the_link_window_over_the_article() {
    let (_dir, mut s) = library();
    let effects = press(&mut s, "j o");
    assert!(effects.is_empty(), "{effects:?}");
    assert!(matches!(s.screen().overlay(), Some(Overlay::Links(_))));
    let reader = s.screen().reader().expect("the article is open");
    let urls: Vec<String> = reader.links().into_iter().map(|(_, u)| u).collect();
    assert_eq!(
        urls,
        ["https://example.org/harbor", "https://example.org/ferry"]
    );
    let effects = press(&mut s, "2 enter");
    assert!(
        matches!(&effects[..], [Effect::OpenUrl(u)] if u == "https://example.org/ferry"),
        "{effects:?}"
    );
}

#[test]
fn an_address_that_is_not_web_or_mail_is_refused() {
    let (_dir, mut s) = library();
    let effects = press(&mut s, "j j o");
    assert!(effects.is_empty(), "{effects:?}");
    let msg = s.screen().message().unwrap_or_default();
    assert!(msg.starts_with("not opened"), "{msg}");
}
