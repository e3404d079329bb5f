//! Every record the suite can produce validates against `newsx schema`,
//! and every field the schema lists turns up in some record: a field added
//! to the writer without the schema, or left in the schema after the
//! writer dropped it, fails here. No string carries a NUL or a lone
//! surrogate (databases refuse both).

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use serde_json::Value;

use common::{newsx, root, shared};

/// Inputs that make every optional field appear, and every error kind a
/// run over files can give.
fn write_fixtures(dir: &Path) {
    let page = r#"<!DOCTYPE html><html lang="en-GB"><head>
<title>Port strike ends - The Courier</title>
<link rel="canonical" href="https://example.org/news/port-strike">
<meta property="og:site_name" content="The Courier">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<meta name="author" content="Jane Smith">
</head><body><article><h1>Port strike ends</h1>
<p>LONDON (Reuters) - Dock workers at Felixstowe ended a strike on Monday
after winning a pay rise of more than 7 percent, the Unite union said.</p>
<p>The strike cost between $3 million and $5 million a day, and about 1,900
workers took part over 40 years of talks with Apple and Barack Obama.</p>
</article></body></html>"#;
    fs::write(dir.join("page.html"), page).unwrap();
    let text = "Prices climb\n\nBy John Smith\n\nBRUSSELS (Reuters) - The \
        European Commission fined Google nearly €2.4 billion on Tuesday, \
        between 3 and 5 million users said, up to 40 percent of them in \
        France.\n\nSubscribe to our newsletter\n";
    fs::write(dir.join("article.txt"), text).unwrap();
    let mut invalid = b"Caf\xe9 owners in Paris paid 300 euros.\n".to_vec();
    invalid
        .extend_from_slice("The café stayed open for “two” days.\n".as_bytes());
    fs::write(dir.join("invalid.txt"), invalid).unwrap();
    fs::write(dir.join("binary.txt"), b"\x00\x01\x02\x03\xff\xfe\x00\x00")
        .unwrap();
    fs::write(dir.join("empty.txt"), " \n\n").unwrap();
    fs::write(dir.join("large.txt"), "word ".repeat(400)).unwrap();
    fs::write(dir.join("nul.txt"), "A note\n\nHello\0world, 5 people.\n")
        .unwrap();
    let jsonl = concat!(
        r#"{"id": 7, "title": "Rates", "text": "The bank raised rates by 0.5 percent.", "#,
        r#""url": "https://example.org/a", "date_download": "2020-01-01 10:00:00", "#,
        r#""authors": ["Ann Lee"]}"#,
        "\n",
        "not json\n",
        r#"{"id": "x", "body": 5}"#,
        "\n",
        r#"{"id": "n", "text": "Nul\u0000 in a record: 3 people."}"#,
        "\n"
    );
    fs::write(dir.join("records.jsonl"), jsonl).unwrap();
}

/// Every record of `newsx extract ARGS` run in `dir`.
fn run(dir: &Path, args: &[&str]) -> Vec<String> {
    let out = newsx(dir, args, b"");
    assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
    String::from_utf8(out.stdout)
        .expect("output is UTF-8")
        .lines()
        .map(str::to_string)
        .collect()
}

/// The dotted paths of the keys in `value` (list items as `name[]`).
fn key_paths(value: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let path = format!("{prefix}{k}");
                key_paths(v, &format!("{path}."), out);
                out.insert(path);
            }
        }
        Value::Array(items) => {
            for item in items {
                key_paths(item, prefix, out);
            }
        }
        _ => {}
    }
}

/// The dotted paths of every field the schema lists.
fn schema_paths() -> BTreeSet<String> {
    use newsx::schema::{Field, Kind, DOCUMENT, ERROR_RECORD};
    fn walk(fields: &[Field], prefix: &str, out: &mut BTreeSet<String>) {
        for f in fields {
            let path = format!("{prefix}{}", f.name);
            if let Kind::Object(inner) | Kind::List(Kind::Object(inner)) =
                &f.kind
            {
                walk(inner, &format!("{path}."), out);
            }
            out.insert(path);
        }
    }
    let mut out = BTreeSet::new();
    walk(DOCUMENT, "", &mut out);
    walk(ERROR_RECORD, "", &mut out);
    out
}

fn check_strings(value: &Value, line: &str) {
    match value {
        Value::String(s) => assert!(!s.contains('\0'), "a NUL in {line:.300}"),
        Value::Array(items) => {
            items.iter().for_each(|v| check_strings(v, line))
        }
        Value::Object(map) => map.values().for_each(|v| check_strings(v, line)),
        _ => {}
    }
}

