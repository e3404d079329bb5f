//! Corpus-level templates: lines a site repeats on every page.
//!
//! When a run covers many articles from one site, its header, footer and
//! widgets recur verbatim across documents while article text does not. A
//! first pass counts, for every line fingerprint, the number of documents it
//! occurs in; [`super::Cleaner::clean_with`] then removes lines seen in at
//! least `min_docs` documents, with reason `template`.
//!
//! - A fingerprint is a 64-bit hash of the line after normalisation: ASCII
//!   lower case, whitespace runs collapsed, in sentences every run of
//!   digits replaced by one `0`. Memory is one table entry per distinct
//!   line, never the text.
//! - Digits are folded only in lines that end like a sentence ("Founded in
//!   1887, the Gazette…" recurs whatever its numbers). Any other line keeps
//!   its digits: headlines of a series differ only by their numbers
//!   ("Valley notes, week 3") and must not merge into one template, while
//!   timestamps and counters whose numbers change are left to the per-line
//!   features (`timestamp`, `navigation`).
//! - Each fingerprint counts once per document, so a document repeating its
//!   footer twice does not make it a template.
//! - Memory is bounded: when the table exceeds its entry limit, fingerprints
//!   seen in a single document so far are dropped (then two, …). A template
//!   is by definition frequent, so it survives; the price is that a line
//!   must reach `min_docs` after the last pruning. Counting is exact, and
//!   [`TemplateCounter::merge`] order-independent, while under the limit.
//! - A line that reads as a real sentence (eight words or more ending in
//!   `.`, `?` or `!`) needs [`SENTENCE_FACTOR`] times `min_docs` documents,
//!   and none is removed from a document whose sentences are mostly
//!   template hits: that document is a duplicate of another article (a
//!   syndicated wire story), not a page of furniture.
//!
//! The default `min_docs` ([`DEFAULT_MIN_DOCS`]) is set by measurement, see
//! `tests/clean_eval.rs` (`template_threshold_sweep`).

use crate::hash::KeyMap;

use super::lines::{end_of, End, Features};
use super::normalize::normalize;

/// Documents a line must appear in to be a template, by default.
pub const DEFAULT_MIN_DOCS: u32 = 5;

/// A sentence-like line needs this many times `min_docs` documents.
pub const SENTENCE_FACTOR: u32 = 4;

/// Distinct fingerprints kept before pruning (about 100 MB).
pub const DEFAULT_MAX_ENTRIES: usize = 1 << 22;

type Table = KeyMap<u64, u32>;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// An odd constant with well spread bits, for mixing whole words.
const WORD_MIX: u64 = 0x9E37_79B9_7F4A_7C15;

/// The fingerprint of one line, or `None` for a line without letters or
/// digits (separators are never templates). A line that ends like a
/// sentence has each run of digits folded to one `0`; any other line keeps
/// its digits (see the module docs).
pub fn fingerprint(line: &str) -> Option<u64> {
    let line = line.trim();
    let sentence =
        matches!(end_of(line), End::Stop | End::Question | End::Exclaim);
    fingerprint_with(line, !sentence)
}

fn fingerprint_with(line: &str, keep_digits: bool) -> Option<u64> {
    let line = line.as_bytes();
    let mut norm = Norm {
        keep_digits,
        ..Norm::default()
    };
    let mut i = 0;
    while i < line.len() {
        if let Some(lower) = plain_eight(line, i, &norm) {
            norm.push_eight(lower);
            i += 8;
        } else {
            norm.push(line[i]);
            i += 1;
        }
    }
    norm.alnum.then(|| mix(norm.hash.finish()))
}

/// The normaliser's state between bytes: the rules of the module docs
/// applied as the line is read, each byte of the normal form going
/// straight into the hash, so that no copy of the line is written.
#[derive(Default)]
struct Norm {
    keep_digits: bool,
    hash: Packer,
    alnum: bool,
    /// Blanks came after something was written: a space is due before
    /// the next byte.
    pending_space: bool,
    /// The last byte was a folded digit: the next digit adds nothing.
    in_digits: bool,
}

impl Norm {
    /// Normalises one byte.
    fn push(&mut self, b: u8) {
        if b <= b' ' {
            self.pending_space = self.hash.len > 0;
            self.in_digits = false;
            return;
        }
        let digit = b.is_ascii_digit() && !self.keep_digits;
        if digit && self.in_digits {
            return;
        }
        self.in_digits = digit;
        if self.pending_space {
            self.hash.push(b' ');
            self.pending_space = false;
        }
        self.alnum |= alnum(b);
        self.hash
            .push(if digit { b'0' } else { b.to_ascii_lowercase() });
    }

