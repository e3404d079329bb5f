//! Ranges: a second quantity closing the first ("$2-3bn", "30 to 70",
//! "between $2bn and $3bn", "$4/$5"), with the magnitude only the upper end
//! states applied to the lower one. One rule for ranges and changes (the
//! README's): "X to Y", "X-Y", "X/Y", "X or Y", "between X and Y" and
//! "ranged from X to Y" are one figure with `value_max`; after a verb of
//! change ("rose from X to Y") the two are two figures, which the caller
//! splits.

use super::currency::CurrencyTable;
use super::doc::{is, Doc};
use super::number::{magnitude_word, Suffix};
use super::scan::{quantity, Form, Quantity, Style};

/// A second quantity closing a range, and whether a hyphen joined them.
pub struct RangeEnd {
    /// The upper quantity.
    pub high: Quantity,
    /// The range rises; "3-1" does not, so it is a score, not a range.
    pub valid: bool,
}

/// The upper end of a range after `low`: "-3bn", "to 70", or "and $3bn"
/// when `between` opened it. Applies a magnitude only the upper end
/// states to the lower one ("$2-3bn"). A hyphen followed by a number is
/// always returned, valid or not, since "3-1" and "555-0143" are not
/// figures at all; "to" and "and" only when they form a range.
pub fn range_after(
    doc: &Doc<'_>,
    low: &mut Quantity,
    limit: usize,
    between: bool,
    change: bool,
    style: &mut Style,
    table: &CurrencyTable,
) -> Option<RangeEnd> {
    let j = low.last + 1;
    if j >= limit {
        return None;
    }
    // "2-3bn", "2 – 3", "$5bn-$7bn"
    let dash = doc.gap(j).trim_matches(' ');
    let with_symbol = || table.symbol_before(doc.text, doc.start(j)).is_some();
    // "$4/$5": a slash joins prices only with the symbol repeated (never
    // "24/7" or "5/17").
    let symbol_after_dash = dash
        .strip_prefix(['-', '–'])
        .is_some_and(|rest| rest.is_empty() || with_symbol())
        || dash
            .strip_prefix('/')
            .is_some_and(|r| !r.is_empty() && with_symbol());
    let hyphen = symbol_after_dash && doc.is_number(j);
    let k = if hyphen {
        j
    } else {
        let word = doc.word(j);
        let joins = if between {
            is(word, "and")
        } else {
            is(word, "to") || is(word, "or")
        };
        if !joins || !doc.spaced(j) || j + 1 >= limit {
            return None;
        }
        j + 1
    };
    let symbol = doc.gap(k).trim_matches(' ');
    if !symbol.is_empty()
        && !hyphen
        && table.symbol_before(doc.text, doc.start(k)).is_none()
    {
        return None;
    }
    let high = quantity(doc, k, limit, style, table)?;
    // "ten to 32 pages" mixes words and digits; a hyphen joins only like
    // with like ("2-3", "two-three").
    let same_form = !hyphen
        || matches!(low.form, Form::Digits(_))
            == matches!(high.form, Form::Digits(_));
    let plain = |q: &Quantity| matches!(q.form, Form::Digits(_) | Form::Words);
    if !plain(low) || !plain(&high) || !same_form {
        return hyphen.then_some(RangeEnd { high, valid: false });
    }
    let mut low_value = low.value;
    if !low.magnitude && high.magnitude {
        let exp = magnitude_of(doc, &high)?;
        low_value = low_value.checked_shift(exp)?;
    }
    // A change ("fell from 3.1 to 2.9 percent") may go either way.
    let valid = high.value > low_value || change && !hyphen;
    if valid {
        low.magnitude |= high.magnitude;
        low.value = low_value;
    } else if !hyphen {
        return None;
    }
    Some(RangeEnd { high, valid })
}

/// The power of ten the magnitude of `q` applied.
fn magnitude_of(doc: &Doc<'_>, q: &Quantity) -> Option<u32> {
    if let Suffix::Magnitude(exp) = q.suffix() {
        return Some(exp);
    }
    (q.first..=q.last).find_map(|k| magnitude_word(doc.word(k)))
}
