//! End-to-end tests of what scrapers and crawlers write (JSON and JSONL
//! records, WARC, gzip and zstd, file lists, stdin streams), on the real
//! binary, and a fuzz test of the readers. The fixtures are built here,
//! in the shapes news-please, trafilatura, datatrove and crawlers write.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::{assert_offsets, newsx, records};
use newsx::read::{content_id, open_reader, InputFormat, ReadOptions};
use proptest::prelude::*;
use serde_json::{json, Value};

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(
        Vec::new(),
        flate2::Compression::default(),
    );
    gz.write_all(data).unwrap();
    gz.finish().unwrap()
}

fn zstd(data: &[u8]) -> Vec<u8> {
    zstd::encode_all(data, 3).unwrap()
}

/// One WARC record.
fn warc_record(
    kind: &str,
    uri: &str,
    content_type: &str,
    block: &[u8],
) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}>\r\n\
         WARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-06T07:08:09Z\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

const PAGE_BODY: &str = "Floods close the river port";
const PAGE_TEXT: &str =
    "Heavy rain closed the river port of Rotterdam on Sunday, \
    and about 1,200 workers were sent home, the port authority said.";

/// A crawl: a request, a response (a gzipped HTML page) and a metadata
/// record, one gzip member each; and the offset of the response.
fn crawl() -> (Vec<u8>, usize, Vec<u8>) {
    let page = format!(
        "<html><head><title>{PAGE_BODY}</title></head><body>\
         <nav><a href=\"/\">Home</a></nav><article><h1>{PAGE_BODY}</h1>\
         <p>{PAGE_TEXT}</p><p>Ships waited at anchor outside the harbour \
         for a second day.</p></article></body></html>"
    );
    let body = gzip(page.as_bytes());
    let mut http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\
         Content-Encoding: gzip\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    http.extend_from_slice(&body);
    let uri = "https://news.example.org/floods";
    let request = gzip(&warc_record(
        "request",
        uri,
        "application/http; msgtype=request",
        b"GET /floods HTTP/1.1\r\nHost: news.example.org\r\n\r\n",
    ));
    let response = gzip(&warc_record(
        "response",
        uri,
        "application/http; msgtype=response",
        &http,
    ));
    let metadata = gzip(&warc_record(
        "metadata",
        uri,
        "application/warc-fields",
        b"fetchTimeMs: 120\r\n",
    ));
    let offset = request.len();
    (
        [request, response, metadata].concat(),
        offset,
        page.into_bytes(),
    )
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

fn by_path<'a>(recs: &'a [Value], path: &str) -> &'a Value {
    recs.iter()
        .find(|r| r["path"] == path)
        .unwrap_or_else(|| panic!("no record for {path}"))
}

/// The folder of acceptance point 1.
fn mixed_folder(d: &Path) -> usize {
    let news_please = json!({
        "title": "Council approves harbour budget",
        "maintext": "The city council approved a budget of 4 million euros \
            for the harbour on Tuesday.\n\nThe vote was 31 to 14.",
        "url": "https://paper.example.com/harbour",
        "date_publish": "2023-03-14 09:30:00",
        "date_download": "2023-03-15 00:01:02",
        "authors": ["Anna Berg", "Lars Holm"],
        "language": "en",
    });
    write(d, "news.json", news_please.to_string().as_bytes());
    let trafilatura = json!({
        "title": "Wheat prices rise", "author": "Mia Lund",
        "url": "https://farm.example.net/wheat", "date": "2023-07-01",
        "text": "Wheat prices rose by 3 percent in Chicago on Friday after \
            dry weather hit crops in Kansas.",
    });
    let datatrove = json!({
        "text": "About 300 people attended the opening of the new library \
            in Leeds, the mayor said.",
        "id": "<urn:uuid:6b1c>",
        "metadata": {"url": "https://leeds.example.org/library",
                     "date": "2024-02-02T10:00:00Z", "dump": "CC-MAIN-2024-10"},
    });
    let shard = format!("{trafilatura}\n{datatrove}\n{{\"text\": \"cut off\n");
    write(d, "shard.jsonl", shard.as_bytes());
    let (warc, _, _) = crawl();
    write(d, "crawl.warc.gz", &warc);
    let zst = format!(
        "{}\n{}\n",
        json!({"text": "Exports from Norway fell by 5 percent in May.", "id": 1}),
        json!({"text": "The central bank in Oslo kept its rate at 4.5 percent.", "id": 2}),
    );
    write(d, "more.jsonl.zst", &zstd(zst.as_bytes()));
    write(
        d,
        "story.txt.gz",
        &gzip(
            b"Storm warning for the coast\n\nForecasters expect winds of \
                100 km/h along the coast of Brittany on Monday.\n",
        ),
    );
    write(
        d,
        "plain.txt",
        b"Bridge reopens\n\nThe bridge over the Tyne reopened to traffic on \
          Wednesday after repairs that cost 2 million pounds.\n",
    );
    // Records: the response, two zstd lines, the object, the text file,
    // three JSONL lines (one malformed), the gzipped text.
    9
}

