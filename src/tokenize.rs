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
//! or digit; sentences are sorted, non-overlapping and cover at least one
//! token each; a sentence starts at its first token or at the opening quote
//! or bracket right before it.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::span::Span;
use crate::swar;

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

/// The length of the longest of [`ABBREVIATIONS`]: most words before a
/// full stop are longer and skip the list.
const LONGEST_ABBREVIATION: usize = {
    let mut longest = 0;
    let mut i = 0;
    while i < ABBREVIATIONS.len() {
        if ABBREVIATIONS[i].len() > longest {
            longest = ABBREVIATIONS[i].len();
        }
        i += 1;
    }
    longest
};

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
    /// Start of an opening quote or bracket that may open the next sentence.
    opener: Option<usize>,
}

impl Tokenizer {
    /// Builds a tokenizer; cheap, but keep one per pipeline.
    pub fn new() -> Tokenizer {
        Tokenizer::default()
    }

    /// Tokenizes `text` in a single pass.
    pub fn tokenize(&self, text: &str) -> Tokens {
        // News prose has a token for every four bytes or so (words and
        // their punctuation): sized for that, most documents never copy
        // their tokens into a grown vector.
        let mut out = Tokens {
            tokens: Vec::with_capacity(text.len() / 4),
            sentences: Vec::with_capacity(text.len() / 120),
        };
        let mut st = SentenceState::default();
        for_each_segment(
            text,
            // Called once per segment from three places; inlined, the
            // token push costs no call frame.
            #[inline(always)]
            |i, seg, kind| {
                let end = i + seg.len();
                match kind {
                    Segment::Word => {
                        let first = match seg.as_bytes().first() {
                            Some(&b) if b.is_ascii() => char::from(b),
                            _ => seg.chars().next().unwrap_or(' '),
                        };
                        let span = Span::new(i, end);
                        self.on_word(text, &mut st, &mut out, span, first);
                    }
                    Segment::Break => close(&mut st, &mut out, None),
                    Segment::Space => {}
                    Segment::Punct => on_punct(&mut st, seg, i, end),
                }
            },
        );
        close(&mut st, &mut out, None);
        // The capacity was a guess; a long document's token list is the
        // largest thing its analysis holds, so it keeps only what it needs.
        out.tokens.shrink_to_fit();
        out.sentences.shrink_to_fit();
        out
    }

    #[inline(always)]
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
        let opener = st.opener.take();
        if st.open.is_none() {
            let start = opener.unwrap_or(span.start);
            st.open = Some((start, out.tokens.len()));
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

/// What a segment is, as far as tokens and sentences care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segment {
    /// Holds a letter or digit: a word token.
    Word,
    /// Whitespace with a line break: ends a sentence.
    Break,
    /// Other whitespace.
    Space,
    /// Anything else: punctuation and symbols.
    Punct,
}

impl Segment {
    /// Classifies a segment by its characters (the general, slow way).
    fn of(seg: &str) -> Segment {
        if seg.chars().any(char::is_alphanumeric) {
            Segment::Word
        } else if seg.contains('\n') {
            Segment::Break
        } else if seg.chars().all(char::is_whitespace) {
            Segment::Space
        } else {
            Segment::Punct
        }
    }
}

/// Calls `f(offset, segment, kind)` for every UAX #29 word-boundary segment
/// of `text` but whitespace without a line break ([`Segment::Space`] is
/// never passed); a run of ASCII whitespace with a line break comes as one
/// [`Segment::Break`].
///
/// Whitespace always separates words, so the text is cut into chunks at
/// ASCII whitespace: chunks of pure ASCII (most of English news) are
/// segmented by `ascii_segments`, a direct transcription of the UAX #29
/// rules restricted to ASCII; any chunk with other characters goes through
/// `unicode-segmentation`. Both give the same segments for such chunks,
/// which a property test checks. Rather than testing every chunk for
/// other characters, the text is searched for the next non-ASCII byte (a
/// word at a time): everything before the chunk holding it is ASCII and
/// segmented in the same pass that finds the chunks.
pub fn for_each_segment<'t>(
    text: &'t str,
    mut f: impl FnMut(usize, &'t str, Segment),
) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        let high = next_non_ascii(bytes, i);
        if high == n {
            ascii_segments(text, i, n, &mut f);
            return;
        }
        // The chunk holding the non-ASCII byte starts after the last
        // whitespace before it.
        let chunk_start = bytes[i..high]
            .iter()
            .rposition(|&b| class(b) & SPACE != 0)
            .map_or(i, |k| i + k + 1);
        ascii_segments(text, i, chunk_start, &mut f);
        let chunk_end = bytes[high..]
            .iter()
            .position(|&b| class(b) & SPACE != 0)
            .map_or(n, |k| high + k);
        let chunk = &text[chunk_start..chunk_end];
        for (j, seg) in chunk.split_word_bound_indices() {
            match Segment::of(seg) {
                Segment::Space => {}
                kind => f(chunk_start + j, seg, kind),
            }
        }
        i = chunk_end;
    }
}

