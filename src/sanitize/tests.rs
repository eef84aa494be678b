use super::*;
use proptest::prelude::*;

#[test]
fn removes_whole_escape_sequences_and_controls() {
    let hostile = "a\u{1b}]52;c;ZXZpbA==\u{7}b\u{1b}[2Jc\u{9b}31md\u{7f}e\u{202e}f";
    assert_eq!(clean(hostile), "abcdef");
}

#[test]
fn the_clipboard_title_of_the_issue_keeps_only_its_words() {
    assert_eq!(clean("剪贴板\u{1b}]52;c;ZXZpbA==\u{7}标题"), "剪贴板标题");
    assert_eq!(
        clean("剪贴板\u{1b}]52;c;ZXZpbA==\u{1b}\\标题"),
        "剪贴板标题"
    );
    assert_eq!(clean("红\u{1b}[31m色\u{1b}[0m字"), "红色字");
    assert_eq!(clean("x\u{1b}[?25ly"), "xy");
}

#[test]
fn every_string_sequence_and_its_c1_form_goes_whole() {
    for intro in ["\u{1b}]", "\u{1b}P", "\u{1b}X", "\u{1b}^", "\u{1b}_"] {
        assert_eq!(
            clean(&format!("前{intro}payload;1\u{1b}\\后")),
            "前后",
            "{intro:?}"
        );
    }
    for intro in ['\u{9d}', '\u{90}', '\u{98}', '\u{9e}', '\u{9f}'] {
        assert_eq!(
            clean(&format!("前{intro}payload\u{9c}后")),
            "前后",
            "{intro:?}"
        );
        assert_eq!(
            clean(&format!("前{intro}payload\u{7}后")),
            "前后",
            "{intro:?}"
        );
    }
    assert_eq!(clean("a\u{9b}1;31mb"), "ab");
}

#[test]
fn two_character_escapes_go_whole() {
    assert_eq!(clean("a\u{1b}(Bb\u{1b}7c\u{1b}cd\u{1b}=e"), "abcde");
    // An ESC before something that cannot end a sequence goes alone.
    assert_eq!(clean("a\u{1b}中b\u{1b}\nc\u{1b}"), "a中b\nc");
}

#[test]
fn an_unterminated_sequence_stops_at_the_line_end_or_the_bound() {
    assert_eq!(clean("标题\u{1b}]0;no end\n正文"), "标题\n正文");
    assert_eq!(clean("a\u{1b}[12;\nb"), "a\nb");
    let long = format!("a\u{1b}]8;;{}", "中".repeat(MAX_STRING_SEQUENCE));
    let out = clean(&long);
    // The bound falls inside a three-byte character: cut on its boundary, the rest kept.
    let kept = out.chars().filter(|&c| c == '中').count();
    assert_eq!(
        kept,
        MAX_STRING_SEQUENCE - (MAX_STRING_SEQUENCE - "8;;".len()) / 3
    );
    assert!(out.starts_with('a'));
}

#[test]
fn an_esc_inside_a_string_starts_a_new_sequence() {
    assert_eq!(clean("a\u{1b}]0;t\u{1b}[31mb"), "ab");
}

#[test]
fn keeps_newlines_tabs_and_cjk_and_normalises_crlf() {
    assert_eq!(clean("标题\r\n正文\tx\ry"), "标题\n正文\tx\ny");
    assert!(matches!(clean("plain 中文"), Cow::Borrowed(_)));
}

#[test]
fn the_byte_check_agrees_with_the_character_rule() {
    // Every code point that matters, and its neighbours, alone and inside text.
    let probes = (0u32..0x300)
        .chain(0x600..0x640)
        .chain(0x2000..0x2080)
        .chain(0xfef0..0xffff);
    // Behind prefixes of every length up to past two of `next_special`'s chunks, so the
    // character falls at each place of a chunk and across two.
    let prefixes: Vec<String> = (0..36)
        .map(|n| "中x".repeat(n).chars().take(n).collect())
        .collect();
    for cp in probes.filter_map(char::from_u32) {
        for prefix in &prefixes {
            let text = format!("{prefix}{cp}x");
            let by_chars = text
                .chars()
                .position(|c| is_forbidden(c) || matches!(c, '\u{2028}' | '\u{2029}' | '\r'))
                .map(|_| prefix.len());
            assert_eq!(
                next_special(text.as_bytes(), 0),
                by_chars,
                "U+{:04X} after {prefix:?}",
                cp as u32
            );
        }
    }
}

#[test]
fn has_sequences_sees_every_introducer() {
    for s in [
        "a\u{1b}", "\u{9b}", "\u{9d}", "\u{90}", "\u{98}", "\u{9e}", "\u{9f}",
    ] {
        assert!(has_sequences(s.as_bytes()), "{s:?}");
    }
    assert!(!has_sequences("中文 \u{9c}\u{85}\u{7}".as_bytes()));
}

