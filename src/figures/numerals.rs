//! The numeral reader on its own: every number in a text, spelled out or
//! written with digits, with its exact value, whatever it counts.
//!
//! Records carry no bare numbers, so this is what measures the reader
//! itself against number-parsing test suites, and what a caller uses to
//! read a number field ("two hundred and fifty" → 250). It shares
//! [`super::scan`] with the extractor: the same separators, magnitudes and
//! word grammar.

use super::doc::{is, Doc};
use super::range::range_after;
use super::scan::{quantity, Form, Style};
use super::words::may_be_number_word;
use super::{Decimal, FigureExtractor};
use crate::span::Span;
use crate::tokenize::{TokenKind, Tokens};

/// One number read from the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumberSpan {
    /// Where it is written.
    pub span: Span,
    /// Its value (the low end of a range).
    pub value: Decimal,
    /// The high end of a range ("2-3bn", "30 to 70").
    pub value_max: Option<Decimal>,
}

impl FigureExtractor {
    /// Every number in `text`, in text order, non-overlapping: digits with
    /// their magnitude ("2.5bn"), spelled-out numbers ("two hundred and
    /// fifty"), fractions ("two thirds") and ranges. Vague plurals
    /// ("thousands") are not numbers.
    pub fn numbers(&self, text: &str, tokens: &Tokens) -> Vec<NumberSpan> {
        let doc = Doc { text, tokens };
        let mut style = Style::default();
        let mut out = Vec::new();
        for sentence in &tokens.sentences {
            let mut i = sentence.tokens.start;
            let limit = sentence.tokens.end;
            while i < limit {
                let tok = &tokens.tokens[i];
                let trigger = tok.kind == TokenKind::Number
                    || may_be_number_word(doc.word(i).as_bytes())
                    || lone_word(doc.word(i)).is_some();
                if !trigger {
                    i += 1;
                    continue;
                }
                let table = &self.currencies;
                let read = quantity(&doc, i, limit, &mut style, table)
                    .filter(|q| q.form != Form::Vague && q.first >= i);
                let Some(mut q) = read else {
                    if let Some(v) = lone_word(doc.word(i)) {
                        out.push(NumberSpan {
                            span: Span::new(doc.start(i), doc.end(i)),
                            value: Decimal::int(v),
                            value_max: None,
                        });
                    }
                    i += 1;
                    continue;
                };
                let high = range_after(
                    &doc, &mut q, limit, false, false, &mut style, table,
                )
                .filter(|r| r.valid)
                .map(|r| r.high);
                let last = high.map_or(q.last, |h| h.last);
                let start = doc.start(q.first) - usize::from(q.dot);
                let (start, negative) = sign(&doc, q.first, start);
                let value = q.value.normalized();
                out.push(NumberSpan {
                    span: Span::new(start, doc.end(last)),
                    value: if negative { value.negated() } else { value },
                    value_max: high.map(|h| h.value.normalized()),
                });
                i = last + 1;
            }
        }
        out
    }
}

/// A minus written before the number at token `first` (whose text starts
/// at byte `start`): "-504", "− 3", "minus five", "negative 1200". Returns
/// where the number then starts and whether it is negative.
fn sign(doc: &Doc<'_>, first: usize, start: usize) -> (usize, bool) {
    let head = &doc.text[..start];
    let trimmed = head.trim_end_matches(' ');
    if let Some(rest) = trimmed.strip_suffix(['-', '−']) {
        let apart = !rest.ends_with(|c: char| c.is_alphanumeric() || c == '-');
        if apart {
            return (rest.len(), true);
        }
    }
    if first > 0 && doc.spaced(first) {
        let word = doc.word(first - 1);
        if is(word, "minus") || is(word, "negative") {
            return (doc.start(first - 1), true);
        }
    }
    (start, false)
}

/// Number words the extractor leaves alone as figures but that are
/// numbers all the same: "one" on its own (an article as often as a
/// count), "zero".
fn lone_word(word: &str) -> Option<u128> {
    if is(word, "one") {
        Some(1)
    } else if ["zero", "nought", "naught", "nil"]
        .iter()
        .any(|z| is(word, z))
    {
        Some(0)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use crate::figures::FigureExtractor;
    use crate::tokenize::Tokenizer;

    fn read(text: &str) -> Vec<String> {
        let tokens = Tokenizer::new().tokenize(text);
        FigureExtractor::default()
            .numbers(text, &tokens)
            .iter()
            .map(|n| match n.value_max {
                Some(m) => format!("{}..{m}", n.value),
                None => n.value.to_string(),
            })
            .collect()
    }

    #[test]
    fn numbers_in_running_text() {
        assert_eq!(
            read("I have eight cows and one hundred and two sheep"),
            ["8", "102"]
        );
        assert_eq!(
            read("It cost $2.5bn, or 30 to 70 pounds."),
            ["2500000000", "30..70"]
        );
        assert_eq!(read("one"), ["1"]);
        assert_eq!(
            read("-504 and minus five, .77, 3-1"),
            ["-504", "-5", "0.77", "3", "1"]
        );
        assert_eq!(read("two thirds"), ["0.666667"]);
        assert!(read("thousands came").is_empty());
    }
}
