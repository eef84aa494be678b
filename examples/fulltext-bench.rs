//! Full-text index figures at a size given by the environment: the build from nothing
//! against `rg -c '^title:'` on the same folder, the index's size against the articles'
//! bytes, and query times with the index (first results: what the index settles alone;
//! complete: plus reading the bodies it leaves open) against the scan alone.
//!
//! `GAZETTE_BENCH_CORPUS=/tmp/c100k cargo run --release --example fulltext-bench` (a folder
//! written by `gen-corpus`). The index goes to `GAZETTE_BENCH_INDEX` (default: a temporary
//! folder), deleted first. `GAZETTE_BENCH_RUNS` (3): best of that many runs.
//! `GAZETTE_BENCH_BUILD_ONLY=1`: the build only, no queries.
//! `GAZETTE_BENCH_FLOOR=1`: only the build's floor — reading and folding every body, then
//! also adding it to chunks, each full chunk sorted and encoded (nothing kept or written), on
//! every core — against rg, then stop.
//!
//! `GAZETTE_BENCH_READER=only` (or `1`: after the rest): the reader's own path instead — a
//! `Background` brought up to date over the index, then `/`'s searches through
//! `spawn_scan`, timed to the first results handed over and to the end, for the first search
//! after the index changed (it looks every article up once) and for the searches after it.
//! `GAZETTE_BENCH_QUERIES='托卡耶夫|zanzibar'`: the reader's queries, `|` between them.

use gazette::library::{Library, Origin};
use gazette::search::fulltext::{Background, FullText, extract_only, files_of, narrowed, update};
use gazette::search::{Event, MetaIndex, Query, scan_blocking};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

