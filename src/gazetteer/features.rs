//! What the learned name finder knows about a token: hashed features of
//! its word, shape, neighbours, word classes, given names and the hits of
//! the rule passes, computed once per document.
//!
//! The same code serves the run time and the training program
//! (`src/bin/train_names.rs`), so a model always sees at run time the
//! features it was trained on. Features are 64-bit FNV-1a hashes of a
//! short prefix naming the feature and its value, so the model is a plain
//! table from hash to weights and no feature string is built or stored.
//!
//! Only candidates are tagged: tokens that start with a capital, and the
//! lower-case connectors inside names ("Bank of England", "Ludwig van
//! Beethoven"). Every other token is outside any name, which keeps the cost
//! proportional to the capitalised words of a document.

use super::given::is_given;
use super::load::{Entry, EntryKind};
use super::text::{is_all_caps, Doc};
use super::words::{NAME_CONNECTORS, NOT_NAME};
use super::{Hit, HitCursor, Target};
use crate::hash::KeySet;
use crate::swar;

/// Tags: 0 outside a name; `1 + 2k` begins and `2 + 2k` continues a name
/// of kind `k` (0 person, 1 organisation, 2 location).
pub const TAGS: usize = 7;

/// The candidates of one document and their static features.
#[derive(Clone, Debug, Default)]
pub struct Candidates {
    /// Token index of each candidate, increasing.
    pub token: Vec<u32>,
    /// Candidate `c` has the features `feats[bounds[c]..bounds[c + 1]]`.
    pub bounds: Vec<u32>,
    /// Every candidate's static features, one after the other.
    pub feats: Vec<u64>,
    /// Candidate `c` may continue a name begun at candidate `c - 1`: the
    /// previous token, with only a space, hyphen or "&" between them.
    pub joins: Vec<bool>,
    /// Candidate `c` is a lower-case connector: it can only continue a
    /// name.
    pub connector: Vec<bool>,
    /// A hash of the candidate's word shape, for the tag-shape feature
    /// (0 where a rule fixes the tag: no feature is asked for there).
    pub shape: Vec<u64>,
    /// A hash of the candidate's lower-case word, for the memory of how
    /// the document tagged it before; 0 where a rule fixes the tag and no
    /// free candidate has the word, since only free ones ask.
    pub key: Vec<u64>,
    /// The tag a rule hit fixes at candidate `c`, or [`FREE`].
    pub fixed: Vec<u8>,
    /// Candidate `c` opens a sentence or stands in a headline, and the
    /// document writes its word nowhere else with a capital inside a
    /// sentence: its capital says nothing about a name. False where a rule
    /// fixes the tag.
    pub bare: Vec<bool>,
}

impl Candidates {
    /// Number of candidates.
    pub fn len(&self) -> usize {
        self.token.len()
    }

    /// True without candidates.
    pub fn is_empty(&self) -> bool {
        self.token.is_empty()
    }

    /// The static features of candidate `c`.
    pub fn static_features(&self, c: usize) -> &[u64] {
        &self.feats[self.bounds[c] as usize..self.bounds[c + 1] as usize]
    }
}

/// Feature kinds: mixed with a value into one hash by [`feat`].
mod kind {
    pub const BIAS: u8 = 1;
    pub const WORD: u8 = 2;
    pub const SHAPE: u8 = 3;
    pub const PREFIX: u8 = 4;
    pub const SUFFIX: u8 = 5;
    pub const PREV: u8 = 6;
    pub const NEXT: u8 = 7;
    pub const PREV2: u8 = 8;
    pub const NEXT2: u8 = 9;
    pub const PREV_CASE: u8 = 10;
    pub const NEXT_CASE: u8 = 11;
    pub const GAP_BEFORE: u8 = 12;
    pub const GAP_AFTER: u8 = 13;
    pub const FLAG: u8 = 14;
    pub const INITIAL_WORD: u8 = 15;
    pub const RUN: u8 = 18;
    pub const CLASS: u8 = 19;
    pub const PREV_CLASS: u8 = 20;
    pub const NEXT_CLASS: u8 = 21;
    pub const HIT: u8 = 22;
    pub const PREV_HIT: u8 = 23;
    pub const NEXT_HIT: u8 = 24;
    pub const TAG: u8 = 30;
    pub const TAG_SHAPE: u8 = 31;
    pub const MEMORY: u8 = 32;
}

