//! Trains the tagger for names in no list (`gazetteers/names/tagger.bin`).
//!
//! ```sh
//! cargo run --release --bin train_names -- [ENTITIES_DIR] [--check]
//! ```
//!
//! Reads `wikigold.jsonl` and `btc.jsonl` from `ENTITIES_DIR` (default
//! `../shared/dev/entities`; both CC BY 4.0, see gazetteers/SOURCES.md),
//! leaves every fifth document of each out (the fold the evaluation test
//! measures on), and trains an averaged perceptron with the library's own
//! feature code (`Gazetteer::learning_input`), so features cannot drift
//! between training and run time. Everything is deterministic: documents
//! in file order shuffled by a fixed generator, weights summed in `f64`,
//! rows written sorted; a rerun writes the same bytes. `--check` writes
//! nothing and exits 1 when the committed model differs from a rebuild.
//! GUM is never read: it is for evaluation only.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use newsx::gazetteer::learned::{self, Candidates, Decoder, Weights, TAGS};
use newsx::gazetteer::{builtin_files, Gazetteer, MatchOptions};
use newsx::tokenize::Tokenizer;
use serde_json::Value;

/// Passes over the training documents.
const EPOCHS: usize = 8;
/// Features seen fewer times than this in training are left out.
const MIN_COUNT: u32 = 2;
/// Training files; GUM is not among them on purpose.
const FILES: [&str; 2] = ["wikigold.jsonl", "btc.jsonl"];

/// One training document: its candidates and their gold tags.
struct Example {
    cands: Candidates,
    gold: Vec<u8>,
}

/// Weights under training, with the sums for averaging.
#[derive(Default)]
struct Trainer {
    w: HashMap<u64, Slot>,
    step: u64,
}

#[derive(Default, Clone, Copy)]
struct Slot {
    w: [f64; TAGS],
    sum: [f64; TAGS],
    stamp: [u64; TAGS],
}

impl Weights for Trainer {
    fn add(&self, f: u64, scores: &mut [f32; TAGS]) {
        if let Some(s) = self.w.get(&f) {
            for (x, w) in scores.iter_mut().zip(s.w) {
                *x += w as f32;
            }
        }
    }
}

impl Trainer {
    fn update(&mut self, f: u64, tag: usize, by: f64) {
        let step = self.step;
        let Some(s) = self.w.get_mut(&f) else { return };
        s.sum[tag] += (step - s.stamp[tag]) as f64 * s.w[tag];
        s.stamp[tag] = step;
        s.w[tag] += by;
    }

    fn averaged(&self) -> Vec<(u64, [f32; TAGS])> {
        let mut out: Vec<(u64, [f32; TAGS])> = self
            .w
            .iter()
            .map(|(&h, s)| {
                let a: [f32; TAGS] = std::array::from_fn(|t| {
                    let sum =
                        s.sum[t] + (self.step - s.stamp[t]) as f64 * s.w[t];
                    (sum / self.step.max(1) as f64) as f32
                });
                (h, a)
            })
            .collect();
        out.sort_by_key(|r| r.0);
        out
    }
}

