//! Names that no gazetteer lists, found by the words around them.
//!
//! A capitalised two-to-four word name is a person when a cue vouches for
//! it: a role before it ("Rosoboronexport head Alexander Mikheyev", "the
//! Iranian counterpart Amir Khatami"), a role phrase ending in a comma before
//! a list ("the defense ministers of the two countries, Sergei Shoigu and
//! Mohammad Ashtiani"), a courtesy title ("Dr Jane Okafor"), a role in an
//! apposition after it ("John Smith, an analyst at …"), a reporting verb
//! before a name that closes the clause ("…, said Linda Morales."), or a
//! verb only people do after it ("Harry Kane scored"). Two capitals may
//! stand for given names after a cue ("KP Sharma Oli"), and a hyphenated
//! given name keeps its lower-case half ("Wu Chi-wai"). A capitalised
//! sequence is an organisation when it ends in a company suffix ("Acme
//! Holdings Ltd") or is built around an institution word ("Ministry of
//! Economy of Iran", "Russian Defense Department").
//!
//! Invariant: a cue name never overlaps a gazetteer person or organisation;
//! an organisation may swallow places and demonyms inside it ("… of Iran").

use std::sync::Arc;

use super::load::EntryKind;
use super::names::in_longer_name;
use super::text::{is_all_caps, more_chars_than, starts_upper, Doc};
use super::words::{
    NOT_NAME, ORG_HEADS, ORG_SUFFIXES, PARTICLES, PERSON_VERBS, ROLES,
    ROLE_WORDS, THING_NOUNS, TITLES,
};
use super::{covered, hits_over, keep_and_add, Hit, Target};
use crate::span::Span;

/// Finds cue names and adds them to `hits` (sorted by start on return).
pub(crate) fn find(doc: &Doc<'_>, hits: &mut Vec<Hit>) {
    let mut found: Vec<Hit> = Vec::new();
    for &i in doc.caps() {
        let floor = found.last().map_or(0, |h: &Hit| h.last + 1);
        if i >= floor {
            found.extend(org_at(doc, hits, i, floor));
        }
    }
    merge(hits, found, |_| true);
    let mut people: Vec<Hit> = Vec::new();
    for &i in doc.caps() {
        people_near(doc, hits, i, &mut people);
    }
    people.sort_by_key(|h| h.span.start);
    merge(hits, people, |h| !blocks_name(h));
}

/// Merges `new` cue hits into `hits` (both sorted by start): a new hit
/// takes the place of the hits it overlaps when they all `yield_to` it,
/// and is dropped otherwise. Linear in the number of hits.
fn merge(hits: &mut Vec<Hit>, new: Vec<Hit>, yield_to: impl Fn(&Hit) -> bool) {
    if new.is_empty() {
        return;
    }
    let mut keep = vec![true; hits.len()];
    let mut accepted: Vec<Hit> = Vec::with_capacity(new.len());
    for n in new {
        if accepted.last().is_some_and(|p| p.last >= n.first) {
            continue;
        }
        let a = hits.partition_point(|h| h.last < n.first);
        let b = a + hits[a..].iter().take_while(|h| h.first <= n.last).count();
        if hits[a..b].iter().all(&yield_to) {
            keep[a..b].iter_mut().for_each(|k| *k = false);
            accepted.push(n);
        }
    }
    keep_and_add(hits, &keep, accepted);
}

/// The people of a list that a role phrase introduces at `c`: a listed
/// person and the names after it, or a new name of two or more words.
fn role_list(doc: &Doc<'_>, hits: &[Hit], c: usize, out: &mut Vec<Hit>) {
    // A capitalised role joined to the name is used as a title, and like
    // "Mr" vouches for a surname alone ("President Bush", "Chancellor
    // Kohl"); a role in lower case or before a comma needs a full name.
    // The surname must end the capitalised run: "Pilot Training Program"
    // is no Mr Training.
    let title = c > 0
        && doc.capitalised(c - 1)
        && doc.joined_to_next(c - 1)
        && !doc.possessive(c - 1);
    match known_person_at(hits, c) {
        Some(h) => list_rest(doc, hits, h.last, out),
        None => {
            let surname = || {
                name_at(doc, hits, c, 1)
                    .filter(|&last| last > c || !in_longer_name(doc, last))
            };
            let name = name_at(doc, hits, c, 2)
                .or_else(|| title.then(surname).flatten());
            if let Some(last) = name {
                push_list(doc, hits, c, last, out);
            }
        }
    }
}

