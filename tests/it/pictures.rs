//! Pictures in the reader, on halfblocks with the fixed 10×20-pixel cells of
//! `Picker::halfblocks()`, so frames are the same everywhere: a picture found on disk is drawn
//! below its caption in rows made for it, partly when scrolled partly off; one not on disk
//! keeps its placeholder; a broken one keeps it too and is a problem.

use crate::support::common::{draw, press, send, state};
use crate::support::fixtures::write_all;
use crate::support::pictures::{hostile, hostile_body, png};
use crate::support::session::article;
use gazette::app::{AppState, Effect, Msg};
use gazette::library::Problem;
use gazette::library::loader::load_blocking;
use gazette::picture::{self, Picture, Roots};
use ratatui_image::picker::Picker;
use std::path::Path;

/// Does what the picture worker does with each picture asked for (find, decode, fit), on
/// halfblocks, and sends the results back until nothing more is asked.
fn paint(state: &mut AppState, effects: Vec<Effect>) {
    let mut queue = effects;
    while let Some(effect) = queue.pop() {
        let Effect::LoadPicture {
            article,
            path,
            n,
            src,
            fit,
        } = effect
        else {
            continue;
        };
        let picture = match picture::resolve(&path, &src, &Roots::default()) {
            None => Ok(None),
            Some(file) => picture::decode(&file)
                .and_then(|img| Picture::fit(&Picker::halfblocks(), img, fit.0, fit.1))
                .map(Some)
                .map_err(|why| Problem::warning(&file, why)),
        };
        queue.extend(send(
            state,
            Msg::Picture {
                article,
                n,
                fit,
                picture,
            },
        ));
    }
}

/// A library of one article (its body `body`) beside `files`, opened in a 100×30 reader
/// with its pictures painted.
fn open(dir: &Path, body: &str, files: &[(&str, &[u8])]) -> AppState {
    let text = article("山行记 A walk in the hills", "2022-01-01", body);
    write_all(dir, &[("山行记.html", text.as_bytes())]);
    write_all(dir, files);
    let (library, _) = load_blocking(&[dir.to_path_buf()], None);
    let mut s = state(library);
    let effects = press(&mut s, "enter");
    paint(&mut s, effects);
    s
}

/// The header image (a remote `headimg`, not saved) is picture 1; the body's is picture 2.
const BODY: &str = "<p>第一段 first：清晨出发。</p><p><img src=\"山.png\" alt=\"snow 雪山\"></p><p>第二段 second：午后下山。</p>";

/// [`BODY`] and thirty paragraphs more, longer than the pane.
fn long_body() -> String {
    let more = crate::support::session::paragraphs("more", 30, |_| "");
    format!("{BODY}{more}")
}

fn row_of(screen: &[String], text: &str) -> usize {
    screen
        .iter()
        .position(|r| r.contains(text))
        .unwrap_or_else(|| panic!("{text:?} not on screen:\n{}", screen.join("\n")))
}

#[test]
fn a_picture_on_disk_is_drawn_below_its_caption() {
    let dir = tempfile::tempdir().unwrap();
    let red = png(80, 80, [220, 20, 20, 255]);
    let mut s = open(dir.path(), BODY, &[("山.png", &red)]);
    let screen = draw(&mut s, 100, 30);
    let caption = row_of(&screen, "[image 2: snow");
    let after = row_of(&screen, "second");
    // 80×80 pixels at 10×20 a cell: 8 columns, 4 rows, then the blank line between blocks.
    for row in &screen[caption + 1..caption + 5] {
        assert!(row.contains("▀▀▀▀▀▀▀▀"), "{}", screen.join("\n"));
    }
    assert_eq!(after, caption + 6, "{}", screen.join("\n"));
    insta::assert_snapshot!("picture_halfblocks_100x30", screen.join("\n"));
}

#[test]
fn a_picture_scrolled_partly_off_shows_its_lower_rows() {
    let dir = tempfile::tempdir().unwrap();
    let tall = png(40, 200, [20, 20, 220, 255]);
    let long = long_body();
    let mut s = open(dir.path(), &long, &[("山.png", &tall)]);
    let screen = draw(&mut s, 100, 30);
    let caption = row_of(&screen, "[image 2: snow");
    let height = screen[caption + 1..]
        .iter()
        .take_while(|r| r.contains("▀▀▀▀"))
        .count();
    // At most half the pane's rows (28 inside the border): 14.
    assert!(
        (2..=14).contains(&height),
        "{height}\n{}",
        screen.join("\n")
    );
    // Scroll until the caption is gone and two rows of the picture are above the top.
    let top = row_of(&screen, "A walk in the hills");
    let steps = caption - top + 3;
    for _ in 0..steps {
        press(&mut s, "j");
    }
    let screen = draw(&mut s, 100, 30);
    assert!(
        !screen.iter().any(|r| r.contains("[image 2")),
        "{}",
        screen.join("\n")
    );
    let shown = screen.iter().filter(|r| r.contains("▀▀▀▀")).count();
    assert_eq!(shown, height - 2, "{}", screen.join("\n"));
    assert!(screen[1].contains("▀▀▀▀"), "{}", screen.join("\n"));
}

