//! Money and percentages: the currency or percent sign around a
//! quantity, minor units and compound amounts ("4 dollars 25 cents"),
//! ranges that repeat their unit, elided units, signed changes, and the
//! split of a change ("rose from $2.1bn to $2.9bn") into two figures.

use super::{Parts, Run};
use crate::figures::currency::Currency;
use crate::figures::doc::is;
use crate::figures::money::{currency_after, percent_after, After};
use crate::figures::number::{lower, Suffix};
use crate::figures::scan::{quantity, Form};
use crate::figures::{Decimal, Figure, FigureKind, Qualifier};
use crate::span::Span;

impl Run<'_> {
    /// A change read as a range ("rose from $2.1 billion to $2.9
    /// billion") split into its two figures; the currency, unit and scale
    /// of the last number apply to the first ("from 3.1 to 2.9 percent").
    pub(super) fn split_change(
        &self,
        p: &Parts,
        fig: &Figure,
    ) -> Option<(Figure, Figure)> {
        let high = p.high.filter(|_| p.change)?;
        let max = fig.value_max?;
        let doc = &self.doc;
        let table = &self.ex.currencies;
        let at = doc.start(high.first);
        let start = table.symbol_before(doc.text, at).map_or(at, |s| s.1);
        let mut from = fig.clone();
        from.span = Span::new(fig.span.start, doc.end(p.q.last));
        from.value_max = None;
        let mut to = fig.clone();
        to.span = Span::new(start, fig.span.end);
        to.value = max;
        to.value_max = None;
        to.qualifier = None;
        Some((from, to))
    }

    /// A percentage: "76%", "5pc", "40 per cent".
    pub(super) fn percent(
        &self,
        p: &mut Parts,
        limit: usize,
    ) -> Option<Figure> {
        let after = if p.q.suffix() == Suffix::Percent {
            After {
                last: p.last,
                end: p.end,
            }
        } else if let Some(after) = percent_after(&self.doc, p.last, limit) {
            after
        } else {
            // "rose 2.1 and 2.4 percent": the unit of the second applies.
            let elided = p.high.is_none()
                && !p.q.year_like()
                && self.percent_ahead(p, limit);
            if !elided {
                return None;
            }
            After {
                last: p.last,
                end: p.end,
            }
        };
        (p.last, p.end) = (after.last, after.end);
        let max = p.high.map(|h| h.value);
        let mut value = p.q.value;
        // "Nikkei +1.4%", "CAC -0.8%": a change keeps its sign.
        if p.start == self.doc.start(p.q.first) && max.is_none() {
            if let Some((negative, at)) = sign_before(self.doc.text, p.start) {
                p.start = at;
                if negative {
                    value = value.negated();
                }
            }
        }
        Some(self.figure(p, FigureKind::Percent, value, max))
    }

    /// True when "and", "or" or "to" and a percentage follow the bare number
    /// of `p`, whose unit is then elided ("2.1 and 2.4 percent").
    pub(super) fn percent_ahead(&self, p: &Parts, limit: usize) -> bool {
        let doc = &self.doc;
        let j = p.last + 1;
        let joins = j + 2 < limit
            && doc.spaced(j)
            && doc.spaced(j + 1)
            && ["and", "or", "to"].iter().any(|w| is(doc.word(j), w))
            && doc.is_number(j + 1);
        joins && {
            let next = doc.word(j + 1);
            next.ends_with("pc") || percent_after(doc, j + 1, limit).is_some()
        }
    }

    /// Money: a currency before or after, or pence ("150p", "60c").
    pub(super) fn money(
        &mut self,
        p: &mut Parts,
        limit: usize,
    ) -> Option<Option<Figure>> {
        let q = p.q;
        let vague = q.form == Form::Vague;
        let mut exp = 0;
        let mut currency = p.prefix;
        let minor = match q.suffix() {
            Suffix::Pence => Some(Currency::Code(*b"GBP")),
            Suffix::Cents => Some(Currency::Dollar),
            _ => None,
        };
        if let Some(cur) = minor {
            currency = Some(cur);
            exp = -2;
        } else if let Some(unit) =
            currency_after(&self.doc, &self.ex.currencies, p.last, limit, vague)
        {
            if p.prefix.is_none() || unit.exp != -2 {
                currency = p.prefix.or(Some(unit.currency));
                (p.last, p.end) = (unit.after.last, unit.after.end);
                exp = if p.prefix.is_none() || unit.exp > 0 {
                    unit.exp
                } else {
                    0
                };
            }
        }
        // "6 or $7": the currency of the last number applies to the first.
        if currency.is_none() {
            if let Some(h) = p.high {
                let at = self.doc.start(h.first);
                currency = h.currency.or_else(|| {
                    self.ex
                        .currencies
                        .symbol_before(self.doc.text, at)
                        .map(|s| s.0)
                });
            }
        }
        let currency = currency?;
        let Some(code) = self.currency.resolve(currency) else {
            return Some(None); // a shared name the document does not settle
        };
        if vague {
            p.qualifier = Some(Qualifier::About);
        }
        let scale = |v: Decimal| match exp {
            0 => Some(v),
            e if e < 0 => v.checked_unshift(e.unsigned_abs()),
            e => v.checked_shift(e as u32),
        };
        let mut value = scale(q.value)?;
        let max = match p.high {
            Some(h) => Some(scale(h.value)?),
            None => None,
        };
        let mut max = max;
        if max.is_none() && exp == 0 {
            if let Some((high, end)) = self.unit_range(p, currency, limit) {
                max = Some(high);
                (p.last, p.end) = end;
                self.widen_between(p);
            }
        }
        if exp >= 0 && max.is_none() {
            if let Some((cents, end)) = self.cents_after(p, limit) {
                value = value.checked_add(cents)?;
                (p.last, p.end) = end;
            }
        }
        let mut fig = self.figure(p, FigureKind::Money, value, max);
        fig.currency = Some(String::from_utf8_lossy(&code).into_owned());
        Some(Some(fig))
    }

    /// The upper end of a range that repeats the currency name: "between
    /// 10 dollars and 20 dollars", "10 euros to 12 euros". After a verb of
    /// change ("rose from 10 dollars to 20 dollars") the two stay two
    /// figures.
    pub(super) fn unit_range(
        &mut self,
        p: &Parts,
        currency: Currency,
        limit: usize,
    ) -> Option<(Decimal, (usize, usize))> {
        let doc = &self.doc;
        let j = p.last + 1;
        if j + 1 >= limit || !doc.spaced(j) || !doc.spaced(j + 1) {
            return None;
        }
        let first = doc.tokens.token_after(p.start);
        let before = |k: usize| (first >= k).then(|| doc.word(first - k));
        let between = before(1).is_some_and(|w| is(w, "between"));
        let from = before(1).is_some_and(|w| is(w, "from"))
            && !before(2).is_some_and(is_change_verb);
        let join = doc.word(j);
        let joins = if between {
            is(join, "and")
        } else {
            is(join, "to") && from
        };
        if !joins {
            return None;
        }
        let table = &self.ex.currencies;
        let high = quantity(doc, j + 1, limit, &mut self.style, table)?;
        if !matches!(high.form, Form::Digits(_) | Form::Words)
            || high.value <= p.q.value
        {
            return None;
        }
        let unit = currency_after(doc, table, high.last, limit, false)?;
        (unit.currency == currency && unit.exp == 0)
            .then_some((high.value, (unit.after.last, unit.after.end)))
    }

    /// "between 10 dollars and 20 dollars" starts at "between", as the
    /// range of [`Run::parts`] does.
    pub(super) fn widen_between(&self, p: &mut Parts) {
        let first = self.doc.tokens.token_after(p.start);
        if first > 0
            && is(self.doc.word(first - 1), "between")
            && self.doc.spaced(first)
        {
            p.start = self.doc.start(first - 1);
            p.qualifier = None;
        }
    }

    /// The minor part of a compound amount: "4 dollars 25 cents", "$12 and
    /// 60c", "thirty dollars fifteen cents": its value in the major unit
    /// and the last token and byte it takes.
    pub(super) fn cents_after(
        &mut self,
        p: &Parts,
        limit: usize,
    ) -> Option<(Decimal, (usize, usize))> {
        let doc = &self.doc;
        let mut k = p.last + 1;
        if k < limit && doc.spaced(k) && is(doc.word(k), "and") {
            k += 1;
        }
        if k >= limit || !doc.spaced(k) {
            return None;
        }
        let table = &self.ex.currencies;
        let q = quantity(doc, k, limit, &mut self.style, table)?;
        let value = match q.form {
            Form::Digits(n)
                if n.suffix == Suffix::Cents || n.suffix == Suffix::Pence =>
            {
                return (q.value < Decimal::int(100))
                    .then(|| q.value.checked_unshift(2))
                    .flatten()
                    .map(|v| (v, (q.last, doc.end(q.last))));
            }
            Form::Digits(_) | Form::Words => q.value,
            _ => return None,
        };
        let unit = currency_after(doc, table, q.last, limit, false)?;
        (unit.exp == -2 && value < Decimal::int(100))
            .then(|| value.checked_unshift(2))
            .flatten()
            .map(|v| (v, (unit.after.last, unit.after.end)))
    }
}

