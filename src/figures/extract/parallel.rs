//! Counted nouns shared between parallel figures: "3,600 sanctions ...
//! and almost 2,700 against Russia", "10,000 and as many as 300,000
//! people".

use std::ops::Range;

use super::{Parts, Run};
use crate::figures::context::qualifier;
use crate::figures::count::{counted_noun, is_stop_word};
use crate::figures::doc::is;
use crate::figures::scan::{quantity, Form};
use crate::figures::words::number_word;
use crate::figures::{Figure, FigureKind};

impl Run<'_> {
    /// A number whose noun is elided in a parallel phrase: "more than 3,600
    /// sanctions ..., and almost 2,700 against Russia". It takes the unit
    /// of the previous figure of the same sentence when a connective joins
    /// them and nothing noun-like follows.
    pub(super) fn elided(
        &self,
        p: &Parts,
        s: usize,
        sent: &Range<usize>,
    ) -> Option<Figure> {
        let doc = &self.doc;
        let prev = self.out.last().filter(|_| self.last_sentence == Some(s))?;
        let money = prev.kind == FigureKind::Money;
        if !(prev.kind == FigureKind::Count || money && p.q.magnitude) {
            return None;
        }
        let first = doc.tokens.token_after(p.start);
        // "posts 542 and 543": a list of labels, not a parallel phrase.
        let bare = |k: usize| {
            doc.is_number(k) && doc.word(k).bytes().all(|b| b.is_ascii_digit())
        };
        let listed = first > sent.start + 1
            && bare(first - 2)
            && bare(first)
            && p.q.first == p.q.last;
        let joined = !listed && first > sent.start && {
            let w = doc.word(first - 1);
            [
                "and", "or", "but", "while", "whereas", "to", "versus", "vs",
                "against",
            ]
            .iter()
            .any(|c| is(w, c))
                || doc.gap(first).contains([',', ';'])
        };
        let next = p.last + 1;
        let open = next >= sent.end
            || !doc.spaced(next)
            || is_stop_word(doc.word(next))
            || doc.word(next).ends_with("ed");
        if !joined || !open {
            return None;
        }
        let mut fig =
            self.figure(p, prev.kind, p.q.value, p.high.map(|h| h.value));
        fig.unit = prev.unit.clone();
        fig.currency = prev.currency.clone();
        Some(fig)
    }

    /// The counted noun of a parallel figure right after this one, for a
    /// noun elided from the first phrase: "with 10,000 and as many as
    /// 300,000 people" counts people twice. Only "and", "or" or "to"
    /// (perhaps with a hedge) may come between the two numbers.
    pub(super) fn noun_ahead(
        &mut self,
        p: &Parts,
        sent: &Range<usize>,
    ) -> Option<String> {
        let doc = &self.doc;
        let j = p.last + 1;
        let joins = |w: &str| ["and", "or", "to"].iter().any(|c| is(w, c));
        if j + 1 >= sent.end || !doc.spaced(j) || !joins(doc.word(j)) {
            return None;
        }
        let mut k = j + 1;
        while k < sent.end
            && k <= j + 4
            && doc.spaced(k)
            && !doc.is_number(k)
            && number_word(doc.word(k)).is_none()
        {
            k += 1;
        }
        let hedged: Vec<&str> = (j + 1..k).map(|i| doc.word(i)).collect();
        if k >= sent.end
            || !doc.spaced(k)
            || !hedged.is_empty()
                && qualifier(&hedged).map(|h| h.1) != Some(hedged.len())
        {
            return None;
        }
        let table = &self.ex.currencies;
        let q = quantity(doc, k, sent.end, &mut self.style, table)?;
        if q.form == Form::Vague {
            return None;
        }
        counted_noun(&self.doc, q.last + 1, sent.end, false).map(|n| n.unit)
    }

    /// A count of people that names no noun, as casualty and arrest
    /// reports write it: "killed 14, officials said", "arrested 12 and
    /// injured 30", "more than 200 were wounded". The figure has no unit.
    pub(super) fn casualties(&self, p: &Parts, sent: &Range<usize>) -> bool {
        let doc = &self.doc;
        let first = doc.tokens.token_after(p.start);
        let next = p.last + 1;
        // Nothing noun-like after it: the end, punctuation or a clause word.
        let open = next >= sent.end
            || !doc.spaced(next)
            || ["and", "in", "on", "when", "after", "during", "near", "as"]
                .iter()
                .any(|w| is(doc.word(next), w));
        let object = first > sent.start
            && doc.spaced(first)
            && is_casualty_verb(doc.word(first - 1))
            && open;
        // "200 were wounded", "14 have been arrested"
        let mut k = next;
        while k < sent.end
            && k <= next + 1
            && doc.spaced(k)
            && ["were", "was", "have", "had", "been", "are"]
                .iter()
                .any(|w| is(doc.word(k), w))
        {
            k += 1;
        }
        let subject = k > next
            && k < sent.end
            && doc.spaced(k)
            && is_casualty_verb(doc.word(k));
        object || subject
    }
}

/// Verbs whose object or subject is a number of people.
fn is_casualty_verb(word: &str) -> bool {
    [
        "killed",
        "injured",
        "wounded",
        "hurt",
        "arrested",
        "detained",
        "rescued",
        "evacuated",
        "displaced",
        "missing",
        "dead",
        "hospitalised",
        "hospitalized",
        "kidnapped",
        "abducted",
        "executed",
        "jailed",
        "convicted",
        "charged",
    ]
    .iter()
    .any(|w| is(word, w))
}