#[test]
fn a_folder_of_scraper_and_crawler_files_gives_one_record_per_article() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let expected = mixed_folder(d);
    let out = newsx(d, &["extract", "."], b"");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the malformed line fails: {stderr}"
    );
    let recs = records(&out);
    let paths: Vec<&str> =
        recs.iter().map(|r| r["path"].as_str().unwrap()).collect();
    let (warc, offset, page) = crawl();
    assert!(warc.len() > offset);
    let response = format!("./crawl.warc.gz#{offset}");
    assert_eq!(
        paths,
        [
            response.as_str(),
            "./more.jsonl.zst:1",
            "./more.jsonl.zst:2",
            "./news.json",
            "./plain.txt",
            "./shard.jsonl:1",
            "./shard.jsonl:2",
            "./shard.jsonl:3",
            "./story.txt.gz",
        ]
    );
    assert_eq!(recs.len(), expected);
    for r in recs.iter().filter(|r| r.get("error").is_none()) {
        assert_offsets(r);
    }
    assert!(stderr.contains("2 records skipped"), "{stderr}");
    assert!(stderr.contains("9 documents, 1 errors"), "{stderr}");

    let news = by_path(&recs, "./news.json");
    assert_eq!(news["title"], "Council approves harbour budget");
    let text = news["text"].as_str().unwrap();
    assert!(
        text.starts_with("Council approves harbour budget\n\nThe city council"),
        "{text}"
    );
    assert!(text.ends_with("The vote was 31 to 14."), "{text}");
    assert_eq!(news["url"], "https://paper.example.com/harbour");
    assert_eq!(news["published"], "2023-03-14T09:30:00");
    assert_eq!(news["crawled"], "2023-03-15T00:01:02");
    assert_eq!(news["authors"], json!(["Anna Berg", "Lars Holm"]));
    assert!(news.get("source_id").is_none());
    let raw = std::fs::read(d.join("news.json")).unwrap();
    assert_eq!(news["id"], content_id(&raw));

    let traf = by_path(&recs, "./shard.jsonl:1");
    assert_eq!(traf["title"], "Wheat prices rise");
    assert_eq!(traf["authors"], json!(["Mia Lund"]));
    assert_eq!(traf["published"], "2023-07-01");
    assert!(traf["figures"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["text"] == "3 percent"));
    let shard = std::fs::read(d.join("shard.jsonl")).unwrap();
    let first_line = shard.split(|&b| b == b'\n').next().unwrap();
    assert_eq!(traf["id"], content_id(first_line));
    let dt = by_path(&recs, "./shard.jsonl:2");
    assert_eq!(dt["source_id"], "<urn:uuid:6b1c>");
    assert_eq!(dt["url"], "https://leeds.example.org/library");
    assert_eq!(dt["published"], "2024-02-02T10:00:00Z");
    assert_eq!(dt["title"], Value::Null);
    let bad = by_path(&recs, "./shard.jsonl:3");
    assert_eq!(bad["error"]["kind"], "malformed");
    assert_eq!(bad["id"], content_id(b"{\"text\": \"cut off"));

    let web = by_path(&recs, &response);
    assert_eq!(web["url"], "https://news.example.org/floods");
    assert_eq!(web["crawled"], "2024-05-06T07:08:09Z");
    assert_eq!(web["title"], PAGE_BODY);
    assert_eq!(web["id"], content_id(&page));
    assert_eq!(web["stats"]["bytes"], page.len());
    assert!(web["text"].as_str().unwrap().contains(PAGE_TEXT));
    assert!(!web["text"].as_str().unwrap().contains("Home"));

    let zst = by_path(&recs, "./more.jsonl.zst:2");
    assert_eq!(zst["source_id"], "2");
    assert!(zst["text"].as_str().unwrap().contains("4.5 percent"));
    let gz = by_path(&recs, "./story.txt.gz");
    assert_eq!(gz["title"], "Storm warning for the coast");
    assert!(gz.get("url").is_none());
    let txt = by_path(&recs, "./plain.txt");
    assert_eq!(txt["title"], "Bridge reopens");
}

