//! Token-level views of one document shared by the matching passes: word
//! boundaries, capitalisation, sentence starts, neighbours.
//!
//! Everything here reads the cleaned text and its [`Tokens`]. [`Doc::new`]
//! walks the tokens once and keeps what every pass asks about them (the
//! capital, the possessive ending, the gap to the next token, the
//! sentence and whether it is a headline), so the questions the passes
//! ask over and over are array reads; the word classes of a token are
//! looked up on first use and kept.

use std::cell::Cell;
use std::sync::OnceLock;

use crate::hash::KeyMap;
use crate::span::Span;
use crate::swar::packed_lower;
use crate::tokenize::Tokens;

/// The token starts with an upper-case letter.
const CAP: u8 = 1;
/// Only spaces separate the token from the next one.
const JOINED: u8 = 1 << 1;
/// The token opens a sentence, a quotation or a list item.
const INITIAL: u8 = 1 << 2;
/// The token's sentence is a headline.
const HEADLINE: u8 = 1 << 3;
/// A comma stands between the token and the next one.
const COMMA: u8 = 1 << 4;

/// What [`Doc::new`] keeps per token.
struct Info {
    flags: u8,
    /// Bytes of the possessive ending ("’s" is 4), 0 without one.
    cut: u8,
    /// The sentence holding the token, [`NO_SENTENCE`] if none.
    sentence: u32,
    /// Its word classes, or [`UNKNOWN`] until asked.
    classes: Cell<u32>,
}

const NO_SENTENCE: u32 = u32::MAX;

/// One document as the matcher sees it.
pub(crate) struct Doc<'a> {
    pub text: &'a str,
    pub tokens: &'a Tokens,
    caps: Vec<usize>,
    info: Vec<Info>,
}

