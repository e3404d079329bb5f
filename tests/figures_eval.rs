//! Figure extraction measured on labelled news sentences, plus the seed
//! articles' acceptance lists.
//!
//! `tests/data/figures/*.jsonl` holds one sentence per line with its gold
//! figures and a split: `tune` sentences guided the rules, `holdout` ones
//! did not. A predicted figure matches a gold one when its text and type
//! are equal; among matches the value, currency, unit and qualifier are
//! checked. The test prints every figure of both splits and fails below
//! the targets (over all sentences): money and count precision >= 0.97,
//! recall >= 0.93, counted noun correct for >= 0.85 of found counts.

mod common;

use common::ratio;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use newsx::figures::{Figure, FigureExtractor, FigureOptions};
use newsx::tokenize::Tokenizer;
use serde_json::Value;

struct Gold {
    kind: String,
    text: String,
    value: String,
    value_max: Option<String>,
    currency: Option<String>,
    unit: Option<String>,
    qualifier: Option<String>,
}

struct Sentence {
    text: String,
    gold: Vec<Gold>,
    holdout: bool,
}

fn field(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

fn load() -> Vec<Sentence> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/figures");
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .expect("tests/data/figures exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let body = fs::read_to_string(&path).expect("readable data file");
        for (n, line) in body.lines().enumerate() {
            let row: Value = serde_json::from_str(line).unwrap_or_else(|e| {
                panic!("{}:{}: {e}", path.display(), n + 1)
            });
            let gold = row["figures"]
                .as_array()
                .expect("figures array")
                .iter()
                .map(|f| Gold {
                    kind: field(f, "type").expect("type"),
                    text: field(f, "text").expect("text"),
                    value: field(f, "value").expect("value"),
                    value_max: field(f, "value_max"),
                    currency: field(f, "currency"),
                    unit: field(f, "unit"),
                    qualifier: field(f, "qualifier"),
                })
                .collect();
            out.push(Sentence {
                text: field(&row, "text").expect("text"),
                gold,
                holdout: field(&row, "split").as_deref() == Some("holdout"),
            });
        }
    }
    out
}

#[derive(Default)]
struct Tally {
    predicted: usize,
    gold: usize,
    matched: usize,
    value_ok: usize,
    currency_ok: usize,
    unit_ok: usize,
    qualifier_ok: usize,
}

impl Tally {
    fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }
    fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }
}

fn describe(text: &str, f: &Figure) -> String {
    let mut s = format!(
        "{} {:?} = {}",
        f.kind.as_str(),
        &text[f.span.start..f.span.end],
        f.value
    );
    if let Some(m) = f.value_max {
        s += &format!("..{m}");
    }
    for (k, v) in [("currency", &f.currency), ("unit", &f.unit)] {
        if let Some(v) = v {
            s += &format!(" {k}={v}");
        }
    }
    if let Some(q) = f.qualifier {
        s += &format!(" qualifier={}", q.as_str());
    }
    s
}

fn score(
    sentences: &[&Sentence],
    ex: &FigureExtractor,
    label: &str,
) -> BTreeMap<String, Tally> {
    let tokenizer = Tokenizer::new();
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    println!("== {label} ==");
    for s in sentences {
        let tokens = tokenizer.tokenize(&s.text);
        let figures = ex.extract(&s.text, &tokens, &[]);
        let mut used = vec![false; s.gold.len()];
        println!("{}", s.text);
        for f in &figures {
            let kind = f.kind.as_str();
            let text = &s.text[f.span.start..f.span.end];
            let t = tallies.entry(kind.to_string()).or_default();
            t.predicted += 1;
            let hit =
                s.gold.iter().enumerate().find(|(i, g)| {
                    !used[*i] && g.kind == kind && g.text == text
                });
            let mark = match hit {
                Some((i, g)) => {
                    used[i] = true;
                    t.matched += 1;
                    let value_ok = g.value == f.value.to_string()
                        && g.value_max == f.value_max.map(|m| m.to_string());
                    let cur_ok = g.currency == f.currency;
                    let unit_ok = g.unit == f.unit;
                    let q = f.qualifier.map(|q| q.as_str().to_string());
                    let qual_ok = g.qualifier == q;
                    t.value_ok += value_ok as usize;
                    t.currency_ok += cur_ok as usize;
                    t.unit_ok += unit_ok as usize;
                    t.qualifier_ok += qual_ok as usize;
                    if value_ok && cur_ok && unit_ok && qual_ok {
                        "  ok "
                    } else {
                        "  FIELD "
                    }
                }
                None => "  FALSE ",
            };
            println!("{mark}{}", describe(&s.text, f));
        }
        for (g, used) in s.gold.iter().zip(&used) {
            tallies.entry(g.kind.clone()).or_default().gold += 1;
            if !used {
                println!("  MISSED {} {:?} = {}", g.kind, g.text, g.value);
            }
        }
    }
    tallies
}

fn report(label: &str, tallies: &BTreeMap<String, Tally>) {
    println!("== {label}: per type ==");
    for (kind, t) in tallies {
        let m = t.matched.max(1) as f64;
        println!(
            "{kind:9} P {:.3} R {:.3} (pred {}, gold {}, match {}) | value {:.3} \
             currency {:.3} unit {:.3} qualifier {:.3}",
            t.precision(),
            t.recall(),
            t.predicted,
            t.gold,
            t.matched,
            t.value_ok as f64 / m,
            t.currency_ok as f64 / m,
            t.unit_ok as f64 / m,
            t.qualifier_ok as f64 / m,
        );
    }
}

