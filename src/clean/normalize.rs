//! Character-level normalisation and paragraph assembly.
//!
//! The record keeps characters as written, with exactly these exceptions:
//! CRLF and lone CR become LF, a leading byte-order mark is dropped, and NUL
//! and every other control character except tab and newline (C0, DEL and the
//! C1 range) is dropped, since databases refuse them. Spaces at line ends are
//! trimmed when lines are split (see [`super::Cleaner`]).
//!
//! Clean input — the common case — is borrowed, not copied: one byte scan
//! decides whether any edit is needed.

use std::borrow::Cow;

use super::lines::{End, Features};

/// Normalises line endings and drops a BOM and control characters.
pub fn normalize(input: &str) -> Cow<'_, str> {
    let input = input.strip_prefix('\u{FEFF}').unwrap_or(input);
    if !needs_edit(input.as_bytes()) {
        return Cow::Borrowed(input);
    }
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Whether `bytes` hold a CR, a control character or a C1 control (which
/// UTF-8 encodes as `C2 80`..`C2 9F`). Chunks are first tested with a
/// branch-free fold the compiler vectorises; only a chunk holding a
/// suspicious byte (often just a `C2` of "©" or a no-break space) is
/// looked at byte by byte.
fn needs_edit(bytes: &[u8]) -> bool {
    let suspicious = |b: u8| {
        (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7F || b == 0xC2
    };
    let mut offset = 0;
    for chunk in bytes.chunks(64) {
        if chunk.iter().fold(false, |acc, &b| acc | suspicious(b)) {
            let end = (offset + chunk.len() + 1).min(bytes.len());
            if precise(&bytes[offset..end]) {
                return true;
            }
        }
        offset += chunk.len();
    }
    false
}

fn precise(bytes: &[u8]) -> bool {
    bytes.iter().enumerate().any(|(i, &b)| {
        (b < 0x20 && b != b'\n' && b != b'\t')
            || b == 0x7F
            || (b == 0xC2
                && bytes.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)))
    })
}

/// A kept line on its way into `text`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct KeptLine<'a> {
    /// The line as it will appear (trimmed; a glued byline already cut).
    pub text: &'a str,
    /// A blank or removed line separates it from the previous kept line.
    pub break_before: bool,
    /// The line is the title: always a paragraph of its own.
    pub title: bool,
    /// Features of `text`.
    pub feat: Features,
}

/// Joins kept lines into paragraphs separated by one blank line; returns the
/// text and the number of paragraphs.
///
/// Inside a block of adjacent lines, a line continues the previous one (a
/// hard wrap, joined by a space) when the previous line does not end a
/// sentence and the line starts in lower case or follows a comma, semicolon
/// or dash. In a block that is hard-wrapped (at least half of its lines
/// before the last end mid-sentence), a long line ending a sentence is also
/// a wrap. Everything else — a sentence followed by a sentence, a heading,
/// a list item ("• …", "1. …") — starts a new paragraph, so one-sentence-
/// per-line input keeps its lines apart.
pub(crate) fn assemble(lines: &[KeptLine<'_>]) -> (String, usize) {
    let total: usize = lines.iter().map(|l| l.text.len() + 2).sum();
    let mut out = String::with_capacity(total);
    let mut paragraphs = 0;
    let mut start = 0;
    while start < lines.len() {
        let mut end = start + 1;
        while end < lines.len() && !lines[end].break_before {
            end += 1;
        }
        paragraphs += block(&lines[start..end], &mut out);
        start = end;
    }
    (out, paragraphs)
}

/// Writes one block of adjacent lines; returns its paragraph count.
fn block(lines: &[KeptLine<'_>], out: &mut String) -> usize {
    let max = lines.iter().map(|l| l.feat.bytes).max().unwrap_or(0);
    let inner = &lines[..lines.len().saturating_sub(1)];
    let open = inner
        .iter()
        .filter(|l| !l.feat.ends_sentence() && l.feat.words >= 6)
        .count();
    let wrapped = !inner.is_empty() && open * 2 >= inner.len();
    let mut count = 0;
    for (i, line) in lines.iter().enumerate() {
        let join = i > 0
            && !line.title
            && !lines[i - 1].title
            && continues(&lines[i - 1].feat, &line.feat, wrapped, max);
        if join {
            out.push(' ');
        } else {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            count += 1;
        }
        out.push_str(line.text);
    }
    count
}

/// Whether line `b` continues the paragraph of line `a`.
fn continues(a: &Features, b: &Features, wrapped: bool, max: usize) -> bool {
    if b.bullet {
        return false;
    }
    let long = a.bytes * 4 >= max * 3 && a.words >= 6;
    if a.ends_sentence() {
        return wrapped && long && !b.starts_lower;
    }
    b.starts_lower || a.end == End::Continues || (wrapped && long)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises() {
        let cases = [
            ("plain\ntext", "plain\ntext"),
            ("\u{FEFF}bom", "bom"),
            ("a\r\nb\rc", "a\nb\nc"),
            ("nul\0here\u{7}", "nulhere"),
            ("tab\tkept", "tab\tkept"),
            ("c1\u{85}gone", "c1gone"),
            ("nbsp\u{a0}kept ©", "nbsp\u{a0}kept ©"),
            ("“quotes” • bullets", "“quotes” • bullets"),
        ];
        for (input, want) in cases {
            assert_eq!(normalize(input), want, "{input:?}");
        }
        assert!(matches!(normalize("clean"), Cow::Borrowed(_)));
    }

    fn kept<'a>(texts: &[&'a str], breaks: &[bool]) -> Vec<KeptLine<'a>> {
        texts
            .iter()
            .zip(breaks)
            .map(|(&text, &break_before)| KeptLine {
                text,
                break_before,
                title: false,
                feat: Features::of(text),
            })
            .collect()
    }

    #[test]
    fn paragraphs() {
        let one_per_line = kept(
            &["First sentence here.", "Second one here.", "• A list item."],
            &[false, false, false],
        );
        let (text, n) = assemble(&one_per_line);
        assert_eq!(n, 3);
        assert_eq!(
            text,
            "First sentence here.\n\nSecond one here.\n\n• A list item."
        );
        let wrapped = kept(
            &[
                "The minister said the talks would continue into the",
                "night. Officials expected an agreement by the end of",
                "the week, but no date was set.",
                "A new paragraph starts here.",
            ],
            &[false, false, false, true],
        );
        let (text, n) = assemble(&wrapped);
        assert_eq!(n, 2);
        assert!(text.starts_with("The minister said the talks would continue into the night. Officials"));
        assert!(text.ends_with("set.\n\nA new paragraph starts here."));
    }
}
