//! Paragraph reconstruction: hard-wrapped and indented text into one line
//! per paragraph, before any line is judged.
//!
//! Wire copy and plain-text mail arrive wrapped at a fixed width (about 65
//! columns), with a tab or a few spaces opening each paragraph and often no
//! blank line between paragraphs. Judged line by line, such text is
//! fragments: "CAIRO, Egypt (AP) _ Hundreds of farmers marched on the
//! ministry and" is no sentence, and the next line starts mid-sentence. So
//! the lines of a paragraph are joined first (with one space), and every
//! later pass sees whole paragraphs.
//!
//! A document is taken as hard-wrapped when enough of its lines fill the
//! same width: the wrap width `W` is a high percentile of the lengths of
//! its lines, and at least half of its longer lines end within a few
//! columns of `W`. Inside such a document a line continues the previous
//! one when the previous line is full (its next word would not have fit in
//! `W`) and the line is neither indented, nor a list item, nor after a
//! blank line. An indented line opens a paragraph in any document; a blank
//! line is put before it, so paragraphs stay apart. Web text, which puts
//! each paragraph on one line of any length, is never wrapped, and the
//! common case is borrowed unchanged.

use std::borrow::Cow;

use super::lines::{self, starts_bullet};

/// Shortest width taken for a hard wrap: shorter "wrapped" lines are a list.
const MIN_WIDTH: usize = 40;
/// Longest width taken for a hard wrap.
const MAX_WIDTH: usize = 100;
/// Lines of a wrapped text needed before a wrap is believed.
const MIN_LINES: usize = 4;

/// Joins the lines of hard-wrapped paragraphs and separates indented
/// paragraphs by a blank line.
pub(crate) fn reflow(text: &str) -> Cow<'_, str> {
    let (width, indented) = layout(text);
    if width.is_none() && !indented {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut prev: Option<&str> = None;
    for raw in lines::split(text) {
        let line = raw.trim();
        if line.is_empty() {
            out.push('\n');
            prev = None;
            continue;
        }
        let indent = raw.starts_with(['\t', ' ']);
        let join = match (prev, width) {
            (Some(p), Some(w)) => {
                !indent && !starts_bullet(line) && full(p, line, w)
            }
            _ => false,
        };
        if join {
            out.push(' ');
            out.push_str(line);
        } else {
            if prev.is_some() {
                out.push('\n');
                if indent {
                    out.push('\n');
                }
            }
            out.push_str(raw.trim_end());
        }
        prev = Some(line);
    }
    if text.ends_with('\n') {
        out.push('\n');
    }
    Cow::Owned(out)
}

/// Whether a line after the first is indented: a tab or a space, then a
/// letter or digit (an indented paragraph, not an indented bullet).
fn indented(line: &str) -> bool {
    let b = line.as_bytes();
    b.len() > 1 && matches!(b[0], b'\t' | b' ') && b[1].is_ascii_alphanumeric()
}

/// Whether `prev` is full: the first word of `next` would not have fit
/// after it within `width` columns (a few columns of slack, since wrappers
/// differ on where they count).
fn full(prev: &str, next: &str, width: usize) -> bool {
    let word = next.split_whitespace().next().unwrap_or("");
    columns(prev) + 1 + columns(word) + 3 > width
}

fn columns(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// The wrap width of `text`, when it is hard-wrapped, and whether a line
/// after the first is indented; one pass over the lines. Line lengths go
/// into a histogram (no allocation, no sort); lines longer than
/// [`MAX_WIDTH`] share its last bucket.
fn layout(text: &str) -> (Option<usize>, bool) {
    let mut any_indent = false;
    let mut split = lines::split(text);
    let first = split.next().unwrap_or("");
    let width = wrap_width(
        std::iter::once(first)
            .chain(split.inspect(|l| any_indent |= indented(l))),
    );
    (width, any_indent)
}

/// The wrap width of `lines`, when they are hard-wrapped.
fn wrap_width<'a>(all: impl Iterator<Item = &'a str>) -> Option<usize> {
    const BUCKETS: usize = MAX_WIDTH + 12;
    let mut counts = [0u32; BUCKETS + 1];
    let mut lines = 0u32;
    for line in all {
        // A column is at most four bytes: no need to count the columns of
        // lines too short or too long to matter.
        if line.len() < MIN_WIDTH / 2 || line.len() > 4 * BUCKETS {
            counts[BUCKETS] += u32::from(line.len() > 4 * BUCKETS);
            lines += u32::from(line.len() > 4 * BUCKETS);
            continue;
        }
        let n = columns(line.trim());
        if n >= MIN_WIDTH / 2 {
            counts[n.min(BUCKETS)] += 1;
            lines += 1;
        }
    }
    if (lines as usize) < MIN_LINES {
        return None;
    }
    // The 90th percentile of the lengths.
    let rank = lines * 9 / 10;
    let mut seen = 0;
    let width = (0..=BUCKETS).find(|&n| {
        seen += counts[n];
        seen > rank
    })?;
    if !(MIN_WIDTH..=MAX_WIDTH).contains(&width) {
        return None;
    }
    let sum =
        |r: std::ops::RangeInclusive<usize>| -> u32 { counts[r].iter().sum() };
    let near = sum(width.saturating_sub(12)..=width + 2);
    let longer = sum(width / 2..=BUCKETS);
    let over = sum(width + 11..=BUCKETS);
    let near = near as usize;
    (near >= MIN_LINES && near as u32 * 2 >= longer && over * 20 <= lines)
        .then_some(width + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIRE: &str = "Farmers march on ministry\n\n\
\tCAIRO, Egypt (AP) _ Hundreds of farmers marched on the ministry and\n\
demanded that the government raise the price it pays for wheat, in\n\
the largest protest in the capital this year.\n\
\tThe ministry said it would meet a delegation on Sunday. Officials\n\
did not say whether the price would change before the harvest.\n\
\tPolice closed two roads near the building for several hours.\n";

    #[test]
    fn joins_wrapped_paragraphs() {
        let out = reflow(WIRE);
        let lines: Vec<&str> = out.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 4, "{out}");
        assert!(lines[1].starts_with("\tCAIRO, Egypt (AP) _ Hundreds"));
        assert!(lines[1]
            .ends_with("in the largest protest in the capital this year."));
        assert!(lines[2].ends_with("before the harvest."));
        assert!(out.contains("harvest.\n\n\tPolice"), "{out}");
    }

    #[test]
    fn web_text_is_borrowed() {
        let web = "A title\n\nA paragraph of any length that goes on and on \
                   and on, as web text does.\nAnother one.\n* Menu\n* Items";
        assert!(matches!(reflow(web), Cow::Borrowed(_)));
    }

    #[test]
    fn short_lines_are_not_a_wrap() {
        let list = "Results\nLyon 2 Marseille 1\nNice 0 Lille 0\n\
                    Lens 3 Brest 2\nNantes 1 Metz 1\n";
        assert!(matches!(reflow(list), Cow::Borrowed(_)));
    }
}
