//! The category tree at its fullest: saved views (counted, applied, saved into a commented
//! configuration file), the library's folders, typing to narrow it, and large sections that
//! start folded. Key sequences on the state, and frames at the three sizes.

use crate::support::common::{draw, press, send, type_text};
use chrono::{TimeZone, Utc};
use gazette::app::tree::NodeKind;
use gazette::app::{AppState, Effect, Msg, Settings, Zone};
use gazette::config::{Config, SavedView};
use gazette::library::loader::LoadEvent;
use gazette::library::{Article, Library};
use gazette::store::Store;

/// One article: in `folder` below `/lib`, `day` days before 2022-01-01, with `tags`.
fn article(folder: &str, i: usize, title: &str, tags: &[&str]) -> Article {
    let dir = if folder.is_empty() {
        "/lib".to_string()
    } else {
        format!("/lib/{folder}")
    };
    Article {
        categories: ["新媒体", "澎湃"].into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        date: Some(
            Utc.with_ymd_and_hms(2022, 1, 1, 8, 0, 0).unwrap() - chrono::Duration::days(i as i64),
        ),
        ..Article::new(format!("{dir}/{i:03}.md"), title)
    }
}

/// Six articles: two in 新闻/国内, one in 新闻/国际, two in blog, one in the root.
fn library() -> Library {
    let articles = vec![
        article("新闻/国内", 0, "港口新闻 harbor news", &["港口"]),
        article("新闻/国内", 1, "茶叶丰收", &[]),
        article("新闻/国际", 2, "Harbor lights abroad", &["港口"]),
        article("blog", 3, "Rust notes", &["rust"]),
        article("blog", 4, "写作 notes", &[]),
        article("", 5, "Loose harbor page", &[]),
    ];
    Library::from_articles(articles, vec![])
}

fn view(name: &str, query: &str) -> SavedView {
    SavedView {
        name: name.into(),
        query: query.into(),
    }
}

/// A state over `library` rooted at `/lib`, with these saved views, in UTC, as if today were
/// 2022-01-01, on a 200×50 terminal.
fn state_with(library: Library, views: Vec<SavedView>) -> AppState {
    let config = Config {
        zone: Zone::utc(),
        views,
        ..Config::default()
    };
    let now = Utc.with_ymd_and_hms(2022, 1, 1, 12, 0, 0).unwrap();
    let mut s = AppState::new(
        library,
        Store::empty("unsaved".into()),
        Settings::from_config(&config, now),
    )
    .with_roots(vec!["/lib".into()]);
    send(&mut s, Msg::Resize(200, 50));
    s
}

fn default_views() -> Vec<SavedView> {
    vec![
        view("港口 Harbor", "harbor"),
        view("December", "since:2021-12-29 until:2021-12-31"),
    ]
}

/// The visible tree as `label count` or `label unread/count` lines, indented by depth.
fn tree_lines(s: &AppState) -> Vec<String> {
    let t = s.view().tree();
    t.visible
        .iter()
        .map(|&i| {
            let n = &t.nodes[i];
            let count = match n.unread {
                0 => n.count.to_string(),
                u => format!("{u}/{}", n.count),
            };
            format!("{}{} {count}", "  ".repeat(n.depth), n.label())
        })
        .collect()
}

/// The Folders section of the visible tree: its heading and the rows below it.
fn folder_lines(s: &AppState) -> Vec<String> {
    let lines = tree_lines(s);
    let from = lines.iter().position(|l| l.starts_with("Folders "));
    let section = from.map_or(&[][..], |at| &lines[at..]);
    let end = (section.iter().skip(1))
        .position(|l| !l.starts_with(' '))
        .map_or(section.len(), |n| n + 1);
    section[..end].to_vec()
}

fn titles(s: &AppState) -> Vec<String> {
    let c = s.catalog();
    (s.view().visible().iter())
        .map(|&i| c.article(i).title.to_string())
        .collect()
}

/// Focuses the tree and moves down from the top to the node labelled `label`.
fn go_to(s: &mut AppState, label: &str) {
    press(s, "c g");
    for _ in 0..s.view().tree().visible.len() {
        if selected_label(s) == label {
            return;
        }
        press(s, "j");
    }
    panic!("no node {label} in {:#?}", tree_lines(s));
}

fn selected_label(s: &AppState) -> String {
    let node = s.view().tree().selected_node().expect("a node is selected");
    node.label().to_string()
}

