//! [`Decimal`]: exact decimal values for figures, built with checked
//! integer arithmetic and printed without floats or exponents.

use std::cmp::Ordering;
use std::fmt;
use std::io;

/// An exact decimal number: `±mantissa × 10^-scale`. Never a float, so
/// "$1.13bn" stays 1130000000 and values beyond 2^53 stay exact. Signed
/// only for changes written with their sign ("CAC -0.8%").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decimal {
    /// The digits.
    pub mantissa: u128,
    /// How many of them are after the decimal point.
    pub scale: u32,
    /// Below zero.
    pub negative: bool,
}

impl Decimal {
    /// An integer value.
    pub const fn int(value: u128) -> Decimal {
        Decimal::new(value, 0)
    }

    /// `mantissa × 10^-scale`, not negative.
    pub const fn new(mantissa: u128, scale: u32) -> Decimal {
        Decimal {
            mantissa,
            scale,
            negative: false,
        }
    }

    /// The same value with the other sign (zero stays positive).
    pub fn negated(self) -> Decimal {
        Decimal {
            negative: !self.negative && self.mantissa != 0,
            ..self
        }
    }

    /// Multiplies by `10^exp`, lowering the scale first so "1.13" × 10^9
    /// never needs more digits than the result has.
    pub fn checked_shift(self, exp: u32) -> Option<Decimal> {
        if exp <= self.scale {
            return Some(Decimal {
                scale: self.scale - exp,
                ..self
            });
        }
        let factor = 10u128.checked_pow(exp - self.scale)?;
        Some(Decimal {
            mantissa: self.mantissa.checked_mul(factor)?,
            scale: 0,
            ..self
        })
    }

    /// Divides by `10^exp` exactly ("19 cents" is 0.19).
    pub fn checked_unshift(self, exp: u32) -> Option<Decimal> {
        let scale = self.scale.checked_add(exp)?;
        (scale <= 38).then_some(Decimal { scale, ..self })
    }

    /// Adds exactly ("4 dollars 25 cents" is 4 + 0.25); values of one
    /// sign only.
    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        if self.negative != other.negative {
            return None;
        }
        let scale = self.scale.max(other.scale);
        let lift = |d: Decimal| {
            10u128
                .checked_pow(scale - d.scale)
                .and_then(|f| d.mantissa.checked_mul(f))
        };
        Some(Decimal {
            mantissa: lift(self)?.checked_add(lift(other)?)?,
            scale,
            negative: self.negative,
        })
    }

    /// Multiplies by an integer ("tens of thousands" is 10 × 1000).
    pub fn checked_mul_int(self, factor: u128) -> Option<Decimal> {
        Some(Decimal {
            mantissa: self.mantissa.checked_mul(factor)?,
            ..self
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
                let rounded = Decimal::new(rounded, scale.checked_sub(1)?);
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
        let sign = |d: &Decimal| d.negative && d.mantissa != 0;
        match (sign(&a), sign(&b)) {
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            (true, true) => return b.negated().cmp(&a.negated()),
            _ => {}
        }
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

impl Decimal {
    /// Writes the printed form (see [`fmt::Display`]) to `out` without
    /// building a string: the record writer prints every figure's value.
    pub fn write_to(&self, out: &mut impl io::Write) -> io::Result<()> {
        self.print(|piece| out.write_all(piece))
    }

    /// The shortest exact form, in pieces handed to `put`: a sign, the
    /// integer digits, and after a point the leading zeros and the other
    /// digits of the fraction, its trailing zeros dropped.
    fn print<E>(
        &self,
        mut put: impl FnMut(&[u8]) -> Result<(), E>,
    ) -> Result<(), E> {
        if self.negative && self.mantissa != 0 {
            put(b"-")?;
        }
        let mut buf = [0u8; 39];
        let digits = digits(self.mantissa, &mut buf);
        let scale = self.scale as usize;
        // The integer part is the digits above the scale, or "0".
        let int_len = digits.len().saturating_sub(scale);
        put(if int_len == 0 {
            b"0"
        } else {
            &digits[..int_len]
        })?;
        let zeros = digits.iter().rev().take_while(|&&d| d == b'0').count();
        let frac = &digits[int_len..digits.len() - zeros.min(scale)];
        if frac.is_empty() {
            return Ok(());
        }
        put(b".")?;
        for _ in 0..scale - (digits.len() - int_len) {
            put(b"0")?;
        }
        put(frac)
    }
}

/// The decimal digits of `n`, written at the end of `buf`. Values nearly
/// always fit 64 bits, whose division is far cheaper than 128-bit's.
fn digits(mut n: u128, buf: &mut [u8; 39]) -> &[u8] {
    let mut i = buf.len();
    while n > u128::from(u64::MAX) {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    let mut small = n as u64; // exact: the loop above left 64 bits
    loop {
        i -= 1;
        buf[i] = b'0' + (small % 10) as u8;
        small /= 10;
        if small == 0 {
            return &buf[i..];
        }
    }
}

impl fmt::Display for Decimal {
    /// Prints the shortest exact form: no exponent, no trailing zeros, no
    /// trailing point; valid as a JSON number.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.print(|piece| {
            f.write_str(std::str::from_utf8(piece).map_err(|_| fmt::Error)?)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(mantissa: u128, scale: u32) -> Decimal {
        Decimal::new(mantissa, scale)
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
        assert_eq!(d(8, 1).negated().to_string(), "-0.8");
        assert!(d(8, 1).negated() < d(0, 0));
        assert!(d(8, 1).negated() > d(9, 1).negated());
    }

    #[test]
    fn display_matches_a_padded_string() {
        let mantissas = [0, 5, 50, 1050, 1000, 123456789, u128::MAX, 1 << 64];
        for m in mantissas {
            for scale in [0, 1, 2, 3, 9, 20, 38, 45] {
                for negative in [false, true] {
                    let value = Decimal {
                        mantissa: m,
                        scale,
                        negative,
                    };
                    let digits = m.to_string();
                    let width = scale as usize + 1;
                    let padded = format!("{digits:0>width$}");
                    let (int, frac) =
                        padded.split_at(padded.len() - scale as usize);
                    let frac = frac.trim_end_matches('0');
                    let sign = if negative && m != 0 { "-" } else { "" };
                    let want = match frac {
                        "" => format!("{sign}{int}"),
                        _ => format!("{sign}{int}.{frac}"),
                    };
                    assert_eq!(value.to_string(), want, "{value:?}");
                    let mut out = Vec::new();
                    value.write_to(&mut out).unwrap();
                    assert_eq!(out, want.as_bytes());
                }
            }
        }
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
}
