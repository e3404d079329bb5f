//! HTML extraction throughput on the 80 real pages of the dev set
//! (`../shared/dev/boilerplate/html`), one core: parsing alone, parsing
//! plus article extraction, and the whole analysis of a page (extraction,
//! cleaning, tokens, names, figures). Throughput is in bytes of HTML.
//!
//! `cargo bench --bench html -- --warm-up-time 1 --measurement-time 5`
//!
//! Without `../shared` the benchmark says so on stderr and measures
//! nothing.

use std::hint::black_box;
use std::io::Write;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsx::html::{self, dom::Dom};
use newsx::Pipeline;

mod common;

/// The dev pages, decoded, in file-name order.
fn pages() -> Vec<String> {
    let dir = common::root().join("../shared/dev/boilerplate/html");
    common::files_with_extension(&dir, "html")
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .filter_map(|raw| newsx::read::decode(&raw).ok().map(|(text, _)| text))
        .collect()
}

fn bench(c: &mut Criterion) {
    let pages = pages();
    if pages.is_empty() {
        let _ = writeln!(
            std::io::stderr(),
            "note: ../shared/dev/boilerplate/html is absent; the HTML \
             benchmark is skipped"
        );
        return;
    }
    let bytes: usize = pages.iter().map(String::len).sum();
    let pipeline = Pipeline::builtin().expect("built-in gazetteers load");
    let mut group = c.benchmark_group("html");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("parse", |b| {
        b.iter(|| {
            for page in &pages {
                black_box(Dom::parse(page).nodes.len());
            }
        })
    });
    group.bench_function("extract", |b| {
        b.iter(|| {
            for page in &pages {
                black_box(html::extract(page).lines.len());
            }
        })
    });
    group.bench_function("analyze", |b| {
        b.iter(|| {
            for page in &pages {
                black_box(pipeline.analyze(page).cleaned.text.len());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
