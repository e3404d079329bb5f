//! One pass over one document: find candidates, read them, decide what
//! they are, and emit non-overlapping figures in text order.

use std::ops::Range;

mod amounts;
mod parallel;
mod time;

use super::context::{
    is_determiner, is_label_noun, is_month, is_time_word, may_end_qualifier,
    names_number, qualifier,
};
use super::count::{counted_noun, is_time_preposition, plus_before};
use super::currency::{minor_unit, Currency};
use super::doc::{is, Doc};
use super::money::percent_after;
use super::range::range_after;
use super::resolve::DocCurrency;
use super::scan::{quantity, Form, Quantity, Style};
use super::units::{is_event_noun, is_measure_unit};
use super::words::{may_be_number_word, number_word};
use super::{Decimal, Figure, FigureExtractor, FigureKind, Qualifier};
use crate::gazetteer::Mention;
use crate::span::Span;
use crate::tokenize::{TokenKind, Tokens};
use amounts::{is_change_verb, sign_before};

/// The state of one extraction.
pub struct Run<'a> {
    ex: &'a FigureExtractor,
    doc: Doc<'a>,
    mentions: &'a [Mention],
    currency: DocCurrency<'a>,
    style: Style,
    out: Vec<Figure>,
    /// Nothing may start before the end of the last figure.
    last_end: usize,
    /// Sentence of the last figure, for nouns elided in a parallel phrase.
    last_sentence: Option<usize>,
}

/// What the figure phrase is made of, before it is classified.
struct Parts {
    q: Quantity,
    /// Upper end of a range.
    high: Option<Quantity>,
    /// Byte where the figure starts (a symbol, a code, a hedge).
    start: usize,
    /// Last token taken so far and the byte where the figure ends.
    last: usize,
    end: usize,
    qualifier: Option<Qualifier>,
    prefix: Option<Currency>,
    /// "from X to Y" after a verb of change: two figures, not a range.
    change: bool,
}

