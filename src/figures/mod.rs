//! Stage 5, `figures`: money, counts, percentages, fractions and durations
//! in the cleaned text, with exact values.
//!
//! The extractor walks the tokens once. Most tokens are plain words and are
//! dismissed by a length-and-first-letter test; only digit tokens, number
//! words ("four", "thousand", "dozens") and fraction words start a
//! candidate. A candidate is read as an exact quantity ([`number`], [`scan`]),
//! then its surroundings decide what it is: a currency before or after makes
//! it money ([`currency`], [`money`], [`resolve`]), a percent sign a percentage, a unit
//! of time a duration, a plural noun a count ([`count`]); hedge words give
//! the qualifier and definite determiners, names, dates, times and ids
//! veto it ([`context`]).
//!
//! Invariants: figures are sorted by start and do not overlap; each span
//! covers the whole phrase (hedge and counted noun included) and lies on
//! char boundaries of the text; values are exact decimals, never floats;
//! a candidate that cannot be read exactly is dropped, not guessed.
//!
//! Vague quantities map to the smallest amount the plural can mean, with
//! the qualifier `about`: "dozens" 12, "scores" 20, "hundreds" 100,
//! "thousands" 1000, "tens of thousands" 10000, "millions" 10^6 and so on;
//! "a dozen" is exactly 12.

mod context;
mod count;
mod currency;
mod decimal;
mod doc;
mod extract;
mod money;
mod number;
mod resolve;
mod scan;
mod words;

pub use decimal::Decimal;

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
#[derive(Debug)]
pub struct FigureExtractor {
    options: FigureOptions,
    currencies: currency::CurrencyTable,
    dollar: Option<currency::Code>,
}

impl Default for FigureExtractor {
    fn default() -> FigureExtractor {
        FigureExtractor::new(FigureOptions::default())
    }
}

impl FigureExtractor {
    /// Builds the extractor: parses the currency table once.
    pub fn new(options: FigureOptions) -> FigureExtractor {
        let dollar = options
            .dollar
            .as_deref()
            .map(str::to_ascii_uppercase)
            .and_then(|c| currency::to_code(&c));
        FigureExtractor {
            options,
            currencies: currency::CurrencyTable::new(),
            dollar,
        }
    }

    /// The options the extractor was built with.
    pub fn options(&self) -> &FigureOptions {
        &self.options
    }

    /// Every figure in `text`, in text order, non-overlapping.
    pub fn extract(
        &self,
        text: &str,
        tokens: &Tokens,
        mentions: &[Mention],
    ) -> Vec<Figure> {
        extract::Run::new(self, text, tokens, mentions).run()
    }
}
