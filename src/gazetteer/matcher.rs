//! The automaton over every surface form, and the candidate scan.
//!
//! One trie ([`Trie`]) over the ASCII-lower-cased forms of every loaded
//! file, walked on the text lower-casing ASCII as it reads, matches without
//! regard to ASCII case, longest first; it is built once per
//! [`Gazetteer`](super::Gazetteer). A scan keeps a match as a *candidate* only
//! when it lies on word boundaries (a token start to a token end, or to the
//! start of a possessive "’s") and at least one of its forms accepts the case
//! it is written in. Evidence and ambiguity are decided later, once the whole
//! document's candidates are known.
//!
//! The search is anchored: it is only run where a word starts (see
//! [`Matcher::candidates`]), so a match always starts on a token.

use crate::hash::{KeyMap, KeySet};

use super::load::Form;
use super::text::{is_all_caps, starts_upper, Doc};
use super::trie::{Trie, MAX_PREFIXES};
use super::GazetteerError;
use crate::span::Span;

/// Forms grouped by automaton pattern.
#[derive(Debug)]
pub(crate) struct Matcher {
    trie: Trie,
    /// `forms[ranges[p].0..ranges[p].1]` are the forms of pattern `p`.
    ranges: Vec<(u32, u32)>,
    forms: Vec<Form>,
    /// Hashes of the first word of every form: a token whose first word
    /// is not among them cannot start a match.
    heads: KeySet<u64>,
    /// Case-sensitive hashes of the first word of the forms that start
    /// with a lower-case letter ("al-Sisi", "eBay"): only these can match
    /// at a lower-case token (see [`Matcher::worth_probing`]).
    lower_heads: KeySet<u64>,
    /// One bit per [`HEAD_BITS`]-bit slice of the hashes in `heads`: a
    /// small table that rules out most tokens before the large set.
    head_bits: Vec<u64>,
    /// The same for `lower_heads`, with [`LOWER_BITS`] bits.
    lower_bits: Vec<u64>,
    /// One bit per first two bytes of a token, as written, that may start
    /// a form ([`start_table`]): one read rules out most tokens before any
    /// hashing, with one branch where three tests on the first bytes
    /// mispredicted at every third token.
    starts: Vec<u64>,
}

/// A match on word boundaries whose case suits at least one form.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Candidate {
    pub span: Span,
    pub pattern: u32,
    /// First and last token the match covers.
    pub first: usize,
    pub last: usize,
    /// Written in capitals inside capitals ("WHO WON"), where case says
    /// nothing about acronyms.
    pub shouting: bool,
}

