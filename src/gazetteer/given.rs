//! People that no file lists and no cue vouches for, found by a known
//! given name: "Eugene Burger", "Mario J. Lucero", "Isabel Ruiz".
//!
//! A capitalised given name from `gazetteers/names/given.txt` (first names
//! of the listed people and a curated list across many cultures, minus
//! common English words) followed by one or two surname-like words, with an
//! optional middle initial, is a person with no id. The later passes then
//! link the bare surname to it ("Burger said…").
//!
//! The rule holds back where a capitalised sequence names something else:
//! - a place or institution word follows or forms the "surname" ("Victoria
//!   Street", "Lincoln Memorial", "Jordan Valley", "Magicians' Society");
//! - the surname is used as a lower-case word elsewhere in the document
//!   ("Grace Notes" next to "grace notes");
//! - the given name continues a longer capitalised name ("New Victoria
//!   Theatre") or stands after a place preposition as a listed place ("in
//!   Paris Saturday");
//! - in a headline, where every word is capitalised, the surname must also
//!   appear capitalised in the body.
//!
//! A listed one-word place or organisation yields to such a name ("Paris
//! Hilton", "Florence Pugh", "Carlos Mendoza"); longer listed names and
//! people do not. Invariant: `hits` stays sorted by start and
//! non-overlapping.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use super::load::EntryKind;
use super::text::{is_all_caps, more_chars_than, starts_upper, Doc, Words};
use super::words::{
    CLAUSE_WORDS, NOT_NAME, ORG_HEADS, ORG_SUFFIXES, ORG_TAILS, PERSON_VERBS,
    PLACE_CUES, PLACE_NOUNS, REPORTING_VERBS, ROLES, ROLE_WORDS, THING_NOUNS,
    TITLES,
};
use super::{hit_at, keep_and_add, Hit};

/// The given names, one a line, `#` comments; built by
/// `gazetteers/names/build.py`.
static GIVEN: &str = include_str!("../../gazetteers/names/given.txt");

/// Capitalised words that make the sequence before them a place, a
/// building, an event or a body, beside the shared lists ("Victoria
/// Street", "Lincoln Memorial").
#[rustfmt::skip]
static FACILITY: &[&str] = &[
    "memorial", "monument", "cathedral", "chapel", "lane", "drive",
    "boulevard", "way", "place", "terrace", "crescent", "close", "gardens",
    "garden", "estate", "heights", "hill", "hills", "beach", "falls",
    "springs", "forest", "woods", "building", "gallery", "theatre", "theater",
    "trophy", "medal", "marathon", "open", "championship", "championships",
    "tour", "show", "records", "press", "magazine", "foundation", "prize",
    "society", "brotherhood", "trust", "union", "network", "orchestra",
    "circle", "club", "hotel", "institute", "square", "valley", "county",
    "memorial", "fund", "line", "lines", "express", "boulevard", "plaza",
    "mall", "market", "pier", "harbour", "harbor", "port", "dam", "canal",
    "mountain", "mount", "peak", "ridge", "grove", "gate", "court", "ward",
    "township", "borough", "parish", "high", "elementary", "primary",
    "secondary", "junior", "senior", "prison", "jail", "zoo", "farm",
    "farms", "ranch", "vineyard", "vineyards", "brewery", "bakery", "cafe",
    "restaurant", "bar", "pub", "inn", "lodge", "studio", "studios",
    "collection", "effect", "syndrome", "disease", "law", "rule", "doctrine",
    "method", "test", "scale", "bill", "amendment", "era", "age", "tech",
];

/// Place words that are common surnames too ("Christopher Hill", "Min-jun
/// Park"): a surname when no place cue or article stands before the name,
/// the given name is no listed place and nothing capitalised follows.
#[rustfmt::skip]
static SURNAME_PLACES: &[&str] = &[
    "hill", "hall", "park", "lane", "wood", "green", "field", "house",
    "brook", "ford", "banks", "rivers", "waters", "church",
];

/// FNV-1a: every capitalised word before another is looked up, and names
/// are short, so a simple hash beats the default one.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type NameSet = HashSet<&'static str, BuildHasherDefault<Fnv>>;

/// The given names, with a filter of their shapes.
struct Names {
    set: NameSet,
    /// One bit per [`shape_bit`] of a name: most words asked about are no
    /// given name, and an ASCII word whose bit is clear is answered without
    /// hashing it.
    shapes: Vec<u64>,
}

