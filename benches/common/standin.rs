//! The stand-in corpus: many small news-shaped files made of real prose, for
//! timing the whole process the way users run it (tens of thousands of
//! articles of about 1 KB, not a few large inputs).
//!
//! The prose is real and written by other people: the Wikinews articles
//! (`../shared/wikinews`), the article text of the dev web pages
//! (`../shared/dev/boilerplate/ground-truth.json`) and the wikigold entity
//! texts (`../shared/dev/entities/wikigold.jsonl`, detokenised). None of it
//! is copied into the repository; the generator reads it beside the
//! checkout and writes the corpus wherever it is told (under /tmp).
//!
//! An article is a title line, a blank line, and paragraphs taken in order
//! from one source document (wrapping into the next), separated by blank
//! lines, until a target size drawn from a log-normal law (median 1 KB,
//! clipped to 0.3–3 KB) is reached. Everything is drawn from a seeded
//! generator, so the same seed writes the same bytes.

use std::io;
use std::path::{Path, PathBuf};

use super::{root, Rng};

/// Smallest and largest article, in bytes.
const MIN_BYTES: usize = 300;
const MAX_BYTES: usize = 3000;

/// The real prose the articles are made of: source documents as lists of
/// paragraphs, and candidate title lines.
pub struct Prose {
    docs: Vec<Vec<String>>,
    titles: Vec<String>,
}

impl Prose {
    /// Reads the prose under `shared` (`../shared`); `None` when absent.
    pub fn load(shared: &Path) -> Option<Prose> {
        let mut prose = Prose {
            docs: Vec::new(),
            titles: Vec::new(),
        };
        prose.add_wikinews(&shared.join("wikinews"));
        prose.add_pages(&shared.join("dev/boilerplate/ground-truth.json"));
        prose.add_entity_texts(&shared.join("dev/entities/wikigold.jsonl"));
        prose.docs.retain(|d| !d.is_empty());
        (!prose.docs.is_empty() && !prose.titles.is_empty()).then_some(prose)
    }

    /// The prose beside the repository, when present.
    pub fn beside_repository() -> Option<Prose> {
        Prose::load(&root().join("../shared"))
    }

    /// Wikinews: the first line is the headline, paragraphs follow.
    fn add_wikinews(&mut self, dir: &Path) {
        for text in super::read_txt_dir(dir) {
            let mut lines = text.lines();
            if let Some(title) = lines.next() {
                self.titles.push(title.trim().to_string());
            }
            let rest: Vec<&str> = lines.collect();
            self.docs.push(paragraphs(&rest.join("\n")));
        }
    }

    /// The article bodies of the dev pages, one paragraph a line.
    fn add_pages(&mut self, file: &Path) {
        let Ok(text) = std::fs::read_to_string(file) else {
            return;
        };
        let Ok(serde_json::Value::Object(pages)) =
            serde_json::from_str::<serde_json::Value>(&text)
        else {
            return;
        };
        for (_, page) in pages {
            if let Some(body) = page["articleBody"].as_str() {
                let paras = body
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(String::from)
                    .collect();
                self.docs.push(paras);
            }
        }
    }

    /// wikigold: tokenised sentences, one a line, detokenised and grouped
    /// three to a paragraph; short sentences also serve as titles.
    fn add_entity_texts(&mut self, file: &Path) {
        let Ok(text) = std::fs::read_to_string(file) else {
            return;
        };
        for line in text.lines() {
            let Ok(value) = serde_json::from_str::<serde_json::Value>(line)
            else {
                continue;
            };
            let Some(doc) = value["text"].as_str() else {
                continue;
            };
            let sentences: Vec<String> = doc
                .lines()
                .map(detokenise)
                .filter(|s| !s.is_empty())
                .collect();
            for s in &sentences {
                if (30..=110).contains(&s.len()) && !s.contains('"') {
                    self.titles.push(s.trim_end_matches('.').to_string());
                }
            }
            self.docs
                .push(sentences.chunks(3).map(|c| c.join(" ")).collect());
        }
    }

