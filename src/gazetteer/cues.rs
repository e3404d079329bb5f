//! Names that no gazetteer lists, found by the words around them.
//!
//! A capitalised two-to-four word name is a person when a cue vouches for
//! it: a role before it ("Rosoboronexport head Alexander Mikheyev", "the
//! Iranian counterpart Amir Khatami"), a role phrase ending in a comma before
//! a list ("the defense ministers of the two countries, Sergei Shoigu and
//! Mohammad Ashtiani"), a courtesy title ("Dr Jane Okafor"), or a role in an
//! apposition after it ("John Smith, an analyst at …"). A capitalised
//! sequence is an organisation when it ends in a company suffix ("Acme
//! Holdings Ltd") or is built around an institution word ("Ministry of
//! Economy of Iran", "Russian Defense Department").
//!
//! Invariant: a cue name never overlaps a gazetteer person or organisation;
//! an organisation may swallow places and demonyms inside it ("… of Iran").

use std::sync::Arc;

use super::load::EntryKind;
use super::resolve::NOT_NAME;
use super::text::{is_all_caps, starts_upper, Doc, Words};
use super::{Hit, Target};
use crate::span::Span;

/// Nouns for a person's role or job, singular and plural.
pub(crate) static ROLES: Words = Words::new(&[
    "president",
    "presidents",
    "minister",
    "ministers",
    "counterpart",
    "counterparts",
    "head",
    "heads",
    "chief",
    "chiefs",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "analyst",
    "analysts",
    "economist",
    "economists",
    "strategist",
    "director",
    "directors",
    "chairman",
    "chairwoman",
    "chair",
    "ceo",
    "cfo",
    "executive",
    "executives",
    "founder",
    "secretary",
    "ambassador",
    "envoy",
    "general",
    "commander",
    "governor",
    "mayor",
    "senator",
    "sen",
    "rep",
    "representative",
    "lawmaker",
    "lawmakers",
    "legislator",
    "official",
    "officials",
    "prosecutor",
    "attorney",
    "judge",
    "justice",
    "coach",
    "captain",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "manager",
    "professor",
    "prof",
    "researcher",
    "scientist",
    "lawyer",
    "adviser",
    "advisor",
    "aide",
    "leader",
    "leaders",
    "premier",
    "chancellor",
    "king",
    "queen",
    "prince",
    "princess",
    "colonel",
    "col",
    "lieutenant",
    "lt",
    "sergeant",
    "admiral",
    "adm",
    "gen",
    "capt",
    "reporter",
    "correspondent",
    "editor",
    "columnist",
    "author",
    "activist",
    "candidate",
    "speaker",
    "inspector",
    "detective",
    "officer",
    "commissioner",
    "superintendent",
    "dean",
    "fellow",
    "partner",
    "founder",
    "owner",
    "principal",
    "mp",
    "deputy",
    "vice",
    "emir",
    "sheikh",
    "ayatollah",
    "cardinal",
    "bishop",
    "pope",
    "player",
    "forward",
    "winger",
    "champion",
    "sprinter",
    "boss",
    "treasurer",
    "negotiator",
    "mediator",
    "diplomat",
    "diplomats",
    "governors",
    "mayors",
    "councillor",
    "councilor",
    "trustee",
    "chef",
    "curator",
    "physician",
    "surgeon",
    "nurse",
    "engineer",
    "pilot",
]);

/// Courtesy titles that mark a person even before a single surname.
static TITLES: Words =
    Words::new(&["mr", "mrs", "ms", "dr", "prof", "sir", "dame", "madam"]);

/// Capitalised words that qualify a role but are not names ("Foreign
/// Minister", "Prime Minister", "Deputy Director").
static ROLE_WORDS: Words = Words::new(&[
    "foreign",
    "defence",
    "defense",
    "prime",
    "former",
    "senior",
    "acting",
    "interior",
    "finance",
    "economy",
    "trade",
    "energy",
    "health",
    "chief",
    "state",
    "new",
    "first",
    "supreme",
    "national",
    "federal",
    "executive",
    "managing",
    "general",
    "secretary",
    "deputy",
    "vice",
    "assistant",
    "associate",
    "crown",
    "late",
    "then",
    "incoming",
    "outgoing",
    "head",
]);

