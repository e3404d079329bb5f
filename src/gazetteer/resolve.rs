//! Evidence and ambiguity: which candidates become mentions.
//!
//! A candidate whose forms are plain proper nouns of one entry is accepted at
//! once, and its entry (with its country) becomes *document evidence*. The
//! others are decided in two more rounds:
//!
//! 1. `evidence` forms with *local* evidence: capitalised mid-sentence, or
//!    after a preposition of place ("in Chad"), and never inside a longer
//!    capitalised name ("Chad Smith", "Reading Festival") — their entries are
//!    added to the document evidence;
//! 2. forms that need the document: an `evidence` form elsewhere (a
//!    sentence-initial "Turkey said…" when Turkey or "Turkish" appears
//!    unambiguously, but not "Turkey dinner"), an `ambiguous` form whose
//!    entry or country is in evidence, an `exact` acronym in a shouted
//!    headline whose entry also appears in normal text.
//!
//! A candidate that still has more than one entry is dropped, since a wrong
//! id costs more than a missed name, with one exception: a name shared by a
//! city and regions of the same country ("Washington", "New York") names
//! the city where a place name stands. Places and companies joined to
//! another capitalised word ("Real Madrid", "Iran Air") are not matched, and
//! titles before a listed person stay outside the mention.

use super::load::{Entry, EntryKind, Form};
use super::matcher::{case_fits, Candidate, Matcher};
use super::text::Doc;
use super::words::{
    CLAUSE_WORDS, CLUB_PREFIXES, NOT_NAME, ORG_HEADS, ORG_SUFFIXES, PARTICLES,
    PLACE_CUES, PLACE_NOUNS, REPORTING_VERBS, ROLES, ROLE_WORDS, TITLES,
};
use super::{Hit, Target};
use crate::span::Span;

/// Decides every candidate; accepted ones are appended to `out` in text
/// order.
pub(crate) fn resolve(
    matcher: &Matcher,
    entries: &[Entry],
    doc: &Doc<'_>,
    cands: &[Candidate],
    out: &mut Vec<Hit>,
) {
    let r = Resolver {
        matcher,
        entries,
        doc,
    };
    // Each candidate is chosen once and brings at most its entry and that
    // entry's country: sized for all of them, neither vector grows.
    let mut evidence: Vec<u32> = Vec::with_capacity(2 * cands.len());
    let mut found = Vec::with_capacity(cands.len());
    let mut chosen: Vec<Option<(u32, bool)>> = vec![None; cands.len()];
    for round in 0..3 {
        evidence.sort_unstable();
        evidence.dedup();
        for (i, c) in cands.iter().enumerate() {
            if chosen[i].is_some() {
                continue;
            }
            if let Some(pick) = r.choose(c, round, &evidence) {
                chosen[i] = Some(pick);
                found.push(pick.0);
            }
        }
        for e in found.drain(..) {
            evidence.push(e);
            evidence.extend(entries[e as usize].country);
        }
    }
    for (c, pick) in cands.iter().zip(chosen) {
        if let Some((entry, weak)) = pick {
            let kind = entries[entry as usize].kind;
            let first = if kind == EntryKind::Person {
                after_titles(doc, c.first, c.last)
            } else {
                c.first
            };
            let start = doc.tokens.tokens[first].span.start.max(c.span.start);
            out.push(Hit {
                span: Span::new(start, c.span.end),
                first,
                last: c.last,
                kind,
                target: Target::Entry(entry),
                weak,
            });
        }
    }
}

/// The first token of a person's name without leading titles, which stay
/// outside the mention as they do for names found by cues ("King Mohammed
/// VI" is "Mohammed VI"); a title before a single word stays ("Pope
/// Francis").
fn after_titles(doc: &Doc<'_>, first: usize, last: usize) -> usize {
    let title = ROLES.bit() | ROLE_WORDS.bit() | TITLES.bit();
    let mut i = first;
    while i + 1 < last && doc.classes(i) & title != 0 {
        i += 1;
    }
    i
}

struct Resolver<'a> {
    matcher: &'a Matcher,
    entries: &'a [Entry],
    doc: &'a Doc<'a>,
}

