//! Properties over generated input, with bounded cases so CI stays quick: the loader takes any
//! text (no NUL) as an article, never lets a control character into metadata and keeps the
//! words around the ones it drops; the reader survives any size and keeps showing the article.
//!
//! Each property counts the cases that reached its main check and asserts the share is high,
//! so a generator that drifts into producing rejected input cannot pass by checking nothing.

use crate::support::common::{draw, press, state};
use gazette::library::Article;
use gazette::library::front_matter::FrontMatterKind;
use gazette::library::parse::parse_article;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::path::Path;

const CASES: u32 = 256;

/// Runs `check` on `CASES` values of `strategy`; `check` says whether the case reached the
/// check the property is about. Prints the share and fails below `min_share`.
fn run<S: Strategy>(name: &str, strategy: S, min_share: f64, check: impl Fn(S::Value) -> bool)
where
    S::Value: std::fmt::Debug,
{
    let reached = std::cell::Cell::new(0u32);
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&strategy, |v| {
            if check(v) {
                reached.set(reached.get() + 1);
            }
            Ok(())
        })
        .unwrap();
    let share = f64::from(reached.get()) / f64::from(CASES);
    eprintln!(
        "{name}: {} of {CASES} cases reached the check",
        reached.get()
    );
    assert!(
        share >= min_share,
        "{name}: only {share:.2} reached the check"
    );
}

fn parse(bytes: &[u8]) -> (Article, Vec<String>) {
    let (a, warnings) = parse_article(Path::new("/x/a.txt"), Path::new("a.txt"), bytes)
        .unwrap_or_else(|p| panic!("text without NUL is an article, got {}", p.reason));
    (a, warnings.into_iter().map(|w| w.reason).collect())
}

/// What must never reach a terminal, written out here rather than taken from the sanitizer so
/// the check does not share its mistakes: Unicode's control characters (C0, DEL, C1) but line
/// feed and tab, and the bidi controls that reorder text on screen.
fn reaches_the_terminal_badly(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// No forbidden character in any field the screen or `--json` shows, nor in a warning.
fn assert_clean(a: &Article, warnings: &[String]) {
    assert!(!a.title.is_empty());
    for f in [&*a.title]
        .into_iter()
        .chain(a.categories.strs())
        .chain(a.flat_categories.strs())
        .chain(a.tags.strs())
        .chain(a.author.as_deref())
        .chain(warnings.iter().map(String::as_str))
    {
        assert!(!f.chars().any(reaches_the_terminal_badly), "{f:?}");
    }
}

/// Every character a file may hold but NUL (which makes it binary): C0 and C1 controls,
/// escape introducers, bidi controls and any printable character.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        (1u8..0x20).prop_map(char::from),
        (0x7fu32..0xa0).prop_map(|c| char::from_u32(c).unwrap()),
        prop::sample::select(vec![
            '\u{202e}', '\u{2066}', '\u{200f}', '\u{feff}', '\u{2028}'
        ]),
        any::<char>().prop_filter("no NUL", |c| *c != '\0'),
    ]
}

/// A value with YAML's punctuation and control characters among words.
fn hostile_value() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => "[a-zA-Z\u{4e00}-\u{9fa5}]{1,6}",
            1 => hostile_char().prop_map(String::from),
            1 => "['\":\\[\\]{}&#;<>-]",
        ],
        1..8,
    )
    .prop_map(|parts| parts.concat())
}

/// Text shaped like an article, with arbitrary pieces where the values go.
fn articleish() -> impl Strategy<Value = String> {
    (
        hostile_value(),
        hostile_value(),
        hostile_value(),
        hostile_value(),
        prop::collection::vec(hostile_char(), 0..200),
        prop::bool::ANY,
    )
        .prop_map(|(t, c, d, a, body, blank)| {
            let body: String = body.into_iter().collect();
            format!(
                "{}---\ntitle: 标题 {t}\ncategories:\n - {c}\n - x\ndate: {d}\nauthor: {a}\n---\n{body}",
                if blank { "\n" } else { "" }
            )
        })
}

