//! Golden test: the records of the bundled corpus, and the seed articles'
//! acceptance checks, spelled out one by one so a failure says what broke.
//!
//! `tests/golden/corpus.jsonl` is what `newsx extract corpus` prints (run in
//! the repository root). After an intended change, regenerate it with
//! `NEWSX_BLESS=1 cargo test --test golden` and review the diff.

mod common;

use std::sync::OnceLock;

use common::{assert_offsets, newsx, records, root};
use serde_json::Value;

fn corpus() -> &'static (Vec<u8>, Vec<Value>) {
    static OUT: OnceLock<(Vec<u8>, Vec<Value>)> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = newsx(&root(), &["extract", "-q", "corpus"], b"");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let recs = records(&out);
        (out.stdout, recs)
    })
}

fn seed(prefix: &str) -> &'static Value {
    corpus()
        .1
        .iter()
        .find(|r| {
            r["path"]
                .as_str()
                .unwrap()
                .starts_with(&format!("corpus/{prefix}"))
        })
        .unwrap_or_else(|| panic!("no record for seed {prefix}"))
}

#[test]
fn corpus_matches_the_golden_file() {
    let path = root().join("tests/golden/corpus.jsonl");
    let got = &corpus().0;
    if std::env::var_os("NEWSX_BLESS").is_some() {
        std::fs::write(&path, got).unwrap();
        return;
    }
    let want = std::fs::read(&path)
        .expect("tests/golden/corpus.jsonl exists (NEWSX_BLESS=1 writes it)");
    if &want != got {
        let want = String::from_utf8_lossy(&want);
        let got = String::from_utf8_lossy(got);
        for (w, g) in want.lines().zip(got.lines()) {
            if w != g {
                let (w, g): (Value, Value) = (
                    serde_json::from_str(w).unwrap(),
                    serde_json::from_str(g).unwrap(),
                );
                for key in w.as_object().unwrap().keys() {
                    assert_eq!(
                        w[key], g[key],
                        "field {key:?} of {} differs from the golden file",
                        w["path"]
                    );
                }
            }
        }
        panic!("output differs from tests/golden/corpus.jsonl (NEWSX_BLESS=1 to accept)");
    }
}

#[test]
fn every_span_slices_the_text() {
    for rec in &corpus().1 {
        assert_offsets(rec);
    }
}

/// (type, value, unit or currency, qualifier) of the money and count figures.
fn money_and_counts(rec: &Value) -> Vec<(String, String, String, String)> {
    rec["figures"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["type"] == "money" || f["type"] == "count")
        .map(|f| {
            let s =
                |k: &str| f[k].as_str().map(str::to_string).unwrap_or_default();
            let what = if f["type"] == "money" {
                s("currency")
            } else {
                s("unit")
            };
            (s("type"), f["value"].to_string(), what, s("qualifier"))
        })
        .collect()
}

fn has_entity(rec: &Value, kind: &str, names: &[&str]) -> bool {
    rec["entities"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["type"] == kind && names.iter().any(|n| e["name"] == *n))
}

fn assert_entities(rec: &Value, expected: &[(&str, &[&str])]) {
    for (kind, names) in expected {
        assert!(
            has_entity(rec, kind, names),
            "{}: no {kind} {names:?}",
            rec["path"]
        );
    }
}

