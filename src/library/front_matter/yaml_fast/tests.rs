use super::super::yaml;
use super::*;
use proptest::prelude::*;

fn s(v: &str) -> Node<'_> {
    Node::Str(v.into())
}

#[test]
fn reads_the_common_shape_without_the_full_parser() {
    let doc = "title: '东方网评：一条''新闻''的标题'\ncategories: \n - 新媒体\n - 观察者网\n\
               author: 观察者网\ncomments: false\ndate: Thu, 06 Jan 2022 16:13:50 GMT\n\
               # a comment\nheadimg: \"https://example.org/a.jpg\"\ntags:\n- rust\n- 中文\n\
               updated: 2022-01-06 16:13:50\nempty:\n";
    let got = read(doc).expect("the common shape is on the fast path");
    assert_eq!(
        got,
        vec![
            ("title".into(), s("东方网评：一条'新闻'的标题")),
            (
                "categories".into(),
                Node::Seq(vec![s("新媒体"), s("观察者网")])
            ),
            ("author".into(), s("观察者网")),
            ("comments".into(), Node::Bool(false)),
            ("date".into(), s("Thu, 06 Jan 2022 16:13:50 GMT")),
            ("headimg".into(), s("https://example.org/a.jpg")),
            ("tags".into(), Node::Seq(vec![s("rust"), s("中文")])),
            ("updated".into(), s("2022-01-06 16:13:50")),
            ("empty".into(), Node::Null),
        ]
    );
    assert_eq!(yaml::read_full(doc, 2), Ok(got));
}

#[test]
fn gives_up_on_what_only_the_full_parser_reads() {
    for doc in [
        "a: +1\n",
        "a: 007\n",
        "a: -0\n",
        "a: 18446744073709551616\n",
        "a: 1.0\n",
        "a: -.5\n",
        "a: 0x1f\n",
        "a: .inf\n",
        "a: value # comment\n",
        "a: \"esc\\u0041\"\n",
        "a: 'open\n  continued'\n",
        "a: plain\n  continued\n",
        "a: [x, y]\n",
        "a: {x: 1}\n",
        "a: &anchor x\nb: *anchor\n",
        "a: !tag x\n",
        "a: |\n  block\n",
        "a:\n  b: nested\n",
        "a:\n - x\n  - y\n",
        "a:\n -\n",
        "a:\tx\n",
        "---\na: x\n",
        "  # indented comment\n",
        "1: x\n",
        "a: b: c\n",
        "a: x:\n",
        "- x\n",
        "just text\n",
    ] {
        assert_eq!(read(doc), None, "{doc:?}");
    }
}

#[test]
fn plain_nulls_booleans_and_whole_numbers_resolve_as_yaml_does() {
    let doc = "a: ~\nb: null\nc: True\nd: FALSE\ne: 0\nf: -12\ng: 2022\nh: '1'\n";
    let got = read(doc).expect("on the fast path");
    assert_eq!(
        got,
        vec![
            ("a".into(), Node::Null),
            ("b".into(), Node::Null),
            ("c".into(), Node::Bool(true)),
            ("d".into(), Node::Bool(false)),
            ("e".into(), Node::Number("0".into())),
            ("f".into(), Node::Number("-12".into())),
            ("g".into(), Node::Number("2022".into())),
            ("h".into(), s("1")),
        ]
    );
    assert_eq!(yaml::read_full(doc, 2), Ok(got));
}

#[test]
fn near_words_and_inner_colons_and_hashes_stay_text() {
    // Longer than the words YAML resolves, or a `:`/`#` with no space on the right side:
    // plain text to both parsers.
    let doc = "a: falsehood\nb: Nullable\nc: 'it''s 好'\nd: a:b\ne: 第#1\nf: 16:13:50x\n";
    let got = read(doc).expect("on the fast path");
    assert_eq!(
        got,
        vec![
            ("a".into(), s("falsehood")),
            ("b".into(), s("Nullable")),
            ("c".into(), s("it's 好")),
            ("d".into(), s("a:b")),
            ("e".into(), s("第#1")),
            ("f".into(), s("16:13:50x")),
        ]
    );
    assert_eq!(yaml::read_full(doc, 2), Ok(got));
    // Numbers spelled as words, and a comment: left to the full parser.
    for doc in ["a: Infinity\n", "a: -NaN\n", "a: 标题 #注释\n", "a: x: y\n"] {
        assert_eq!(read(doc), None, "{doc:?}");
    }
}

#[test]
fn a_carriage_return_is_left_to_the_full_parser() {
    // YAML takes a lone `\r` for a line break; the loader gives `\n` endings anyway.
    assert_eq!(read("tags:\n- \ra\n"), None);
    assert_eq!(read("title: 标题\r\n"), None);
    assert!(read("title: 标题\n").is_some());
}

