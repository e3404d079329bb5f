//! The JSONL (read_json with the columns `newsx schema --duckdb` prints)
//! and the Parquet file load into DuckDB with every record, every figure
//! and the exact sum of their values; 0.5 after 30,000 whole numbers stays
//! 0.5, a file with only empty arrays loads, and so does a 50 MB record.
//! Skipped, visibly, when the Python package duckdb is absent.

mod common;

use common::loads::{fixtures, python_has, run_script};
use common::{newsx, root};

#[test]
fn jsonl_and_parquet_load_into_duckdb() {
    let test = "jsonl_and_parquet_load_into_duckdb";
    if !python_has("duckdb", test) {
        return;
    }
    let columns = newsx(&root(), &["schema", "--duckdb"], b"");
    let columns = String::from_utf8(columns.stdout).unwrap();
    let fixtures = fixtures();
    let mut args = vec![
        "tests/loads/duckdb_load.py".to_string(),
        columns.trim().to_string(),
    ];
    for f in &fixtures {
        args.push(f.jsonl.display().to_string());
        args.push(f.parquet.display().to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let Some(report) = run_script(test, "python3", &args) else {
        return;
    };
    let lines: Vec<serde_json::Value> = report
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2 * fixtures.len(), "{report}");
    for (f, got) in fixtures.iter().zip(lines.chunks(2)) {
        f.expected
            .check(&got[0], &format!("DuckDB read_json {}", f.name));
        f.expected
            .check(&got[1], &format!("DuckDB read_parquet {}", f.name));
    }
    common::loads::sanity(&fixtures);
}
