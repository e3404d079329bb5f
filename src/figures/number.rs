//! Exact numerals written with digits: separators, decimals, magnitude
//! words and abbreviations.
//!
//! Every value is a [`Decimal`] built with checked integer arithmetic, never
//! a float, so "$1.13bn" is 1130000000 and values beyond 2^53 keep every
//! digit. A numeral that does not fit in a `u128` is an error, not a
//! rounded value.

use super::decimal::Decimal;

/// How a document writes its numbers, decided from its unambiguous ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Separators {
    /// "1,234.5": comma groups, point decimals.
    English,
    /// "1.234,5": point groups, comma decimals.
    European,
    /// No evidence either way, or evidence both ways.
    Unknown,
}

/// What follows the digits inside one token ("2.5bn", "22nd", "3G").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Suffix {
    /// Nothing.
    None,
    /// A magnitude abbreviation: the power of ten ("bn" is 9).
    Magnitude(u32),
    /// "pc", the British percent.
    Percent,
    /// "p", pence.
    Pence,
    /// "c", cents ("60c").
    Cents,
    /// Anything else: ordinals, decades, units, designators.
    Other,
}

/// Why a token is not a numeral.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberError {
    /// No digit where one was expected.
    Empty,
    /// Separators that do not form thousands groups ("1,23,4", "1.2.3").
    BadGrouping,
    /// A separator whose meaning depends on a style the text does not show
    /// ("3.600" in a document with no other evidence).
    Ambiguous,
    /// Does not fit in 128 bits.
    Overflow,
}

/// A numeral parsed from one digit token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Numeral {
    /// The value of the digits (the suffix not applied).
    pub value: Decimal,
    /// What follows the digits.
    pub suffix: Suffix,
    /// Digits only, no separator or point ("2022" but not "2,022").
    pub plain: bool,
    /// Number of digits before the decimal point.
    pub int_digits: usize,
    /// Starts with a zero and is not "0" or "0.x" ("0958", an id or a time).
    pub leading_zero: bool,
}

/// The separators a token uses, for deciding a document's style.
pub fn separator_evidence(token: &str) -> Separators {
    let digits_end = token
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(token.len());
    let body = &token[..digits_end];
    let (dots, commas) = (count(body, '.'), count(body, ','));
    let last_group = body.rfind(['.', ',']).map_or(0, |i| body.len() - i - 1);
    match (dots, commas) {
        (0, 0) => Separators::Unknown,
        (_, 0) if dots > 1 => Separators::European,
        (0, _) if commas > 1 => Separators::English,
        (1, 0) if last_group != 3 => Separators::English,
        (0, 1) if last_group != 3 => Separators::European,
        _ if dots > 0 && commas > 0 => {
            if body.rfind('.') > body.rfind(',') {
                Separators::English
            } else {
                Separators::European
            }
        }
        _ => Separators::Unknown,
    }
}

fn count(s: &str, c: char) -> usize {
    s.bytes().filter(|&b| b == c as u8).count()
}

/// Parses a digit token such as "3,600", "1.000,50", "2.5bn" or "22nd".
///
/// `style` resolves a lone separator followed by three digits; with
/// [`Separators::Unknown`] such a token is [`NumberError::Ambiguous`]
/// unless the comma reading is the only plausible one ("3,600").
pub fn parse_digits(
    token: &str,
    style: Separators,
) -> Result<Numeral, NumberError> {
    let end = token
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(token.len());
    let body = token[..end].trim_end_matches(['.', ',']);
    let suffix = parse_suffix(&token[body.len()..]);
    if body.is_empty() || !body.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(NumberError::Empty);
    }
    let (group_sep, decimal_sep) = separators_of(body, style)?;
    let (int_part, frac_part) = match decimal_sep.and_then(|d| body.rfind(d)) {
        Some(i) => (&body[..i], &body[i + 1..]),
        None => (body, ""),
    };
    check_groups(int_part, group_sep)?;
    let mut mantissa: u128 = 0;
    let mut int_digits = 0;
    for b in int_part.bytes().filter(u8::is_ascii_digit) {
        mantissa = push_digit(mantissa, b)?;
        int_digits += 1;
    }
    for b in frac_part.bytes() {
        if !b.is_ascii_digit() {
            return Err(NumberError::BadGrouping);
        }
        mantissa = push_digit(mantissa, b)?;
    }
    let scale = frac_part.len() as u32;
    if scale > 38 {
        return Err(NumberError::Overflow);
    }
    Ok(Numeral {
        value: Decimal::new(mantissa, scale),
        suffix,
        plain: body.bytes().all(|b| b.is_ascii_digit()),
        int_digits,
        leading_zero: int_part.len() > 1 && int_part.starts_with('0'),
    })
}

