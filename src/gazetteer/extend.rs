//! Longer names built around what the gazetteer knows, and places that no
//! file lists but the words around them vouch for.
//!
//! - A listed company or place followed by company words is a longer
//!   company: "Siemens Energy", "Texas Instruments Holdings" (the listed
//!   name alone would link the text to the wrong body). An unlisted acronym
//!   followed by company words is one too ("CFM International").
//! - "X & Y" names a company when a company noun stands near it ("engine
//!   maker Pratt & Whitney", "Marks & Spencer, the retailer").
//! - An unlisted capitalised name is a place when a place noun introduces
//!   it ("the Swiss resort of Zermatt", "the town of Sion") or when a listed
//!   country or region follows it after a comma ("Sion, Switzerland").
//!
//! Names found here have no id. Invariant: `hits` stays sorted by start
//! and non-overlapping; a new name only replaces the gazetteer hit it
//! extends, and otherwise covers no hit.

use super::load::{Entry, EntryKind};
use super::text::{is_all_caps, Doc};
use super::words::{
    COMPANY_NOUNS, NOT_NAME, ORG_HEADS, ORG_SUFFIXES, ORG_TAILS, PLACE_NOUNS,
    ROLES, ROLE_WORDS, THING_NOUNS, TITLES,
};
use super::{covered, Hit, Target};

/// Extends company names and adds cue places to `hits`.
pub(crate) fn find(doc: &Doc<'_>, entries: &[Entry], hits: &mut Vec<Hit>) {
    for h in hits.iter_mut() {
        if let Some(longer) = extended(doc, entries, h) {
            *h = longer;
        }
    }
    let spelled = |h: &Hit| other_expansion(doc, hits, h);
    let drop: Vec<bool> = hits.iter().map(spelled).collect();
    let mut k = 0;
    hits.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
    let mut found = Vec::new();
    for &i in doc.caps() {
        if found.last().is_some_and(|h: &Hit| h.last >= i) {
            continue;
        }
        let hit = acronym_company(doc, hits, i)
            .or_else(|| ampersand_company(doc, hits, i))
            .or_else(|| appositive_company(doc, hits, i))
            .or_else(|| cued_place(doc, entries, hits, i));
        found.extend(hit);
    }
    if !found.is_empty() {
        hits.extend(found);
        hits.sort_by_key(|h| h.span.start);
    }
}

/// "CEI (Italian Episcopal Conference)": a listed acronym followed by a
/// spelled-out name in brackets that is not the listed one stands for
/// something else.
fn other_expansion(doc: &Doc<'_>, hits: &[Hit], h: &Hit) -> bool {
    let Target::Entry(e) = h.target else {
        return false;
    };
    let w = h.span.slice(doc.text);
    if h.first != h.last || w.len() < 2 || !is_all_caps(w) {
        return false;
    }
    if !doc.gap_after(h.last).ends_with('(') {
        return false;
    }
    let mut k = h.last + 1;
    while k < doc.len() && doc.capitalised(k) && doc.joined_to_next(k) {
        k += 1;
    }
    let closed = k < doc.len()
        && doc.capitalised(k)
        && doc.gap_after(k).starts_with(')');
    let inside = h.last + 1..=k;
    let same = hits.iter().any(|o| {
        inside.contains(&o.first)
            && matches!(o.target, Target::Entry(x) if x == e)
    });
    closed && k > h.last + 1 && !same
}

/// "Siemens Energy", "Qatar Power Holdings": a listed organisation or
/// place (not a city, which names clubs and airports) followed by company
/// words.
fn extended(doc: &Doc<'_>, entries: &[Entry], h: &Hit) -> Option<Hit> {
    let Target::Entry(e) = h.target else {
        return None;
    };
    let entry = &entries[e as usize];
    if entry.kind == EntryKind::Person {
        return named_after(doc, h);
    }
    let place = entry.kind == EntryKind::Location && !entry.city;
    if !(entry.kind == EntryKind::Organization || place) {
        return None;
    }
    if doc.possessive(h.last) {
        return None; // "Siemens' Energy unit"
    }
    let last = company_tail(doc, h.last, !place)?;
    Some(unknown_org(doc, h.first, last))
}

/// Institutions named after a person ("Andy Warhol Foundation", "John
/// Hopkins University"): the person's name followed by one of these words
/// is the institution, not the person.
const NAMED_AFTER: &[&str] = &[
    "foundation",
    "institute",
    "university",
    "college",
    "hospital",
    "trust",
    "society",
    "academy",
    "museum",
    "library",
    "school",
    "centre",
    "center",
];

