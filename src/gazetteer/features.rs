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
use super::{hit_at, Hit, Target};
use crate::hash::KeySet;

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
    /// A hash of the candidate's word shape, for the tag-shape feature.
    pub shape: Vec<u64>,
    /// A hash of the candidate's lower-case word, for the memory of how
    /// the document tagged it before.
    pub key: Vec<u64>,
    /// Candidate `c` opens a sentence or stands in a headline, and the
    /// document writes its word nowhere else with a capital inside a
    /// sentence: its capital says nothing about a name.
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

/// FNV-1a over feature prefixes and values.
#[derive(Clone, Copy)]
struct Fh(u64);

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

impl Fh {
    fn new(prefix: &str) -> Fh {
        Fh(FNV_OFFSET).bytes(prefix.as_bytes()).byte(0xff)
    }
    fn byte(self, b: u8) -> Fh {
        Fh((self.0 ^ u64::from(b)).wrapping_mul(FNV_PRIME))
    }
    fn bytes(self, bs: &[u8]) -> Fh {
        bs.iter().fold(self, |h, &b| h.byte(b))
    }
    /// The lower-case form of `s`, hashed as UTF-8.
    fn lower(self, s: &str) -> Fh {
        let mut h = self;
        let mut buf = [0u8; 4];
        for c in s.chars().flat_map(char::to_lowercase) {
            h = h.bytes(c.encode_utf8(&mut buf).as_bytes());
        }
        h
    }
    fn done(self) -> u64 {
        // One multiply-xorshift so that the low bits the tables index by
        // depend on every byte.
        let x = self.0.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        x ^ (x >> 29)
    }
}

/// Lower-case words that stand inside names between capitalised words.
const CONNECTORS: &[&str] = &[
    "of", "de", "del", "della", "der", "den", "van", "von", "da", "do", "dos",
    "das", "du", "la", "le", "al", "el", "bin", "ibn", "bint", "and", "the",
    "for", "on", "upon", "y", "zu", "di",
];

fn connector(word: &str) -> bool {
    CONNECTORS.contains(&word)
}

/// The shape of a word: upper-case letters as `X`, lower-case as `x`,
/// digits as `d`, other characters as themselves, runs collapsed.
fn shape(word: &str) -> Fh {
    let mut h = Fh::new("sh");
    let mut last = 0u8;
    for c in word.chars().take(12) {
        let k = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_ascii_digit() {
            b'd'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'o'
        };
        if k != last {
            h = h.byte(k);
            last = k;
        }
    }
    h
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
fn hit_at_token(
    doc: &Doc<'_>,
    hits: &[Hit],
    entries: &[Entry],
    i: usize,
) -> Option<[u8; 3]> {
    let _ = doc;
    let h = &hits[hit_at(hits, i)?];
    let [k, m] = hit_value(h, entries);
    let pos = if h.first == i { b'B' } else { b'I' };
    Some([k, m, pos])
}

/// The candidates of `doc` and their static features, given the hits of
/// the rule passes.
pub(crate) fn candidates(
    doc: &Doc<'_>,
    hits: &[Hit],
    entries: &[Entry],
) -> Candidates {
    let mut out = Candidates::default();
    out.bounds.push(0);
    let n = doc.len();
    let seen = Seen::new(doc);
    for i in 0..n {
        let cap = doc.capitalised(i);
        if !cap
            && !(i > 0
                && i + 1 < n
                && doc.capitalised(i - 1)
                && doc.capitalised(i + 1)
                && joinable(doc, i - 1)
                && joinable(doc, i)
                && connector(doc.word(i)))
        {
            continue;
        }
        let joins = i > 0
            && out.token.last() == Some(&(i as u32 - 1))
            && joinable(doc, i - 1);
        let word = doc.stem(i);
        out.token.push(i as u32);
        out.joins.push(joins);
        out.connector.push(!cap);
        out.shape.push(shape(word).done());
        let key = Fh::new("k").lower(word).done();
        out.key.push(key);
        out.bare.push(
            (doc.sentence_initial(i) || doc.in_headline(i))
                && !seen.inner_caps.contains(&key)
                && !is_given(word),
        );
        static_features(doc, hits, entries, &seen, i, &mut out.feats);
        out.bounds.push(out.feats.len() as u32);
    }
    out
}

/// The word of token `j` as a neighbour, or a boundary mark.
fn neighbour(doc: &Doc<'_>, prefix: &str, j: Option<usize>) -> u64 {
    match j {
        Some(j) => Fh::new(prefix).lower(doc.stem(j)).done(),
        None => Fh::new(prefix).byte(0).done(),
    }
}

/// The capitalisation of a neighbour: none, lower-case, capitalised.
fn neighbour_case(doc: &Doc<'_>, prefix: &str, j: Option<usize>) -> u64 {
    let v = match j {
        None => b'-',
        Some(j) if doc.capitalised(j) => {
            if is_all_caps(doc.stem(j)) {
                b'A'
            } else {
                b'C'
            }
        }
        Some(_) => b'x',
    };
    Fh::new(prefix).byte(v).done()
}

fn class_features(doc: &Doc<'_>, prefix: &str, j: usize, out: &mut Vec<u64>) {
    let mut bits = doc.classes(j);
    while bits != 0 {
        let b = bits.trailing_zeros();
        bits &= bits - 1;
        out.push(Fh::new(prefix).byte(b as u8).done());
    }
}

/// How the document writes its words elsewhere: the lower-case words it
/// uses, and the capitalised words it uses inside sentences. A word seen
/// in lower case is likely a common word where a sentence or headline
/// capitalises it; one seen capitalised mid-sentence is likely a name.
struct Seen {
    lower: KeySet<u64>,
    inner_caps: KeySet<u64>,
}

impl Seen {
    fn new(doc: &Doc<'_>) -> Seen {
        let mut seen = Seen {
            lower: KeySet::default(),
            inner_caps: KeySet::default(),
        };
        for i in 0..doc.len() {
            let w = doc.stem(i);
            if doc.capitalised(i) {
                if !doc.sentence_initial(i) && !doc.in_headline(i) {
                    seen.inner_caps.insert(Fh::new("k").lower(w).done());
                }
            } else if w.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
                seen.lower.insert(Fh::new("k").bytes(w.as_bytes()).done());
            }
        }
        seen
    }
}