/// Flags ([`kind::FLAG`]).
const INITIAL: u64 = 1;
const HEADLINE: u64 = 2;
const ALL_CAPS: u64 = 3;
const POSSESSIVE: u64 = 4;
const GIVEN: u64 = 5;
const PREV_GIVEN: u64 = 6;
const SEEN_LOWER: u64 = 7;
const SEEN_INNER: u64 = 8;
const BOUNDARY: u64 = 0x5bd1_e995;

/// One multiply-xorshift round, so that low bits depend on every bit.
#[inline]
fn mix(x: u64) -> u64 {
    let x = x.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^ (x >> 29)
}

/// The hash of feature kind `k` with value `v`.
#[inline]
fn feat(k: u8, v: u64) -> u64 {
    mix(mix(u64::from(k) + 1) ^ v)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

#[inline]
fn fnv(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
}

/// FNV-1a of the lower-case form of `s`. An ASCII word is hashed in one
/// pass that also checks it is ASCII: one loop whose end a short word
/// mispredicts, where a check first and a hash after would be two.
fn lower_hash(s: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for &b in s.as_bytes() {
        if !b.is_ascii() {
            return lower_hash_unicode(s);
        }
        h = fnv(h, b.to_ascii_lowercase());
    }
    h
}

/// [`lower_hash`] of the `len` bytes of `text` from `start`, when they are
/// at most eight, ASCII, and eight bytes of the text start there. The
/// eight are lower-cased at once, those after the word cleared, and all
/// eight hashed: a zero byte only multiplies the hash by the prime, which
/// [`UNDO`] takes back. No loop ends where the word does; a loop over its
/// bytes mispredicts that end for nearly every word.
#[inline]
fn short_lower_hash(text: &[u8], start: usize, len: usize) -> Option<u64> {
    if len > 8 {
        return None;
    }
    let x = swar::word_at(text, start)?;
    let mask = if len == 8 {
        u64::MAX
    } else {
        (1 << (8 * len)) - 1
    };
    let x = x & mask;
    if x & swar::HIGH != 0 {
        return None;
    }
    let lower = swar::to_ascii_lowercase(x);
    let h = (0..8).fold(FNV_OFFSET, |h, k| fnv(h, (lower >> (8 * k)) as u8));
    Some(h.wrapping_mul(UNDO[8 - len]))
}

/// `UNDO[k]` multiplied in takes back `k` multiplications by the FNV
/// prime: its powers of the prime's inverse modulo 2^64 (the prime is odd).
const UNDO: [u64; 9] = {
    // Newton's iteration doubles the correct low bits of the inverse.
    let mut inverse = FNV_PRIME;
    let mut i = 0;
    while i < 6 {
        inverse = inverse
            .wrapping_mul(2u64.wrapping_sub(FNV_PRIME.wrapping_mul(inverse)));
        i += 1;
    }
    let mut powers = [1u64; 9];
    let mut k = 1;
    while k < 9 {
        powers[k] = powers[k - 1].wrapping_mul(inverse);
        k += 1;
    }
    powers
};

/// [`lower_hash`] of a word that is not ASCII.
#[cold]
fn lower_hash_unicode(s: &str) -> u64 {
    let mut buf = [0u8; 4];
    s.chars()
        .flat_map(char::to_lowercase)
        .fold(FNV_OFFSET, |h, c| {
            c.encode_utf8(&mut buf).bytes().fold(h, fnv)
        })
}

/// FNV-1a of up to three lower-case characters of `s`: the first three,
/// or the last three read backwards.
fn affix_hash(s: &str, from_end: bool) -> u64 {
    let b = s.as_bytes();
    let part = if from_end {
        &b[b.len().saturating_sub(3)..]
    } else {
        &b[..b.len().min(3)]
    };
    // Three ASCII bytes are three characters, each its own lower case.
    if part.is_ascii() {
        let step = |h, &c: &u8| fnv(h, c.to_ascii_lowercase());
        return if from_end {
            part.iter().rev().fold(FNV_OFFSET, step)
        } else {
            part.iter().fold(FNV_OFFSET, step)
        };
    }
    let mut buf = [0u8; 4];
    let step = |h: u64, c: char| {
        c.to_lowercase()
            .fold(h, |h, c| c.encode_utf8(&mut buf).bytes().fold(h, fnv))
    };
    if from_end {
        s.chars().rev().take(3).fold(FNV_OFFSET, step)
    } else {
        s.chars().take(3).fold(FNV_OFFSET, step)
    }
}

/// What the features ask of a token more than once, computed on first use:
/// its lower-case hash and whether it is a given name.
struct Memo {
    /// The lower-case hash (with its low bit set), 0 until asked.
    lower: Vec<u64>,
    /// 0 until asked, else 1 + whether the token is a given name.
    given: Vec<u8>,
}

impl Memo {
    fn new(tokens: usize) -> Memo {
        Memo {
            lower: vec![0; tokens],
            given: vec![0; tokens],
        }
    }

    fn get(&mut self, doc: &Doc<'_>, i: usize) -> u64 {
        if self.lower[i] == 0 {
            let span = doc.stem_span(i);
            let short =
                short_lower_hash(doc.text.as_bytes(), span.start, span.len());
            self.lower[i] =
                short.unwrap_or_else(|| lower_hash(doc.stem(i))) | 1;
        }
        self.lower[i]
    }

    fn given(&mut self, doc: &Doc<'_>, i: usize) -> bool {
        if self.given[i] == 0 {
            self.given[i] = 1 + u8::from(is_given(doc.stem(i)));
        }
        self.given[i] == 2
    }
}

fn connector(word: &str) -> bool {
    NAME_CONNECTORS.contains(&word)
}

/// The shape of a word: upper-case letters as `X`, lower-case as `x`,
/// digits as `d`, other characters as themselves, runs collapsed; the
/// first twelve characters tell. When those are ASCII, their bytes are
/// read through [`ASCII_SHAPE`] without decoding a character.
fn shape(word: &str) -> u64 {
    let mut runs = Runs::default();
    for &b in &word.as_bytes()[..word.len().min(12)] {
        if !b.is_ascii() {
            return shape_unicode(word);
        }
        runs.push(ASCII_SHAPE[usize::from(b)]);
    }
    runs.h
}

/// [`shape`] of a word whose first twelve characters are not all ASCII.
fn shape_unicode(word: &str) -> u64 {
    let mut runs = Runs::default();
    for c in word.chars().take(12) {
        runs.push(if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_ascii() {
            ASCII_SHAPE[c as usize]
        } else {
            b'o'
        });
    }
    runs.h
}

/// The shape letter of each ASCII character (see [`shape`]).
const ASCII_SHAPE: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        t[c] = if b.is_ascii_uppercase() {
            b'X'
        } else if b.is_ascii_lowercase() {
            b'x'
        } else if b.is_ascii_digit() {
            b'd'
        } else {
            b
        };
        c += 1;
    }
    t
};

