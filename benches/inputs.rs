//! Reading speed of the record formats next to the pipeline's: JSONL
//! (plain, gzip, zstd) and WARC (plain, and a gzip member per record, as
//! crawlers write it) read into documents, and the same JSONL read,
//! analysed and written on all threads. Reading must not be the
//! bottleneck: its MB/s should be many times the pipeline's.
//!
//! Throughput is in decompressed bytes of input. The inputs are built from
//! the generated benchmark corpus (`benches/common`), in the shapes
//! trafilatura and crawlers write.

mod common;

use std::io::{Cursor, Write};
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsx::read::{open_reader, InputFormat, ReadOptions};
use newsx::{record, Pipeline};
use rayon::prelude::*;

const CORPUS_BYTES: usize = 4 << 20;

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(
        Vec::new(),
        flate2::Compression::default(),
    );
    gz.write_all(data).expect("writes to memory");
    gz.finish().expect("writes to memory")
}

/// One JSONL line per article, with trafilatura's fields.
fn jsonl(texts: &[String]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let title = text.lines().next().unwrap_or("");
        let record = serde_json::json!({
            "id": i, "title": title, "url": format!("https://example.com/{i}"),
            "date": "2024-01-02", "text": text,
        });
        serde_json::to_writer(&mut out, &record).expect("writes to memory");
        out.push(b'\n');
    }
    out
}

/// A WARC of request and response records, each response an HTML page;
/// with `members`, one gzip member per record.
fn warc(texts: &[String], members: bool) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let paras: String = text
            .split("\n\n")
            .map(|p| format!("<p>{p}</p>\n"))
            .collect();
        let page =
            format!("<html><body><article>{paras}</article></body></html>");
        let http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\
             Content-Length: {}\r\n\r\n{page}",
            page.len()
        );
        let uri = format!("https://example.com/{i}");
        let request = format!("GET /{i} HTTP/1.1\r\nHost: example.com\r\n\r\n");
        for (kind, block) in [("request", request), ("response", http)] {
            let record = format!(
                "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
                 WARC-Date: 2024-01-02T03:04:05Z\r\n\
                 Content-Type: application/http; msgtype={kind}\r\n\
                 Content-Length: {}\r\n\r\n{block}\r\n\r\n",
                block.len()
            );
            match members {
                true => out.extend(gzip(record.as_bytes())),
                false => out.extend_from_slice(record.as_bytes()),
            }
        }
    }
    out
}

/// Reads every document of `bytes`; the number of text bytes read.
fn read(bytes: &Arc<[u8]>, format: InputFormat) -> usize {
    let options = ReadOptions {
        format,
        ..ReadOptions::default()
    };
    let docs = open_reader(Cursor::new(bytes.clone()), "b".into(), &options);
    docs.map(|d| d.map_or(0, |d| d.text.len())).sum()
}

fn reading(c: &mut Criterion) {
    let texts = common::generate(CORPUS_BYTES);
    let lines = jsonl(&texts);
    let plain_warc = warc(&texts, false);
    let cases: Vec<(&str, usize, Vec<u8>, InputFormat)> = vec![
        ("jsonl", lines.len(), lines.clone(), InputFormat::Jsonl),
        ("jsonl_gz", lines.len(), gzip(&lines), InputFormat::Jsonl),
        (
            "jsonl_zst",
            lines.len(),
            zstd::encode_all(&lines[..], 3).expect("compresses"),
            InputFormat::Jsonl,
        ),
        (
            "warc",
            plain_warc.len(),
            plain_warc.clone(),
            InputFormat::Warc,
        ),
        (
            "warc_gz_members",
            plain_warc.len(),
            warc(&texts, true),
            InputFormat::Warc,
        ),
    ];
    let mut group = c.benchmark_group("read");
    group.sample_size(20);
    for (name, raw_len, bytes, format) in cases {
        let bytes: Arc<[u8]> = bytes.into();
        group.throughput(Throughput::Bytes(raw_len as u64));
        group.bench_function(name, |b| b.iter(|| read(&bytes, format)));
    }
    group.finish();
}

/// The JSONL read, analysed and written as `newsx extract` does it, on
/// all threads: the pipeline's MB/s, to set the reader's beside.
fn pipeline(c: &mut Criterion) {
    let texts = common::generate(CORPUS_BYTES / 4);
    let lines: Arc<[u8]> = jsonl(&texts).into();
    let pipeline = Pipeline::builtin().expect("built-in gazetteers load");
    let pool = rayon::ThreadPoolBuilder::new().build().expect("a pool");
    let mut group = c.benchmark_group("read_and_analyse");
    group
        .sample_size(10)
        .throughput(Throughput::Bytes(lines.len() as u64));
    let threads = pool.current_num_threads();
    group.bench_function(format!("jsonl_{threads}_threads"), |b| {
        b.iter(|| {
            let options = ReadOptions {
                format: InputFormat::Jsonl,
                ..ReadOptions::default()
            };
            let docs: Vec<_> =
                open_reader(Cursor::new(lines.clone()), "b".into(), &options)
                    .filter_map(Result::ok)
                    .collect();
            pool.install(|| {
                docs.par_iter()
                    .map(|doc| {
                        let analysis = pipeline.analyze_document(doc, None);
                        let mut line = Vec::new();
                        let _ = record::write_document(
                            &mut line, doc, &analysis, false,
                        );
                        line.len()
                    })
                    .sum::<usize>()
            })
        })
    });
    group.finish();
}

criterion_group!(benches, reading, pipeline);
criterion_main!(benches);
