//! Exact numerals: digits with separators, decimals, magnitude words and
//! abbreviations, and English number words.
//!
//! Every value is a [`Decimal`] built with checked integer arithmetic, never
//! a float, so "$1.13bn" is 1130000000 and values beyond 2^53 keep every
//! digit. A numeral that does not fit in a `u128` is an error, not a rounded
//! value.

use std::cmp::Ordering;
use std::fmt;

/// An exact decimal number: `mantissa × 10^-scale`. Never a float, so
/// "$1.13bn" stays 1130000000 and values beyond 2^53 stay exact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decimal {
    /// The digits.
    pub mantissa: u128,
    /// How many of them are after the decimal point.
    pub scale: u32,
}

impl Decimal {
    /// An integer value.
    pub const fn int(value: u128) -> Decimal {
        Decimal { mantissa: value, scale: 0 }
    }

    /// Multiplies by `10^exp`, lowering the scale first so "1.13" × 10^9
    /// never needs more digits than the result has.
    pub fn checked_shift(self, exp: u32) -> Option<Decimal> {
        if exp <= self.scale {
            return Some(Decimal {
                mantissa: self.mantissa,
                scale: self.scale - exp,
            });
        }
        let factor = 10u128.checked_pow(exp - self.scale)?;
        Some(Decimal::int(self.mantissa.checked_mul(factor)?))
    }

    /// Divides by `10^exp` exactly ("19 cents" is 0.19).
    pub fn checked_unshift(self, exp: u32) -> Option<Decimal> {
        let scale = self.scale.checked_add(exp)?;
        (scale <= 38).then_some(Decimal {
            mantissa: self.mantissa,
            scale,
        })
    }

    /// Multiplies by an integer ("tens of thousands" is 10 × 1000).
    pub fn checked_mul_int(self, factor: u128) -> Option<Decimal> {
        Some(Decimal {
            mantissa: self.mantissa.checked_mul(factor)?,
            scale: self.scale,
        })
    }

    /// `numerator / denominator` rounded half-up to six significant digits,
    /// the precision fractions ("two thirds" is 0.666667) are reported at.
    pub fn ratio(numerator: u128, denominator: u128) -> Option<Decimal> {
        if denominator == 0 || numerator == 0 {
            return None;
        }
        let mut scale = 0u32;
        // Raise the scale until the quotient has at least seven digits,
        // then round the seventh away.
        loop {
            let n = numerator.checked_mul(10u128.checked_pow(scale)?)?;
            let q = n / denominator;
            if q >= 1_000_000 || scale >= 30 {
                let rounded = (q + 5) / 10;
                let rounded = Decimal {
                    mantissa: rounded,
                    scale: scale.checked_sub(1)?,
                };
                return Some(rounded.normalized());
            }
            scale += 1;
        }
    }

    /// Drops trailing zeros after the point (1.50 → 1.5).
    pub fn normalized(mut self) -> Decimal {
        while self.scale > 0 && self.mantissa % 10 == 0 {
            self.mantissa /= 10;
            self.scale -= 1;
        }
        self
    }

    /// True for a whole number.
    pub fn is_integer(&self) -> bool {
        self.normalized().scale == 0
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Decimal) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    /// Compares values, not representations (1.50 == 1.5).
    fn cmp(&self, other: &Decimal) -> Ordering {
        let (a, b) = (self.normalized(), other.normalized());
        let scale = a.scale.max(b.scale);
        let lift = |d: Decimal| {
            10u128
                .checked_pow(scale - d.scale)
                .and_then(|f| d.mantissa.checked_mul(f))
        };
        match (lift(a), lift(b)) {
            (Some(x), Some(y)) => x.cmp(&y),
            // Only a huge integer part overflows when lifted.
            (None, _) => Ordering::Greater,
            (_, None) => Ordering::Less,
        }
    }
}

impl fmt::Display for Decimal {
    /// Prints the shortest exact form: no exponent, no trailing zeros, no
    /// trailing point; valid as a JSON number.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.mantissa.to_string();
        let scale = self.scale as usize;
        if scale == 0 {
            return f.write_str(&digits);
        }
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (int, frac) = padded.split_at(padded.len() - scale);
        let frac = frac.trim_end_matches('0');
        if frac.is_empty() {
            f.write_str(int)
        } else {
            write!(f, "{int}.{frac}")
        }
    }
}

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
    let last_group = body
        .rfind(['.', ','])
        .map_or(0, |i| body.len() - i - 1);
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
        value: Decimal { mantissa, scale },
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
        _ if body.rfind('.') > body.rfind(',') => {
            (Some(','), Some('.'))
        }
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
    let rest_ok = groups
        .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
    if head_ok && rest_ok {
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
            "lakh" => 5,
            "crore" => 7,
            _ => return None,
        })
    })
}