#[test]
fn views_are_counted_first_in_the_tree_and_follow_the_read_state() {
    let mut s = state_with(library(), default_views());
    let lines = tree_lines(&s);
    assert_eq!(
        lines[..4],
        [
            "Views 0",
            "  港口 Harbor 3/3",
            "  December 3/3",
            "All articles 6/6"
        ]
    );
    // Opening the loose harbor page (the oldest: bottom of the list) reads it.
    press(&mut s, "G enter");
    assert_eq!(tree_lines(&s)[1], "  港口 Harbor 2/3");
    assert_eq!(
        tree_lines(&s)[2],
        "  December 3/3",
        "not in December's range"
    );
    assert_eq!(selected_label(&s), "All articles", "the tree starts on All");
    // Saved again under the same name, a view takes its new query; the others keep theirs.
    send(&mut s, Msg::ViewSaved(view("港口 Harbor", "rust")));
    assert_eq!(
        tree_lines(&s)[..4],
        [
            "Views 0",
            "  港口 Harbor 1/1",
            "  December 3/3",
            "All articles 5/6"
        ]
    );
}

#[test]
fn a_view_asking_for_reading_state_is_matched_afresh_when_it_changes() {
    let mut s = state_with(library(), vec![view("Unread harbor", "harbor is:unread")]);
    assert_eq!(tree_lines(&s)[1], "  Unread harbor 3/3");
    // Reading the loose harbor page takes it out of the view, not only out of its unread.
    press(&mut s, "G enter");
    assert_eq!(tree_lines(&s)[1], "  Unread harbor 2/2");
}

#[test]
fn enter_on_a_view_puts_its_query_in_place_of_the_other_filters() {
    let mut s = state_with(library(), default_views());
    // A folder filter first, which the view replaces.
    go_to(&mut s, "国际");
    press(&mut s, "enter");
    assert_eq!(s.view().filters().folder, ["新闻", "国际"]);
    press(&mut s, "c g j enter");
    assert_eq!(
        titles(&s),
        [
            "港口新闻 harbor news",
            "Harbor lights abroad",
            "Loose harbor page"
        ]
    );
    let f = s.view().filters();
    assert!(f.folder.is_empty() && f.category.is_empty() && f.days.is_none());
    let search = s.view().search().expect("the view's query is the search");
    assert_eq!(search.line().text(), "harbor");
    assert!(!search.editing(), "applied, not left open for typing");
    assert!(s.view().is_applied_view("港口 Harbor"));
    assert!(!s.view().is_applied_view("December"));
    // The date view: articles 1, 2 and 3 fall on 2021-12-29..31.
    press(&mut s, "c g j j enter");
    assert_eq!(
        titles(&s),
        ["茶叶丰收", "Harbor lights abroad", "Rust notes"]
    );
}

/// What a person's configuration file looks like: comments everywhere, a view already there.
const COMMENTED: &str = "\
# 我的 gazette 设置 — keep these comments
theme = \"light\" # 浅色主题

[dates]
# UTC everywhere
time_zone = \"UTC\"

[[views]]
# the first view, by hand
name = \"港口 Harbor\"
query = \"harbor\"
";

#[test]
fn saving_a_view_writes_the_config_keeping_its_comments() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, COMMENTED).unwrap();
    let config = gazette::config::parse(COMMENTED, &path).unwrap();
    // A search, a category and a date range, saved as one view.
    let mut s = state_with(library(), config.views).with_filters(gazette::app::Filters {
        category: vec!["新媒体".into(), "澎湃".into()],
        days: Some(gazette::app::dates::DayRange {
            from: Some(chrono::NaiveDate::from_ymd_opt(2021, 12, 1).unwrap()),
            to: None,
        }),
        ..Default::default()
    });
    press(&mut s, "/");
    type_text(&mut s, "notes");
    press(&mut s, "enter");
    press(&mut s, "V");
    type_text(&mut s, "博客 notes");
    let effects = press(&mut s, "enter");
    let saved = match effects.as_slice() {
        [Effect::SaveView(v)] => v.clone(),
        other => panic!("expected one SaveView, got {other:?}"),
    };
    assert_eq!(
        saved,
        view("博客 notes", "notes cat:新媒体/澎湃 since:2021-12-01")
    );
    assert!(s.screen().overlay().is_none(), "the window closed");

    gazette::config::save_view(&path, &saved).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with(COMMENTED),
        "the file as it was, first:\n{text}"
    );
    assert_eq!(
        &text[COMMENTED.len()..],
        "\n[[views]]\nname = \"博客 notes\"\nquery = \"notes cat:新媒体/澎湃 since:2021-12-01\"\n"
    );
    let back = gazette::config::parse(&text, &path).unwrap();
    assert_eq!(back.views, [view("港口 Harbor", "harbor"), saved.clone()]);

    // The event loop reports success; the view joins the tree with its counts.
    send(&mut s, Msg::ViewSaved(saved));
    assert_eq!(tree_lines(&s)[2], "  博客 notes 2/2");
    assert!(
        (s.screen().message().unwrap_or_default()).contains("博客 notes"),
        "the status bar says it was saved"
    );
}

