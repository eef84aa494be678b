//! Dates without a time are calendar days: the same day in every zone, shown without a time,
//! filtered by that day; `list` and the reader count days with one rule. Each test pins `TZ`.

use crate::support::pty;

use std::path::Path;
use std::process::{Command, Output};

const NEW_YORK: &str = "America/New_York";
const SHANGHAI: &str = "Asia/Shanghai";

fn gazette(args: &[&str], tz: &str, home: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(args)
        .env("XDG_STATE_HOME", home)
        .env("XDG_CONFIG_HOME", home)
        .env("XDG_CACHE_HOME", home)
        .env("TZ", tz)
        .output()
        .expect("run gazette")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn yaml(title: &str, date: &str) -> String {
    format!(
        "---\ntitle: '{title}'\ndate: {date}\ncategories:\n - 新媒体\n - 海港日报\n - 头条\n---\n<p>正文。</p>\n"
    )
}

/// Days written three ways, instants near midnight on both sides of the world, one article
/// without any date.
fn library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "day.md", &yaml("只写了日期的公告", "2019-10-20"));
    write(
        d,
        "zoned-day.md",
        &yaml("Day with a zone", "2019-10-20 +0800"),
    );
    // 02:00 UTC: the 19th in New York (22:00), the 20th in Shanghai (10:00).
    write(d, "late.md", &yaml("深夜快讯", "2019-10-20T02:00:00Z"));
    // 20:00 UTC: the 20th in New York (16:00), the 21st in Shanghai (04:00).
    write(
        d,
        "evening.md",
        &yaml("Evening tide report", "2019-10-20T20:00:00Z"),
    );
    write(d, "2019/10/20/路径.md", "# 路径里的日期\n\n文字。\n");
    write(
        d,
        "20191101 November opens.md",
        "# 十一月的第一天\n\n文字。\n",
    );
    write(d, "undated.md", "# 没有日期\n\n只有文字。\n");
    dir
}

/// The titles `list` prints for one day, in order.
fn titles_on(lib: &Path, day: &str, tz: &str, home: &Path) -> Vec<String> {
    let out = gazette(
        &[
            "list",
            lib.to_str().unwrap(),
            "--since",
            day,
            "--until",
            day,
            "--json",
        ],
        tz,
        home,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["title"].as_str().unwrap().to_string()
        })
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn owned(v: &[&str]) -> Vec<String> {
    sorted(v.iter().map(|s| s.to_string()).collect())
}

#[test]
fn a_day_holds_its_day_only_articles_in_every_zone_and_instants_by_the_zones_day() {
    let lib = library();
    let home = tempfile::tempdir().unwrap();
    let days = ["只写了日期的公告", "Day with a zone", "路径里的日期"];
    let with = |extra: &[&str]| owned(&[&days[..], extra].concat());
    assert_eq!(
        sorted(titles_on(lib.path(), "2019-10-20", NEW_YORK, home.path())),
        with(&["Evening tide report"])
    );
    assert_eq!(
        sorted(titles_on(lib.path(), "2019-10-20", SHANGHAI, home.path())),
        with(&["深夜快讯"])
    );
    assert_eq!(
        sorted(titles_on(lib.path(), "2019-10-20", "UTC", home.path())),
        with(&["深夜快讯", "Evening tide report"])
    );
    // The day before and after hold none of the day-only articles, whatever the zone.
    for tz in [NEW_YORK, SHANGHAI, "UTC"] {
        for day in ["2019-10-19", "2019-10-21"] {
            let found = titles_on(lib.path(), day, tz, home.path());
            assert!(
                days.iter().all(|d| !found.contains(&d.to_string())),
                "{tz} {day}: {found:?}"
            );
        }
    }
}

#[test]
fn a_month_filter_neither_drops_nor_adds_days_west_of_utc() {
    let lib = library();
    let home = tempfile::tempdir().unwrap();
    let p = lib.path().to_str().unwrap();
    let month = |m: &str, last: &str| {
        let out = gazette(
            &[
                "list",
                p,
                "--since",
                &format!("2019-{m}-01"),
                "--until",
                &format!("2019-{m}-{last}"),
            ],
            NEW_YORK,
            home.path(),
        );
        stdout(&out)
    };
    let october = month("10", "31");
    let november = month("11", "30");
    assert!(!october.contains("十一月的第一天"), "{october}");
    assert!(
        november.contains("2019-11-01") && november.contains("十一月的第一天"),
        "{november}"
    );
}

