use super::dates::Civil;
use super::*;
use std::collections::HashSet;

const SEED: u64 = 42;

fn front_matter(text: &str) -> &str {
    let rest = text
        .strip_prefix("\n---\n")
        .expect("starts with a blank line and ---");
    let end = rest.find("\n---\n").expect("closing ---");
    &rest[..end + 1]
}

fn yaml(text: &str) -> serde_yaml::Value {
    serde_yaml::from_str(front_matter(text)).expect("front matter is valid YAML")
}

fn body(text: &str) -> &str {
    let rest = text.strip_prefix("\n---\n").unwrap();
    &rest[rest.find("\n---\n").unwrap() + 5..]
}

#[test]
fn deterministic_per_seed() {
    for i in 0..50 {
        assert_eq!(article_text(i, SEED), article_text(i, SEED));
        assert_ne!(article_text(i, SEED).1, article_text(i, SEED + 1).1);
        assert_ne!(article_text(i, SEED).0, article_text(i, SEED + 1).0);
    }
    assert_ne!(article_text(0, SEED).1, article_text(1, SEED).1);
}

#[test]
fn file_names_are_numbered_and_hashed() {
    let mut names = HashSet::new();
    for i in 0..1000 {
        let (name, _) = article_text(i, SEED);
        assert_eq!(name.len(), 6 + 1 + 16 + 4, "{name}");
        assert!(name.starts_with(&format!("{i:06}_")), "{name}");
        assert!(name.ends_with(".txt"));
        assert!(name[7..23].bytes().all(|b| b.is_ascii_hexdigit()));
        assert!(names.insert(name));
    }
}

#[test]
fn sizes_within_bounds() {
    for i in 0..2000 {
        let (_, text) = article_text(i, SEED);
        assert!(
            (MIN_BYTES..=MAX_BYTES).contains(&text.len()),
            "article {i}: {} bytes",
            text.len()
        );
    }
    for i in 0..200 {
        let len = article_text(i, 7).1.len();
        assert!((MIN_BYTES..=MAX_BYTES).contains(&len), "seed 7, {i}: {len}");
    }
}

#[test]
fn layout_matches_the_seed_sample() {
    for i in 0..300 {
        let (_, text) = article_text(i, SEED);
        assert!(text.starts_with("\n---\ntitle: "));
        assert!(text.ends_with("</p>\n  \n</div>\n            "));
        assert!(
            !text.ends_with("             "),
            "exactly 12 trailing spaces"
        );
        assert!(body(&text).starts_with("\n<div>   \n<img src=\"https://example.com/img/"));
        assert!(!text.contains('{') && !text.contains('}'));
        let paragraphs = text.matches("<p>\n").count();
        assert!((3..=12).contains(&paragraphs), "article {i}: {paragraphs}");
    }
}

#[test]
fn all_category_paths_appear() {
    let paths = category_paths();
    assert_eq!(paths.len(), 30);
    assert_eq!(paths.iter().collect::<HashSet<_>>().len(), 30);
    for seed in [SEED, 1, 2] {
        let mut seen = HashSet::new();
        for i in 0..2000 {
            let (_, text) = article_text(i, seed);
            let fm = front_matter(&text);
            let start = fm.find("categories: \n").unwrap() + "categories: \n".len();
            let cats: Vec<&str> = fm[start..]
                .lines()
                .take(3)
                .map(|l| l.strip_prefix(" - ").unwrap())
                .collect();
            seen.insert([cats[0], cats[1], cats[2]].map(str::to_owned));
        }
        assert_eq!(seen.len(), 30, "seed {seed}");
        assert!(
            seen.iter()
                .all(|p| paths.contains(&[&*p[0], &*p[1], &*p[2]]))
        );
    }
}

#[test]
fn dates_in_range_with_correct_weekday() {
    let (mut min, mut max) = (i64::MAX, i64::MIN);
    for i in 0..2000 {
        let (_, text) = article_text(i, SEED);
        let v = yaml(&text);
        let date = v["date"].as_str().unwrap();
        assert!(date.ends_with(" GMT"), "{date}");
        let parsed =
            chrono::DateTime::parse_from_rfc2822(date).unwrap_or_else(|e| panic!("{date}: {e}"));
        let ts = parsed.timestamp();
        assert!((FIRST_TIMESTAMP..END_TIMESTAMP).contains(&ts), "{date}");
        min = min.min(ts);
        max = max.max(ts);
    }
    // Spread over the whole three years.
    assert!(min < FIRST_TIMESTAMP + 86_400 * 30);
    assert!(max > END_TIMESTAMP - 86_400 * 30);
}