/// The institution a listed person's name starts, when a capitalised
/// institution word follows the name directly.
fn named_after(doc: &Doc<'_>, h: &Hit) -> Option<Hit> {
    let next = h.last + 1;
    let institution = !doc.possessive(h.last)
        && doc.joined_to_next(h.last)
        && doc.capitalised(next)
        && NAMED_AFTER
            .iter()
            .any(|w| doc.stem(next).eq_ignore_ascii_case(w));
    institution.then(|| unknown_org(doc, h.first, next))
}

/// The last token of a run of capitalised company words after token `k`
/// ("Energy", "Aero Engines", "Holdings Ltd"), or `None` when there is
/// none or the run names an event or a thing ("Energy Week").
fn company_tail(doc: &Doc<'_>, k: usize, international: bool) -> Option<usize> {
    let mut last = k;
    while doc.joined_to_next(last) && is_tail(doc, last + 1, international) {
        last += 1;
        if doc.possessive(last) {
            break;
        }
    }
    let thing = doc.joined_to_next(last)
        && doc.capitalised(last + 1)
        && doc.is(last + 1, &THING_NOUNS);
    (last > k && !thing).then_some(last)
}

fn is_tail(doc: &Doc<'_>, k: usize, international: bool) -> bool {
    let bits = ORG_TAILS.bit() | ORG_SUFFIXES.bit() | ORG_HEADS.bit();
    doc.capitalised(k)
        && doc.classes(k) & bits != 0
        && (international
            || !["international", "global"]
                .iter()
                .any(|w| doc.stem(k).eq_ignore_ascii_case(w)))
}

/// "CFM International", "MTU Aero Engines": an unlisted acronym followed by
/// company words.
fn acronym_company(doc: &Doc<'_>, hits: &[Hit], i: usize) -> Option<Hit> {
    let w = doc.word(i);
    if !(2..=5).contains(&w.len())
        || !doc.joined_to_next(i)
        || !doc.capitalised(i + 1)
        || !w
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        || !is_all_caps(w)
        || doc.in_headline(i)
        || covered(hits, i, i)
    {
        return None;
    }
    let last = company_tail(doc, i, true)?;
    (!covered(hits, i, last)).then(|| unknown_org(doc, i, last))
}

/// "Pratt & Whitney", "Marks & Spencer" near a company noun.
fn ampersand_company(doc: &Doc<'_>, hits: &[Hit], i: usize) -> Option<Hit> {
    let y = i + 1;
    if y >= doc.len()
        || doc.gap_after(i) != " & "
        || !name_like(doc, i)
        || !name_like(doc, y)
        || covered(hits, i, y)
    {
        return None;
    }
    let last = company_tail(doc, y, true).unwrap_or(y);
    let from = i.saturating_sub(4);
    let to = (last + 7).min(doc.len());
    let cue = last > y
        || (from..i)
            .chain(last + 1..to)
            .any(|k| doc.is(k, &COMPANY_NOUNS) && !doc.capitalised(k));
    (cue && !covered(hits, i, last)).then(|| unknown_org(doc, i, last))
}

/// "Epic Games, the maker of Fortnite", "Zentek, a Swiss chipmaker": a
/// capitalised name of up to three words followed by an apposition whose
/// noun says company.
fn appositive_company(doc: &Doc<'_>, hits: &[Hit], i: usize) -> Option<Hit> {
    if i > 0 && doc.joined_to_next(i - 1) && doc.capitalised(i - 1) {
        return None; // not the start of the name
    }
    let mut last = i;
    while last < i + 2 && doc.joined_to_next(last) && doc.capitalised(last + 1)
    {
        last += 1;
    }
    if !doc.comma_after(last)
        || doc.gap_after(last) != ", "
        || last + 2 >= doc.len()
        || !matches!(doc.word(last + 1), "the" | "a" | "an")
        || doc.possessive(last)
        || covered(hits, i, last)
    {
        return None;
    }
    let words_ok = (i..=last)
        .all(|k| name_like(doc, k) || doc.classes(k) & ORG_HEADS.bit() != 0);
    if !words_ok {
        return None;
    }
    let company = (last + 2..(last + 6).min(doc.len()))
        .take_while(|&k| !doc.capitalised(k) && doc.joined_to_next(k - 1))
        .any(|k| {
            let w = doc.word(k);
            doc.stem(k).len() == w.len()
                && (doc.is(k, &COMPANY_NOUNS) || w.ends_with("maker"))
                && !matches!(
                    w,
                    "shares" | "rival" | "partnership" | "venture" | "group"
                )
        });
    company.then(|| unknown_org(doc, i, last))
}

