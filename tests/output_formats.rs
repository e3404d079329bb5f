//! `-o` writes the same records in every format: compressed JSON Lines
//! decompress to the plain lines, and a Parquet file holds one row per
//! line with the same values.

mod common;

use std::fs;
use std::io::Read;

use arrow_array::{Array, Float64Array, ListArray, StringArray, StructArray};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use serde_json::Value;

use common::{newsx, root};

#[test]
fn every_format_holds_the_same_records() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = root().join("corpus");
    let corpus = corpus.to_str().unwrap();
    let run = |args: &[&str]| {
        let mut all = vec!["extract", "-q", corpus, "missing.txt"];
        all.extend(args);
        let out = newsx(dir.path(), &all, b"");
        assert_eq!(out.status.code(), Some(1), "{out:?}");
    };
    run(&["-o", "out.jsonl"]);
    run(&["-o", "out.jsonl.gz"]);
    run(&["-o", "out.jsonl.zst"]);
    run(&["-o", "out.parquet"]);
    run(&["-o", "typed.bin", "--format", "parquet"]);
    let plain = fs::read(dir.path().join("out.jsonl")).unwrap();

    let gz = fs::read(dir.path().join("out.jsonl.gz")).unwrap();
    let mut unzipped = Vec::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_end(&mut unzipped)
        .unwrap();
    assert_eq!(unzipped, plain);
    let zst = fs::read(dir.path().join("out.jsonl.zst")).unwrap();
    assert_eq!(zstd::decode_all(&zst[..]).unwrap(), plain);

    let records: Vec<Value> = std::str::from_utf8(&plain)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let values: Vec<String> = records
        .iter()
        .flat_map(|r| r["figures"].as_array().cloned().unwrap_or_default())
        .map(|f| f["value"].to_string())
        .collect();
    assert!(values.len() > 5);
    for name in ["out.parquet", "typed.bin"] {
        let file = fs::File::open(dir.path().join(name)).unwrap();
        let reader = ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .build()
            .unwrap();
        let mut rows = 0;
        let mut exact = Vec::new();
        for batch in reader {
            let batch = batch.unwrap();
            rows += batch.num_rows();
            let ids = batch.column_by_name("id").unwrap();
            let ids = ids.as_any().downcast_ref::<StringArray>().unwrap();
            for (i, record) in
                records[rows - batch.num_rows()..rows].iter().enumerate()
            {
                assert_eq!(ids.is_null(i), record["id"].is_null());
            }
            let figures = batch.column_by_name("figures").unwrap();
            let figures = figures.as_any().downcast_ref::<ListArray>().unwrap();
            let items = figures.values();
            let items = items.as_any().downcast_ref::<StructArray>().unwrap();
            let text = items.column_by_name("value_exact").unwrap();
            let text = text.as_any().downcast_ref::<StringArray>().unwrap();
            let double = items.column_by_name("value").unwrap();
            let double =
                double.as_any().downcast_ref::<Float64Array>().unwrap();
            for i in 0..text.len() {
                exact.push(text.value(i).to_string());
                assert_eq!(
                    double.value(i),
                    text.value(i).parse::<f64>().unwrap()
                );
            }
        }
        assert_eq!(rows, records.len(), "{name}");
        assert_eq!(exact, values, "{name}");
    }
}
