//! Newspapers that no file lists, named by their masthead word: "New
//! Zealand Herald", "Saudi Gazette", "Daily Telegraph".
//!
//! A run of capitalised words ending in a masthead word ("Herald",
//! "Gazette", "Tribune", "Chronicle", "Telegraph", "Courier", "Times",
//! "Examiner", "Inquirer") is an organisation with no id. The run may hold
//! a listed place or demonym, which it swallows ("New Zealand"). A masthead
//! word alone ("the Times"), one followed by another capitalised word
//! ("Times Square"), and headlines, where every word is capitalised, are
//! left alone.
//!
//! Invariant: `hits` stays sorted by start and non-overlapping; a new name
//! replaces only the places and demonyms inside it.

use std::sync::Arc;

use super::load::EntryKind;
use super::text::Doc;
use super::words::{NOT_NAME, ROLES, ROLE_WORDS, TITLES};
use super::{hits_over, Hit, Target};
use crate::span::Span;

/// Words that end the name of a newspaper.
#[rustfmt::skip]
static MASTHEADS: &[&str] = &[
    "herald", "gazette", "tribune", "chronicle", "telegraph", "courier",
    "times", "examiner", "inquirer",
];

/// Finds unlisted newspapers and adds them to `hits`.
pub(crate) fn find(doc: &Doc<'_>, hits: &mut Vec<Hit>) {
    let mut found = Vec::new();
    for &i in doc.caps() {
        let w = doc.stem(i);
        if !(5..=9).contains(&w.len())
            || !MASTHEADS.iter().any(|m| m.eq_ignore_ascii_case(w))
        {
            continue;
        }
        if let Some(h) = paper_at(doc, hits, i) {
            found.push(h);
        }
    }
    for h in found {
        let (first, last) = (h.first, h.last);
        hits.retain(|o| o.last < first || o.first > last);
        let at = hits.partition_point(|o| o.span.start < h.span.start);
        hits.insert(at, h);
    }
}

/// The newspaper whose masthead word is token `i`, if any.
fn paper_at(doc: &Doc<'_>, hits: &[Hit], i: usize) -> Option<Hit> {
    if doc.in_headline(i) || doc.joined_to_next(i) && doc.capitalised(i + 1) {
        return None;
    }
    let mut first = i;
    while first > 0
        && first + 4 > i
        && doc.joined_to_next(first - 1)
        && name_word(doc, first - 1)
    {
        first -= 1;
    }
    if first == i {
        return None;
    }
    let ok = hits_over(hits, first, i).iter().all(|h| {
        h.first >= first
            && h.last < i
            && matches!(h.kind, EntryKind::Location | EntryKind::Demonym)
    });
    if !ok {
        return None;
    }
    let span =
        Span::new(doc.tokens.tokens[first].span.start, doc.stem_span(i).end);
    Some(Hit {
        span,
        first,
        last: i,
        kind: EntryKind::Organization,
        target: Target::Unknown(Arc::from(span.slice(doc.text))),
        weak: false,
    })
}

/// A capitalised word that can stand in a newspaper's name.
fn name_word(doc: &Doc<'_>, k: usize) -> bool {
    let not = NOT_NAME.bit() | ROLES.bit() | ROLE_WORDS.bit() | TITLES.bit();
    doc.capitalised(k)
        && doc.stem(k).len() == doc.word(k).len()
        && doc.classes(k) & not == 0
        && doc.stem(k).chars().all(|c| c.is_alphabetic() || c == '-')
}

#[cfg(test)]
mod tests {

    const FIXTURE: &str = "\
id\ttype\tname\taliases\tsource\tnotes
Q664\tlocation\tNew Zealand\t\tt\tkind=country;iso2=NZ
Q60\tlocation\tNew York City\tNew York\tt\tkind=city;country=US
o:1\torganization\tThe New York Times\tNew York Times\tt\t
";

    fn found(text: &str) -> Vec<String> {
        crate::gazetteer::found(&crate::gazetteer::fixture(FIXTURE), text)
    }

    #[test]
    fn mastheads_make_newspapers() {
        let cases: &[(&str, &[&str])] = &[
            (
                "According to the New Zealand Herald, it rained.",
                &["New Zealand Herald/organization/?"],
            ),
            (
                "The Daily Telegraph reported it.",
                &["Daily Telegraph/organization/?"],
            ),
            (
                "The New York Times reported it.",
                &["The New York Times/organization/The New York Times"],
            ),
            ("He read the Times at breakfast.", &[]),
            ("Crowds filled Times Square.", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(found(text), *want, "{text}");
        }
    }
}
