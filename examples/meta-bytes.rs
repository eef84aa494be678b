//! Where the reader's memory goes per article: `meta-bytes [N]` (default 100,000).
//!
//! `cargo run --release --example meta-bytes -- 1000000`
//!
//! Builds N generated articles in memory (as the keys bench does), then the library and the
//! reader's state over them, and prints the resident memory each stage adds, per article,
//! with the peak. Resident memory (`/proc/self/status`) rather than a counting allocator:
//! the crate forbids `unsafe`, and what the target is about is what the process holds,
//! allocator overhead and fragmentation included.

use chrono::{TimeZone, Utc};
use gazette::app::{AppState, Msg, Settings, Zone, update};
use gazette::config::Config;
use gazette::library::{Article, Library};
use std::path::Path;

/// `VmRSS` and `VmHWM` of this process, in bytes (0 where /proc is not there).
fn memory() -> (usize, usize) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<usize>().ok())
            .map_or(0, |kb| kb * 1024)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let mut last = memory().0;
    let mut stage = |name: &str| {
        let (now, peak) = memory();
        println!(
            "{name:>28}: +{:>7.1} MB, {:>6.0} B/article (resident {:.1} MB, peak {:.1} MB)",
            (now as f64 - last as f64) / 1e6,
            (now as f64 - last as f64) / n as f64,
            now as f64 / 1e6,
            peak as f64 / 1e6
        );
        last = now;
    };
    stage("start");
    let articles: Vec<Article> = (0..n)
        .map(|i| {
            let (name, text) = gazette_corpus::article_text(i, 1);
            let path = Path::new("/corpus").join(&name);
            let (article, _) =
                gazette::library::parse::parse_article(&path, Path::new(&name), text.as_bytes())
                    .expect("a generated article parses");
            article
        })
        .collect();
    println!(
        "{:>28}  size_of::<Article>() = {} B",
        "",
        size_of::<Article>()
    );
    stage("articles");
    let library = Library::from_articles(articles, Vec::new());
    stage("library");
    let now = Utc.with_ymd_and_hms(2022, 12, 31, 12, 0, 0).unwrap();
    let config = Config {
        zone: Zone::utc(),
        ..Config::default()
    };
    let mut state = AppState::new(
        library,
        gazette::store::Store::empty("unsaved".into()),
        Settings::from_config(&config, now),
    );
    stage("reader state (catalog, view)");
    update(&mut state, Msg::Resize(200, 50));
    stage("first layout");
    let (now, peak) = memory();
    println!(
        "{:>28}: {:.0} B/article resident, {:.0} B/article peak",
        "total",
        now as f64 / n as f64,
        peak as f64 / n as f64
    );
    drop(state);
}