/// Bits of [`Names::shapes`] (8 KiB, a few per cent set).
const SHAPE_BITS: usize = 1 << 16;

/// The filter slot of a non-empty word: its first byte, its last byte in
/// ASCII lower case and its length. A name and the same name in capitals
/// ("Isabel", "ISABEL") share it when they are ASCII.
fn shape_bit(word: &[u8]) -> usize {
    let first = u32::from(word[0]);
    let last = u32::from(word[word.len() - 1].to_ascii_lowercase());
    let key = first << 16 | last << 8 | (word.len() as u32 & 0xff);
    (key.wrapping_mul(0x9E37_79B1) >> 16) as usize % SHAPE_BITS
}

/// The given names, built once.
fn names() -> &'static Names {
    static NAMES: OnceLock<Names> = OnceLock::new();
    NAMES.get_or_init(|| {
        let set: NameSet = GIVEN
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        let mut shapes = vec![0u64; SHAPE_BITS / 64];
        for name in &set {
            let bit = shape_bit(name.as_bytes());
            shapes[bit / 64] |= 1 << (bit % 64);
        }
        Names { set, shapes }
    })
}

/// True when `word`, as written or in capitals ("ISABEL"), is a given name.
pub(crate) fn is_given(word: &str) -> bool {
    let names = names();
    if word.is_empty() {
        return false;
    }
    // An ASCII word is a name, or a name in capitals, only where some name
    // has its first byte, length and last letter.
    if word.is_ascii() {
        let bit = shape_bit(word.as_bytes());
        if names.shapes[bit / 64] & (1 << (bit % 64)) == 0 {
            return false;
        }
    }
    if names.set.contains(word) {
        return true;
    }
    if !more_chars_than(word, 1) || !is_all_caps(word) {
        return false;
    }
    let mut chars = word.chars();
    let title: String = chars
        .next()
        .into_iter()
        .chain(chars.flat_map(char::to_lowercase))
        .collect();
    names.set.contains(title.as_str())
}

fn in_list(list: &[&str], word: &str) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Word classes that never stand in a surname.
fn not_surname_bits() -> u32 {
    let lists: [&Words; 13] = [
        &NOT_NAME,
        &ROLES,
        &ROLE_WORDS,
        &TITLES,
        &THING_NOUNS,
        &ORG_HEADS,
        &ORG_SUFFIXES,
        &ORG_TAILS,
        &PLACE_NOUNS,
        &REPORTING_VERBS,
        &PERSON_VERBS,
        &CLAUSE_WORDS,
        &PLACE_CUES,
    ];
    lists.iter().fold(0, |bits, l| bits | l.bit())
}

/// Finds given-name people and adds them to `hits`.
pub(crate) fn find(doc: &Doc<'_>, hits: &mut Vec<Hit>) {
    let mut found: Vec<(Hit, Option<usize>, Option<usize>)> = Vec::new();
    let mut memo = Memo::default();
    for &c in doc.caps() {
        if found.last().is_some_and(|(h, _, _)| h.last >= c) {
            continue;
        }
        if let Some(f) = person_at(doc, hits, c, &mut memo) {
            found.push(f);
        }
    }
    if found.is_empty() {
        return;
    }
    let mut keep = vec![true; hits.len()];
    for (_, a, b) in &found {
        for i in a.iter().chain(b) {
            keep[*i] = false;
        }
    }
    keep_and_add(hits, &keep, found.into_iter().map(|f| f.0));
}

/// A one-word listed place or organisation at `t` that a name may take
/// over, or `Err` when a hit there keeps the name out.
fn yielding(hits: &[Hit], t: usize, org: bool) -> Result<Option<usize>, ()> {
    let Some(at) = hit_at(hits, t) else {
        return Ok(None);
    };
    let h = &hits[at];
    let kind_ok = h.weak
        || h.kind == EntryKind::Location
        || org && h.kind == EntryKind::Organization;
    if h.first == t && h.last == t && kind_ok {
        Ok(Some(at))
    } else {
        Err(())
    }
}