impl Matcher {
    /// Builds the automaton over the distinct (ASCII-case-folded) forms.
    /// The forms are moved in and the automaton reads the folded keys in
    /// place, so no form or key is copied.
    pub(crate) fn build(forms: Vec<Form>) -> Result<Matcher, GazetteerError> {
        let keys: Vec<String> =
            forms.iter().map(|f| f.text.to_ascii_lowercase()).collect();
        let mut ids: KeyMap<&str, u32> = KeyMap::default();
        ids.reserve(keys.len());
        let mut patterns: Vec<&str> = Vec::new();
        let pattern_of: Vec<u32> = keys
            .iter()
            .map(|key| {
                let next = patterns.len() as u32;
                *ids.entry(key.as_str()).or_insert_with(|| {
                    patterns.push(key);
                    next
                })
            })
            .collect();
        let mut tagged: Vec<(u32, Form)> =
            pattern_of.into_iter().zip(forms).collect();
        tagged.sort_by_key(|(p, f)| (*p, f.entry));
        let mut ranges = vec![(0u32, 0u32); patterns.len()];
        for (i, (p, _)) in tagged.iter().enumerate() {
            let r = &mut ranges[*p as usize];
            if r.1 == 0 {
                r.0 = i as u32;
            }
            r.1 = i as u32 + 1;
        }
        let trie = Trie::build(&patterns).map_err(|e| GazetteerError {
            path: "<gazetteers>".to_string(),
            line: 0,
            message: format!("cannot build the name trie: {e}"),
        })?;
        let forms: Vec<Form> = tagged.into_iter().map(|(_, f)| f).collect();
        let heads: KeySet<u64> = forms
            .iter()
            .filter_map(|f| head_hash(f.text.as_bytes()))
            .collect();
        let lower_heads: KeySet<u64> = forms
            .iter()
            .filter(|f| f.text.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter_map(|f| head_hash_exact(f.text.as_bytes()))
            .collect();
        let head_bits = bit_table(&heads, HEAD_BITS);
        let lower_bits = bit_table(&lower_heads, LOWER_BITS);
        let starts = start_table(&forms);
        Ok(Matcher {
            trie,
            ranges,
            forms,
            heads,
            lower_heads,
            head_bits,
            lower_bits,
            starts,
        })
    }

    /// The forms sharing pattern `p`.
    pub(crate) fn forms(&self, p: u32) -> &[Form] {
        let (a, b) = self.ranges[p as usize];
        &self.forms[a as usize..b as usize]
    }

    /// Every candidate in `doc`, in text order, non-overlapping.
    ///
    /// The automaton is only run anchored at token starts whose first word
    /// may begin some form (one read in a bit table that stays in cache;
    /// the exact set is asked only where the automaton matched), so the
    /// scan costs a little per word instead of one transition per byte.
    pub(crate) fn candidates(&self, doc: &Doc<'_>, out: &mut Vec<Candidate>) {
        let bytes = doc.text.as_bytes();
        let mut done = 0;
        for (i, t) in doc.tokens.tokens.iter().enumerate() {
            let start = t.span.start;
            let token = &bytes[start..t.span.end];
            if start >= done && self.worth_probing(token) {
                if let Some(c) = self.probe(doc, i, token) {
                    done = c.span.end;
                    out.push(c);
                }
            }
        }
    }

    /// The candidate at token `i`, if any. Kept out of line so that the
    /// loop over every token in [`Matcher::candidates`] stays small.
    #[inline(never)]
    fn probe(
        &self,
        doc: &Doc<'_>,
        i: usize,
        token: &[u8],
    ) -> Option<Candidate> {
        let c = self.longest_at(doc, i, doc.tokens.tokens[i].span.start)?;
        // The bit tables may let a token through whose first word starts
        // no form; such a token is no candidate, as without the tables.
        self.starts_form(token).then_some(c)
    }

    /// The longest candidate that starts at token `i`. When the longest
    /// match is not one (its case or its end does not suit it, as in
    /// "Russian news agency TASS" against "Russian News Agency TASS"),
    /// shorter matches at the same start are tried, a few at most.
    fn longest_at(
        &self,
        doc: &Doc<'_>,
        i: usize,
        start: usize,
    ) -> Option<Candidate> {
        let mut found = [(0, 0); MAX_PREFIXES];
        let n = self
            .trie
            .prefixes(&doc.text.as_bytes()[start..], &mut found);
        found[..n].iter().find_map(|&(pattern, len)| {
            self.candidate(doc, i, Span::new(start, start + len), pattern)
        })
    }

    /// False when no form starts with the first word of `token`; tokens
    /// with non-ASCII letters are always probed. A token that starts with
    /// a lower-case letter fits only a form written exactly as it is
    /// ([`case_fits`]: it is neither capitalised nor shouted), so its first
    /// word is looked up case-sensitively among the lower-case forms; this
    /// spares the automaton the "the" and "new" of running text.
    fn worth_probing(&self, token: &[u8]) -> bool {
        let slot = start_slot(token);
        if self.starts[slot / 64] & (1 << (slot % 64)) == 0 {
            return false;
        }
        if token.first().is_some_and(u8::is_ascii_lowercase) {
            return head_hash_exact(token)
                .map_or(true, |h| bit(&self.lower_bits, LOWER_BITS, h));
        }
        head_hash(token).map_or(true, |h| bit(&self.head_bits, HEAD_BITS, h))
    }

    /// The exact test that [`Matcher::worth_probing`] approximates for a
    /// token that does not start with a lower-case letter: its first word
    /// starts some form. Asked only where the automaton found a match.
    fn starts_form(&self, token: &[u8]) -> bool {
        let first = token.first().copied().unwrap_or(0);
        if first.is_ascii_lowercase() {
            head_hash_exact(token)
                .map_or(true, |h| self.lower_heads.contains(&h))
        } else {
            head_hash(token).map_or(true, |h| self.heads.contains(&h))
        }
    }

    fn candidate(
        &self,
        doc: &Doc<'_>,
        first: usize,
        span: Span,
        pattern: u32,
    ) -> Option<Candidate> {
        let last = doc.word_end(first, span)?;
        let slice = span.slice(doc.text);
        let shouting = is_all_caps(slice)
            && (doc.shouting_near(first, last) || doc.dateline(span));
        let ok = self
            .forms(pattern)
            .iter()
            .any(|f| case_fits(f, slice, shouting));
        ok.then_some(Candidate {
            span,
            pattern,
            first,
            last,
            shouting,
        })
    }
}

/// Whether `slice` is written in a case the form accepts. An all-caps
/// slice fits a proper-noun form only in an all-caps context, so "NICE" in a
/// normal sentence is not the city.
pub(crate) fn case_fits(form: &Form, slice: &str, shouting: bool) -> bool {
    if slice == &*form.text {
        return true;
    }
    if form.policy.exact {
        return shouting;
    }
    if !starts_upper(&form.text) {
        return false; // "eBay": only as written
    }
    if is_all_caps(slice) && !is_all_caps(&form.text) {
        return shouting;
    }
    starts_upper(slice) && lower_case_tail(&form.text, slice)
}

/// Whether the words of a multi-word form that the text writes in lower
/// case all come at its end. News lower-cases the descriptive tail of an
/// institution's name ("Russian defence ministry", "Republican party"), but
/// a lower-case word followed by a capitalised one is a description before
/// a name, not part of it: in "Russian news agency TASS" only "TASS" names
/// the agency. `slice` matches `form` ignoring ASCII case, so the two have
/// the same length and their word starts line up.
fn lower_case_tail(form: &str, slice: &str) -> bool {
    let (f, s) = (form.as_bytes(), slice.as_bytes());
    if f.len() != s.len() {
        return true;
    }
    let mut lowered = false;
    for k in 1..f.len() {
        if f[k - 1] != b' ' || !f[k].is_ascii_alphabetic() {
            continue;
        }
        if f[k].is_ascii_uppercase() && s[k].is_ascii_lowercase() {
            lowered = true;
        } else if lowered && s[k].is_ascii_uppercase() {
            return false;
        }
    }
    true
}

/// Hash of the ASCII-lower-cased first word of `s` (its leading letters
/// and digits, "U" of "U.S.", "Russia" of "Russia’s"), or `None` when that
/// word has non-ASCII letters or is empty.
fn head_hash(s: &[u8]) -> Option<u64> {
    first_word_hash(s, u8::to_ascii_lowercase)
}

/// Bits of a head hash that index [`Matcher::head_bits`] (32 KiB).
const HEAD_BITS: u32 = 18;

/// Bits of a head hash that index [`Matcher::lower_bits`] (512 bytes).
const LOWER_BITS: u32 = 12;

/// A table with one bit set for the top `bits` bits of each hash.
fn bit_table(hashes: &KeySet<u64>, bits: u32) -> Vec<u64> {
    let mut table = vec![0u64; (1 << bits) / 64];
    for &h in hashes {
        let slot = (h >> (64 - bits)) as usize;
        table[slot / 64] |= 1 << (slot % 64);
    }
    table
}

/// A table of the first two bytes of `forms` (after `fold`): a match of
/// a form starts with its two bytes, so a token of two bytes or more
/// whose first two are not in the table starts no match. A one-byte form
/// lets every second byte through.
fn pair_table<'f>(
    forms: impl Iterator<Item = &'f Form>,
    fold: impl Fn(u8) -> u8,
) -> Vec<u64> {
    let mut table = vec![0u64; (1 << 16) / 64];
    for f in forms {
        match *f.text.as_bytes() {
            [a, b, ..] => {
                let slot = usize::from(fold(a)) << 8 | usize::from(fold(b));
                table[slot / 64] |= 1 << (slot % 64);
            }
            [a] => {
                let row = usize::from(fold(a)) << 8;
                table[row / 64..(row + 256) / 64].fill(u64::MAX);
            }
            [] => {}
        }
    }
    table
}