/// The length of the capitalised run holding token `i` (1, 2, 3, 4 or
/// more) and the token's place in it.
fn run_feature(doc: &Doc<'_>, i: usize) -> u64 {
    let mut a = i;
    while a > 0 && doc.capitalised(a - 1) && joinable(doc, a - 1) {
        a -= 1;
        if i - a >= 4 {
            break;
        }
    }
    let mut b = i;
    while b + 1 < doc.len() && doc.capitalised(b + 1) && joinable(doc, b) {
        b += 1;
        if b - i >= 4 {
            break;
        }
    }
    let len = (b - a + 1).min(4) as u8;
    let place = if a == i {
        b'F'
    } else if b == i {
        b'L'
    } else {
        b'M'
    };
    Fh::new("run").byte(len).byte(place).done()
}

fn static_features(
    doc: &Doc<'_>,
    hits: &[Hit],
    entries: &[Entry],
    seen: &Seen,
    i: usize,
    out: &mut Vec<u64>,
) {
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
    let lower = Fh::new("w").lower(word);
    out.push(Fh::new("b").done());
    out.push(lower.done());
    out.push(shape(word).done());
    let chars: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
    let mut buf = [0u8; 4];
    let pre = chars.iter().take(3).fold(Fh::new("p3"), |h, c| {
        h.bytes(c.encode_utf8(&mut buf).as_bytes())
    });
    out.push(pre.done());
    let from = chars.len().saturating_sub(3);
    let suf = chars[from..].iter().fold(Fh::new("s3"), |h, c| {
        h.bytes(c.encode_utf8(&mut buf).as_bytes())
    });
    out.push(suf.done());
    out.push(neighbour(doc, "pw", prev));
    out.push(neighbour(doc, "nw", next));
    out.push(neighbour(doc, "pw2", prev2));
    out.push(neighbour(doc, "nw2", next2));
    out.push(neighbour_case(doc, "pc", prev));
    out.push(neighbour_case(doc, "nc", next));
    let gap_before = if i > 0 {
        gap_class(doc.gap_after(i - 1))
    } else {
        b'^'
    };
    out.push(Fh::new("gb").byte(gap_before).done());
    out.push(Fh::new("ga").byte(gap_class(doc.gap_after(i))).done());
    let flags = [
        (initial, "ini"),
        (doc.in_headline(i), "hdl"),
        (word.chars().count() > 1 && is_all_caps(word), "ac"),
        (doc.possessive(i), "pos"),
        (is_given(word), "gv"),
        (prev.is_some_and(|p| is_given(doc.stem(p))), "pgv"),
    ];
    for (on, name) in flags {
        if on {
            out.push(Fh::new(name).done());
        }
    }
    if initial {
        out.push(Fh::new("iw").lower(word).done());
    }
    let key = Fh::new("k").lower(word).done();
    if seen.lower.contains(&key) {
        out.push(Fh::new("lo").done());
    }
    if seen.inner_caps.contains(&key) {
        out.push(Fh::new("ic").done());
    }
    out.push(run_feature(doc, i));
    class_features(doc, "cl", i, out);
    if let Some(p) = prev {
        class_features(doc, "pcl", p, out);
    }
    if let Some(x) = next {
        class_features(doc, "ncl", x, out);
    }
    for (prefix, j) in [("gz", Some(i)), ("gzp", prev), ("gzn", next)] {
        let v = j.and_then(|j| hit_at_token(doc, hits, entries, j));
        let h = match v {
            Some(v) => Fh::new(prefix).bytes(&v),
            None => Fh::new(prefix).byte(0),
        };
        out.push(h.done());
    }
}

/// Features that depend on the tags chosen before: the previous tag, the
/// previous tag with this word's shape, and the kind the document gave
/// this word last (`memory`: 0 none, else kind + 1).
pub fn dynamic_features(prev: u8, shape: u64, memory: u8, out: &mut [u64; 3]) {
    out[0] = Fh::new("t").byte(prev).done();
    out[1] = Fh(shape).byte(prev).done();
    out[2] = Fh::new("m").byte(memory).done();
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
