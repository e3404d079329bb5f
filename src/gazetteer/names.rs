//! Short names: the bare surname of a person named in full earlier.
//!
//! After "Sergei Shoigu" (from a gazetteer or a cue), a later "Shoigu",
//! "Mr Shoigu" or "Minister Shoigu’s" is the same person, with the same id
//! (or none for a cue name). The title stays outside the mention, as in
//! the full name. A surname links only *after* its full name; before it, only
//! an explicit gazetteer alias ("Putin") matches. A surname that is also a
//! month or function word ("May") links only after a title ("Mrs May").
//!
//! A surname joined to another capitalised word is part of a different name
//! ("Jim Jordan" after "Michael Jordan", "Smith Barney") and does not link.
//! A surname may replace a weak match of the same word (one that needed
//! evidence, such as the country "Jordan" after "Michael Jordan").

use super::load::{Entry, EntryKind};
use super::text::{is_all_caps, starts_upper, Doc};
use super::words::{NOT_NAME, ROLES, TITLES};
use super::{Hit, Target};

/// A surname that may link from token `from` on.
struct Surname<'a> {
    word: &'a str,
    target: Target,
    from: usize,
}

/// Adds surname mentions to `hits` (sorted by start on entry and return).
pub(crate) fn link(doc: &Doc<'_>, entries: &[Entry], hits: &mut Vec<Hit>) {
    let surnames = collect(doc, entries, hits);
    if surnames.is_empty() {
        return;
    }
    let mut added: Vec<Hit> = Vec::new();
    let mut replaced: Vec<usize> = Vec::new();
    let start = surnames.iter().map(|s| s.from).min().unwrap_or(0);
    let from = doc.caps().partition_point(|&t| t < start);
    for &t in &doc.caps()[from..] {
        let at = hits.partition_point(|h| h.last < t);
        let cover = hits.get(at).filter(|h| h.first <= t);
        if cover.is_some_and(|h| !replaceable(h, t)) {
            continue;
        }
        let Some(target) = surname_at(doc, &surnames, t) else {
            continue;
        };
        if cover.is_some() {
            replaced.push(at);
        }
        added.push(Hit {
            span: doc.stem_span(t),
            first: t,
            last: t,
            kind: EntryKind::Person,
            target,
            weak: false,
        });
    }
    for at in replaced.into_iter().rev() {
        hits.remove(at);
    }
    hits.extend(added);
    hits.sort_by_key(|h| h.span.start);
}

/// A one-word hit at token `t` that a surname may take over: one accepted
/// only on evidence ("Jordan"), or a bare name found by a title ("Mr Key")
/// before its full name was known to be listed.
fn replaceable(h: &Hit, t: usize) -> bool {
    let single = h.first == t && h.last == t;
    let unknown =
        h.kind == EntryKind::Person && matches!(h.target, Target::Unknown(_));
    single && (h.weak || unknown)
}

/// Surnames of the people named in full, in text order.
fn collect<'a>(
    doc: &Doc<'a>,
    entries: &'a [Entry],
    hits: &[Hit],
) -> Vec<Surname<'a>> {
    let mut out = Vec::new();
    for h in hits.iter().filter(|h| h.kind == EntryKind::Person) {
        if h.first == h.last {
            continue;
        }
        let word = doc.stem(h.last);
        if word.chars().count() < 3 {
            continue; // "Kim Jong Un": the last word is no surname
        }
        out.push(Surname {
            word,
            target: h.target.clone(),
            from: h.last + 1,
        });
        if let Target::Entry(e) = h.target {
            let canonical = entries[e as usize].name.rsplit(' ').next();
            if let Some(c) = canonical.filter(|c| *c != word && c.len() > 2) {
                out.push(Surname {
                    word: c,
                    target: h.target.clone(),
                    from: h.last + 1,
                });
            }
        }
    }
    out
}

/// The person whose surname token `t` is, if any: the latest full mention
/// before `t` with that surname.
fn surname_at(
    doc: &Doc<'_>,
    surnames: &[Surname<'_>],
    t: usize,
) -> Option<Target> {
    let w = doc.stem(t);
    if !starts_upper(w) {
        return None;
    }
    let s = surnames.iter().rev().find(|s| {
        s.from <= t
            && (s.word == w
                || (is_all_caps(w) && s.word.eq_ignore_ascii_case(w)))
    })?;
    let titled =
        t > 0 && doc.joined_after_title(t - 1) && doc.is(t - 1, &TITLES);
    if doc.is(t, &NOT_NAME) && !titled {
        return None;
    }
    if in_longer_name(doc, t) {
        return None;
    }
    Some(s.target.clone())
}

/// True when a capitalised word other than a title or role is joined to
/// token `t`.
fn in_longer_name(doc: &Doc<'_>, t: usize) -> bool {
    let name_word = |i: usize| {
        doc.capitalised(i)
            && doc.classes(i) & (NOT_NAME.bit() | TITLES.bit() | ROLES.bit())
                == 0
    };
    let before = t > 0
        && doc.joined_to_next(t - 1)
        && name_word(t - 1)
        && !doc.sentence_initial(t - 1);
    let possessive = doc.stem(t).len() < doc.word(t).len();
    let after = !possessive && doc.joined_to_next(t) && name_word(t + 1);
    before || after
}