#[test]
fn clean_line_folds_whitespace() {
    assert_eq!(clean_line("  a\n\tb  \u{2028} c "), "a b c");
}

/// Text pieces that hold no control character and cannot be taken for part of a sequence.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 标题正文，。\\[\\];m\n]{0,12}"
}

/// Complete escape sequences of every form, with parameters.
fn sequence() -> impl Strategy<Value = String> {
    let params = "[0-9;?]{0,6}";
    let payload = "[a-zA-Z0-9=;:/. 中]{0,20}";
    prop_oneof![
        (params, "[@A-Za-z~]").prop_map(|(p, f)| format!("\u{1b}[{p}{f}")),
        (params, "[@A-Za-z~]").prop_map(|(p, f)| format!("\u{9b}{p}{f}")),
        (
            "[\\]PX^_]",
            payload,
            prop::sample::select(vec!["\u{7}", "\u{1b}\\", "\u{9c}"])
        )
            .prop_map(|(i, p, t)| format!("\u{1b}{i}{p}{t}")),
        (
            prop::sample::select(vec!['\u{9d}', '\u{90}', '\u{98}', '\u{9e}', '\u{9f}']),
            payload,
            prop::sample::select(vec!["\u{7}", "\u{1b}\\", "\u{9c}"])
        )
            .prop_map(|(i, p, t)| format!("{i}{p}{t}")),
        // Not `[ ] P X ^ _`: after a bare ESC those start the longer forms above.
        "[ -/]{0,2}[0-9:;<=>?@A-OQ-WYZ`a-z{|}~\\\\]".prop_map(|s| format!("\u{1b}{s}")),
    ]
}

/// Anything at all, weighted towards the characters sequences are made of.
fn anything() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("\u{1b}".to_string()),
            Just("\u{9b}".to_string()),
            Just("\u{9d}".to_string()),
            Just("\u{9c}".to_string()),
            Just("\u{7}".to_string()),
            Just("\r".to_string()),
            Just("\u{202e}".to_string()),
            "[\\[\\]P_^X\\\\;0-9a-z中]{1,3}",
            any::<char>().prop_map(String::from),
        ],
        0..24,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn output_never_holds_a_forbidden_character(s in anything()) {
        let out = clean(&s);
        prop_assert!(!out.chars().any(is_forbidden), "{:?} -> {:?}", s, out);
        prop_assert!(!out.contains('\r'));
        // Cleaning is idempotent: what is left holds no sequence to remove.
        prop_assert_eq!(clean(&out), out.clone());
    }

    #[test]
    fn text_around_a_sequence_is_kept_intact(
        parts in prop::collection::vec((text(), sequence()), 1..5),
        tail in text(),
    ) {
        let mut hostile = String::new();
        let mut plain = String::new();
        for (t, seq) in &parts {
            hostile.push_str(t);
            hostile.push_str(seq);
            plain.push_str(t);
        }
        hostile.push_str(&tail);
        plain.push_str(&tail);
        prop_assert_eq!(clean(&hostile), plain);
    }

    /// `clean_line` copies text that is one line already and folds the rest: either way the
    /// result is the words of the cleaned text joined by single spaces.
    #[test]
    fn clean_line_is_the_words_joined(s in "[a 标\t\n\u{3000}\u{a0}\u{1b}]{0,8}") {
        let words: Vec<String> = clean(&s).split_whitespace().map(String::from).collect();
        prop_assert_eq!(clean_line(&s), words.join(" "));
    }
}

#[test]
fn the_folded_check_on_bytes_agrees_with_the_character_rule() {
    // The rule as it reads in characters: no whitespace but single spaces between others.
    fn by_chars(s: &str) -> bool {
        !s.starts_with(' ')
            && !s.ends_with(' ')
            && !s.contains("  ")
            && !s.chars().any(|c| c != ' ' && c.is_whitespace())
    }
    for c in (0..=0x10ffff).filter_map(char::from_u32) {
        for s in [
            format!("标题{c}文"),
            format!("a{c}"),
            format!("{c}"),
            format!("a {c}b"),
        ] {
            assert_eq!(is_folded(&s), by_chars(&s), "{c:?} in {s:?}");
        }
    }
    assert!(is_folded(""));
}

#[test]
fn a_clean_line_is_borrowed_and_any_other_folded_as_clean_line_folds_it() {
    assert!(matches!(
        clean_line_cow("新闻 one line"),
        Cow::Borrowed("新闻 one line")
    ));
    for dirty in [
        "新闻\tand\u{3000}more",
        " lead",
        "esc\u{1b}[31mred",
        "two  spaces",
    ] {
        let got = clean_line_cow(dirty);
        assert!(matches!(got, Cow::Owned(_)), "{dirty:?}");
        assert_eq!(got, clean_line(dirty));
    }
    assert_eq!(clean_line_cow("新闻\tand\u{3000}more"), "新闻 and more");
}
