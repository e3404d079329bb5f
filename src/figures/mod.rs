//! Stage 5, `figures`: money, counts, percentages, fractions and durations
//! in the cleaned text, with exact values.
//!
//! The extractor walks the tokens once. Most tokens are plain words and are
//! dismissed by a length-and-first-letter test; only digit tokens, number
//! words ("four", "thousand", "dozens") and fraction words start a
//! candidate. A candidate is read as an exact quantity (modules `number`,
//! `words`, `decimal`, `scan`), then its surroundings decide what it is: a
//! currency before or after makes it money (`currency`, `money`,
//! `resolve`), a percent sign a percentage, a unit of time a duration, a
//! plural noun a count (`count`); hedge words give the qualifier, and
//! definite determiners, names, dates, times and ids veto it (`context`).
//! Currency names, codes and symbols come from the shipped
//! `gazetteers/sources/currencies.tsv`, parsed once in
//! [`FigureExtractor::new`]; no pattern is compiled per document.
//!
//! What is never a figure: years ("in 1979"), dates ("February 22, 2022",
//! "Oct. 31"), clock times, ordinals ("22nd"), designators and names with
//! numbers ("S-400", "Boeing 737", "Army 2020", "Covid-19", "3G"), phone
//! numbers, numbers inside URLs, e-mail addresses and ids, scores ("3-1"),
//! ages ("45 years old"), and definite references ("the two countries").
//! "half" is a fraction (0.5) before "of" or a determiner ("almost half
//! of all pupils", "half its value"); "half an hour" is a duration of 0.5
//! with the singular unit "hour". "a third" needs no "of" when no noun
//! follows ("a minority larger than a third to veto"); "a third term" is
//! an ordinal.
//! A length of time already known ("in the 24 hours", "their fifteen
//! minutes of fame"), a frequency ("every ten years") and an age ("at the
//! age of four months") are not durations; "the past 24 hours" is.
//! Measures are not figures: "250 km", "12,000 kilometres", "40
//! kilograms", "2 million barrels" (module `units`); nor do model names
//! count ("A380 superjumbos", "747-8 freighters").
//!
//! Currencies are read in every position (`currency`, `money`): symbols
//! and codes before or after the number, glued or spaced ("USD25m",
//! "250USD", "20€", "45 €", "$US40", "45 MEUR"), letter signs after it
//! ("500 Ft"), minor units ("19 cents", "72 p", "15-cent") and compound
//! amounts ("4 dollars 25 cents" is 4.25). Ranges and changes follow one
//! rule (module `range`): "X to Y", "X-Y", "X/Y", "X or Y", "between X and
//! Y", "ranged from X to Y" are one figure with `value_max`; "rose from X
//! to Y" (a verb of change before "from") is two figures, and the unit and
//! scale of the last number apply to elided earlier ones ("from 3.1 to
//! 2.9 percent"). A percentage change keeps its sign ("CAC -0.8%" is
//! -0.8).
//!
//! [`FigureExtractor::numbers`] is the numeral reader on its own: every
//! number of a text, whatever it counts.
//!
//! Invariants: figures are sorted by start and do not overlap; each span
//! covers the whole phrase (hedge and counted noun included) and lies on
//! char boundaries of the text; values are exact decimals, never floats;
//! a candidate that cannot be read exactly is dropped, not guessed.
//!
//! Vague quantities map to the smallest amount the plural can mean, with
//! the qualifier `about`: "dozens" 12, "scores" 20, "hundreds" 100,
//! "thousands" 1000, "tens of thousands" 10000, "millions" 10^6 and so on;
//! "a dozen" is exactly 12. A vague plural with no counted noun
//! ("Hundreds gathered", "attracting thousands") is not a count unless a
//! parallel figure gives it one. A noun elided in a parallel phrase is taken
//! from the previous figure of the sentence ("3,600 sanctions ... and
//! almost 2,700 against Russia" counts sanctions twice).
//!
//! ```
//! use newsx::figures::{FigureExtractor, FigureOptions};
//! use newsx::tokenize::Tokenizer;
//!
//! let text = "Turkey signed a $2.5bn deal; around 70 nations attended.";
//! let tokens = Tokenizer::new().tokenize(text);
//! let figures = FigureExtractor::new(FigureOptions::default())
//!     .extract(text, &tokens, &[]);
//! assert_eq!(figures[0].value.to_string(), "2500000000");
//! assert_eq!(figures[0].currency.as_deref(), Some("USD"));
//! assert_eq!(&text[figures[1].span.start..figures[1].span.end],
//!            "around 70 nations");
//! ```

mod context;
mod count;
mod currency;
mod currency_names;
mod decimal;
mod doc;
mod extract;
mod money;
mod number;
mod numerals;
mod range;
mod resolve;
mod scan;
mod units;
mod words;

pub use currency::is_iso_4217;
pub use decimal::Decimal;
pub use numerals::NumberSpan;

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
    /// The counted noun, lower-cased as written, for counts; `None` for a
    /// count that names none ("killed 14").
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

    /// Every figure in `text`, in text order, non-overlapping. `mentions`
    /// must be as [`crate::gazetteer::Gazetteer::find`] returns them: in
    /// text order and non-overlapping.
    pub fn extract(
        &self,
        text: &str,
        tokens: &Tokens,
        mentions: &[Mention],
    ) -> Vec<Figure> {
        extract::Run::new(self, text, tokens, mentions).run()
    }
}

#[cfg(test)]
mod tests;