#[test]
fn records_are_the_same_for_any_thread_count_and_templates_read_them() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    mixed_folder(d);
    let one = newsx(d, &["extract", "-q", "-j", "1", "."], b"");
    let two = newsx(d, &["extract", "-q", "-j", "2", "."], b"");
    assert_eq!(one.stdout, two.stdout);
    // --templates counts lines over the records of every file.
    let lines: String = (0..8)
        .map(|i| {
            let text = format!(
                "Harbour Gazette | Subscribe now\n\nShip {i} docked with \
                 {i}00 tonnes of grain on Monday, the port said."
            );
            format!("{}\n", json!({ "text": text }))
        })
        .collect();
    write(d, "site.jsonl", lines.as_bytes());
    let out = newsx(d, &["extract", "-q", "--templates", "site.jsonl"], b"");
    let recs = records(&out);
    assert_eq!(recs.len(), 8);
    for r in &recs {
        let removed = r["removed"].as_array().unwrap();
        assert!(removed.iter().any(|x| x["reason"] == "template"), "{r}");
        assert!(r["text"].as_str().unwrap().contains("docked with"));
    }
}

#[test]
fn max_bytes_applies_to_each_decompressed_record() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let long = "Prices rose again. ".repeat(200);
    let lines = format!(
        "{}\n{}\n",
        json!({ "text": long }),
        json!({"text": "Prices fell by 2 percent."})
    );
    let packed = gzip(lines.as_bytes());
    assert!(packed.len() < 1024, "the file is under the limit");
    write(d, "a.jsonl.gz", &packed);
    let out = newsx(
        d,
        &["extract", "-q", "--max-bytes", "1K", "a.jsonl.gz"],
        b"",
    );
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["error"]["kind"], "too_large");
    assert_eq!(recs[1]["text"], "Prices fell by 2 percent.");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn files_from_reads_a_list_from_stdin_or_a_file_and_nul_separated() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    mixed_folder(d);
    let run = |args: &[&str], stdin: &[u8]| {
        let out = newsx(d, args, stdin);
        let paths: Vec<String> = records(&out)
            .iter()
            .map(|r| r["path"].as_str().unwrap().to_string())
            .collect();
        (out.status.code(), paths)
    };
    let (code, paths) = run(
        &["extract", "-q", "--files-from", "-"],
        b"plain.txt\r\nnews.json\n\nmissing.txt\n",
    );
    assert_eq!(code, Some(1), "a listed path that is missing fails");
    assert_eq!(paths, ["plain.txt", "news.json", "missing.txt"]);
    write(d, "list", b"story.txt.gz\0more.jsonl.zst\0");
    let (code, paths) =
        run(&["extract", "-q", "--files-from", "list", "--null"], b"");
    assert_eq!(code, Some(0));
    assert_eq!(
        paths,
        ["story.txt.gz", "more.jsonl.zst:1", "more.jsonl.zst:2"]
    );
    // PATH arguments come first; a file listed twice is read once.
    let (_, paths) = run(
        &["extract", "-q", "news.json", "--files-from", "-"],
        b"news.json\nplain.txt\n",
    );
    assert_eq!(paths, ["news.json", "plain.txt"]);
    let out = newsx(d, &["extract", "-q", "-", "--files-from", "-"], b"");
    assert_eq!(out.status.code(), Some(2), "stdin cannot be both");
}

