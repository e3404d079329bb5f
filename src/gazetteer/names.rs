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
//! evidence, such as the country "Jordan" after "Michael Jordan"), and a
//! place that no preposition of place introduces ("Paris said" after
//! "Valeska Paris"; "in Paris" stays the city).

use super::filter::WordFilter;
use super::load::{Entry, EntryKind};
use super::text::{is_all_caps, more_chars_than, starts_upper, Doc};
use super::words::{NOT_NAME, PLACE_CUES, ROLES, TITLES};
use super::{keep_and_add, Hit, HitCursor, Target};
use crate::hash::KeyMap;

/// A surname that may link from token `from` on, to the target of the
/// full name `hit` (an index into the hits): kept as an index so that
/// collecting and indexing surnames copies no names.
struct Surname<'a> {
    word: &'a str,
    hit: usize,
    from: usize,
}

/// Adds surname mentions to `hits` (sorted by start on entry and return).
/// Linear in the number of capitalised tokens: surnames enter a map as
/// their full names go by, the latest full name winning.
pub(crate) fn link(doc: &Doc<'_>, entries: &[Entry], hits: &mut Vec<Hit>) {
    let surnames = collect(doc, entries, hits);
    let Some(start) = surnames.first().map(|s| s.from) else {
        return;
    };
    let mut known = Known::default();
    let mut next = 0;
    let mut added: Vec<Hit> = Vec::new();
    let mut keep = vec![true; hits.len()];
    let from = doc.caps().partition_point(|&t| t < start);
    let mut covering = HitCursor::new(hits);
    for &t in &doc.caps()[from..] {
        while next < surnames.len() && surnames[next].from <= t {
            known.insert(&surnames[next]);
            next += 1;
        }
        let cover = covering.position(t);
        if cover.is_some_and(|k| !replaceable(doc, &hits[k], t)) {
            continue;
        }
        let Some(full) = surname_at(doc, &known, t) else {
            continue;
        };
        if let Some(k) = cover {
            keep[k] = false;
        }
        added.push(Hit {
            span: doc.stem_span(t),
            first: t,
            last: t,
            kind: EntryKind::Person,
            target: hits[full].target.clone(),
            weak: false,
        });
    }
    keep_and_add(hits, &keep, added);
}

/// Surnames seen so far: as written, and in capitals for headlines.
#[derive(Default)]
struct Known<'a> {
    exact: KeyMap<&'a str, usize>,
    caps: KeyMap<String, usize>,
    /// Both forms of every surname: most capitalised words are refused
    /// here without hashing them.
    filter: WordFilter,
}

impl<'a> Known<'a> {
    fn insert(&mut self, s: &Surname<'a>) {
        let caps = s.word.to_uppercase();
        self.filter.add(s.word.as_bytes());
        self.filter.add(caps.as_bytes());
        self.exact.insert(s.word, s.hit);
        self.caps.insert(caps, s.hit);
    }

    fn get(&self, w: &str) -> Option<usize> {
        if !self.filter.may_hold(w.as_bytes()) {
            return None;
        }
        self.exact
            .get(w)
            .or_else(|| is_all_caps(w).then(|| self.caps.get(w)).flatten())
            .copied()
    }
}

/// A one-word hit at token `t` that a surname may take over: one accepted
/// only on evidence ("Jordan"), a bare name found by a title ("Mr Key")
/// before its full name was known to be listed, or a place where no place
/// cue stands ("Paris claims…" after "Valeska Paris", but not "in Paris").
fn replaceable(doc: &Doc<'_>, h: &Hit, t: usize) -> bool {
    let single = h.first == t && h.last == t;
    let unknown =
        h.kind == EntryKind::Person && matches!(h.target, Target::Unknown(_));
    let place = h.kind == EntryKind::Location
        && !(t > 0 && doc.joined_to_next(t - 1) && doc.is(t - 1, &PLACE_CUES));
    single && (h.weak || unknown || place)
}

/// Surnames of the people named in full, in text order.
fn collect<'a>(
    doc: &Doc<'a>,
    entries: &'a [Entry],
    hits: &[Hit],
) -> Vec<Surname<'a>> {
    let mut out = Vec::new();
    let people = hits.iter().enumerate();
    for (i, h) in people.filter(|(_, h)| h.kind == EntryKind::Person) {
        if h.first == h.last {
            continue;
        }
        let word = doc.stem(h.last);
        if !more_chars_than(word, 2) {
            continue; // "Kim Jong Un": the last word is no surname
        }
        out.push(Surname {
            word,
            hit: i,
            from: h.last + 1,
        });
        if let Target::Entry(e) = h.target {
            let canonical = entries[e as usize].name.rsplit(' ').next();
            if let Some(c) = canonical.filter(|c| *c != word && c.len() > 2) {
                out.push(Surname {
                    word: c,
                    hit: i,
                    from: h.last + 1,
                });
            }
        }
    }
    out
}

/// The person whose surname token `t` is, if any: the hit of the latest
/// full mention before `t` with that surname.
fn surname_at(doc: &Doc<'_>, known: &Known<'_>, t: usize) -> Option<usize> {
    let w = doc.stem(t);
    if !starts_upper(w) {
        return None;
    }
    let target = known.get(w)?;
    let titled =
        t > 0 && doc.joined_after_title(t - 1) && doc.is(t - 1, &TITLES);
    if doc.is(t, &NOT_NAME) && !titled {
        return None;
    }
    if in_longer_name(doc, t) {
        return None;
    }
    Some(target)
}

/// True when a capitalised word other than a title or role is joined to
/// token `t`.
pub(crate) fn in_longer_name(doc: &Doc<'_>, t: usize) -> bool {
    in_longer_run(doc, t, t)
}

/// True when a capitalised word other than a title or role is joined to
/// the words `first..=last`, before or after them: they are part of a
/// longer name ("Warhol" in "Andy Warhol Foundation").
pub(crate) fn in_longer_run(doc: &Doc<'_>, first: usize, last: usize) -> bool {
    let name_word = |i: usize| {
        doc.capitalised(i)
            && doc.classes(i) & (NOT_NAME.bit() | TITLES.bit() | ROLES.bit())
                == 0
    };
    let before = first > 0
        && doc.joined_to_next(first - 1)
        && name_word(first - 1)
        && !doc.sentence_initial(first - 1);
    let possessive = doc.possessive(last);
    let after = !possessive && doc.joined_to_next(last) && name_word(last + 1);
    before || after
}
