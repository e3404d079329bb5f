//! Acronyms that a document defines: "Orbana Holdings (OBH)" makes the
//! bracketed "OBH" and every later "OBH" the same organisation, with the
//! id of the expansion when a list knows it and none otherwise. Listed
//! acronyms ("IAEA") are the gazetteers' business; this pass adds the
//! others.
//!
//! The expansion is a name whether or not anything found it before: when
//! the acronym's letters are the initials of the capitalised words before
//! the bracket ("Amateur Hockey Association of Canada (AHAC)", "Department
//! of Defense (DOD)"), a writer has just told the reader that those words
//! are one name. Such a name is an institution, or a state when a word of
//! it says so ("United Arab Emirates", "Union of Soviet Socialist
//! Republics"); it replaces the smaller names found inside it ("Canada").
//! Without matching initials, only an organisation found by the rules or
//! the tagger right before the bracket defines the acronym.

use super::layout::replace;
use super::learned::{facility, not_entity};
use super::load::EntryKind;
use super::text::{is_all_caps, Doc};
use super::words::NAME_CONNECTORS;
use super::{hit_at, hits_over, Hit};
use std::collections::HashMap;

/// Most letters an acronym has, and most words its expansion spans.
const MAX_LETTERS: usize = 10;
const MAX_WORDS: usize = 16;

/// Prepositions that stand inside the expansions of acronyms beside the
/// connectors of names ("Organization for Security and Co-operation in
/// Europe", "OSCE"); like them they may or may not give the acronym a
/// letter ("Department of Defense", "DOD" or "DD").
const PREPOSITIONS: &[&str] = &["in", "to", "at", "des", "und"];

/// Words that make a defined name a state rather than an institution.
const STATE_WORDS: &[&str] = &[
    "republic",
    "republics",
    "kingdom",
    "states",
    "emirates",
    "islands",
    "territory",
    "territories",
    "commonwealth",
    "principality",
];

/// The bracketed acronym at token `t`: " (OBH)" or " ( OBH )", two to
/// [`MAX_LETTERS`] letters, all capitals.
fn bracketed(doc: &Doc<'_>, t: usize) -> bool {
    // Bytes first: most capitalised words have no bracket before them.
    if t == 0 || t + 1 >= doc.len() {
        return false;
    }
    let toks = &doc.tokens.tokens;
    let bytes = doc.text.as_bytes();
    let before = trimmed(&bytes[toks[t - 1].span.end..toks[t].span.start]);
    let after = trimmed(&bytes[toks[t].span.end..toks[t + 1].span.start]);
    if before != b"(" || after.first() != Some(&b')') {
        return false;
    }
    let w = doc.word(t);
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    (2..=MAX_LETTERS).contains(&letters)
        && w.chars().all(|c| c.is_alphabetic() || c == '&' || c == '-')
        && is_all_caps(w)
}

/// The tokens that an opening bracket stands before: few in a document,
/// so the text is searched for brackets rather than every word tested.
fn after_brackets<'d>(doc: &'d Doc<'_>) -> impl Iterator<Item = usize> + 'd {
    let toks = &doc.tokens.tokens;
    memchr::memchr_iter(b'(', doc.text.as_bytes())
        .map(move |at| toks.partition_point(|tok| tok.span.start <= at))
        .filter(move |&t| t < toks.len())
}

/// `b` without spaces and tabs at either end.
fn trimmed(b: &[u8]) -> &[u8] {
    let spaces = |c: &u8| *c == b' ' || *c == b'\t';
    let from = b.iter().position(|c| !spaces(c)).unwrap_or(b.len());
    let to = b.iter().rposition(|c| !spaces(c)).map_or(from, |i| i + 1);
    &b[from..to.max(from)]
}

fn is_connector(doc: &Doc<'_>, j: usize) -> bool {
    let w = doc.word(j);
    !doc.capitalised(j)
        && (NAME_CONNECTORS.contains(&w) || PREPOSITIONS.contains(&w))
}

/// True when the words of a name may run from token `j` to the next one:
/// spaces or a hyphen, no line break, no punctuation.
fn joined(doc: &Doc<'_>, j: usize) -> bool {
    !doc.possessive(j) && matches!(doc.gap_after(j), " " | "-")
}

/// The first token of the expansion that ends at `end` and whose
/// capitalised words' initials spell `letters` (connectors may give a
/// letter or none), trying the shortest expansion first.
fn expansion(doc: &Doc<'_>, end: usize, letters: &[char]) -> Option<usize> {
    fn spell(
        doc: &Doc<'_>,
        j: usize,
        letters: &[char],
        stop: usize,
    ) -> Option<usize> {
        let (&last, rest) = letters.split_last()?;
        let initial = doc.word(j).chars().next()?.to_uppercase().next()?;
        let connector = is_connector(doc, j);
        if !connector && !doc.capitalised(j) {
            return None;
        }
        let more = j > stop && joined(doc, j - 1);
        if initial == last {
            if rest.is_empty() {
                return (!connector).then_some(j);
            }
            if more {
                if let Some(first) = spell(doc, j - 1, rest, stop) {
                    return Some(first);
                }
            }
        }
        // A connector may give no letter.
        if connector && more {
            return spell(doc, j - 1, letters, stop);
        }
        None
    }
    let stop = end.saturating_sub(MAX_WORDS - 1);
    spell(doc, end, letters, stop)
}

