//! Stage 5, `figures`: money, counts, percentages and other quantities.
//!
//! INTERFACE SKELETON — the real extractor replaces the bodies; the types and
//! signatures below are the contract the pipeline relies on.

use std::fmt;

use crate::gazetteer::Mention;
use crate::span::Span;
use crate::tokenize::Tokens;

/// What kind of quantity a figure is; serialised as the lower-case word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FigureKind {
    /// An amount of money.
    Money,
    /// A number of things.
    Count,
    /// A percentage.
    Percent,
    /// A fraction ("two thirds").
    Fraction,
    /// A length of time ("40 years").
    Duration,
}

impl FigureKind {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            FigureKind::Money => "money",
            FigureKind::Count => "count",
            FigureKind::Percent => "percent",
            FigureKind::Fraction => "fraction",
            FigureKind::Duration => "duration",
        }
    }
}

/// How the text hedges a figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Qualifier {
    /// "more than", "over", "above", "exceeding", "slightly more than".
    Over,
    /// "at least", "no fewer than".
    AtLeast,
    /// "less than", "fewer than", "below".
    Under,
    /// "up to", "no more than".
    AtMost,
    /// "around", "about", "roughly", "some", "approximately", "an estimated".
    About,
    /// "almost", "nearly", "just under".
    Almost,
}

impl Qualifier {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Over => "over",
            Qualifier::AtLeast => "at_least",
            Qualifier::Under => "under",
            Qualifier::AtMost => "at_most",
            Qualifier::About => "about",
            Qualifier::Almost => "almost",
        }
    }
}

/// An exact decimal number: `mantissa × 10^-scale`. Never a float, so
/// "$1.13bn" stays 1130000000 and values beyond 2^53 stay exact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decimal {
    /// The digits.
    pub mantissa: u128,
    /// How many of them are after the decimal point.
    pub scale: u32,
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

/// One figure found in the cleaned text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure {
    /// The whole figure phrase, hedge words and counted noun included.
    pub span: Span,
    /// Its kind.
    pub kind: FigureKind,
    /// The value (the low end of a range).
    pub value: Decimal,
    /// The high end of a range.
    pub value_max: Option<Decimal>,
    /// ISO 4217 code, for money.
    pub currency: Option<String>,
    /// The counted noun, lower-cased as written, for counts.
    pub unit: Option<String>,
    /// How the text hedges the figure.
    pub qualifier: Option<Qualifier>,
}

/// Switches that come from the command line.
#[derive(Clone, Debug, Default)]
pub struct FigureOptions {
    /// What a bare "$" means when the document does not say (default USD).
    pub dollar: Option<String>,
}

/// Finds figures; build once and share.
#[derive(Debug, Default)]
pub struct FigureExtractor {
    _options: FigureOptions,
}

impl FigureExtractor {
    /// Builds the extractor (compiles its patterns once).
    pub fn new(options: FigureOptions) -> FigureExtractor {
        FigureExtractor { _options: options }
    }

    /// Every figure in `text`, in text order, non-overlapping.
    pub fn extract(
        &self,
        _text: &str,
        _tokens: &Tokens,
        _mentions: &[Mention],
    ) -> Vec<Figure> {
        Vec::new()
    }
}
