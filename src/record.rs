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

use serde::Serialize;
use serde_json::value::RawValue;

use crate::figures::{Decimal, Figure};
use crate::gazetteer::Mention;
use crate::html::PageMeta;
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

/// The lists of a record (entities, figures, spans) are [`Seq`]s, written
/// item by item: on a long document they are the bulk of the record, and
/// collecting them first would hold them twice.
#[derive(Serialize)]
#[serde(bound(serialize = "Seq<E>: Serialize, Seq<F>: Serialize, \
    Seq<S>: Serialize, Seq<T>: Serialize"))]
struct DocRecord<'a, E, F, S, T> {
    id: &'a str,
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_id: Option<&'a str>,
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byline: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dateline: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    crawled: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    authors: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    site: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    text: &'a str,
    removed: Vec<RemovedOut<'a>>,
    stats: Stats<'a>,
    entities: Seq<E>,
    figures: Seq<F>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sentences: Option<Seq<S>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tokens: Option<Seq<T>>,
}

/// A JSON array made by a function that yields its items as they are
/// written.
struct Seq<F>(F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

#[derive(Serialize)]
struct RemovedOut<'a> {
    text: &'a str,
    reason: &'static str,
}

#[derive(Serialize)]
struct Stats<'a> {
    bytes: u64,
    encoding: &'a str,
    #[serde(skip_serializing_if = "is_zero")]
    invalid_bytes: u64,
    words: usize,
    sentences: usize,
    paragraphs: usize,
}

#[derive(Serialize)]
struct EntityOut<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    text: &'a str,
    name: &'a str,
    id: Option<&'a str>,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct FigureOut<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    text: &'a str,
    value: Box<RawValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value_max: Option<Box<RawValue>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    currency: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    qualifier: Option<&'static str>,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct ErrorRecord<'a> {
    id: Option<&'a str>,
    path: &'a str,
    error: ErrorOut<'a>,
}

#[derive(Serialize)]
struct ErrorOut<'a> {
    kind: &'static str,
    message: &'a str,
}

/// Writes the record of an analysed document, and a newline, to `out` (a
/// buffer, or the output itself for a document too large to buffer).
pub fn write_document<W: std::io::Write>(
    out: &mut W,
    doc: &Document,
    analysis: &Analysis,
    spans: bool,
) -> serde_json::Result<RecordCounts> {
    let cleaned = &analysis.cleaned;
    let text = cleaned.text.as_str();
    let chars = CharIndex::new(text);
    let page = analysis.page.as_ref();
    let field = |f: fn(&PageMeta) -> &Option<String>| {
        page.and_then(|p| f(p).as_deref())
    };
    // What the source said (a JSON record's fields, WARC headers) comes
    // first; what the page says about itself fills the gaps.
    let meta = &doc.meta;
    let authors = match (meta.authors.is_empty(), page) {
        (false, _) | (true, None) => &meta.authors[..],
        (true, Some(p)) => &p.authors[..],
    };
    let record = DocRecord {
        id: &doc.id,
        path: &doc.path,
        source_id: meta.source_id.as_deref(),
        title: cleaned.title.as_deref(),
        byline: cleaned.byline.as_deref(),
        dateline: cleaned.dateline.as_deref(),
        url: meta.url.as_deref().or_else(|| field(|p| &p.url)),
        published: meta
            .published
            .as_deref()
            .or_else(|| field(|p| &p.published)),
        crawled: meta.crawled.as_deref(),
        authors,
        site: field(|p| &p.site),
        language: field(|p| &p.language),
        text,
        removed: cleaned
            .removed
            .iter()
            .map(|r| RemovedOut {
                text: &r.text,
                reason: r.reason.as_str(),
            })
            .collect(),
        stats: Stats {
            bytes: doc.bytes,
            encoding: &doc.encoding,
            invalid_bytes: doc.invalid_bytes,
            words: analysis.tokens.tokens.len(),
            sentences: analysis.tokens.sentences.len(),
            paragraphs: cleaned.paragraphs,
        },
        entities: Seq(|| {
            analysis.mentions.iter().map(|m| entity(text, &chars, m))
        }),
        figures: Seq(|| {
            analysis.figures.iter().map(|f| figure(text, &chars, f))
        }),
        sentences: spans.then_some(Seq(|| {
            let it = analysis.tokens.sentences.iter();
            it.map(|s| chars.pair(s.span))
        })),
        tokens: spans.then_some(Seq(|| {
            let it = analysis.tokens.tokens.iter();
            it.map(|t| chars.pair(t.span))
        })),
    };
    serde_json::to_writer(&mut *out, &record)?;
    out.write_all(b"\n").map_err(serde_json::Error::io)?;
    Ok(RecordCounts {
        entities: analysis.mentions.len(),
        figures: analysis.figures.len(),
    })
}

/// Writes the error record of a failed document, and a newline, to `out`.
pub fn write_error<W: std::io::Write>(
    out: &mut W,
    err: &DocError,
) -> serde_json::Result<()> {
    let record = ErrorRecord {
        id: err.id.as_deref(),
        path: &err.path,
        error: ErrorOut {
            kind: err.kind.as_str(),
            message: &err.message,
        },
    };
    serde_json::to_writer(&mut *out, &record)?;
    out.write_all(b"\n").map_err(serde_json::Error::io)?;
    Ok(())
}

fn entity<'a>(
    text: &'a str,
    chars: &CharIndex,
    m: &'a Mention,
) -> EntityOut<'a> {
    let [start, end] = chars.pair(m.span);
    EntityOut {
        kind: m.kind.as_str(),
        text: m.span.slice(text),
        name: &m.name,
        id: m.id.as_deref(),
        start,
        end,
    }
}

fn figure<'a>(
    text: &'a str,
    chars: &CharIndex,
    f: &'a Figure,
) -> FigureOut<'a> {
    let [start, end] = chars.pair(f.span);
    FigureOut {
        kind: f.kind.as_str(),
        text: f.span.slice(text),
        value: number(f.value),
        value_max: f.value_max.map(number),
        currency: f.currency.as_deref(),
        unit: f.unit.as_deref(),
        qualifier: f.qualifier.map(|q| q.as_str()),
        start,
        end,
    }
}

/// A decimal as a raw JSON number token, exactly as printed.
fn number(value: Decimal) -> Box<RawValue> {
    RawValue::from_string(value.to_string()).unwrap_or_else(|_| {
        RawValue::from_string("null".to_string()).expect("null is JSON")
    })
}

/// Converts byte offsets into code point offsets.
///
/// Keeps the code point count at every 64th byte, so a lookup counts at most
/// 63 bytes and the table costs 1/16 of the text; ASCII text (most news)
/// needs no table at all since bytes and code points coincide.
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
            checkpoints.reserve(bytes.len() / STRIDE + 1);
            for chunk in bytes.chunks(STRIDE) {
                checkpoints.push(count);
                count += chunk.iter().filter(|&&b| !is_continuation(b)).count();
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
        base + self.bytes[from..byte.min(self.bytes.len())]
            .iter()
            .filter(|&&b| !is_continuation(b))
            .count()
    }

    fn pair(&self, span: Span) -> [usize; 2] {
        [self.char_offset(span.start), self.char_offset(span.end)]
    }
}

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// `skip_serializing_if` for counts that appear only when non-zero.
fn is_zero(n: &u64) -> bool {
    *n == 0
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
    fn decimals_become_exact_json_numbers() {
        let v = Decimal::new(113, 0);
        assert_eq!(number(v).get(), "113");
        let v = Decimal::new(19, 2);
        assert_eq!(number(v).get(), "0.19");
    }
}