#[test]
fn a_view_is_saved_into_a_new_file_and_an_unwritable_one_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("新的").join("config.toml");
    gazette::config::save_view(&path, &view("a", "cat:blog")).unwrap();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "[[views]]\nname = \"a\"\nquery = \"cat:blog\"\n"
    );
    // A file where the folder should be: nothing can be written below it.
    let blocked = dir.path().join("file");
    std::fs::write(&blocked, "x").unwrap();
    let e = gazette::config::save_view(&blocked.join("config.toml"), &view("a", "b")).unwrap_err();
    assert!(e.contains("cannot"), "{e}");
}

#[test]
fn saving_with_nothing_to_save_says_so_and_an_empty_name_is_refused() {
    let mut s = state_with(library(), vec![]);
    assert!(press(&mut s, "V").is_empty());
    assert!(s.screen().overlay().is_none());
    assert!(
        s.screen()
            .message()
            .unwrap_or_default()
            .contains("nothing to save")
    );
    press(&mut s, "/");
    type_text(&mut s, "rust");
    press(&mut s, "enter V");
    assert!(press(&mut s, "enter").is_empty(), "no name typed");
    assert!(s.screen().overlay().is_some(), "the window stays");
    press(&mut s, "esc");
    assert!(s.screen().overlay().is_none(), "Esc closes it");
}

#[test]
fn the_folders_section_counts_the_library_folders_and_filters_by_them() {
    let mut s = state_with(library(), vec![]);
    assert_eq!(
        folder_lines(&s),
        [
            "Folders 5/5",
            "  blog 2/2",
            "  新闻 3/3",
            "    国内 2/2",
            "    国际 1/1"
        ]
    );
    // The folder 新闻 holds its subfolders' articles.
    go_to(&mut s, "新闻");
    press(&mut s, "enter");
    assert_eq!(
        titles(&s),
        ["港口新闻 harbor news", "茶叶丰收", "Harbor lights abroad"]
    );
    let status = draw(&mut s, 200, 50).pop().unwrap();
    // (The helper draws a wide character's second cell as a space.)
    assert!(status.replace(' ', "").contains("folder:新闻"), "{status}");
    // `C` clears it, as it clears a category; so does All articles.
    press(&mut s, "C");
    assert_eq!(titles(&s).len(), 6);
    go_to(&mut s, "新闻");
    press(&mut s, "enter");
    // A view cannot hold a folder: saving one says so rather than dropping it silently.
    press(&mut s, "V");
    assert!(s.screen().message().unwrap_or_default().contains("folder"));
    press(&mut s, "d");
    type_text(&mut s, "2021");
    press(&mut s, "enter V");
    let screen = draw(&mut s, 100, 30).join("\n");
    assert!(screen.contains("folder filter is not kept"), "{screen}");
    press(&mut s, "esc D c g enter");
    assert_eq!(titles(&s).len(), 6);
}

#[test]
fn typing_in_the_tree_narrows_it_to_matching_names_and_their_parents() {
    let mut s = state_with(library(), default_views());
    press(&mut s, "c f");
    type_text(&mut s, "国");
    assert_eq!(
        tree_lines(&s),
        ["Folders 5/5", "  新闻 3/3", "    国内 2/2", "    国际 1/1"]
    );
    assert_eq!(selected_label(&s), "国内", "the first match is selected");
    // Letters bound to keys are text while typing: `j` narrows, it does not move.
    type_text(&mut s, "际j");
    assert!(tree_lines(&s).is_empty());
    press(&mut s, "backspace");
    assert_eq!(
        tree_lines(&s),
        ["Folders 5/5", "  新闻 3/3", "    国际 1/1"]
    );
    // Case does not matter; Enter applies the selected node.
    press(&mut s, "esc");
    assert_eq!(
        tree_lines(&s).len(),
        s.view().tree().nodes.len() - 2,
        "Tags folded"
    );
    press(&mut s, "f");
    type_text(&mut s, "HARBOR");
    assert_eq!(tree_lines(&s), ["Views 0", "  港口 Harbor 3/3"]);
    press(&mut s, "enter");
    assert_eq!(titles(&s).len(), 3);
    assert_eq!(
        s.view().search().map(|q| q.line().text().to_string()),
        Some("harbor".into())
    );
    // Back in the tree the narrowed list is still there; Esc clears it and stays.
    press(&mut s, "c esc");
    assert!(s.view().tree().name_filter().is_none());
    assert_eq!(s.screen().focus(), gazette::app::Focus::Tree);
}