impl Resolver<'_> {
    /// The entry a candidate stands for in `round` (0: plain forms, 1: local
    /// evidence, 2: document evidence), and whether it needed evidence.
    fn choose(
        &self,
        c: &Candidate,
        round: u8,
        evidence: &[u32],
    ) -> Option<(u32, bool)> {
        let slice = c.span.slice(self.doc.text);
        let viable = || {
            self.matcher
                .forms(c.pattern)
                .iter()
                .filter(move |f| case_fits(f, slice, c.shouting))
        };
        let plain = |f: &Form| {
            let p = f.policy;
            !(p.evidence || p.ambiguous || p.exact && c.shouting)
        };
        let inside = self.inside_other_name(c);
        let plain = |f: &Form| {
            plain(f)
                && !(inside
                    && self.entries[f.entry as usize].kind != EntryKind::Person)
        };
        if round == 0 {
            let mut forms = viable();
            let first = forms.next()?;
            let one = forms.all(|f| f.entry == first.entry && plain(f));
            return (one && plain(first)).then_some((first.entry, false));
        }
        let seen = |e: u32| evidence.binary_search(&e).is_ok();
        let mut passing: Vec<u32> = viable()
            .filter(|f| plain(f) || self.form_passes(c, f, round, &seen))
            .map(|f| f.entry)
            .collect();
        passing.dedup();
        if passing.len() > 1 {
            let direct: Vec<u32> =
                passing.iter().copied().filter(|&e| seen(e)).collect();
            if !direct.is_empty() {
                passing = direct;
            } else if round == 2 {
                self.prefer_city(&mut passing);
            }
        }
        match passing[..] {
            [e] => Some((e, true)),
            [e, ..] if round == 2 && !viable().any(|f| f.policy.ambiguous) => {
                Some((e, true))
            }
            _ => None,
        }
    }

    /// Among places of one country that all fit the context ("Washington"
    /// the capital and the state, "New York" the city and the state), a
    /// bare name in running news most often names the city: keep it when
    /// it is the only city.
    fn prefer_city(&self, passing: &mut Vec<u32>) {
        let entry = |e: u32| &self.entries[e as usize];
        let country = entry(passing[0]).country;
        let same = passing.iter().all(|&e| {
            entry(e).kind == EntryKind::Location && entry(e).country == country
        });
        let cities: Vec<u32> =
            passing.iter().copied().filter(|&e| entry(e).city).collect();
        if same && country.is_some() && cities.len() == 1 {
            *passing = cities;
        }
    }

    /// True when a candidate is ambiguous only between one city and other
    /// places of the same country ("Washington", "New York", "Gaza") and
    /// stands where a place name does ("in Gaza", capitalised mid-sentence):
    /// whichever is meant, the type and the country are right, and the
    /// city is the usual reading.
    fn city_or_region(&self, c: &Candidate) -> bool {
        let slice = c.span.slice(self.doc.text);
        let mut entries: Vec<u32> = self
            .matcher
            .forms(c.pattern)
            .iter()
            .filter(|f| case_fits(f, slice, c.shouting))
            .map(|f| f.entry)
            .collect();
        entries.dedup();
        let placed = self.place_cue(c) || self.capitalised_mid_sentence(c);
        if !placed || self.in_longer_name(c) || entries.len() < 2 {
            return false;
        }
        let before = entries.len();
        self.prefer_city(&mut entries);
        entries.len() == 1 && before > 1
    }

    /// Whether a flagged form has what its flags ask for.
    fn form_passes(
        &self,
        c: &Candidate,
        f: &Form,
        round: u8,
        seen: &dyn Fn(u32) -> bool,
    ) -> bool {
        let p = f.policy;
        if !(p.evidence || p.ambiguous || p.exact && c.shouting) {
            return false; // a plain form had its chance in `choose`
        }
        let entry = &self.entries[f.entry as usize];
        let in_context = || seen(f.entry) || entry.country.is_some_and(seen);
        if f.policy.exact && c.shouting && !(round == 2 && seen(f.entry)) {
            return false;
        }
        if f.policy.ambiguous
            && !(round == 2 && (in_context() || self.city_or_region(c)))
        {
            return false;
        }
        // "Washington Dulles International Airport": context says which
        // Washington, not that this one is a place of its own.
        if f.policy.ambiguous
            && entry.kind != EntryKind::Person
            && self.in_longer_name(c)
        {
            return false;
        }
        if !f.policy.evidence {
            return true;
        }
        if self.in_longer_name(c) {
            return false;
        }
        let place = entry.kind == EntryKind::Location && self.place_cue(c);
        if entry.city {
            // A city named like a person or a thing ("Mary", "Enterprise",
            // "George") is capitalised wherever it stands: only a place cue
            // or its country in the document vouches for the place.
            return place
                || (round == 2 && in_context() && !self.modifier_use(c));
        }
        if self.capitalised_mid_sentence(c) || place {
            return true;
        }
        if entry.kind != EntryKind::Person && self.subject_of_verb(c) {
            return true;
        }
        round == 2 && in_context() && !self.modifier_use(c)
    }

    /// "Apple reported…", "Chad rejected…": a form that opens its sentence
    /// and is directly followed by a reporting or past-tense verb is the
    /// subject of a clause, not a modifier ("Apple pie").
    fn subject_of_verb(&self, c: &Candidate) -> bool {
        let d = self.doc;
        if !d.sentence_initial(c.first) || !d.joined_to_next(c.last) {
            return false;
        }
        let next = d.word(c.last + 1);
        next.len() > 3
            && next.ends_with("ed")
            && next.starts_with(char::is_lowercase)
            || REPORTING_VERBS.contains(next)
    }

    /// "Chad Smith", "Turkey Hill", "Jordan Peterson": a capitalised word
    /// joined to the candidate makes it part of another name.
    fn in_longer_name(&self, c: &Candidate) -> bool {
        let d = self.doc;
        if d.in_headline(c.first) {
            return false;
        }
        let name_word = |i: usize| d.capitalised(i) && !d.is(i, &NOT_NAME);
        let before = c.first > 0 && d.joined_to_next(c.first - 1) && {
            let i = c.first - 1;
            name_word(i) && !(d.sentence_initial(i) && d.is(i, &PLACE_CUES))
        };
        let possessive = d.possessive(c.last);
        let after =
            !possessive && d.joined_to_next(c.last) && name_word(c.last + 1);
        before || after || self.titled(c)
    }

    /// "Batman: The Animated Series", "Frank Messina: An Interview": a
    /// name before a colon and a capitalised subtitle opens a title.
    fn titled(&self, c: &Candidate) -> bool {
        let d = self.doc;
        c.last + 1 < d.len()
            && d.gap_after(c.last) == ": "
            && d.capitalised(c.last + 1)
    }

    /// "Real Madrid", "Iran Air", "New York" (when only "York" is listed):
    /// a place or organisation joined to a capitalised word that is not a
    /// role, title or institution word is part of another name. "US
    /// President" and "Moscow Exchange" are not blocked: the role stays
    /// outside, and the cue pass turns the institution into one name.
    fn inside_other_name(&self, c: &Candidate) -> bool {
        let d = self.doc;
        if d.in_headline(c.first) {
            return false;
        }
        let other = |i: usize| {
            let lists = [
                &NOT_NAME,
                &ROLES,
                &ROLE_WORDS,
                &TITLES,
                &ORG_HEADS,
                &ORG_SUFFIXES,
                &CLUB_PREFIXES,
            ];
            let bits = lists.iter().fold(0, |b, l| b | l.bit());
            d.capitalised(i) && d.classes(i) & bits == 0
        };
        // "Rio Grande do Sul": a particle joins a capitalised word on.
        let particle_then_name = |i: usize| {
            i + 1 < d.len()
                && d.is(i, &PARTICLES)
                && !d.capitalised(i)
                && d.joined_to_next(i)
                && d.capitalised(i + 1)
        };
        let before = c.first > 0
            && d.joined_to_next(c.first - 1)
            && !d.possessive(c.first - 1)
            && other(c.first - 1);
        let possessive = d.possessive(c.last);
        let after = !possessive
            && d.joined_to_next(c.last)
            && (other(c.last + 1) || particle_then_name(c.last + 1));
        before || after
    }

    /// Capitalised where capitals mark names: not at a sentence start, not
    /// in a headline.
    fn capitalised_mid_sentence(&self, c: &Candidate) -> bool {
        let d = self.doc;
        !d.sentence_initial(c.first) && !d.in_headline(c.first)
    }

    /// "in Chad", "flights to Jordan", "the city of Nice".
    fn place_cue(&self, c: &Candidate) -> bool {
        let d = self.doc;
        let i = c.first;
        let before = |k: usize| i > k && d.joined_to_next(i - k);
        before(1) && d.is(i - 1, &PLACE_CUES)
            || before(2)
                && d.word(i - 1) == "of"
                && d.is(i - 2, &PLACE_NOUNS)
                && !d.capitalised(i - 2)
    }

    /// A sentence-initial name followed by a lower-case word that is not a
    /// verb or function word reads as a modifier: "Turkey dinner".
    fn modifier_use(&self, c: &Candidate) -> bool {
        let d = self.doc;
        let possessive = d.possessive(c.last);
        if possessive
            || !d.sentence_initial(c.first)
            || !d.joined_to_next(c.last)
        {
            return false;
        }
        let next = d.word(c.last + 1);
        let lower = next.chars().next().is_some_and(char::is_lowercase);
        // "Arsenal manager Mikel Arteta": a role after the name is still
        // the body's or the country's.
        lower
            && !CLAUSE_WORDS.contains(next)
            && !next.ends_with("ed")
            && !d.is(c.last + 1, &ROLES)
    }
}