/// The person whose given name is token `c`, with the hits it replaces.
fn person_at<'a>(
    doc: &Doc<'a>,
    hits: &[Hit],
    c: usize,
    memo: &mut Memo<'a>,
) -> Option<(Hit, Option<usize>, Option<usize>)> {
    let first_surname = given_at(doc, c)?;
    let headline = doc.in_headline(c);
    if !headline && (continues_name(doc, c) || after_article(doc, c))
        || credit(doc, c)
    {
        return None;
    }
    let over_given = yielding(hits, c, false).ok()?;
    if over_given.is_some() && after_place_cue(doc, c) {
        return None;
    }
    let mut s = first_surname;
    while s < first_surname + 2 && middle_initial(doc, s) {
        s += 1; // "Mario J. Lucero", "George H. W. Bush"
    }
    let caps = is_all_caps(doc.word(c));
    let last = surname_end(doc, s, caps)
        .or_else(|| place_surname(doc, c, s, over_given.is_some()))?;
    if over_given.is_some() && team_like(doc, last) {
        return None;
    }
    let over_surname = yielding(hits, s, true).ok()?;
    let between = (c + 1..s).chain(s + 1..=last);
    if between.into_iter().any(|k| hit_at(hits, k).is_some()) {
        return None;
    }
    let mut end = last;
    if !headline && doc.stem(last).len() == doc.word(last).len() {
        if let Some(l2) = surname_end(doc, last + 1, caps)
            .filter(|_| doc.joined_to_next(last))
            .filter(|&l2| (last + 1..=l2).all(|k| hit_at(hits, k).is_none()))
        {
            end = l2;
        }
    }
    if followed_by_place_word(doc, end)
        || (s..=end).any(|k| memo.lowercase_elsewhere(doc, k))
    {
        return None;
    }
    if headline && !memo.in_body(doc, c, end) {
        return None;
    }
    Some((
        Hit::unknown(doc, c, end, EntryKind::Person),
        over_given,
        over_surname,
    ))
}

/// The token after a given name at `c`: "Isabel" or a hyphenated
/// "Min-jun".
fn given_at(doc: &Doc<'_>, c: usize) -> Option<usize> {
    if c + 2 > doc.len() {
        return None;
    }
    let w = doc.word(c);
    if doc.gap_after(c) == "-" && c + 2 < doc.len() {
        let next = doc.word(c + 1);
        if next.chars().all(char::is_lowercase) && doc.joined_to_next(c + 1) {
            let start = doc.tokens.tokens[c].span.start;
            let end = doc.tokens.tokens[c + 1].span.end;
            return is_given(&doc.text[start..end]).then_some(c + 2);
        }
        return None;
    }
    let named = doc.joined_to_next(c) && doc.capitalised(c + 1);
    (named && is_given(w)).then_some(c + 1)
}

/// True when a capitalised word other than a title or role stands joined
/// before token `c` in running prose ("New Victoria Theatre"); a
/// sentence-initial word ("Librarian Omar Farouk") or a possessive
/// ("Ethiopia's Tigist Bekele") does not count.
fn continues_name(doc: &Doc<'_>, c: usize) -> bool {
    let p = match c.checked_sub(1) {
        Some(p) if doc.joined_to_next(p) && doc.capitalised(p) => p,
        _ => return false,
    };
    let w = doc.word(p);
    // "Ethiopia's Tigist Bekele", "I'm Isabel Ruiz"
    let clitic = doc.stem(p).len() < w.len() || w.contains(['\'', '’']);
    // "… State University Simon Ličen": a name that ended before this one.
    let ended = ORG_HEADS.bit() | ORG_SUFFIXES.bit() | THING_NOUNS.bit();
    let cue = ROLES.bit() | ROLE_WORDS.bit() | TITLES.bit() | ended;
    !(clitic || doc.classes(p) & cue != 0 || doc.sentence_initial(p))
}

/// "the Jeff McBride Experience": an article before a given name makes
/// the sequence the name of a thing.
fn after_article(doc: &Doc<'_>, c: usize) -> bool {
    c > 0
        && doc.joined_to_next(c - 1)
        && matches!(doc.word(c - 1), "the" | "The" | "a" | "A" | "an")
}

/// "Image: Nick Moreau": picture credits name no one in the story.
fn credit(doc: &Doc<'_>, c: usize) -> bool {
    c > 0 && doc.gap_after(c - 1).contains(':') && doc.is(c - 1, &NOT_NAME)
}

/// "flights to Paris Monday": a listed place after a place preposition.
fn after_place_cue(doc: &Doc<'_>, c: usize) -> bool {
    c > 0 && doc.joined_to_next(c - 1) && doc.is(c - 1, &PLACE_CUES)
}