/// The first byte at or after `from` that is not ASCII, or the length.
fn next_non_ascii(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    // `is_ascii` on a block tests a machine word at a time.
    while i + 32 <= bytes.len() && bytes[i..i + 32].is_ascii() {
        i += 32;
    }
    while i < bytes.len() && bytes[i].is_ascii() {
        i += 1;
    }
    i
}

/// ASCII whitespace.
const SPACE: u8 = 1;
/// A letter, digit or `_`: the bytes of a word run (WB5, WB8–WB10, WB13a/b).
const WORD: u8 = 1 << 1;
const ALPHA: u8 = 1 << 2;
const DIGIT: u8 = 1 << 3;
/// A byte that may join two runs (WB6/7, WB11/12): `:` `.` `'` `,` `;`.
const MID: u8 = 1 << 4;

/// The classes of every byte, so that the loops over every byte of the
/// text test one bit of one table load instead of a chain of ranges.
static BYTE_CLASS: [u8; 256] = byte_classes();

const fn byte_classes() -> [u8; 256] {
    let mut table = [0; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        let mut c = 0;
        if b.is_ascii_whitespace() {
            c |= SPACE;
        }
        if b.is_ascii_alphanumeric() || b == b'_' {
            c |= WORD;
        }
        if b.is_ascii_alphabetic() {
            c |= ALPHA;
        }
        if b.is_ascii_digit() {
            c |= DIGIT;
        }
        if matches!(b, b':' | b'.' | b'\'' | b',' | b';') {
            c |= MID;
        }
        table[i] = c;
        i += 1;
    }
    table
}

#[inline(always)]
fn class(b: u8) -> u8 {
    BYTE_CLASS[usize::from(b)]
}

/// UAX #29 word segmentation of the ASCII text `text[from..to]`, which
/// ends at whitespace or at the end of the text: runs of whitespace (passed
/// on only with a line break, as one [`Segment::Break`]), runs of letters,
/// digits and `_` (WB5, WB8–WB10, WB13a/b), joined across one `:` `.` `'`
/// between letters (WB6/7) or one `,` `;` `.` `'` between digits
/// (WB11/12); every other character is a segment of its own (WB999).
fn ascii_segments<'t>(
    text: &'t str,
    from: usize,
    to: usize,
    f: &mut impl FnMut(usize, &'t str, Segment),
) {
    let b = text.as_bytes();
    let mut i = from;
    while i < to {
        let start = i;
        i += 1;
        let c = class(b[start]);
        if c & SPACE != 0 {
            let mut newline = b[start] == b'\n';
            while i < to && class(b[i]) & SPACE != 0 {
                newline |= b[i] == b'\n';
                i += 1;
            }
            // Spaces matter to no caller: only a line break is passed on,
            // which spares a call per word gap.
            if newline {
                f(start, &text[start..i], Segment::Break);
            }
            continue;
        }
        let mut kind = Segment::Punct;
        if c & WORD != 0 {
            // Whitespace or the end of the text ends every run before `to`.
            loop {
                i = word_run_end(&b[..to], i);
                // Most runs end at a space: only a joiner needs a look.
                if i + 1 < to
                    && class(b[i]) & MID != 0
                    && joins(b[i - 1], b[i], b[i + 1])
                {
                    i += 2;
                } else {
                    break;
                }
            }
            // A run of `_` alone is no word; a join needs letters or
            // digits, so only a run that starts with `_` needs a look.
            if b[start] != b'_' || b[start..i].iter().any(|&c| c != b'_') {
                kind = Segment::Word;
            }
        }
        f(start, &text[start..i], kind);
    }
}