/// Last words of company names.
static ORG_SUFFIXES: Words = Words::new(&[
    "ltd",
    "limited",
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "llc",
    "llp",
    "plc",
    "gmbh",
    "ag",
    "nv",
    "holdings",
    "group",
    "co",
]);

/// Words that head the names of institutions.
static ORG_HEADS: Words = Words::new(&[
    "ministry",
    "department",
    "agency",
    "commission",
    "council",
    "committee",
    "authority",
    "bank",
    "university",
    "institute",
    "party",
    "association",
    "company",
    "fund",
    "foundation",
    "organization",
    "organisation",
    "service",
    "forces",
    "guard",
    "court",
    "parliament",
    "army",
    "navy",
    "corps",
    "bureau",
    "board",
    "directorate",
    "club",
    "airlines",
    "airways",
    "industries",
    "technologies",
    "exchange",
    "academy",
    "college",
    "alliance",
    "coalition",
    "movement",
    "front",
    "brigade",
    "brigades",
    "police",
    "assembly",
    "senate",
    "tribunal",
]);

/// Lower-case particles inside personal names.
static PARTICLES: Words = Words::new(&[
    "bin", "ibn", "al", "el", "de", "da", "del", "della", "der", "di", "du",
    "la", "le", "van", "von", "dos", "das", "ter",
]);

/// Finds cue names and adds them to `hits` (sorted by start on return).
pub(crate) fn find(doc: &Doc<'_>, hits: &mut Vec<Hit>) {
    let mut found: Vec<Hit> = Vec::new();
    let mut i = 0;
    while i < doc.len() {
        let floor = found.last().map_or(0, |h: &Hit| h.last + 1);
        i = match org_at(doc, hits, i, floor) {
            Some(hit) => {
                let next = hit.last + 1;
                found.push(hit);
                next
            }
            None => i + 1,
        };
    }
    merge_orgs(hits, found);
    let mut people: Vec<Hit> = Vec::new();
    for i in 0..doc.len() {
        people_at(doc, hits, i, &mut people);
    }
    people.sort_by_key(|h| h.span.start);
    people.dedup_by_key(|h| h.span.start);
    for p in people {
        if !overlaps_any(hits, p.first, p.last) {
            let at = hits.partition_point(|h| h.span.start < p.span.start);
            hits.insert(at, p);
        }
    }
}

/// Adds cue organisations, dropping the places and demonyms they contain.
fn merge_orgs(hits: &mut Vec<Hit>, orgs: Vec<Hit>) {
    if orgs.is_empty() {
        return;
    }
    hits.retain(|h| {
        !orgs.iter().any(|o| o.first <= h.last && h.first <= o.last)
    });
    hits.extend(orgs);
    hits.sort_by_key(|h| h.span.start);
}

/// People vouched for by a cue at token `i`.
fn people_at(doc: &Doc<'_>, hits: &[Hit], i: usize, out: &mut Vec<Hit>) {
    let w = doc.word(i);
    if !w.starts_with(|c: char| c.is_alphabetic()) {
        return;
    }
    let title = TITLES.contains(w.trim_end_matches('.'));
    if title && doc.joined_after_title(i) {
        if let Some(last) = name_at(doc, hits, i + 1, 1) {
            push_list(doc, hits, i + 1, last, out);
        }
        return;
    }
    if ROLES.contains(w) {
        role_at(doc, hits, i, out);
    } else if let Some(last) = name_at(doc, hits, i, 2) {
        if apposition_role(doc, last) {
            out.push(person(doc, i, last));
        }
    }
}

