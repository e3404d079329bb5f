//! The benchmark corpus: the seed articles varied by a deterministic
//! generator, so that benchmarks run on megabytes of news-shaped text without
//! shipping megabytes of text.
//!
//! Variation keeps what the pipeline cares about realistic: names swap among
//! countries and capitals, digits change, paragraphs are reordered and
//! repeated, and scraper furniture is sprinkled at the head and tail.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed articles of `corpus/`, in file-name order.
pub fn seeds() -> Vec<String> {
    read_txt_dir(&root().join("corpus"))
}

/// Every `*.txt` file of `dir`, in file-name order (empty when absent).
pub fn read_txt_dir(dir: &Path) -> Vec<String> {
    files_with_extension(dir, "txt")
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

/// The files of `dir` whose extension is `ext`, in file-name order (none
/// when `dir` is absent).
pub fn files_with_extension(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    paths.sort();
    paths
}

/// The Wikinews sample beside the repository, when present.
pub fn wikinews() -> Vec<String> {
    read_txt_dir(&root().join("../shared/wikinews"))
}

const PLACES: &[(&str, &str)] = &[
    ("Russia", "Moscow"),
    ("Iran", "Tehran"),
    ("Turkey", "Ankara"),
    ("China", "Beijing"),
    ("India", "New Delhi"),
    ("France", "Paris"),
    ("Germany", "Berlin"),
    ("Brazil", "Brasília"),
    ("Japan", "Tokyo"),
    ("Egypt", "Cairo"),
];

const FURNITURE: &[&str] = &[
    "Subscribe to our newsletter",
    "Share this article",
    "Advertisement",
    "Read more: Markets rally as oil prices ease",
    "© 2024 Example Media Group. All rights reserved.",
    "Sign up for our daily briefing. You can unsubscribe at any time.",
    "Photo: Reuters",
    "Related Articles",
];

/// A tiny deterministic generator (xorshift64*).
pub struct Rng(pub u64);

impl Rng {
    /// The next pseudo-random number.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Documents varied from the seeds until they total at least `bytes`.
pub fn generate(bytes: usize) -> Vec<String> {
    let seeds = seeds();
    let mut rng = Rng(0x5EED_2026);
    let mut docs = Vec::new();
    let mut total = 0;
    while total < bytes {
        let doc = vary(&seeds[rng.below(seeds.len())], &mut rng);
        total += doc.len();
        docs.push(doc);
    }
    docs
}

/// One variation of a seed article.
fn vary(seed: &str, rng: &mut Rng) -> String {
    let (a, b) = (rng.below(PLACES.len()), rng.below(PLACES.len()));
    let mut text = seed
        .replace("Russia", "\u{1}")
        .replace("Moscow", "\u{2}")
        .replace("\u{1}", PLACES[a].0)
        .replace("\u{2}", PLACES[a].1)
        .replace("Iran", PLACES[b].0)
        .replace("Tehran", PLACES[b].1);
    text = text
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) if rng.below(3) == 0 => {
                char::from_digit((d + 1 + rng.below(8) as u32) % 10, 10)
                    .unwrap_or(c)
            }
            _ => c,
        })
        .collect();
    let mut paras: Vec<&str> = text.split("\n\n").collect();
    for _ in 0..rng.below(3) {
        let i = 1 + rng.below(paras.len().saturating_sub(1));
        let j = rng.below(paras.len());
        paras.insert(i.min(paras.len()), paras[j]);
    }
    let mut out = String::with_capacity(text.len() + 200);
    for _ in 0..rng.below(3) {
        out.push_str(FURNITURE[rng.below(FURNITURE.len())]);
        out.push('\n');
    }
    out.push_str(&paras.join("\n\n"));
    out.push('\n');
    if rng.below(2) == 0 {
        out.push_str(FURNITURE[rng.below(FURNITURE.len())]);
        out.push('\n');
    }
    out
}

/// Writes a generated corpus of at least `bytes` into `dir` as
/// `NNNNNN.txt` files, for whole-process timing of the binary.
pub fn write_corpus(dir: &Path, bytes: usize) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    let docs = generate(bytes);
    for (i, doc) in docs.iter().enumerate() {
        std::fs::write(dir.join(format!("{i:06}.txt")), doc)?;
    }
    Ok(docs.len())
}

pub mod standin;
