//! The Article Extraction Benchmark's token metric, as
//! `../shared/dev/README.md` defines it: both texts split into `\w+`
//! tokens, every run of four tokens a shingle, counted as a multiset; per
//! page the shingles in both (TP), only in the output (FP) and only in the
//! truth (FN). Precision and recall are means over pages, and F1 is taken
//! from the two means ([`super::f1`]). One implementation, so every evaluation
//! that quotes the benchmark's figures measures the same thing.

use std::collections::HashMap;

use regex::Regex;

/// Splits texts into the metric's `\w+` tokens and shingles.
pub struct Shingler {
    words: Regex,
}

impl Default for Shingler {
    fn default() -> Self {
        Self::new()
    }
}

impl Shingler {
    pub fn new() -> Self {
        let words = Regex::new(r"\w+").expect("the token pattern compiles");
        Shingler { words }
    }

    /// How many `\w+` tokens `text` has.
    pub fn tokens(&self, text: &str) -> usize {
        self.words.find_iter(text).count()
    }

    /// Four-token shingles of `text`, as a multiset (tokens joined by a
    /// space, which no `\w+` token contains).
    pub fn shingles(&self, text: &str) -> HashMap<String, usize> {
        let tokens: Vec<&str> =
            self.words.find_iter(text).map(|m| m.as_str()).collect();
        let mut out = HashMap::new();
        for w in tokens.windows(4) {
            *out.entry(w.join(" ")).or_insert(0) += 1;
        }
        out
    }

    /// The shingle counts of `output` measured against `truth`.
    pub fn compare(&self, output: &str, truth: &str) -> Counts {
        let got = self.shingles(output);
        let want = self.shingles(truth);
        let mut c = Counts::default();
        for (s, &n) in &got {
            let m = want.get(s).copied().unwrap_or(0);
            c.tp += n.min(m);
            c.fp += n.saturating_sub(m);
        }
        for (s, &m) in &want {
            c.fn_ += m.saturating_sub(got.get(s).copied().unwrap_or(0));
        }
        c
    }
}

/// TP, FP and FN shingles of one page.
#[derive(Clone, Copy, Debug, Default)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    /// TP/(TP+FP); as the benchmark, identical texts (also both empty)
    /// score 1 and texts sharing no shingle 0.
    pub fn precision(self) -> f64 {
        if self.tp + self.fp > 0 {
            self.tp as f64 / (self.tp + self.fp) as f64
        } else {
            f64::from(u8::from(self.fn_ == 0))
        }
    }

    /// TP/(TP+FN), with the same two edge cases as [`Counts::precision`].
    pub fn recall(self) -> f64 {
        if self.tp + self.fn_ > 0 {
            self.tp as f64 / (self.tp + self.fn_) as f64
        } else {
            f64::from(u8::from(self.fp == 0))
        }
    }
}
