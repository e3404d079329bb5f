//! What stands after a quantity and makes it money or a percentage:
//! currency names and codes ("5m euros", "200 million EUR", "19 cents"),
//! and percent signs and words ("76%", "40 per cent", "0.25 percentage
//! points").

use super::count::is_stop_word;
use super::currency::{minor_unit, Currency, CurrencyTable};
use super::doc::{is, Doc};

/// A unit found after a quantity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct After {
    /// Last token it covers.
    pub last: usize,
    /// Byte where it ends (past "%", which is not a token).
    pub end: usize,
}

/// "%", "per cent", "percent", "pct", "percentage point(s)" right after
/// token `last`.
pub fn percent_after(
    doc: &Doc<'_>,
    last: usize,
    limit: usize,
) -> Option<After> {
    let tail = &doc.text[doc.end(last)..];
    let sign = tail.strip_prefix(' ').unwrap_or(tail);
    if sign.starts_with('%') {
        let end = doc.text.len() - sign.len() + '%'.len_utf8();
        return Some(After { last, end });
    }
    let k = last + 1;
    if k >= limit || !doc.spaced(k) {
        return None;
    }
    let word = doc.word(k);
    let two = |second: &[&str]| {
        k + 1 < limit
            && (doc.spaced(k + 1) || doc.hyphened(k + 1)) // "per-cent"
            && second.iter().any(|s| is(doc.word(k + 1), s))
    };
    let last = if is(word, "percent") || is(word, "pct") {
        k
    } else if is(word, "per") && two(&["cent"])
        || is(word, "percentage") && two(&["point", "points"])
    {
        k + 1
    } else {
        return None;
    };
    Some(After {
        last,
        end: doc.end(last),
    })
}

/// A currency unit found after a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unit {
    /// The currency as written.
    pub currency: Currency,
    /// Where it ends.
    pub after: After,
    /// The power of ten it applies: -2 for a minor unit ("cents"), 6 for
    /// "MEUR", 0 for a plain currency.
    pub exp: i32,
}

/// A currency named after token `last`: "dollars", "US dollars", "Swiss
/// francs", "pounds sterling", "EUR", "MEUR", "Ft", a minor unit ("cents",
/// "15-cent"), or a symbol ("45 €"). With `after_of`, the name must follow
/// "of" ("billions of dollars").
pub fn currency_after(
    doc: &Doc<'_>,
    table: &CurrencyTable,
    last: usize,
    limit: usize,
    after_of: bool,
) -> Option<Unit> {
    let unit = |currency, after, exp| Unit {
        currency,
        after,
        exp,
    };
    let mut k = last + 1;
    if after_of {
        if k + 1 >= limit || !doc.spaced(k) || !is(doc.word(k), "of") {
            return None;
        }
        k += 1;
    } else if let Some((cur, end)) = symbol_after(doc, table, last) {
        return Some(unit(cur, After { last, end }, 0));
    } else if let Some(rest) = doc.text[doc.end(last)..].strip_prefix('¢') {
        // "10¢"
        let end = doc.text.len() - rest.len();
        return Some(unit(Currency::Dollar, After { last, end }, -2));
    }
    if k >= limit {
        return None;
    }
    let first = doc.word(k);
    // "a 15-cent-a-share dividend": a minor unit may be hyphened.
    if doc.hyphened(k) && !after_of {
        return minor_unit(first).map(|cur| unit(cur, at(doc, k), -2));
    }
    if !doc.spaced(k) {
        return None;
    }
    if let Some(cur) = minor_unit(first) {
        return Some(unit(cur, at(doc, k), -2));
    }
    // "10 grand": thousands of the local dollar, unless a noun follows
    // ("3 grand slams").
    if is(first, "grand") && !after_of {
        let next = doc.word(k + 1);
        let noun = k + 1 < limit
            && doc.spaced(k + 1)
            && next.starts_with(char::is_alphabetic)
            && !is_stop_word(next);
        if !noun {
            return Some(unit(Currency::Dollar, at(doc, k), 3));
        }
    }
    // "5 U.S. dollars"
    if first == "U.S"
        && k + 1 < limit
        && doc.gap(k + 1) == ". "
        && matches!(doc.word(k + 1), "dollar" | "dollars")
    {
        return Some(unit(Currency::Code(*b"USD"), at(doc, k + 1), 0));
    }
    if let Some(cur) = table
        .code(first, false)
        .or_else(|| table.letter_symbol(first))
    {
        return Some(unit(cur, at(doc, k), 0));
    }
    if let Some((cur, exp)) = table.scaled_code(first) {
        return Some(unit(cur, at(doc, k), exp as i32));
    }
    if !table.may_start_name(first) {
        return None;
    }
    let max = table.max_words().min(limit - k);
    let mut words: Vec<&str> = Vec::with_capacity(max);
    let mut found = None;
    for j in k..k + max {
        if j > k && !doc.spaced(j) {
            break;
        }
        words.push(doc.word(j));
        if let Some(cur) = table.name(&words) {
            found = Some((cur, j));
        }
    }
    let (cur, mut end) = found?;
    // "one pound of coal" is a weight.
    let weight = is(doc.word(end), "pound")
        && end + 1 < limit
        && doc.spaced(end + 1)
        && is(doc.word(end + 1), "of");
    if weight {
        return None;
    }
    if end + 1 < limit
        && doc.spaced(end + 1)
        && is(doc.word(end + 1), "sterling")
    {
        end += 1;
    }
    // "euro cents"
    if end + 1 < limit
        && doc.spaced(end + 1)
        && minor_unit(doc.word(end + 1)).is_some()
    {
        return Some(unit(cur, at(doc, end + 1), -2));
    }
    Some(unit(cur, at(doc, end), 0))
}