#[test]
fn a_stdin_stream_writes_each_record_in_order_before_stdin_closes() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsx"))
        .args(["extract", "-q", "-j", "2", "--input-format", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (lines, got) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if lines.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    let line = |i: usize| {
        format!(
            "{}\n",
            json!({"text": format!("Record {i} says 40 ships sailed.")})
        )
    };
    let wait = Duration::from_secs(120);
    for i in 1..=3 {
        input.write_all(line(i).as_bytes()).unwrap();
    }
    input.flush().unwrap();
    // Stdin is still open: the three records come out all the same.
    for i in 1..=3 {
        let rec: Value =
            serde_json::from_str(&got.recv_timeout(wait).unwrap()).unwrap();
        assert_eq!(rec["path"], format!("-:{i}"));
    }
    let more: String = (4..=600).map(line).collect();
    input.write_all(more.as_bytes()).unwrap();
    drop(input);
    for i in 4..=600 {
        let rec: Value =
            serde_json::from_str(&got.recv_timeout(wait).unwrap()).unwrap();
        assert_eq!(rec["path"], format!("-:{i}"), "input order is kept");
        assert!(rec["text"]
            .as_str()
            .unwrap()
            .starts_with(&format!("Record {i} ")));
    }
    assert!(child.wait().unwrap().success());
}

#[test]
fn stdin_is_read_in_the_format_named_or_told_by_its_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (warc, offset, _) = crawl();
    // A gzipped WARC on stdin is told by its bytes.
    let out = newsx(d, &["extract", "-q", "-"], &warc);
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["path"], format!("-#{offset}"));
    // Plain text stays one document.
    let out = newsx(
        d,
        &["extract", "-q", "-"],
        b"{\"text\": \"a brace\"}\nsecond line",
    );
    assert_eq!(records(&out).len(), 1);
    // A JSON array on stdin.
    let array = json!([{"body": "One article."}, {"body": "Another article."}]);
    let out = newsx(
        d,
        &["extract", "-q", "--input-format", "json", "-"],
        array.to_string().as_bytes(),
    );
    let recs = records(&out);
    assert_eq!(recs[1]["path"], "-#1");
    assert_eq!(recs[1]["text"], "Another article.");
    // --text-key and --id-key name the fields.
    let line = json!({"article": "Named text.", "uid": "x-1", "text": 5});
    let out = newsx(
        d,
        &[
            "extract",
            "-q",
            "--input-format",
            "jsonl",
            "--text-key",
            "article",
            "--id-key",
            "uid",
            "-",
        ],
        line.to_string().as_bytes(),
    );
    let recs = records(&out);
    assert_eq!(
        (recs[0]["text"].as_str(), recs[0]["source_id"].as_str()),
        (Some("Named text."), Some("x-1"))
    );
}

/// A valid sample of each reader's input, to mutate.
fn samples() -> Vec<(InputFormat, Vec<u8>)> {
    let (warc, _, _) = crawl();
    let jsonl = b"{\"text\": \"a \\\"q\\\" b\", \"title\": \"T\"}\n{\"maintext\": \"c\"}\n".to_vec();
    vec![
        (InputFormat::Warc, warc.clone()),
        (InputFormat::Warc, flate2_whole(&warc)),
        (InputFormat::Jsonl, jsonl.clone()),
        (InputFormat::Jsonl, gzip(&jsonl)),
        (
            InputFormat::Json,
            b"[{\"text\": \"x\"}, {\"body\": [1, {\"a\": \"]\"}]}]".to_vec(),
        ),
        (InputFormat::Auto, zstd(&jsonl)),
    ]
}

/// The WARC decompressed, to mutate its text.
fn flate2_whole(gz: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::MultiGzDecoder::new(gz),
        &mut out,
    )
    .unwrap();
    out
}

fn read_all(format: InputFormat, bytes: Vec<u8>) -> usize {
    let options = ReadOptions {
        format,
        max_bytes: 4096,
        ..ReadOptions::default()
    };
    let docs =
        open_reader(std::io::Cursor::new(bytes), "f".to_string(), &options);
    let mut n = 0;
    for doc in docs.take(10_000) {
        let path = match &doc {
            Ok(d) => &d.path,
            Err(e) => &e.path,
        };
        assert!(path.starts_with('f'), "{path}");
        n += 1;
    }
    n
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn no_bytes_panic_the_readers(
        sample in 0usize..6,
        cuts in proptest::collection::vec((any::<usize>(), any::<u8>(), 0u8..3), 0..6),
        junk in proptest::collection::vec(any::<u8>(), 0..64),
        format in 0usize..5,
    ) {
        let (fmt, mut bytes) = samples().swap_remove(sample);
        for (at, byte, op) in cuts {
            let at = at % (bytes.len() + 1);
            match op {
                0 => bytes.insert(at, byte),
                1 if at < bytes.len() => bytes[at] = byte,
                _ => bytes.truncate(at),
            }
        }
        read_all(fmt, bytes.clone());
        let formats = [InputFormat::Auto, InputFormat::Jsonl, InputFormat::Json, InputFormat::Warc, InputFormat::Text];
        read_all(formats[format], junk);
        read_all(formats[format], bytes);
    }
}
