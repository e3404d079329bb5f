//! Stage 6, `record`: the JSONL wire format, schema version 1.
//!
//! One line per input document, in input order. A document that was read and
//! analysed becomes:
//!
//! ```text
//! {"id": "3f0c…", "path": "corpus/000_f7d0cb51d035673c.txt",
//!  ["source_id": "…",]
//!  "title": "…" | null, ["byline": "…",] ["dateline": "…",]
//!  ["url": "…",] ["published": "…",] ["crawled": "…",]
//!  ["authors": ["…", …],]
//!  ["site": "…",] ["language": "…",]
//!  "text": "…",
//!  "removed": [{"text": "…", "reason": "duplicate_title"}, …],
//!  "stats": {"bytes": 2195, "encoding": "utf-8", ["invalid_bytes": 1,]
//!            "words": 312, "sentences": 14, "paragraphs": 9},
//!  "entities": [{"type": "person", "text": "Sergei Shoigu",
//!                "name": "Sergei Shoigu", "id": "Q…", "start": 0, "end": 0}],
//!  "figures": [{"type": "money", "text": "more than four billion dollars",
//!               "value": 4000000000, "currency": "USD",
//!               "qualifier": "over", "start": 0, "end": 0}],
//!  ["sentences": [[start, end], …], "tokens": [[start, end], …]]}
//! ```
//!
//! A document that failed becomes
//! `{"id": "…" | null, "path": "…", "error": {"kind": "…", "message": "…"}}`
//! with `kind` one of `not_found`, `unreadable`, `binary`, `empty`,
//! `too_large`, `walk`, `malformed` (a JSONL line or JSON element that is
//! not a JSON object, a WARC record that cannot be parsed) and `no_text`
//! (a JSON record without a text field, or one that is not a string).
//!
//! Offsets (`start`, `end`, and the pairs under `--spans`) are Unicode code
//! point offsets into the record's own `text`, end exclusive, so that in
//! Python `rec["text"][start:end] == item["text"]`. Internally every stage
//! works in byte offsets; this module is the only place that converts.
//!
//! Figure `value`/`value_max` are JSON numbers printed from exact decimals
//! (never through `f64`): "$1.13bn" is `1130000000`, "19 cents" is `0.19`;
//! a percentage change written with its sign keeps it ("-0.8%" is `-0.8`).
//! `currency` is an ISO 4217 code (retired codes for pre-euro currencies:
//! "guilders" is `NLG`), with one named extension: crypto-currencies have
//! no ISO code and take the codes exchanges use, `BTC` and `ETH`.
//! Keys `value_max`, `currency`, `unit`, `qualifier` appear only when they
//! apply; `byline` and `dateline` only when the cleaner found one. The
//! dateline stays in `text` (the first paragraph starts with it as written)
//! and is not listed in `removed`; the field only names it.
//!
//! `stats.invalid_bytes` appears only when the input was UTF-8 but for some
//! invalid bytes: it counts them. Each lone invalid byte was read as
//! windows-1252 ("’" for 0x92) when that is a printable character, anything
//! else became U+FFFD; the rest of the text is the UTF-8 as written.
//!
//! An HTML page (sniffed from its first bytes, whatever its name) becomes
//! the same record, built from the article the page's markup marks out
//! (see [`crate::html`]), with what the page says about itself when it
//! says it: `url` (its `<link rel="canonical">`, else `og:url`),
//! `published` (ISO 8601: `2019-11-20T10:43:00+02:00` or `2019-11-20`,
//! from `article:published_time`, JSON-LD `datePublished`, or the first
//! `<time datetime>`), `authors` (a list of names, from `<meta
//! name="author">` and JSON-LD), `site` (`og:site_name`, else the JSON-LD
//! publisher) and `language` (`<html lang>`, as written). Each key appears
//! only when known, and never for text input. `title` is the page's
//! headline (`<h1>`, `og:title`, or `<title>` without the site's name)
//! and the first paragraph of `text`, as for text input.
//!
//! Records read from scrapers' and crawlers' files (see [`crate::read`])
//! carry what those files say, each key only when known:
//!
//! - `path` locates the record in its file: `FILE:LINE` for JSONL (1-based
//!   line), `FILE#INDEX` for an element of a JSON array (0-based),
//!   `FILE#OFFSET` for a WARC record (the byte offset of the record as
//!   stored: in a `.warc.gz`, of its gzip member, as CDX indexes give it;
//!   `FILE#MEMBER+INNER` for a record inside a member of many). `id` hashes
//!   the record's own bytes: the JSON line or element as written, the WARC
//!   payload; for a compressed text file, its decompressed bytes.
//! - `source_id` (string): the JSON record's own id (`--id-key`, default
//!   `id`; a number is written as a string).
//! - `url` (string): a JSON record's `url`, a WARC record's
//!   `WARC-Target-URI`.
//! - `published` (string): a JSON record's `date`, `date_publish`,
//!   `published` or `datePublished`, as written, but that
//!   `2017-02-01 10:15:00` becomes ISO 8601 `2017-02-01T10:15:00`.
//! - `crawled` (string): when the page was fetched: `WARC-Date`, or a JSON
//!   record's `date_download`, `crawled` or `date_crawled` (as
//!   `published`).
//! - `authors` (list of strings): a JSON record's `authors` or `author`
//!   (a list, or one string of names separated by `;`).
//! - `title`: a JSON record's `title`, on one line; it is also the first
//!   paragraph of `text`, as a title line is for text input.
//!
//! Where a JSON record's text or a WARC payload is an HTML page, what the
//! page says of itself fills the keys the source left out.

