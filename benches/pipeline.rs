//! End-to-end throughput: analysis and record writing over a generated
//! corpus of at least 10 MB and over the Wikinews sample, on one thread and
//! on all threads, plus the tokenizer alone.
//!
//! `NEWSX_WRITE_CORPUS=DIR cargo bench --bench pipeline` writes the generated
//! corpus to DIR as files (for timing the binary as a whole) and exits.

mod common;

use std::hint::black_box;

use criterion::{criterion_group, Criterion, Throughput};
use newsx::clean::{
    document_fingerprints, TemplateCounter, Templates, DEFAULT_MIN_DOCS,
};
use newsx::read::Document;
use newsx::tokenize::Tokenizer;
use newsx::{record, Pipeline};
use rayon::prelude::*;

const CORPUS_BYTES: usize = 10 << 20;

fn documents(texts: &[String]) -> Vec<Document> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| Document {
            id: format!("{i:016x}"),
            path: format!("doc/{i}.txt"),
            bytes: t.len() as u64,
            encoding: "utf-8".into(),
            invalid_bytes: 0,
            text: t.clone(),
            ..Document::default()
        })
        .collect()
}

/// What the binary does per document after reading: analyse and serialise.
fn one(pipeline: &Pipeline, doc: &Document) -> usize {
    one_with(pipeline, doc, None)
}

fn one_with(
    pipeline: &Pipeline,
    doc: &Document,
    templates: Option<&Templates>,
) -> usize {
    let analysis = pipeline.analyze_with(&doc.text, templates);
    let mut line = Vec::with_capacity(doc.text.len() * 2);
    record::write_document(&mut line, doc, &analysis, false)
        .map(|_| line.len())
        .unwrap_or(0)
}

fn end_to_end(c: &mut Criterion, name: &str, docs: &[Document]) {
    if docs.is_empty() {
        return;
    }
    let pipeline = Pipeline::builtin().expect("built-in gazetteers load");
    let bytes: u64 = docs.iter().map(|d| d.bytes).sum();
    let mut group = c.benchmark_group(format!("end_to_end/{name}"));
    group.sample_size(10).throughput(Throughput::Bytes(bytes));
    group.bench_function("1_thread", |b| {
        b.iter(|| docs.iter().map(|d| one(&pipeline, d)).sum::<usize>())
    });
    group.bench_function("1_thread_templates", |b| {
        b.iter(|| with_templates(&pipeline, docs))
    });
    let pool = rayon::ThreadPoolBuilder::new()
        .build()
        .expect("a thread pool");
    let threads = pool.current_num_threads();
    group.bench_function(format!("{threads}_threads"), |b| {
        b.iter(|| {
            pool.install(|| {
                docs.par_iter().map(|d| one(&pipeline, d)).sum::<usize>()
            })
        })
    });
    group.finish();
}

/// `--templates` on one thread: the counting pass over every document,
/// then analysis with template removal.
fn with_templates(pipeline: &Pipeline, docs: &[Document]) -> usize {
    let mut counter = TemplateCounter::new();
    for doc in docs {
        counter.add_fingerprints(&document_fingerprints(&doc.text));
    }
    let templates = counter.finish(DEFAULT_MIN_DOCS);
    docs.iter()
        .map(|d| one_with(pipeline, d, Some(&templates)))
        .sum()
}

fn pipeline_benches(c: &mut Criterion) {
    end_to_end(c, "generated", &documents(&common::generate(CORPUS_BYTES)));
    end_to_end(c, "wikinews", &documents(&common::wikinews()));
}

fn tokenize_bench(c: &mut Criterion) {
    let texts = common::generate(2 << 20);
    let tokenizer = Tokenizer::new();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group("tokenize");
    group
        .sample_size(10)
        .throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("generated", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| tokenizer.tokenize(black_box(t)).tokens.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

fn main() {
    if let Some(dir) = std::env::var_os("NEWSX_WRITE_CORPUS") {
        let n = common::write_corpus(std::path::Path::new(&dir), CORPUS_BYTES)
            .expect("the corpus folder is writable");
        eprintln!("wrote {n} documents to {}", dir.to_string_lossy());
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}

criterion_group!(benches, pipeline_benches, tokenize_bench);
