//! The README's claims about the command line, checked through the binary: every `--json`
//! field, `list --unread/--starred/--utc/--local`, `show`'s default width, `config --default`
//! and `--path`, `--no-cache`, and the `library` setting.

use crate::support::common::gazette;
use crate::support::{fixtures, mixed};

use serde_json::{Value, json};
use std::path::Path;
use std::process::Output;

fn run(home: &Path, args: &[&str]) -> Output {
    let out = gazette(home).args(args).output().expect("run gazette");
    assert!(
        out.status.success(),
        "gazette {args:?}: {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

pub(crate) fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

pub(crate) fn json_rows(home: &Path, args: &[&str]) -> Vec<Value> {
    stdout(&run(home, args))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

pub(crate) fn titles(rows: &[Value]) -> Vec<&str> {
    rows.iter().map(|r| r["title"].as_str().unwrap()).collect()
}

fn by_title<'a>(rows: &'a [Value], title: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["title"] == title)
        .unwrap_or_else(|| panic!("{title} not in {rows:#?}"))
}

/// The fields the README's `list` section names, in its words.
const DOCUMENTED: &[&str] = &[
    "path",
    "title",
    "author",
    "categories",
    "flat_categories",
    "tags",
    "date",
    "date_source",
    "image",
    "front_matter",
    "has_warnings",
    "read",
    "starred",
];

#[test]
fn every_json_field_is_the_documented_one_with_the_documented_values() {
    let home = tempfile::tempdir().unwrap();
    let lib = tempfile::tempdir().unwrap();
    mixed::write(lib.path());
    let rows = json_rows(
        home.path(),
        &["list", "--json", lib.path().to_str().unwrap()],
    );
    assert_eq!(titles(&rows)[..7], mixed::NEWEST_FIRST[..7], "newest first");
    assert_eq!(rows.len(), mixed::NEWEST_FIRST.len());

    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    for row in &rows {
        let mut keys: Vec<&str> = row
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort();
        let mut want = DOCUMENTED.to_vec();
        want.sort();
        assert_eq!(keys, want, "exactly the documented fields (UTF-8 paths)");
    }
    for field in DOCUMENTED.iter().chain(&["path_bytes"]) {
        assert!(
            readme.contains(&format!("`{field}`")),
            "README names `{field}`"
        );
    }

    let harbor = by_title(&rows, mixed::HARBOR);
    let exact = lib.path().join("news/harbor.txt");
    assert_eq!(harbor["path"], exact.to_str().unwrap(), "the exact path");
    assert_eq!(harbor["author"], "城市日报");
    assert_eq!(harbor["categories"], json!(["新媒体", "城市日报", "头条"]));
    assert_eq!(harbor["flat_categories"], json!([]));
    assert_eq!(harbor["tags"], json!([]));
    assert_eq!(
        harbor["date"], "2022-01-06T16:13:50Z",
        "an instant, RFC 3339 in UTC"
    );
    assert_eq!(harbor["date_source"], "front_matter");
    assert_eq!(harbor["image"], "https://example.com/img/head.jpg");
    assert_eq!(harbor["front_matter"], "yaml");
    assert_eq!(harbor["has_warnings"], false);
    assert_eq!(harbor["read"], false);
    assert_eq!(harbor["starred"], false);

    let toml = by_title(&rows, mixed::TOML);
    assert_eq!(toml["front_matter"], "toml");
    assert_eq!(toml["date"], "2021-12-29", "a calendar day, bare");
    assert_eq!(toml["flat_categories"], json!(["随笔"]));
    assert_eq!(toml["categories"], json!([]));
    assert_eq!(toml["tags"], json!(["walking", "雪"]));
    assert_eq!(toml["author"], Value::Null);
    assert_eq!(toml["image"], Value::Null);

    let header = by_title(&rows, mixed::HEADER);
    assert_eq!(header["front_matter"], "header_block");
    assert_eq!(header["author"], "记者 李明");
    assert_eq!(header["date"], Value::Null, "no date: null");
    assert_eq!(header["date_source"], "none");

    let pelican = by_title(&rows, mixed::METADATA);
    assert_eq!(pelican["front_matter"], "metadata");
    assert_eq!(pelican["date"], "2020-02-02T10:00:00Z", "no zone: UTC");
    assert_eq!(pelican["flat_categories"], json!(["笔记"]));

    let in_path = by_title(&rows, mixed::IN_PATH);
    assert_eq!(in_path["front_matter"], "none");
    assert_eq!(in_path["date_source"], "path");
    assert_eq!(in_path["date"], "2019-05-13");

    let in_name = by_title(&rows, mixed::IN_NAME);
    assert_eq!(in_name["date_source"], "file_name");
    assert_eq!(in_name["date"], "2020-01-01");

    let permalink = by_title(&rows, mixed::PERMALINK);
    assert_eq!(permalink["date_source"], "front_matter_path");
    assert_eq!(permalink["date"], "2025-06-26");

    let snow = by_title(&rows, mixed::SNOW);
    assert_eq!(
        snow["has_warnings"], true,
        "an unreadable date is a warning"
    );
    assert_eq!(snow["date"], Value::Null);

    // Every documented value of the enumerations was seen.
    for (field, values) in [
        (
            "date_source",
            &[
                "front_matter",
                "front_matter_path",
                "path",
                "file_name",
                "none",
            ][..],
        ),
        (
            "front_matter",
            &["yaml", "toml", "header_block", "metadata", "none"][..],
        ),
    ] {
        for v in values {
            assert!(rows.iter().any(|r| r[field] == *v), "{field} {v} seen");
            assert!(
                readme.contains(&format!("`{v}`")),
                "README names {field} `{v}`"
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn a_path_that_is_not_utf8_gets_its_exact_bytes() {
    use std::os::unix::ffi::OsStrExt;
    let home = tempfile::tempdir().unwrap();
    let lib = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"bad-\xff-\xe5\x90\x8d.txt");
    let file = lib.path().join(name);
    std::fs::write(&file, mixed::article("Latin-1 byte in the name 名字")).unwrap();
    let rows = json_rows(
        home.path(),
        &["list", "--json", lib.path().to_str().unwrap()],
    );
    assert_eq!(rows.len(), 1, "{rows:?}");
    let want: Vec<Value> = file
        .as_os_str()
        .as_bytes()
        .iter()
        .map(|&b| json!(b))
        .collect();
    assert_eq!(rows[0]["path_bytes"], Value::Array(want));
    let path = rows[0]["path"].as_str().unwrap();
    assert!(path.ends_with("bad-\u{fffd}-名.txt"), "{path}");
}

#[test]
fn unread_and_starred_follow_the_state_and_utc_and_local_count_days() {
    let home = tempfile::tempdir().unwrap();
    let lib = tempfile::tempdir().unwrap();
    mixed::write(lib.path());
    let dir = lib.path().to_str().unwrap();
    // The marks come in through `state import`, the documented way to carry them, keyed as
    // gazette keys articles.
    let keys = article_keys(lib.path());
    let marks = home.path().join("marks.jsonl");
    let line = |title: &str, read: bool, starred: bool| {
        format!(
            "{{\"key\":\"{}\",\"read\":{read},\"starred\":{starred}}}\n",
            keys[title]
        )
    };
    std::fs::write(
        &marks,
        format!(
            "{{\"gazette_state\":1}}\n{}{}{}",
            line(mixed::HARBOR, true, true),
            line(mixed::TIDE, true, false),
            line(mixed::TOML, false, true),
        ),
    )
    .unwrap();
    run(home.path(), &["state", "import", marks.to_str().unwrap()]);

    let rows = json_rows(home.path(), &["list", "--json", dir]);
    assert_eq!(by_title(&rows, mixed::HARBOR)["read"], true);
    assert_eq!(by_title(&rows, mixed::HARBOR)["starred"], true);
    assert_eq!(by_title(&rows, mixed::TIDE)["starred"], false);
    assert_eq!(by_title(&rows, mixed::TOML)["starred"], true);

    let unread = json_rows(home.path(), &["list", "--json", "--unread", dir]);
    let mut want: Vec<&str> = mixed::NEWEST_FIRST
        .iter()
        .copied()
        .filter(|t| ![mixed::HARBOR, mixed::TIDE].contains(t))
        .collect();
    let mut got = titles(&unread);
    got.sort();
    want.sort();
    assert_eq!(got, want, "--unread: all but the two read");
    let starred = json_rows(home.path(), &["list", "--json", "--starred", dir]);
    assert_eq!(titles(&starred), [mixed::HARBOR, mixed::TOML]);
    let both = json_rows(
        home.path(),
        &["list", "--json", "--starred", "--unread", dir],
    );
    assert_eq!(titles(&both), [mixed::TOML], "both filters at once");

    // 2022-01-06T16:13:50Z is the 7th east of UTC+8; `--utc` and `--local` say which zone
    // counts, whatever the configuration says.
    let config = home.path().join("east.toml");
    std::fs::write(&config, "[dates]\ntime_zone = \"+08:00\"\n").unwrap();
    let c = config.to_str().unwrap();
    let day = |extra: &[&str]| -> String {
        let mut args = vec!["list", "--config", c, "--category", "城市日报", dir];
        args.extend_from_slice(extra);
        stdout(&run(home.path(), &args))
    };
    assert!(
        day(&[]).starts_with("2022-01-07  "),
        "configured zone: {}",
        day(&[])
    );
    assert!(
        day(&["--utc"]).starts_with("2022-01-06  "),
        "{}",
        day(&["--utc"])
    );
    // TZ is UTC in tests, so the local zone gives the UTC day too.
    assert!(
        day(&["--local"]).starts_with("2022-01-06  "),
        "{}",
        day(&["--local"])
    );
}

/// The reading-state key of each article in `lib`, by title, as gazette computes it.
fn article_keys(lib: &Path) -> std::collections::HashMap<String, String> {
    let (library, _) = gazette::library::loader::load_blocking(&[lib.to_path_buf()], None);
    library
        .articles
        .iter()
        .map(|a| (a.title.to_string(), gazette::store::article_key(a)))
        .collect()
}

#[test]
fn show_wraps_at_80_columns_when_not_a_terminal() {
    let home = tempfile::tempdir().unwrap();
    let lib = tempfile::tempdir().unwrap();
    let para = "The harbor's night ferries run again after the spring festival, and the last boat now leaves at midnight for the islands. ";
    let file = fixtures::write_all(
        lib.path(),
        &[(
            "long.txt",
            mixed::article("Night ferries 夜班渡轮")
                .replace("<p>正文 body.</p>", &format!("<p>{}</p>", para.repeat(6)))
                .as_bytes(),
        )],
    )
    .remove(0);
    let text = stdout(&run(home.path(), &["show", file.to_str().unwrap()]));
    let widths: Vec<usize> = text.lines().map(gazette::columns::width).collect();
    let widest = widths.iter().copied().max().unwrap();
    assert!(widest <= 80, "a line wider than 80:\n{text}");
    assert!(widest >= 72, "wrapped well short of 80 ({widest}):\n{text}");
    assert!(text.contains("Night ferries"), "{text}");
}

#[test]
fn show_dates_the_header_in_the_configured_zone_as_the_reader_does() {
    let home = tempfile::tempdir().unwrap();
    let lib = tempfile::tempdir().unwrap();
    let file = fixtures::write_all(
        lib.path(),
        &[("a.txt", mixed::article("东八区 East of UTC").as_bytes())],
    )
    .remove(0);
    let config = home.path().join("east.toml");
    std::fs::write(&config, "[dates]\ntime_zone = \"+08:00\"\n").unwrap();
    let path = file.to_str().unwrap();
    let text = stdout(&run(
        home.path(),
        &["show", "--config", config.to_str().unwrap(), path],
    ));
    assert!(
        text.contains("2022-01-10 11:00 +08:00 · 城市日报"),
        "{text}"
    );
    let text = stdout(&run(home.path(), &["show", path]));
    assert!(
        text.contains("2022-01-10 03:00 +00:00 · 城市日报"),
        "TZ=UTC, local: {text}"
    );
}

/// `# name = value` lines of the default configuration, uncommented.
fn uncommented(defaults: &str) -> String {
    defaults
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if is_setting(rest) => rest.to_string(),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_setting(line: &str) -> bool {
    line.split_once(" = ").is_some_and(|(k, _)| {
        !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase() || c == '_')
    })
}

#[test]
fn config_default_prints_the_defaults_and_they_parse_as_a_config() {
    let home = tempfile::tempdir().unwrap();
    let lib = tempfile::tempdir().unwrap();
    mixed::write(lib.path());
    let defaults = stdout(&run(home.path(), &["config", "--default"]));
    for line in [
        "# library = []",
        "# theme = \"default\"",
        "# wide = 120",
        "# medium = 80",
        "# format = \"%Y-%m-%d\"",
        "# time_zone = \"local\"",
        "# quit = [\"q\", \"ctrl-c\"]",
        "# move_down = [\"j\", \"down\"]",
    ] {
        assert!(
            defaults.lines().any(|l| l == line),
            "{line} in:\n{defaults}"
        );
    }
    let every = uncommented(&defaults);
    let set = every.lines().filter(|l| is_setting(l)).count();
    assert!(set >= 35, "{set} settings uncommented:\n{every}");
    let file = home.path().join("every-default.toml");
    std::fs::write(&file, &every).unwrap();
    let dir = lib.path().to_str().unwrap();
    let with_defaults = stdout(&run(
        home.path(),
        &["list", "--config", file.to_str().unwrap(), dir],
    ));
    let without = stdout(&run(home.path(), &["list", dir]));
    assert_eq!(
        with_defaults, without,
        "every default set is the same as none set"
    );
    assert!(without.contains(mixed::HARBOR));
}

#[test]
fn config_path_says_where_and_whether_it_is_there() {
    let home = tempfile::tempdir().unwrap();
    let expected = home.path().join("gazette").join("config.toml");
    let said = stdout(&run(home.path(), &["config", "--path"]));
    assert_eq!(
        said.trim_end(),
        format!("{} (not there: the defaults apply)", expected.display())
    );
    std::fs::create_dir_all(expected.parent().unwrap()).unwrap();
    std::fs::write(&expected, "theme = \"light\"\n").unwrap();
    let said = stdout(&run(home.path(), &["config", "--path"]));
    assert_eq!(said.trim_end(), format!("{} (exists)", expected.display()));
    let other = home.path().join("other.toml");
    let said = stdout(&run(
        home.path(),
        &["config", "--path", "--config", other.to_str().unwrap()],
    ));
    assert!(said.starts_with(other.to_str().unwrap()), "{said}");
}

/// The metadata cache files under `$XDG_CACHE_HOME/gazette`.
pub(crate) fn cache_files(home: &Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(home.join("gazette")) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("library-") && name.ends_with(".bin")
        })
        .collect();
    files.sort();
    files
}

#[test]
fn no_cache_writes_no_cache_and_without_it_one_appears() {
    let home = tempfile::tempdir().unwrap();
    let lib = tempfile::tempdir().unwrap();
    mixed::write(lib.path());
    let dir = lib.path().to_str().unwrap();
    let uncached = stdout(&run(home.path(), &["list", "--no-cache", dir]));
    run(home.path(), &["check", "--no-cache", dir]);
    assert_eq!(cache_files(home.path()), Vec::<std::path::PathBuf>::new());
    let cached = stdout(&run(home.path(), &["list", dir]));
    assert_eq!(
        cache_files(home.path()).len(),
        1,
        "a cache file under XDG_CACHE_HOME/gazette"
    );
    assert_eq!(cached, uncached);
}

#[test]
fn the_library_setting_is_used_when_no_folder_is_given() {
    let home = tempfile::tempdir().unwrap();
    let lib = tempfile::tempdir().unwrap();
    let other = tempfile::tempdir().unwrap();
    mixed::write(lib.path());
    fixtures::write_all(
        other.path(),
        &[(
            "given.txt",
            mixed::article("Given on the command line 命令行").as_bytes(),
        )],
    );
    let config = home.path().join("gazette").join("config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(
        &config,
        format!(
            "library = [{:?}]\n",
            lib.path().join("news").to_str().unwrap()
        ),
    )
    .unwrap();
    let rows = json_rows(home.path(), &["list", "--json"]);
    assert_eq!(
        titles(&rows),
        [mixed::TIDE, mixed::HARBOR],
        "the configured folder"
    );
    let check = stdout(&run(home.path(), &["check"]));
    assert!(check.contains("2 files seen: 2 articles read"), "{check}");
    // A folder on the command line wins over the setting.
    let rows = json_rows(
        home.path(),
        &["list", "--json", other.path().to_str().unwrap()],
    );
    assert_eq!(titles(&rows), ["Given on the command line 命令行"]);
}
