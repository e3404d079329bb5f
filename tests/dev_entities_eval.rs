//! Entities on real labelled text nobody on the project wrote: wikigold
//! (Wikipedia), the Broad Twitter Corpus and GUM's Wikinews documents, read
//! from `../shared/dev/entities` (not copied here; the test says so on
//! stderr and passes when the folder is absent).
//!
//! Each text goes through the entity stage as a document: tokenized and
//! matched as it stands. The cleaner is left out on purpose: these texts
//! carry no scraper furniture, the gold offsets point into the raw text,
//! and a line the cleaner drops (a tweet that reads like a share button)
//! would count as an entity miss that is not one.
//!
//! Scoring follows the rule of `../shared/dev/README.md`: a mention matches
//! an unused gold span of the same label that it overlaps; a mention that
//! overlaps only optional or `misc` spans is neutral; anything else is a
//! false positive. Optional and `misc` spans are not counted as misses.
//!
//! The model that finds names in no list is trained on wikigold and BTC
//! except every fifth document (see `newsx::gazetteer::learned`), so the
//! figures that are evidence are those of the held-out fifth and of GUM;
//! whole-set figures are printed for comparison with earlier versions.

mod common;

use common::score::Score;
use std::collections::BTreeMap;
use std::path::Path;

use newsx::gazetteer::{builtin_files, Gazetteer, MatchOptions};
use newsx::tokenize::Tokenizer;
use serde_json::Value;

const LABELS: [&str; 3] = ["location", "organization", "person"];

/// One gold span, in code points.
struct Gold {
    start: usize,
    end: usize,
    label: String,
    /// Optional or `misc`: neither a miss nor a match.
    neutral: bool,
}

/// One labelled document.
struct Doc {
    id: String,
    text: String,
    gold: Vec<Gold>,
}

fn load(dir: &Path, name: &str) -> Vec<Doc> {
    let path = dir.join(name);
    let body = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    body.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("a JSON line");
            let gold = v["spans"]
                .as_array()
                .expect("spans")
                .iter()
                .map(|s| {
                    let label = s["label"].as_str().unwrap().to_string();
                    Gold {
                        start: s["start"].as_u64().unwrap() as usize,
                        end: s["end"].as_u64().unwrap() as usize,
                        neutral: label == "misc"
                            || s["optional"].as_bool().unwrap_or(false),
                        label,
                    }
                })
                .collect();
            Doc {
                id: v["doc_id"].as_str().unwrap().to_string(),
                text: v["text"].as_str().unwrap().to_string(),
                gold,
            }
        })
        .collect()
}

/// Scores per label of one set, and the lines of its report.
#[derive(Default)]
struct SetResult {
    scores: BTreeMap<&'static str, Score>,
    missed: Vec<String>,
    false_positives: Vec<String>,
}

impl SetResult {
    fn total(&self) -> Score {
        Score::sum(self.scores.values())
    }
    fn get(&self, label: &str) -> Score {
        self.scores.get(label).copied().unwrap_or_default()
    }
}

fn label_key(label: &str) -> Option<&'static str> {
    LABELS.iter().copied().find(|l| *l == label)
}

/// Code point offset of every byte boundary of `text`, for mapping spans.
fn char_offsets(text: &str) -> Vec<usize> {
    let mut at = vec![0; text.len() + 1];
    let mut n = 0;
    for (i, c) in text.char_indices() {
        for (k, slot) in at[i..i + c.len_utf8()].iter_mut().enumerate() {
            *slot = n + usize::from(k > 0);
        }
        n += 1;
    }
    at[text.len()] = n;
    at
}

fn snippet(text: &str, start: usize, end: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let a = start.saturating_sub(30);
    let b = (end + 30).min(chars.len());
    let s: String = chars[a..start].iter().collect();
    let m: String = chars[start..end].iter().collect();
    let e: String = chars[end..b].iter().collect();
    format!("{s}[{m}]{e}").replace('\n', " ")
}

/// Scores the predictions of one document into `out`.
fn score_doc(
    doc: &Doc,
    predicted: &[(usize, usize, &str)],
    out: &mut SetResult,
) {
    let mut used = vec![false; doc.gold.len()];
    for g in doc.gold.iter().filter(|g| !g.neutral) {
        if let Some(l) = label_key(&g.label) {
            out.scores.entry(l).or_default().gold += 1;
        }
    }
    for &(start, end, label) in predicted {
        let l = label_key(label).expect("a known type");
        out.scores.entry(l).or_default().predicted += 1;
        let overlaps = |g: &Gold| g.start < end && start < g.end;
        let hit = doc.gold.iter().enumerate().position(|(i, g)| {
            !used[i] && !g.neutral && g.label == label && overlaps(g)
        });
        if let Some(i) = hit {
            used[i] = true;
            out.scores.entry(l).or_default().matched += 1;
            continue;
        }
        if doc.gold.iter().any(|g| overlaps(g) && g.neutral) {
            out.scores.entry(l).or_default().predicted -= 1;
            continue;
        }
        out.false_positives.push(format!(
            "{}: {label} {}",
            doc.id,
            snippet(&doc.text, start, end)
        ));
    }
    for (g, _) in doc
        .gold
        .iter()
        .zip(&used)
        .filter(|(g, u)| !g.neutral && !**u)
    {
        out.missed.push(format!(
            "{}: {} {}",
            doc.id,
            g.label,
            snippet(&doc.text, g.start, g.end)
        ));
    }
}