/// A capitalised word that may be part of a company or place name.
fn name_like(doc: &Doc<'_>, k: usize) -> bool {
    let not = NOT_NAME.bit() | ROLES.bit() | ROLE_WORDS.bit() | TITLES.bit();
    doc.capitalised(k)
        && doc.classes(k) & not == 0
        && doc.stem(k).chars().all(|c| c.is_alphabetic() || c == '-')
}

/// "the resort of Zermatt", "Sion, Switzerland".
fn cued_place(
    doc: &Doc<'_>,
    entries: &[Entry],
    hits: &[Hit],
    i: usize,
) -> Option<Hit> {
    // Every cue needs "of" or "the" before the name, a comma after it, or
    // a line start: test those cheap words first.
    let before = i.checked_sub(1).map(|k| doc.word(k));
    let cue_word = matches!(before, Some("of" | "the" | "The"));
    let comma = (i..(i + 3).min(doc.len()))
        .any(|k| doc.comma_after(k) && doc.gap_after(k) == ", ");
    if !cue_word && !comma {
        return None;
    }
    if !name_like(doc, i) || covered(hits, i, i) || doc.in_headline(i) {
        return None;
    }
    let mut last = i;
    while last < i + 2
        && !doc.possessive(last)
        && doc.joined_to_next(last)
        && name_like(doc, last + 1)
        && !covered(hits, last + 1, last + 1)
    {
        last += 1;
    }
    let vouched = after_place_noun(doc, i)
        || before_geo_noun(doc, i, last)
        || (!doc.sentence_initial(i) || dateline(doc, i))
            && before_region(doc, entries, hits, last);
    vouched.then(|| Hit::unknown(doc, i, last, EntryKind::Location))
}

/// "the town of X", "the Swiss ski resort of X".
fn after_place_noun(doc: &Doc<'_>, i: usize) -> bool {
    i >= 3
        && doc.word(i - 1) == "of"
        && doc.joined_to_next(i - 2)
        && doc.joined_to_next(i - 1)
        && doc.is(i - 2, &PLACE_NOUNS)
        && !doc.capitalised(i - 2)
        && (i.saturating_sub(5)..i - 2)
            .any(|k| matches!(doc.word(k), "the" | "The"))
}

/// "the Guaiba river", "the Cederberg mountains": a lower-case landform
/// after a name that "the" opens.
fn before_geo_noun(doc: &Doc<'_>, i: usize, last: usize) -> bool {
    i > 0
        && matches!(doc.word(i - 1), "the" | "The")
        && doc.joined_to_next(i - 1)
        && doc.joined_to_next(last)
        && !doc.possessive(last)
        && matches!(
            doc.word(last + 1),
            "river"
                | "lake"
                | "mountains"
                | "valley"
                | "desert"
                | "peninsula"
                | "delta"
                | "basin"
                | "plateau"
                | "estuary"
                | "glacier"
        )
}

/// A name at the start of a line, as datelines are ("ZERMATT, Switzerland").
fn dateline(doc: &Doc<'_>, i: usize) -> bool {
    let start = doc.tokens.tokens[i].span.start;
    let before = doc.text[..start].trim_end_matches([' ', '\t']);
    before.is_empty() || before.ends_with('\n')
}

/// ", Switzerland." after token `last`: a listed country or region (not a
/// city: "Paris, London and Rome" is a list) closes the clause there.
fn before_region(
    doc: &Doc<'_>,
    entries: &[Entry],
    hits: &[Hit],
    last: usize,
) -> bool {
    if !doc.comma_after(last)
        || doc.gap_after(last) != ", "
        || last + 1 >= doc.len()
    {
        return false;
    }
    let at = hits.partition_point(|h| h.first < last + 1);
    let Some(h) = hits.get(at).filter(|h| h.first == last + 1) else {
        return false;
    };
    let Target::Entry(e) = h.target else {
        return false;
    };
    let entry = &entries[e as usize];
    if entry.kind != EntryKind::Location || entry.city {
        return false;
    }
    let possessive = doc.possessive(h.last);
    let next = doc.text[h.span.end..].chars().next();
    !possessive
        && next.map_or(true, |c| matches!(c, ',' | '.' | ';' | ')' | '\n'))
}

fn unknown_org(doc: &Doc<'_>, first: usize, last: usize) -> Hit {
    Hit::unknown(doc, first, last, EntryKind::Organization)
}

#[cfg(test)]
mod tests {
    use crate::gazetteer::{found, Gazetteer, GazetteerFile, MatchOptions};

