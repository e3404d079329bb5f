//! Token-level views of one document shared by the matching passes: word
//! boundaries, capitalisation, sentence starts, neighbours.
//!
//! Everything here reads the cleaned text and its [`Tokens`]; nothing
//! allocates per call except [`Doc`]'s lazily filled headline cache.

use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

use crate::span::Span;
use crate::tokenize::Tokens;

/// One document as the matcher sees it.
pub(crate) struct Doc<'a> {
    pub text: &'a str,
    pub tokens: &'a Tokens,
    caps: Vec<usize>,
    /// Per token: its word classes, or [`UNKNOWN`] until asked.
    classes: Vec<Cell<u32>>,
    /// The last sentence looked up and its token range.
    last_sentence: Cell<(usize, (usize, usize))>,
    /// Per sentence: unknown, headline-like or prose.
    headline: RefCell<Vec<Option<bool>>>,
}

impl<'a> Doc<'a> {
    pub(crate) fn new(text: &'a str, tokens: &'a Tokens) -> Doc<'a> {
        let caps = tokens
            .tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| starts_upper(t.span.slice(text)))
            .map(|(i, _)| i)
            .collect();
        Doc {
            text,
            tokens,
            caps,
            classes: vec![Cell::new(UNKNOWN); tokens.tokens.len()],
            last_sentence: Cell::new((0, (0, 0))),
            headline: RefCell::new(Vec::new()),
        }
    }

    /// Indices of the tokens that start with a capital, in order: names
    /// start there, so the cue and surname passes visit only these.
    pub(crate) fn caps(&self) -> &[usize] {
        &self.caps
    }

    /// Number of tokens.
    pub(crate) fn len(&self) -> usize {
        self.tokens.tokens.len()
    }

    /// The text of token `i`.
    pub(crate) fn word(&self, i: usize) -> &'a str {
        self.tokens.tokens[i].span.slice(self.text)
    }

    /// Token `i` without a possessive ending.
    pub(crate) fn stem(&self, i: usize) -> &'a str {
        strip_possessive(self.word(i))
    }

    /// Span of token `i`'s stem.
    pub(crate) fn stem_span(&self, i: usize) -> Span {
        let s = self.tokens.tokens[i].span;
        Span::new(s.start, s.start + self.stem(i).len())
    }

    /// The text between tokens `i` and `i + 1`.
    pub(crate) fn gap_after(&self, i: usize) -> &'a str {
        let end = self.tokens.tokens[i].span.end;
        let next = self
            .tokens
            .tokens
            .get(i + 1)
            .map_or(self.text.len(), |t| t.span.start);
        &self.text[end..next]
    }

    /// True when only spaces (no punctuation, no line break) separate token
    /// `i` from the next one, so the two may belong to one name.
    pub(crate) fn joined_to_next(&self, i: usize) -> bool {
        i + 1 < self.len() && {
            let gap = self.gap_after(i);
            !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\u{a0}')
        }
    }

    /// True when `span` is a dateline: capitals at the start of a line
    /// followed by a comma or a dash ("MOSCOW, Feb 3", "KYIV (AP) —").
    pub(crate) fn dateline(&self, span: Span) -> bool {
        let before = self.text[..span.start].trim_end_matches([' ', '\t']);
        let after = &self.text[span.end..];
        (before.is_empty() || before.ends_with('\n'))
            && [",", " (", " -", " —", " –"]
                .iter()
                .any(|p| after.starts_with(p))
    }

    /// True when a title at token `i` ("Mr", "Dr.") is followed by a word
    /// on the same line.
    pub(crate) fn joined_after_title(&self, i: usize) -> bool {
        i + 1 < self.len() && matches!(self.gap_after(i), " " | ". ")
    }

    /// The last token of `span`, which starts at token `first`, when it
    /// ends on a word boundary: at a token end, just before a possessive
    /// "’s", or after a final non-word character such as the dot of "U.S."
    /// when no word continues there.
    pub(crate) fn word_end(&self, first: usize, span: Span) -> Option<usize> {
        let toks = &self.tokens.tokens;
        let mut last = first;
        while last + 1 < toks.len() && toks[last + 1].span.start < span.end {
            last += 1;
        }
        let tail = self.text[..span.end].chars().next_back()?;
        let tok = toks.get(last)?.span;
        if tok.end <= span.end {
            let next = self.text[span.end..].chars().next();
            let clean = tok.end == span.end || tail.is_alphanumeric();
            return (clean || !next.is_some_and(char::is_alphanumeric))
                .then_some(last);
        }
        let rest = &self.text[span.end..tok.end];
        (tail.is_alphanumeric() && is_possessive(rest)).then_some(last)
    }

    /// The word classes ([`classes`]) of token `i`, looked up once per
    /// document.
    pub(crate) fn classes(&self, i: usize) -> u32 {
        let cell = &self.classes[i];
        if cell.get() == UNKNOWN {
            cell.set(classes(self.stem(i)));
        }
        cell.get()
    }

    /// True when token `i` (without a possessive) is in `list`.
    pub(crate) fn is(&self, i: usize, list: &Words) -> bool {
        self.classes(i) & list.bit() != 0
    }

    /// True when token `i` starts with an upper-case letter.
    pub(crate) fn capitalised(&self, i: usize) -> bool {
        starts_upper(self.word(i))
    }

    /// True when token `i` opens its sentence, a quotation or a list item,
    /// where capitals say nothing about names.
    pub(crate) fn sentence_initial(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        let in_sentence = self
            .sentence_of(i)
            .map(|s| self.tokens.sentences[s].tokens.start);
        if in_sentence.map_or(true, |first| first == i) {
            return true;
        }
        self.gap_after(i - 1).chars().any(|c| {
            matches!(c, '“' | '"' | '‘' | '(' | '[' | ':' | '•' | '\n')
        })
    }

    /// True when the sentence holding token `i` is a headline: written in
    /// capitals or title case, where capitals mark no names.
    pub(crate) fn in_headline(&self, i: usize) -> bool {
        self.sentence_of(i)
            .is_some_and(|s| self.sentence_is_headline(s))
    }

    /// The token range of the sentence holding token `i`.
    pub(crate) fn sentence_tokens(
        &self,
        i: usize,
    ) -> Option<std::ops::Range<usize>> {
        self.sentence_of(i)
            .map(|s| self.tokens.sentences[s].tokens.clone())
    }

    /// The sentence holding token `i`. The passes ask about nearby tokens
    /// in turn, so the last answer is kept and usually reused.
    fn sentence_of(&self, i: usize) -> Option<usize> {
        let (s, range) = self.last_sentence.get();
        if range.0 <= i && i < range.1 {
            return Some(s);
        }
        let s = self.tokens.sentence_at(self.tokens.tokens[i].span.start)?;
        let r = &self.tokens.sentences[s].tokens;
        self.last_sentence.set((s, (r.start, r.end)));
        Some(s)
    }

    /// True when sentence `s` is a headline (see [`Doc::in_headline`]).
    pub(crate) fn sentence_is_headline(&self, s: usize) -> bool {
        let mut cache = self.headline.borrow_mut();
        if cache.is_empty() {
            cache.resize(self.tokens.sentences.len(), None);
        }
        *cache[s].get_or_insert_with(|| self.headline_like(s))
    }

    fn headline_like(&self, s: usize) -> bool {
        let range = self.tokens.sentences[s].tokens.clone();
        let (mut words, mut caps) = (0, 0);
        for i in range {
            let w = self.word(i);
            if w.len() <= 3 && !starts_upper(w) {
                continue; // "of", "and", "a": lower in titles too
            }
            words += 1;
            caps += usize::from(starts_upper(w));
        }
        // Prose full of names still ends with a full stop; headlines do not.
        let span = self.tokens.sentences[s].span.slice(self.text);
        let prose = span.trim_end().ends_with(['.', ';', ','])
            || span.trim_end().ends_with(".”")
            || span.trim_end().ends_with(".\"");
        !prose && words >= 3 && caps * 10 >= words * 8
    }

    /// True when tokens `first..=last` stand in shouted text: at least two
    /// of the two words on either side are in capitals too ("US SANCTIONS
    /// HIT IRAN"), or the whole short sentence is ("WHO WON"). A single
    /// capitalised neighbour, such as the dateline in "KYIV (AP)", is not
    /// enough.
    pub(crate) fn shouting_near(&self, first: usize, last: usize) -> bool {
        let caps = |i: usize| {
            let w = self.word(i);
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && is_all_caps(w)
        };
        let from = first.saturating_sub(2);
        let to = (last + 3).min(self.len());
        let around = (from..first).chain(last + 1..to);
        let shouted = around.filter(|&i| caps(i)).count();
        shouted >= 2 || (shouted == 1 && to - from == last - first + 2)
    }
}