/// The end of the run of word bytes (letters, digits, `_`) of the ASCII
/// bytes `b` that goes on at `i`. Eight bytes are tested at a time, with
/// integer arithmetic: the length of a word, which no branch predictor
/// guesses, then costs no branch per byte.
fn word_run_end(b: &[u8], mut i: usize) -> usize {
    while let Some(bytes) = swar::word_at(b, i) {
        let other = !word_bytes(bytes) & swar::HIGH;
        if other != 0 {
            return i + swar::first(other);
        }
        i += 8;
    }
    while i < b.len() && class(b[i]) & WORD != 0 {
        i += 1;
    }
    i
}

/// The high bit of each byte of `x` (eight ASCII bytes) that is a letter,
/// a digit or `_`.
fn word_bytes(x: u64) -> u64 {
    use swar::in_range;
    let folded = x | (swar::LOW * 0x20);
    in_range(folded, b'a', b'z')
        | in_range(x, b'0', b'9')
        | in_range(x, b'_', b'_')
}

/// WB6/7 and WB11/12 for ASCII: does `mid` join `prev` and `next`?
#[inline]
fn joins(prev: u8, mid: u8, next: u8) -> bool {
    let both = class(prev) & class(next);
    (both & ALPHA != 0 && matches!(mid, b':' | b'.' | b'\''))
        || (both & DIGIT != 0 && matches!(mid, b',' | b';' | b'.' | b'\''))
}