#[test]
fn a_day_is_shown_without_a_time_and_json_tells_days_from_instants() {
    let lib = library();
    let home = tempfile::tempdir().unwrap();
    let p = lib.path().to_str().unwrap();
    for tz in [NEW_YORK, SHANGHAI] {
        let out = gazette(&["list", p], tz, home.path());
        let text = stdout(&out);
        let row = text
            .lines()
            .find(|l| l.contains("只写了日期的公告"))
            .unwrap();
        assert!(row.starts_with("2019-10-20  "), "{tz}: {row}");
        let show = gazette(
            &["show", &format!("{p}/day.md"), "--width", "60"],
            tz,
            home.path(),
        );
        let shown = stdout(&show);
        let header: Vec<&str> = shown.lines().take(3).collect();
        assert!(header.contains(&"2019-10-20"), "{tz}: {header:?}");
        assert!(
            !shown.contains("08:00") && !shown.contains("20:00"),
            "{tz}: {shown}"
        );
    }
    // New York counts the late instant on the 19th; the list says so too.
    let text = stdout(&gazette(&["list", p], NEW_YORK, home.path()));
    let late = text.lines().find(|l| l.contains("深夜快讯")).unwrap();
    assert!(late.starts_with("2019-10-19"), "{late}");
    let json = stdout(&gazette(&["list", p, "--json"], NEW_YORK, home.path()));
    let date_of = |title: &str| {
        json.lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .find(|v| v["title"] == title)
            .map(|v| v["date"].clone())
            .unwrap()
    };
    assert_eq!(date_of("只写了日期的公告"), "2019-10-20");
    assert_eq!(date_of("路径里的日期"), "2019-10-20");
    assert_eq!(date_of("深夜快讯"), "2019-10-20T02:00:00Z");
    assert_eq!(date_of("没有日期"), serde_json::Value::Null);
}

#[test]
fn the_reader_shows_the_same_articles_for_a_day_as_list() {
    let lib = library();
    let home = tempfile::tempdir().unwrap();
    let p = lib.path().to_str().unwrap();
    let listed = titles_on(lib.path(), "2019-10-20", NEW_YORK, home.path());
    assert_eq!(listed.len(), 4, "{listed:?}");
    let h = home.path().to_str().unwrap();
    let env = [
        ("TZ", NEW_YORK),
        ("XDG_STATE_HOME", h),
        ("XDG_CONFIG_HOME", h),
        ("XDG_CACHE_HOME", h),
    ];
    let args = [p, "--since", "2019-10-20", "--until", "2019-10-20"];
    let mut t = pty::Pty::spawn(&args, 140, 30, &env);
    // The whole frame, not only its first row: the screen is read as the bytes arrive, so a
    // read right after the header can catch the rows below it half drawn.
    let screen = t.wait_until(
        |s| s.contains(" Articles 1/4 ") && listed.iter().all(|t| s.contains(t.as_str())),
        "the day's four articles",
    );
    for title in &listed {
        assert!(
            screen.contains(title.as_str()),
            "{title} missing:\n{screen}"
        );
    }
    for absent in ["深夜快讯", "十一月的第一天", "没有日期"] {
        assert!(!screen.contains(absent), "{absent} shown:\n{screen}");
    }
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn check_warns_about_articles_without_a_date() {
    let lib = library();
    let home = tempfile::tempdir().unwrap();
    let out = gazette(&["check", lib.path().to_str().unwrap()], "UTC", home.path());
    let text = stdout(&out);
    let warned: Vec<&str> = text.lines().filter(|l| l.contains("has no date")).collect();
    assert_eq!(warned.len(), 1, "{text}");
    assert!(warned[0].contains("undated.md: warning: "), "{text}");
    assert!(out.status.success(), "a warning is not a failure");
}

#[test]
fn category_at_any_depth_unknown_category_and_reversed_range() {
    let lib = library();
    let home = tempfile::tempdir().unwrap();
    let p = lib.path().to_str().unwrap();
    for category in ["海港日报", "新媒体/海港日报", "海港日报/头条"] {
        let out = gazette(&["list", p, "--category", category], "UTC", home.path());
        assert_eq!(stdout(&out).lines().count(), 4, "{category}");
        assert_eq!(stderr(&out), "", "{category}");
    }
    let out = gazette(&["list", p, "--category", "海港晚报"], "UTC", home.path());
    assert!(out.status.success());
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("no category") && stderr(&out).contains("海港晚报"));
    for args in [
        vec!["list", p, "--since", "2019-10-21", "--until", "2019-10-20"],
        vec![p, "--since", "2019-10-21", "--until", "2019-10-20"],
    ] {
        let out = gazette(&args, "UTC", home.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("--since 2019-10-21 is after --until 2019-10-20"),
            "{}",
            stderr(&out)
        );
    }
}
