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
];

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