use std::io::{self, Write};

use crate::figures::Figure;
use crate::gazetteer::Mention;
use crate::html::PageMeta;
use crate::json::{self, Object};
use crate::pipeline::Analysis;
use crate::read::{DocError, Document};
use crate::span::Span;

/// The record schema version, printed by `newsx --version`.
pub const SCHEMA_VERSION: u32 = 1;

/// What a written record contained, for the run summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RecordCounts {
    /// Entity mentions written.
    pub entities: usize,
    /// Figures written.
    pub figures: usize,
}

/// Writes the record of an analysed document, and a newline, to `out` (a
/// buffer, or the output itself for a document too large to buffer).
///
/// The lists (entities, figures, spans) are written item by item: on a
/// long document they are the bulk of the record, and collecting them
/// first would hold them twice.
pub fn write_document<W: Write>(
    out: &mut W,
    doc: &Document,
    analysis: &Analysis,
    spans: bool,
) -> serde_json::Result<RecordCounts> {
    document(out, doc, analysis, spans).map_err(serde_json::Error::io)?;
    Ok(RecordCounts {
        entities: analysis.mentions.len(),
        figures: analysis.figures.len(),
    })
}

fn document<W: Write>(
    out: &mut W,
    doc: &Document,
    analysis: &Analysis,
    spans: bool,
) -> io::Result<()> {
    let cleaned = &analysis.cleaned;
    let text = cleaned.text.as_str();
    let chars = CharIndex::new(text);
    let page = analysis.page.as_ref();
    let field = |f: fn(&PageMeta) -> &Option<String>| {
        page.and_then(|p| f(p).as_deref())
    };
    let mut o = Object::new(out)?;
    o.str("id", &doc.id)?;
    o.str("path", &doc.path)?;
    o.some_str("source_id", doc.meta.source_id.as_deref())?;
    o.opt_str("title", cleaned.title.as_deref())?;
    o.some_str("byline", cleaned.byline.as_deref())?;
    o.some_str("dateline", cleaned.dateline.as_deref())?;
    // What the source said (a JSON record's fields, WARC headers) comes
    // first; what the page says about itself fills the gaps.
    let meta = &doc.meta;
    let url = meta.url.as_deref().or_else(|| field(|p| &p.url));
    let published =
        (meta.published.as_deref()).or_else(|| field(|p| &p.published));
    o.some_str("url", url)?;
    o.some_str("published", published)?;
    o.some_str("crawled", meta.crawled.as_deref())?;
    let authors = match (meta.authors.is_empty(), page) {
        (true, Some(p)) => &p.authors[..],
        _ => &meta.authors[..],
    };
    if !authors.is_empty() {
        o.array("authors", authors, |w, a| json::string(w, a))?;
    }
    o.some_str("site", field(|p| &p.site))?;
    o.some_str("language", field(|p| &p.language))?;
    o.str("text", text)?;
    o.array("removed", &cleaned.removed, |w, r| {
        json::object(w, |o| {
            o.str("text", &r.text)?;
            o.str("reason", r.reason.as_str())
        })
    })?;
    o.object("stats", |o| {
        o.uint("bytes", doc.bytes)?;
        o.str("encoding", &doc.encoding)?;
        if doc.invalid_bytes != 0 {
            o.uint("invalid_bytes", doc.invalid_bytes)?;
        }
        o.uint("words", analysis.tokens.tokens.len() as u64)?;
        o.uint("sentences", analysis.tokens.sentences.len() as u64)?;
        o.uint("paragraphs", cleaned.paragraphs as u64)
    })?;
    o.array("entities", &analysis.mentions, |w, m| {
        entity(w, text, &chars, m)
    })?;
    o.array("figures", &analysis.figures, |w, f| {
        figure(w, text, &chars, f)
    })?;
    if spans {
        let sentences = analysis.tokens.sentences.iter();
        o.array("sentences", sentences, |w, s| {
            json::pair(w, chars.pair(s.span))
        })?;
        let tokens = analysis.tokens.tokens.iter();
        o.array("tokens", tokens, |w, t| json::pair(w, chars.pair(t.span)))?;
    }
    o.close()?;
    out.write_all(b"\n")
}

