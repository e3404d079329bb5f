//! Reading the quantity itself: a digit token with its magnitude, a run of
//! number words, a vague plural ("tens of thousands"), a fraction ("two
//! thirds"), and a range joining two of them ("$2-3bn", "30 to 70").
//!
//! Nothing here decides what the quantity measures; that is the caller's
//! job. A quantity that cannot be read exactly is `None`.

use super::context::is_determiner;
use super::count::is_stop_word;
use super::currency::{Currency, CurrencyTable};
use super::decimal::Decimal;
use super::doc::{is, Doc};
use super::number::{
    magnitude_abbreviation, magnitude_word, parse_digits, separator_evidence,
    NumberError, Numeral, Separators, Suffix,
};
use super::units::duration_unit;
use super::words::{
    fraction_word, number_word, vague_word, NumberWord, WordNumber,
};

/// How the quantity was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// Digits ("3,600", "2.5bn").
    Digits(Numeral),
    /// Number words ("four billion", "a thousand").
    Words,
    /// A vague plural ("thousands", "dozens").
    Vague,
    /// A fraction ("two thirds").
    Fraction,
}

/// A quantity read from the tokens.
#[derive(Clone, Copy, Debug)]
pub struct Quantity {
    /// First token ("a" in "a thousand").
    pub first: usize,
    /// Last token, inclusive.
    pub last: usize,
    /// Its value, magnitude applied.
    pub value: Decimal,
    /// How it was written.
    pub form: Form,
    /// A magnitude word or abbreviation was applied.
    pub magnitude: bool,
    /// A currency glued to the digits ("USD25m", "250USD", "Rs20").
    pub currency: Option<Currency>,
    /// Written with a leading point and no integer part (".005", "$.75"):
    /// the figure starts one byte before its first token.
    pub dot: bool,
}

impl Quantity {
    /// Plain four-digit number in the range of years ("1979", "2022").
    pub fn year_like(&self) -> bool {
        match self.form {
            Form::Digits(n) => {
                n.plain
                    && n.int_digits == 4
                    && n.suffix == Suffix::None
                    && !self.magnitude
                    && (1000..=2199).contains(&n.value.mantissa)
            }
            _ => false,
        }
    }

    /// The digit suffix, if written with digits.
    pub fn suffix(&self) -> Suffix {
        match self.form {
            Form::Digits(n) => n.suffix,
            _ => Suffix::None,
        }
    }
}

/// The document's separator style, decided on first need from its
/// unambiguous numbers.
#[derive(Default)]
pub struct Style {
    /// Tokens showing English and European separators.
    counts: Option<(usize, usize)>,
}

impl Style {
    /// The style `doc` shows apart from `token` itself: European when only
    /// European evidence is found, English when only English, else
    /// unknown. A token never vouches for its own reading.
    fn get(&mut self, doc: &Doc<'_>, token: &str) -> Separators {
        let (en, eu) = *self.counts.get_or_insert_with(|| {
            let (mut en, mut eu) = (0, 0);
            for i in (0..doc.len()).filter(|&i| doc.is_number(i)) {
                match separator_evidence(doc.word(i)) {
                    Separators::English => en += 1,
                    Separators::European => eu += 1,
                    Separators::Unknown => {}
                }
            }
            (en, eu)
        });
        let own = separator_evidence(token);
        let en = en - usize::from(own == Separators::English).min(en);
        let eu = eu - usize::from(own == Separators::European).min(eu);
        match (en > 0, eu > 0) {
            (true, false) => Separators::English,
            (false, true) => Separators::European,
            _ => Separators::Unknown,
        }
    }
}

/// Reads the quantity at token `i` (bounded by `limit`, the sentence end).
pub fn quantity(
    doc: &Doc<'_>,
    i: usize,
    limit: usize,
    style: &mut Style,
    table: &CurrencyTable,
) -> Option<Quantity> {
    if doc.is_number(i) {
        return digits(doc, i, limit, style, table, None);
    }
    match glued_prefix(doc, i, table) {
        Some(glued) => digits(doc, i, limit, style, table, Some(glued)),
        None => words(doc, i, limit, table),
    }
}