/// True when a gazetteer hit keeps a cue name from covering it. A place
/// that is one word of a name vouched for by a role or title yields: in
/// "President Vladimir Putin" the city of Vladimir is a first name.
fn blocks_name(h: &Hit) -> bool {
    !(h.kind == EntryKind::Location && h.first == h.last)
}

/// People vouched for by a cue around the capitalised token `c`: a title
/// or role phrase just before it, a role phrase and a comma before it, or
/// a role in an apposition after the name it starts.
fn people_near(doc: &Doc<'_>, hits: &[Hit], c: usize, out: &mut Vec<Hit>) {
    if c == 0 {
        return bare_name(doc, hits, c, false, out);
    }
    if doc.is(c - 1, &TITLES) {
        if doc.joined_after_title(c - 1) {
            if let Some(last) = name_at(doc, hits, c, 1) {
                push_list(doc, hits, c, last, out);
            }
        }
        return;
    }
    if doc.joined_to_next(c - 1) && ends_role_phrase(doc, c - 1) {
        return role_list(doc, hits, c, out);
    }
    if doc.comma_after(c - 1)
        && doc.gap_after(c - 1).trim() == ","
        && role_before_comma(doc, hits, c - 1)
    {
        return role_list(doc, hits, c, out);
    }
    let inside = doc.joined_to_next(c - 1) && doc.capitalised(c - 1);
    if inside {
        return;
    }
    let said = doc.joined_to_next(c - 1)
        && matches!(doc.word(c - 1), "said" | "says" | "added" | "asked");
    bare_name(doc, hits, c, said, out);
}

/// A name at token `c` with no cue before it (but perhaps a reporting verb,
/// `said`): vouched for by what follows it.
fn bare_name(
    doc: &Doc<'_>,
    hits: &[Hit],
    c: usize,
    said: bool,
    out: &mut Vec<Hit>,
) {
    // A name of two words at least: skip the work where none starts.
    if !(c + 1 < doc.len() && doc.capitalised(c + 1) && joined_in_name(doc, c))
    {
        return;
    }
    match name_at(doc, hits, c, 2) {
        Some(last) if said && ends_clause(doc, last) => {
            out.push(Hit::unknown(doc, c, last, EntryKind::Person));
        }
        Some(last)
            if doc.joined_to_next(last) && doc.is(last + 1, &PERSON_VERBS)
                || aged(doc, last)
                || life_dates(doc, last)
                || of_body(doc, hits, last) =>
        {
            out.push(Hit::unknown(doc, c, last, EntryKind::Person));
        }
        _ => apposition(doc, hits, c, out),
    }
}

/// True when token `k` is a lower-case noun of a person's occupation by
/// its ending, whether or not a list has it: "-ist" and "-ian" make
/// "saxophonist", "anatomist", "keyboardist", "politician", "historian"
/// ("anatomist Gustav Fritsch", "musicians Minnie Riperton and ...").
fn occupation(doc: &Doc<'_>, k: usize) -> bool {
    if doc.capitalised(k) {
        return false;
    }
    let w = doc.word(k);
    let w = w.strip_suffix('s').unwrap_or(w);
    w.len() >= 6
        && w.bytes().all(|b| b.is_ascii_lowercase())
        && (w.ends_with("ist") || w.ends_with("ian"))
}