impl<'a> Run<'a> {
    /// Prepares a run over one document.
    pub fn new(
        ex: &'a FigureExtractor,
        text: &'a str,
        tokens: &'a Tokens,
        mentions: &'a [Mention],
    ) -> Run<'a> {
        Run {
            ex,
            doc: Doc { text, tokens },
            mentions,
            currency: DocCurrency::new(text, mentions, ex.dollar),
            style: Style::default(),
            out: Vec::new(),
            last_end: 0,
            last_sentence: None,
        }
    }

    /// Walks the tokens sentence by sentence. Most tokens are plain words:
    /// the test for a trigger looks at the token kind and length first.
    pub fn run(mut self) -> Vec<Figure> {
        let tokens = &self.doc.tokens.tokens;
        let bytes = self.doc.text.as_bytes();
        for (s, sentence) in self.doc.tokens.sentences.iter().enumerate() {
            let mut i = sentence.tokens.start;
            while i < sentence.tokens.end {
                let Some(tok) = tokens.get(i) else { break };
                let trigger = tok.kind == TokenKind::Number || {
                    let word = bytes.get(tok.span.start..tok.span.end);
                    let word = word.unwrap_or_default();
                    (3..=9).contains(&word.len()) && may_be_number_word(word)
                        || word.first().is_some_and(u8::is_ascii_uppercase)
                            && glued_digits(word)
                };
                i = if trigger {
                    self.candidate(i, s, sentence.tokens.clone())
                } else {
                    i + 1
                };
            }
        }
        self.out
    }

    /// Tries a figure at token `i`; returns the next token to look at.
    fn candidate(&mut self, i: usize, s: usize, sent: Range<usize>) -> usize {
        let table = &self.ex.currencies;
        let Some(mut q) =
            quantity(&self.doc, i, sent.end, &mut self.style, table)
        else {
            return i + 1;
        };
        if q.first < sent.start || self.doc.start(q.first) < self.last_end {
            return i + 1;
        }
        if !self.context_ok(&q, &sent) {
            return q.last.max(i) + 1;
        }
        let mut parts = match self.parts(&mut q, &sent) {
            Ok(parts) => parts,
            Err(next) => return next.max(i + 1),
        };
        let next = parts.high.map_or(q.last, |h| h.last) + 1;
        match self.classify(&mut parts, s, &sent) {
            Some(fig) => {
                self.last_end = fig.span.end;
                self.last_sentence = Some(s);
                let next = self.doc.tokens.token_after(fig.span.end);
                match self.split_change(&parts, &fig) {
                    Some((from, to)) => self.out.extend([from, to]),
                    None => self.out.push(fig),
                }
                next.max(i + 1)
            }
            None => next.max(i + 1),
        }
    }

    /// Vetoes from the words and characters around a quantity: names and
    /// designators, dates, times, ids, ratios, compounds ("five-year").
    fn context_ok(&self, q: &Quantity, sent: &Range<usize>) -> bool {
        let doc = &self.doc;
        let (first, last) = (q.first, q.last);
        let next = last + 1;
        if next < sent.end
            && doc.hyphened(next)
            && !doc.is_number(next)
            && minor_unit(doc.word(next)).is_none()
        {
            return false; // "five-year", "40-year-old", "3,000-strong"
        }
        if next < sent.end && doc.spaced(next) {
            let w = doc.word(next);
            if is_month(w) || is_time_word(w) {
                return false;
            }
        }
        let (start, end) = (doc.start(first), doc.end(q.last));
        if self.mention_at(start).is_some_and(|m| end <= m.span.end) {
            return false;
        }
        if first > sent.start && !self.before_ok(q, sent.start) {
            return false;
        }
        match q.form {
            Form::Digits(n) => !n.leading_zero && self.digits_ok(first, q.dot),
            _ => true,
        }
    }

    /// The mention that starts at or before byte `pos` and is the last to
    /// do so: mentions are sorted and never overlap, so it is the only one
    /// that can contain `pos`. A binary search, since a document may hold
    /// thousands of mentions and candidates.
    fn mention_at(&self, pos: usize) -> Option<&'a Mention> {
        let i = self.mentions.partition_point(|m| m.span.start <= pos);
        i.checked_sub(1).map(|i| &self.mentions[i])
    }

    /// The word right before the quantity.
    fn before_ok(&self, q: &Quantity, sent_start: usize) -> bool {
        let first = q.first;
        let doc = &self.doc;
        let p = first - 1;
        let gap = doc.gap(first);
        let plain = doc.spaced(first) || is_dot_space(gap);
        let word = doc.word(p);
        if plain && is_month(word) {
            return false;
        }
        // Names and designators carry plain integers ("Boeing 737", "Army
        // 2020"); "Alibaba 18.2 billion yuan" and "USD 5m" are amounts.
        // A spelled-out number after the capitalised first word of a
        // sentence is a quantity ("Achieving four goals"), unless it is
        // capitalised too ("Apollo Eleven"). Elsewhere a capital names it.
        let bare = match q.form {
            Form::Digits(n) => n.plain && !q.magnitude,
            _ => {
                let title = |w: &str| w.starts_with(char::is_uppercase);
                let opening = p == sent_start
                    && word.chars().skip(1).all(char::is_lowercase)
                    && !is_label_noun(word); // "Phase two", "Chapter four"
                !opening || title(doc.word(first))
            }
        };
        if is(word, "half") {
            return false; // "half a million" is not read as a million
        }
        // "EUR 20", "Rs 500": a currency, not a name, before the number.
        let table = &self.ex.currencies;
        let currency = || {
            table
                .code(word, true)
                .or_else(|| table.letter_symbol(word))
                .or_else(|| {
                    table.prefix_sign(word).filter(|_| !upper_pair(word))
                })
        };
        if plain && bare && names_number(word) && currency().is_none() {
            return false;
        }
        if doc.spaced(first) && doc.is_number(p) {
            return false; // "+44 20 7946", "2021 300"
        }
        if doc.spaced(first)
            && self
                .mention_at(doc.start(p))
                .is_some_and(|m| m.span.end == doc.end(p))
        {
            return false; // a name the number belongs to
        }
        // "one in five adults" is a ratio.
        let ratio = is(word, "in")
            && p > 0
            && (doc.is_number(p - 1) || number_word(doc.word(p - 1)).is_some());
        !ratio
    }

    /// Characters glued to a digit token: "S-400", "10:30", "24/7",
    /// "+44", "#5", URLs and e-mail addresses, and digits right after a
    /// percent sign, which is URL encoding ("%2872%29"), not a figure.
    fn digits_ok(&self, i: usize, dot: bool) -> bool {
        let doc = &self.doc;
        let signed_percent = || {
            sign_before(doc.text, doc.start(i)).is_some()
                && percent_after(doc, i, doc.len()).is_some()
        };
        let glued_before = doc
            .gap(i)
            .chars()
            .next_back()
            .is_some_and(|c| "-–/:#@+&_.'’\\%".contains(c))
            && !dot
            && !signed_percent();
        let after = doc.gap(i + 1);
        let price_slash = || {
            let table = &self.ex.currencies;
            after.len() > 1
                && table.symbol_before(doc.text, doc.start(i + 1)).is_some()
        };
        let glued_after = after.starts_with('/') && !price_slash()
            || after.starts_with(':') && doc.is_number(i + 1)
            || after.starts_with('@');
        let chunk = doc.chunk(doc.start(i), doc.end(i));
        // "$4/$5" is a pair of prices; any other slash makes an id.
        let id_slash = || {
            chunk.match_indices('/').any(|(k, _)| {
                !chunk[k + 1..].starts_with(|c: char| {
                    c == '$' || !c.is_ascii() && !c.is_alphanumeric()
                })
            })
        };
        let marked = chunk.contains(['/', '@', '_', '=', '#', '\\']);
        let in_id = marked
            && (chunk.contains(['@', '_', '=', '#', '\\']) || id_slash())
            || chunk.len() > 4
                && chunk.as_bytes().windows(4).any(|w| w == b"www.");
        !(glued_before || glued_after || in_id)
    }

    /// Gathers the currency before, the range, and the hedge.
    /// `Err` holds the token to resume at when the quantity is part of a
    /// score or an id ("3-1", "555-0143").
    fn parts(
        &mut self,
        q: &mut Quantity,
        sent: &Range<usize>,
    ) -> Result<Parts, usize> {
        let doc = &self.doc;
        let table = &self.ex.currencies;
        let mut lead = q.first;
        let mut start = doc.start(q.first) - usize::from(q.dot);
        let mut prefix = q.currency.filter(|_| doc.start(q.first) == start);
        if matches!(q.form, Form::Digits(_)) {
            // A symbol may stand in the gap before a sentence's first
            // token: "$5 million will go to schools."
            let floor = self.last_end.max(match sent.start {
                0 => 0,
                k => doc.end(k - 1),
            });
            if let Some((cur, at)) = table.symbol_before(doc.text, start) {
                if at >= floor {
                    // "$US40": the glued letters name the dollar.
                    prefix = prefix.or(Some(cur));
                    start = at;
                    lead = doc.tokens.token_after(at).min(q.first);
                }
            } else if prefix.is_none() && q.first > 0 {
                let bare = matches!(q.form, Form::Digits(n) if n.plain)
                    && !q.magnitude;
                if let Some(cur) = self.code_before(q.first, sent.start, bare) {
                    prefix = Some(cur);
                    lead = q.first - 1;
                    start = doc.start(lead);
                }
            }
        }
        let mut words = [(0, ""); 3];
        let before = self.words_before(lead, start, sent.start, &mut words);
        let between = before.last().is_some_and(|w| is(w.1, "between"));
        // "rose from $2.1bn to $2.9bn" is a change: two figures.
        let change = before.len() >= 2
            && is(before[before.len() - 1].1, "from")
            && is_change_verb(before[before.len() - 2].1);
        let high = match range_after(
            doc,
            q,
            sent.end,
            between,
            change,
            &mut self.style,
            table,
        ) {
            Some(r) if !r.valid => return Err(r.high.last + 1),
            Some(r) => Some(r.high),
            None => None,
        };
        let mut qualifier = None;
        if between && high.is_some() {
            start = doc.start(before[before.len() - 1].0);
        } else if let Some((qual, n)) = hedge(before) {
            qualifier = Some(qual);
            start = doc.start(before[before.len() - n].0);
        }
        let last = high.map_or(q.last, |h| h.last);
        Ok(Parts {
            q: *q,
            high,
            change: change && high.is_some(),
            start,
            last,
            end: doc.end(last),
            qualifier,
            prefix,
        })
    }

    /// A code or letter sign written before the number: "USD 5m", "Rs 20",
    /// "Rs. 20" (whose full stop the tokenizer may take for a sentence end).
    /// `bare`: the number is plain digits without a magnitude, which an
    /// upper-case two-letter sign does not take ("SR 71", "BD 5").
    fn code_before(
        &self,
        first: usize,
        sent_start: usize,
        bare: bool,
    ) -> Option<Currency> {
        let doc = &self.doc;
        if doc.start(first - 1) < self.last_end {
            return None; // "3 UAH 4": the code belongs to the last figure
        }
        let word = doc.word(first - 1);
        let table = &self.ex.currencies;
        let shy = bare && upper_pair(word);
        let sign =
            || table.prefix_sign(word).filter(|_| word.len() > 1 && !shy);
        if first > sent_start && doc.spaced(first) {
            return table
                .code(word, true)
                .or_else(|| table.letter_symbol(word))
                .or_else(sign);
        }
        (doc.gap(first) == ". " && word == "Rs")
            .then(sign)
            .flatten()
    }

    /// Up to three words before token `lead` (whose figure starts at byte
    /// `start`), joined by plain spaces and after the last figure.
    /// They fill `buf` from its end, so that the slice returned is in text
    /// order without a vector for every figure.
    fn words_before<'b>(
        &self,
        lead: usize,
        start: usize,
        sent_start: usize,
        buf: &'b mut [(usize, &'a str); 3],
    ) -> &'b [(usize, &'a str)] {
        let doc = &self.doc;
        let mut n = 0;
        let mut k = lead;
        let mut edge = start;
        while k > sent_start && n < buf.len() {
            let p = k - 1;
            let gap = &doc.text[doc.end(p).min(edge)..edge];
            if gap.is_empty() || !gap.chars().all(|c| c == ' ') {
                break;
            }
            if doc.start(p) < self.last_end {
                break;
            }
            n += 1;
            buf[buf.len() - n] = (p, doc.word(p));
            edge = doc.start(p);
            k = p;
        }
        &buf[buf.len() - n..]
    }
}