/// Whether the first two bytes of `token` (after `fold`) are in `table`
/// (from [`pair_table`]); a one-byte token always is.
fn pair_bit(table: &[u64], token: &[u8], fold: impl Fn(u8) -> u8) -> bool {
    let [a, b, ..] = *token else {
        return true;
    };
    let slot = usize::from(fold(a)) << 8 | usize::from(fold(b));
    table[slot / 64] & (1 << (slot % 64)) != 0
}

/// The table that [`Matcher::worth_probing`] reads first, by
/// [`start_slot`]: a token may start a form when its first byte may
/// ([`probe_table`]) and its first two bytes are those of some form
/// ([`pair_table`]), ignoring ASCII case unless it starts with a
/// lower-case letter (a lower-case token fits only a form written as it
/// is). A one-byte token is asked about its byte alone.
fn start_table(forms: &[Form]) -> Vec<u64> {
    let probe = probe_table(forms);
    let pairs = pair_table(forms.iter(), |c| c.to_ascii_lowercase());
    let lower_pairs = pair_table(
        forms
            .iter()
            .filter(|f| f.text.starts_with(|c: char| c.is_ascii_lowercase())),
        |c| c,
    );
    let mut table = vec![0u64; (2 << 16) / 64];
    for a in 0..=255u8 {
        for b in 0..=255u8 {
            for token in [&[a][..], &[a, b][..]] {
                let fits = if a.is_ascii_lowercase() {
                    pair_bit(&lower_pairs, token, |c| c)
                } else {
                    pair_bit(&pairs, token, |c| c.to_ascii_lowercase())
                };
                let slot = start_slot(token);
                if probe[usize::from(a)] && fits {
                    table[slot / 64] |= 1 << (slot % 64);
                }
            }
        }
    }
    table
}

