//! Bare given names after a full name: "Isabel" after "Isabel Ruiz".
//!
//! Features and interviews call people by their given name once they have
//! been introduced. A capitalised word that is the given name (a name of
//! `gazetteers/names/given.txt`) of exactly one person named in full
//! earlier in the document is that person, with the same id or none. A
//! given name shared by two people in the document stays unlinked, and so
//! does one joined to another capitalised word ("Isabel Allende" is someone
//! else) or already covered by a mention.
//!
//! Invariant: `hits` stays sorted by start and non-overlapping.

use super::filter::WordFilter;
use super::given::is_given;
use super::load::EntryKind;
use super::names::in_longer_name;
use super::text::Doc;
use super::{covered, Hit, Target};

/// The person a given name refers to, from token `from` on; `None` once
/// two people share it.
struct Forename {
    target: Option<Target>,
    from: usize,
}

/// Adds bare given-name mentions to `hits`, after widening the surnames
/// linked to a hyphenated full name ("Al-Sayed" after "Fatima Al-Sayed").
pub(crate) fn link(doc: &Doc<'_>, hits: &mut Vec<Hit>) {
    widen_hyphenated(doc, hits);
    let known = collect(doc, hits);
    if known.is_empty() {
        return;
    }
    let mut filter = WordFilter::default();
    for (g, _) in &known {
        filter.add(g.as_bytes());
    }
    let mut added = Vec::new();
    for &t in doc.caps() {
        let w = doc.stem(t);
        if !filter.may_hold(w.as_bytes()) {
            continue;
        }
        let Some((_, f)) = known.iter().find(|(g, _)| *g == w) else {
            continue;
        };
        let Some(target) = f.target.as_ref().filter(|_| t >= f.from) else {
            continue;
        };
        if covered(hits, t, t)
            || in_longer_name(doc, t)
            || doc.gap_after(t) == "-"
        {
            continue;
        }
        added.push(Hit {
            span: doc.stem_span(t),
            first: t,
            last: t,
            kind: EntryKind::Person,
            target: target.clone(),
            weak: false,
        });
    }
    if !added.is_empty() {
        hits.extend(added);
        hits.sort_by_key(|h| h.span.start);
    }
}

/// A surname linked by its last half ("Sayed" of "Al-Sayed") takes its
/// first half too when the full name it links to ends in both.
fn widen_hyphenated(doc: &Doc<'_>, hits: &mut [Hit]) {
    for k in 0..hits.len() {
        let h = &hits[k];
        let t = h.first;
        let Target::Unknown(name) = &h.target else {
            continue;
        };
        if h.kind != EntryKind::Person
            || h.last != t
            || t == 0
            || doc.gap_after(t - 1) != "-"
            || k > 0 && hits[k - 1].last >= t - 1
        {
            continue;
        }
        let start = doc.tokens.tokens[t - 1].span.start;
        let whole = &doc.text[start..h.span.end];
        let ends = name.strip_suffix(whole);
        if ends.is_some_and(|rest| rest.is_empty() || rest.ends_with(' ')) {
            let h = &mut hits[k];
            h.first = t - 1;
            h.span.start = start;
        }
    }
}

/// The given names of the people named in full, each with the one person
/// it names (or none when two people share it). A document names few
/// people, so a list searched in order beats a hash map.
fn collect<'a>(doc: &Doc<'a>, hits: &[Hit]) -> Vec<(&'a str, Forename)> {
    let mut out: Vec<(&'a str, Forename)> = Vec::new();
    for h in hits.iter().filter(|h| h.kind == EntryKind::Person) {
        let word = doc.word(h.first);
        if h.first == h.last || !doc.joined_to_next(h.first) || !is_given(word)
        {
            continue;
        }
        match out.iter_mut().find(|(g, _)| *g == word) {
            Some((_, f)) => {
                if f.target.as_ref().is_some_and(|t| !same(t, &h.target)) {
                    f.target = None;
                }
            }
            None => out.push((
                word,
                Forename {
                    target: Some(h.target.clone()),
                    from: h.last + 1,
                },
            )),
        }
    }
    out
}

fn same(a: &Target, b: &Target) -> bool {
    match (a, b) {
        (Target::Entry(x), Target::Entry(y)) => x == y,
        (Target::Unknown(x), Target::Unknown(y)) => x == y,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::tokenize::Tokenizer;

    const FIXTURE: &str = "\
id\ttype\tname\taliases\tsource\tnotes
p:1\tperson\tSergei Shoigu\t\tt\t
";

    /// `surface/name` of every mention, with the name even without an id.
    fn found(text: &str) -> Vec<String> {
        let g = crate::gazetteer::fixture(FIXTURE);
        let tokens = Tokenizer::new().tokenize(text);
        let mentions = g.find(text, &tokens);
        let surface = |m: &crate::gazetteer::Mention| m.span.slice(text);
        mentions
            .iter()
            .map(|m| format!("{}/{}", surface(m), m.name))
            .collect()
    }

    #[test]
    fn links_a_given_name_to_the_one_person_who_has_it() {
        let cases: &[(&str, &[&str])] = &[
            (
                "I met Isabel Ruiz in May. Later Isabel said hello.",
                &["Isabel Ruiz/Isabel Ruiz", "Isabel/Isabel Ruiz"],
            ),
            (
                "Sergei Shoigu spoke. Sergei left.",
                &["Sergei Shoigu/Sergei Shoigu", "Sergei/Sergei Shoigu"],
            ),
            // Before the full name, nothing links.
            (
                "Isabel came. Then Isabel Ruiz spoke.",
                &["Isabel Ruiz/Isabel Ruiz"],
            ),
            (
                "Fatima Al-Sayed spoke. Al-Sayed left.",
                &[
                    "Fatima Al-Sayed/Fatima Al-Sayed",
                    "Al-Sayed/Fatima Al-Sayed",
                ],
            ),
            // Two people share it.
            (
                "Isabel Ruiz met Isabel Gomez there. Isabel left.",
                &["Isabel Ruiz/Isabel Ruiz", "Isabel Gomez/Isabel Gomez"],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(found(text), *want, "{text}");
        }
    }
}