/// A word token with digits after one to three letters ("USD25m",
/// "US40" after "$"): a currency may be glued to a number.
fn glued_digits(word: &[u8]) -> bool {
    word.len() >= 2
        && word[0].is_ascii_uppercase()
        && word[1..word.len().min(4)].iter().any(u8::is_ascii_digit)
}

/// Two capital letters ("SR", "BD"): as a currency sign before a bare
/// number they are more often a designator ("SR 71").
fn upper_pair(word: &str) -> bool {
    word.len() == 2 && word.bytes().all(|b| b.is_ascii_uppercase())
}

/// The hedge ending right before the figure, if any.
fn hedge(before: &[(usize, &str)]) -> Option<(Qualifier, usize)> {
    let last = before.last()?;
    if !may_end_qualifier(last.1) {
        return None;
    }
    let mut words = [""; 3];
    for (w, b) in words.iter_mut().zip(before) {
        *w = b.1;
    }
    qualifier(&words[..before.len().min(3)])
}

/// ". " after an abbreviation: "No. 5", "Oct. 31".
fn is_dot_space(gap: &str) -> bool {
    gap.strip_prefix('.')
        .is_some_and(|r| !r.is_empty() && r.chars().all(|c| c == ' '))
}

impl Run<'_> {
    /// Decides what the parts are and builds the figure.
    fn classify(
        &mut self,
        p: &mut Parts,
        s: usize,
        sent: &Range<usize>,
    ) -> Option<Figure> {
        let limit = sent.end;
        let q = p.q;
        let value_max = p.high.map(|h| h.value);
        if q.form == Form::Fraction {
            return Some(self.figure(p, FigureKind::Fraction, q.value, None));
        }
        if let Some(fig) = self.percent(p, limit) {
            return Some(fig);
        }
        if let Some(fig) = self.money(p, limit) {
            return fig;
        }
        if q.year_like() && !self.year_counts(p, sent) {
            return None;
        }
        if let Some(fig) = self.duration(p, limit) {
            return fig;
        }
        let doc = &self.doc;
        let next = p.last + 1;
        if self.definite(p, sent.start) {
            return None;
        }
        let vague = q.form == Form::Vague;
        if let Some(noun) = counted_noun(doc, next, limit, vague) {
            // "12 metres", "two million barrels": a measure, not a count.
            if is_measure_unit(doc.word(noun.last)) {
                return None;
            }
            if next < limit && plus_before(doc, next) {
                p.qualifier = Some(Qualifier::AtLeast); // "20+ versions"
            }
            (p.last, p.end) = (noun.last, doc.end(noun.last));
            let mut fig = self.figure(p, FigureKind::Count, q.value, value_max);
            fig.unit = Some(noun.unit);
            return Some(fig);
        }
        // "Hundreds gathered" names nothing counted: only a parallel
        // phrase can give a bare vague quantity its noun.
        if vague && next < limit && is(doc.word(next), "of") {
            return None;
        }
        if let Some(fig) = self.elided(p, s, sent) {
            return Some(fig);
        }
        let unit = self.noun_ahead(p, sent);
        if unit.is_none()
            && !(q.form != Form::Vague && self.casualties(p, sent))
        {
            return None;
        }
        let mut fig = self.figure(p, FigureKind::Count, q.value, value_max);
        fig.unit = unit;
        Some(fig)
    }

    /// A four-digit number in the range of years is a count only when a
    /// plural noun directly follows ("1709 schoolchildren"), or follows
    /// behind a hedge ("over 1000 featured articles"), and no preposition
    /// of time precedes it: years name events ("2022 elections", "in 2019
    /// floods"), which [`is_event_noun`] refuses.
    fn year_counts(&self, p: &Parts, sent: &Range<usize>) -> bool {
        let doc = &self.doc;
        let first = doc.tokens.token_after(p.start);
        // "in 2019", "March 15, 2012": a date or a time.
        let dated = first > sent.start && {
            let w = doc.word(first - 1);
            is_time_preposition(w) || is_month(w) || doc.is_number(first - 1)
        };
        let next = p.last + 1;
        // A capital after a year starts a name or a new sentence.
        let lower = next < sent.end
            && doc.word(next).starts_with(|c: char| c.is_lowercase());
        if dated || !lower {
            return false;
        }
        let Some(noun) = counted_noun(doc, next, sent.end, false) else {
            return false;
        };
        let head = doc.word(noun.last);
        (noun.last == next || p.qualifier.is_some()) && !is_event_noun(head)
    }

    /// "the two countries", "Iran's 85 million people": a reference to a
    /// known group, not a new figure.
    fn definite(&self, p: &Parts, sent_start: usize) -> bool {
        let doc = &self.doc;
        let first = doc.tokens.token_after(p.start);
        let det = |k: usize| {
            k > sent_start && doc.spaced(k) && is_determiner(doc.word(k - 1))
        };
        // "other 15 shells" adds to what was named; "the other two
        // countries" refers back to a known group.
        if first > sent_start && is(doc.word(first - 1), "other") {
            return det(first - 1);
        }
        det(first)
    }

    fn figure(
        &self,
        p: &Parts,
        kind: FigureKind,
        value: Decimal,
        value_max: Option<Decimal>,
    ) -> Figure {
        let qualifier = match (p.q.form, p.qualifier) {
            (Form::Vague, None) => Some(Qualifier::About),
            (_, q) => q,
        };
        Figure {
            span: Span::new(p.start, p.end),
            kind,
            value: value.normalized(),
            value_max: value_max.map(Decimal::normalized),
            currency: None,
            unit: None,
            qualifier,
        }
    }
}
