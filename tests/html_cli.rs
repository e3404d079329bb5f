//! End to end: a folder mixing pages and text, some of them misnamed.
//!
//! Each document is handled by what it is, not what it is called: a page
//! saved as `.txt` is extracted as a page, text saved as `.html` is cleaned
//! as text, and a text document gives the same record whatever its name.

use std::fs;

use serde_json::Value;

mod common;

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>Treasury finds &pound;5bn for schools | The Harbour Gazette</title>
<meta property="og:site_name" content="The Harbour Gazette">
<link rel="canonical" href="https://gazette.example/schools">
<meta property="article:published_time" content="2024-03-05T09:30:00+00:00">
<meta name="author" content="Ann Lee">
<script>var tracker = "Facebook Pixel";</script>
</head><body>
<nav class="main-menu"><ul><li><a href="/">Home</a></li>
<li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>Treasury finds &pound;5bn for schools</h1>
<p>The Treasury has found <b>&pound;5bn</b> for school buildings in England,
the <a href="/chancellor">Chancellor</a> told MPs on Tuesday.</p>
<p>Head teachers had warned that more than 700 schools needed urgent
repairs, and unions welcomed the money.<br>They said it came late.</p>
<table><tr><td>Region</td><td>Schools</td></tr>
<tr><td>North</td><td>310</td></tr></table>
<div class="share-tools"><a href="/s/fb">Share on Facebook</a></div>
</article>
<aside class="related"><h2>Related</h2><ul>
<li><a href="/a">Ministers row over exam results in the north</a></li>
<li><a href="/b">Teachers vote to strike over pay next month</a></li></ul></aside>
<footer><p>&copy; 2024 The Harbour Gazette. All rights reserved.</p></footer>
</body></html>
"#;

const TEXT: &str = "Council approves harbour plan\n\n\
The town council approved a plan to rebuild the harbour wall on \
Monday, at a cost of more than $12 million.\n\n\
Work will start in the spring.\n";

fn by_path<'a>(records: &'a [Value], name: &str) -> &'a Value {
    records
        .iter()
        .find(|r| r["path"].as_str().is_some_and(|p| p.ends_with(name)))
        .unwrap_or_else(|| panic!("a record for {name}"))
}

#[test]
fn pages_and_text_are_told_apart_by_content() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let docs = dir.path().join("docs");
    fs::create_dir(&docs).expect("docs/ is created");
    fs::write(docs.join("a_page.html"), PAGE).unwrap();
    fs::write(docs.join("b_page_saved_as.txt"), PAGE).unwrap();
    fs::write(docs.join("c_text_saved_as.html"), TEXT).unwrap();
    fs::write(docs.join("d_text.txt"), TEXT).unwrap();
    fs::write(docs.join("e_notes.md"), TEXT).unwrap();
    let out = common::newsx(dir.path(), &["extract", "docs", "-q"], b"");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let records = common::records(&out);
    let paths: Vec<&str> = records
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "docs/a_page.html",
            "docs/b_page_saved_as.txt",
            "docs/c_text_saved_as.html",
            "docs/d_text.txt"
        ],
        "the walk takes .html and .txt, not .md"
    );
    for name in ["a_page.html", "b_page_saved_as.txt"] {
        check_page(by_path(&records, name));
    }
    let as_html = by_path(&records, "c_text_saved_as.html");
    let as_txt = by_path(&records, "d_text.txt");
    for key in [
        "id", "title", "text", "removed", "stats", "entities", "figures",
    ] {
        assert_eq!(as_html[key], as_txt[key], "{key} of text in .html");
    }
    assert!(as_html.get("url").is_none(), "text has no page metadata");
    assert_eq!(as_txt["title"], "Council approves harbour plan");
    for r in &records {
        common::assert_offsets(r);
    }
}

fn check_page(r: &Value) {
    let text = r["text"].as_str().expect("text");
    assert_eq!(r["title"], "Treasury finds £5bn for schools");
    assert!(
        text.starts_with("Treasury finds £5bn for schools\n\n"),
        "{text}"
    );
    assert!(text.contains(
        "The Treasury has found £5bn for school buildings in England, the \
         Chancellor told MPs on Tuesday."
    ));
    assert!(text.contains("They said it came late."), "{text}");
    assert!(text.contains("North 310"), "a table row is a line: {text}");
    for junk in ["<", "&pound;", "Home", "Share on Facebook", "Ministers row"] {
        assert!(!text.contains(junk), "{junk:?} left in {text}");
    }
    assert!(!text.contains("tracker"), "scripts are not text");
    let removed: Vec<(&str, &str)> = r["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["text"].as_str().unwrap(), x["reason"].as_str().unwrap()))
        .collect();
    assert!(removed.contains(&("Home", "navigation")), "{removed:?}");
    assert!(
        removed.contains(&(
            "Ministers row over exam results in the north",
            "related_links"
        )),
        "{removed:?}"
    );
    assert!(removed.iter().all(|(t, _)| !t.contains('<')), "{removed:?}");
    assert_eq!(r["url"], "https://gazette.example/schools");
    assert_eq!(r["published"], "2024-03-05T09:30:00+00:00");
    assert_eq!(r["authors"], serde_json::json!(["Ann Lee"]));
    assert_eq!(r["site"], "The Harbour Gazette");
    assert_eq!(r["language"], "en-GB");
    let money: Vec<&Value> = r["figures"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["type"] == "money")
        .collect();
    assert!(
        money
            .iter()
            .any(|f| f["value"] == 5_000_000_000u64 && f["currency"] == "GBP"),
        "£5bn is money: {money:?}"
    );
    let facebook = r["entities"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["text"] == "Facebook");
    assert!(!facebook, "no Facebook from the script or the share button");
}
