//! Helpers shared by the integration tests: run the real binary, check that
//! records keep their offset contract.

#![allow(dead_code)]

pub mod loads;
pub mod score;
pub mod shapes;
pub mod shingles;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use newsx::read::Document;
use newsx::{record, Analysis, Pipeline};
use serde_json::Value;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Says where a person sees it that `test` was skipped, and why. The test
/// harness captures `println!` and `eprintln!`; a direct write to the
/// process's standard error is not captured, so the line shows in every
/// `cargo test` run.
pub fn skip(test: &str, why: &str) {
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {why}");
}

/// `../shared/NAME` beside the checkout when it is there; otherwise says
/// (see [`skip`]) that `test` skips what needs it, and gives `None`.
/// `NEWSX_SHARED` names another folder in place of `../shared`.
pub fn shared(name: &str, test: &str) -> Option<PathBuf> {
    let base = std::env::var_os("NEWSX_SHARED")
        .map_or_else(|| root().join("../shared"), PathBuf::from);
    let dir = base.join(name);
    if dir.is_dir() {
        return Some(dir);
    }
    skip(test, &format!("{} is absent", dir.display()));
    None
}

/// Runs `newsx ARGS` in `dir` with `stdin` as its standard input.
pub fn newsx(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsx"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the newsx binary starts");
    let mut input = child.stdin.take().expect("stdin is piped");
    input.write_all(stdin).expect("stdin accepts the input");
    drop(input);
    child.wait_with_output().expect("newsx finishes")
}

/// The JSONL records of a run's stdout.
pub fn records(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .expect("stdout is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("every line is JSON"))
        .collect()
}

/// Code points `start..end` of `text`, as Python would slice them.
pub fn slice_chars(text: &str, start: u64, end: u64) -> String {
    let (start, end) = (start as usize, end as usize);
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

/// Asserts that every entity and figure slices `text` at its offsets, that
/// items are in text order, and that `--spans` pairs are in bounds. Code
/// points are indexed once, so the check is linear in the record.
pub fn assert_offsets(record: &Value) {
    let text = record["text"].as_str().expect("a document record has text");
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let len = (bytes.len() - 1) as u64;
    for key in ["entities", "figures"] {
        let mut last = 0;
        for item in record[key].as_array().expect("an array") {
            let (s, e) = (
                item["start"].as_u64().unwrap(),
                item["end"].as_u64().unwrap(),
            );
            assert!(
                s <= e && e <= len,
                "{key} offsets {s}..{e} out of 0..{len}"
            );
            assert!(s >= last, "{key} out of text order at {s}");
            last = s;
            assert_eq!(
                &text[bytes[s as usize]..bytes[e as usize]],
                item["text"].as_str().unwrap(),
                "{key} item does not slice text at {s}..{e}"
            );
        }
    }
    for key in ["sentences", "tokens"] {
        if let Some(pairs) = record.get(key).and_then(Value::as_array) {
            for pair in pairs {
                let (s, e) =
                    (pair[0].as_u64().unwrap(), pair[1].as_u64().unwrap());
                assert!(
                    s < e && e <= len,
                    "{key} pair {s}..{e} out of 0..{len}"
                );
            }
        }
    }
}

/// Analyses `text` as a document would be, writes its record with
/// `--spans`, and checks the record's offsets from the outside.
pub fn analyse_and_check(
    pipeline: &Pipeline,
    text: String,
    encoding: String,
    bytes: u64,
) -> Analysis {
    let analysis = pipeline.analyze(&text);
    let doc = Document {
        id: "0".repeat(16),
        path: "p".into(),
        bytes,
        encoding,
        invalid_bytes: 0,
        text,
        ..Document::default()
    };
    let mut line = Vec::new();
    record::write_document(&mut line, &doc, &analysis, true)
        .expect("a record serialises");
    let value: Value =
        serde_json::from_slice(&line).expect("the record is JSON");
    assert_offsets(&value);
    analysis
}

/// `a / b`, or 1.0 when there is nothing to divide by (no prediction means
/// no wrong prediction; no gold item means nothing to miss).
pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// The harmonic mean of precision `p` and recall `r` (0 when both are 0).
pub fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// The files of `dir` whose extension is `ext`, sorted by path, so every
/// run reads them in the same order.
pub fn files_with_extension(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    paths.sort();
    paths
}
