//! Figure extraction alone, on news text already tokenized.
//!
//! The input is the bundled `corpus/` plus `../shared/wikinews` when it is
//! present, repeated in rotating order into about 4 MB of documents. Text
//! is tokenized before timing, so the throughput is that of the figures
//! stage only (bytes of text per second).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsx::figures::{FigureExtractor, FigureOptions};
use newsx::tokenize::{Tokenizer, Tokens};

mod common;

/// Target size of the benchmark input.
const TARGET_BYTES: usize = 4 << 20;

/// The documents, repeated with a rotating start so neighbours differ.
fn documents() -> Vec<String> {
    let mut base = common::seeds();
    base.extend(common::wikinews());
    assert!(!base.is_empty(), "no corpus text found");
    let mut docs = Vec::new();
    let mut total = 0;
    let mut round = 0;
    while total < TARGET_BYTES {
        for k in 0..base.len() {
            let doc = &base[(k + round) % base.len()];
            total += doc.len();
            docs.push(doc.clone());
        }
        round += 1;
    }
    docs
}

fn bench_figures(c: &mut Criterion) {
    let docs = documents();
    let tokenizer = Tokenizer::new();
    let tokenized: Vec<(&str, Tokens)> = docs
        .iter()
        .map(|d| (d.as_str(), tokenizer.tokenize(d)))
        .collect();
    let bytes: usize = docs.iter().map(String::len).sum();
    let extractor = FigureExtractor::new(FigureOptions::default());
    let mut group = c.benchmark_group("figures");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("extract_news", |b| {
        b.iter(|| {
            let mut n = 0;
            for (text, tokens) in &tokenized {
                n += extractor.extract(text, tokens, &[]).len();
            }
            black_box(n)
        })
    });
    group.finish();
}

criterion_group!(benches, bench_figures);
criterion_main!(benches);