/// Pieces of lines chosen to sit on both sides of every rule above: numbers and near-numbers,
/// quotes, colons, hashes, indicators, indents, Chinese and Latin text.
fn tricky() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("a".to_string()),
        Just("标题".to_string()),
        Just("title".to_string()),
        Just("x-y_z".to_string()),
        Just(":".to_string()),
        Just(": ".to_string()),
        Just(" ".to_string()),
        Just("  ".to_string()),
        Just("- ".to_string()),
        Just("-".to_string()),
        Just("#".to_string()),
        Just(" #".to_string()),
        Just("'".to_string()),
        Just("''".to_string()),
        Just("\"".to_string()),
        Just("\\".to_string()),
        Just("0".to_string()),
        Just("-0".to_string()),
        Just("-7".to_string()),
        Just("007".to_string()),
        Just("+1".to_string()),
        Just("99999999999999999999".to_string()),
        Just("12".to_string()),
        Just("1.5".to_string()),
        Just("1e3".to_string()),
        Just("0x1".to_string()),
        Just("0o7".to_string()),
        Just("+".to_string()),
        Just(".".to_string()),
        Just(".inf".to_string()),
        Just("nan".to_string()),
        Just("inf".to_string()),
        Just("true".to_string()),
        Just("False".to_string()),
        Just("null".to_string()),
        Just("~".to_string()),
        Just("yes".to_string()),
        Just("2022-01-06".to_string()),
        Just("16:13:50".to_string()),
        Just(",".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("{".to_string()),
        Just("&".to_string()),
        Just("*".to_string()),
        Just("!".to_string()),
        Just("|".to_string()),
        Just(">".to_string()),
        Just("%".to_string()),
        Just("@".to_string()),
        Just("`".to_string()),
        Just("?".to_string()),
        Just("<<".to_string()),
        Just("\r".to_string()),
        Just("\t".to_string()),
        Just("\u{feff}".to_string()),
        Just("，".to_string()),
        "[a-z0-9中文]{1,4}",
    ]
}

/// Mostly ordinary text, with a near miss in one fragment of five.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![4 => "[a-zA-Z中文，。 ]{1,6}", 1 => tricky()]
}

/// Mostly keys seen in the wild.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(vec!["title", "date", "tags", "categories", "author", "标题"])
            .prop_map(String::from),
        1 => prop::collection::vec(fragment(), 1..3).prop_map(|k| k.concat()),
    ]
}

/// Documents of 0–8 lines, most shaped like `key: value` or `- item`, so that a good share is
/// on the fast path and the rest miss it narrowly.
fn document() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        3 => (key(), prop::collection::vec(fragment(), 0..4))
            .prop_map(|(k, v)| format!("{k}: {}", v.concat())),
        2 => key().prop_map(|k| format!("{k}:")),
        2 => ("[ ]{0,2}", prop::collection::vec(fragment(), 0..4))
            .prop_map(|(i, v)| format!("{i}- {}", v.concat())),
        1 => prop::collection::vec(fragment(), 0..5).prop_map(|v| v.concat()),
    ];
    prop::collection::vec(line, 0..8).prop_map(|lines| {
        let mut doc = lines.join("\n");
        doc.push('\n');
        doc
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Whatever the fast path reads, the full parser reads the same.
    #[test]
    fn agrees_with_the_full_parser_wherever_it_answers(doc in document()) {
        if let Some(fast) = read(&doc) {
            prop_assert_eq!(yaml::read_full(&doc, 2), Ok(fast), "{:?}", doc);
        }
    }
}

/// The generator must not drift into only making documents the fast path refuses, or the
/// property above would hold vacuously.
#[test]
fn the_generator_reaches_the_fast_path_often() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = document();
    let total = 2000;
    let taken = (0..total)
        .filter(|_| {
            let doc = strategy.new_tree(&mut runner).unwrap().current();
            read(&doc).is_some_and(|entries| !entries.is_empty())
        })
        .count();
    assert!(
        taken * 10 >= total,
        "only {taken} of {total} on the fast path"
    );
}

#[test]
fn the_byte_scan_stops_at_the_characters_it_names() {
    // The scan reads UTF-8 bytes; it must agree with the rule said in characters, between
    // Chinese and Latin text alike.
    for c in (0..=0x10ffff).filter_map(char::from_u32) {
        let expected =
            c != '\n' && (c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}'));
        for text in [format!("标题{c}文"), format!("a{c}"), format!("{c}")] {
            assert_eq!(
                breaks_the_simple_shape(&text),
                expected,
                "{c:?} in {text:?}"
            );
        }
    }
}