/// A news abbreviation for a magnitude: "k", "m", "mn", "bn", "b", "tn",
/// "trn", and the wire forms "mln", "bln".
pub fn magnitude_abbreviation(word: &str) -> Option<u32> {
    Some(match word {
        "k" | "K" => 3,
        "m" | "M" | "mn" | "mln" => 6,
        "b" | "B" | "bn" | "bln" => 9,
        "tn" | "trn" => 12,
        _ => return None,
    })
}

/// A word that is part of a spelled-out number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberWord {
    /// one to nineteen.
    Unit(u32),
    /// twenty to ninety.
    Tens(u32),
    /// hundred.
    Hundred,
    /// thousand, million, billion, trillion: the power of ten.
    Magnitude(u32),
}

/// Classifies a word (any case) as part of a spelled-out number.
pub fn number_word(word: &str) -> Option<NumberWord> {
    if word.len() > 9 || word.len() < 3 {
        return None;
    }
    let mut buf = [0u8; 16];
    let lower = lower(word, &mut buf)?;
    const UNITS: [&str; 19] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
        "sixteen", "seventeen", "eighteen", "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
        "ninety",
    ];
    if let Some(i) = UNITS.iter().position(|u| *u == lower) {
        return Some(NumberWord::Unit(i as u32 + 1));
    }
    if let Some(i) = TENS.iter().position(|t| *t == lower) {
        return Some(NumberWord::Tens(20 + 10 * i as u32));
    }
    match lower {
        "hundred" => Some(NumberWord::Hundred),
        "thousand" | "million" | "billion" | "trillion" => {
            magnitude_word(lower).map(NumberWord::Magnitude)
        }
        _ => None,
    }
}

/// A plural used as a vague quantity, with the value it stands for: the
/// smallest amount the plural can mean ("thousands" is 1000, "dozens" 12).
pub fn vague_word(word: &str) -> Option<u128> {
    if word.len() > 9 || word.len() < 4 {
        return None;
    }
    let mut buf = [0u8; 16];
    Some(match lower(word, &mut buf)? {
        "tens" => 10,
        "dozens" => 12,
        "scores" => 20,
        "hundreds" => 100,
        "thousands" => 1_000,
        "millions" => 1_000_000,
        "billions" => 1_000_000_000,
        "trillions" => 1_000_000_000_000,
        _ => return None,
    })
}