/// FNV-1a of shape letters, each run of one letter hashed once.
struct Runs {
    h: u64,
    last: u8,
}

impl Default for Runs {
    fn default() -> Runs {
        Runs {
            h: FNV_OFFSET,
            last: 0,
        }
    }
}

impl Runs {
    #[inline]
    fn push(&mut self, k: u8) {
        if k != self.last {
            self.h = fnv(self.h, k);
            self.last = k;
        }
    }
}

/// The first non-space character of a gap, a line break counting as one.
fn gap_class(gap: &str) -> u8 {
    for c in gap.chars() {
        match c {
            '\n' => return b'n',
            ' ' | '\t' => {}
            '“' | '”' | '"' | '‘' | '\'' => return b'q',
            '–' | '—' => return b'-',
            c if c.is_ascii() => return c as u8,
            _ => return b'o',
        }
    }
    if gap.is_empty() {
        b'0'
    } else {
        b' '
    }
}

/// True when a name may run across `gap` from token `i` to the next one.
fn joinable(doc: &Doc<'_>, i: usize) -> bool {
    if doc.possessive(i) {
        return false;
    }
    match doc.gap_after(i) {
        " " | "-" | " & " | "&" | " - " => true,
        // "John F. Kennedy", "St. Louis"
        ". " => doc.stem(i).chars().count() <= 2 && doc.capitalised(i),
        _ => false,
    }
}