fn load(dir: &std::path::Path, name: &str) -> Vec<Value> {
    let path = dir.join(name);
    let body = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    body.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// Byte offset of every code point offset of `text`.
fn byte_offsets(text: &str) -> Vec<usize> {
    let mut out: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    out.push(text.len());
    out
}

/// The gold tag of every candidate: begin or inside of a gold span of a
/// kind; `misc` and unlabelled words are outside.
fn gold_tags(
    doc: &Value,
    text: &str,
    tokens: &newsx::tokenize::Tokens,
    cands: &Candidates,
) -> Vec<u8> {
    let at = byte_offsets(text);
    let spans: Vec<(usize, usize, u8)> = doc["spans"]
        .as_array()
        .expect("spans")
        .iter()
        .filter_map(|s| {
            let kind = match s["label"].as_str()? {
                "person" => 0,
                "organization" => 1,
                "location" => 2,
                _ => return None,
            };
            let start = at[s["start"].as_u64()? as usize];
            let end = at[s["end"].as_u64()? as usize];
            Some((start, end, kind))
        })
        .collect();
    let mut tags = Vec::with_capacity(cands.len());
    for c in 0..cands.len() {
        let tok = tokens.tokens[cands.token[c] as usize].span;
        let span = spans.iter().find(|s| s.0 <= tok.start && tok.start < s.1);
        let tag = match span {
            None => 0,
            Some(&(start, _, kind)) => {
                let inside = 2 + 2 * kind;
                let prev = if c > 0 { tags[c - 1] } else { 0 };
                if tok.start > start
                    && learned::allowed(cands, c, inside as usize, prev)
                {
                    inside
                } else if cands.connector[c] {
                    0
                } else {
                    1 + 2 * kind
                }
            }
        };
        tags.push(tag);
    }
    tags
}

fn examples(dir: &std::path::Path) -> Vec<Example> {
    let options = MatchOptions {
        rules_only: true,
        ..MatchOptions::default()
    };
    let gazetteer = Gazetteer::from_files(&builtin_files(), options)
        .expect("built-in gazetteers load");
    let tokenizer = Tokenizer::new();
    let mut out = Vec::new();
    for name in FILES {
        for (i, doc) in load(dir, name).iter().enumerate() {
            if i % 5 == 0 {
                continue; // the held-out fold
            }
            let text = doc["text"].as_str().expect("text");
            let tokens = tokenizer.tokenize(text);
            let cands = gazetteer.learning_input(text, &tokens);
            if cands.is_empty() {
                continue;
            }
            let gold = gold_tags(doc, text, &tokens, &cands);
            out.push(Example { cands, gold });
        }
    }
    out
}

/// A fixed xorshift generator for the order of documents.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn train(examples: &[Example]) -> Vec<(u64, [f32; TAGS])> {
    let mut counts: HashMap<u64, u32> = HashMap::new();
    for e in examples {
        for &f in &e.cands.feats {
            *counts.entry(f).or_default() += 1;
        }
    }
    let mut t = Trainer::default();
    for (&f, &n) in &counts {
        if n >= MIN_COUNT {
            t.w.insert(f, Slot::default());
        }
    }
    // Tag-history features are few and always kept (added as met).
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for epoch in 0..EPOCHS {
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        let (mut right, mut all) = (0usize, 0usize);
        for &k in &order {
            let e = &examples[k];
            let mut d = Decoder::default();
            for c in 0..e.cands.len() {
                let dynamic = d.features(&e.cands, c);
                for &f in &dynamic {
                    t.w.entry(f).or_default();
                }
                let (guess, margin) = d.choose(&e.cands, c, &t, &dynamic);
                let gold = e.gold[c];
                t.step += 1;
                if e.cands.fixed[c] != learned::FREE {
                    d.push(&e.cands, c, (guess, margin));
                    continue;
                }
                if guess != gold {
                    let feats =
                        e.cands.static_features(c).iter().chain(&dynamic);
                    for &f in feats {
                        t.update(f, gold as usize, 1.0);
                        t.update(f, guess as usize, -1.0);
                    }
                } else {
                    right += 1;
                }
                all += 1;
                d.push(&e.cands, c, (guess, margin));
            }
        }
        eprintln!(
            "epoch {}: {right}/{all} candidates right ({:.4})",
            epoch + 1,
            right as f64 / all.max(1) as f64
        );
    }
    t.averaged()
}

fn main() -> ExitCode {
    let mut dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/dev/entities");
    let mut check = false;
    for arg in std::env::args().skip(1) {
        if arg == "--check" {
            check = true;
        } else {
            dir = PathBuf::from(arg);
        }
    }
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("gazetteers/names/tagger.bin");
    let examples = examples(&dir);
    eprintln!("{} training documents", examples.len());
    let bytes = learned::encode(&train(&examples));
    if check {
        let same = std::fs::read(&out).is_ok_and(|b| b == bytes);
        eprintln!(
            "{}: {}",
            out.display(),
            if same {
                "up to date"
            } else {
                "differs from a rebuild"
            }
        );
        return if same {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        };
    }
    std::fs::write(&out, &bytes)
        .unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    eprintln!("wrote {} ({} bytes)", out.display(), bytes.len());
    ExitCode::SUCCESS
}