/// A symbol right after token `last`; most numbers are followed by a
/// space and a lower-case word, which one byte test dismisses.
fn symbol_after(
    doc: &Doc<'_>,
    table: &CurrencyTable,
    last: usize,
) -> Option<(Currency, usize)> {
    let at = doc.end(last);
    let tail = doc.text.as_bytes().get(at..at + 2)?;
    if tail[0] == b' '
        && (tail[1].is_ascii_lowercase() || tail[1].is_ascii_digit())
    {
        return None;
    }
    table.symbol_after(doc.text, at)
}

fn at(doc: &Doc<'_>, k: usize) -> After {
    After {
        last: k,
        end: doc.end(k),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::Tokenizer;

    fn after(text: &str) -> (Option<usize>, Option<(Currency, bool, String)>) {
        let tokens = Tokenizer::new().tokenize(text);
        let doc = Doc {
            text,
            tokens: &tokens,
        };
        let table = CurrencyTable::new();
        let pct = percent_after(&doc, 0, doc.len()).map(|a| a.end);
        let cur = currency_after(&doc, &table, 0, doc.len(), false).map(|u| {
            (u.currency, u.exp == -2, text[..u.after.end].to_string())
        });
        (pct, cur)
    }

    #[test]
    fn percent_forms() {
        let cases = [
            ("76% of", Some(3)),
            ("40 per cent", Some(11)),
            ("40 percent", Some(10)),
            ("5 % more", Some(3)),
            ("0.25 percentage points", Some(22)),
            ("40 people", None),
        ];
        for (text, want) in cases {
            assert_eq!(after(text).0, want, "{text}");
        }
    }

    #[test]
    fn currency_forms() {
        let usd = Currency::Code(*b"USD");
        let cases = [
            ("5 US dollars", Some((usd, false, "5 US dollars"))),
            ("19 cents", Some((Currency::Dollar, true, "19 cents"))),
            ("200 EUR", Some((Currency::Code(*b"EUR"), false, "200 EUR"))),
            (
                "5 pounds sterling",
                Some((Currency::Shared(0), false, "5 pounds sterling")),
            ),
            ("5 people", None),
            ("5 of them", None),
        ];
        for (text, want) in cases {
            let got = after(text).1;
            let want = want.map(|(c, m, s)| (c, m, s.to_string()));
            assert_eq!(got, want, "{text}");
        }
    }
}