#[test]
fn every_record_validates_and_every_field_is_emitted() {
    let schema: Value = {
        let out = newsx(&root(), &["schema"], b"");
        assert!(out.status.success());
        serde_json::from_slice(&out.stdout).expect("the schema is JSON")
    };
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");

    let tmp = tempfile::tempdir().unwrap();
    write_fixtures(tmp.path());
    let dir = tmp.path();
    let mut lines = run(&root(), &["extract", "-q", "--spans", "corpus"]);
    let golden = fs::read_to_string(root().join("tests/golden/corpus.jsonl"));
    lines.extend(golden.unwrap().lines().map(str::to_string));
    let mut args = vec!["extract", "-q", "--spans", "--max-bytes", "1K", "."];
    args.extend(["--ext", "txt,html,jsonl"]);
    lines.extend(run(dir, &args));
    lines.extend(run(dir, &["extract", "-q", "missing.txt", "-"]));
    for (name, args) in [
        ("dev/boilerplate", &["--ext", "html,txt"][..]),
        ("wikinews", &[][..]),
    ] {
        let Some(path) = shared(name, "schema validation of real pages") else {
            continue;
        };
        let path = path.to_str().unwrap();
        let mut all = vec!["extract", "-q", path];
        all.extend(args);
        lines.extend(run(&root(), &all));
    }

    let mut seen = BTreeSet::new();
    let mut kinds = BTreeSet::new();
    for line in &lines {
        assert!(
            !line.contains("\\u0000") && !line.contains("\\ud"),
            "a NUL or surrogate escape in {line:.300}"
        );
        let record: Value = serde_json::from_str(line).expect("JSON");
        let errors: Vec<String> = validator
            .iter_errors(&record)
            .map(|e| format!("{e} at {}", e.instance_path))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}\nin {line:.500}");
        check_strings(&record, line);
        key_paths(&record, "", &mut seen);
        if let Some(kind) = record.pointer("/error/kind") {
            kinds.insert(kind.as_str().unwrap().to_string());
        }
    }
    let listed = schema_paths();
    let missing: Vec<_> = listed.difference(&seen).collect();
    assert!(missing.is_empty(), "no record carried {missing:?}");
    let unlisted: Vec<_> = seen.difference(&listed).collect();
    assert!(unlisted.is_empty(), "the schema lacks {unlisted:?}");
    for kind in [
        "binary",
        "empty",
        "too_large",
        "not_found",
        "malformed",
        "no_text",
    ] {
        assert!(kinds.contains(kind), "no {kind} error record: {kinds:?}");
    }
    assert!(lines.len() > 10, "{} records", lines.len());
}

#[test]
fn the_schema_rejects_what_is_not_a_record() {
    let out = newsx(&root(), &["schema"], b"");
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let bad = [
        r#"{"id": "x", "path": "p"}"#,
        r#"{"id": null, "path": "p", "error": {"kind": "binary"}}"#,
        r#"{"id": "x", "path": "p", "error": {"kind": "k", "message": "m"}, "extra": 1}"#,
    ];
    for line in bad {
        let value: Value = serde_json::from_str(line).unwrap();
        assert!(!validator.is_valid(&value), "{line} passed");
    }
    let good =
        r#"{"id": null, "path": "p", "error": {"kind": "k", "message": "m"}}"#;
    assert!(validator.is_valid(&serde_json::from_str(good).unwrap()));
}

#[test]
fn duckdb_and_spark_schemas_come_from_the_same_fields() {
    let duck = newsx(&root(), &["schema", "--duckdb"], b"");
    let duck = String::from_utf8(duck.stdout).unwrap();
    let spark = newsx(&root(), &["schema", "--spark"], b"");
    let spark = String::from_utf8(spark.stdout).unwrap();
    for f in newsx::schema::columns() {
        assert!(duck.contains(&format!("'{}': '", f.name)), "{duck}");
        assert!(spark.contains(&format!("`{}` ", f.name)), "{spark}");
    }
}

#[test]
fn the_readme_gives_the_recipes_the_load_tests_run() {
    let read = |p: &str| fs::read_to_string(root().join(p)).unwrap();
    let readme = read("README.md");
    let recipes = [
        (
            "tests/loads/duckdb_load.py",
            "maximum_object_size = 1073741824",
        ),
        ("tests/loads/duckdb_load.py", "format = 'newline_delimited'"),
        (
            "tests/load_postgres.rs",
            "WITH (FORMAT csv, QUOTE E'\\\\x01', DELIMITER E'\\\\x02')",
        ),
        (
            "tests/loads/spark_job.py",
            "extract -q --input-format jsonl -; test $? -le 1",
        ),
        ("tests/loads/spark_job.py", "checkCode=True"),
    ];
    for (script, recipe) in recipes {
        let in_script = read(script).contains(recipe);
        let readme_form = recipe.replace("\\\\", "\\");
        assert!(in_script, "{script} no longer runs {recipe}");
        assert!(readme.contains(&readme_form), "README lacks {readme_form}");
    }
    for script in [
        "duckdb_load.py",
        "postgres.sql",
        "postgres_report.sql",
        "spark_job.py",
    ] {
        assert!(
            readme.contains(&format!("tests/loads/{script}")),
            "{script}"
        );
    }
}