#[test]
fn labelled_sentences_meet_targets() {
    let data = load();
    assert!(data.len() >= 300, "only {} labelled sentences", data.len());
    let ex = FigureExtractor::new(FigureOptions::default());
    let tune: Vec<&Sentence> = data.iter().filter(|s| !s.holdout).collect();
    let hold: Vec<&Sentence> = data.iter().filter(|s| s.holdout).collect();
    let t = score(&tune, &ex, "tune");
    let h = score(&hold, &ex, "holdout");
    report("tune", &t);
    report("holdout", &h);
    let all: Vec<&Sentence> = data.iter().collect();
    let a = score(&all, &ex, "all");
    report("all", &a);
    for kind in ["money", "count"] {
        let t = a.get(kind).expect("gold figures of this type");
        assert!(
            t.precision() >= 0.97,
            "{kind} precision {:.3}",
            t.precision()
        );
        assert!(t.recall() >= 0.93, "{kind} recall {:.3}", t.recall());
    }
    let counts = &a["count"];
    let unit_rate = ratio(counts.unit_ok, counts.matched);
    assert!(unit_rate >= 0.85, "counted noun correct {unit_rate:.3}");
    let money = &a["money"];
    assert_eq!(
        money.value_ok, money.matched,
        "every matched money value exact"
    );
}

/// (type, value, currency or unit, qualifier) of the money and count
/// figures of a seed article.
fn seed_figures(
    name: &str,
) -> Vec<(String, String, Option<String>, Option<String>)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(name);
    let text = fs::read_to_string(path).expect("seed article");
    let tokens = Tokenizer::new().tokenize(&text);
    let ex = FigureExtractor::new(FigureOptions::default());
    ex.extract(&text, &tokens, &[])
        .iter()
        .filter(|f| matches!(f.kind.as_str(), "money" | "count" | "percent"))
        .map(|f| {
            (
                f.kind.as_str().to_string(),
                f.value.to_string(),
                f.currency.clone().or(f.unit.clone()),
                f.qualifier.map(|q| q.as_str().to_string()),
            )
        })
        .collect()
}

fn row(
    kind: &str,
    value: &str,
    attr: Option<&str>,
    qual: Option<&str>,
) -> (String, String, Option<String>, Option<String>) {
    (
        kind.to_string(),
        value.to_string(),
        attr.map(str::to_string),
        qual.map(str::to_string),
    )
}

#[test]
fn seed_000_money_and_counts() {
    let got = seed_figures("000_f7d0cb51d035673c.txt");
    let want = vec![
        row("money", "4000000000", Some("USD"), Some("over")),
        row("count", "3600", Some("sanctions"), Some("over")),
        row("count", "2700", Some("sanctions"), Some("almost")),
        row("count", "15200", Some("sanctions"), None),
        row("count", "1000", Some("sanctions"), Some("over")),
    ];
    assert_eq!(got, want);
}

#[test]
fn seed_000_fraction_and_duration_are_not_counts() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus/000_f7d0cb51d035673c.txt");
    let text = fs::read_to_string(path).expect("seed article");
    let tokens = Tokenizer::new().tokenize(&text);
    let figures = FigureExtractor::default().extract(&text, &tokens, &[]);
    let find = |t: &str| {
        figures
            .iter()
            .find(|f| &text[f.span.start..f.span.end] == t)
            .map(|f| (f.kind.as_str(), f.value.to_string()))
    };
    assert_eq!(find("Two thirds"), Some(("fraction", "0.666667".into())));
    assert_eq!(find("more than 40 years"), Some(("duration", "40".into())));
    assert_eq!(
        find("more than four billion dollars").map(|f| f.0),
        Some("money")
    );
    assert_eq!(
        find("more than 3,600 sanctions").map(|f| f.0),
        Some("count")
    );
    assert_eq!(
        find("slightly more than a thousand").map(|f| f.0),
        Some("count")
    );
}

#[test]
fn seed_002_money_and_counts() {
    let got = seed_figures("002_70d47879ddfcc1e9.txt");
    let want = vec![
        row("count", "70", Some("nations"), Some("about")),
        row("count", "730", Some("pieces"), Some("over")),
        row("money", "2500000000", Some("USD"), None),
    ];
    assert_eq!(got, want);
}

#[test]
fn seed_004_has_no_money_count_or_percent() {
    assert_eq!(seed_figures("004_0df8aa023fc1a2ff.txt"), vec![]);
}

/// A document that is one news sentence keeps its figure through the whole
/// pipeline: the cleaner once removed such lines whole (as `advert` or
/// `cta`, for "paid", "Get the…" or "you"), and their figures with them.
#[test]
fn one_sentence_documents_keep_their_figures() {
    let pipeline = newsx::Pipeline::builtin().expect("built-in pipeline");
    let cases = [
        ("The company paid $10 for it.", "10"),
        ("Get the numbers: the dam cost $2 billion.", "2000000000"),
        ("Analysts told you so: shares fell 5%.", "5"),
        ("$5 million will go to schools.", "5000000"),
    ];
    let mut lost = Vec::new();
    for (text, value) in cases {
        let analysis = pipeline.analyze(text);
        let found = analysis
            .figures
            .iter()
            .any(|f| f.value.to_string() == value);
        if !found {
            lost.push(text);
        }
    }
    assert!(lost.is_empty(), "figures lost with their line: {lost:?}");
}