impl<'a> Doc<'a> {
    pub(crate) fn new(text: &'a str, tokens: &'a Tokens) -> Doc<'a> {
        let toks = &tokens.tokens;
        let sentences = &tokens.sentences;
        let bytes = text.as_bytes();
        let mut caps = Vec::with_capacity(toks.len() / 4);
        let mut info = Vec::with_capacity(toks.len());
        // Whether the gap before the current token opens something.
        let mut opens = true;
        let mut s = 0;
        for (i, t) in toks.iter().enumerate() {
            let mut flags = 0;
            let upper = match bytes.get(t.span.start) {
                Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
                _ => starts_upper(&text[t.span.start..t.span.end]),
            };
            if upper && t.span.start < t.span.end {
                flags |= CAP;
                caps.push(i);
            }
            // The sentence that `Tokens::sentence_at` gives for the start.
            while s < sentences.len() && sentences[s].span.end <= t.span.start {
                s += 1;
            }
            let held =
                s < sentences.len() && sentences[s].span.start <= t.span.start;
            if opens || !held || sentences[s].tokens.start == i {
                flags |= INITIAL;
            }
            if let Some(next) = toks.get(i + 1) {
                let gap = &bytes[t.span.end..next.span.start];
                let (joined, opening) = gap_marks(gap);
                if joined {
                    flags |= JOINED;
                } else if gap.contains(&b',') {
                    flags |= COMMA;
                }
                opens = opening;
            } else if bytes[t.span.end..].contains(&b',') {
                flags |= COMMA; // the gap after the last token runs to the end
            }
            info.push(Info {
                flags,
                cut: possessive_len(&bytes[t.span.start..t.span.end]),
                sentence: if held { s as u32 } else { NO_SENTENCE },
                classes: Cell::new(UNKNOWN),
            });
        }
        let mut doc = Doc {
            text,
            tokens,
            caps,
            info,
        };
        doc.mark_headlines();
        doc
    }

    /// Marks the tokens of headline sentences; needs the capital marks.
    fn mark_headlines(&mut self) {
        let n = self.tokens.sentences.len();
        let headline: Vec<bool> =
            (0..n).map(|s| self.headline_like(s)).collect();
        if !headline.contains(&true) {
            return;
        }
        for t in &mut self.info {
            if t.sentence != NO_SENTENCE && headline[t.sentence as usize] {
                t.flags |= HEADLINE;
            }
        }
    }

    /// Indices of the tokens that start with a capital, in order: names
    /// start there, so the cue and surname passes visit only these.
    #[inline]
    pub(crate) fn caps(&self) -> &[usize] {
        &self.caps
    }

    /// Number of tokens.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.tokens.tokens.len()
    }

    /// The text of token `i`.
    #[inline]
    pub(crate) fn word(&self, i: usize) -> &'a str {
        crate::work::add(1);
        self.tokens.tokens[i].span.slice(self.text)
    }

    /// Token `i` without a possessive ending.
    #[inline]
    pub(crate) fn stem(&self, i: usize) -> &'a str {
        crate::work::add(1);
        let s = self.tokens.tokens[i].span;
        &self.text[s.start..s.end - usize::from(self.info[i].cut)]
    }

    /// True when token `i` ends in a possessive ("Russia’s", "Siemens'").
    #[inline]
    pub(crate) fn possessive(&self, i: usize) -> bool {
        self.info[i].cut != 0
    }

    /// Span of token `i`'s stem.
    #[inline]
    pub(crate) fn stem_span(&self, i: usize) -> Span {
        let s = self.tokens.tokens[i].span;
        Span::new(s.start, s.end - usize::from(self.info[i].cut))
    }

    /// The text between tokens `i` and `i + 1`.
    #[inline]
    pub(crate) fn gap_after(&self, i: usize) -> &'a str {
        crate::work::add(1);
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
    #[inline]
    pub(crate) fn joined_to_next(&self, i: usize) -> bool {
        crate::work::add(1);
        self.info.get(i).is_some_and(|t| t.flags & JOINED != 0)
    }

    /// True when `span` is a dateline: capitals at the start of a line
    /// followed by a comma or a dash ("MOSCOW, Feb 3", "KYIV (AP) —").
    pub(crate) fn dateline(&self, span: Span) -> bool {
        let before = self.text[..span.start].trim_end_matches([' ', '\t']);
        let after = &self.text[span.end..];
        (before.is_empty() || before.ends_with('\n'))
            && ([",", " ,", " (", " -", " —", " –", " _"]
                .iter()
                .any(|p| after.starts_with(p))
                || dated(after))
    }

    /// True when a comma stands between token `i` and the next one; a
    /// cheap test before looking at [`Doc::gap_after`] for one.
    #[inline]
    pub(crate) fn comma_after(&self, i: usize) -> bool {
        self.info.get(i).is_some_and(|t| t.flags & COMMA != 0)
    }

    /// True when a title at token `i` ("Mr", "Dr.") is followed by a word
    /// on the same line.
    #[inline]
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
    #[inline]
    pub(crate) fn classes(&self, i: usize) -> u32 {
        crate::work::add(1);
        match self.info[i].classes.get() {
            UNKNOWN => self.look_up_classes(i),
            known => known,
        }
    }

    /// The first lookup of token `i`'s classes, kept out of line so that
    /// the passes, which ask again and again, inline only the array read.
    #[inline(never)]
    fn look_up_classes(&self, i: usize) -> u32 {
        let found = classes(self.stem(i));
        self.info[i].classes.set(found);
        found
    }

    /// True when token `i` (without a possessive) is in `list`.
    #[inline]
    pub(crate) fn is(&self, i: usize, list: &Words) -> bool {
        self.classes(i) & list.bit() != 0
    }

    /// True when token `i` starts with an upper-case letter.
    #[inline]
    pub(crate) fn capitalised(&self, i: usize) -> bool {
        self.info[i].flags & CAP != 0
    }

    /// True when token `i` opens its sentence, a quotation or a list item,
    /// where capitals say nothing about names.
    #[inline]
    pub(crate) fn sentence_initial(&self, i: usize) -> bool {
        self.info[i].flags & INITIAL != 0
    }

    /// True when the sentence holding token `i` is a headline: written in
    /// capitals or title case, where capitals mark no names.
    #[inline]
    pub(crate) fn in_headline(&self, i: usize) -> bool {
        self.info[i].flags & HEADLINE != 0
    }

    /// The token range of the sentence holding token `i`.
    pub(crate) fn sentence_tokens(
        &self,
        i: usize,
    ) -> Option<std::ops::Range<usize>> {
        let s = self.info[i].sentence;
        (s != NO_SENTENCE)
            .then(|| self.tokens.sentences[s as usize].tokens.clone())
    }

    /// True when sentence `s` reads as a headline (see
    /// [`Doc::in_headline`]); needs the capital marks of its tokens.
    fn headline_like(&self, s: usize) -> bool {
        let range = self.tokens.sentences[s].tokens.clone();
        let (mut words, mut caps) = (0, 0);
        let toks = &self.tokens.tokens[range.clone()];
        for (t, info) in toks.iter().zip(&self.info[range]) {
            let upper = info.flags & CAP != 0;
            // "of", "and", "a": lower in titles too. Both tests are made
            // (`|`, not `||`): the branch of `||` mispredicted at one
            // token in seven.
            words += usize::from(upper | (t.span.len() > 3));
            caps += usize::from(upper);
        }
        if words < 3 || caps * 10 < words * 8 {
            return false; // most sentences: the ending needs no look
        }
        // Prose full of names still ends with a full stop; headlines do not.
        let span = self.tokens.sentences[s].span.slice(self.text).trim_end();
        let prose = span.ends_with(['.', ';', ','])
            || span.ends_with(".”")
            || span.ends_with(".\"");
        !prose
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

/// True when `after` opens with a space and a date, as after the place of
/// a wire dateline: "ROME 1996-12-06", "PARIS 06/12/1996", "PARIS June 3",
/// "PARIS 3 June". A bare number is no date: "UAH 3.04" and "EUR 20" are
/// amounts, not a place and its date.
pub(crate) fn dated(after: &str) -> bool {
    const MONTHS: &[&str] = &[
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec",
    ];
    let is_month = |r: &str| MONTHS.iter().any(|m| r.starts_with(m));
    let Some(r) = after.strip_prefix(' ') else {
        return false;
    };
    let digits = r.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return is_month(r);
    }
    let rest = &r[digits..];
    match rest.as_bytes().first() {
        // 1996-12-06, 06/12/1996, 06.12.1996: a digit after the separator.
        Some(b'-' | b'/' | b'.') => {
            let tail = &rest.as_bytes()[1..];
            let more = tail.iter().take_while(|b| b.is_ascii_digit()).count();
            more > 0 && matches!(tail.get(more), Some(b'-' | b'/' | b'.'))
        }
        // 3 June
        Some(b' ') => digits <= 2 && is_month(&rest[1..]),
        _ => false,
    }
}