/// A point right before token `i` with nothing it could end before it: a
/// space, a sign or the start (".005", "$.75"), not "No.5" or "1.5".
fn leading_dot(doc: &Doc<'_>, i: usize) -> bool {
    let Some(head) = doc.text[..doc.start(i)].strip_suffix('.') else {
        return false;
    };
    !head.ends_with(|c: char| c.is_alphanumeric() || c == '.' || c == ',')
        && (i == 0 || doc.end(i - 1) <= head.len())
}

/// "USD25m", "$US40", "Rs20": a currency glued before the digits of a word
/// token, and the letters' length.
pub fn glued_prefix(
    doc: &Doc<'_>,
    i: usize,
    table: &CurrencyTable,
) -> Option<(Currency, usize)> {
    let word = doc.word(i);
    let b = word.as_bytes();
    if b.len() < 2 || !b[..b.len().min(4)].iter().any(u8::is_ascii_digit) {
        return None;
    }
    let dollar = doc.gap(i).ends_with('$');
    table.glued_prefix(word, dollar)
}

fn digits(
    doc: &Doc<'_>,
    i: usize,
    limit: usize,
    style: &mut Style,
    table: &CurrencyTable,
    glued: Option<(Currency, usize)>,
) -> Option<Quantity> {
    let word = &doc.word(i)[glued.map_or(0, |g| g.1)..];
    let numeral = match parse_digits(word, Separators::Unknown) {
        Err(NumberError::Ambiguous) => {
            match parse_digits(word, style.get(doc, word)) {
                // "€2,5 million", "15,95 €": a comma before one or two
                // digits is never an English thousands separator, and a
                // currency beside it makes it a price.
                Err(NumberError::Ambiguous)
                    if decimal_comma(word) && money_near(doc, i, table) =>
                {
                    parse_digits(word, Separators::European)
                }
                other => other,
            }
        }
        other => other,
    }
    .ok()?;
    let mut q = Quantity {
        first: i,
        last: i,
        value: numeral.value,
        form: Form::Digits(numeral),
        magnitude: false,
        currency: glued.map(|g| g.0),
        dot: false,
    };
    if glued.is_none() && leading_dot(doc, i) && numeral.plain {
        // ".005 per cent", "$.75": all the digits are decimals.
        let scale = u32::try_from(word.len()).ok()?;
        q.value = Decimal::new(numeral.value.mantissa, scale);
        q.form = Form::Digits(Numeral {
            value: q.value,
            plain: false,
            int_digits: 0,
            leading_zero: false,
            ..numeral
        });
        q.dot = true;
        return Some(q);
    }
    if numeral.suffix == Suffix::None {
        space_groups(doc, &mut q, limit, table)?;
    }
    let i = q.last;
    match numeral.suffix {
        Suffix::Magnitude(exp) => {
            q.value = q.value.checked_shift(exp)?;
            q.magnitude = true;
        }
        Suffix::Other => {
            // "250USD", "75CHF", "20Rs": a currency glued after the digits.
            let rest = word.trim_start_matches(|c: char| {
                c.is_ascii_digit() || c == ',' || c == '.'
            });
            q.currency = Some(table.glued_suffix(rest)?);
        }
        // "2.5 billion", and "$3.5-billion" as Canadian papers write it.
        Suffix::None
            if i + 1 < limit && (doc.spaced(i + 1) || doc.hyphened(i + 1)) =>
        {
            let next = doc.word(i + 1);
            if doc.hyphened(i + 1) && magnitude_abbreviation(next).is_some() {
                return Some(q);
            }
            // "100 m" is metres unless money is being spoken of.
            let abbreviation = magnitude_abbreviation(next).is_some();
            let money =
                || table.symbol_before(doc.text, doc.start(i)).is_some();
            if let Some(exp) = magnitude_word(next) {
                if !abbreviation || money() {
                    q.value = q.value.checked_shift(exp)?;
                    q.magnitude = true;
                    q.last = i + 1;
                }
            }
        }
        _ => {}
    }
    Some(q)
}

