//! A read-only view of one document's tokens for the figure rules: word
//! text, the gaps between tokens, and sentence bounds.
//!
//! The tokenizer keeps only word tokens, so punctuation and symbols live in
//! the gaps; the rules ask about those gaps ("is this a plain space?",
//! "does a hyphen join these two?") through the helpers here.

use std::sync::OnceLock;

use super::words::letter;
use crate::swar::packed_lower;
use crate::tokenize::{TokenKind, Tokens};

/// One document as seen by the figure rules.
pub struct Doc<'a> {
    /// The cleaned text.
    pub text: &'a str,
    /// Its tokens.
    pub tokens: &'a Tokens,
}

impl<'a> Doc<'a> {
    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.tokens.len()
    }

    /// The text of token `i` ("" past the end).
    pub fn word(&self, i: usize) -> &'a str {
        crate::work::add(1);
        self.tokens
            .tokens
            .get(i)
            .map_or("", |t| &self.text[t.span.start..t.span.end])
    }

    /// True when token `i` starts with a digit.
    pub fn is_number(&self, i: usize) -> bool {
        self.tokens
            .tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Number)
    }

    /// Byte where token `i` starts (text length past the end).
    pub fn start(&self, i: usize) -> usize {
        self.tokens
            .tokens
            .get(i)
            .map_or(self.text.len(), |t| t.span.start)
    }

    /// Byte where token `i` ends (text length past the end).
    pub fn end(&self, i: usize) -> usize {
        self.tokens
            .tokens
            .get(i)
            .map_or(self.text.len(), |t| t.span.end)
    }

    /// The text between token `i - 1` and token `i` (from the start of the
    /// text for the first token, to its end past the last).
    pub fn gap(&self, i: usize) -> &'a str {
        let (from, to) = self.gap_range(i);
        &self.text[from..to]
    }

    /// [`Doc::gap`] as bytes, for the tests asked of every candidate: the
    /// tokens' ends are char boundaries already, and checking them again on
    /// each question costs more than the question.
    fn gap_bytes(&self, i: usize) -> &'a [u8] {
        let (from, to) = self.gap_range(i);
        &self.text.as_bytes()[from..to]
    }

    fn gap_range(&self, i: usize) -> (usize, usize) {
        crate::work::add(1);
        let from = if i == 0 { 0 } else { self.end(i - 1) };
        (from, self.start(i).max(from))
    }

    /// True when tokens `i - 1` and `i` are separated by spaces only
    /// (no punctuation, no line break).
    pub fn spaced(&self, i: usize) -> bool {
        match self.gap_bytes(i) {
            [] => false,
            b" " => true, // nearly every gap
            _ => self.gap(i).chars().all(|c| c == ' ' || c == '\u{a0}'),
        }
    }

    /// True when a single hyphen joins tokens `i - 1` and `i`
    /// ("S-400", "twenty-five", "water-bombing").
    pub fn hyphened(&self, i: usize) -> bool {
        const HYPHENS: [&[u8]; 3] =
            [b"-", "\u{2010}".as_bytes(), "\u{2011}".as_bytes()];
        HYPHENS.contains(&self.gap_bytes(i))
    }

    /// End (exclusive) of the hyphenated compound starting at token `i`,
    /// bounded by `limit`: "anti-aircraft" is two tokens.
    pub fn compound_end(&self, i: usize, limit: usize) -> usize {
        let mut k = i + 1;
        while k < limit && self.hyphened(k) {
            k += 1;
        }
        k
    }

    /// The whitespace-delimited chunk around bytes `start..end`, up to 64
    /// bytes either side: what a URL or e-mail test looks at.
    pub fn chunk(&self, start: usize, end: usize) -> &'a str {
        let bytes = self.text.as_bytes();
        let mut s = start;
        while s > 0 && start - s < 64 && !bytes[s - 1].is_ascii_whitespace() {
            s -= 1;
        }
        let mut e = end;
        while e < bytes.len() && e - end < 64 && !bytes[e].is_ascii_whitespace()
        {
            e += 1;
        }
        // Whitespace is ASCII, so the ends are on char boundaries unless
        // the 64-byte cap stopped inside a character.
        while !self.text.is_char_boundary(s) {
            s += 1;
        }
        while !self.text.is_char_boundary(e) {
            e -= 1;
        }
        &self.text[s..e]
    }
}

/// The longest tail of `s` whose characters all satisfy `keep` (on a
/// char boundary, whatever the text).
pub fn trailing(s: &str, keep: impl Fn(char) -> bool) -> &str {
    let start = s
        .char_indices()
        .rev()
        .find(|&(_, c)| !keep(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &s[start..]
}

/// True when `word` equals `other` ignoring ASCII case.
pub fn is(word: &str, other: &str) -> bool {
    word.eq_ignore_ascii_case(other)
}

/// A closed class of lower-case ASCII words, looked up case-insensitively
/// by binary search, without allocating. The list is sorted on first use.
pub struct WordSet {
    words: &'static [&'static str],
    sorted: OnceLock<Sorted>,
}

/// A [`WordSet`]'s words as sorted [`key`]s, and per first letter the
/// lengths of its words (bit `n` for `n` bytes): most words asked about
/// share no first letter and length with any word of the set and are
/// settled without a search.
struct Sorted {
    keys: Vec<Key>,
    lengths: [u32; 26],
}

/// A word of up to 16 ASCII bytes, lower-cased and packed
/// ([`packed_lower`]), with its length.
type Key = (u128, usize);

/// The key of `word`; `None` for a longer or non-ASCII word, which no set
/// holds.
fn key(word: &[u8]) -> Option<Key> {
    if word.len() > 16 || !word.is_ascii() {
        return None;
    }
    Some((packed_lower(word), word.len()))
}

impl WordSet {
    /// A set over `words` (lower-case).
    pub const fn new(words: &'static [&'static str]) -> WordSet {
        WordSet {
            words,
            sorted: OnceLock::new(),
        }
    }

    /// True when `word`, lower-cased, is in the set.
    pub fn contains(&self, word: &str) -> bool {
        let sorted = self.sorted.get_or_init(|| self.sort());
        let b = word.as_bytes();
        if let Some(i) = letter_index(b) {
            if sorted.lengths[i] & (1 << b.len().min(31)) == 0 {
                return false;
            }
        }
        key(b).is_some_and(|k| sorted.keys.binary_search(&k).is_ok())
    }

    fn sort(&self) -> Sorted {
        let mut keys: Vec<Key> = self
            .words
            .iter()
            .filter_map(|w| key(w.as_bytes()))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let mut lengths = [0u32; 26];
        for w in self.words {
            if let Some(i) = letter_index(w.as_bytes()) {
                lengths[i] |= 1 << w.len().min(31);
            }
        }
        Sorted { keys, lengths }
    }
}

/// The index of the first byte of `b` among the letters a to z, ignoring
/// ASCII case; `None` for anything else.
fn letter_index(b: &[u8]) -> Option<usize> {
    letter(*b.first()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    static SET: WordSet = WordSet::new(&["than", "about", "the"]);

    #[test]
    fn word_set_ignores_case() {
        assert!(SET.contains("The") && SET.contains("ABOUT"));
        assert!(!SET.contains("then") && !SET.contains(""));
        assert!(!SET.contains("a-very-long-word-indeed"));
    }
}