/// True when `s` has more than `n` characters; counts no further, where
/// `chars().count()` would walk the whole word.
#[inline]
pub(crate) fn more_chars_than(s: &str, n: usize) -> bool {
    s.chars().nth(n).is_some()
}

/// True when `s` starts with an upper-case letter.
#[inline]
pub(crate) fn starts_upper(s: &str) -> bool {
    match s.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => s.chars().next().is_some_and(char::is_uppercase),
    }
}

/// True when `s` has letters and none of them is lower-case.
#[inline]
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

/// Whether only spaces (some at least) make up the gap between two tokens,
/// and whether it opens a quotation, a bracket or a line, after which
/// capitals say nothing about names. `gap` is whole characters of the text.
fn gap_marks(gap: &[u8]) -> (bool, bool) {
    if gap == b" " {
        return (true, false); // most gaps
    }
    let mut joined = !gap.is_empty();
    let mut opens = false;
    let mut k = 0;
    while k < gap.len() {
        match gap[k] {
            b' ' => {}
            b'"' | b'(' | b'[' | b':' | b'\n' => {
                joined = false;
                opens = true;
            }
            0xC2 if gap.get(k + 1) == Some(&0xA0) => k += 1, // no-break space
            // "“", "‘" and "•" are E2 80 9C, E2 80 98 and E2 80 A2.
            0xE2 => {
                joined = false;
                opens |= gap.get(k + 1) == Some(&0x80)
                    && matches!(gap.get(k + 2), Some(0x9C | 0x98 | 0xA2));
            }
            _ => joined = false,
        }
        k += 1;
    }
    (joined, opens)
}

/// Length in bytes of the possessive ending of `word` ("’s", "'s", "’S",
/// "'S" after at least one byte), 0 when it has none.
fn possessive_len(word: &[u8]) -> u8 {
    let n = word.len();
    if !matches!(word.last(), Some(b's' | b'S')) {
        return 0;
    }
    if n > 4 && word[n - 4..n - 1] == *"’".as_bytes() {
        4
    } else if n > 2 && word[n - 2] == b'\'' {
        2
    } else {
        0
    }
}

