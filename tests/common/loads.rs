//! The files the database load tests load, and what each must give.
//!
//! Every fixture starts as JSONL input records (what a scraper writes),
//! goes through the real binary (`--input-format jsonl`) into `.jsonl` and
//! `.parquet`, and its expected figures are computed from the `.jsonl`:
//! - `mixed`: the corpus articles as records, one malformed line (an error
//!   record) and one record with a NUL in its text;
//! - `half`: 30,000 records whose figures are whole numbers, then one whose
//!   figure is 0.5, the case where type inference once loaded 0.5 as 0;
//! - `empty`: records with no entity, figure or removed line and no title;
//! - `big`: one document whose record is over 50 MB.
//!
//! They are built once per binary and kept under the target's temporary
//! folder, since three test binaries load them.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{json, Value};

/// One fixture: its input and both outputs, and what they must load as.
pub struct Fixture {
    /// Its name.
    pub name: &'static str,
    /// The JSONL input records (what the Spark job pipes through newsx).
    pub input: PathBuf,
    /// newsx's JSONL output.
    pub jsonl: PathBuf,
    /// newsx's Parquet output.
    pub parquet: PathBuf,
    /// What a load must give.
    pub expected: Expected,
}

/// What loading a fixture must give.
#[derive(Debug)]
pub struct Expected {
    /// Records (rows).
    pub rows: u64,
    /// Error records.
    pub errors: u64,
    /// Figures in all records.
    pub figures: u64,
    /// Entities in all records.
    pub entities: u64,
    /// The sum of every figure's value.
    pub sum: f64,
    /// The first ten figure values of the last record, in order.
    pub last: Vec<f64>,
}

impl Expected {
    /// Asserts that `got` (a script's JSON answer for this fixture, keys
    /// as the fields here) says the same, `what` naming the load.
    pub fn check(&self, got: &Value, what: &str) {
        let n = |k: &str| {
            got[k]
                .as_u64()
                .unwrap_or_else(|| panic!("{what}: no {k} in {got}"))
        };
        assert_eq!(n("rows"), self.rows, "{what}: rows");
        assert_eq!(n("errors"), self.errors, "{what}: error records");
        assert_eq!(n("figures"), self.figures, "{what}: figures");
        assert_eq!(n("entities"), self.entities, "{what}: entities");
        let sum = got["sum"].as_f64().unwrap_or(0.0);
        let tolerance = 1e-9 * self.sum.abs().max(1.0);
        assert!(
            (sum - self.sum).abs() <= tolerance,
            "{what}: sum {sum} != {}",
            self.sum
        );
        let last: Vec<f64> = got["last"]
            .as_array()
            .unwrap_or_else(|| panic!("{what}: no last in {got}"))
            .iter()
            .map(|v| v.as_f64().expect("a number"))
            .collect();
        assert_eq!(last, self.last, "{what}: the last record's values");
    }
}

/// The fixtures, built by `newsx` (the binary under test) on first use.
pub fn fixtures() -> Vec<Fixture> {
    let newsx = Path::new(env!("CARGO_BIN_EXE_newsx"));
    let meta = fs::metadata(newsx).expect("the newsx binary exists");
    let stamp = format!(
        "{}-{}",
        meta.len(),
        meta.modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_secs())
    );
    let dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("loads-{stamp}"));
    let names = ["mixed", "half", "empty", "big"];
    if !dir.join("done").exists() {
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        for name in names {
            build(newsx, &dir, name);
        }
        fs::write(dir.join("done"), "").unwrap();
    }
    names
        .into_iter()
        .map(|name| {
            let jsonl = dir.join(format!("{name}.jsonl"));
            let expected = expect(&jsonl);
            Fixture {
                name,
                input: dir.join(format!("{name}.in.jsonl")),
                jsonl,
                parquet: dir.join(format!("{name}.parquet")),
                expected,
            }
        })
        .collect()
}

