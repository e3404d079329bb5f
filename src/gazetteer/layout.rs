//! Names that the layout of wire copy types: datelines and results lines.
//!
//! - A dateline opens a line with a place in capitals followed by a date,
//!   an agency or a region: "ROME 1996-12-06", "WASHINGTON (Reuters) -",
//!   "AL-AIN , United Arab Emirates 1996-12-06", "LONDON, June 3",
//!   "NEW YORK _ Shares fell" (a dash and a sentence, not more capitals). The
//!   capitals are a place whether or not a list knows it; a list's place
//!   keeps its id.
//! - A results line lists teams and numbers and nothing else: "Arsenal 2
//!   Derby 1", "Newcastle 14 9 2 3 26 14 29". Its names are clubs, so a
//!   city or region there is an organisation without an id; a country
//!   stays a place, as national teams keep the country's name; a person
//!   stays a person.
//!
//! Both passes read each line once and edit the sorted hits in one merge.

use super::load::{Entry, EntryKind};
use super::text::{dated, is_all_caps, Doc};
use super::words::NOT_NAME;
use super::{hits_over, Hit, Target};
use crate::tokenize::TokenKind;

const MONTHS: &[&str] = &[
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Words a results line may hold besides names and numbers.
const RESULT_WORDS: &[&str] = &["v", "vs", "v.", "at", "and", "of", "de"];

/// True when token `i` begins a line.
fn line_start(doc: &Doc<'_>, i: usize) -> bool {
    let start = doc.tokens.tokens[i].span.start;
    let before = doc.text[..start].trim_end_matches([' ', '\t']);
    before.is_empty() || before.ends_with('\n')
}

/// True when token `i` is a word of two or more letters in capitals.
fn shouted(doc: &Doc<'_>, i: usize) -> bool {
    let w = doc.stem(i);
    doc.capitalised(i)
        && w.chars().filter(|c| c.is_alphabetic()).nth(1).is_some()
        && is_all_caps(w)
}

fn month(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    MONTHS.iter().any(|m| m.eq_ignore_ascii_case(w))
}

/// The last token of a dateline place that starts at line-initial token
/// `i`, if a dateline starts there.
fn dateline_at(doc: &Doc<'_>, i: usize) -> Option<usize> {
    let mut last = i;
    while last + 1 < doc.len()
        && last - i < 3
        && matches!(doc.gap_after(last), " " | "-")
        && shouted(doc, last + 1)
    {
        last += 1;
    }
    let next = last + 1;
    if next >= doc.len() {
        return None;
    }
    let gap = doc.gap_after(last);
    let word = doc.word(next);
    let number = doc.tokens.tokens[next].kind == TokenKind::Number;
    let ok = match gap.trim_matches([' ', '\t']) {
        // "ROME 1996-12-06", "LONDON June 3"; not "EUR 20", an amount
        "" => dated(&doc.text[doc.tokens.tokens[last].span.end..]),
        // "LONDON, June 3", "AL-AIN , United Arab Emirates 1996-12-06"
        "," => {
            number
                || month(word)
                || (doc.capitalised(next) && !shouted(doc, next))
        }
        // "WASHINGTON (Reuters) -"
        "(" => doc.capitalised(next) && doc.gap_after(next).starts_with(')'),
        // "NEW YORK _ Shares fell", "KYIV — Russia said": a dash, then a
        // sentence; a headline goes on in capitals ("RUGBY - FRANCE BEAT")
        "_" | "-" | "--" | "—" | "–" => !shouted(doc, next),
        _ => false,
    };
    ok.then_some(last)
}

/// True when the tokens of sentence range `range` form a results line:
/// capitalised names and integers only, two integers at least, a name
/// first, no brackets.
fn results_line(doc: &Doc<'_>, range: std::ops::Range<usize>) -> bool {
    let first = range.start;
    if range.is_empty() || !doc.capitalised(first) {
        return false;
    }
    let mut numbers = 0;
    for t in range.clone() {
        let tok = doc.tokens.tokens[t];
        if tok.kind == TokenKind::Number {
            let w = doc.word(t);
            if w.len() > 3 || !w.bytes().all(|b| b.is_ascii_digit()) {
                return false;
            }
            numbers += 1;
        } else if doc.is(t, &NOT_NAME)
            || (!doc.capitalised(t)
                && !RESULT_WORDS.iter().any(|w| *w == doc.word(t)))
        {
            return false;
        }
        if t + 1 < range.end && doc.gap_after(t).contains(['(', ':', ';', ','])
        {
            return false;
        }
    }
    numbers >= 2
}

/// A location in a results line that names a club: a city or region (a
/// place with a country), or a place no list knows.
fn club_place(hit: &Hit, entries: &[Entry]) -> bool {
    if hit.kind != EntryKind::Location {
        return false;
    }
    match hit.target {
        Target::Entry(e) => entries[e as usize].country.is_some(),
        Target::Unknown(_) => true,
    }
}

/// Finds dateline places and results-line clubs, and rewrites `hits`.
pub(crate) fn find(doc: &Doc<'_>, entries: &[Entry], hits: &mut Vec<Hit>) {
    let mut new: Vec<Hit> = Vec::new();
    for s in &doc.tokens.sentences {
        let range = s.tokens.clone();
        if range.is_empty() {
            continue;
        }
        let i = range.start;
        if shouted(doc, i) && line_start(doc, i) {
            if let Some(last) = dateline_at(doc, i) {
                let over = hits_over(hits, i, last);
                let listed = over.len() == 1
                    && over[0].kind == EntryKind::Location
                    && over[0].first == i
                    && over[0].last == last;
                if !listed {
                    new.push(Hit::unknown(doc, i, last, EntryKind::Location));
                }
                continue;
            }
        }
        if results_line(doc, range.clone()) {
            clubs(doc, entries, hits, range, &mut new);
        }
    }
    if !new.is_empty() {
        replace(hits, new);
    }
}

/// The clubs of a results line: every run of capitalised words before a
/// number that is no person and no country.
fn clubs(
    doc: &Doc<'_>,
    entries: &[Entry],
    hits: &[Hit],
    range: std::ops::Range<usize>,
    new: &mut Vec<Hit>,
) {
    let mut t = range.start;
    while t < range.end {
        if !doc.capitalised(t) {
            t += 1;
            continue;
        }
        let mut last = t;
        while last + 1 < range.end && doc.capitalised(last + 1) {
            last += 1;
        }
        let over = hits_over(hits, t, last);
        let retype = over.is_empty()
            || over.iter().all(|h| {
                club_place(h, entries)
                    || h.kind == EntryKind::Organization
                        && matches!(h.target, Target::Unknown(_))
            });
        let first_hit = over.first().map_or(t, |h| h.first.min(t));
        let last_hit = over.last().map_or(last, |h| h.last.max(last));
        if retype {
            new.push(Hit::unknown(
                doc,
                first_hit,
                last_hit,
                EntryKind::Organization,
            ));
        }
        t = last_hit + 1;
    }
}

/// Puts `new` (sorted, non-overlapping) into `hits`, dropping the old hits
/// they overlap.
pub(crate) fn replace(hits: &mut Vec<Hit>, new: Vec<Hit>) {
    let old = std::mem::take(hits);
    let mut out = Vec::with_capacity(old.len() + new.len());
    let mut new = new.into_iter().peekable();
    for h in old {
        while new.peek().is_some_and(|n| n.last < h.first) {
            out.extend(new.next());
        }
        let clash = new
            .peek()
            .is_some_and(|n| n.first <= h.last && h.first <= n.last);
        if !clash {
            out.push(h);
        }
    }
    out.extend(new);
    *hits = out;
}

#[cfg(test)]
mod tests {
    use crate::gazetteer::{fixture, found};

    const FIXTURE: &str = "\
id\ttype\tname\taliases\tsource\tnotes
Q38\tlocation\tItaly\t\tt\tkind=country;iso2=IT
g:1\tlocation\tRome\t\tt\tkind=city;country=IT
g:2\tlocation\tDerby\t\tt\tkind=city;country=Q38
g:3\tlocation\tLeeds\t\tt\tkind=city;country=Q38
";

    #[test]
    fn datelines_are_places() {
        let g = fixture(FIXTURE);
        assert_eq!(
            found(&g, "ROME 1996-12-06\nItaly recalled him."),
            ["ROME/location/Rome", "Italy/location/Italy"]
        );
        assert_eq!(
            found(&g, "AL-AIN , United Arab Emirates 1996-12-06\nIt rained."),
            ["AL-AIN/location/?"]
        );
        assert_eq!(
            found(&g, "TARNAK (Reuters) - Fighting resumed."),
            ["TARNAK/location/?"]
        );
        assert_eq!(
            found(&g, "NEW YORK _ Shares fell."),
            ["NEW YORK/location/?"]
        );
        // A headline is no dateline, nor a code before an amount.
        assert!(found(&g, "SOCCER - JAPAN GET LUCKY WIN").is_empty());
        assert!(found(&g, "UAH 3.04").is_empty());
        assert!(found(&g, "EUR 20 a night").is_empty());
        assert_eq!(found(&g, "ROME 6 Dec\nIt rained."), ["ROME/location/Rome"]);
        assert!(found(&g, "BIG WIN , SAYS COACH").is_empty());
    }

    #[test]
    fn results_lines_name_clubs() {
        let g = fixture(FIXTURE);
        assert_eq!(
            found(&g, "Derby 2 Leeds 1\n\nNewcastle 14 9 2 3 26 14 29"),
            [
                "Derby/organization/?",
                "Leeds/organization/?",
                "Newcastle/organization/?"
            ]
        );
        // Countries stay places (national teams); prose is no results line.
        assert_eq!(
            found(&g, "Italy 2 Derby 1"),
            ["Italy/location/Italy", "Derby/organization/?"]
        );
        assert_eq!(
            found(&g, "Derby won 2 of 3 games."),
            ["Derby/location/Derby"]
        );
        assert!(found(&g, "Tuesday, September 22, 2015").is_empty());
    }
}