/// `n` articles in one group with one tag and one source each: 60 of them make sections
/// past the folding threshold.
fn many(n: usize) -> Vec<Article> {
    (0..n)
        .map(|i| Article {
            categories: ["Wire".to_string(), format!("source {i:02}")].into(),
            ..article("", i, &format!("item {i}"), &[&format!("tag{i:02}")])
        })
        .collect()
}

#[test]
fn tags_and_large_sections_start_folded_and_stay_as_the_user_leaves_them() {
    let mut lib = many(60);
    lib.push(article("", 60, "small", &[]));
    let mut s = state_with(Library::from_articles(lib, vec![]), vec![]);
    let lines = tree_lines(&s);
    assert_eq!(
        lines,
        [
            "All articles 61/61",
            "Wire 60/60",
            "新媒体 1/1",
            "  澎湃 1/1",
            "Tags 60/60"
        ],
        "Wire (60 sources) and Tags folded; the small 新媒体 open"
    );
    let kinds: Vec<_> = (s.view().tree().visible.iter())
        .map(|&i| s.view().tree().nodes[i].kind)
        .collect();
    assert_eq!(kinds[4], NodeKind::Heading);
    // Open Wire; more articles arriving do not fold it again.
    press(&mut s, "c j space");
    assert_eq!(tree_lines(&s).len(), 5 + 60);
    let more = many(70).split_off(60);
    send(&mut s, Msg::Load(LoadEvent::Articles(more, vec![])));
    send(&mut s, Msg::Settle);
    assert_eq!(tree_lines(&s)[1], "Wire 70/70");
    assert_eq!(tree_lines(&s).len(), 5 + 70, "Wire stays open");
}

/// Frames of the tree with views and folders; the tree has focus (at 100 and 40 columns it
/// is only shown then).
#[test]
fn frames_of_the_tree_with_views_and_folders() {
    for (cols, rows) in [(200, 50), (100, 30), (40, 15)] {
        let mut s = state_with(library(), default_views());
        press(&mut s, "c");
        let screen = draw(&mut s, cols, rows).join("\n");
        insta::assert_snapshot!(format!("tree_views_folders_{cols}x{rows}"), screen);
    }
    let mut s = state_with(library(), default_views());
    press(&mut s, "c f");
    type_text(&mut s, "国");
    let screen = draw(&mut s, 100, 30).join("\n");
    insta::assert_snapshot!("tree_find_100x30", screen);
}

#[test]
fn a_chain_of_folders_holding_only_the_next_one_is_one_node() {
    let lib = vec![
        article("存档/source/_posts", 0, "一", &[]),
        article("存档/source/_posts", 1, "二", &[]),
        article("存档/source/_posts/2022", 2, "三", &[]),
        article("docs", 3, "four", &[]),
        article("docs/sub", 4, "five", &[]),
    ];
    let mut s = state_with(Library::from_articles(lib, vec![]), vec![]);
    assert_eq!(
        folder_lines(&s),
        [
            "Folders 5/5",
            "  docs 2/2",
            "    sub 1/1",
            "  存档/source/_posts 3/3",
            "    2022 1/1"
        ]
    );
    go_to(&mut s, "存档/source/_posts");
    press(&mut s, "enter");
    assert_eq!(s.view().filters().folder, ["存档", "source", "_posts"]);
    assert_eq!(titles(&s), ["一", "二", "三"]);
}

#[test]
fn a_view_name_with_control_characters_is_drawn_without_them() {
    let mut s = state_with(library(), vec![view("红\u{1b}[31m色\u{7}", "harbor")]);
    press(&mut s, "c");
    let screen = draw(&mut s, 100, 30).join("\n");
    assert!(!screen.contains(['\u{1b}', '\u{7}']), "{screen}");
    assert!(
        !screen.contains("[31m"),
        "the whole sequence goes: {screen}"
    );
    assert!(screen.contains('红') && screen.contains('色'), "{screen}");
}