/// The kind letter and id mark of a rule hit, as a feature value.
fn hit_value(hit: &Hit, entries: &[Entry]) -> [u8; 2] {
    let (kind, known) = match &hit.target {
        Target::Entry(e) => (entries[*e as usize].kind, b'i'),
        Target::Unknown(_) => (hit.kind, b'u'),
    };
    let k = match kind {
        EntryKind::Person => b'P',
        EntryKind::Organization => b'O',
        EntryKind::Location => b'L',
        EntryKind::Demonym => b'D',
    };
    [k, if hit.weak { b'w' } else { known }]
}

/// The rule hit at token `i`, as a feature value with its position.
fn hit_at_token(hits: &mut HitCursor<'_>, entries: &[Entry], i: usize) -> u64 {
    let Some(h) = hits.at(i) else {
        return 0;
    };
    let [k, m] = hit_value(h, entries);
    let pos = if h.first == i { b'B' } else { b'I' };
    u64::from_le_bytes([k, m, pos, 0, 0, 0, 0, 0])
}

/// The tag a rule hit fixes at token `i`: the hit's kind, beginning or
/// continuing (a demonym is outside); `FREE` where no hit (or only a weak
/// one) lies, so the model decides.
fn fixed_tag(hits: &mut HitCursor<'_>, entries: &[Entry], i: usize) -> u8 {
    let Some(h) = hits.at(i) else {
        return FREE;
    };
    if h.weak {
        return FREE;
    }
    let kind = match &h.target {
        Target::Entry(e) => entries[*e as usize].kind,
        Target::Unknown(_) => h.kind,
    };
    let k = match kind {
        EntryKind::Person => 0,
        EntryKind::Organization => 1,
        EntryKind::Location => 2,
        EntryKind::Demonym => return 0,
    };
    if h.first == i {
        1 + 2 * k
    } else {
        2 + 2 * k
    }
}

/// No fixed tag: see [`Candidates::fixed`].
pub const FREE: u8 = u8::MAX;

/// True when token `i`, in lower case, is a connector between two
/// capitalised words of one name ("Bank of England").
fn connects(doc: &Doc<'_>, i: usize) -> bool {
    i > 0
        && i + 1 < doc.len()
        && !doc.capitalised(i)
        && doc.capitalised(i - 1)
        && doc.capitalised(i + 1)
        && joinable(doc, i - 1)
        && joinable(doc, i)
        && connector(doc.word(i))
}

/// The candidate tokens of `doc`, in order: the capitalised ones, each
/// followed by a connector that comes next to it, so that only the
/// capitals are visited.
fn candidate_tokens(doc: &Doc<'_>) -> Vec<u32> {
    let mut out = Vec::with_capacity(doc.caps().len() + 8);
    for &i in doc.caps() {
        out.push(i as u32);
        if connects(doc, i + 1) {
            out.push(i as u32 + 1);
        }
    }
    out
}

/// Static features a candidate has on average, to size the buffer once.
const FEATURES_PER_CANDIDATE: usize = 32;

