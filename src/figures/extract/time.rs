//! Lengths of time: "more than 40 years", "twenty working days", "nearly
//! half an hour"; and what is not one: ages, frequencies, known periods.

use super::{Parts, Run};
use crate::figures::context::is_determiner;
use crate::figures::count::{is_plural_noun, is_stop_word};
use crate::figures::doc::{is, Doc};
use crate::figures::scan::Form;
use crate::figures::units::duration_unit;
use crate::figures::{Decimal, Figure, FigureKind, Qualifier};

impl Run<'_> {
    /// A length of time: "more than 40 years", "three months". `None` when
    /// no unit of time follows; `Some(None)` for an age ("45 years old")
    /// or a modifier ("a 20 minute walk").
    pub(super) fn duration(
        &self,
        p: &mut Parts,
        limit: usize,
    ) -> Option<Option<Figure>> {
        let doc = &self.doc;
        let next = p.last + 1;
        if next >= limit || !doc.spaced(next) {
            return None;
        }
        let (next, unit) = match duration_unit(doc, next) {
            Some(unit) => (next, unit),
            None => modified_unit(doc, next, limit)?,
        };
        if self.not_a_period(p) {
            return Some(None);
        }
        let old = next + 1 < limit && is(doc.word(next + 1), "old");
        // "a 20 minute walk": a singular unit is a modifier.
        let article = ["a", "an"].iter().any(|a| is(doc.word(p.last), a));
        let singular = !unit.ends_with('s')
            && !unit.ends_with('a')
            && p.q.value != Decimal::int(1)
            && !article; // "half an hour
        if old || singular || p.q.form == Form::Vague {
            return Some(None);
        }
        (p.last, p.end) = (next, doc.end(next));
        self.drop_time_over(p);
        let max = p.high.map(|h| h.value);
        let mut fig = self.figure(p, FigureKind::Duration, p.q.value, max);
        fig.unit = Some(unit.to_lowercase());
        Some(Some(fig))
    }

    /// An age ("at the age of four months"), a frequency ("every ten
    /// years") or a period already known ("in the 24 hours", "their
    /// fifteen minutes of fame") is not a new length of time; "the past
    /// 24 hours" and "the next three years" are.
    pub(super) fn not_a_period(&self, p: &Parts) -> bool {
        let doc = &self.doc;
        let first = doc.tokens.token_after(p.start);
        if first == 0 || !doc.spaced(first) {
            return false;
        }
        let before = doc.word(first - 1);
        let age = is(before, "of")
            && first >= 2
            && doc.spaced(first - 1)
            && is(doc.word(first - 2), "age");
        let marks_time =
            ["past", "last", "next", "first", "coming", "previous"]
                .iter()
                .any(|w| is(before, w))
                || self.bounded(p.last + 2); // after the unit
        age || ["every", "each", "per"].iter().any(|w| is(before, w))
            || is_determiner(before) && !marks_time
    }

    /// "the six months to September": a period bounded by a date is a
    /// reporting period, a length of time, even after "the".
    pub(super) fn bounded(&self, k: usize) -> bool {
        let doc = &self.doc;
        k < doc.len()
            && doc.spaced(k)
            && ["to", "ending", "ended", "through", "until", "since"]
                .iter()
                .any(|w| is(doc.word(k), w))
    }

    /// "over two decades" is a span of time ("throughout"), not a hedge;
    /// "more than 40 years" keeps its qualifier.
    pub(super) fn drop_time_over(&self, p: &mut Parts) {
        let doc = &self.doc;
        let first = doc.tokens.token_after(p.start);
        // "Over 50 years." as a sentence or clause of its own is a hedge.
        let opens =
            first == 0 || doc.gap(first).contains(['.', '?', '!', '\n']);
        let hedge = doc.word(first) == "Over"
            && opens
            && !doc.gap(p.last + 1).starts_with(',');
        if p.qualifier == Some(Qualifier::Over)
            && is(doc.word(first), "over")
            && !hedge
        {
            p.qualifier = None;
            p.start = self.doc.start(p.q.first);
        }
    }
}

/// "twenty working days", "three straight years": one lower-case
/// modifier between the number and a plural unit of time.
fn modified_unit<'a>(
    doc: &Doc<'a>,
    i: usize,
    limit: usize,
) -> Option<(usize, &'a str)> {
    // The unit after the modifier is the rare part: test it first.
    let k = i + 1;
    if k >= limit || !doc.spaced(k) {
        return None;
    }
    let unit = duration_unit(doc, k).filter(|u| u.ends_with('s'))?;
    let word = doc.word(i);
    let modifier = word.starts_with(|c: char| c.is_ascii_lowercase())
        && word.chars().all(|c| c.is_ascii_alphabetic())
        && !is_stop_word(word)
        && !is_plural_noun(word);
    modifier.then_some((k, unit))
}
