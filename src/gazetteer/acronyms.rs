//! Acronyms that a document defines: "Orbana Holdings (OBH)" makes the
//! bracketed "OBH" and every later "OBH" the same organisation, with the
//! id of the expansion when a list knows it and none otherwise. Listed
//! acronyms ("IAEA") are the gazetteers' business; this pass adds those of
//! names found by rules or the tagger.

use super::layout::replace;
use super::load::EntryKind;
use super::text::{is_all_caps, Doc};
use super::{hit_at, Hit};
use std::collections::HashMap;

/// The acronym token right after hit `h`, in brackets: " (OBH)".
fn defined_after(doc: &Doc<'_>, hits: &[Hit], h: &Hit) -> Option<usize> {
    let t = h.last + 1;
    if t >= doc.len() || !doc.gap_after(h.last).ends_with(" (") {
        return None;
    }
    let w = doc.word(t);
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    (letters >= 2
        && is_all_caps(w)
        && doc.gap_after(t).starts_with(')')
        && hit_at(hits, t).is_none())
    .then_some(t)
}

/// Adds the defining and later mentions of acronyms of organisations.
pub(crate) fn find(doc: &Doc<'_>, hits: &mut Vec<Hit>) {
    let mut defined: HashMap<&str, (usize, Hit)> = HashMap::new();
    for h in hits.iter().filter(|h| h.kind == EntryKind::Organization) {
        if let Some(t) = defined_after(doc, hits, h) {
            defined.entry(doc.word(t)).or_insert((t, h.clone()));
        }
    }
    if defined.is_empty() {
        return;
    }
    let mut new: Vec<Hit> = Vec::new();
    for &t in doc.caps() {
        let Some((from, def)) = defined.get(doc.word(t)) else {
            continue;
        };
        if t < *from || hit_at(hits, t).is_some() {
            continue;
        }
        let span = doc.stem_span(t);
        new.push(Hit {
            span,
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
    use crate::gazetteer::{fixture, found};

    #[test]
    fn a_defined_acronym_names_its_expansion() {
        let g = fixture(
            "id\ttype\tname\taliases\tsource\tnotes\n\
             o:1\torganization\tKalvex Mining\t\tt\t\n",
        );
        assert_eq!(
            found(
                &g,
                "OBH fell. Kalvex Mining (KXM) and Orbana Holdings Ltd (OBH) \
                 merged. KXM and OBH said so."
            ),
            [
                "Kalvex Mining/organization/Kalvex Mining",
                "KXM/organization/Kalvex Mining",
                "Orbana Holdings Ltd/organization/?",
                "OBH/organization/?",
                "KXM/organization/Kalvex Mining",
                "OBH/organization/?",
            ]
        );
    }
}
