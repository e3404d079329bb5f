//! Names that a document repeats: a name found once, by a list, a cue or
//! the tagger, is the same name where the document writes it again.
//!
//! A writer keeps to one sense of a name within one article, so the
//! evidence that made one mention a name (a cue, a title, the tagger's
//! context) holds for its other mentions, which may have none: "Stan" at
//! the start of a sentence, "Zandvoort" before a common noun. A repeat
//! gets the same kind and target, list id included. It must be written
//! exactly the same, stand on its own (not inside a longer capitalised
//! name: "Warhol" in "Andy Warhol Foundation"), and lie outside every
//! other name. A name that the document gives two kinds or targets is
//! ambiguous there and is not repeated. In the capitals of a wire
//! headline or dateline ("SOCCER - JAPAN GET LUCKY WIN") a name the
//! document writes in lower case elsewhere is repeated in capitals.
//!
//! Invariant: `hits` stays sorted by start and non-overlapping.

use super::filter::WordFilter;
use super::load::EntryKind;
use super::names::in_longer_run;
use super::text::{is_all_caps, Doc};
use super::words::{NAME_CONNECTORS, NOT_NAME};
use super::{covered, Hit, HitCursor};
use crate::hash::KeyHasher;
use std::borrow::Cow;
use std::hash::Hasher;

/// Most names repeated per first word: a bound on the work per token.
const MAX_PER_WORD: usize = 16;

/// A name the document found, to copy to its repeats.
struct Named<'a> {
    /// A hash of its first word (without a possessive), to find it by.
    word: u64,
    /// The name as written (or in capitals), and its hash.
    text: Cow<'a, str>,
    text_hash: u64,
    /// Tokens it spans.
    len: usize,
    /// The hit to copy; `None` once the document gives the text two
    /// readings.
    hit: Option<usize>,
}

/// Adds the repeats of the names in `hits`.
pub(crate) fn find(doc: &Doc<'_>, hits: &mut Vec<Hit>) {
    let named = collect(doc, hits);
    if named.is_empty() {
        return;
    }
    let shouted = in_capitals(doc, hits, &named);
    // Most capitalised words begin no name: a filter on a word's first
    // byte and length passes them over without hashing it.
    let mut filter = WordFilter::default();
    for h in hits.iter() {
        filter.add(doc.stem(h.first).as_bytes());
    }
    let mut added: Vec<Hit> = Vec::new();
    let mut free_from = 0;
    // A word inside a name starts no repeat (a repeat lies outside every
    // name), and most words the filter lets through are the names' own
    // first words.
    let mut inside = HitCursor::new(hits);
    for &t in doc.caps() {
        if t < free_from || inside.at(t).is_some() {
            continue;
        }
        let capitals = !shouted.is_empty() && is_all_caps(doc.stem(t));
        if !capitals && !filter.may_hold(doc.stem(t).as_bytes()) {
            continue;
        }
        let key = hash(doc.stem(t));
        let plain = |t: usize, last: usize| {
            !inside_longer(doc, t, last) && !common(doc, t, last)
        };
        let mut repeat = lookup(doc, hits, &named, key, t, plain);
        if repeat.is_none() && capitals {
            let shouting = |t: usize, last: usize| doc.shouting_near(t, last);
            repeat = lookup(doc, hits, &shouted, key, t, shouting);
        }
        if let Some(h) = repeat {
            free_from = h.last + 1;
            added.push(h);
        }
    }
    if !added.is_empty() {
        hits.extend(added);
        hits.sort_by_key(|h| h.span.start);
    }
}

/// The copy of a name of `named` whose first word hashes to `key` that the
/// words from token `t` repeat, where `fits` accepts them.
fn lookup(
    doc: &Doc<'_>,
    hits: &[Hit],
    named: &[Named<'_>],
    key: u64,
    t: usize,
    fits: impl Fn(usize, usize) -> bool,
) -> Option<Hit> {
    let from = named.partition_point(|n| n.word < key);
    named[from..]
        .iter()
        .take_while(|n| n.word == key)
        .find_map(|n| {
            let last = t + n.len - 1;
            let hit = &hits[n.hit?];
            (last < doc.len()
                && written(doc, t, last) == n.text
                && !covered(hits, t, last)
                && fits(t, last))
            .then(|| copy(doc, hit, t, last))
        })
}

/// A hash of a text, by the crate's hasher.
fn hash(s: &str) -> u64 {
    let mut h = KeyHasher::default();
    h.write(s.as_bytes());
    h.finish()
}

/// True when the words `first..=last` are part of a longer name: joined
/// by spaces to another capitalised word, or by a hyphen or a connector
/// ("Sea-Air-Space Museum", "Aviation & Space Museum", "Bank of England").
/// It widens [`in_longer_run`] here rather than there: the surname passes
/// use that one, and their hits are features of the tagger's model.
fn inside_longer(doc: &Doc<'_>, first: usize, last: usize) -> bool {
    if in_longer_run(doc, first, last) {
        return true;
    }
    let linked = |a: usize, b: usize| {
        doc.capitalised(a) && doc.capitalised(b) && {
            let gap = doc.gap_after(a);
            (b == a + 1 && matches!(gap, "-" | "&" | " & "))
                || (b == a + 2 && NAME_CONNECTORS.contains(&doc.word(a + 1)))
        }
    };
    let hyphen_before = first > 0 && linked(first - 1, first);
    let link_before = first > 1
        && NAME_CONNECTORS.contains(&doc.word(first - 1))
        && linked(first - 2, first)
        && !doc.sentence_initial(first - 2);
    let hyphen_after = last + 1 < doc.len() && linked(last, last + 1);
    let link_after = last + 2 < doc.len()
        && NAME_CONNECTORS.contains(&doc.word(last + 1))
        && linked(last, last + 2);
    hyphen_before || link_before || hyphen_after || link_after
}

/// True when the words `first..=last` say nothing of a name where they
/// stand: one word that is also a month, a day or a function word ("In
/// May" after "Mrs May"), or capitals among capitals, where every word is
/// written like an acronym ("WHO" in "WHO IS TO BLAME").
fn common(doc: &Doc<'_>, first: usize, last: usize) -> bool {
    (first == last && doc.is(first, &NOT_NAME))
        || (is_all_caps(doc.word(first)) && doc.shouting_near(first, last))
}

/// The text of tokens `first..=last`, without a final possessive.
fn written<'a>(doc: &Doc<'a>, first: usize, last: usize) -> &'a str {
    let start = doc.tokens.tokens[first].span.start;
    &doc.text[start..doc.stem_span(last).end]
}