/// "Eduard Hitzig (February 6, 1839 - August 20, 1907)", "Rudolf
/// Virchow (1821-1902)", "Dahvin Daniels (born August 23, 1993)": dates of
/// a life in brackets after a full name, as biographies and obituaries
/// write them.
fn life_dates(doc: &Doc<'_>, last: usize) -> bool {
    if last + 1 >= doc.len() || doc.gap_after(last).trim() != "(" {
        return false;
    }
    let inside = (last + 1..doc.len().min(last + 5))
        .take_while(|&k| k == last + 1 || !doc.gap_after(k - 1).contains(')'));
    let mut inside = inside.peekable();
    let opens = inside.peek().is_some_and(|&k| {
        matches!(doc.word(k), "born" | "b" | "c" | "né" | "née")
    });
    opens
        || inside.any(|k| {
            let w = doc.word(k);
            w.len() == 4
                && w.bytes().all(|b| b.is_ascii_digit())
                && matches!(w.as_bytes()[0], b'1' | b'2')
        })
}

/// "Thomas Sam, 42, and his wife": an age in commas after the name.
fn aged(doc: &Doc<'_>, last: usize) -> bool {
    last + 1 < doc.len()
        && doc.comma_after(last)
        && doc.gap_after(last) == ", "
        && {
            let w = doc.word(last + 1);
            (1..=3).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
        }
        && doc.gap_after(last + 1).starts_with(',')
}

/// "Claudia Mo of the Civic Party", "Zhang Zhiwei of Pinpoint": a name
/// followed by "of" and a listed organisation.
fn of_body(doc: &Doc<'_>, hits: &[Hit], last: usize) -> bool {
    if last + 2 >= doc.len()
        || !doc.joined_to_next(last)
        || doc.word(last + 1) != "of"
        || !doc.joined_to_next(last + 1)
    {
        return false;
    }
    let mut k = last + 2;
    if doc.word(k) == "the" && doc.joined_to_next(k) {
        k += 1;
    }
    let at = hits.partition_point(|h| h.first < k);
    hits.get(at)
        .is_some_and(|h| h.first == k && h.kind == EntryKind::Organization)
}

/// True when a name ending at token `last` closes its clause: "…, said
/// Linda Morales." or "said Linda Morales, a shopper".
fn ends_clause(doc: &Doc<'_>, last: usize) -> bool {
    !doc.possessive(last)
        && (last + 1 >= doc.len()
            || matches!(doc.gap_after(last).trim(), "," | "." | ";"))
}

/// "John Smith, an analyst at …": a name followed by a role apposition.
fn apposition(doc: &Doc<'_>, hits: &[Hit], c: usize, out: &mut Vec<Hit>) {
    // A name of at most five words, then a comma: skip the work when no
    // comma is near.
    let start = doc.tokens.tokens[c].span.start;
    let near = &doc.text.as_bytes()[start..(start + 80).min(doc.text.len())];
    if !near.contains(&b',') {
        return;
    }
    if let Some(last) = name_at(doc, hits, c, 2) {
        if apposition_role(doc, last) {
            out.push(Hit::unknown(doc, c, last, EntryKind::Person));
        }
    }
}

/// True when token `k` ends a role phrase that holds a role noun or
/// title: "head", "Defence Minister", "Secretary of State".
fn ends_role_phrase(doc: &Doc<'_>, k: usize) -> bool {
    if occupation(doc, k) {
        return true;
    }
    let mut j = k;
    loop {
        if doc.is(j, &ROLES) {
            return true;
        }
        if !is_role_word(doc, j) || j == 0 || !doc.joined_to_next(j - 1) {
            return false;
        }
        j -= 1;
        if matches!(doc.word(j), "of" | "for" | "the") {
            if j == 0 || !doc.joined_to_next(j - 1) {
                return false;
            }
            j -= 1;
            if doc.word(j) == "of" && j > 0 && doc.joined_to_next(j - 1) {
                j -= 1; // "Chief of the Staff"
            }
        }
    }
}

/// "the defense ministers of the two countries," — a role noun followed
/// only by lower-case words up to the comma after token `k`.
fn role_before_comma(doc: &Doc<'_>, hits: &[Hit], k: usize) -> bool {
    let mut j = k;
    for _ in 0..8 {
        if doc.is(j, &ROLES) {
            return true;
        }
        // "the mayor of Mexico City, Clara Brugada": a listed name may sit
        // in the role phrase.
        let named = covered(hits, j, j);
        if (doc.capitalised(j) && !named)
            || j == 0
            || !doc.joined_to_next(j - 1)
        {
            return false;
        }
        j -= 1;
    }
    false
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
    out.push(Hit::unknown(doc, first, last, EntryKind::Person));
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
            out.push(Hit::unknown(doc, next, l, EntryKind::Person));
            last = l;
        } else {
            return;
        }
    }
}

