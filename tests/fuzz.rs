//! A mutation fuzzer for the whole read → record path.
//!
//! It starts from the bundled corpus (and the Wikinews sample beside the
//! repository when present), mutates bytes with a seeded generator — flips,
//! cuts, splices, and inserts of tokens that stress each stage — and checks
//! that decoding and analysis never panic and that records keep their
//! offset contract. The run is deterministic; `NEWSX_FUZZ_ITERS` sets its
//! length (default 400 for CI) and `NEWSX_FUZZ_SEED` its seed, for longer
//! hunts on a workstation.

mod common;

use std::path::Path;

use newsx::html::charset::decode_declared;
use newsx::read::decode;
use newsx::Pipeline;

/// xorshift64*: tiny, deterministic, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: &[&[u8]] = &[
    b"$",
    b"bn",
    b"US$",
    b"\xe2\x82\xac",
    b"\xc2\xa3",
    b"1,000",
    b"3.5",
    b"per cent",
    b"%",
    b"more than ",
    b"thousands of ",
    b"By ",
    b"\r\n",
    b"\n\n",
    b"\xef\xbb\xbf",
    b"\x00",
    b"\xff\xfe",
    b"\xe9",
    b"\x93",
    b"U.S.",
    b"Mr. ",
    b"No. ",
    b"Shoigu",
    b"Russia\xe2\x80\x99s ",
    b"Turkey",
    b"S-400",
    b"2022",
    b"Previous Article\n",
    b"Get a summary\n",
    b"\xf0\x9f\x91\x8d",
    b"-",
    b"\xe2\x80\x9c",
    b"\t",
    b"<div>",
    b"</div>",
    b"<p>",
    b"<br>",
    b"<script>",
    b"</script>",
    b"<!--",
    b"-->",
    b"&pound;",
    b"&#x1F600;",
    b"&#0;",
    b"&",
    b"<table><tr><td>",
    b"<a href=\"/x\">",
    b"</a>",
    b"<article>",
    b"<nav class=\"menu\">",
    b"<h1>",
    b"<meta charset=\"windows-1252\">",
    b"<!DOCTYPE html><html>",
];

/// Pages for the HTML path: a small built-in page, and the first dev pages
/// beside the repository when present.
fn html_seeds() -> Vec<Vec<u8>> {
    let mut seeds = vec![b"<!DOCTYPE html><html lang=en><head><title>A | B\
        </title><script type=\"application/ld+json\">{\"@type\":\
        \"NewsArticle\",\"articleBody\":\"x\"}</script></head><body><nav>\
        <a href=/>Home</a></nav><article><h1>A</h1><p>Prices rose by \
        &pound;5bn, the office said.<br>More later.</p><table><tr><td>1\
        </td><td>2</td></tr></table></article><footer>(c)</footer></body>\
        </html>"
        .to_vec()];
    let dir = common::root().join("../shared/dev/boilerplate/html");
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        paths.sort();
        seeds.extend(paths.iter().take(8).map(|p| std::fs::read(p).unwrap()));
    }
    seeds
}

fn seeds() -> Vec<Vec<u8>> {
    let mut seeds = Vec::new();
    for dir in [
        common::root().join("corpus"),
        common::root().join("../shared/wikinews"),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries
            .map(|e| e.unwrap().path())
            .filter(|p| is_txt(p))
            .collect();
        paths.sort();
        seeds.extend(paths.iter().map(|p| std::fs::read(p).unwrap()));
    }
    seeds
}

fn is_txt(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "txt")
}

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut doc = seeds[rng.below(seeds.len())].clone();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(doc.len() + 1);
        match rng.below(5) {
            0 if !doc.is_empty() => {
                let i = rng.below(doc.len());
                doc[i] ^= 1 << rng.below(8);
            }
            1 => {
                let end = (at + rng.below(64)).min(doc.len());
                doc.drain(at..end);
            }
            2 => {
                let other = &seeds[rng.below(seeds.len())];
                let from = rng.below(other.len());
                let end = (from + rng.below(400)).min(other.len());
                doc.splice(at..at, other[from..end].iter().copied());
            }
            _ => {
                let token = TOKENS[rng.below(TOKENS.len())];
                doc.splice(at..at, token.iter().copied());
            }
        }
    }
    doc
}

#[test]
fn mutated_documents_never_panic_or_break_offsets() {
    let iters: usize = std::env::var("NEWSX_FUZZ_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400);
    let seed: u64 = std::env::var("NEWSX_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x9E37_79B9);
    let pipeline = Pipeline::builtin().expect("built-in gazetteers load");
    let seeds = seeds();
    assert!(!seeds.is_empty(), "the corpus has seed documents");
    let mut rng = Rng(seed | 1);
    let mut analysed = 0;
    for _ in 0..iters {
        let raw = mutate(&mut rng, &seeds);
        let Ok((text, encoding)) = decode(&raw) else {
            continue;
        };
        common::analyse_and_check(&pipeline, text, encoding, raw.len() as u64);
        analysed += 1;
    }
    assert!(
        analysed * 2 > iters,
        "most mutants should still decode as text ({analysed}/{iters})"
    );
}

#[test]
fn mutated_pages_never_panic_or_break_the_record() {
    let iters: usize = std::env::var("NEWSX_FUZZ_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(60, |n: usize| n / 4);
    let pipeline = Pipeline::builtin().expect("built-in gazetteers load");
    let seeds = html_seeds();
    let mut rng = Rng(0x5EED_F7A6 | 1);
    for _ in 0..iters {
        let raw = mutate(&mut rng, &seeds);
        let decoded = decode_declared(&raw)
            .map(Ok)
            .unwrap_or_else(|| decode(&raw));
        let Ok((text, encoding)) = decoded else {
            continue;
        };
        let analysis = common::analyse_and_check(
            &pipeline,
            text,
            encoding,
            raw.len() as u64,
        );
        let c = &analysis.cleaned;
        assert_eq!(c.text, c.text.trim());
        assert!(!c.text.contains("\n\n\n"));
        if let Some(title) = &c.title {
            assert!(c.text.starts_with(title.as_str()));
        }
        assert!(c.removed.iter().all(|r| !r.text.trim().is_empty()));
    }
}