fn push_digit(acc: u128, digit: u8) -> Result<u128, NumberError> {
    acc.checked_mul(10)
        .and_then(|v| v.checked_add(u128::from(digit - b'0')))
        .ok_or(NumberError::Overflow)
}

/// Decides which separator groups thousands and which marks decimals.
fn separators_of(
    body: &str,
    style: Separators,
) -> Result<(Option<char>, Option<char>), NumberError> {
    let (dots, commas) = (count(body, '.'), count(body, ','));
    let last = body.rfind(['.', ',']).map_or(0, |i| body.len() - i - 1);
    let first_group = body.find(['.', ',']).unwrap_or(body.len());
    Ok(match (dots, commas) {
        (0, 0) => (None, None),
        (1, 0) if last != 3 || first_group == 1 && body.starts_with('0') => {
            (None, Some('.'))
        }
        (1, 0) => match style {
            Separators::European => (Some('.'), None),
            Separators::English => (None, Some('.')),
            Separators::Unknown => return Err(NumberError::Ambiguous),
        },
        (_, 0) => (Some('.'), None),
        (0, 1) if last != 3 => match style {
            Separators::European => (None, Some(',')),
            _ => return Err(NumberError::Ambiguous),
        },
        (0, _) => match style {
            Separators::European if commas == 1 => {
                return Err(NumberError::Ambiguous)
            }
            _ => (Some(','), None),
        },
        _ if body.rfind('.') > body.rfind(',') => (Some(','), Some('.')),
        _ => (Some('.'), Some(',')),
    })
}

/// Checks that `int_part` splits into a 1–3 digit head and 3-digit groups.
fn check_groups(int_part: &str, sep: Option<char>) -> Result<(), NumberError> {
    let Some(sep) = sep else {
        return if int_part.bytes().all(|b| b.is_ascii_digit()) {
            Ok(())
        } else {
            Err(NumberError::BadGrouping)
        };
    };
    let mut groups = int_part.split(sep);
    let head = groups.next().unwrap_or("");
    let head_ok = (1..=3).contains(&head.len())
        && head.bytes().all(|b| b.is_ascii_digit());
    let rest: Vec<&str> = groups.collect();
    let digits = |g: &&str| g.bytes().all(|b| b.is_ascii_digit());
    let rest_ok = rest.iter().all(|g| g.len() == 3 && digits(g));
    // Indian grouping: lakhs and crores in pairs, "45,67,890", "1,00,000".
    let indian = sep == ','
        && head_ok
        && rest.len() >= 2
        && rest.last().is_some_and(|g| g.len() == 3 && digits(g))
        && rest[..rest.len() - 1]
            .iter()
            .all(|g| g.len() == 2 && digits(g));
    if head_ok && rest_ok || indian {
        Ok(())
    } else {
        Err(NumberError::BadGrouping)
    }
}

fn parse_suffix(s: &str) -> Suffix {
    if s.is_empty() {
        return Suffix::None;
    }
    if let Some(exp) = magnitude_abbreviation(s) {
        return Suffix::Magnitude(exp);
    }
    match s {
        "pc" => Suffix::Percent,
        "p" => Suffix::Pence,
        "c" => Suffix::Cents,
        _ => Suffix::Other,
    }
}

/// A magnitude written as a word: its power of ten.
pub fn magnitude_word(word: &str) -> Option<u32> {
    magnitude_abbreviation(word).or_else(|| {
        let mut buf = [0u8; 16];
        Some(match lower(word, &mut buf)? {
            "thousand" => 3,
            "million" => 6,
            "billion" => 9,
            "trillion" => 12,
            "lakh" | "lakhs" => 5,
            "crore" | "crores" => 7,
            _ => return None,
        })
    })
}

/// A news abbreviation for a magnitude: "k", "m", "mn", "bn", "b", "tn",
/// "trn", the wire forms "mln", "bln", and "mil", "bil".
pub fn magnitude_abbreviation(word: &str) -> Option<u32> {
    Some(match word {
        "k" | "K" => 3,
        "m" | "M" | "mn" | "mln" | "mil" => 6,
        "b" | "B" | "bn" | "bln" | "bil" => 9,
        "tn" | "trn" => 12,
        _ => return None,
    })
}