/// The candidates of `doc` and their static features, given the hits of
/// the rule passes. Candidates inside a rule hit get the hit's tag and no
/// features: the rules keep the last word there.
pub(crate) fn candidates(
    doc: &Doc<'_>,
    hits: &[Hit],
    entries: &[Entry],
) -> Candidates {
    let token = candidate_tokens(doc);
    let n = token.len();
    let mut out = Candidates {
        token,
        bounds: Vec::with_capacity(n + 1),
        feats: Vec::with_capacity(n * FEATURES_PER_CANDIDATE),
        joins: Vec::with_capacity(n),
        connector: Vec::with_capacity(n),
        shape: Vec::with_capacity(n),
        key: Vec::with_capacity(n),
        fixed: Vec::with_capacity(n),
        bare: Vec::with_capacity(n),
    };
    let mut memo = Memo::new(doc.len());
    // Function words, months and days are no names: no need to weigh
    // them, nor to ask how the document writes them elsewhere.
    let mut cursor = HitCursor::new(hits);
    for (c, &i) in out.token.iter().enumerate() {
        let i = i as usize;
        let fixed = fixed_tag(&mut cursor, entries, i);
        let function_word = fixed == FREE && doc.is(i, &NOT_NAME);
        out.fixed.push(if function_word { 0 } else { fixed });
        let joins =
            c > 0 && out.token[c - 1] as usize + 1 == i && joinable(doc, i - 1);
        out.joins.push(joins);
        out.connector.push(!doc.capitalised(i));
    }
    let seen = Seen::new(doc, &out, &mut memo);
    out.bounds.push(0);
    for c in 0..n {
        let i = out.token[c] as usize;
        if out.fixed[c] != FREE {
            // A rule's tag is final: only the decoder's memory of it is
            // asked for, and only by the words of free candidates.
            let named = out.fixed[c] != 0;
            let asked = named && seen.may_be_free_word(doc.stem(i));
            out.key.push(if asked { memo.get(doc, i) } else { 0 });
            out.shape.push(0);
            out.bare.push(false);
            out.bounds.push(out.feats.len() as u32);
            continue;
        }
        let shape = shape(doc.stem(i));
        let key = memo.get(doc, i);
        let elsewhere = Elsewhere {
            lower: seen.lower.contains(&key),
            inner_caps: seen.inner_caps.contains(&key),
        };
        let bare = (doc.sentence_initial(i) || doc.in_headline(i))
            && !elsewhere.inner_caps
            && !memo.given(doc, i);
        out.shape.push(shape);
        out.key.push(key);
        out.bare.push(bare);
        // A sentence's first word that the document also writes in lower
        // case is no name either.
        if bare && elsewhere.lower {
            out.fixed[c] = 0;
        }
        let fixed = out.fixed[c];
        if fixed == FREE {
            let run = run_of(&out, c);
            let mut f = Features {
                doc,
                hits: &mut cursor,
                entries,
                memo: &mut memo,
                out: &mut out.feats,
            };
            f.of(i, shape, run, elsewhere);
        }
        out.bounds.push(out.feats.len() as u32);
    }
    out
}

/// The free candidates' words as a lower-case token would write them:
/// first byte, last byte and byte length, a possessive ending included. A
/// lower-case token is read only where its three bytes fit some free word
/// in one of these forms, so most tokens are passed over on two reads of
/// the text and one of this table, without slicing their stem. A word that
/// is not ASCII may change its length in lower case, so it lets every
/// token with its first letter through.
struct Written {
    bits: [u64; FILTER_BITS / 64],
    /// Per first byte: every token starting with it may hold a free word.
    loose: [bool; 128],
    /// Some free word starts with no letter: every token may hold one.
    off: bool,
}

impl Default for Written {
    fn default() -> Written {
        Written {
            bits: [0; FILTER_BITS / 64],
            loose: [false; 128],
            off: false,
        }
    }
}

/// The filter slot of a token's first byte, lower-cased last byte and
/// byte length.
fn written_slot(first: u8, last: u8, len: usize) -> usize {
    let key = (u32::from(first) << 16)
        | (u32::from(last.to_ascii_lowercase()) << 8)
        | (len as u32 & 0xff);
    (key.wrapping_mul(0x85EB_CA6B) >> 20) as usize % FILTER_BITS
}