    /// One article of the stand-in corpus.
    pub fn article(&self, rng: &mut Rng) -> String {
        let target = target_size(rng);
        let mut out = self.titles[rng.below(self.titles.len())].clone();
        out.push('\n');
        let mut d = rng.below(self.docs.len());
        let mut p = rng.below(self.docs[d].len());
        while out.len() < target {
            // Room for the paragraph, its blank line and its newline.
            let room = target.saturating_sub(out.len() + 2);
            let para = &self.docs[d][p];
            let taken = match cut(para, room, false) {
                "" if out.len() >= MIN_BYTES => break,
                "" => cut(para, MAX_BYTES - out.len() - 2, true),
                taken => taken,
            };
            out.push('\n');
            out.push_str(taken);
            out.push('\n');
            if taken.len() < para.len() && out.len() >= MIN_BYTES {
                break;
            }
            p += 1;
            if p == self.docs[d].len() {
                d = (d + 1) % self.docs.len();
                p = 0;
            }
        }
        out
    }
}

/// Paragraphs of a text: blocks separated by blank lines, each on one line.
fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// A tokenised sentence ("Markets , he said .") as written prose.
fn detokenise(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for token in line.split_whitespace() {
        let glued = matches!(
            token,
            "." | "," | ";" | ":" | "?" | "!" | ")" | "'s" | "n't" | "%"
        );
        if !out.is_empty() && !glued && !out.ends_with('(') {
            out.push(' ');
        }
        out.push_str(token);
    }
    out
}

/// A paragraph cut to at most `room` bytes at a sentence end; when its
/// first sentence is longer, empty, or if `hard`, cut at a character.
fn cut(para: &str, room: usize, hard: bool) -> &str {
    if para.len() <= room {
        return para;
    }
    let mut end = room;
    while !para.is_char_boundary(end) {
        end -= 1;
    }
    let head = &para[..end];
    match head.rfind(". ") {
        Some(i) => &head[..=i],
        None if hard => head,
        None => "",
    }
}

/// A size from a log-normal law, clipped to 0.3–3 KB; articles end at a
/// sentence short of it, so their median comes out near 1 KB.
fn target_size(rng: &mut Rng) -> usize {
    // Sum of 12 uniforms minus 6: close enough to a standard normal.
    let normal: f64 = (0..12)
        .map(|_| (rng.next() >> 11) as f64 / (1u64 << 53) as f64)
        .sum::<f64>()
        - 6.0;
    let size = 1100.0 * (0.5 * normal).exp();
    (size as usize).clamp(MIN_BYTES, MAX_BYTES)
}

/// `n` articles drawn with `seed`, in memory.
pub fn articles(prose: &Prose, n: usize, seed: u64) -> Vec<String> {
    let mut rng = Rng(seed | 1);
    (0..n).map(|_| prose.article(&mut rng)).collect()
}

/// Where article `i` of `n` goes: four topic folders, numbered names.
fn relative_path(i: usize, n: usize) -> PathBuf {
    const FOLDERS: [&str; 4] = ["business", "local", "wire", "world"];
    let per = n.div_ceil(FOLDERS.len()).max(1);
    let folder = FOLDERS[(i / per).min(FOLDERS.len() - 1)];
    PathBuf::from(folder).join(format!("{i:05}.txt"))
}

/// Writes `n` articles under `dir`; with `copies` over 1, each copy goes
/// into its own sub-folder `copyNN/` (the 1 M-file variant). Returns the
/// files and bytes written.
pub fn write(
    prose: &Prose,
    dir: &Path,
    n: usize,
    seed: u64,
    copies: usize,
) -> io::Result<(usize, u64)> {
    let texts = articles(prose, n, seed);
    let (mut files, mut bytes) = (0, 0);
    for copy in 0..copies.max(1) {
        let base = match copies {
            0 | 1 => dir.to_path_buf(),
            _ => dir.join(format!("copy{copy:02}")),
        };
        for (i, text) in texts.iter().enumerate() {
            let path = base.join(relative_path(i, n));
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&path, text)?;
            files += 1;
            bytes += text.len() as u64;
        }
    }
    Ok((files, bytes))
}
