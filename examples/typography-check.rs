//! Renders every article of the given folders at every width from 20 to 120 with gazette's
//! own renderer (header, body and link list, as `gazette show` prints them) and counts the
//! typography faults of [`gazette::text::check`]: the measure behind "0 faults on real
//! archives".
//!
//! `cargo run --release --example typography-check -- FOLDER… [--widths 20..=120] [--show N]`

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use gazette::library::Library;
use gazette::text::check::{FaultKind, faults};
use rayon::prelude::*;

const USAGE: &str = "usage: typography-check FOLDER... [--widths MIN..=MAX] [--show N]";

/// One rendering with faults: where, at which width, and the offending line.
struct Sample {
    path: String,
    width: usize,
    kind: FaultKind,
    line: String,
}

fn main() -> ExitCode {
    let mut roots = Vec::new();
    let (mut min, mut max, mut show) = (20usize, 120usize, 10usize);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--widths" => {
                let Some((lo, hi)) = args.next().and_then(|v| {
                    let (lo, hi) = v.split_once("..=")?;
                    Some((lo.parse().ok()?, hi.parse().ok()?))
                }) else {
                    eprintln!("{USAGE}");
                    return ExitCode::from(2);
                };
                (min, max) = (lo, hi);
            }
            "--show" => match args.next().and_then(|v| v.parse().ok()) {
                Some(n) => show = n,
                None => {
                    eprintln!("{USAGE}");
                    return ExitCode::from(2);
                }
            },
            _ => roots.push(PathBuf::from(a)),
        }
    }
    if roots.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let library = Library::load(&roots);
    let zone = gazette::zone::Zone::utc();
    let per_article: Vec<(usize, BTreeMap<FaultKind, usize>, Vec<Sample>)> = library
        .articles
        .par_iter()
        .map(|a| {
            let mut counts = BTreeMap::new();
            let mut samples = Vec::new();
            let mut bad = 0;
            let Ok(body) = library.read_body(a) else {
                return (0, counts, samples);
            };
            let date = zone.format_date(a.when());
            for w in min..=max {
                let r = gazette::article_view::render(a, &body, w, &date);
                let found = faults(&r.lines, w);
                bad += usize::from(!found.is_empty());
                for f in found {
                    *counts.entry(f.kind).or_insert(0) += 1;
                    if samples
                        .iter()
                        .filter(|s: &&Sample| s.kind == f.kind)
                        .count()
                        < 3
                    {
                        samples.push(Sample {
                            path: a.path.display().to_string(),
                            width: w,
                            kind: f.kind,
                            line: r.lines[f.line].text(),
                        });
                    }
                }
            }
            (bad, counts, samples)
        })
        .collect();
    let renderings = library.articles.len() * (max + 1 - min);
    let bad: usize = per_article.iter().map(|(b, _, _)| b).sum();
    let mut totals: BTreeMap<FaultKind, usize> = BTreeMap::new();
    for (_, counts, _) in &per_article {
        for (k, n) in counts {
            *totals.entry(*k).or_insert(0) += n;
        }
    }
    println!(
        "articles {}  widths {min}..={max}  renderings {renderings}  with faults {bad}",
        library.articles.len()
    );
    let real: usize = totals
        .iter()
        .filter(|(k, _)| k.is_fault())
        .map(|(_, n)| n)
        .sum();
    println!("faults {real}");
    for (k, n) in &totals {
        let apart = if k.is_fault() { "" } else { " (counted apart)" };
        println!("  {k:?}: {n}{apart}");
    }
    // A few examples of each kind, to look at by hand with `gazette show --width N FILE`.
    for kind in totals.keys() {
        let of_kind = per_article.iter().flat_map(|(_, _, s)| s);
        for s in of_kind.filter(|s| s.kind == *kind).take(show) {
            println!("{} @{} {:?}: {:?}", s.path, s.width, s.kind, s.line);
        }
    }
    if real == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