/// Writes the error record of a failed document, and a newline, to `out`.
pub fn write_error<W: Write>(
    out: &mut W,
    err: &DocError,
) -> serde_json::Result<()> {
    error(out, err).map_err(serde_json::Error::io)
}

fn error<W: Write>(out: &mut W, err: &DocError) -> io::Result<()> {
    let mut o = Object::new(out)?;
    o.opt_str("id", err.id.as_deref())?;
    o.str("path", &err.path)?;
    o.object("error", |o| {
        o.str("kind", err.kind.as_str())?;
        o.str("message", &err.message)
    })?;
    o.close()?;
    out.write_all(b"\n")
}

fn entity<W: Write>(
    out: &mut W,
    text: &str,
    chars: &CharIndex,
    m: &Mention,
) -> io::Result<()> {
    let [start, end] = chars.pair(m.span);
    json::object(out, |o| {
        o.str("type", m.kind.as_str())?;
        o.str("text", m.span.slice(text))?;
        o.str("name", &m.name)?;
        o.opt_str("id", m.id.as_deref())?;
        o.uint("start", start as u64)?;
        o.uint("end", end as u64)
    })
}

/// Values are exact decimals, printed as JSON numbers (never through
/// `f64`).
fn figure<W: Write>(
    out: &mut W,
    text: &str,
    chars: &CharIndex,
    f: &Figure,
) -> io::Result<()> {
    let [start, end] = chars.pair(f.span);
    json::object(out, |o| {
        o.str("type", f.kind.as_str())?;
        o.str("text", f.span.slice(text))?;
        o.number("value", |w| f.value.write_to(w))?;
        if let Some(max) = f.value_max {
            o.number("value_max", |w| max.write_to(w))?;
        }
        o.some_str("currency", f.currency.as_deref())?;
        o.some_str("unit", f.unit.as_deref())?;
        o.some_str("qualifier", f.qualifier.map(|q| q.as_str()))?;
        o.uint("start", start as u64)?;
        o.uint("end", end as u64)
    })
}

/// Converts byte offsets into code point offsets.
///
/// Keeps the code point count at every 64th byte, so a lookup counts at most
/// 63 bytes and the table costs 1/16 of the text; ASCII text (most news)
/// needs no table at all since bytes and code points coincide. Both the
/// table and a lookup count eight bytes at a time ([`chars_in`]).
struct CharIndex<'t> {
    bytes: &'t [u8],
    checkpoints: Vec<usize>,
}