/// "’s", "'s", "’" or "'": what a possessive adds to a name.
#[inline]
pub(crate) fn is_possessive(rest: &str) -> bool {
    matches!(rest, "’s" | "'s" | "’S" | "'S" | "’" | "'")
}

/// A fixed list of lower-case words, looked up ignoring ASCII case without
/// allocating. Every list has its own bit in one shared index (built once
/// from [`ALL`](super::words::ALL)): one lookup answers for every list.
/// Words of up to 15 bytes are packed into one integer and found by one
/// hash probe; longer ones are bucketed by length and first letter.
pub(crate) struct Words {
    bit: u32,
    list: &'static [&'static str],
}

/// A token whose classes were not looked up yet (no word is in every list).
const UNKNOWN: u32 = u32::MAX;

/// Longest word a [`Words`] list may hold.
const MAX_WORD: usize = 24;

struct WordIndex {
    /// Words of up to [`PACKED`] bytes, packed by [`pack`], and their bits.
    packed: KeyMap<u128, u32>,
    /// Per first and last letter ([`ends_slot`]), a bit per length of the
    /// words that have them: most words of a text are in no list, and this
    /// tells so before any hashing.
    ends: Vec<u32>,
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
    #[inline]
    pub(crate) fn bit(&self) -> u32 {
        self.bit
    }

    /// True when `word`, lower-cased, is in the list.
    #[inline]
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
    if index.ends[ends_slot(b)] & (1 << b.len()) == 0 {
        return 0;
    }
    if let Some(key) = pack(b) {
        return index.packed.get(&key).copied().unwrap_or(0);
    }
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
    let mut ends = vec![0u32; 26 * 27];
    let mut packed = KeyMap::default();
    for &(w, bits) in &words {
        ends[ends_slot(w.as_bytes())] |= 1 << w.len();
        if let Some(key) = pack(w.as_bytes()) {
            packed.entry(key).or_insert(bits);
        }
    }
    WordIndex {
        packed,
        ends,
        words,
        buckets,
    }
}

/// Longest word that [`pack`] packs.
const PACKED: usize = 15;

/// A word of up to [`PACKED`] bytes as one integer: its bytes
/// ASCII-lower-cased ([`packed_lower`]) and its length in the top byte.
fn pack(b: &[u8]) -> Option<u128> {
    (b.len() <= PACKED).then(|| packed_lower(b) | (b.len() as u128) << 120)
}

/// The slot in [`WordIndex::ends`] of a word with a [`bucket`]: its first
/// ASCII letter and its last byte's letter, or 26 for anything else.
fn ends_slot(b: &[u8]) -> usize {
    let letter = |c: u8| {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() {
            usize::from(c - b'a')
        } else {
            26
        }
    };
    let first = b.first().map_or(26, |&c| letter(c)).min(25);
    let last = b.last().map_or(26, |&c| letter(c));
    first * 27 + last
}

/// The bucket of a word: its length and ASCII first letter.
fn bucket(b: &[u8]) -> Option<usize> {
    let first = b.first()?.to_ascii_lowercase();
    (b.len() <= MAX_WORD && first.is_ascii_lowercase())
        .then(|| b.len() * 26 + usize::from(first - b'a'))
}

#[cfg(test)]
mod tests {
    use super::{pack, PACKED};

    /// The key spelled out: lower-cased bytes from the lowest, then the
    /// length in the top byte.
    fn spelled(b: &[u8]) -> u128 {
        let mut bytes = [0u8; 16];
        bytes[..b.len()].copy_from_slice(&b.to_ascii_lowercase());
        bytes[15] = b.len() as u8;
        u128::from_le_bytes(bytes)
    }

    proptest::proptest! {
        #[test]
        fn packs_every_length_as_spelled_out(
            b in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..20),
        ) {
            let want = (b.len() <= PACKED).then(|| spelled(&b));
            proptest::prop_assert_eq!(pack(&b), want);
        }
    }

    #[test]
    fn words_equal_but_for_case_share_a_key() {
        assert_eq!(pack(b"Minister"), pack(b"mINISTER"));
        assert_eq!(pack(b"Of"), pack(b"of"));
        assert_ne!(pack(b"of"), pack(b"of\0"));
        assert_ne!(pack("Zürich".as_bytes()), pack("ZÜrich".as_bytes()));
    }
}
