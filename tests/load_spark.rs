//! A Spark job (local mode, tests/loads/spark_job.py) pipes JSONL records
//! through `newsx extract --input-format jsonl -` with `rdd.pipe` and reads
//! the output with the schema `newsx schema --spark` prints: every record,
//! figure and entity comes back, with the sum of the values; 0.5 after
//! 30,000 whole numbers, empty arrays and a 50 MB record included.
//! Skipped, visibly, when PySpark or Java is absent.

mod common;

use std::process::Command;

use common::loads::{fixtures, python_has, run_script};
use common::{newsx, root, skip};

#[test]
fn records_piped_through_spark_load_with_the_schema() {
    let test = "records_piped_through_spark_load_with_the_schema";
    if !python_has("pyspark", test) {
        return;
    }
    if Command::new("java").arg("-version").output().is_err() {
        skip(test, "java is not installed");
        return;
    }
    let ddl = newsx(&root(), &["schema", "--spark"], b"");
    let ddl = String::from_utf8(ddl.stdout).unwrap();
    let fixtures = fixtures();
    let mut args = vec![
        "tests/loads/spark_job.py".to_string(),
        env!("CARGO_BIN_EXE_newsx").to_string(),
        ddl.trim().to_string(),
    ];
    args.extend(fixtures.iter().map(|f| f.input.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let Some(report) = run_script(test, "python3", &args) else {
        return;
    };
    let lines: Vec<serde_json::Value> = report
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), fixtures.len(), "{report}");
    for (f, got) in fixtures.iter().zip(&lines) {
        f.expected.check(got, &format!("Spark {}", f.name));
    }
    common::loads::sanity(&fixtures);
}