/// Writes the input of fixture `name` and runs newsx on it.
fn build(newsx: &Path, dir: &Path, name: &str) {
    let input = dir.join(format!("{name}.in.jsonl"));
    fs::write(&input, input_records(name)).unwrap();
    for ext in ["jsonl", "parquet"] {
        let out = dir.join(format!("{name}.{ext}"));
        let status = Command::new(newsx)
            .args(["extract", "-q", "--input-format", "jsonl"])
            .arg(&input)
            .arg("-o")
            .arg(&out)
            .stdin(Stdio::null())
            .status()
            .expect("newsx runs");
        assert!(status.code().is_some_and(|c| c <= 1), "{name}: {status}");
    }
}

/// The JSONL input records of fixture `name`.
fn input_records(name: &str) -> String {
    let record = |text: &str| format!("{}\n", json!({ "text": text }));
    match name {
        "mixed" => {
            let mut s = String::new();
            let corpus = super::root().join("corpus");
            let mut paths: Vec<_> = fs::read_dir(corpus)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            paths.sort();
            for (i, path) in paths.iter().enumerate() {
                let text = fs::read_to_string(path).unwrap();
                s += &format!("{}\n", json!({ "id": i, "text": text }));
            }
            s += "this line is not JSON\n";
            s += &record(
                "A NUL\u{0} here: the firm paid $2.5 million to 40 workers.",
            );
            s
        }
        "half" => {
            let mut s: String = (0..30_000)
                .map(|i| {
                    record(&format!("The company hired {} workers.", i + 1))
                })
                .collect();
            s += &record("Inflation rose 0.5 percent in May.");
            s
        }
        "empty" => (0..50)
            .map(|i| {
                record(&format!(
                    "the cat sat on mat number {}",
                    "x".repeat(i % 7 + 1)
                ))
            })
            .collect(),
        "big" => {
            let sentence = "The firm paid $1.5 million to 300 workers in Paris on Monday. ";
            record(&sentence.repeat(140_000))
        }
        _ => unreachable!("no fixture {name}"),
    }
}

/// What `jsonl` must load as, computed from its lines.
fn expect(jsonl: &Path) -> Expected {
    let text = fs::read_to_string(jsonl).unwrap();
    let mut e = Expected {
        rows: 0,
        errors: 0,
        figures: 0,
        entities: 0,
        sum: 0.0,
        last: Vec::new(),
    };
    for line in text.lines() {
        let record: Value = serde_json::from_str(line).unwrap();
        e.rows += 1;
        e.errors += u64::from(record.get("error").is_some());
        let empty = Vec::new();
        let figures = record["figures"].as_array().unwrap_or(&empty);
        e.figures += figures.len() as u64;
        e.entities +=
            record["entities"].as_array().map_or(0, |a| a.len()) as u64;
        let values = figures.iter().map(|f| f["value"].as_f64().unwrap());
        e.sum += values.clone().sum::<f64>();
        e.last = values.take(10).collect();
    }
    e
}

/// Runs `program args`, returning its stdout, or `None` (after saying
/// so, see [`super::skip`]) when the program is missing.
pub fn run_script(test: &str, program: &str, args: &[&str]) -> Option<String> {
    let out = match Command::new(program).args(args).output() {
        Ok(out) => out,
        Err(e) => {
            super::skip(test, &format!("cannot run {program}: {e}"));
            return None;
        }
    };
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    Some(String::from_utf8(out.stdout).expect("UTF-8 output"))
}

/// True when `python3 -c "import MODULE"` works; else says `test` skips.
pub fn python_has(module: &str, test: &str) -> bool {
    let ok = Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        super::skip(
            test,
            &format!("the Python package {module} is not installed"),
        );
    }
    ok
}

/// Asserts that the fixtures are what their names say, so a load test
/// cannot pass on files that lost their point.
pub fn sanity(fixtures: &[Fixture]) {
    for f in fixtures {
        let e = &f.expected;
        match f.name {
            "mixed" => assert!(
                e.errors == 1 && e.figures > 5 && e.entities > 5,
                "{e:?}"
            ),
            "half" => {
                assert_eq!(e.rows, 30_001);
                assert_eq!(e.last, [0.5]);
            }
            "empty" => {
                assert!(e.rows == 50 && e.figures + e.entities == 0, "{e:?}")
            }
            "big" => {
                let size = fs::metadata(&f.jsonl).unwrap().len();
                assert!(e.rows == 1 && size > 50_000_000, "{size} bytes");
            }
            _ => {}
        }
    }
}