fn main() {
    let dir =
        PathBuf::from(std::env::var_os("GAZETTE_BENCH_CORPUS").expect("GAZETTE_BENCH_CORPUS"));
    let runs: usize = std::env::var("GAZETTE_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let tmp = tempfile::tempdir().expect("temp dir");
    let index = std::env::var_os("GAZETTE_BENCH_INDEX")
        .map_or_else(|| tmp.path().join("index"), PathBuf::from);
    let reader = std::env::var("GAZETTE_BENCH_READER").unwrap_or_default();
    if reader != "only" {
        figures(&dir, &index, runs);
    }
    if !reader.is_empty() {
        reader_queries(&dir, &index, runs);
    }
}

/// The reader's searches, as `/` runs them: Chinese and Latin words, a phrase, an exclusion.
fn reader_queries(dir: &Path, index: &Path, runs: usize) {
    let started = Instant::now();
    let background = Background::start(vec![dir.to_path_buf()], index.to_path_buf(), |_| true);
    background.refresh();
    assert!(
        background.wait_current(),
        "the index could not be brought up to date"
    );
    let loaded = Instant::now();
    let library = Library::load(&[dir.to_path_buf()]);
    println!(
        "reader: index up to date in {:.1?} (its check of every file), library loaded in {:.1?}",
        loaded - started,
        loaded.elapsed()
    );
    let meta = MetaIndex::new(&library.articles);
    let asked = std::env::var("GAZETTE_BENCH_QUERIES").unwrap_or_else(|_| {
        "托卡耶夫|zanzibar|数据显示|the|\"the ministry\"|harbor -新".to_string()
    });
    for (n, text) in asked.split('|').enumerate() {
        let query = Query::parse_in(text, &chrono::Utc).expect("query");
        let candidates = query.candidates_from(&library.articles, &meta.hits(&query));
        // From the hand-over of the candidates, as the reader's `StartScan` (their making,
        // on metadata, is the reader's own and measured by the search bench).
        let search = |candidates, query| {
            let t = Instant::now();
            let scan = background.spawn_scan(Origin::Disk, candidates, query);
            let (mut first, mut matched) = (None, 0);
            for event in scan.events.iter() {
                match event {
                    Event::Found(_) => {
                        first.get_or_insert(t.elapsed());
                    }
                    Event::Done { matched: m, .. } => matched = m,
                    Event::Progress { .. } => {}
                }
            }
            let complete = t.elapsed();
            (first.unwrap_or(complete), complete, matched)
        };
        if n == 0 {
            let (first, complete, matched) = search(candidates.clone(), query.clone());
            println!(
                "reader: first search after the index changed ({text}, {matched} matches): first {first:.1?}, complete {complete:.1?}"
            );
        }
        let all: Vec<_> = (0..runs.max(1))
            .map(|_| search(candidates.clone(), query.clone()))
            .collect();
        let first = all.iter().map(|r| r.0).min().expect("one run");
        let complete = all.iter().map(|r| r.1).min().expect("one run");
        println!(
            "reader: {text:>16}: {} matches; first results {first:.1?}, complete {complete:.1?}",
            all[0].2
        );
    }
}

/// Build, size and the command line's queries (`narrowed`, then the scan) against the scan.
fn figures(dir: &Path, index: &Path, runs: usize) {
    let dir = dir.to_path_buf();
    let index = index.to_path_buf();

    let files = files_of(std::slice::from_ref(&dir));
    let text_bytes: u64 = (0..files.len())
        .filter_map(|i| files.stamp(i).map(|s| s.size))
        .sum();
    println!(
        "{} articles, {:.1} MB of text in {}",
        files.len(),
        mb(text_bytes),
        dir.display()
    );

    let rg = best(runs, || {
        let out = std::process::Command::new("rg")
            .args(["-c", "^title:"])
            .arg(&dir)
            .output()
            .expect("rg");
        assert!(out.status.success());
    });
    if std::env::var("GAZETTE_BENCH_FLOOR").is_ok_and(|f| f == "1") {
        floor(&files, rg, runs);
        return;
    }
    // GAZETTE_BENCH_BUILD=0: keep the index in GAZETTE_BENCH_INDEX as it is (queries only).
    let build_it = std::env::var("GAZETTE_BENCH_BUILD").map_or(true, |b| b != "0");
    let cpu0 = cpu_seconds();
    let build = best(if build_it { runs } else { 0 }, || {
        if !build_it {
            return;
        }
        let _ = std::fs::remove_dir_all(&index);
        let never = AtomicBool::new(false);
        let outcome = update(&index, &files, &mut |_, _| {}, &never).expect("update");
        assert_eq!(outcome.read, files.len());
    });
    let cpu = (cpu_seconds() - cpu0) / if build_it { runs.max(1) as f64 } else { 1.0 };
    println!("rg -c '^title:'     {rg:.2?}");
    println!(
        "index from nothing  {build:.2?} ({:.2}× rg), cpu {cpu:.2} s a build",
        ratio(build, rg)
    );
    let size = dir_size(&index);
    println!(
        "index size          {:.1} MB ({:.0}% of the text)",
        mb(size),
        100.0 * size as f64 / text_bytes as f64
    );

    if std::env::var("GAZETTE_BENCH_BUILD_ONLY").is_ok_and(|q| q == "1") {
        return;
    }
    let library = Library::load(std::slice::from_ref(&dir));
    let meta = MetaIndex::new(&library.articles);
    let ft = FullText::open(&index).expect("open");
    for text in [
        "托卡耶夫",
        "zanzibar",
        "数据显示",
        "the",
        "\"the ministry\"",
        "harbor -新",
    ] {
        let query = Query::parse_in(text, &chrono::Utc).expect("query");
        let candidates = query.candidates_from(&library.articles, &meta.hits(&query));
        let mut found = (0, 0);
        let first = best(runs, || {
            let n = narrowed(&ft, candidates.clone(), &query);
            found.0 = n.matched.len();
        });
        let complete = best(runs, || {
            let n = narrowed(&ft, candidates.clone(), &query);
            found.1 = n.matched.len() + scan_blocking(Origin::Disk, n.read, &query).len();
        });
        let mut scanned = 0;
        let scan = best(1, || {
            scanned = scan_blocking(Origin::Disk, candidates.clone(), &query).len()
        });
        assert_eq!(found.1, scanned, "{text}: index and scan disagree");
        println!(
            "{text:>16}: {} matches; index: first {first:.1?} ({} settled), complete {complete:.1?}; scan alone {scan:.1?}",
            found.1, found.0
        );
    }
}

/// The build's floor: what reading, folding and cutting cost without the index. Also the
/// process's CPU time (user + system) for the run: on a shared, loaded machine the wall time
/// moves with the other work, the CPU time much less.
fn floor(files: &gazette::library::scan::Files, rg: Duration, runs: usize) {
    println!("rg -c '^title:'     {rg:.2?}");
    for (what, cut) in [("read + fold", false), ("read + fold + add", true)] {
        let mut n = 0;
        let (mut took, mut cpu) = (Duration::MAX, f64::MAX);
        for _ in 0..runs.max(1) {
            let (t, c) = (Instant::now(), cpu_seconds());
            n = extract_only(files, cut);
            took = took.min(t.elapsed());
            cpu = cpu.min(cpu_seconds() - c);
        }
        let unit = if cut { "records" } else { "folded bytes" };
        println!(
            "{what:<20}{took:.2?} ({:.2}× rg), cpu {cpu:.2} s, {n} {unit}",
            ratio(took, rg)
        );
    }
}

/// This process's user + system CPU time so far, from `/proc/self/stat` (Linux; 0 elsewhere).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name (which is in parentheses and may hold spaces).
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or(Vec::new(), |(_, rest)| rest.split_whitespace().collect());
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name; in ticks of
    // 1/100 s (USER_HZ on Linux).
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

fn best(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .expect("one run")
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64()
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn dir_size(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}