/// A role at `i`: the name right after it ("head Alexander Mikheyev"), or
/// a list after a comma that closes the role phrase ("the ministers of the
/// two countries, A B and C D").
fn role_at(doc: &Doc<'_>, hits: &[Hit], i: usize, out: &mut Vec<Hit>) {
    let mut j = i;
    while doc.joined_to_next(j) && is_role_word(doc.word(j + 1)) {
        j += 1;
    }
    if doc.joined_to_next(j) {
        if let Some(h) = known_person_at(hits, j + 1) {
            list_rest(doc, hits, h.last, out);
            return;
        }
        if let Some(last) = name_at(doc, hits, j + 1, 2) {
            push_list(doc, hits, j + 1, last, out);
            return;
        }
    }
    let stop = (j + 8).min(doc.len().saturating_sub(1));
    for k in j..stop {
        let gap = doc.gap_after(k);
        if gap.contains(',') && gap.trim() == "," {
            if let Some(h) = known_person_at(hits, k + 1) {
                list_rest(doc, hits, h.last, out);
            } else if let Some(last) = name_at(doc, hits, k + 1, 2) {
                push_list(doc, hits, k + 1, last, out);
            }
            return;
        }
        if !gap.trim().is_empty() || doc.capitalised(k + 1) {
            return;
        }
    }
}

/// The name `first..=last` and any names coordinated after it ("A B and C
/// D", "A B, C D and E F").
fn push_list(
    doc: &Doc<'_>,
    hits: &[Hit],
    first: usize,
    last: usize,
    out: &mut Vec<Hit>,
) {
    out.push(person(doc, first, last));
    list_rest(doc, hits, last, out);
}

/// Names coordinated after the one ending at `last`; a gazetteer person in
/// the list keeps it going ("Sergei Shoigu and Mohammad Ashtiani").
fn list_rest(doc: &Doc<'_>, hits: &[Hit], last: usize, out: &mut Vec<Hit>) {
    let mut last = last;
    while last + 2 < doc.len() {
        let gap = doc.gap_after(last);
        let next = if gap.trim() == "," {
            last + 1
        } else if doc.joined_to_next(last)
            && doc.word(last + 1) == "and"
            && doc.joined_to_next(last + 1)
        {
            last + 2
        } else {
            return;
        };
        if let Some(h) = known_person_at(hits, next) {
            last = h.last;
        } else if let Some(l) = name_at(doc, hits, next, 2) {
            out.push(person(doc, next, l));
            last = l;
        } else {
            return;
        }
    }
}

/// "John Smith, an analyst at …", "Jane Doe, 45, chief economist".
fn apposition_role(doc: &Doc<'_>, last: usize) -> bool {
    if doc.gap_after(last).trim() != "," {
        return false;
    }
    let end = (last + 6).min(doc.len());
    for k in last + 1..end {
        let w = doc.word(k);
        if ROLES.contains(w) {
            return true;
        }
        let gap = doc.gap_after(k - 1).trim();
        if k > last + 1 && !gap.is_empty() && gap != "," {
            return false;
        }
    }
    false
}

/// The last token of a personal name starting at `i` with at least `min`
/// capitalised words, or `None`.
fn name_at(doc: &Doc<'_>, hits: &[Hit], i: usize, min: usize) -> Option<usize> {
    let mut words = 0;
    let mut last = None;
    let mut k = i;
    while k < doc.len() && k < i + 5 {
        let w = doc.stem(k);
        if is_name_word(w) {
            words += 1;
            last = Some(k);
        } else if !(words > 0 && PARTICLES.contains(w)) {
            break;
        }
        if doc.stem(k).len() < doc.word(k).len() || !joined_in_name(doc, k) {
            break;
        }
        k += 1;
    }
    let last = last?;
    if words < min || overlaps_any(hits, i, last) {
        return None;
    }
    Some(last)
}