/// "John Smith, an analyst at …", "Jane Doe, 45, chief economist".
fn apposition_role(doc: &Doc<'_>, last: usize) -> bool {
    if !doc.comma_after(last) || doc.gap_after(last).trim() != "," {
        return false;
    }
    let end = (last + 6).min(doc.len());
    for k in last + 1..end {
        if doc.is(k, &ROLES) {
            // "…, Emeritus Professor John Burrows": the role titles the
            // next name instead.
            let titles_next = doc.joined_to_next(k)
                && doc.capitalised(k + 1)
                && !doc.is(k + 1, &NOT_NAME);
            return !titles_next;
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
        if is_name_word(doc, k) || words == 0 && min >= 2 && initials(doc, k) {
            words += 1;
            last = Some(k);
        } else if last == Some(k.wrapping_sub(1)) && hyphen_tail(doc, k) {
            last = Some(k); // "Wu Chi-wai", "Hau Lung-bin"
        } else if words > 0 && is_roman_numeral(w) {
            last = Some(k); // "Mohammed VI", "Charles III"
            words = words.max(2);
            break;
        } else if !(words > 0 && doc.is(k, &PARTICLES)) {
            break;
        }
        if doc.possessive(k) || !joined_in_name(doc, k) {
            break;
        }
        k += 1;
    }
    let last = last?;
    let blocked = hits_over(hits, i, last)
        .iter()
        .any(|h| blocks_name(h) || min < 2);
    (words >= min && !blocked).then_some(last)
}

/// True when token `k` continues into the next one inside a name: a space,
/// a hyphen ("Kosiniak-Kamysz"), or the dot of an initial ("Jonathan M.
/// Stan").
fn joined_in_name(doc: &Doc<'_>, k: usize) -> bool {
    if k + 1 >= doc.len() {
        return false;
    }
    let gap = doc.gap_after(k);
    let initial = doc.word(k).len() == 1 && doc.capitalised(k);
    doc.joined_to_next(k) || gap == "-" || (initial && gap == ". ")
}

/// The lower-case second half of a hyphenated given name ("Chi-wai",
/// "Jong-un"), at token `k`.
fn hyphen_tail(doc: &Doc<'_>, k: usize) -> bool {
    k > 0
        && doc.gap_after(k - 1) == "-"
        && doc.word(k).chars().all(|c| c.is_lowercase())
}

/// Two capitals that stand for given names ("KP Sharma Oli", "JD Vance")
/// before a capitalised word.
fn initials(doc: &Doc<'_>, k: usize) -> bool {
    let w = doc.word(k);
    w.len() == 2
        && w.bytes().all(|b| b.is_ascii_uppercase())
        && doc.joined_to_next(k)
        && is_name_word(doc, k + 1)
}

/// A regnal number: "II", "VI", "XIV".
fn is_roman_numeral(w: &str) -> bool {
    w.len() <= 5 && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// A capitalised word that can be part of a personal name.
fn is_name_word(doc: &Doc<'_>, k: usize) -> bool {
    let w = doc.stem(k);
    starts_upper(w)
        && w.chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
        && !(more_chars_than(w, 1) && is_all_caps(w))
        && doc.classes(k)
            & (NOT_NAME.bit()
                | ROLES.bit()
                | ROLE_WORDS.bit()
                | TITLES.bit()
                | THING_NOUNS.bit()
                | ORG_HEADS.bit())
            == 0
}

fn is_role_word(doc: &Doc<'_>, k: usize) -> bool {
    doc.classes(k) & (ROLES.bit() | ROLE_WORDS.bit() | TITLES.bit()) != 0
}

/// Most capitalised words an organisation's name has before its head or
/// suffix word ("International Atomic Energy Agency" has three).
const MAX_BEFORE_HEAD: usize = 6;

/// An organisation whose head or suffix word is at or after token `i`.
fn org_at(doc: &Doc<'_>, hits: &[Hit], i: usize, floor: usize) -> Option<Hit> {
    if !doc.capitalised(i) {
        return None;
    }
    let managed = fund_manager(doc, i);
    let suffix = doc.is(i, &ORG_SUFFIXES) || managed;
    if !(suffix || doc.is(i, &ORG_HEADS)) {
        return None;
    }
    // The words before the head are few ("Bharatiya Janata Party"); a
    // bound keeps an endless run of capitals from being walked back over
    // at every head word, which was quadratic.
    let floor = floor.max(i.saturating_sub(MAX_BEFORE_HEAD));
    let mut first = i;
    while first > floor
        && doc.joined_to_next(first - 1)
        && org_word(doc, first - 1)
        && (!doc.possessive(first - 1) || !covered(hits, first - 1, first - 1))
    {
        first -= 1;
    }
    while first < i && doc.possessive(first) {
        first += 1; // "Modi's Bharatiya Janata Party"
    }
    let mut last = if suffix { i } else { complement(doc, i) };
    while doc.joined_to_next(last) && is_org_word(doc, last + 1) {
        last += 1; // "Farm Bureau Federation", "Holdings Ltd"
        if !doc.is(last, &ORG_SUFFIXES) {
            last = complement(doc, last); // "Police Service of …"
        }
    }

    if first == i && last == i || managed && first + 1 >= i {
        return None;
    }
    let blocked = hits_over(hits, first, last).iter().any(|h| {
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

/// "Management" after "Asset", "Investment" or "Wealth" ends the name of
/// a fund manager ("Pinpoint Asset Management"); alone it is no suffix.
fn fund_manager(doc: &Doc<'_>, i: usize) -> bool {
    i > 0
        && doc.word(i) == "Management"
        && doc.joined_to_next(i - 1)
        && matches!(
            doc.word(i - 1),
            "Asset" | "Investment" | "Investments" | "Wealth" | "Capital"
        )
}

/// A capitalised institution word or company suffix.
fn is_org_word(doc: &Doc<'_>, k: usize) -> bool {
    doc.capitalised(k)
        && doc.classes(k) & (ORG_HEADS.bit() | ORG_SUFFIXES.bit()) != 0
}

/// A capitalised word that can stand before an institution word.
fn org_word(doc: &Doc<'_>, k: usize) -> bool {
    doc.capitalised(k)
        && !doc.is(k, &NOT_NAME)
        && !(doc.sentence_initial(k) && doc.is(k, &ROLES))
}

/// The end of "… of Economy of Iran", "… for Human Rights" after a head.
fn complement(doc: &Doc<'_>, head: usize) -> usize {
    let mut last = head;
    let mut linked_once = false;
    // "Ministry of Economy of Iran": a few links at most, so a run of
    // "of"s through a long list never makes one name of it.
    for _ in 0..3 {
        let k = last + 1;
        if !doc.joined_to_next(last) || k + 1 >= doc.len() {
            return last;
        }
        let link = doc.word(k);
        let ok = match link {
            "of" | "for" | "on" => true,
            "and" => linked_once, // "Department of Health and Human Services"
            _ => false,
        };
        if !ok || !doc.joined_to_next(k) || !org_word(doc, k + 1) {
            return last;
        }
        let mut m = k + 1;
        while m < k + 4
            && !doc.possessive(m)
            && doc.joined_to_next(m)
            && org_word(doc, m + 1)
        {
            m += 1;
        }
        if link == "and" && (k + 1..=m).any(|x| is_org_word(doc, x)) {
            return last; // "… of Technology and Colorado State University"
        }
        last = m;
        linked_once = true;
    }
    last
}

/// The person hit starting at token `i`, if any.
fn known_person_at(hits: &[Hit], i: usize) -> Option<&Hit> {
    let at = hits.partition_point(|h| h.first < i);
    hits.get(at)
        .filter(|h| h.first == i && h.kind == EntryKind::Person)
}