/// "Christopher Hill": a place word as the whole surname at `s`, when the
/// given name at `c` is no place and no "the" or place cue opens it.
fn place_surname(
    doc: &Doc<'_>,
    c: usize,
    s: usize,
    given_is_place: bool,
) -> Option<usize> {
    let w = doc.stem(s);
    let cued = c > 0
        && (doc.is(c - 1, &PLACE_CUES)
            || matches!(
                doc.word(c - 1),
                "the" | "The" | "at" | "At" | "on" | "On"
            ));
    let next_cap = doc.joined_to_next(s) && doc.capitalised(s + 1);
    let ok = !given_is_place
        && !cued
        && !next_cap
        && !doc.in_headline(c)
        && starts_upper(w)
        && !is_all_caps(w)
        && in_list(SURNAME_PLACES, w);
    ok.then_some(s)
}

/// "Carolina Panthers", "Charlotte Hornets": after a listed place, a plural
/// word names a team, not a surname.
fn team_like(doc: &Doc<'_>, last: usize) -> bool {
    let w = doc.stem(last);
    w.len() > 3 && w.ends_with('s') && !w.ends_with("ss")
}

/// "J." between a given name and a surname.
fn middle_initial(doc: &Doc<'_>, k: usize) -> bool {
    k + 1 < doc.len()
        && doc.word(k).len() == 1
        && doc.capitalised(k)
        && doc.gap_after(k) == ". "
}

/// The last token of a surname starting at `k` (hyphenated halves
/// included: "Al-Sayed", "Kosiniak-Kamysz"), or `None` when `k` is no
/// surname-like word.
fn surname_end(doc: &Doc<'_>, k: usize, caps: bool) -> Option<usize> {
    if k >= doc.len() || !surname_word(doc, k, caps) {
        return None;
    }
    let mut last = k;
    while last + 1 < doc.len()
        && doc.gap_after(last) == "-"
        && doc.stem(last).len() == doc.word(last).len()
        && surname_word(doc, last + 1, caps)
    {
        last += 1;
    }
    Some(last)
}

/// A capitalised word that can be a surname: letters and apostrophes, not
/// a function, role, place or institution word.
fn surname_word(doc: &Doc<'_>, k: usize, caps: bool) -> bool {
    let w = doc.stem(k);
    starts_upper(w)
        && more_chars_than(w, 1)
        && w.chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
        && (caps || !is_all_caps(w))
        && doc.classes(k) & not_surname_bits() == 0
        && !in_list(FACILITY, w)
}

/// True when a place or institution word, or an ampersand, follows the
/// name ending at `end`: "Victoria Street", "Lincoln Memorial", "Marks &
/// Spencer".
fn followed_by_place_word(doc: &Doc<'_>, end: usize) -> bool {
    if end + 1 >= doc.len() {
        return false;
    }
    if doc.gap_after(end).trim() == "&" {
        return true;
    }
    let bits = THING_NOUNS.bit()
        | ORG_HEADS.bit()
        | ORG_SUFFIXES.bit()
        | ORG_TAILS.bit()
        | PLACE_NOUNS.bit();
    doc.joined_to_next(end)
        && doc.capitalised(end + 1)
        && (doc.classes(end + 1) & bits != 0
            || in_list(FACILITY, doc.stem(end + 1)))
}

/// Calls a document may make to the two text-wide lookups below before
/// their answers are indexed: ordinary articles ask a handful of times and
/// never pay for an index, while a page of thousands of capitalised words
/// asks once per candidate and would otherwise take quadratic time. A
/// direct lookup is one vectorised search of the text, a small fraction of
/// what building the index of every word costs, so the bound is set well
/// above what ordinary articles ask.
const DIRECT_LOOKUPS: u32 = 64;

/// Per-document indexes for [`Memo::lowercase_elsewhere`] and
/// [`Memo::in_body`], built on demand after [`DIRECT_LOOKUPS`] calls.
struct Memo<'a> {
    calls: u32,
    /// Calls answered directly before indexing ([`DIRECT_LOOKUPS`]).
    direct: u32,
    /// Every maximal run of letters and digits in the text.
    runs: Option<HashSet<&'a str>>,
    /// Every token with a mark inside ("o'Neil", "St.Louis"): the words
    /// that [`Memo::runs`] cannot answer for.
    marked: Option<HashSet<&'a str>>,
    /// Lower-cased stems of capitalised tokens outside headlines, with the
    /// first and last such token.
    body: Option<HashMap<String, (usize, usize)>>,
}