/// Lower-cases a short ASCII word into `buf` without allocating; `None`
/// for longer or non-ASCII words, which are never number words.
pub fn lower<'b>(word: &str, buf: &'b mut [u8; 16]) -> Option<&'b str> {
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    let out = &mut buf[..bytes.len()];
    for (d, s) in out.iter_mut().zip(bytes) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(mantissa: u128, scale: u32) -> Decimal {
        Decimal::new(mantissa, scale)
    }

    #[test]
    fn parse_digits_table() {
        use Separators::*;
        use Suffix as S;
        type Case = (
            &'static str,
            Separators,
            Result<(Decimal, Suffix), NumberError>,
        );
        let cases: &[Case] = &[
            ("70", Unknown, Ok((d(70, 0), S::None))),
            ("3,600", Unknown, Ok((d(3600, 0), S::None))),
            ("12,345,678", Unknown, Ok((d(12345678, 0), S::None))),
            ("2.5", Unknown, Ok((d(25, 1), S::None))),
            ("1,234.56", Unknown, Ok((d(123456, 2), S::None))),
            ("1.234,56", Unknown, Ok((d(123456, 2), S::None))),
            ("1.000.000", Unknown, Ok((d(1000000, 0), S::None))),
            ("0.125", Unknown, Ok((d(125, 3), S::None))),
            ("1.000", English, Ok((d(1000, 3), S::None))),
            ("1.000", European, Ok((d(1000, 0), S::None))),
            ("1.000", Unknown, Err(NumberError::Ambiguous)),
            ("2,5", Unknown, Err(NumberError::Ambiguous)),
            ("2,5", European, Ok((d(25, 1), S::None))),
            ("3,600", European, Err(NumberError::Ambiguous)),
            ("2.5bn", Unknown, Ok((d(25, 1), S::Magnitude(9)))),
            ("300mn", Unknown, Ok((d(300, 0), S::Magnitude(6)))),
            ("10m", Unknown, Ok((d(10, 0), S::Magnitude(6)))),
            ("1.2tn", Unknown, Ok((d(12, 1), S::Magnitude(12)))),
            ("5pc", Unknown, Ok((d(5, 0), S::Percent))),
            ("150p", Unknown, Ok((d(150, 0), S::Pence))),
            ("22nd", Unknown, Ok((d(22, 0), S::Other))),
            ("3G", Unknown, Ok((d(3, 0), S::Other))),
            ("1,23,4", Unknown, Err(NumberError::BadGrouping)),
            ("1234,567", Unknown, Err(NumberError::BadGrouping)),
            ("1.2.3", Unknown, Err(NumberError::BadGrouping)),
            ("bn", Unknown, Err(NumberError::Empty)),
            ("", Unknown, Err(NumberError::Empty)),
            (
                "400000000000000000000000000000000000000000",
                Unknown,
                Err(NumberError::Overflow),
            ),
        ];
        for (input, style, want) in cases {
            let got = parse_digits(input, *style).map(|n| (n.value, n.suffix));
            assert_eq!(&got, want, "{input:?} with {style:?}");
        }
    }

    #[test]
    fn numeral_flags() {
        let n = parse_digits("2022", Separators::Unknown).unwrap();
        assert!(n.plain && n.int_digits == 4 && !n.leading_zero);
        let n = parse_digits("0958", Separators::Unknown).unwrap();
        assert!(n.leading_zero);
        let n = parse_digits("0.5", Separators::Unknown).unwrap();
        assert!(!n.leading_zero && !n.plain);
    }

    #[test]
    fn separator_evidence_table() {
        use Separators::*;
        let cases = [
            ("1,234,567", English),
            ("2.75", English),
            ("1.234.567", European),
            ("2,5", European),
            ("1.234,5", European),
            ("1,234.5", English),
            ("3,600", Unknown),
            ("1.000", Unknown),
            ("42", Unknown),
        ];
        for (token, want) in cases {
            assert_eq!(separator_evidence(token), want, "{token}");
        }
    }

    #[test]
    fn beyond_2_pow_53_stays_exact() {
        let n = parse_digits("12,345,678,901,234,567", Separators::Unknown)
            .unwrap();
        assert_eq!(n.value.to_string(), "12345678901234567");
        let big = d(123456789012345678901, 0).checked_shift(9).unwrap();
        assert_eq!(big.to_string(), "123456789012345678901000000000");
    }
}
