//! End-to-end tests, on the real binary, of inputs and runs that used to
//! lose data, damage files or hang: stray bytes, copyright marks inside
//! sentences, NULs and UTF-16 without a BOM, outputs that are links or
//! devices, signals, pathological shapes, and the smaller edges of a run.

mod common;

use std::fs;
use std::path::Path;

use common::{newsx, records};
use serde_json::Value;

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    fs::write(dir.join(name), bytes).unwrap();
}

/// The one record of `newsx extract -q NAME` in `dir`, and the exit code.
fn one(dir: &Path, name: &str) -> (Value, Option<i32>) {
    let out = newsx(dir, &["extract", "-q", name], b"");
    let recs = records(&out);
    assert_eq!(recs.len(), 1, "one record for {name}");
    (recs[0].clone(), out.status.code())
}

#[test]
fn a_stray_byte_in_a_utf8_article_is_mended_and_counted() {
    let dir = temp();
    let s =
        "Société Générale’s chief, Frédéric Oudéa, earned €2.5bn in Zürich. ";
    let mut raw = s.repeat(20).into_bytes();
    raw.extend_from_slice(b"\x92\n");
    raw.extend_from_slice(s.repeat(20).as_bytes());
    write(dir.path(), "s.txt", &raw);
    let (rec, code) = one(dir.path(), "s.txt");
    assert_eq!(code, Some(0));
    assert_eq!(rec["stats"]["encoding"], "utf-8");
    assert_eq!(rec["stats"]["invalid_bytes"], 1);
    let text = rec["text"].as_str().unwrap();
    assert!(text.starts_with(s.trim_end()), "{text}");
    assert!(text.contains("Zürich. ’"), "the byte reads as ’: {text}");
    assert!(!text.contains("Ã"), "no mojibake: {text}");
    assert!(rec["removed"].as_array().unwrap().is_empty(), "{rec}");
    assert_eq!(rec["figures"].as_array().unwrap().len(), 40);
    // Clean UTF-8 says nothing about invalid bytes.
    write(dir.path(), "ok.txt", s.as_bytes());
    let (rec, _) = one(dir.path(), "ok.txt");
    assert!(rec["stats"].get("invalid_bytes").is_none(), "{rec}");
}

#[test]
fn a_few_high_bytes_in_english_are_not_cyrillic() {
    let dir = temp();
    write(
        dir.path(),
        "a.txt",
        b"Plain text \xff\xfe\xc3( and more text here about the markets today.\n",
    );
    let (rec, code) = one(dir.path(), "a.txt");
    assert_eq!(code, Some(0));
    assert_eq!(rec["stats"]["encoding"], "windows-1252");
    assert!(rec["text"].as_str().unwrap().contains("ÿþÃ("), "{rec}");
}

#[test]
fn a_copyright_mark_inside_a_sentence_keeps_the_sentence() {
    let dir = temp();
    let sentence = "The Red Cross, a 501(c)(3) nonprofit based in Washington, \
said on Tuesday it had raised $2.3bn from 1.2 million donors.";
    let footer = "© 2024 Example Media. All rights reserved.";
    write(
        dir.path(),
        "c.txt",
        format!("{sentence}\n\n{footer}\n").as_bytes(),
    );
    let (rec, code) = one(dir.path(), "c.txt");
    assert_eq!(code, Some(0));
    assert_eq!(rec["text"], sentence);
    assert_eq!(rec["removed"][0]["text"], footer);
    assert_eq!(rec["removed"][0]["reason"], "legal");
    let values: Vec<String> = rec["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["value"].to_string())
        .collect();
    assert_eq!(values, ["2300000000", "1200000"], "{rec}");
}

#[test]
fn nuls_in_text_and_utf16_without_a_bom_are_text() {
    let dir = temp();
    write(
        dir.path(),
        "n.txt",
        b"Prices rose 5%\0 on Monday,\0 officials said.\n",
    );
    let (rec, code) = one(dir.path(), "n.txt");
    assert_eq!(code, Some(0), "{rec}");
    assert_eq!(rec["text"], "Prices rose 5% on Monday, officials said.");
    let text = "Grüße aus Köln: prices rose 5% on Monday.\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    write(dir.path(), "le.txt", &le);
    write(dir.path(), "be.txt", &be);
    for (name, encoding) in [("le.txt", "utf-16le"), ("be.txt", "utf-16be")] {
        let (rec, code) = one(dir.path(), name);
        assert_eq!(code, Some(0), "{rec}");
        assert_eq!(rec["stats"]["encoding"], encoding);
        assert_eq!(rec["text"], text.trim_end());
    }
    // Binary data is still binary.
    write(
        dir.path(),
        "b.bin",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    );
    let (rec, code) = one(dir.path(), "b.bin");
    assert_eq!(code, Some(1));
    assert_eq!(rec["error"]["kind"], "binary");
}