impl Default for Memo<'_> {
    fn default() -> Self {
        Memo {
            calls: 0,
            direct: DIRECT_LOOKUPS,
            runs: None,
            marked: None,
            body: None,
        }
    }
}

impl<'a> Memo<'a> {
    fn indexed(&mut self) -> bool {
        self.calls += 1;
        self.calls > self.direct
    }

    /// True when token `k` also occurs in the document as a lower-case
    /// word ("grace" beside "Grace").
    fn lowercase_elsewhere(&mut self, doc: &Doc<'a>, k: usize) -> bool {
        let w = doc.stem(k);
        let mut chars = w.chars();
        let Some(first) = chars.next() else {
            return false;
        };
        if w.len() < 3 || !first.is_uppercase() || is_all_caps(w) {
            return false;
        }
        let lowered: String = first.to_lowercase().chain(chars).collect();
        if self.indexed() && lowered.chars().all(char::is_alphanumeric) {
            let text = doc.text;
            let runs = self.runs.get_or_insert_with(|| {
                text.split(|c: char| !c.is_alphanumeric())
                    .filter(|r| !r.is_empty())
                    .collect()
            });
            return runs.contains(lowered.as_str());
        }
        if self.calls > self.direct {
            // A word with a mark inside is a whole token where it stands
            // alone: look it up among the tokens, not in the whole text
            // once per candidate (quadratic on a page of such names).
            let marked = self.marked.get_or_insert_with(|| {
                doc.tokens
                    .tokens
                    .iter()
                    .map(|t| t.span.slice(doc.text))
                    .filter(|w| !w.chars().all(char::is_alphanumeric))
                    .collect()
            });
            return marked.contains(lowered.as_str());
        }
        whole_word_in(doc.text, &lowered)
    }

    /// True when the surname of the headline name `c..=end` is written with
    /// a capital outside any headline too.
    fn in_body(&mut self, doc: &Doc<'a>, c: usize, end: usize) -> bool {
        let surname = doc.stem(end);
        if !self.indexed() {
            return doc.caps().iter().any(|&t| {
                (t < c || t > end)
                    && doc.stem(t).eq_ignore_ascii_case(surname)
                    && !doc.in_headline(t)
            });
        }
        let body = self.body.get_or_insert_with(|| body_stems(doc));
        body.get(&surname.to_ascii_lowercase())
            .is_some_and(|&(lo, hi)| lo < c || hi > end)
    }
}

/// Lower-cased stem → first and last capitalised token outside headlines.
fn body_stems(doc: &Doc<'_>) -> HashMap<String, (usize, usize)> {
    let mut body: HashMap<String, (usize, usize)> = HashMap::new();
    for &t in doc.caps() {
        if doc.in_headline(t) {
            continue;
        }
        let key = doc.stem(t).to_ascii_lowercase();
        let span = body.entry(key).or_insert((t, t));
        span.0 = span.0.min(t);
        span.1 = span.1.max(t);
    }
    body
}