/// True when `s` starts with an upper-case letter.
pub(crate) fn starts_upper(s: &str) -> bool {
    match s.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => s.chars().next().is_some_and(char::is_uppercase),
    }
}

/// True when `s` has letters and none of them is lower-case.
pub(crate) fn is_all_caps(s: &str) -> bool {
    let mut letters = false;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        letters |= c.is_alphabetic();
    }
    letters
}

/// "’s", "'s", "’" or "'": what a possessive adds to a name.
pub(crate) fn is_possessive(rest: &str) -> bool {
    matches!(rest, "’s" | "'s" | "’S" | "'S" | "’" | "'")
}

/// `word` without a possessive ending.
pub(crate) fn strip_possessive(word: &str) -> &str {
    if !word.ends_with(['s', 'S']) {
        return word;
    }
    for suffix in ["’s", "'s", "’S", "'S"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if !stem.is_empty() {
                return stem;
            }
        }
    }
    word
}

/// A fixed list of lower-case words, looked up ignoring ASCII case without
/// allocating. Every list has its own bit in one shared index (built once
/// from [`ALL`](super::words::ALL)), bucketed by length and first letter:
/// one lookup answers for every list, and most end after one table read.
pub(crate) struct Words {
    bit: u32,
    list: &'static [&'static str],
}