fn removed(rec: &Value) -> Vec<(String, String)> {
    rec["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["text"].as_str().unwrap().to_string(),
                r["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn fig(
    kind: &str,
    value: &str,
    what: &str,
    qualifier: &str,
) -> (String, String, String, String) {
    (kind.into(), value.into(), what.into(), qualifier.into())
}

#[test]
fn seed_000_title_furniture_figures_entities() {
    let rec = seed("000");
    let title = "The Ministry of Defense of Russia is ready to sign a “big deal” with Iran";
    let text = rec["text"].as_str().unwrap();
    assert_eq!(rec["title"], title);
    assert_eq!(
        text.matches(title).count(),
        1,
        "the title occurs once in text"
    );
    let removed = removed(rec);
    assert!(
        removed.contains(&(title.to_string(), "duplicate_title".to_string())),
        "{removed:?}"
    );
    assert!(removed.iter().any(|(t, _)| t == "Original Source Link"));
    assert!(!text.contains("Original Source Link"));
    // The issue names no unit for 2700 and 1000 ("almost 2,700 against
    // Russia", "slightly more than a thousand against Iran"); the elided
    // noun "sanctions" is right too, so accept either.
    let mut figures = money_and_counts(rec);
    for f in &mut figures {
        if (f.1 == "2700" || f.1 == "1000") && f.2 == "sanctions" {
            f.2.clear();
        }
    }
    assert_eq!(
        figures,
        [
            fig("money", "4000000000", "USD", "over"),
            fig("count", "3600", "sanctions", "over"),
            fig("count", "2700", "", "almost"),
            fig("count", "15200", "sanctions", ""),
            fig("count", "1000", "", "over"),
        ]
    );
    assert_entities(
        rec,
        &[
            ("person", &["Sergei Shoigu"]),
            ("location", &["Russia"]),
            ("location", &["Iran"]),
            ("location", &["Tehran"]),
            ("location", &["Moscow"]),
            ("location", &["Ukraine"]),
        ],
    );
}

#[test]
fn seed_002_lead_form_byline_figures_entities() {
    let rec = seed("002");
    assert!(rec["title"].is_null(), "seed 002 starts with a sentence");
    let text = rec["text"].as_str().unwrap();
    let removed = removed(rec);
    for blurb in [
        "How well do you really know your competitors?",
        "Access the most comprehensive",
        "Thank you!",
        "Your download email",
        "Not ready to buy yet?",
        "We are confident about",
    ] {
        assert!(!text.contains(blurb), "{blurb:?} is still in text");
        assert!(
            removed.iter().any(|(t, _)| t.starts_with(blurb)),
            "{blurb:?} not in removed"
        );
    }
    assert!(!text.contains("GlobalData"));
    assert!(
        removed
            .iter()
            .any(|(t, r)| t == "By GlobalData" && r == "byline"),
        "{removed:?}"
    );
    assert!(text.contains("The two countries held a meeting to discuss their military partnership."));
    assert_eq!(
        money_and_counts(rec),
        [
            fig("count", "70", "nations", "about"),
            fig("count", "730", "pieces", "over"),
            fig("money", "2500000000", "USD", ""),
        ]
    );
    assert_entities(
        rec,
        &[
            ("person", &["Sergei Shoigu"]),
            ("person", &["Amir Khatami", "Amir Hatami"]),
            ("person", &["Alexander Mikheyev"]),
            ("organization", &["Sputnik"]),
            ("organization", &["TASS"]),
            ("organization", &["Rosoboronexport"]),
            ("location", &["Russia"]),
            ("location", &["Iran"]),
            ("location", &["Moscow"]),
            ("location", &["Turkey", "Türkiye"]),
        ],
    );
}

#[test]
fn seed_004_widgets_related_links_and_no_figures() {
    let rec = seed("004");
    let text = rec["text"].as_str().unwrap();
    let removed = removed(rec);
    let count = |s: &str| removed.iter().filter(|(t, _)| t == s).count();
    assert_eq!(count("No time to read?"), 2, "{removed:?}");
    assert_eq!(count("Get a summary"), 2);
    for line in [
        "Previous Article",
        "Next Article",
        "Beeline accelerates 3G sunset and expands 4G capacity across regions",
        "Expanded View on WCO Participation, Council Resolutions, and Parallel Import Considerations",
    ] {
        assert_eq!(count(line), 1, "{line:?} removed once");
        assert!(!text.contains(line));
    }
    let raw =
        std::fs::read_to_string(root().join("corpus/004_0df8aa023fc1a2ff.txt"))
            .unwrap();
    for para in raw.split("\n\n").map(str::trim).filter(|p| p.len() > 120) {
        assert!(text.contains(para), "paragraph lost: {para:.60}…");
    }
    assert!(text
        .contains("\n\nRussia and Iran: A Strategic Partnership in Focus\n\n"));
    let kinds: Vec<&str> = rec["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["type"].as_str().unwrap())
        .collect();
    assert!(
        !kinds
            .iter()
            .any(|k| ["money", "count", "percent"].contains(k)),
        "{kinds:?}"
    );
    assert_entities(
        rec,
        &[
            ("person", &["Vladimir Putin"]),
            ("person", &["Dmitry Peskov"]),
            ("organization", &["Kremlin"]),
            ("location", &["Russia"]),
            ("location", &["Iran"]),
            ("location", &["Moscow"]),
            ("location", &["Tehran"]),
        ],
    );
}
