//! Cleaning throughput: the seed articles, varied, into a few megabytes of
//! documents, cleaned one by one on one core.
//!
//! `cargo bench --bench clean -- --warm-up-time 1 --measurement-time 3`

use std::fs;
use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsx::clean::{fingerprint, Cleaner, TemplateCounter, DEFAULT_MIN_DOCS};

/// About 4 MB of documents: each seed repeated with its paragraphs rotated
/// and its numbers changed, so no two documents are identical.
fn corpus() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut seeds: Vec<String> = fs::read_dir(dir)
        .expect("corpus/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter_map(|p| fs::read_to_string(p).ok())
        .collect();
    seeds.sort();
    let mut docs = Vec::new();
    let mut bytes = 0;
    let mut i = 0usize;
    while bytes < 4 << 20 {
        let seed = &seeds[i % seeds.len()];
        let doc = vary(seed, i);
        bytes += doc.len();
        docs.push(doc);
        i += 1;
    }
    docs
}

/// Rotates the paragraphs after the first and rewrites digits.
fn vary(seed: &str, i: usize) -> String {
    let mut paras: Vec<&str> = seed.split("\n\n").collect();
    if paras.len() > 2 {
        let k = i % (paras.len() - 1);
        paras[1..].rotate_left(k);
    }
    paras
        .join("\n\n")
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_digit((d + i as u32) % 10, 10).unwrap_or(c),
            None => c,
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(String::len).sum();
    let cleaner = Cleaner::new();
    let mut group = c.benchmark_group("clean");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("clean", |b| {
        b.iter(|| {
            for doc in &docs {
                black_box(cleaner.clean(black_box(doc)));
            }
        })
    });
    group.bench_function("fingerprint_lines", |b| {
        b.iter(|| {
            let mut x = 0u64;
            for doc in &docs {
                for line in doc.split('\n') {
                    x ^= fingerprint(black_box(line)).unwrap_or(0);
                }
            }
            x
        })
    });
    group.bench_function("template_count", |b| {
        b.iter(|| {
            let mut counter = TemplateCounter::new();
            for doc in &docs {
                counter.add_document(black_box(doc));
            }
            black_box(counter.finish(DEFAULT_MIN_DOCS))
        })
    });
    let mut counter = TemplateCounter::new();
    for doc in &docs {
        counter.add_document(doc);
    }
    let templates = counter.finish(DEFAULT_MIN_DOCS);
    group.bench_function("clean_with_templates", |b| {
        b.iter(|| {
            for doc in &docs {
                black_box(cleaner.clean_with(black_box(doc), Some(&templates)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