#[test]
fn a_missing_picture_keeps_its_placeholder() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(dir.path(), BODY, &[]);
    let screen = draw(&mut s, 100, 30);
    let caption = row_of(&screen, "[image 2: snow");
    assert_eq!(row_of(&screen, "second"), caption + 2);
    assert!(!screen.iter().any(|r| r.contains('▀')));
    assert_eq!(s.catalog().problem_counts(), (0, 0));
}

#[test]
fn a_broken_picture_keeps_its_placeholder_and_is_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    let noise: Vec<u8> = (0..3000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 11) as u8)
        .collect();
    let mut s = open(dir.path(), BODY, &[("山.png", &noise)]);
    let screen = draw(&mut s, 100, 30);
    let caption = row_of(&screen, "[image 2: snow");
    assert_eq!(row_of(&screen, "second"), caption + 2);
    assert_eq!(s.catalog().problem_counts(), (0, 1));
    let problem = &s.catalog().library().problems[0];
    assert!(problem.path.ends_with("山.png"), "{problem:?}");
}

#[test]
fn a_new_width_asks_again_and_keeps_the_picture_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let green = png(300, 100, [20, 200, 20, 255]);
    let mut s = open(dir.path(), BODY, &[("山.png", &green)]);
    let wide = draw(&mut s, 100, 30);
    let wide_cols = wide
        .iter()
        .find(|r| r.contains('▀'))
        .unwrap()
        .matches('▀')
        .count();
    // 300 pixels: 30 columns when there is room; fewer at a 24-column measure.
    assert_eq!(wide_cols, 30, "{}", wide.join("\n"));
    let effects = send(&mut s, Msg::Resize(26, 30));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::LoadPicture { .. })),
        "{effects:?}"
    );
    paint(&mut s, effects);
    let narrow = draw(&mut s, 26, 30);
    let row = narrow.iter().find(|r| r.contains('▀')).unwrap();
    assert!(row.matches('▀').count() <= 24, "{}", narrow.join("\n"));
    let caption = row_of(&narrow, "[image 2");
    assert!(narrow[caption + 1].contains('▀'), "{}", narrow.join("\n"));
}

#[test]
fn images_off_asks_for_nothing() {
    use chrono::TimeZone;
    let dir = tempfile::tempdir().unwrap();
    let text = article("山行记", "2022-01-01", BODY);
    write_all(
        dir.path(),
        &[
            ("a.html", text.as_bytes()),
            ("山.png", &png(8, 8, [0, 0, 0, 255])),
        ],
    );
    let (library, _) = load_blocking(&[dir.path().to_path_buf()], None);
    let config = gazette::config::Config {
        zone: gazette::app::Zone::utc(),
        images: gazette::picture::Mode::Off,
        ..gazette::config::Config::default()
    };
    let now = chrono::Utc.with_ymd_and_hms(2022, 1, 1, 12, 0, 0).unwrap();
    let mut s = AppState::new(
        library,
        gazette::store::Store::empty("unsaved".into()),
        gazette::app::Settings::from_config(&config, now),
    );
    send(&mut s, Msg::Resize(100, 30));
    let effects = press(&mut s, "enter");
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::LoadPicture { .. })),
        "{effects:?}"
    );
}

#[test]
fn check_counts_pictures_on_disk_and_missing() {
    let home = tempfile::tempdir().unwrap();
    let lib = home.path().join("library");
    let body = "<p><img src=\"山.png\"></p><p><img src=\"/images/gone.png\"></p><p><img src=\"../../../../etc/passwd\"></p>";
    let text = article("山行记", "2022-01-01", body);
    write_all(
        &lib,
        &[
            ("a.html", text.as_bytes()),
            ("山.png", &png(8, 8, [9, 9, 9, 255])),
        ],
    );
    let out = crate::support::common::gazette(home.path())
        .args(["check", "--no-cache"])
        .arg(&lib)
        .output()
        .unwrap();
    let report = String::from_utf8(out.stdout).unwrap();
    // The remote header image (not saved), a site path with no site, and a path out of the
    // library are not on disk as far as gazette looks.
    assert!(
        report.contains("4 pictures referred to: 1 on disk, 3 not"),
        "{report}"
    );
    assert!(
        report.lines().last().unwrap().contains("1 file seen"),
        "{report}"
    );
}

