//! The automaton over every surface form, and the candidate scan.
//!
//! One aho-corasick automaton (leftmost-longest, ASCII case-insensitive) holds
//! every distinct form of every loaded file; it is built once per
//! [`Gazetteer`](super::Gazetteer). A scan keeps a match as a *candidate* only
//! when it lies on word boundaries (a token start to a token end, or to the
//! start of a possessive "’s") and at least one of its forms accepts the case
//! it is written in. Evidence and ambiguity are decided later, once the whole
//! document's candidates are known.
//!
//! The automaton is anchored: it is only run where a word starts (see
//! [`Matcher::candidates`]), so a match always starts on a token.

use aho_corasick::{
    AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};
use std::collections::HashMap;

use super::load::{Form, Table};
use super::text::{is_all_caps, starts_upper, Doc};
use super::GazetteerError;
use crate::span::Span;

/// Forms grouped by automaton pattern.
#[derive(Debug)]
pub(crate) struct Matcher {
    ac: AhoCorasick,
    /// `forms[ranges[p].0..ranges[p].1]` are the forms of pattern `p`.
    ranges: Vec<(u32, u32)>,
    forms: Vec<Form>,
    /// Which first bytes of a token are worth a search.
    probe: [bool; 256],
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
    pub(crate) fn build(table: &Table) -> Result<Matcher, GazetteerError> {
        let mut keys: HashMap<String, u32> = HashMap::new();
        let mut patterns: Vec<&str> = Vec::new();
        let mut tagged: Vec<(u32, Form)> =
            Vec::with_capacity(table.forms.len());
        for form in &table.forms {
            let key = form.text.to_ascii_lowercase();
            let next = patterns.len() as u32;
            let p = *keys.entry(key).or_insert(next);
            if p == next {
                patterns.push(&form.text);
            }
            tagged.push((p, form.clone()));
        }
        tagged.sort_by_key(|(p, f)| (*p, f.entry));
        let mut ranges = vec![(0u32, 0u32); patterns.len()];
        for (i, (p, _)) in tagged.iter().enumerate() {
            let r = &mut ranges[*p as usize];
            if r.1 == 0 {
                r.0 = i as u32;
            }
            r.1 = i as u32 + 1;
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .start_kind(StartKind::Anchored)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&patterns)
            .map_err(|e| GazetteerError {
                path: "<gazetteers>".to_string(),
                line: 0,
                message: format!("cannot build the name automaton: {e}"),
            })?;
        let forms: Vec<Form> = tagged.into_iter().map(|(_, f)| f).collect();
        let probe = probe_table(&forms);
        Ok(Matcher {
            ac,
            ranges,
            forms,
            probe,
        })
    }

    /// The forms sharing pattern `p`.
    pub(crate) fn forms(&self, p: u32) -> &[Form] {
        let (a, b) = self.ranges[p as usize];
        &self.forms[a as usize..b as usize]
    }

    /// Every candidate in `doc`, in text order, non-overlapping.
    ///
    /// The automaton is only run anchored at token starts whose first byte
    /// can begin an acceptable match: a capital, a digit, a non-ASCII
    /// letter, or the first letter of a form written in lower case
    /// ("eBay"). Any other match would fail the case policy anyway, so the
    /// scan costs a few transitions per capitalised word instead of one per
    /// byte of text.
    pub(crate) fn candidates(&self, doc: &Doc<'_>, out: &mut Vec<Candidate>) {
        let text = doc.text;
        let mut done = 0;
        for t in &doc.tokens.tokens {
            let start = t.span.start;
            if start < done || !self.probe[usize::from(text.as_bytes()[start])]
            {
                continue;
            }
            let input = Input::new(text)
                .span(start..text.len())
                .anchored(Anchored::Yes);
            let Some(m) = self.ac.find(input) else {
                continue;
            };
            let span = Span::new(m.start(), m.end());
            if let Some(c) = self.candidate(doc, span, m.pattern().as_u32()) {
                out.push(c);
                done = span.end;
            }
        }
    }

    fn candidate(
        &self,
        doc: &Doc<'_>,
        span: Span,
        pattern: u32,
    ) -> Option<Candidate> {
        let (first, last) = doc.word_bounds(span)?;
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
    starts_upper(slice)
}

/// First bytes worth an anchored search: capitals, digits, lead bytes
/// of non-ASCII characters, and the first byte of every lower-case form.
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
