//! Loading and rendering on a generated corpus (see `gazette::corpus`).
//!
//! `cargo bench -p gazette-bench --bench load`. The corpus is written once to a temporary
//! folder.

use criterion::{Criterion, criterion_group, criterion_main};
use gazette::library::Library;
use gazette::text;
use std::hint::black_box;

fn load_10k(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    gazette_corpus::generate(dir.path(), 10_000, 1).unwrap();
    let roots = vec![dir.path().to_path_buf()];
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.bench_function("10k articles, no cache", |b| {
        b.iter(|| {
            let lib = Library::load(black_box(&roots));
            assert_eq!(lib.articles.len(), 10_000);
        })
    });
    group.finish();
}

fn render_80(c: &mut Criterion) {
    let (_, textual) = gazette_corpus::article_text(7, 1);
    let body = gazette::library::front_matter::body_of(&textual).to_string();
    c.bench_function("render one article at 80 columns", |b| {
        b.iter(|| text::render(black_box(&body), text::BodyFormat::Html, 80))
    });
}

criterion_group!(benches, load_10k, render_80);
criterion_main!(benches);
