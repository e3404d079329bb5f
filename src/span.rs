//! Byte spans into a document's cleaned `text`.
//!
//! Every stage after `clean` speaks in [`Span`]s: half-open byte ranges into
//! the cleaned text, always on `char` boundaries. Only the `record` stage turns
//! them into the code-point offsets of the wire format, so no stage has to
//! think about two offset spaces.

/// A half-open byte range `start..end` into the cleaned text of one document.
///
/// Invariant: `start <= end`, both on `char` boundaries of the text the span
/// was produced from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// Builds a span; `start` must not exceed `end`.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True for an empty span.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text this span covers.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}