    const FIXTURE: &str = "\
id\ttype\tname\taliases\tsource\tnotes
Q159\tlocation\tRussia\t\tt\tkind=country;iso2=RU
Q39\tlocation\tSwitzerland\t\tt\tkind=country;iso2=CH
g:2\tlocation\tMoscow\t\tt\tkind=city;country=RU
g:5\tlocation\tMary\tMary{evidence}\tt\tkind=city;country=TM
g:6\tlocation\tWashington, D.C.\tWashington{ambiguous}\tt\tkind=city;country=US
s:5\tlocation\tWashington State\tWashington{ambiguous}\tt\tkind=state;country=US
Q30\tlocation\tUnited States\tUS{exact}\tt\tkind=country;iso2=US
Q7817\torganization\tWorld Health Organization\tWHO{exact}\tt\t
o:1\torganization\tKremlin\t\tt\t
o:3\torganization\tSiemens\t\tt\t
p:9\tperson\tAndy Warhol\tWarhol\tt\t
o:4\torganization\tRussian News Agency TASS\tTASS{exact}\tt\t
o:5\torganization\tRepublican Party\t\tt\t
demonym:RU\tdemonym\tRussian\tRussians\tt\tcountry=Q159
";

    fn gazetteer() -> Gazetteer {
        let file = GazetteerFile {
            name: "fixture.tsv".to_string(),
            text: FIXTURE.to_string(),
        };
        let options = MatchOptions {
            rules_only: true,
            ..MatchOptions::default()
        };
        Gazetteer::from_files(&[file], options).expect("the fixture loads")
    }

    #[test]
    fn case_and_longer_names() {
        let cases: &[(&str, &[&str])] = &[
            // A lower-case description before a name stays outside it;
            // a lower-case tail ends it.
            (
                "Russian news agency TASS reported.",
                &["TASS/organization/Russian News Agency TASS"],
            ),
            (
                "The Republican party met.",
                &["Republican party/organization/Republican Party"],
            ),
            // An institution named after a listed person is not the person.
            (
                "The Andy Warhol Foundation sold it; Andy Warhol's Museum too.",
                &[
                    "Andy Warhol Foundation/organization/?",
                    "Andy Warhol/person/Andy Warhol",
                ],
            ),
            (
                "Siemens Energy cut jobs.",
                &["Siemens Energy/organization/?"],
            ),
            (
                "Orders went to engine maker Pratt & Whitney.",
                &["Pratt & Whitney/organization/?"],
            ),
            ("Tom & Jerry ran.", &[]),
            (
                "Orders for CFM International rose.",
                &["CFM International/organization/?"],
            ),
            (
                "Snow fell in the ski resort of Zermatt.",
                &["Zermatt/location/?"],
            ),
            (
                "He flew to Sion, Switzerland.",
                &["Sion/location/?", "Switzerland/location/Switzerland"],
            ),
            // A city named like a person needs a place cue.
            ("The exhibit at the Mary Block opened.", &[]),
            ("It took place of Mary at last.", &[]),
            ("Flights to Mary resumed.", &["Mary/location/Mary"]),
            // A capitalised role is a title; the credit is no person.
            ("Captain America Image: Nick Moreau.", &["America/person/?"]),
            // An acronym spelled out as something else is something else.
            (
                "WHO (Western Hockey Organisation) met.",
                &["Western Hockey Organisation/organization/?"],
            ),
            (
                "The United States said Washington Dulles Airport shut.",
                &["United States/location/United States"],
            ),
            ("Councillor Wu Chi-wai spoke.", &["Wu Chi-wai/person/?"]),
            // Age and body appositions; a surname over a city without a
            // place cue.
            (
                "Olga Moscow, 34, spoke. Moscow said more in Moscow.",
                &[
                    "Olga Moscow/person/?",
                    "Moscow/person/?",
                    "Moscow/location/Moscow",
                ],
            ),
            (
                "Ivan Petrov of the Kremlin spoke.",
                &["Ivan Petrov/person/?", "Kremlin/organization/Kremlin"],
            ),
            (
                "Prices fell, said Maria Ortega, a shopper.",
                &["Maria Ortega/person/?"],
            ),
            (
                "It ended with Tomas Varga scoring twice.",
                &["Tomas Varga/person/?"],
            ),
            (
                "Prime Minister AB Rana Thapa resigned.",
                &["AB Rana Thapa/person/?"],
            ),
            (
                "Zentek Labs, the chipmaker, sued.",
                &["Zentek Labs/organization/?"],
            ),
            ("Water rose on the Ossa river.", &["Ossa/location/?"]),
        ];
        let g = gazetteer();
        for (text, want) in cases {
            assert_eq!(found(&g, text), *want, "{text}");
        }
    }
}