/// "15,95": digits, one comma, one or two digits.
fn decimal_comma(word: &str) -> bool {
    let Some((int, frac)) = word.split_once(',') else {
        return false;
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    !int.is_empty()
        && (1..=2).contains(&frac.len())
        && digits(int)
        && digits(frac)
}

/// A currency symbol, code or name right before or after token `i`.
fn money_near(doc: &Doc<'_>, i: usize, table: &CurrencyTable) -> bool {
    let before = table.symbol_before(doc.text, doc.start(i)).is_some()
        || i > 0
            && doc.spaced(i)
            && table.code(doc.word(i - 1), true).is_some();
    before || money_after(doc, i, table)
}

/// "10 000" written with a no-break or thin space between groups of three
/// digits, as in French-style and SI typesetting, and "2 390 €" with plain
/// spaces when a currency follows (price tags, European news). Otherwise a
/// plain space is left alone: "in 2021 300 people" is two numbers.
fn space_groups(
    doc: &Doc<'_>,
    q: &mut Quantity,
    limit: usize,
    table: &CurrencyTable,
) -> Option<()> {
    let Form::Digits(mut n) = q.form else {
        return Some(());
    };
    if !n.plain || n.int_digits > 3 {
        return Some(());
    }
    let (mut k, mut last, mut plain_space) = (q.last + 1, q.last, false);
    let mut value = n.value;
    while k < limit {
        let thin = matches!(doc.gap(k), "\u{a0}" | "\u{202f}" | "\u{2009}");
        let word = doc.word(k);
        let group = word.len() == 3 && word.bytes().all(|b| b.is_ascii_digit());
        if !(thin || doc.gap(k) == " ") || !group {
            break;
        }
        plain_space |= !thin;
        let g = word.parse::<u128>().ok()?;
        value = Decimal::int(value.mantissa.checked_mul(1000)?.checked_add(g)?);
        n.int_digits += 3;
        last = k;
        k += 1;
    }
    if last == q.last || plain_space && !money_after(doc, last, table) {
        return Some(());
    }
    n.value = value;
    n.plain = false;
    q.last = last;
    q.value = n.value;
    q.form = Form::Digits(n);
    Some(())
}

/// A currency symbol, code, sign or name right after token `i`.
fn money_after(doc: &Doc<'_>, i: usize, table: &CurrencyTable) -> bool {
    let next = doc.word(i + 1);
    table.symbol_after(doc.text, doc.end(i)).is_some()
        || doc.spaced(i + 1)
            && (table.code(next, false).is_some()
                || table.letter_symbol(next).is_some()
                || table.name(&[next]).is_some())
}

fn words(
    doc: &Doc<'_>,
    i: usize,
    limit: usize,
    table: &CurrencyTable,
) -> Option<Quantity> {
    let word = doc.word(i);
    if let Some(v) = vague_word(word) {
        return Some(vague(doc, i, limit, v));
    }
    let article = |k: usize| {
        k < i
            && doc.spaced(i)
            && (is(doc.word(k), "a") || is(doc.word(k), "an"))
    };
    let before = i.checked_sub(1);
    if is(word, "dozen") {
        let first = before.filter(|&k| article(k))?;
        return Some(whole(first, i, Decimal::int(12), Form::Words, false));
    }
    if is(word, "half") {
        return half(doc, i, limit);
    }
    if let Some((den, plural)) = fraction_word(word) {
        // "a third of", "larger than a third to veto": the article is the
        // numerator; a noun after it makes an ordinal ("a third term").
        let first = before.filter(|&k| article(k))?;
        // "a quarter million", "a quarter of a billion"
        let one = Decimal::ratio(1, den)
            .map(|v| whole(first, i, v, Form::Fraction, false));
        if let Some(q) = one.and_then(|q| scaled_fraction(doc, q, den, limit)) {
            return Some(q);
        }
        let next = (i + 1 < limit).then(|| doc.word(i + 1));
        let alone = !doc.spaced(i + 1) || next.map_or(true, is_stop_word);
        return (!plural && alone)
            .then(|| Decimal::ratio(1, den))
            .flatten()
            .map(|v| whole(first, i, v, Form::Fraction, false));
    }
    let head = number_word(word)?;
    let mut n = WordNumber::default();
    let mut first = i;
    if matches!(head, NumberWord::Hundred | NumberWord::Magnitude(_)) {
        first = before.filter(|&k| article(k))?;
        n.push(NumberWord::Unit(1));
    }
    let last = chain(doc, i, limit, &mut n);
    let mut value = n.value()?;
    let mut last = last;
    let magnitude =
        (first..=last).any(|k| magnitude_word(doc.word(k)).is_some());
    if let Some(f) = fraction_after(doc, first, last, limit, value) {
        let den = fraction_word(doc.word(f.last)).map_or(3, |d| d.0);
        return Some(scaled_fraction(doc, f, den, limit).unwrap_or(f));
    }
    if last + 1 < limit
        && doc.spaced(last + 1)
        && is(doc.word(last + 1), "dozen")
    {
        value = value.checked_mul_int(12)?;
        last += 1;
    }
    // "one" on its own is an article more often than a count; "one or
    // two", "one to three" and "one percent" are quantities.
    let currency = || {
        let next = doc.word(last + 1);
        last + 1 < limit
            && doc.spaced(last + 1)
            && table.may_start_name(next)
            && table.name(&[next]).is_some()
    };
    if value == Decimal::int(1)
        && !magnitude
        && !one_counts(doc, last, limit)
        && !currency()
    {
        return None;
    }
    Some(whole(first, last, value, Form::Words, magnitude))
}

/// "half" at token `i`: a fraction before "of" or a determiner ("almost
/// half of all pupils", "half the budget"), or half a unit of time ("half
/// an hour", read as 0.5 of it, with the article as the figure's last
/// token). "the second half", "one and a half" (after "a") and "half a million" are
/// not read.
fn half(doc: &Doc<'_>, i: usize, limit: usize) -> Option<Quantity> {
    let ordinal = i > 0
        && doc.spaced(i)
        && ["the", "a", "an", "first", "second", "one", "latter"]
            .iter()
            .any(|w| is(doc.word(i - 1), w));
    let k = i + 1;
    if ordinal || k >= limit || !doc.spaced(k) {
        return None;
    }
    let next = doc.word(k);
    let value = Decimal::ratio(1, 2)?;
    if is(next, "a") && k + 1 < limit && doc.spaced(k + 1) {
        // "half a percent", "half a per cent"
        let w = doc.word(k + 1);
        if ["percent", "per", "pct", "percentage"]
            .iter()
            .any(|p| is(w, p))
        {
            return Some(whole(i, k, value, Form::Words, false));
        }
    }
    if is(next, "a") || is(next, "an") {
        // "half a million"
        let half = whole(i, i, value, Form::Fraction, false);
        if let Some(q) = scaled_fraction(doc, half, 2, limit) {
            return Some(q);
        }
        let unit = k + 1 < limit
            && doc.spaced(k + 1)
            && duration_unit(doc, k + 1).is_some();
        return unit.then(|| whole(i, k, value, Form::Words, false));
    }
    let of = is(next, "of")
        || is_determiner(next) && !is(next, "other") && !is(next, "past");
    of.then(|| whole(i, i, value, Form::Fraction, false))
}

/// A fraction of a magnitude: "half a million", "a quarter million",
/// "three quarters of a billion" (500000, 250000, 750000000). Only
/// fractions that are exact decimals (halves, quarters, fifths, tenths).
fn scaled_fraction(
    doc: &Doc<'_>,
    q: Quantity,
    den: u128,
    limit: usize,
) -> Option<Quantity> {
    if ![2, 4, 5, 10].contains(&den) {
        return None;
    }
    let mut k = q.last + 1;
    for filler in ["of", "a"] {
        if k < limit && doc.spaced(k) && is(doc.word(k), filler) {
            k += 1;
        }
    }
    if k >= limit
        || !doc.spaced(k)
        || magnitude_abbreviation(doc.word(k)).is_some()
    {
        return None;
    }
    let exp = magnitude_word(doc.word(k))?;
    let value = q.value.checked_shift(exp)?;
    Some(whole(q.first, k, value, Form::Words, true))
}

/// "one" at token `i` opens a range ("one or two points") or is a
/// percentage ("less than one percent").
fn one_counts(doc: &Doc<'_>, i: usize, limit: usize) -> bool {
    let next = |k: usize| {
        let k = i + k;
        (k < limit && doc.spaced(k)).then(|| doc.word(k))
    };
    match next(1) {
        Some(w) if is(w, "or") || is(w, "to") => next(2)
            .is_some_and(|n| number_word(n).is_some() || doc.is_number(i + 2)),
        Some(w) => ["percent", "per", "pct"].iter().any(|p| is(w, p)),
        None => false,
    }
}

fn whole(
    first: usize,
    last: usize,
    value: Decimal,
    form: Form,
    magnitude: bool,
) -> Quantity {
    Quantity {
        first,
        last,
        value,
        form,
        magnitude,
        currency: None,
        dot: false,
    }
}

/// Feeds number words from token `i` on; returns the last one taken.
fn chain(doc: &Doc<'_>, i: usize, limit: usize, n: &mut WordNumber) -> usize {
    let mut last = i;
    let mut j = i;
    while j < limit {
        let Some(w) = number_word(doc.word(j)) else {
            break;
        };
        let joined =
            j == i || doc.spaced(j) || doc.hyphened(j) && n.takes_hyphen();
        if !joined || !n.push(w) {
            break;
        }
        last = j;
        j += 1;
        if j + 1 < limit
            && n.takes_and()
            && doc.spaced(j)
            && is(doc.word(j), "and")
            && doc.spaced(j + 1)
            && matches!(
                number_word(doc.word(j + 1)),
                Some(NumberWord::Unit(_) | NumberWord::Tens(_))
            )
        {
            j += 1;
        }
    }
    last
}

/// "two thirds", "one-third": a small numerator and a fraction word.
fn fraction_after(
    doc: &Doc<'_>,
    first: usize,
    last: usize,
    limit: usize,
    numerator: Decimal,
) -> Option<Quantity> {
    let k = last + 1;
    if k >= limit || !(doc.spaced(k) || doc.hyphened(k)) {
        return None;
    }
    let (den, plural) = fraction_word(doc.word(k))?;
    let n = numerator.mantissa;
    let fits = if plural {
        (2..den).contains(&n)
    } else {
        n == 1
    };
    if !fits || first != last {
        return None;
    }
    let value = Decimal::ratio(n, den)?;
    Some(whole(first, k, value, Form::Fraction, false))
}

/// "tens of thousands", "hundreds of millions": multiplies the plurals.
fn vague(doc: &Doc<'_>, i: usize, limit: usize, value: u128) -> Quantity {
    let mut value = Decimal::int(value);
    let mut last = i;
    let mut j = i + 1;
    while j + 1 < limit && doc.spaced(j) && is(doc.word(j), "of") {
        let next = vague_word(doc.word(j + 1)).filter(|v| *v >= 1000);
        match next.and_then(|v| value.checked_mul_int(v)) {
            Some(v) if doc.spaced(j + 1) => {
                value = v;
                last = j + 1;
                j += 2;
            }
            _ => break,
        }
    }
    whole(i, last, value, Form::Vague, false)
}