/// Runs the entity stage on every document of a set.
fn evaluate(
    gazetteer: &Gazetteer,
    docs: &[Doc],
    keep: impl Fn(usize) -> bool,
) -> SetResult {
    let tokenizer = Tokenizer::new();
    let mut out = SetResult::default();
    for (_, doc) in docs.iter().enumerate().filter(|(i, _)| keep(*i)) {
        let tokens = tokenizer.tokenize(&doc.text);
        let at = char_offsets(&doc.text);
        let mentions = gazetteer.find(&doc.text, &tokens);
        let predicted: Vec<(usize, usize, &str)> = mentions
            .iter()
            .map(|m| (at[m.span.start], at[m.span.end], m.kind.as_str()))
            .collect();
        score_doc(doc, &predicted, &mut out);
    }
    out
}

fn print_set(name: &str, r: &SetResult, verbose: bool) {
    if verbose {
        println!("--- {name}: missed ({})", r.missed.len());
        r.missed.iter().for_each(|l| println!("  {l}"));
        println!("--- {name}: false positives ({})", r.false_positives.len());
        r.false_positives.iter().for_each(|l| println!("  {l}"));
    }
    println!("=== {name} (matched / gold / predicted)");
    let total = r.total();
    for (label, s) in r
        .scores
        .iter()
        .map(|(l, s)| (*l, *s))
        .chain([("all", total)])
    {
        println!(
            "  {label:<13} {:>5} / {:>5} / {:>5}  P {:.3}  R {:.3}  F1 {:.3}",
            s.matched,
            s.gold,
            s.predicted,
            s.precision(),
            s.recall(),
            s.f1()
        );
    }
}

/// The fold a document of a training set is held out in: every fifth.
fn held_out(i: usize) -> bool {
    i % 5 == 0
}

#[test]
fn dev_entities() {
    let Some(dir) = common::shared("dev/entities", "dev_entities") else {
        return;
    };
    let gazetteer =
        Gazetteer::from_files(&builtin_files(), MatchOptions::default())
            .expect("built-in gazetteers load");
    // Before the learned tagger (rules only): wikigold P 0.949 R 0.440,
    // held-out fifth P 0.963 R 0.424; GUM P 0.861 R 0.569. With the
    // tagger: held-out fifth 0.938 / 0.491, GUM 0.849 / 0.607. With
    // defined acronyms, repeats, roles as titles, occupations and life
    // dates: held-out fifth 0.930 / 0.623, GUM 0.843 / 0.614. A rebuilt
    // model moves these by about 0.005 either way: the rule hits are
    // among its features.
    let wikigold = load(&dir, "wikigold.jsonl");
    let btc = load(&dir, "btc.jsonl");
    let gum = load(&dir, "gum_wikinews.jsonl");

    let wg_all = evaluate(&gazetteer, &wikigold, |_| true);
    let btc_all = evaluate(&gazetteer, &btc, |_| true);
    let wg = evaluate(&gazetteer, &wikigold, held_out);
    let bt = evaluate(&gazetteer, &btc, held_out);
    let gm = evaluate(&gazetteer, &gum, |_| true);
    print_set("wikigold, held-out fifth", &wg, true);
    print_set("btc, held-out fifth", &bt, true);
    print_set("gum_wikinews (evaluation only)", &gm, true);
    print_set("wikigold, whole set", &wg_all, false);
    print_set("btc, whole set", &btc_all, false);

    let checks: Vec<(String, f64, f64)> = vec![
        ("gum precision".into(), gm.total().precision(), 0.84),
        ("gum F1".into(), gm.total().f1(), 0.70),
        (
            "gum location recall".into(),
            gm.get("location").recall(),
            0.69,
        ),
        ("gum person recall".into(), gm.get("person").recall(), 0.57),
        (
            "gum organization recall".into(),
            gm.get("organization").recall(),
            0.57,
        ),
        (
            "wikigold held-out precision".into(),
            wg.total().precision(),
            0.92,
        ),
        ("wikigold held-out F1".into(), wg.total().f1(), 0.74),
        (
            "btc held-out precision".into(),
            bt.total().precision(),
            0.73,
        ),
        ("btc held-out F1".into(), bt.total().f1(), 0.35),
    ];
    println!("=== checks (measured, floor)");
    let mut failed = Vec::new();
    for (name, measured, floor) in &checks {
        println!("  {name:<30} {measured:.3}  floor {floor:.2}");
        if measured < floor {
            failed.push(format!("{name} {measured:.3} < {floor:.2}"));
        }
    }
    assert!(failed.is_empty(), "below the floor: {}", failed.join("; "));
}

#[test]
fn overlap_scoring_follows_the_rule() {
    let doc = Doc {
        id: "d".into(),
        text: "Jo Ann went to Paris Expo in July".into(),
        gold: vec![
            Gold {
                start: 0,
                end: 6,
                label: "person".into(),
                neutral: false,
            },
            Gold {
                start: 15,
                end: 25,
                label: "misc".into(),
                neutral: true,
            },
            Gold {
                start: 29,
                end: 33,
                label: "person".into(),
                neutral: false,
            },
        ],
    };
    let mut r = SetResult::default();
    // A partial overlap matches; a second mention of the same gold span
    // does not; a mention over a misc span is neutral; a wrong label is
    // a false positive.
    score_doc(
        &doc,
        &[
            (0, 2, "person"),
            (3, 6, "person"),
            (15, 20, "location"),
            (29, 33, "location"),
        ],
        &mut r,
    );
    let p = r.get("person");
    assert_eq!((p.matched, p.gold, p.predicted), (1, 2, 2));
    assert_eq!(r.get("location").predicted, 1);
    assert_eq!(r.false_positives.len(), 2);
    assert_eq!(r.missed.len(), 1);
    assert_eq!(char_offsets("aé b"), vec![0, 1, 2, 2, 3, 4]);
}
