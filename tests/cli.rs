//! End-to-end tests of the `newsx extract` command line, on the real binary.

mod common;

use std::fs;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::{assert_offsets, newsx, records, root};
use serde_json::Value;

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(path, bytes).unwrap();
}

const GOOD: &str =
    "Ministers meet in Moscow\n\nMore than 3,600 sanctions were imposed \
on Iran, officials said on Monday.\n";

#[test]
fn bad_inputs_become_error_records_and_the_rest_survives() {
    let dir = temp();
    let d = dir.path();
    // "Café: naïve résumé – €5" in Windows-1252.
    write(d, "docs/a_cp1252.txt", b"Caf\xe9 owners in K\xf6ln said: \x93na\xefve r\xe9sum\xe9\x94 \x96 \x805 each.\n");
    write(
        d,
        "docs/b_binary.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    );
    write(d, "docs/c_empty.txt", b"");
    std::os::unix::fs::symlink(
        d.join("nowhere.txt"),
        d.join("docs/d_dangling.txt"),
    )
    .unwrap();
    write(d, "docs/e_good.txt", GOOD.as_bytes());
    let out = newsx(d, &["extract", "-q", "docs"], b"");
    assert_eq!(out.status.code(), Some(1), "some documents failed");
    let recs = records(&out);
    let paths: Vec<&str> =
        recs.iter().map(|r| r["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        [
            "docs/a_cp1252.txt",
            "docs/b_binary.txt",
            "docs/c_empty.txt",
            "docs/d_dangling.txt",
            "docs/e_good.txt"
        ]
    );
    assert_eq!(recs[0]["stats"]["encoding"], "windows-1252");
    assert_eq!(
        recs[0]["text"],
        "Café owners in Köln said: “naïve résumé” – €5 each."
    );
    let kinds: Vec<&str> = recs[1..4]
        .iter()
        .map(|r| r["error"]["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["binary", "empty", "not_found"]);
    assert!(
        recs[1]["id"].is_string(),
        "a read file keeps its content id"
    );
    assert!(recs[3]["id"].is_null(), "an unread file has no id");
    assert!(recs[4]["error"].is_null());
    assert!(recs[4]["text"]
        .as_str()
        .unwrap()
        .contains("3,600 sanctions"));
    assert!(out.stderr.is_empty(), "-q prints nothing");
}

#[test]
fn utf16_with_bom_is_decoded() {
    let dir = temp();
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "Grüße aus Köln.\n".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    write(dir.path(), "u.txt", &bytes);
    let out = newsx(dir.path(), &["extract", "-q", "u.txt"], b"");
    assert_eq!(out.status.code(), Some(0));
    let rec = &records(&out)[0];
    assert_eq!(rec["text"], "Grüße aus Köln.");
    assert_eq!(rec["stats"]["encoding"], "utf-16le");
}

#[test]
fn too_large_files_are_refused_by_max_bytes() {
    let dir = temp();
    write(dir.path(), "big.txt", GOOD.as_bytes());
    let out = newsx(
        dir.path(),
        &["extract", "-q", "--max-bytes", "20", "big.txt"],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    let rec = &records(&out)[0];
    assert_eq!(rec["error"]["kind"], "too_large");
    assert_eq!(rec["path"], "big.txt");
}

#[test]
fn a_missing_path_is_an_error_record_and_exit_code_1() {
    let dir = temp();
    write(dir.path(), "ok.txt", GOOD.as_bytes());
    let out = newsx(dir.path(), &["extract", "missing.txt", "ok.txt"], b"");
    assert_eq!(out.status.code(), Some(1));
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["error"]["kind"], "not_found");
    assert_eq!(recs[0]["path"], "missing.txt");
    assert_eq!(recs[1]["path"], "ok.txt");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("newsx: missing.txt: no such file"),
        "{stderr}"
    );
    assert!(
        stderr.contains("2 documents, 1 errors"),
        "summary line: {stderr}"
    );
}

#[test]
fn no_document_found_is_exit_code_1() {
    let dir = temp();
    write(dir.path(), "notes.md", b"# not taken by default\n");
    let out = newsx(dir.path(), &["extract", "."], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let out =
        newsx(dir.path(), &["extract", "-q", "--ext", "txt,md", "."], b"");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(records(&out)[0]["path"], "./notes.md");
}

#[test]
fn walk_order_hidden_entries_and_duplicates() {
    let dir = temp();
    let d = dir.path();
    for name in [
        "b/2.txt",
        "a/9.txt",
        "a/10.txt",
        ".hidden/x.txt",
        "a/.h.txt",
        "a/skip.md",
    ] {
        write(d, name, GOOD.as_bytes());
    }
    write(d, "named.md", GOOD.as_bytes());
    std::os::unix::fs::symlink(d.join("a"), d.join("b/link")).unwrap();
    let out = newsx(d, &["extract", "-q", ".", "named.md", "a/9.txt"], b"");
    assert_eq!(out.status.code(), Some(0));
    let paths: Vec<String> = records(&out)
        .iter()
        .map(|r| r["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths, ["./a/10.txt", "./a/9.txt", "./b/2.txt", "named.md"]);
}

#[test]
fn symlink_loops_are_reported_not_followed_forever() {
    let dir = temp();
    let d = dir.path();
    write(d, "top/doc.txt", GOOD.as_bytes());
    std::os::unix::fs::symlink(d.join("top"), d.join("top/loop")).unwrap();
    let out = newsx(d, &["extract", "-q", "top"], b"");
    let recs = records(&out);
    assert_eq!(recs.len(), 2, "{recs:?}");
    assert_eq!(recs[0]["path"], "top/doc.txt");
    assert_eq!(recs[1]["error"]["kind"], "walk");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn stdin_is_one_document_named_dash() {
    let out = newsx(&root(), &["extract", "-q", "-"], GOOD.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["path"], "-");
}

#[test]
fn output_file_is_written_whole_and_nothing_else_is_left() {
    let dir = temp();
    let d = dir.path();
    write(d, "in/doc.txt", GOOD.as_bytes());
    fs::create_dir(d.join("out")).unwrap();
    let out = newsx(d, &["extract", "-q", "-o", "out/r.jsonl", "in"], b"");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty(), "records go to the file, not stdout");
    let names: Vec<_> = fs::read_dir(d.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["r.jsonl"], "no temporary file is left behind");
    let text = fs::read_to_string(d.join("out/r.jsonl")).unwrap();
    assert_eq!(text.lines().count(), 1);
}

#[test]
fn unwritable_output_is_fatal() {
    let dir = temp();
    write(dir.path(), "doc.txt", GOOD.as_bytes());
    let out = newsx(
        dir.path(),
        &["extract", "-o", "no/such/dir/r.jsonl", "doc.txt"],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("newsx: cannot write no/such/dir/r.jsonl"),
        "{stderr}"
    );
}

#[test]
fn bad_flags_are_exit_code_2() {
    let dir = temp();
    for args in [
        &["extract", "--threads", "0", "x"][..],
        &["extract", "--max-bytes", "lots", "x"],
        &["extract", "--bogus", "x"],
        &["extract"],
    ] {
        let out = newsx(dir.path(), args, b"");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn a_gazetteer_that_does_not_load_is_fatal_with_path_and_line() {
    let dir = temp();
    let d = dir.path();
    write(d, "doc.txt", GOOD.as_bytes());
    write(d, "gaz/extra.tsv", b"id\ttype\tname\taliases\tsource\tnotes\ncurated:x\tplanet\tMars\t\tcurated\t\n");
    let out = newsx(d, &["extract", "-g", "gaz", "doc.txt"], b"");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("gaz/extra.tsv:2:"), "{stderr}");
}

#[test]
fn user_gazetteers_add_names_and_can_stand_alone() {
    let dir = temp();
    let d = dir.path();
    write(
        d,
        "doc.txt",
        b"Officials of Zyxwar Dynamics met in Moscow.\n",
    );
    write(d, "gaz/extra.tsv", b"id\ttype\tname\taliases\tsource\tnotes\ncurated:zyxwar\torganization\tZyxwar Dynamics\t\tcurated\t\n");
    let out = newsx(
        d,
        &[
            "extract",
            "-q",
            "-g",
            "gaz",
            "--no-builtin-gazetteers",
            "doc.txt",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    let rec = &records(&out)[0];
    let names: Vec<&str> = rec["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Zyxwar Dynamics"], "only the user's file is loaded");
}

#[test]
fn version_names_the_schema() {
    let out = newsx(&root(), &["--version"], b"");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(env!("CARGO_PKG_VERSION"))
            && text.contains("record schema 1"),
        "{text}"
    );
    let out = newsx(&root(), &["extract", "--help"], b"");
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in [
        "--output",
        "--gazetteers",
        "--threads",
        "--max-bytes",
        "--spans",
        "--quiet",
        "--ext",
    ] {
        assert!(help.contains(flag), "--help explains {flag}");
    }
}

#[test]
fn spans_are_code_point_pairs_that_slice_the_text() {
    let out = newsx(&root(), &["extract", "-q", "--spans", "corpus"], b"");
    assert_eq!(out.status.code(), Some(0));
    for rec in records(&out) {
        assert_offsets(&rec);
        let text = rec["text"].as_str().unwrap();
        let tokens = rec["tokens"].as_array().unwrap();
        assert_eq!(
            tokens.len() as u64,
            rec["stats"]["words"].as_u64().unwrap()
        );
        let first = &tokens[0];
        let word = common::slice_chars(
            text,
            first[0].as_u64().unwrap(),
            first[1].as_u64().unwrap(),
        );
        assert!(word.chars().all(char::is_alphanumeric), "{word:?}");
        assert_eq!(
            rec["sentences"].as_array().unwrap().len() as u64,
            rec["stats"]["sentences"].as_u64().unwrap()
        );
    }
}

/// Writes `n` varied copies of the seed articles under `dir`.
fn many_documents(dir: &std::path::Path, n: usize) {
    let seeds: Vec<String> = fs::read_dir(root().join("corpus"))
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    for i in 0..n {
        let text = seeds[i % seeds.len()]
            .replace("Iran", if i % 2 == 0 { "Iran" } else { "Türkiye" });
        write(
            dir,
            &format!("docs/{i:04}.txt"),
            format!("{text}\n\nDoc {i} says {i} ministers met.").as_bytes(),
        );
    }
}

#[test]
fn output_is_byte_identical_for_any_thread_count() {
    let dir = temp();
    many_documents(dir.path(), 300);
    let one = newsx(
        dir.path(),
        &["extract", "-q", "--spans", "-j", "1", "docs"],
        b"",
    );
    let four = newsx(
        dir.path(),
        &["extract", "-q", "--spans", "-j", "4", "docs"],
        b"",
    );
    assert_eq!(one.status.code(), Some(0));
    assert_eq!(records(&one).len(), 300);
    assert!(one.stdout == four.stdout, "-j 1 and -j 4 differ");
}

#[test]
fn a_closed_stdout_ends_quietly_with_0() {
    let dir = temp();
    many_documents(dir.path(), 1200);
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsx"))
        .args(["extract", "docs"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is dropped here, as `head -1` exits after one line.
    let out = child.wait_with_output().unwrap();
    let record: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(record["path"], "docs/0000.txt");
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("error") && !stderr.contains("panicked"),
        "{stderr}"
    );
}

/// `n` articles from one site: each has its own sentences between a header
/// and footer that the site repeats on every page.
fn site_articles(dir: &std::path::Path, n: usize) {
    let subjects = [
        "The council",
        "Local farmers",
        "The school board",
        "Residents",
        "The mayor",
        "Police",
    ];
    let verbs = [
        "approved",
        "questioned",
        "delayed",
        "welcomed",
        "rejected",
        "funded",
    ];
    let objects = [
        "a new bridge",
        "the water plan",
        "a housing project",
        "the bus route",
        "park repairs",
    ];
    for i in 0..n {
        let mut body = String::new();
        for j in 0..4 {
            let k = i * 7 + j * 3;
            body.push_str(&format!(
                "{} {} {} on day {} after {} hours of debate.\n\n",
                subjects[k % subjects.len()],
                verbs[(k / 2) % verbs.len()],
                objects[(k / 3) % objects.len()],
                i + j,
                j + 2
            ));
        }
        let doc = format!(
            "Valley Courier\n\nStory {i}: the valley decides\n\n\
             The Valley Courier weekend edition brings you the stories that matter in the valley.\n\n\
             {body}Valley Courier is published by Courier Media of Main Street in the valley.\n"
        );
        write(dir, &format!("site/{i:03}.txt"), doc.as_bytes());
    }
}

#[test]
fn templates_remove_a_sites_header_and_footer_from_every_article() {
    let dir = temp();
    site_articles(dir.path(), 60);
    let header = "The Valley Courier weekend edition brings you the stories that matter in the valley.";
    let footer = "Valley Courier is published by Courier Media of Main Street in the valley.";
    let plain = records(&newsx(dir.path(), &["extract", "-q", "site"], b""));
    assert!(
        plain
            .iter()
            .all(|r| r["text"].as_str().unwrap().contains(header)),
        "without --templates the line stays"
    );
    let out = newsx(
        dir.path(),
        &["extract", "-q", "--templates", "-j", "1", "site"],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    let recs = records(&out);
    assert_eq!(recs.len(), 60);
    for rec in &recs {
        let text = rec["text"].as_str().unwrap();
        assert!(!text.contains(header) && !text.contains(footer), "{text}");
        assert!(
            text.contains("hours of debate."),
            "article sentences stay: {text}"
        );
        let reasons: Vec<(&str, &str)> = rec["removed"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (r["text"].as_str().unwrap(), r["reason"].as_str().unwrap())
            })
            .collect();
        assert!(reasons.contains(&(header, "template")), "{reasons:?}");
        assert!(reasons.contains(&(footer, "template")), "{reasons:?}");
    }
    let four = newsx(
        dir.path(),
        &["extract", "-q", "--templates", "-j", "4", "site"],
        b"",
    );
    assert!(
        four.stdout == out.stdout,
        "--templates output depends on the thread count"
    );
    let few = newsx(
        dir.path(),
        &[
            "extract",
            "-q",
            "--templates",
            "--template-min-docs",
            "500",
            "site",
        ],
        b"",
    );
    assert!(records(&few)
        .iter()
        .all(|r| r["text"].as_str().unwrap().contains(header)));
}

#[test]
fn templates_are_refused_for_stdin() {
    let out = newsx(&root(), &["extract", "--templates", "-"], GOOD.as_bytes());
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("stdin"), "{stderr}");
    let out = newsx(
        &root(),
        &["extract", "--template-min-docs", "3", "corpus"],
        b"",
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "--template-min-docs needs --templates"
    );
}

#[test]
fn demonyms_and_dollar_switches_reach_their_stages() {
    let dir = temp();
    write(
        dir.path(),
        "d.txt",
        b"Russian troops crossed the river. The deal was worth $5 million.\n",
    );
    let names = |args: &[&str]| {
        let rec = &records(&newsx(dir.path(), args, b""))[0];
        let entities: Vec<String> = rec["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["name"].as_str().unwrap().to_string())
            .collect();
        let currency = rec["figures"][0]["currency"]
            .as_str()
            .unwrap_or("")
            .to_string();
        (entities, currency)
    };
    let (plain, usd) = names(&["extract", "-q", "d.txt"]);
    assert!(
        !plain.contains(&"Russia".to_string()),
        "a demonym alone is no entity: {plain:?}"
    );
    assert_eq!(usd, "USD");
    let (with, cad) =
        names(&["extract", "-q", "--demonyms", "--dollar", "cad", "d.txt"]);
    assert!(with.contains(&"Russia".to_string()), "{with:?}");
    assert_eq!(cad, "CAD");
}