/// A fraction word and its denominator ("thirds" is 3); `plural` tells
/// whether it needs a numerator above one.
pub fn fraction_word(word: &str) -> Option<(u128, bool)> {
    let mut buf = [0u8; 16];
    Some(match lower(word, &mut buf)? {
        "third" => (3, false),
        "thirds" => (3, true),
        "quarter" => (4, false),
        "quarters" => (4, true),
        "fifth" => (5, false),
        "fifths" => (5, true),
        "tenth" => (10, false),
        "tenths" => (10, true),
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

/// Every word that can start a spelled-out, vague or fractional quantity.
const TRIGGER_WORDS: [&[u8]; 45] = [
    b"one", b"two", b"three", b"four", b"five", b"six", b"seven", b"eight",
    b"nine", b"ten", b"eleven", b"twelve", b"thirteen", b"fourteen",
    b"fifteen", b"sixteen", b"seventeen", b"eighteen", b"nineteen",
    b"twenty", b"thirty", b"forty", b"fifty", b"sixty", b"seventy",
    b"eighty", b"ninety", b"hundred", b"thousand", b"million", b"billion",
    b"trillion", b"tens", b"dozens", b"scores", b"hundreds", b"thousands",
    b"millions", b"billions", b"trillions", b"dozen", b"third", b"quarter",
    b"fifth", b"tenth",
];

/// Packs a lower-case word of up to nine bytes into a `u128` key.
const fn pack(word: &[u8]) -> u128 {
    let mut key = 0u128;
    let mut i = 0;
    while i < word.len() {
        key |= (word[i] as u128) << (8 * i);
        i += 1;
    }
    key
}

/// The trigger words as sorted keys, computed at compile time.
const TRIGGER_KEYS: [u128; 45] = {
    let mut keys = [0u128; 45];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = pack(TRIGGER_WORDS[i]);
        i += 1;
    }
    // Insertion sort: const fns cannot call `sort`.
    let mut j = 1;
    while j < keys.len() {
        let mut k = j;
        while k > 0 && keys[k - 1] > keys[k] {
            let t = keys[k];
            keys[k] = keys[k - 1];
            keys[k - 1] = t;
            k -= 1;
        }
        j += 1;
    }
    keys
};

/// For each word length, a bit per first letter that some trigger word of
/// that length starts with.
const FIRST_LETTERS: [u32; 10] = {
    let mut masks = [0u32; 10];
    let mut i = 0;
    while i < TRIGGER_WORDS.len() {
        let w = TRIGGER_WORDS[i];
        masks[w.len()] |= 1 << (w[0] - b'a');
        i += 1;
    }
    masks
};

/// A cheap test run on every word token: could `word` start a spelled-out,
/// vague or fractional quantity? Most words fail on length or first
/// letter; the rest are one binary search over packed keys, without
/// allocating or validating UTF-8.
pub fn may_be_number_word(b: &[u8]) -> bool {
    if b.len() < 3 || b.len() > 9 {
        return false;
    }
    // `| 0x20` lower-cases ASCII letters and maps no other byte onto one,
    // so a match means the word was these letters in some case.
    let first = b[0] | 0x20;
    if !first.is_ascii_lowercase()
        || FIRST_LETTERS[b.len()] & (1 << (first - b'a')) == 0
    {
        return false;
    }
    let mut key = 0u128;
    for (i, c) in b.iter().enumerate() {
        key |= u128::from(c | 0x20) << (8 * i);
    }
    TRIGGER_KEYS.binary_search(&key).is_ok()
}

/// Accumulates spelled-out number words left to right.
///
/// "two hundred and fifty thousand" is fed as Unit(2), Hundred, Unit(50)...
/// The caller decides where "and" and hyphens may join words; this only
/// checks the order ("five two" and "thousand million" are refused).
#[derive(Clone, Copy, Debug, Default)]
pub struct WordNumber {
    total: u128,
    current: u128,
    last: Option<NumberWord>,
    last_magnitude: Option<u32>,
}

impl WordNumber {
    /// Adds the next word; `false` when it cannot continue the number.
    pub fn push(&mut self, word: NumberWord) -> bool {
        let ok = match (word, self.last) {
            (NumberWord::Unit(u), None | Some(NumberWord::Hundred))
            | (NumberWord::Unit(u), Some(NumberWord::Magnitude(_))) => {
                self.current += u128::from(u);
                true
            }
            (NumberWord::Unit(u), Some(NumberWord::Tens(_))) if u < 10 => {
                self.current += u128::from(u);
                true
            }
            (NumberWord::Tens(t), None | Some(NumberWord::Hundred))
            | (NumberWord::Tens(t), Some(NumberWord::Magnitude(_))) => {
                self.current += u128::from(t);
                true
            }
            (NumberWord::Hundred, Some(NumberWord::Unit(_)))
                if self.current < 100 =>
            {
                self.current *= 100;
                true
            }
            (NumberWord::Magnitude(exp), Some(last))
                if !matches!(last, NumberWord::Magnitude(_))
                    && self.last_magnitude.map_or(true, |m| exp < m) =>
            {
                self.add_magnitude(exp)
            }
            _ => false,
        };
        if ok {
            self.last = Some(word);
        }
        ok
    }

    fn add_magnitude(&mut self, exp: u32) -> bool {
        let Some(scaled) = 10u128
            .checked_pow(exp)
            .and_then(|f| self.current.checked_mul(f))
            .and_then(|v| v.checked_add(self.total))
        else {
            return false;
        };
        self.total = scaled;
        self.current = 0;
        self.last_magnitude = Some(exp);
        true
    }

    /// True when the last word was "hundred" or a magnitude, where "and"
    /// may follow ("two hundred and fifty").
    pub fn takes_and(&self) -> bool {
        matches!(
            self.last,
            Some(NumberWord::Hundred | NumberWord::Magnitude(_))
        )
    }

    /// True when the last word was a tens word, where a hyphen may join a
    /// unit ("twenty-five").
    pub fn takes_hyphen(&self) -> bool {
        matches!(self.last, Some(NumberWord::Tens(_)))
    }

    /// The value so far, `None` before any word.
    pub fn value(&self) -> Option<Decimal> {
        self.last?;
        Some(Decimal::int(self.total + self.current))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(mantissa: u128, scale: u32) -> Decimal {
        Decimal { mantissa, scale }
    }

    #[test]
    fn parse_digits_table() {
        use Separators::*;
        use Suffix as S;
        let cases: &[(&str, Separators, Result<(Decimal, Suffix), NumberError>)] = &[
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
    fn beyond_2_pow_53_stays_exact() {
        let n = parse_digits("12,345,678,901,234,567", Separators::Unknown)
            .unwrap();
        assert_eq!(n.value.to_string(), "12345678901234567");
        let big = d(123456789012345678901, 0).checked_shift(9).unwrap();
        assert_eq!(big.to_string(), "123456789012345678901000000000");
    }

    #[test]
    fn shift_and_display() {
        let cases = [
            (d(113, 2), 9, "1130000000"),
            (d(47, 1), 9, "4700000000"),
            (d(25, 1), 0, "2.5"),
            (d(100050, 2), 0, "1000.5"),
        ];
        for (value, exp, want) in cases {
            assert_eq!(value.checked_shift(exp).unwrap().to_string(), want);
        }
        assert_eq!(d(19, 0).checked_unshift(2).unwrap().to_string(), "0.19");
        assert_eq!(d(u128::MAX, 0).checked_shift(1), None);
    }

    #[test]
    fn ratio_rounds_to_six_significant_digits() {
        let cases = [
            ((2, 3), Some("0.666667")),
            ((1, 3), Some("0.333333")),
            ((3, 4), Some("0.75")),
            ((1, 0), None),
            ((0, 5), None),
        ];
        for ((n, den), want) in cases {
            let got = Decimal::ratio(n, den).map(|v| v.to_string());
            assert_eq!(got.as_deref(), want, "{n}/{den}");
        }
    }

    #[test]
    fn ordering_compares_values() {
        assert!(d(15, 1) == d(150, 2).normalized());
        assert!(d(3, 0) > d(25, 1));
        assert!(d(2, 0) < d(2001, 3));
    }

    #[test]
    fn word_numbers() {
        use NumberWord::*;
        let cases: &[(&[NumberWord], Option<u128>)] = &[
            (&[Unit(4)], Some(4)),
            (&[Tens(20), Unit(5)], Some(25)),
            (&[Unit(2), Hundred, Tens(50)], Some(250)),
            (&[Unit(4), Magnitude(9)], Some(4_000_000_000)),
            (&[Unit(1), Magnitude(3)], Some(1000)),
            (&[Unit(3), Magnitude(6), Unit(2), Hundred], Some(3_000_200)),
            (&[Unit(15), Hundred], Some(1500)),
            // Refused continuations stop the number where it was.
            (&[Unit(5), Unit(2)], Some(5)),
            (&[Magnitude(3)], None),
            (&[Unit(1), Magnitude(3), Magnitude(6)], Some(1000)),
            (&[Tens(20), Unit(15)], Some(20)),
        ];
        for (words, want) in cases {
            let mut n = WordNumber::default();
            for w in words.iter() {
                if !n.push(*w) {
                    break;
                }
            }
            let got = n.value().map(|v| v.mantissa);
            assert_eq!(got, *want, "{words:?}");
        }
    }

    #[test]
    fn word_tables() {
        assert_eq!(number_word("Two"), Some(NumberWord::Unit(2)));
        assert_eq!(number_word("ninety"), Some(NumberWord::Tens(90)));
        assert_eq!(number_word("billion"), Some(NumberWord::Magnitude(9)));
        assert_eq!(number_word("the"), None);
        assert_eq!(number_word("twos"), None);
        assert_eq!(magnitude_word("bn"), Some(9));
        assert_eq!(magnitude_word("Million"), Some(6));
        assert_eq!(magnitude_word("crore"), Some(7));
        assert_eq!(magnitude_word("many"), None);
        assert_eq!(vague_word("Thousands"), Some(1000));
        assert_eq!(vague_word("dozens"), Some(12));
        assert_eq!(vague_word("people"), None);
        assert_eq!(fraction_word("thirds"), Some((3, true)));
        assert_eq!(fraction_word("quarter"), Some((4, false)));
        assert_eq!(fraction_word("second"), None);
        for w in ["Two", "thousand", "Dozens", "third", "TEN"] {
            assert!(may_be_number_word(w.as_bytes()), "{w}");
        }
        for w in ["the", "tw0", "twos", "thirds", "a", "Ukraine", "fïve"] {
            assert!(!may_be_number_word(w.as_bytes()), "{w}");
        }
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
}