#[test]
fn civil_dates_match_chrono() {
    for ts in [
        0,
        FIRST_TIMESTAMP,
        END_TIMESTAMP - 1,
        1_582_934_400,
        1_641_485_630,
    ] {
        let ours = Civil::from_timestamp(ts).rfc2822();
        let theirs = chrono::DateTime::from_timestamp(ts, 0)
            .unwrap()
            .format("%a, %d %b %Y %H:%M:%S GMT")
            .to_string();
        assert_eq!(ours, theirs);
    }
}

#[test]
fn front_matter_parses_with_expected_keys() {
    let mut double_quoted = 0;
    for i in 0..500 {
        let (_, text) = article_text(i, SEED);
        let v = yaml(&text);
        let map = v.as_mapping().unwrap();
        let keys: Vec<&str> = map.keys().map(|k| k.as_str().unwrap()).collect();
        assert_eq!(
            keys,
            [
                "title",
                "categories",
                "headimg",
                "author",
                "comments",
                "date",
                "thumbnail"
            ]
        );
        let title = v["title"].as_str().unwrap();
        assert!(!title.is_empty());
        if title.contains('\'') {
            double_quoted += 1;
            assert!(text.contains(&format!("title: \"{title}\"\n")));
        } else {
            assert!(text.contains(&format!("title: '{title}'\n")));
        }
        let cats = v["categories"].as_sequence().unwrap();
        assert_eq!(cats.len(), 3);
        assert_eq!(v["author"], cats[1]);
        assert_eq!(v["comments"].as_bool(), Some(false));
        let img = v["headimg"].as_str().unwrap();
        assert_eq!(v["thumbnail"].as_str(), Some(img));
        assert!(img.starts_with("https://example.com/img/") && img.ends_with(".jpg"));
    }
    assert!(double_quoted > 0, "some titles contain an apostrophe");
}

#[test]
fn languages_and_markers() {
    let n = 5000;
    let (mut chinese, mut markers) = (0, 0);
    for i in 0..n {
        let (_, text) = article_text(i, SEED);
        let v = yaml(&text);
        let english = v["categories"][0].as_str() == Some("International");
        let title = v["title"].as_str().unwrap();
        if !english {
            chinese += 1;
            assert!(
                title
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
            );
        }
        let b = body(&text);
        let expected = rare_marker(i, SEED);
        for marker in [RARE_MARKER_ZH, RARE_MARKER_EN] {
            assert!(!title.contains(marker));
            let count = b.matches(marker).count();
            assert_eq!(count, usize::from(expected == Some(marker)), "article {i}");
        }
        if let Some(m) = expected {
            markers += 1;
            assert_eq!(m == RARE_MARKER_EN, english);
        }
    }
    let zh_share = chinese as f64 / n as f64;
    assert!((0.6..0.73).contains(&zh_share), "{zh_share}");
    assert!((n / 200..=n / 50).contains(&markers), "{markers} markers");
}

#[test]
fn generate_writes_n_files_a_thousand_per_folder() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("corpus");
    let n = 2 * FILES_PER_FOLDER + 5;
    let stats = generate(&target, n, SEED).unwrap();
    assert_eq!(stats.files, n);
    let mut total = 0;
    let mut per_folder = std::collections::BTreeMap::new();
    for folder in std::fs::read_dir(&target).unwrap() {
        let folder = folder.unwrap();
        let folder_name = folder.file_name().into_string().unwrap();
        for entry in std::fs::read_dir(folder.path()).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().into_string().unwrap();
            let i: usize = name[..6].parse().unwrap();
            assert_eq!(folder_of(i).to_str().unwrap(), folder_name);
            let contents = std::fs::read_to_string(entry.path()).unwrap();
            assert_eq!((name, contents), article_text(i, SEED));
            total += entry.metadata().unwrap().len();
            *per_folder.entry(folder_name.clone()).or_insert(0) += 1;
        }
    }
    let expected = [("000", 1000), ("001", 1000), ("002", 5)];
    let expected: std::collections::BTreeMap<String, usize> =
        expected.iter().map(|(f, c)| (f.to_string(), *c)).collect();
    assert_eq!(per_folder, expected);
    assert_eq!(stats.bytes, total);
}