impl Written {
    fn add(&mut self, stem: &str) {
        if !stem.is_ascii() {
            let first =
                stem.chars().next().and_then(|c| c.to_lowercase().next());
            match first {
                Some(f) if f.is_ascii_lowercase() => {
                    self.loose[f as usize] = true
                }
                // The scan reads only tokens that start with an ASCII
                // lower-case letter: this word is none of them.
                Some(f) if !f.is_ascii() => {}
                _ => self.off = true,
            }
            return;
        }
        let b = stem.as_bytes();
        let first = match b.first().map(u8::to_ascii_lowercase) {
            Some(f) if f.is_ascii_lowercase() => f,
            _ => {
                self.off = true;
                return;
            }
        };
        let n = b.len();
        // The word, and with "'s" or "’s" after it.
        for (last, len) in [(b[n - 1], n), (b's', n + 2), (b's', n + 4)] {
            let slot = written_slot(first, last, len);
            self.bits[slot / 64] |= 1 << (slot % 64);
        }
    }

    /// Whether `token`, which starts with an ASCII lower-case letter, may
    /// be a free candidate's word in lower case. A last byte that is not
    /// ASCII is let through: its character may fold to ASCII.
    fn may_hold(&self, token: &[u8]) -> bool {
        let (first, last) = (token[0], token[token.len() - 1]);
        if self.off || self.loose[usize::from(first)] || !last.is_ascii() {
            return true;
        }
        let slot = written_slot(first, last, token.len());
        self.bits[slot / 64] & (1 << (slot % 64)) != 0
    }
}

/// How the document writes its words elsewhere: in lower case, or
/// capitalised inside a sentence. A word seen in lower case is likely a
/// common word where a sentence or headline capitalises it; one seen
/// capitalised mid-sentence is likely a name.
struct Seen {
    lower: KeySet<u64>,
    inner_caps: KeySet<u64>,
    /// The [`signature`] slots of the free candidates' words: a word
    /// outside them is none of those words in any case, and nobody asks
    /// about it.
    free: [u64; FILTER_BITS / 64],
}

/// Bits of the filter that [`Seen::new`] keeps on the candidate words.
const FILTER_BITS: usize = 4096;

/// The filter slot of a word: its first byte, the last byte of its last
/// character in lower case (any non-ASCII byte counting as one) and its
/// length. Only lower-case words whose slot some candidate word shares are
/// hashed, and words that are equal in lower case share a slot.
fn signature(w: &str) -> usize {
    let b = w.as_bytes();
    let last = match b[b.len() - 1] {
        x if x.is_ascii() => x.to_ascii_lowercase(),
        _ => w
            .chars()
            .next_back()
            .and_then(|c| c.to_lowercase().last())
            .filter(char::is_ascii)
            .map_or(0x80, |c| c as u8),
    };
    let key = (u32::from(b[0].to_ascii_lowercase()) << 16)
        | (u32::from(last) << 8)
        | (b.len() as u32 & 0xff);
    (key.wrapping_mul(0x9E37_79B1) >> 20) as usize % FILTER_BITS
}

impl Seen {
    /// How `doc` writes the words of `cands` elsewhere. Only the words of
    /// candidates still free to be tagged are looked for in lower case:
    /// nothing asks about the others.
    fn new(doc: &Doc<'_>, cands: &Candidates, memo: &mut Memo) -> Seen {
        // Sized for every free word once, so that the sets seldom grow.
        let free = cands.fixed.iter().filter(|&&f| f == FREE).count();
        let mut seen = Seen {
            lower: KeySet::with_capacity_and_hasher(free, Default::default()),
            inner_caps: KeySet::with_capacity_and_hasher(
                free,
                Default::default(),
            ),
            free: [0u64; FILTER_BITS / 64],
        };
        let mut written = Written::default();
        for (&i, &fixed) in cands.token.iter().zip(&cands.fixed) {
            if fixed == FREE {
                let stem = doc.stem(i as usize);
                let sig = signature(stem);
                seen.free[sig / 64] |= 1 << (sig % 64);
                written.add(stem);
            }
        }
        for &i in &cands.token {
            let i = i as usize;
            if doc.capitalised(i)
                && !doc.sentence_initial(i)
                && !doc.in_headline(i)
                && seen.may_be_free_word(doc.stem(i))
            {
                seen.inner_caps.insert(memo.get(doc, i));
            }
        }
        let text = doc.text.as_bytes();
        for (i, t) in doc.tokens.tokens.iter().enumerate() {
            // The first byte, read before the word is sliced: most
            // tokens stop here.
            let Some(&first) = text.get(t.span.start) else {
                continue;
            };
            let token = &text[t.span.start..t.span.end];
            if !first.is_ascii_lowercase() || !written.may_hold(token) {
                continue;
            }
            let w = doc.stem(i);
            if w.is_empty() {
                continue;
            }
            if seen.may_be_free_word(w) {
                seen.lower.insert(memo.get(doc, i));
            }
        }
        seen
    }

