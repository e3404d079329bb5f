//! Gazetteer benchmarks: building the matcher from the built-in files
//! (`load`), and finding mentions in tokenized news text (`find`), on a
//! corpus generated from `corpus/` and on `../shared/wikinews` when present.
//!
//! ```text
//! cargo bench --bench gazetteer -- --warm-up-time 1 --measurement-time 3
//! ```

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsx::gazetteer::{builtin_files, Gazetteer, MatchOptions};
use newsx::tokenize::{Tokenizer, Tokens};

mod common;

/// Place and people names swapped into copies of the seeds so the
/// generated corpus does not repeat one document.
const SWAPS: &[(&str, &[&str])] = &[
    (
        "Russia",
        &["Russia", "China", "Turkey", "France", "Brazil", "India"],
    ),
    (
        "Iran",
        &["Iran", "Egypt", "Japan", "Germany", "Nigeria", "Chile"],
    ),
    (
        "Moscow",
        &["Moscow", "Beijing", "Ankara", "Paris", "Lagos", "Delhi"],
    ),
    (
        "Tehran",
        &["Tehran", "Cairo", "Tokyo", "Berlin", "Abuja", "Lima"],
    ),
    (
        "Sergei Shoigu",
        &["Sergei Shoigu", "John Smith", "Ana Costa"],
    ),
];

/// About `size` bytes of documents made from varied copies of the seeds.
fn generated(size: usize) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut seeds: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                .collect()
        })
        .unwrap_or_default();
    seeds.sort();
    let mut docs = Vec::new();
    let mut total = 0;
    let mut k = 0;
    while total < size && !seeds.is_empty() {
        let mut doc = seeds[k % seeds.len()].clone();
        for (from, to) in SWAPS {
            doc = doc.replace(from, to[(k / seeds.len()) % to.len()]);
        }
        total += doc.len();
        docs.push(doc);
        k += 1;
    }
    docs
}

fn load(c: &mut Criterion) {
    let files = builtin_files();
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.bench_function("builtin", |b| {
        b.iter(|| {
            Gazetteer::from_files(black_box(&files), MatchOptions::default())
                .expect("the built-in gazetteers load")
        })
    });
    group.finish();
}

fn find(c: &mut Criterion) {
    let gazetteer =
        Gazetteer::from_files(&builtin_files(), MatchOptions::default())
            .expect("the built-in gazetteers load");
    let tokenizer = Tokenizer::new();
    let mut group = c.benchmark_group("find");
    group.sample_size(10);
    for (name, docs) in [
        ("generated", generated(4 << 20)),
        ("wikinews", common::wikinews()),
    ] {
        if docs.is_empty() {
            continue;
        }
        let tokens: Vec<Tokens> =
            docs.iter().map(|d| tokenizer.tokenize(d)).collect();
        let bytes: usize = docs.iter().map(String::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut n = 0;
                for (doc, toks) in docs.iter().zip(&tokens) {
                    n += gazetteer.find(black_box(doc), toks).len();
                }
                n
            })
        });
    }
    group.finish();
}

criterion_group!(benches, load, find);
criterion_main!(benches);