/// The kind of a name that a document defines an acronym for, by the
/// same last words as the tagger's names: none for an event or a work
/// ("Interview of the Month"), a place for a site ("Johnson Space
/// Station") or a state, else an organisation.
fn defined_kind(doc: &Doc<'_>, first: usize, last: usize) -> Option<EntryKind> {
    let head = doc.stem(last);
    if not_entity(head) {
        return None;
    }
    let state = (first..=last).any(|j| {
        STATE_WORDS
            .iter()
            .any(|w| w.eq_ignore_ascii_case(doc.stem(j)))
    });
    Some(if state || facility(head) {
        EntryKind::Location
    } else {
        EntryKind::Organization
    })
}

/// The name that the acronym at token `t` stands for: a hit, or an
/// expansion spelled by its initials.
fn definition(doc: &Doc<'_>, hits: &[Hit], t: usize) -> Option<Hit> {
    let letters: Vec<char> =
        doc.word(t).chars().filter(|c| c.is_alphabetic()).collect();
    let before = hits_over(hits, t - 1, t - 1).first();
    let spelled = expansion(doc, t - 1, &letters).filter(|&first| {
        (first..t).filter(|&j| doc.capitalised(j)).count() >= 2
    });
    match (before, spelled) {
        // A found name that the initials spell, or that holds them.
        (Some(h), Some(first)) if h.first <= first => {
            (h.kind != EntryKind::Person).then(|| h.clone())
        }
        (_, Some(first)) => {
            let kind = defined_kind(doc, first, t - 1)?;
            Some(Hit::unknown(doc, first, t - 1, kind))
        }
        (Some(h), None) if h.last == t - 1 => {
            (h.kind == EntryKind::Organization).then(|| h.clone())
        }
        _ => None,
    }
}

/// Adds the expansions, defining and later mentions of acronyms.
pub(crate) fn find(doc: &Doc<'_>, hits: &mut Vec<Hit>) {
    let mut defined: HashMap<&str, (usize, Hit)> = HashMap::new();
    let mut expansions: Vec<Hit> = Vec::new();
    for t in after_brackets(doc) {
        if !doc.capitalised(t)
            || !bracketed(doc, t)
            || hit_at(hits, t).is_some()
        {
            continue;
        }
        let Some(def) = definition(doc, hits, t) else {
            continue;
        };
        let found = hits_over(hits, def.first, def.last);
        let known =
            matches!(found, [h] if h.first == def.first && h.last == def.last);
        if !known {
            expansions.push(def.clone());
        }
        defined.entry(doc.word(t)).or_insert((t, def));
    }
    if defined.is_empty() {
        return;
    }
    if !expansions.is_empty() {
        replace(hits, expansions);
    }
    let mut new: Vec<Hit> = Vec::new();
    for &t in doc.caps() {
        let Some((from, def)) = defined.get(doc.word(t)) else {
            continue;
        };
        if t < *from || hit_at(hits, t).is_some() {
            continue;
        }
        new.push(Hit {
            span: doc.stem_span(t),
            first: t,
            last: t,
            kind: def.kind,
            target: def.target.clone(),
            weak: false,
        });
    }
    if !new.is_empty() {
        replace(hits, new);
    }
}

#[cfg(test)]
mod tests {
    use crate::gazetteer::{fixture, found, Gazetteer};

    /// A gazetteer of the one entry `line`.
    fn listing(line: &str) -> Gazetteer {
        fixture(&format!("id\ttype\tname\taliases\tsource\tnotes\n{line}\n"))
    }

    #[test]
    fn a_defined_acronym_names_its_expansion() {
        let g = listing("o:1\torganization\tKalvex Mining\t\tt\t");
        assert_eq!(
            found(
                &g,
                "OBH fell. Kalvex Mining (KXM) and Orbana Holdings Ltd (OBH) \
                 merged. KXM and OBH said so."
            ),
            [
                // A name is the same name before the document defines it.
                "OBH/organization/?",
                "Kalvex Mining/organization/Kalvex Mining",
                "KXM/organization/Kalvex Mining",
                "Orbana Holdings Ltd/organization/?",
                "OBH/organization/?",
                "KXM/organization/Kalvex Mining",
                "OBH/organization/?",
            ]
        );
    }

    #[test]
    fn initials_make_the_words_before_the_bracket_one_name() {
        let g = listing("Q16\tlocation\tCanada\t\tt\tkind=country;iso2=CA");
        assert_eq!(
            found(
                &g,
                "Teams met at the Amateur Hockey Association of Canada ( AHAC \
                 ) in 1887. The AHAC grew. The Department of Defense (DOD) \
                 and the Federal Republic of Zembla (FRZ) agreed."
            ),
            [
                "Amateur Hockey Association of Canada/organization/?",
                "AHAC/organization/?",
                "AHAC/organization/?",
                "Department of Defense/organization/?",
                "DOD/organization/?",
                "Federal Republic of Zembla/location/?",
                "FRZ/location/?",
            ]
        );
    }

    #[test]
    fn places_and_people_define_acronyms_only_by_their_initials() {
        let g = listing("Q90\tlocation\tParis\t\tt\tkind=city;country=FR");
        let got = found(
            &g,
            "They flew from Paris (CDG) with Anna Kowalski (AKO) today. \
             Later CDG and AKO were closed.",
        );
        assert!(
            !got.iter()
                .any(|m| m.starts_with("CDG") || m.starts_with("AKO")),
            "{got:?}"
        );
    }
}