    /// False when `word` is, in lower case, no free candidate's word.
    fn may_be_free_word(&self, word: &str) -> bool {
        if word.is_empty() {
            return true;
        }
        let sig = signature(word);
        self.free[sig / 64] & (1 << (sig % 64)) != 0
    }
}

/// The capitalisation of a neighbour: none, lower-case, capitalised, all
/// capitals.
fn case_of(doc: &Doc<'_>, j: Option<usize>) -> u64 {
    u64::from(match j {
        None => b'-',
        Some(j) if doc.capitalised(j) => {
            if is_all_caps(doc.stem(j)) {
                b'A'
            } else {
                b'C'
            }
        }
        Some(_) => b'x',
    })
}

/// The length of the capitalised run holding candidate `c` (1, 2, 3, 4
/// or more) and its place in it. A run grows over joined neighbours that
/// are capitalised, so it reads the candidates' marks, not the gaps again:
/// a capitalised neighbour token is always the neighbouring candidate.
fn run_of(cands: &Candidates, c: usize) -> u64 {
    let (joins, connector) = (&cands.joins, &cands.connector);
    let mut a = c;
    while a > 0 && c - a < 4 && joins[a] && !connector[a - 1] {
        a -= 1;
    }
    let mut b = c;
    while b + 1 < cands.len() && b - c < 4 && joins[b + 1] && !connector[b + 1]
    {
        b += 1;
    }
    let len = (b - a + 1).min(4) as u64;
    let place = if a == c {
        0
    } else if b == c {
        1
    } else {
        2
    };
    len * 4 + place
}

/// Whether the document writes a candidate's word elsewhere in lower case
/// and capitalised inside a sentence ([`Seen`]), asked once per candidate.
#[derive(Clone, Copy)]
struct Elsewhere {
    lower: bool,
    inner_caps: bool,
}

/// What the static features of one token read.
struct Features<'d, 'a, 'h> {
    doc: &'d Doc<'a>,
    hits: &'d mut HitCursor<'h>,
    entries: &'d [Entry],
    memo: &'d mut Memo,
    out: &'d mut Vec<u64>,
}

