//! Stage 3, `tokenize`: words and sentences in one pass over the cleaned text.
//!
//! Words come from Unicode word boundaries (UAX #29, via
//! `unicode-segmentation`), so "3,600", "3.5", "U.S" and "Russia’s" are single
//! segments. Sentences are derived from the same segment stream instead of a
//! second scan: a sentence ends at `.`, `!`, `?` or `…` (with any closing
//! quotes or brackets) when the next word starts one, and always at a line
//! break, since the cleaner joins hard-wrapped lines and leaves newlines only
//! between paragraphs.
//!
//! Invariants: tokens are sorted, non-overlapping and each contains a letter
//! or digit; sentences are sorted, non-overlapping, each starts at a token and
//! covers at least one.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::span::Span;

/// What a word token starts with, which later stages use to skip work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Starts with a letter (or a non-digit alphanumeric).
    Word,
    /// Starts with an ASCII digit ("3,600", "2022", "S" is a word).
    Number,
}

/// One word token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Where the token is in the cleaned text.
    pub span: Span,
    /// Whether it starts with a digit.
    pub kind: TokenKind,
}

/// One sentence: its extent and the tokens inside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// From the first token to the end of the closing punctuation.
    pub span: Span,
    /// Indices into [`Tokens::tokens`].
    pub tokens: Range<usize>,
}

/// The tokenizer's output for one document.
#[derive(Clone, Debug, Default)]
pub struct Tokens {
    /// Word tokens in text order.
    pub tokens: Vec<Token>,
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
}

impl Tokens {
    /// Index of the sentence holding byte `pos`, if any.
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= pos);
        (i < self.sentences.len() && self.sentences[i].span.start <= pos)
            .then_some(i)
    }

    /// Index of the first token that ends after byte `pos`.
    pub fn token_after(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.span.end <= pos)
    }
}

/// Words that take a full stop without ending a sentence when a capitalised
/// word or a number follows: titles, months and reference labels.
const ABBREVIATIONS: &[&str] = &[
    "Adm", "Apr", "Art", "Aug", "Brig", "Capt", "Cmdr", "Col", "Cpl", "Dec",
    "Dr", "Feb", "Fig", "Fr", "Gen", "Gov", "Hon", "Insp", "Jan", "Jr", "Jul",
    "Jun", "Lt", "Maj", "Mar", "Messrs", "Mr", "Mrs", "Ms", "Mt", "No", "Nos",
    "Nov", "Oct", "Ph", "Pres", "Prof", "Pvt", "Rep", "Reps", "Rev", "Sen",
    "Sens", "Sep", "Sept", "Sgt", "Sr", "St", "Supt", "Vol", "vs", "pp", "p",
    "cf",
];

/// Splits cleaned text into word tokens and sentences.
#[derive(Clone, Debug, Default)]
pub struct Tokenizer {
    _private: (),
}

/// Sentence-boundary state carried along the segment stream.
#[derive(Default)]
struct SentenceState {
    /// Byte where the open sentence starts, with its first token index.
    open: Option<(usize, usize)>,
    /// End of the last non-space segment of the open sentence.
    last_end: usize,
    /// End of a terminal mark that may close the sentence.
    pending: Option<usize>,
    /// The pending mark was `!`, `?` or `…`, not a full stop.
    pending_strong: bool,
}

impl Tokenizer {
    /// Builds a tokenizer; cheap, but keep one per pipeline.
    pub fn new() -> Tokenizer {
        Tokenizer::default()
    }

    /// Tokenizes `text` in a single pass.
    pub fn tokenize(&self, text: &str) -> Tokens {
        let mut out = Tokens {
            tokens: Vec::with_capacity(text.len() / 6),
            sentences: Vec::with_capacity(text.len() / 120),
        };
        let mut st = SentenceState::default();
        for (i, seg) in text.split_word_bound_indices() {
            let end = i + seg.len();
            let first = seg.chars().next().unwrap_or(' ');
            if seg.chars().any(char::is_alphanumeric) {
                self.on_word(text, &mut st, &mut out, Span::new(i, end), first);
            } else if seg.contains('\n') {
                close(&mut st, &mut out, None);
            } else if first.is_whitespace() {
                continue;
            } else {
                on_punct(&mut st, seg, i, end);
            }
        }
        close(&mut st, &mut out, None);
        out
    }

    fn on_word(
        &self,
        text: &str,
        st: &mut SentenceState,
        out: &mut Tokens,
        span: Span,
        first: char,
    ) {
        if let Some(end) = st.pending.take() {
            if st.pending_strong || starts_sentence(text, out, first) {
                close(st, out, Some(end));
            }
        }
        if st.open.is_none() {
            st.open = Some((span.start, out.tokens.len()));
        }
        let kind = if first.is_ascii_digit() {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        out.tokens.push(Token { span, kind });
        st.last_end = span.end;
    }
}

/// Handles a punctuation segment: terminal marks arm a boundary, closing
/// quotes extend it, anything else (a comma after "e.g.") cancels it.
fn on_punct(st: &mut SentenceState, seg: &str, start: usize, end: usize) {
    if st.open.is_none() {
        return;
    }
    st.last_end = end;
    match seg {
        "." | "!" | "?" | "…" => {
            st.pending = Some(end);
            st.pending_strong = seg != ".";
        }
        "”" | "’" | "\"" | "'" | ")" | "]" | "»"
            if st.pending == Some(start) =>
        {
            st.pending = Some(end)
        }
        "“" | "‘" | "(" | "[" | "«" | "-" | "—" | "–" => {}
        _ => st.pending = None,
    }
}

/// Decides whether the word at `span` opens a new sentence after a full stop.
fn starts_sentence(text: &str, out: &Tokens, first: char) -> bool {
    if !(first.is_uppercase() || first.is_ascii_digit()) {
        return false;
    }
    let Some(prev) = out.tokens.last() else {
        return true;
    };
    let word = prev.span.slice(text);
    if word.contains('.') {
        return false; // "U.S." and "a.m." keep their dots
    }
    if word.chars().count() == 1 && word.starts_with(char::is_uppercase) {
        return false; // an initial: "J. Smith"
    }
    if ABBREVIATIONS.contains(&word) {
        // "No. 5" and "Gen. Smith" continue; "No." before a word may end one.
        return word == "No" && !first.is_ascii_digit();
    }
    true
}

/// Closes the open sentence at `end`, or after its last non-space segment.
fn close(st: &mut SentenceState, out: &mut Tokens, end: Option<usize>) {
    st.pending = None;
    st.pending_strong = false;
    if let Some((start, first_token)) = st.open.take() {
        let end = end.unwrap_or(st.last_end);
        out.sentences.push(Sentence {
            span: Span::new(start, end),
            tokens: first_token..out.tokens.len(),
        });
    }
}