/// Handles a punctuation segment: terminal marks arm a boundary, closing
/// quotes extend it, anything else (a comma after "e.g.") cancels it.
fn on_punct(st: &mut SentenceState, seg: &str, start: usize, end: usize) {
    let opening = matches!(seg, "“" | "‘" | "(" | "[" | "«")
        || (seg == "\"" && st.pending != Some(start));
    if opening {
        st.opener = Some(start);
        if st.open.is_none() {
            return;
        }
    } else {
        st.opener = None;
    }
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
        "“" | "‘" | "(" | "[" | "«" | "\"" | "-" | "—" | "–" => {}
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
    let mut chars = word.chars();
    if chars.next().is_some_and(char::is_uppercase) && chars.next().is_none() {
        return false; // an initial: "J. Smith"
    }
    if word.len() <= LONGEST_ABBREVIATION && ABBREVIATIONS.contains(&word) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn words(text: &str) -> Vec<&str> {
        let tokens = Tokenizer::new().tokenize(text);
        tokens.tokens.iter().map(|t| t.span.slice(text)).collect()
    }

    fn sentences(text: &str) -> Vec<&str> {
        let tokens = Tokenizer::new().tokenize(text);
        tokens
            .sentences
            .iter()
            .map(|s| s.span.slice(text))
            .collect()
    }

    #[test]
    fn words_keep_numbers_abbreviations_and_possessives_whole() {
        assert_eq!(
            words("The U.S. paid $3,600.50 for 3.5% of Russia’s S-400s, didn't it?"),
            [
                "The", "U.S", "paid", "3,600.50", "for", "3.5", "of",
                "Russia’s", "S", "400s", "didn't", "it"
            ]
        );
    }

    #[test]
    fn sentences_do_not_break_at_abbreviations() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Mr. Shoigu met Gen. Gerasimov. They talked.",
                &["Mr. Shoigu met Gen. Gerasimov.", "They talked."],
            ),
            (
                "The U.S. Army and the U.K. Navy met on Jan. 5 in Room No. 5. It rained.",
                &[
                    "The U.S. Army and the U.K. Navy met on Jan. 5 in Room No. 5.",
                    "It rained.",
                ],
            ),
            ("Growth was 3.5 per cent. Prices fell.", &["Growth was 3.5 per cent.", "Prices fell."]),
            ("J. R. Smith said so. Then he left.", &["J. R. Smith said so.", "Then he left."]),
            (
                "“We will win,” he said. “We must.” Then silence!",
                &["“We will win,” he said.", "“We must.”", "Then silence!"],
            ),
            (
                "He left. (It was late.) \"Go,\" she said.",
                &["He left.", "(It was late.)", "\"Go,\" she said."],
            ),
            ("Really? yes. Okay", &["Really?", "yes.", "Okay"]),
            ("e.g. the army. Next", &["e.g. the army.", "Next"]),
        ];
        for (text, want) in cases {
            assert_eq!(sentences(text), *want, "{text:?}");
        }
    }

    #[test]
    fn a_paragraph_break_always_ends_a_sentence() {
        assert_eq!(
            sentences(
                "A headline without a stop\n\nThe body starts here. It ends"
            ),
            [
                "A headline without a stop",
                "The body starts here.",
                "It ends"
            ]
        );
    }

    #[test]
    fn empty_and_punctuation_only_texts_have_no_sentences() {
        for text in ["", "   ", "...", "\n\n", "— • —"] {
            let t = Tokenizer::new().tokenize(text);
            assert!(t.tokens.is_empty() && t.sentences.is_empty(), "{text:?}");
        }
    }

    fn reference_segments(text: &str) -> Vec<(usize, &str, Segment)> {
        text.split_word_bound_indices()
            .filter(|(_, s)| !s.chars().all(char::is_whitespace))
            .map(|(i, s)| (i, s, Segment::of(s)))
            .collect()
    }

    fn fast_segments(text: &str) -> Vec<(usize, &str, Segment)> {
        let mut out = Vec::new();
        for_each_segment(text, |i, s, kind| {
            if !s.chars().all(char::is_whitespace) {
                out.push((i, s, kind));
            }
        });
        out
    }

    proptest! {
        // Failures are pinned as unit tests, not persisted to files.
        #![proptest_config(ProptestConfig {
            cases: 2000,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        #[test]
        fn ascii_fast_path_equals_unicode_segmentation(
            text in "[a-zA-Z0-9 .,;:'_!?$%()\\-\n\t]{0,60}|[a-z0-9.,:' ’“”é]{0,40}"
        ) {
            prop_assert_eq!(fast_segments(&text), reference_segments(&text));
        }

        #[test]
        fn ascii_fast_path_equals_unicode_segmentation_on_long_words(
            text in "([a-zA-Z0-9_]{1,40}[ .,;:'_\n]{1,2}){0,8}"
        ) {
            prop_assert_eq!(fast_segments(&text), reference_segments(&text));
        }

        #[test]
        fn tokens_and_sentences_are_ordered_and_in_bounds(text in "\\PC{0,200}") {
            let t = Tokenizer::new().tokenize(&text);
            let mut last = 0;
            for tok in &t.tokens {
                prop_assert!(tok.span.start >= last && tok.span.end <= text.len());
                prop_assert!(text.is_char_boundary(tok.span.start));
                prop_assert!(text.is_char_boundary(tok.span.end));
                last = tok.span.end;
            }
            let mut last = 0;
            for s in &t.sentences {
                prop_assert!(s.span.start >= last && s.span.start < s.span.end);
                prop_assert!(!s.tokens.is_empty());
                let first = t.tokens[s.tokens.start].span.start;
                prop_assert!(s.span.start <= first);
                let lead = &text[s.span.start..first];
                prop_assert!(
                    lead.chars().all(|c| c.is_whitespace() || "“‘([«\"".contains(c)),
                    "{:?}",
                    lead
                );
                last = s.span.end;
            }
        }
    }
}