/// A token whose classes were not looked up yet (no word is in every list).
const UNKNOWN: u32 = u32::MAX;

/// Longest word a [`Words`] list may hold.
const MAX_WORD: usize = 24;

struct WordIndex {
    words: Vec<(&'static str, u32)>,
    /// `(start, end)` into `words` per `len * 26 + letter`.
    buckets: Vec<(u16, u16)>,
}

static INDEX: OnceLock<WordIndex> = OnceLock::new();

impl Words {
    pub(crate) const fn new(bit: u32, list: &'static [&'static str]) -> Words {
        Words { bit, list }
    }

    /// The bit that marks this list in [`classes`].
    pub(crate) fn bit(&self) -> u32 {
        self.bit
    }

    /// True when `word`, lower-cased, is in the list.
    pub(crate) fn contains(&self, word: &str) -> bool {
        classes(word) & self.bit != 0
    }
}

/// The bits of every list that holds `word` (ignoring ASCII case).
pub(crate) fn classes(word: &str) -> u32 {
    let b = word.as_bytes();
    let Some(slot) = bucket(b) else {
        return 0;
    };
    let index = INDEX.get_or_init(build_index);
    let (start, end) = index.buckets[slot];
    index.words[usize::from(start)..usize::from(end)]
        .iter()
        .find(|(w, _)| w.as_bytes().eq_ignore_ascii_case(b))
        .map_or(0, |(_, bits)| *bits)
}

fn build_index() -> WordIndex {
    let mut words: Vec<(&'static str, u32)> = Vec::new();
    for list in super::words::ALL {
        for &w in list.list {
            if bucket(w.as_bytes()).is_none() {
                continue;
            }
            match words.iter_mut().find(|(x, _)| *x == w) {
                Some((_, bits)) => *bits |= list.bit,
                None => words.push((w, list.bit)),
            }
        }
    }
    words.sort_by_key(|(w, _)| bucket(w.as_bytes()));
    let mut buckets = vec![(0u16, 0u16); (MAX_WORD + 1) * 26];
    for (i, (w, _)) in words.iter().enumerate() {
        if let Some(slot) = bucket(w.as_bytes()) {
            let b = &mut buckets[slot];
            if b.1 == 0 {
                b.0 = i as u16;
            }
            b.1 = i as u16 + 1;
        }
    }
    WordIndex { words, buckets }
}

/// The bucket of a word: its length and ASCII first letter.
fn bucket(b: &[u8]) -> Option<usize> {
    let first = b.first()?.to_ascii_lowercase();
    (b.len() <= MAX_WORD && first.is_ascii_lowercase())
        .then(|| b.len() * 26 + usize::from(first - b'a'))
}