/// A control character that the loader drops alone (no escape introducer, which would take
/// the characters after it too, and no line break, which would end the YAML value).
fn lone_control() -> impl Strategy<Value = char> {
    prop_oneof![
        (1u8..0x20)
            .prop_filter("alone", |c| !matches!(c, b'\t' | b'\n' | b'\r' | 0x1b))
            .prop_map(char::from),
        prop::sample::select(vec![
            '\u{7f}', '\u{85}', '\u{9c}', '\u{202a}', '\u{202e}', '\u{2067}', '\u{200e}',
            '\u{feff}',
        ]),
    ]
}

/// Words with control characters between them: the value and the words alone.
fn words_with_controls() -> impl Strategy<Value = (String, String)> {
    prop::collection::vec(("[a-zA-Z\u{4e00}-\u{9fa5}]{1,6}", lone_control()), 1..6).prop_map(
        |parts| {
            let value = parts.iter().map(|(w, c)| format!("{w}{c}")).collect();
            let words = parts.iter().map(|(w, _)| w.as_str()).collect();
            (value, words)
        },
    )
}

#[test]
fn text_without_nul_is_always_an_article_with_clean_metadata() {
    let bytes = prop::collection::vec(1u8..=255, 0..2048);
    run("arbitrary bytes", bytes, 1.0, |bytes| {
        let (a, warnings) = parse(&bytes);
        assert_clean(&a, &warnings);
        true
    });
}

#[test]
fn articleish_text_gives_clean_metadata_from_its_front_matter() {
    run("articleish", articleish(), 0.9, |text| {
        let (a, warnings) = parse(text.as_bytes());
        assert_clean(&a, &warnings);
        // The check the generator is for: the front matter was read and gave the title.
        a.front_matter == FrontMatterKind::Yaml && a.title.starts_with("标题")
    });
}

#[test]
fn control_characters_leave_the_words_around_them() {
    let fields = (
        words_with_controls(),
        words_with_controls(),
        words_with_controls(),
    );
    run(
        "words with controls",
        fields,
        1.0,
        |((t, tw), (c, cw), (a, aw))| {
            let text = format!(
                "---\ntitle: 题 {t}\ncategories:\n - 类 {c}\nauthor: 者 {a}\n---\n正文 body\n"
            );
            let (article, warnings) = parse(text.as_bytes());
            assert_clean(&article, &warnings);
            assert_eq!(article.title, format!("题 {tw}").into(), "{text:?}");
            assert_eq!(article.categories, vec![format!("类 {cw}")], "{text:?}");
            assert_eq!(
                article.author.as_deref(),
                Some(&*format!("者 {aw}")),
                "{text:?}"
            );
            true
        },
    );
}

#[test]
fn resizing_to_1x1_and_back_with_an_article_open_keeps_the_article_on_screen() {
    let library = gazette::library::Library::sample();
    // The list is newest first, so enter opens the first article; its title heads the reader.
    let title = library.articles[0].title.to_string();
    let mut state = state(library);
    press(&mut state, "enter");
    let opened = draw(&mut state, 100, 30).join("\n");
    let head: String = title.chars().take(20).collect();
    assert!(opened.contains(&head), "{head:?} not on\n{opened}");
    for round in 0..40u16 {
        let (w, h) = if round % 2 == 0 {
            (1, 1)
        } else {
            (20 + round * 4, 6 + round)
        };
        let screen = draw(&mut state, w, h);
        assert_eq!(screen.len(), usize::from(h));
        // After the first G, every size shows the reader scrolled to the article's end.
        if w > 1 {
            let frame = screen[usize::from(h) - 2].as_str();
            assert!(
                screen[0].contains("Reader") && frame.ends_with("100% ┛"),
                "round {round}, {w}×{h}: {screen:#?}"
            );
        }
        press(&mut state, "G");
    }
    assert!(
        state.screen().reader().is_some(),
        "the article stays open through every size"
    );
}