/// A sign glued to a number at byte `at` and standing apart from what
/// precedes it ("+1.4%", "(-0.8%)"): whether it is a minus, and where it
/// starts. "S-400" and "3-1" have a letter or digit before the sign.
pub(super) fn sign_before(text: &str, at: usize) -> Option<(bool, usize)> {
    let head = text.get(..at)?;
    let sign = head.chars().next_back()?;
    let negative = match sign {
        '+' => false,
        '-' | '−' | '–' => true,
        _ => return None,
    };
    let start = at - sign.len_utf8();
    let apart = head[..start]
        .chars()
        .next_back()
        .map_or(true, |c| c.is_whitespace() || "([".contains(c));
    apart.then_some((negative, start))
}

/// A verb (or adverb) of change before "from X to Y": "rose", "cut",
/// "was raised", "up". "ranged", "varied" and "priced" are not changes:
/// after them "from X to Y" is one range.
pub(super) fn is_change_verb(word: &str) -> bool {
    const STEMS: &[&str] = &[
        "rise",
        "rose",
        "risen",
        "fall",
        "fell",
        "fallen",
        "grow",
        "grew",
        "grown",
        "cut",
        "increase",
        "decrease",
        "drop",
        "climb",
        "jump",
        "slip",
        "slid",
        "raise",
        "lift",
        "boost",
        "reduce",
        "lower",
        "surge",
        "soar",
        "plunge",
        "sink",
        "sank",
        "shrink",
        "shrank",
        "widen",
        "narrow",
        "revise",
        "change",
        "move",
        "swing",
        "swung",
        "tumble",
        "slump",
        "double",
        "triple",
        "halve",
        "upgrade",
        "downgrade",
        "advance",
        "decline",
        "gain",
        "expand",
        "contract",
        "edge",
        "inch",
        "up",
        "down",
        "hike",
        "trim",
        "slash",
        "spike",
        "shift",
        "went",
        "go",
        "balloon",
        "dip",
        "ease",
        "fell",
        "rebound",
        "recover",
        "leap",
        "leapt",
        "sunk",
        "accelerate",
        "slow",
    ];
    let mut buf = [0u8; 16];
    let Some(w) = lower(word, &mut buf) else {
        return false;
    };
    STEMS.iter().any(|stem| {
        w.strip_prefix(stem).is_some_and(|rest| {
            ["", "s", "d", "ed", "es", "ing", "n", "ped", "ping", "ped"]
                .contains(&rest)
                || rest.len() == 3 && rest.ends_with("ed") // "slipped"
        })
    })
}