/// The bit of `token` in [`start_table`]: its first two bytes, or its one
/// byte (and a second byte of 0) in the table's other half.
#[inline]
fn start_slot(token: &[u8]) -> usize {
    let a = token.first().copied().unwrap_or(0);
    let b = token.get(1).copied().unwrap_or(0);
    usize::from(token.len() >= 2) << 16 | usize::from(a) << 8 | usize::from(b)
}

/// Whether `table` (from [`bit_table`]) has the bit of hash `h`.
fn bit(table: &[u64], bits: u32, h: u64) -> bool {
    let slot = (h >> (64 - bits)) as usize;
    table[slot / 64] & (1 << (slot % 64)) != 0
}

/// [`head_hash`] without case folding.
fn head_hash_exact(s: &[u8]) -> Option<u64> {
    first_word_hash(s, |b| *b)
}

fn first_word_hash(s: &[u8], fold: impl Fn(&u8) -> u8) -> Option<u64> {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut len = 0;
    for b in s {
        if !b.is_ascii_alphanumeric() {
            if *b >= 0x80 {
                return None;
            }
            break;
        }
        h = (h ^ u64::from(fold(b))).wrapping_mul(0x100_0000_01b3);
        len += 1;
    }
    (len > 0).then_some(h)
}

/// First bytes that may start a form: capitals, digits, lead bytes of
/// non-ASCII characters, and the first byte of every form.
fn probe_table(forms: &[Form]) -> [bool; 256] {
    let mut probe = [false; 256];
    for b in 0..=255u8 {
        probe[usize::from(b)] =
            b.is_ascii_uppercase() || b.is_ascii_digit() || b >= 0xC0;
    }
    for f in forms {
        if let Some(&b) = f.text.as_bytes().first() {
            probe[usize::from(b)] = true;
        }
    }
    probe
}
