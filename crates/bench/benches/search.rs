//! Search timings on a generated corpus: the background full-text scan (time to the first
//! result, time to completion) and metadata filtering per key press (median and p99).
//!
//! `GAZETTE_BENCH_CORPUS=/tmp/corpus100k cargo bench -p gazette-bench --bench search` (a
//! folder written by `gen-corpus`, seed `GAZETTE_BENCH_SEED`, default 0); without it, 10,000
//! articles are generated into a temporary folder. `GAZETTE_BENCH_RUNS` sets the scan
//! repetitions (5); `GAZETTE_BENCH_ONLY` runs one part: `keys`, or one of the scanned queries.

use gazette::library::Library;
use gazette::search::{self, Event, MetaIndex, Query};
use gazette_corpus as corpus;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn main() {
    let seed: u64 = env_or("GAZETTE_BENCH_SEED", 0);
    let runs: usize = env_or("GAZETTE_BENCH_RUNS", 5);
    let (_tmp, dir) = match std::env::var_os("GAZETTE_BENCH_CORPUS") {
        Some(dir) => (None, PathBuf::from(dir)),
        None => {
            let tmp = tempfile::tempdir().expect("temp dir");
            corpus::generate(tmp.path(), 10_000, seed).expect("generate");
            let dir = tmp.path().to_path_buf();
            (Some(tmp), dir)
        }
    };
    let started = Instant::now();
    let library = Library::load(std::slice::from_ref(&dir));
    println!(
        "library: {} articles from {} in {:.2?}",
        library.articles.len(),
        dir.display(),
        started.elapsed()
    );

    let started = Instant::now();
    let index = MetaIndex::new(&library.articles);
    println!("MetaIndex::new: {:.2?}", started.elapsed());
    let only = std::env::var("GAZETTE_BENCH_ONLY").unwrap_or_default();
    for (text, marker) in [
        (corpus::RARE_MARKER_ZH, Some(corpus::RARE_MARKER_ZH)),
        ("zanzibar", Some(corpus::RARE_MARKER_EN)),
        ("\"the ministry\"", None),
        ("数据显示", None),
    ] {
        if only.is_empty() || only == text {
            full_text(&library, &index, text, marker, seed, runs);
        }
    }
    if only.is_empty() || only == "keys" {
        key_presses(&library, &index);
    }
}

/// Time to first result and to completion of the background scan, `runs` times, counted from
/// the moment the query is known: the metadata pass choosing candidates is included.
fn full_text(
    library: &Library,
    index: &MetaIndex,
    text: &str,
    marker: Option<&str>,
    seed: u64,
    runs: usize,
) {
    let query = Query::parse_in(text, &chrono::Utc).expect("query");
    let expected = marker.map(|m| {
        (library.articles.iter())
            .filter(|a| {
                let name = a.path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                let number = name.get(..6).and_then(|n| n.parse().ok());
                number.is_some_and(|i| corpus::rare_marker(i, seed) == Some(m))
            })
            .count()
    });
    let (mut firsts, mut totals, mut prepare) = (Vec::new(), Vec::new(), Vec::new());
    let mut matched = 0;
    let cpu_before = cpu_time();
    for _ in 0..runs {
        let started = Instant::now();
        let hits = index.hits(&query);
        let candidates = query.candidates_from(&library.articles, &hits);
        prepare.push(started.elapsed());
        let scan = search::spawn(library.origin, candidates, query.clone());
        let mut first = None;
        for event in scan.events.iter() {
            match event {
                Event::Found(_) if first.is_none() => first = Some(started.elapsed()),
                Event::Done { matched: m, .. } => {
                    totals.push(started.elapsed());
                    matched = m;
                }
                _ => {}
            }
        }
        firsts.push(first.unwrap_or_default());
    }
    let cpu = cpu_time()
        .zip(cpu_before)
        .map(|(a, b)| (a - b) / runs as u32);
    if let Some(expected) = expected {
        assert_eq!(matched, expected, "{text}: matches");
    }
    println!("scan {text}: {matched} matches");
    println!(
        "     candidates   {} (MetaIndex::hits + candidates_from)",
        summary(&mut prepare)
    );
    println!("     first result {}", summary(&mut firsts));
    println!("     completion   {}", summary(&mut totals));
    if let Some(cpu) = cpu {
        println!("     CPU time per scan (user + system, all threads): {cpu:.2?}");
    }
    let started = Instant::now();
    let candidates = query.candidates(&library.articles);
    let prepared = started.elapsed();
    let blocking = search::scan_blocking(library.origin, candidates, &query);
    assert_eq!(blocking.len(), matched);
    println!(
        "     scan_blocking once: {:.1?} (of which Query::candidates {prepared:.1?})",
        started.elapsed()
    );
}

/// Metadata filtering for queries typed one character at a time.
fn key_presses(library: &Library, index: &MetaIndex) {
    const WORDS: [&str; 5] = ["harbor", "hanoi", "telescope", "新媒", "数字货币"];
    const REPEATS: usize = 20;
    let (mut all, mut all_indexed) = (Vec::new(), Vec::new());
    for word in WORDS {
        let (mut times, mut indexed) = (Vec::new(), Vec::new());
        let prefixes: Vec<&str> = (1..=word.chars().count())
            .map(|n| &word[..word.char_indices().nth(n).map_or(word.len(), |(i, _)| i)])
            .collect();
        let mut counts = Vec::new();
        for round in 0..REPEATS {
            for prefix in &prefixes {
                let started = Instant::now();
                let query = Query::parse_in(prefix, &chrono::Utc).expect("query");
                let n = library
                    .articles
                    .iter()
                    .filter(|a| query.matches_meta(a))
                    .count();
                times.push(started.elapsed());
                let started = Instant::now();
                let query = Query::parse_in(prefix, &chrono::Utc).expect("query");
                let all_terms = query.all_terms();
                let m = index
                    .hits(&query)
                    .iter()
                    .filter(|&&h| h == all_terms)
                    .count();
                indexed.push(started.elapsed());
                assert_eq!(m, n, "{prefix}");
                if round == 0 {
                    counts.push(format!("{prefix}:{n}"));
                }
            }
        }
        all.extend_from_slice(&times);
        all_indexed.extend_from_slice(&indexed);
        println!("keys {}", counts.join(" "));
        println!("     matches_meta {}", summary(&mut times));
        println!("     MetaIndex    {}", summary(&mut indexed));
    }
    println!("keys, all {} presses:", all.len());
    println!("     matches_meta {}", summary(&mut all));
    println!("     MetaIndex    {}", summary(&mut all_indexed));
}

fn summary(times: &mut [Duration]) -> String {
    times.sort_unstable();
    let pick = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    format!(
        "median {:>9.2?} p99 {:>9.2?} (min {:.2?}, max {:.2?})",
        pick(0.5),
        pick(0.99),
        times[0],
        times[times.len() - 1]
    )
}

/// User + system time of this process so far (Linux: `/proc/self/stat`, in clock ticks of
/// 10 ms), to compare with `time rg` when other work shares the cores.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