impl Features<'_, '_, '_> {
    fn push(&mut self, k: u8, v: u64) {
        self.out.push(feat(k, v));
    }

    fn neighbour(&mut self, k: u8, j: Option<usize>) {
        let v = j.map_or(BOUNDARY, |j| self.memo.get(self.doc, j));
        self.push(k, v);
    }

    fn classes(&mut self, k: u8, j: usize) {
        let mut bits = self.doc.classes(j);
        while bits != 0 {
            let b = bits.trailing_zeros();
            bits &= bits - 1;
            self.push(k, u64::from(b));
        }
    }

    /// Pushes the static features of token `i`, whose word has the shape
    /// hash `shape`, whose place in a run of capitals is `run`
    /// ([`run_of`]) and whose word the document writes `elsewhere`.
    fn of(&mut self, i: usize, shape: u64, run: u64, elsewhere: Elsewhere) {
        let doc = self.doc;
        let word = doc.stem(i);
        let n = doc.len();
        let initial = doc.sentence_initial(i);
        let prev = (i > 0 && !initial).then(|| i - 1);
        let next = (i + 1 < n && !doc.sentence_initial(i + 1)).then_some(i + 1);
        let prev2 = prev
            .filter(|&p| p > 0 && !doc.sentence_initial(p))
            .map(|p| p - 1);
        let next2 = next
            .filter(|&x| x + 1 < n && !doc.sentence_initial(x + 1))
            .map(|x| x + 1);
        let lower = self.memo.get(doc, i);
        self.push(kind::BIAS, 0);
        self.push(kind::WORD, lower);
        self.push(kind::SHAPE, shape);
        self.push(kind::PREFIX, affix_hash(word, false));
        self.push(kind::SUFFIX, affix_hash(word, true));
        self.neighbour(kind::PREV, prev);
        self.neighbour(kind::NEXT, next);
        self.neighbour(kind::PREV2, prev2);
        self.neighbour(kind::NEXT2, next2);
        self.push(kind::PREV_CASE, case_of(doc, prev));
        self.push(kind::NEXT_CASE, case_of(doc, next));
        let before = i
            .checked_sub(1)
            .map_or(b'^', |p| gap_class(doc.gap_after(p)));
        self.push(kind::GAP_BEFORE, u64::from(before));
        self.push(kind::GAP_AFTER, u64::from(gap_class(doc.gap_after(i))));
        let flags = [
            (initial, INITIAL),
            (doc.in_headline(i), HEADLINE),
            (word.len() > 1 && is_all_caps(word), ALL_CAPS),
            (doc.possessive(i), POSSESSIVE),
            (self.memo.given(doc, i), GIVEN),
            (prev.is_some_and(|p| self.memo.given(doc, p)), PREV_GIVEN),
            (elsewhere.lower, SEEN_LOWER),
            (elsewhere.inner_caps, SEEN_INNER),
        ];
        for (on, flag) in flags {
            if on {
                self.push(kind::FLAG, flag);
            }
        }
        if initial {
            self.push(kind::INITIAL_WORD, lower);
        }
        self.push(kind::RUN, run);
        self.classes(kind::CLASS, i);
        if let Some(p) = prev {
            self.classes(kind::PREV_CLASS, p);
        }
        if let Some(x) = next {
            self.classes(kind::NEXT_CLASS, x);
        }
        for (k, j) in [
            (kind::HIT, Some(i)),
            (kind::PREV_HIT, prev),
            (kind::NEXT_HIT, next),
        ] {
            let v = j.map_or(0, |j| hit_at_token(self.hits, self.entries, j));
            self.push(k, v);
        }
    }
}

/// Features that depend on the tags chosen before: the previous tag, the
/// previous tag with this word's shape, and the kind the document gave
/// this word last (`memory`: 0 none, else kind + 1).
pub fn dynamic_features(prev: u8, shape: u64, memory: u8, out: &mut [u64; 3]) {
    out[0] = feat(kind::TAG, u64::from(prev));
    out[1] = feat(kind::TAG_SHAPE, fnv(shape, prev));
    out[2] = feat(kind::MEMORY, u64::from(memory));
}

/// True when tag `tag` may follow tag `prev` at candidate `c`: a name
/// continues only across a joining gap and with its own kind, and a
/// connector never begins one.
pub fn allowed(cands: &Candidates, c: usize, tag: usize, prev: u8) -> bool {
    if tag == 0 {
        return true;
    }
    if tag % 2 == 1 {
        return !cands.connector[c];
    }
    cands.joins[c] && (prev as usize == tag || prev as usize == tag - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_words_hash_as_their_bytes_one_by_one() {
        let text = "Bank of ENGLAND x9-Zz Ünter [AbcdefgH] abcdefghi, 'Q' ";
        let mut short = 0;
        for start in 0..text.len() {
            for len in 0..=9 {
                let Some(word) = text.get(start..start + len) else {
                    continue;
                };
                if let Some(h) = short_lower_hash(text.as_bytes(), start, len) {
                    assert_eq!(h, lower_hash(word), "{word:?}");
                    short += 1;
                }
            }
        }
        assert!(short > 300, "{short} words hashed eight bytes at a time");
    }
}