#[test]
fn hostile_pictures_keep_their_placeholders_and_are_problems() {
    let dir = tempfile::tempdir().unwrap();
    let files = hostile();
    let mut written: Vec<(String, &[u8])> = Vec::new();
    for (name, bytes) in &files {
        written.push((format!("山行记/{name}"), bytes));
    }
    let written: Vec<(&str, &[u8])> = written.iter().map(|(n, b)| (n.as_str(), *b)).collect();
    let mut s = open(dir.path(), &hostile_body("."), &written);
    let screen = draw(&mut s, 100, 40);
    assert!(
        !screen.iter().any(|r| r.contains('▀')),
        "{}",
        screen.join("\n")
    );
    let problems = &s.catalog().library().problems;
    // Each hostile file is one problem naming it; the path out of the library is not read.
    for (name, _) in &files {
        assert!(
            problems.iter().any(|p| p.path.ends_with(name)),
            "{name}: {problems:?}"
        );
    }
    assert_eq!(problems.len(), files.len(), "{problems:?}");
    // The decompression bomb's shape is refused by the limits, from its header.
    let bomb = problems
        .iter()
        .find(|p| p.path.ends_with("claims-30000.png"));
    assert!(bomb.unwrap().reason.contains("limit"), "{bomb:?}");
}

/// The picture window's rows of `▀`.
fn drawn_rows(screen: &[String]) -> usize {
    screen.iter().filter(|r| r.contains("▀▀▀▀")).count()
}

#[test]
fn i_shows_the_picture_on_screen_alone_and_larger_and_n_p_step() {
    let dir = tempfile::tempdir().unwrap();
    // 600×400 pixels: 60×20 cells at full size, more than half the pane allows.
    let big = png(600, 400, [250, 200, 30, 255]);
    let long = long_body();
    let mut s = open(dir.path(), &long, &[("山.png", &big)]);
    // Past the header image's placeholder, so the first picture on screen is picture 2.
    for _ in 0..6 {
        press(&mut s, "j");
    }
    let pane = draw(&mut s, 100, 30);
    assert!(
        !pane.iter().any(|r| r.contains("[image 1]")),
        "{}",
        pane.join("\n")
    );
    let in_pane = drawn_rows(&pane);
    assert!((1..=14).contains(&in_pane), "{}", pane.join("\n"));

    let effects = press(&mut s, "i");
    let full = effects
        .iter()
        .find_map(|e| match e {
            Effect::LoadPicture { n: 2, fit, .. } => Some(*fit),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{effects:?}"));
    assert_eq!(full, (98, 27));
    paint(&mut s, effects);
    let alone = draw(&mut s, 100, 30);
    assert!(alone[0].contains("picture 2 of 2"), "{}", alone.join("\n"));
    assert_eq!(drawn_rows(&alone), 20, "{}", alone.join("\n"));
    assert!(
        !alone.iter().any(|r| r.contains("second")),
        "{}",
        alone.join("\n")
    );
    insta::assert_snapshot!("picture_window_100x30", alone.join("\n"));

    // p: the header image, which is not on disk; n: back to the picture; esc: the reader.
    let effects = press(&mut s, "p");
    paint(&mut s, effects);
    let first = draw(&mut s, 100, 30);
    assert!(first[0].contains("picture 1 of 2"), "{}", first.join("\n"));
    assert!(
        first.iter().any(|r| r.contains("not on disk")),
        "{}",
        first.join("\n")
    );
    let effects = press(&mut s, "n");
    paint(&mut s, effects);
    assert_eq!(drawn_rows(&draw(&mut s, 100, 30)), 20);
    press(&mut s, "esc");
    assert_eq!(drawn_rows(&draw(&mut s, 100, 30)), in_pane);
}

#[test]
fn choosing_i2_in_the_link_window_shows_picture_2() {
    let dir = tempfile::tempdir().unwrap();
    let big = png(600, 400, [250, 200, 30, 255]);
    let mut s = open(dir.path(), BODY, &[("山.png", &big)]);
    press(&mut s, "o");
    crate::support::common::type_text(&mut s, "i2");
    let effects = press(&mut s, "enter");
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::OpenUrl(_))),
        "{effects:?}"
    );
    paint(&mut s, effects);
    let alone = draw(&mut s, 100, 30);
    assert!(alone[0].contains("picture 2 of 2"), "{}", alone.join("\n"));
    assert_eq!(drawn_rows(&alone), 20, "{}", alone.join("\n"));
}

#[test]
fn i_without_a_picture_on_screen_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(dir.path(), "<p>only words here</p>", &[]);
    // The remote header image is picture 1, on screen as its placeholder.
    press(&mut s, "G");
    press(&mut s, "i");
    let screen = draw(&mut s, 100, 30);
    assert!(
        screen[0].contains("picture 1 of 1"),
        "{}",
        screen.join("\n")
    );
}
