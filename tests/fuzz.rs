//! A mutation fuzzer for the whole read → record path.
//!
//! It starts from the bundled corpus, the pathological shapes of
//! `tests/common/shapes.rs`, and beside the repository (when present) the
//! Wikinews articles and the real web pages of `../shared/dev/boilerplate`;
//! it mutates bytes with a seeded generator — flips, cuts, splices, and
//! inserts of tokens that stress each stage (stray bytes, NULs, UTF-16
//! pieces, copyright marks) — and checks that decoding and analysis never
//! panic and that records keep their offset contract. The run is
//! deterministic; `NEWSX_FUZZ_ITERS` sets its length (default 400 for CI)
//! and `NEWSX_FUZZ_SEED` its seed, for longer hunts on a workstation; it
//! prints iterations, seed and time.

mod common;

use std::path::Path;

use newsx::read::{decode, decode_document};
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
    b"\xc2\xa9 2024 ",
    b"(c)",
    b"501(c)(3) ",
    b"\x92",
    b"\x00\x00",
    b"M\x00i\x00n\x00",
    b"\xe2\x80",
    b"Ministry Russia Ministry ",
    b"O'Neil ",
    b"said Linda ",
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
    let dir = common::shared("dev/boilerplate/html", "HTML fuzz seeds");
    if let Some(Ok(entries)) = dir.map(std::fs::read_dir) {
        let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        paths.sort();
        seeds.extend(paths.iter().take(8).map(|p| std::fs::read(p).unwrap()));
    }
    seeds
}

fn seeds() -> Vec<Vec<u8>> {
    let mut seeds: Vec<Vec<u8>> = common::shapes::SHAPES
        .iter()
        .map(|shape| shape.build(4 << 10).into_bytes())
        .collect();
    let shared = ["wikinews", "dev/boilerplate/txt"]
        .into_iter()
        .filter_map(|name| common::shared(name, "fuzz seeds"));
    for dir in std::iter::once(common::root().join("corpus")).chain(shared) {
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

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The generator of iteration `i`: each iteration has its own, so that
/// iterations run on any number of threads and one can be replayed alone
/// (`NEWSX_FUZZ_FROM=i NEWSX_FUZZ_ITERS=1`).
fn rng_for(seed: u64, i: u64) -> Rng {
    // splitmix64 of seed + i
    let mut z = seed.wrapping_add(i.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    Rng((z ^ (z >> 31)) | 1)
}

#[test]
fn mutated_documents_never_panic_or_break_offsets() {
    use rayon::prelude::*;

    let iters = env_number("NEWSX_FUZZ_ITERS", 400);
    let from = env_number("NEWSX_FUZZ_FROM", 0);
    let seed = env_number("NEWSX_FUZZ_SEED", 0x9E37_79B9);
    let pipeline = Pipeline::builtin().expect("built-in gazetteers load");
    let seeds = seeds();
    assert!(!seeds.is_empty(), "the corpus has seed documents");
    let started = std::time::Instant::now();
    let outcomes: Vec<Result<bool, u64>> = (from..from + iters)
        .into_par_iter()
        .map(|i| {
            let run = std::panic::AssertUnwindSafe(|| {
                let raw = mutate(&mut rng_for(seed, i), &seeds);
                let Ok((text, encoding)) = decode(&raw) else {
                    return false;
                };
                let bytes = raw.len() as u64;
                common::analyse_and_check(&pipeline, text, encoding, bytes);
                true
            });
            std::panic::catch_unwind(run).map_err(|_| i)
        })
        .collect();
    let failed: Vec<u64> =
        outcomes.iter().filter_map(|o| o.err()).take(10).collect();
    let analysed = outcomes.iter().filter(|o| *o == &Ok(true)).count();
    println!(
        "{iters} iterations from {from} ({analysed} decoded as text) on {} \
         seeds, seed {seed:#x}, in {:.1} s",
        seeds.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        failed.is_empty(),
        "iterations {failed:?} failed; replay one with NEWSX_FUZZ_SEED={seed} \
         NEWSX_FUZZ_FROM=i NEWSX_FUZZ_ITERS=1"
    );
    assert!(
        analysed as u64 * 2 > iters,
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
        let Ok(decoded) = decode_document(&raw) else {
            continue;
        };
        let (text, encoding) = (decoded.text, decoded.encoding);
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
