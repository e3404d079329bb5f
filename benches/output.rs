//! Writing records: Parquet against JSON Lines (plain, gzip, zstd), over
//! the records of a generated corpus and of the Wikinews sample. The
//! records are made once; each iteration writes them all through the
//! sink `-o FILE` uses, into a temporary file renamed into place.
//! The size of each file is printed once per corpus.

mod common;

use std::path::Path;

use criterion::{criterion_group, Criterion, Throughput};
use newsx::output::{Format, Sink};
use newsx::read::Document;
use newsx::{record, Pipeline};

const CORPUS_BYTES: usize = 4 << 20;

/// The JSONL records of `texts`, in chunks as the binary writes them.
fn records(pipeline: &Pipeline, texts: &[String]) -> Vec<Vec<u8>> {
    let lines: Vec<Vec<u8>> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let doc = Document {
                id: format!("{i:016x}"),
                path: format!("doc/{i}.txt"),
                bytes: text.len() as u64,
                encoding: "utf-8".into(),
                text: text.clone(),
                ..Document::default()
            };
            let analysis = pipeline.analyze(&doc.text);
            let mut line = Vec::new();
            record::write_document(&mut line, &doc, &analysis, false)
                .expect("a record serialises");
            line
        })
        .collect();
    lines.chunks(256).map(|c| c.concat()).collect()
}

fn write(chunks: &[Vec<u8>], path: &Path, format: Format) -> u64 {
    let mut sink =
        Sink::open(Some(path), Some(format)).expect("the sink opens");
    for chunk in chunks {
        sink.write(chunk).expect("written");
        sink.flush().expect("flushed");
    }
    sink.finish().expect("finished");
    std::fs::metadata(path).map_or(0, |m| m.len())
}

const FORMATS: [(&str, Format); 4] = [
    ("jsonl", Format::Jsonl),
    ("jsonl.gz", Format::JsonlGz),
    ("jsonl.zst", Format::JsonlZst),
    ("parquet", Format::Parquet),
];

fn formats(c: &mut Criterion, name: &str, texts: &[String]) {
    if texts.is_empty() {
        return;
    }
    let pipeline = Pipeline::builtin().expect("built-in gazetteers load");
    let chunks = records(&pipeline, texts);
    let bytes: usize = chunks.iter().map(Vec::len).sum();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut group = c.benchmark_group(format!("write/{name}"));
    group
        .sample_size(10)
        .throughput(Throughput::Bytes(bytes as u64));
    for (label, format) in FORMATS {
        let path = dir.path().join(format!("out.{label}"));
        let size = write(&chunks, &path, format);
        eprintln!(
            "{name}: {} documents, {label}: {size} bytes ({:.3} of the JSONL)",
            texts.len(),
            size as f64 / bytes as f64
        );
        group.bench_function(label, |b| {
            b.iter(|| write(&chunks, &path, format))
        });
    }
    group.finish();
}

fn bench(c: &mut Criterion) {
    formats(c, "generated", &common::generate(CORPUS_BYTES));
    formats(c, "wikinews", &common::wikinews());
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