/// True when `word` stands in `text` between characters that are not
/// letters or digits.
///
/// The search is `memchr`'s vectorised substring finder: this runs a few
/// times per document over the whole text, and the standard library's
/// two-way search took several times as many instructions for it.
fn whole_word_in(text: &str, word: &str) -> bool {
    crate::work::add(text.len());
    memchr::memmem::find_iter(text.as_bytes(), word.as_bytes()).any(|at| {
        // `word` is a whole string, so a match starts and ends on
        // character boundaries of `text`.
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric)
            && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {

    const FIXTURE: &str = "\
id\ttype\tname\taliases\tsource\tnotes
g:1\tlocation\tParis\t\tt\tkind=city;country=FR
g:2\tlocation\tFlorence\t\tt\tkind=city;country=IT
g:3\tlocation\tMendoza\t\tt\tkind=city;country=AR
Q810\tlocation\tJordan\tJordan{evidence}\tt\tkind=country;iso2=JO
o:1\torganization\tThe Washington Post\tWashington Post\tt\t
p:1\tperson\tSergei Shoigu\t\tt\t
";

    fn found(text: &str) -> Vec<String> {
        crate::gazetteer::found(&crate::gazetteer::fixture(FIXTURE), text)
    }

    #[test]
    fn indexed_lookups_answer_as_the_direct_ones() {
        use super::{Doc, Memo};
        use crate::tokenize::Tokenizer;
        let texts = [
            "GRACE HOPPER VISITS BALTIMORE\n\nGrace Hopper spoke. By grace \
             alone, said Hopper. Hopper-Smith and grace.com and Grace's.",
            "Isabel Ruiz Meets Tom Grace\n\nRuiz thanked Grace and ruiz.",
            "Anna Berg, Berg Anna, berg; Anna-Lena Berg’s BERG berg2",
            "Tom O'Neil met o'Neil and D’Arcy Ross; d’Arcy, Ross.",
        ];
        for text in texts {
            let tokens = Tokenizer::new().tokenize(text);
            let doc = Doc::new(text, &tokens);
            let mut direct = Memo {
                direct: u32::MAX,
                ..Memo::default()
            };
            let mut indexed = Memo {
                direct: 0,
                ..Memo::default()
            };
            let n = tokens.tokens.len();
            for k in 0..n {
                assert_eq!(
                    direct.lowercase_elsewhere(&doc, k),
                    indexed.lowercase_elsewhere(&doc, k),
                    "token {k} of {text:?}"
                );
                for end in k..n.min(k + 3) {
                    assert_eq!(
                        direct.in_body(&doc, k, end),
                        indexed.in_body(&doc, k, end),
                        "tokens {k}..={end} of {text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn plain_names_and_their_surnames() {
        let cases: &[(&str, &[&str])] = &[
            (
                "The award went to Isabel Ruiz on Friday. Ruiz thanked us.",
                &["Isabel Ruiz/person/?", "Ruiz/person/?"],
            ),
            (
                "It was Mario J. Lucero again.",
                &["Mario J. Lucero/person/?"],
            ),
            ("Fans met Min-jun Park today.", &["Min-jun Park/person/?"]),
            (
                "Investors led by Carlos Mendoza left.",
                &["Carlos Mendoza/person/?"],
            ),
            ("We saw Florence Pugh there.", &["Florence Pugh/person/?"]),
            (
                "Wikinews interviews Christopher Hill about it.",
                &["Christopher Hill/person/?"],
            ),
            (
                "Sergei Shoigu met Eugene Burger.",
                &[
                    "Sergei Shoigu/person/Sergei Shoigu",
                    "Eugene Burger/person/?",
                ],
            ),
            (
                "Magician Wins Award\n\nThe prize went to Eugene Burger. \
                 Burger was pleased.",
                &["Eugene Burger/person/?", "Burger/person/?"],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(found(text), *want, "{text}");
        }
    }

    #[test]
    fn places_and_things_named_like_people() {
        let cases: &[(&str, &[&str])] = &[
            ("A fire broke out on Victoria Street today.", &[]),
            ("Crowds filled the Lincoln Memorial steps.", &[]),
            ("Crops failed in the Jordan Valley this year.", &[]),
            ("Fans flew to Paris Orly on Monday.", &[]),
            ("I went to the Jeff McBride Experience.", &[]),
            (
                "The Washington Post said so.",
                &["The Washington Post/organization/The Washington Post"],
            ),
            ("Helen Grace sings of grace and mercy.", &[]),
            ("Victoria Park Reopens\n\nThe park is open again.", &[]),
            ("Fans of the Florence Panthers cheered.", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(found(text), *want, "{text}");
        }
    }

    /// given.txt is what build.py writes: one capitalised name a line,
    /// unique, none of them a common word.
    #[test]
    fn the_name_list_is_well_formed() {
        let common = include_str!("../../gazetteers/names/common.txt");
        let common: std::collections::HashSet<&str> =
            common.lines().filter(|l| !l.starts_with('#')).collect();
        let mut seen = std::collections::HashSet::new();
        for line in super::GIVEN.lines().filter(|l| !l.starts_with('#')) {
            assert!(super::starts_upper(line), "{line:?}");
            assert!(!line.contains(char::is_whitespace), "{line:?}");
            assert!(seen.insert(line), "{line} twice");
            assert!(!common.contains(line.to_lowercase().as_str()), "{line}");
        }
        assert!(seen.len() >= 1500, "only {} given names", seen.len());
    }

    #[test]
    fn given_names_in_capitals() {
        assert!(super::is_given("Isabel"));
        assert!(super::is_given("ISABEL"));
        assert!(!super::is_given("Will"));
        assert!(!super::is_given("Said"));
        assert!(!super::is_given("É"));
    }
}