const STRIDE: usize = 64;

impl<'t> CharIndex<'t> {
    fn new(text: &'t str) -> CharIndex<'t> {
        let bytes = text.as_bytes();
        let mut checkpoints = Vec::new();
        if !text.is_ascii() {
            let mut count = 0;
            checkpoints.reserve(bytes.len() / STRIDE + 2);
            for chunk in bytes.chunks(STRIDE) {
                checkpoints.push(count);
                count += chars_in(chunk);
            }
            checkpoints.push(count);
        }
        CharIndex { bytes, checkpoints }
    }

    fn char_offset(&self, byte: usize) -> usize {
        if self.checkpoints.is_empty() {
            return byte;
        }
        let block = byte / STRIDE;
        let Some(&base) = self.checkpoints.get(block) else {
            return byte; // past the end: spans never point there
        };
        let from = block * STRIDE;
        base + chars_in(&self.bytes[from..byte.min(self.bytes.len())])
    }

    fn pair(&self, span: Span) -> [usize; 2] {
        [self.char_offset(span.start), self.char_offset(span.end)]
    }
}

/// The code points that start in `bytes`: its length less its UTF-8
/// continuation bytes, counted eight bytes at a time.
fn chars_in(bytes: &[u8]) -> usize {
    // 31 words: the bytewise sums of a block stay below 256.
    bytes.chunks(31 * 8).map(block_chars).sum()
}

/// [`chars_in`] for at most 248 bytes: each word's continuation bytes are
/// flagged in the low bit of each byte, the flags summed bytewise, and one
/// multiplication adds the eight sums (at most 248, so nothing carries).
fn block_chars(block: &[u8]) -> usize {
    const ONES: u64 = crate::swar::LOW;
    let mut words = block.chunks_exact(8);
    let mut sums = 0u64;
    for word in words.by_ref() {
        let w = u64::from_le_bytes(word.try_into().expect("8 bytes"));
        // Bit 7 set and bit 6 clear (`10xxxxxx`), moved down to bit 0.
        sums += (w & !(w << 1)) >> 7 & ONES;
    }
    let rest = words.remainder().iter();
    let continuations = (sums.wrapping_mul(ONES) >> 56) as usize
        + rest.filter(|&&b| is_continuation(b)).count();
    block.len() - continuations
}

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_match_a_naive_count() {
        let texts = ["plain ascii text", "Russia’s “big deal” — Türkiye", ""];
        for text in texts {
            let index = CharIndex::new(text);
            for (byte, _) in text.char_indices().chain([(text.len(), ' ')]) {
                assert_eq!(
                    index.char_offset(byte),
                    text[..byte].chars().count(),
                    "byte {byte} of {text:?}"
                );
            }
        }
    }

    #[test]
    fn char_offsets_cross_many_checkpoints() {
        let text = "é".repeat(300) + "x" + &"ü".repeat(70);
        let index = CharIndex::new(&text);
        for (byte, _) in text.char_indices() {
            assert_eq!(index.char_offset(byte), text[..byte].chars().count());
        }
        assert_eq!(index.char_offset(text.len()), text.chars().count());
    }

    #[test]
    fn chars_in_counts_code_points_across_blocks() {
        let text = "aé€😀".repeat(40) + "tail";
        for end in (0..=text.len()).filter(|&e| text.is_char_boundary(e)) {
            let head = &text[..end];
            assert_eq!(chars_in(head.as_bytes()), head.chars().count());
        }
    }

    #[test]
    fn decimals_become_exact_json_numbers() {
        use crate::figures::Decimal;
        let mut out = Vec::new();
        let mut o = Object::new(&mut out).unwrap();
        o.number("a", |w| Decimal::new(113, 0).write_to(w)).unwrap();
        o.number("b", |w| Decimal::new(19, 2).write_to(w)).unwrap();
        o.close().unwrap();
        assert_eq!(out, br#"{"a":113,"b":0.19}"#);
    }
}