    /// Eight bytes that [`plain_eight`] found normalise to themselves
    /// lower-cased (`lower`, the first byte lowest).
    fn push_eight(&mut self, lower: u64) {
        self.in_digits = false;
        self.alnum =
            self.alnum || (lower.to_le_bytes().iter()).any(|&b| alnum(b));
        self.hash.push_eight(lower.swap_bytes());
    }
}

fn alnum(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// The eight bytes of `line` from `i`, lower-cased, when byte by byte
/// they would normalise to exactly that: no blank but single spaces
/// between other bytes (one before the first byte only after something
/// was written, one after the last only before another byte), no digit
/// to fold, and no space due before them.
fn plain_eight(line: &[u8], i: usize, norm: &Norm) -> Option<u64> {
    use crate::swar::{in_range, to_ascii_lowercase, word_at, HIGH, LOW};
    let x = word_at(line, i)?;
    if norm.pending_space {
        return None;
    }
    let seven = x & !HIGH;
    let ascii = !x & HIGH;
    // Exact for every byte: on seven bits no sum carries into the next.
    let blank = !(seven + LOW * 0x5F) & ascii;
    let other = seven ^ (LOW * u64::from(b' '));
    let space = !((other + LOW * 0x7F) | other) & ascii;
    let digit = in_range(seven, b'0', b'9') & ascii;
    let plain = blank == space
        && space & (space >> 8) == 0
        && (space & 0x80 == 0 || norm.hash.len > 0)
        && (space >> 63 == 0 || line.get(i + 8).is_some_and(|&b| b > b' '))
        && (norm.keep_digits || digit == 0);
    plain.then(|| to_ascii_lowercase(x))
}

/// Hashes a stream of bytes eight at a time: each full word of eight (the
/// first byte the most significant) goes through one multiply; the tail
/// and the length (its low byte) close the hash. Bytes come one at a time
/// or eight at a time, wherever the pending word stands.
#[derive(Default)]
struct Packer {
    h: u64,
    /// The bytes since the last full word (`len % 8` of them), the first
    /// most significant.
    word: u64,
    /// Bytes pushed.
    len: usize,
}

impl Packer {
    /// Bytes in `word` (0 to 7).
    #[inline]
    fn fill(&self) -> u32 {
        (self.len % 8) as u32
    }

    #[inline]
    fn push(&mut self, b: u8) {
        self.word = (self.word << 8) | u64::from(b);
        self.len += 1;
        if self.fill() == 0 {
            self.round(self.word);
            self.word = 0;
        }
    }

    /// Pushes eight bytes, `be` holding the first most significant.
    #[inline]
    fn push_eight(&mut self, be: u64) {
        self.len += 8;
        let kept = 8 * self.fill();
        if kept == 0 {
            self.round(be);
            return;
        }
        // The pending bytes and the first of the new ones make a word;
        // the new ones left over are pending after it.
        self.round((self.word << (64 - kept)) | (be >> kept));
        self.word = be & ((1 << kept) - 1);
    }

    #[inline]
    fn round(&mut self, word: u64) {
        self.h = (self.h ^ word).wrapping_mul(WORD_MIX).rotate_left(31);
    }

    fn finish(&self) -> u64 {
        let tail = self.word ^ ((self.len as u64) << 56);
        (self.h ^ FNV_OFFSET ^ tail).wrapping_mul(WORD_MIX)
    }
}

/// Final avalanche (from MurmurHash3), so the identity hasher spreads well.
fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The distinct line fingerprints of one document, sorted.
pub fn document_fingerprints(text: &str) -> Vec<u64> {
    let text = normalize(text);
    let mut fps: Vec<u64> = text.split('\n').filter_map(fingerprint).collect();
    fps.sort_unstable();
    fps.dedup();
    fps
}

/// Counts line fingerprints across documents (the first pass).
#[derive(Clone, Debug)]
pub struct TemplateCounter {
    counts: Table,
    documents: u64,
    max_entries: usize,
}

impl Default for TemplateCounter {
    fn default() -> TemplateCounter {
        TemplateCounter::new()
    }
}

impl TemplateCounter {
    /// An empty counter with the default entry limit.
    pub fn new() -> TemplateCounter {
        TemplateCounter::with_max_entries(DEFAULT_MAX_ENTRIES)
    }

    /// An empty counter keeping at most about `max_entries` fingerprints.
    pub fn with_max_entries(max_entries: usize) -> TemplateCounter {
        TemplateCounter {
            counts: Table::default(),
            documents: 0,
            max_entries: max_entries.max(1),
        }
    }

    /// Counts the lines of one decoded document.
    pub fn add_document(&mut self, text: &str) {
        self.add_fingerprints(&document_fingerprints(text));
    }

    /// Counts one document given its [`document_fingerprints`] (which may
    /// be computed in parallel; add them in input order for determinism
    /// once the entry limit is reached).
    pub fn add_fingerprints(&mut self, fingerprints: &[u64]) {
        self.documents += 1;
        for &fp in fingerprints {
            *self.counts.entry(fp).or_insert(0) += 1;
        }
        self.prune();
    }

    /// Adds the counts of `other` (documents counted separately).
    pub fn merge(&mut self, other: TemplateCounter) {
        self.documents += other.documents;
        for (fp, n) in other.counts {
            *self.counts.entry(fp).or_insert(0) += n;
        }
        self.prune();
    }

    /// Documents counted so far.
    pub fn documents(&self) -> u64 {
        self.documents
    }

    fn prune(&mut self) {
        let mut floor = 1;
        while self.counts.len() > self.max_entries {
            self.counts.retain(|_, n| *n > floor);
            floor += 1;
        }
    }

    /// The lines seen in at least `min_docs` documents (at least 2).
    pub fn finish(self, min_docs: u32) -> Templates {
        let min_docs = min_docs.max(2);
        let mut counts = self.counts;
        counts.retain(|_, n| *n >= min_docs);
        Templates {
            counts,
            min_docs,
            sentence_min_docs: min_docs.saturating_mul(SENTENCE_FACTOR),
        }
    }
}

/// Frequent line fingerprints of a run (the result of the first pass).
#[derive(Clone, Debug)]
pub struct Templates {
    counts: Table,
    min_docs: u32,
    sentence_min_docs: u32,
}

impl Templates {
    /// The threshold for lines that are not sentences.
    pub fn min_docs(&self) -> u32 {
        self.min_docs
    }

    /// Number of template fingerprints.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// Whether no line reached the threshold.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Documents `line` occurs in, when at least `min_docs`; else 0.
    pub fn documents_with(&self, line: &str) -> u32 {
        self.count(fingerprint(line))
    }

    fn count(&self, fp: Option<u64>) -> u32 {
        fp.and_then(|fp| self.counts.get(&fp).copied()).unwrap_or(0)
    }

    /// Whether `line`, alone, would be removed as a template.
    pub fn is_template(&self, line: &str) -> bool {
        let n = self.documents_with(line);
        let prose = Features::of(line.trim()).prose();
        n >= if prose {
            self.sentence_min_docs
        } else {
            self.min_docs
        }
    }

    /// For the lines of one document, given with "reads as a sentence",
    /// which are templates to remove.
    pub(crate) fn hits<'a>(
        &self,
        lines: impl Iterator<Item = (&'a str, bool)>,
    ) -> Vec<bool> {
        // A run where no line recurs enough (a small one, or news that
        // repeats little) has nothing to look up: no line is fingerprinted
        // a second time.
        if self.counts.is_empty() {
            return lines.map(|_| false).collect();
        }
        let seen: Vec<(u32, bool)> = lines
            .map(|(text, prose)| (self.documents_with(text), prose))
            .collect();
        let prose = seen.iter().filter(|s| s.1).count();
        let prose_hits = seen.iter().filter(|s| s.1 && s.0 > 0).count();
        let duplicate = prose >= 2 && prose_hits * 2 > prose;
        seen.iter()
            .map(|&(n, is_prose)| {
                if is_prose {
                    !duplicate && n >= self.sentence_min_docs
                } else {
                    n >= self.min_docs
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_normalise() {
        let same = [
            ("It opened at 3:45 pm.", "It  opened at 11:05 PM."),
            ("  Share this  ", "share this"),
            ("© 2023 Courier.", "© 1999 Courier."),
        ];
        for (a, b) in same {
            assert_eq!(fingerprint(a), fingerprint(b), "{a} / {b}");
        }
        assert_ne!(fingerprint("Share this"), fingerprint("Share that"));
        assert_ne!(fingerprint("Notes, week 3"), fingerprint("Notes, week 4"));
        assert_eq!(fingerprint("*** ---"), None);
        assert_eq!(fingerprint(""), None);
    }

    /// The fingerprint as first written, a byte at a time into the packer:
    /// the oracle that the version taking runs of eight must agree with.
    fn bytewise_fingerprint(line: &str, keep_digits: bool) -> Option<u64> {
        let mut h = Packer::default();
        let mut alnum = false;
        let mut pending_space = false;
        let mut in_digits = false;
        for &b in line.as_bytes() {
            // The common case first: a lower-case letter inside a word.
            if b.is_ascii_lowercase() && !pending_space {
                alnum = true;
                in_digits = false;
                h.push(b);
                continue;
            }
            if b <= b' ' {
                pending_space = h.len > 0;
                in_digits = false;
                continue;
            }
            let digit = b.is_ascii_digit() && !keep_digits;
            if digit && in_digits {
                continue;
            }
            in_digits = digit;
            if pending_space {
                h.push(b' ');
                pending_space = false;
            }
            alnum |= b.is_ascii_alphanumeric() || b >= 0x80;
            h.push(if digit { b'0' } else { b.to_ascii_lowercase() });
        }
        alnum.then(|| mix(h.finish()))
    }

    #[test]
    fn fingerprints_agree_with_the_bytewise_oracle() {
        let mut lines: Vec<String> = vec![
            String::new(),
            " ".into(),
            "a".into(),
            "abcdefgh".into(),
            "abcdefghi jk".into(),
            "  Share   THIS now: 12,345 (AP) —  café 3:45 pm.".into(),
            "Founded in 1887, the Gazette is owned by a trust.".into(),
            "\tTabs\tand\r\nbreaks 2024 2025".into(),
        ];
        // Every short line over a small alphabet that holds each class of
        // byte the normaliser tells apart, and some long ones.
        let alphabet = [b'a', b'Q', b' ', b'\t', b'7', b'.', 0xC3, 0xA9];
        for n in 0..6u32 {
            for code in 0..alphabet.len().pow(n) {
                let mut c = code;
                let mut bytes = Vec::new();
                for _ in 0..n {
                    bytes.push(alphabet[c % alphabet.len()]);
                    c /= alphabet.len();
                }
                lines.push(String::from_utf8_lossy(&bytes).into_owned());
            }
        }
        // Longer lines, drawn from the same bytes (spaces more often), so
        // that runs of eight meet every neighbour at every place.
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let len = next() % 40;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    let pick = next() as usize % (alphabet.len() + 3);
                    *alphabet.get(pick).unwrap_or(&b' ')
                })
                .collect();
            lines.push(String::from_utf8_lossy(&bytes).into_owned());
        }
        let long = "The minister, 62, said on Tuesday that 1,200 people ";
        lines.push(long.repeat(40));
        for line in &lines {
            for keep in [false, true] {
                assert_eq!(
                    fingerprint_with(line, keep),
                    bytewise_fingerprint(line, keep),
                    "{line:?} keep_digits={keep}"
                );
            }
        }
    }

    #[test]
    fn counts_once_per_document_and_merges() {
        let mut a = TemplateCounter::new();
        a.add_document("Title one\nFooter\nFooter\nOne");
        let mut b = TemplateCounter::new();
        b.add_document("Title two\nFooter\nTwo");
        a.merge(b);
        assert_eq!(a.documents(), 2);
        let t = a.finish(2);
        assert_eq!(t.documents_with("footer"), 2);
        assert_eq!(t.documents_with("One"), 0);
        assert!(t.is_template("Footer"));
    }

    #[test]
    fn pruning_keeps_frequent_lines() {
        let mut c = TemplateCounter::with_max_entries(8);
        for i in 0..50 {
            c.add_document(&format!(
                "T{i}\nSite header\nline {i} unique x{}",
                i * 7
            ));
        }
        let t = c.finish(5);
        assert_eq!(t.documents_with("Site header"), 50);
    }

    #[test]
    fn sentences_need_more_documents() {
        let sentence =
            "The newspaper was founded in 1887 and is owned by a trust.";
        let mut c = TemplateCounter::new();
        for _ in 0..6 {
            c.add_document(&format!("Title\nMenu\n{sentence}"));
        }
        let t = c.finish(5);
        assert!(t.is_template("Menu"));
        assert!(!t.is_template(sentence));
    }
}