fn joined_in_name(doc: &Doc<'_>, k: usize) -> bool {
    doc.joined_to_next(k) || (k + 1 < doc.len() && doc.gap_after(k) == "-")
}

/// A capitalised word that can be part of a personal name.
fn is_name_word(w: &str) -> bool {
    starts_upper(w)
        && w.chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
        && !(w.chars().count() > 1 && is_all_caps(w))
        && !NOT_NAME.contains(w)
        && !is_role_word(w)
}

fn is_role_word(w: &str) -> bool {
    ROLES.contains(w) || ROLE_WORDS.contains(w) || TITLES.contains(w)
}

fn person(doc: &Doc<'_>, first: usize, last: usize) -> Hit {
    let span =
        Span::new(doc.tokens.tokens[first].span.start, doc.stem_span(last).end);
    Hit {
        span,
        first,
        last,
        kind: EntryKind::Person,
        target: Target::Unknown(Arc::from(span.slice(doc.text))),
        weak: false,
    }
}

/// An organisation whose head or suffix word is at or after token `i`.
fn org_at(doc: &Doc<'_>, hits: &[Hit], i: usize, floor: usize) -> Option<Hit> {
    let w = doc.word(i);
    let suffix = ORG_SUFFIXES.contains(w);
    if !(doc.capitalised(i) && (suffix || ORG_HEADS.contains(w))) {
        return None;
    }
    let mut first = i;
    while first > floor
        && doc.joined_to_next(first - 1)
        && org_word(doc, first - 1)
    {
        first -= 1;
    }
    let mut last = if suffix { i } else { complement(doc, i) };
    while doc.joined_to_next(last) && ORG_SUFFIXES.contains(doc.word(last + 1))
    {
        last += 1;
    }
    if first == i && last == i {
        return None;
    }
    let blocked = hits.iter().any(|h| {
        h.first <= last
            && first <= h.last
            && (matches!(h.kind, EntryKind::Person | EntryKind::Organization)
                || (h.first <= i && i <= h.last))
    });
    if blocked {
        return None;
    }
    let span =
        Span::new(doc.tokens.tokens[first].span.start, doc.stem_span(last).end);
    Some(Hit {
        span,
        first,
        last,
        kind: EntryKind::Organization,
        target: Target::Unknown(Arc::from(span.slice(doc.text))),
        weak: false,
    })
}

/// A capitalised word that can stand before an institution word.
fn org_word(doc: &Doc<'_>, k: usize) -> bool {
    let w = doc.word(k);
    doc.capitalised(k)
        && !NOT_NAME.contains(w)
        && doc.stem(k).len() == w.len()
        && !(doc.sentence_initial(k) && ROLES.contains(w))
}

/// The end of "… of Economy of Iran", "… for Human Rights" after a head.
fn complement(doc: &Doc<'_>, head: usize) -> usize {
    let mut last = head;
    loop {
        let k = last + 1;
        let linked = doc.joined_to_next(last)
            && k + 1 < doc.len()
            && matches!(doc.word(k), "of" | "for" | "and" | "on")
            && doc.joined_to_next(k);
        if !linked || !doc.capitalised(k + 1) {
            return last;
        }
        let mut m = k + 1;
        while doc.stem(m).len() == doc.word(m).len()
            && doc.joined_to_next(m)
            && doc.capitalised(m + 1)
            && !NOT_NAME.contains(doc.word(m + 1))
        {
            m += 1;
        }
        last = m;
    }
}

/// The person hit starting at token `i`, if any.
fn known_person_at(hits: &[Hit], i: usize) -> Option<&Hit> {
    let at = hits.partition_point(|h| h.first < i);
    hits.get(at)
        .filter(|h| h.first == i && h.kind == EntryKind::Person)
}

/// True when some hit covers a token of `first..=last`.
fn overlaps_any(hits: &[Hit], first: usize, last: usize) -> bool {
    let at = hits.partition_point(|h| h.last < first);
    hits.get(at).is_some_and(|h| h.first <= last)
}