/// The names of `hits`, one per text, sorted by first word and longest
/// first, at most [`MAX_PER_WORD`] per first word.
fn collect<'a>(doc: &Doc<'a>, hits: &[Hit]) -> Vec<Named<'a>> {
    let mut all: Vec<Named<'a>> = hits
        .iter()
        .enumerate()
        .filter(|(_, h)| {
            !h.weak && h.kind != EntryKind::Demonym && doc.capitalised(h.first)
        })
        .map(|(i, h)| {
            let text = written(doc, h.first, h.last);
            Named {
                word: hash(doc.stem(h.first)),
                text: Cow::Borrowed(text),
                text_hash: hash(text),
                len: h.last - h.first + 1,
                hit: Some(i),
            }
        })
        .collect();
    // Stable: the first mention of a text comes first among its equals.
    all.sort_by_key(|n| (n.word, std::cmp::Reverse(n.len), n.text_hash));
    let mut named: Vec<Named<'a>> = Vec::with_capacity(all.len());
    let mut per_word = 0;
    for n in all {
        match named.last_mut() {
            Some(last)
                if last.text_hash == n.text_hash && last.text == n.text =>
            {
                let same = match (last.hit, n.hit) {
                    (Some(a), Some(b)) => {
                        hits[a].kind == hits[b].kind
                            && hits[a].target == hits[b].target
                    }
                    _ => false,
                };
                if !same {
                    last.hit = None;
                }
                continue;
            }
            Some(last) if last.word == n.word => per_word += 1,
            _ => per_word = 0,
        }
        if per_word < MAX_PER_WORD {
            named.push(n);
        }
    }
    named
}

/// The names of `named` that have lower-case letters, in capitals, sorted
/// as [`collect`] sorts them. Only documents that write capitals over
/// several words (a wire headline, a dateline) need them.
fn in_capitals<'a>(
    doc: &Doc<'_>,
    hits: &[Hit],
    named: &[Named<'a>],
) -> Vec<Named<'a>> {
    let shouts = doc.caps().windows(2).any(|w| {
        w[1] == w[0] + 1
            && is_all_caps(doc.word(w[0]))
            && is_all_caps(doc.word(w[1]))
    });
    if !shouts {
        return Vec::new();
    }
    let mut out: Vec<Named<'a>> = named
        .iter()
        .filter(|n| n.text.chars().any(char::is_lowercase))
        .filter_map(|n| {
            let h = &hits[n.hit?];
            let text = n.text.to_uppercase();
            Some(Named {
                word: hash(&doc.stem(h.first).to_uppercase()),
                text_hash: hash(&text),
                text: Cow::Owned(text),
                len: n.len,
                hit: n.hit,
            })
        })
        .collect();
    out.sort_by_key(|n| (n.word, std::cmp::Reverse(n.len), n.text_hash));
    out
}

/// Hit `h` copied to tokens `first..=last`.
fn copy(doc: &Doc<'_>, h: &Hit, first: usize, last: usize) -> Hit {
    let start = doc.tokens.tokens[first].span.start;
    Hit {
        span: crate::span::Span::new(start, doc.stem_span(last).end),
        first,
        last,
        kind: h.kind,
        target: h.target.clone(),
        weak: false,
    }
}

#[cfg(test)]
mod tests {
    use crate::gazetteer::{fixture, found, Gazetteer};

    fn zembla() -> Gazetteer {
        fixture(
            "id\ttype\tname\taliases\tsource\tnotes\n\
             Q1\tlocation\tZembla\t\tt\tkind=country;iso2=ZB\n",
        )
    }

    #[test]
    fn a_name_found_once_is_the_same_name_where_it_is_repeated() {
        let g = zembla();
        let got = found(
            &g,
            "Talks were held in the town of Varnek, Zembla. Varnek \
             officials agreed. The Varnek Harbour Board did not.",
        );
        assert_eq!(
            got.iter().filter(|m| m.starts_with("Varnek/")).count(),
            2,
            "{got:?}"
        );
    }

    #[test]
    fn a_name_is_repeated_in_the_capitals_of_a_wire_headline() {
        let g = zembla();
        let got = found(
            &g,
            "RUGBY - VARNEK BEAT ZEMBLA IN OPENER .\n\nThe town of Varnek \
             hosted Zembla on Friday .",
        );
        assert_eq!(
            got.iter()
                .filter(|m| m.starts_with("VARNEK/location"))
                .count(),
            1,
            "{got:?}"
        );
        // Capitals alone are no name.
        let got = found(&g, "WE WILL WIN , SAID THE TOWN OF VARNEK .");
        assert!(!got.iter().any(|m| m.starts_with("WE")), "{got:?}");
    }
}
