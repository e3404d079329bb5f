//! Spelled-out numbers ("two hundred and fifty", "a thousand"), vague
//! plurals ("thousands"), fraction words ("thirds"), and the cheap test
//! that finds them among ordinary words.

use super::decimal::Decimal;
use super::number::{lower, magnitude_word};
use crate::swar::packed_lower;

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
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
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
        "thousand" | "million" | "billion" | "trillion" | "lakh" | "lakhs"
        | "crore" | "crores" => {
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

/// Every word that can start a spelled-out, vague or fractional quantity.
const TRIGGER_WORDS: [&[u8]; 46] = [
    b"one",
    b"two",
    b"three",
    b"four",
    b"five",
    b"six",
    b"seven",
    b"eight",
    b"nine",
    b"ten",
    b"eleven",
    b"twelve",
    b"thirteen",
    b"fourteen",
    b"fifteen",
    b"sixteen",
    b"seventeen",
    b"eighteen",
    b"nineteen",
    b"twenty",
    b"thirty",
    b"forty",
    b"fifty",
    b"sixty",
    b"seventy",
    b"eighty",
    b"ninety",
    b"hundred",
    b"thousand",
    b"million",
    b"billion",
    b"trillion",
    b"tens",
    b"dozens",
    b"scores",
    b"hundreds",
    b"thousands",
    b"millions",
    b"billions",
    b"trillions",
    b"dozen",
    b"third",
    b"quarter",
    b"fifth",
    b"tenth",
    b"half",
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
const TRIGGER_KEYS: [u128; 46] = {
    let mut keys = [0u128; 46];
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

/// For each pair of first two letters (`26 * first + second`), a bit per
/// length of the trigger words that start with it. Common short words
/// share a first letter and a length with some trigger word ("the" and
/// "two") far more often than their first two letters ("th" starts no
/// three-letter trigger word).
const PREFIX_LENGTHS: [u16; 26 * 26] = {
    let mut table = [0u16; 26 * 26];
    let mut i = 0;
    while i < TRIGGER_WORDS.len() {
        let w = TRIGGER_WORDS[i];
        let pair = (w[0] - b'a') as usize * 26 + (w[1] - b'a') as usize;
        table[pair] |= 1 << w.len();
        i += 1;
    }
    table
};

/// For each word length, a bit per last letter that some trigger word of
/// that length ends with.
const LAST_LETTERS: [u32; 10] = {
    let mut masks = [0u32; 10];
    let mut i = 0;
    while i < TRIGGER_WORDS.len() {
        let w = TRIGGER_WORDS[i];
        masks[w.len()] |= 1 << (w[w.len() - 1] - b'a');
        i += 1;
    }
    masks
};

/// The index of `c` among the letters a to z, ignoring ASCII case.
#[inline]
pub(super) fn letter(c: u8) -> Option<usize> {
    let c = c | 0x20;
    c.is_ascii_lowercase().then(|| usize::from(c - b'a'))
}

/// A cheap test run on every word token: could `word` start a spelled-out,
/// vague or fractional quantity? Most words fail on length, their first
/// two letters or their last; the rest are one binary search over packed
/// keys, without allocating or validating UTF-8.
#[inline]
pub fn may_be_number_word(b: &[u8]) -> bool {
    if b.len() < 3 || b.len() > 9 {
        return false;
    }
    // `| 0x20` lower-cases ASCII letters and maps no other byte onto one,
    // so a match means the word was these letters in some case.
    let (Some(first), Some(second), Some(last)) =
        (letter(b[0]), letter(b[1]), letter(b[b.len() - 1]))
    else {
        return false;
    };
    if PREFIX_LENGTHS[first * 26 + second] & (1 << b.len()) == 0
        || LAST_LETTERS[b.len()] & (1 << last) == 0
    {
        return false;
    }
    TRIGGER_KEYS.binary_search(&packed_lower(b)).is_ok()
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
        for w in TRIGGER_WORDS {
            assert!(may_be_number_word(w), "{w:?}");
            assert!(may_be_number_word(&w.to_ascii_uppercase()), "{w:?}");
        }
        for w in ["the", "tw0", "twos", "thirds", "a", "Ukraine", "fïve"] {
            assert!(!may_be_number_word(w.as_bytes()), "{w}");
        }
    }
}
