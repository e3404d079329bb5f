//! The record's fields, described once: what `newsx schema` prints and
//! what every typed output is built from.
//!
//! [`DOCUMENT`] and [`ERROR_RECORD`] list every field a record can carry,
//! with its type, whether it may be absent or null, and what it means.
//! From these tables come the JSON Schema (draft 2020-12,
//! [`json_schema`]), DuckDB's `columns` argument for `read_json`
//! ([`duckdb_columns`]), Spark's DDL ([`spark_ddl`]) and the Parquet
//! columns (`crate::output::parquet`), so the formats cannot drift apart:
//! a field added to the record writer without a line here fails the
//! validation test, and a line here with no field in any record fails it
//! too.
//!
//! A record is either a document record or an error record. The typed
//! outputs (Parquet, the DuckDB and Spark schemas) hold both in one table:
//! the document columns, then `error`, null for a document.

use serde_json::{json, Map, Value};

/// What a field holds.
#[derive(Debug)]
pub enum Kind {
    /// A string (never with a NUL or a lone surrogate).
    Str,
    /// A whole number, 0 or more.
    Count,
    /// An exact decimal written as a JSON number; typed outputs hold it as
    /// a double and, beside it, its exact text in `NAME_exact`.
    Decimal,
    /// An object with these fields.
    Object(&'static [Field]),
    /// An array of these.
    List(&'static Kind),
    /// An array of `[start, end]` code point offsets.
    Pairs,
}

/// Whether a field is always there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// Always present, never null.
    Always,
    /// Always present, may be null.
    Nullable,
    /// Present only when it applies (never null).
    Optional,
}

/// One field of a record or of an object inside it.
#[derive(Debug)]
pub struct Field {
    /// The JSON key.
    pub name: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// Whether it is always there.
    pub presence: Presence,
    /// What it means (the schema's `description`).
    pub doc: &'static str,
}

const fn field(
    name: &'static str,
    kind: Kind,
    presence: Presence,
    doc: &'static str,
) -> Field {
    Field {
        name,
        kind,
        presence,
        doc,
    }
}

use Kind::*;
use Presence::*;

/// A removed piece of the input.
pub const REMOVED: &[Field] = &[
    field("text", Str, Always, "The removed text, as written."),
    field(
        "reason",
        Str,
        Always,
        "Why: duplicate_title, cta, navigation, related_links, byline, \
         dateline (older records only), template, caption, legal, source, \
         advert or timestamp.",
    ),
];

/// Counts about the document.
pub const STATS: &[Field] = &[
    field(
        "bytes",
        Count,
        Always,
        "Size of the input document in bytes.",
    ),
    field(
        "encoding",
        Str,
        Always,
        "The input's character encoding (WHATWG name, e.g. utf-8).",
    ),
    field(
        "invalid_bytes",
        Count,
        Optional,
        "Invalid bytes in input that was otherwise UTF-8 (present only when \
         there were some).",
    ),
    field("words", Count, Always, "Word tokens in `text`."),
    field("sentences", Count, Always, "Sentences in `text`."),
    field("paragraphs", Count, Always, "Paragraphs in `text`."),
];

/// Where an entity or a figure is in `text`.
const START: Field = field(
    "start",
    Count,
    Always,
    "Start, a code point offset (inclusive).",
);
const END: Field = field(
    "end",
    Count,
    Always,
    "End, a code point offset (exclusive).",
);

/// A named entity mention.
pub const ENTITY: &[Field] = &[
    field("type", Str, Always, "person, organization or location."),
    field(
        "text",
        Str,
        Always,
        "The mention as written: text[start:end].",
    ),
    field("name", Str, Always, "The canonical name."),
    field(
        "id",
        Str,
        Nullable,
        "Wikidata QID or namespaced id; null for a name found by context \
         alone.",
    ),
    START,
    END,
];

/// A figure: money, a count, a percentage, a fraction or a duration.
pub const FIGURE: &[Field] = &[
    field(
        "type",
        Str,
        Always,
        "money, count, percent, fraction or duration.",
    ),
    field(
        "text",
        Str,
        Always,
        "The figure as written: text[start:end].",
    ),
    field(
        "value",
        Decimal,
        Always,
        "The exact value (\"$1.13bn\" is 1130000000, \"19 cents\" is 0.19).",
    ),
    field(
        "value_max",
        Decimal,
        Optional,
        "Upper bound of a range (\"3 to 5 million\"); `value` is the lower.",
    ),
    field(
        "currency",
        Str,
        Optional,
        "ISO 4217 code of a money figure (BTC and ETH for crypto-currencies).",
    ),
    field(
        "unit",
        Str,
        Optional,
        "What a count counts, or the unit of a duration (\"workers\", \
         \"years\").",
    ),
    field(
        "qualifier",
        Str,
        Optional,
        "How the text hedges it: over, at_least, under, at_most, about or \
         almost.",
    ),
    START,
    END,
];

/// What went wrong with a document that gave no record.
pub const ERROR: &[Field] = &[
    field(
        "kind",
        Str,
        Always,
        "not_found, unreadable, binary, empty, too_large, walk, malformed \
         (a JSON line or element that is not an object, a WARC record that \
         cannot be parsed) or no_text (a JSON record without a text field).",
    ),
    field("message", Str, Always, "A human-readable explanation."),
];

/// The fields of a document record, in the order they are written.
pub const DOCUMENT: &[Field] = &[
    field(
        "id",
        Str,
        Always,
        "Content id: a SHA-256 prefix of the document's bytes (the file, \
         the JSON line or element, the WARC payload), in hex.",
    ),
    field(
        "path",
        Str,
        Always,
        "Where the document was read from: the file, or FILE:LINE (JSONL, \
         1-based), FILE#INDEX (JSON array, 0-based), FILE#OFFSET (WARC \
         record, offset as stored).",
    ),
    field(
        "source_id",
        Str,
        Optional,
        "A JSON record's own id (--id-key, default `id`), as a string.",
    ),
    field(
        "title",
        Str,
        Nullable,
        "The headline (also the first paragraph of `text`), or null.",
    ),
    field(
        "byline",
        Str,
        Optional,
        "The author credit the cleaner found.",
    ),
    field(
        "dateline",
        Str,
        Optional,
        "The dateline that opens `text` (it stays in `text`).",
    ),
    field(
        "url",
        Str,
        Optional,
        "The document's URL: a JSON record's `url`, WARC-Target-URI, or \
         the page's canonical URL (when known).",
    ),
    field(
        "published",
        Str,
        Optional,
        "Publication date or time, ISO 8601 as written (from a JSON \
         record's date fields or the page's metadata, when known).",
    ),
    field(
        "crawled",
        Str,
        Optional,
        "When the page was fetched: WARC-Date, or a JSON record's \
         date_download/crawled/date_crawled (when known).",
    ),
    field(
        "authors",
        List(&Str),
        Optional,
        "Author names (from a JSON record or the page, when known).",
    ),
    field(
        "site",
        Str,
        Optional,
        "The site's name (HTML input, when it says).",
    ),
    field(
        "language",
        Str,
        Optional,
        "The page's language tag as written (HTML input, when it says).",
    ),
    field("text", Str, Always, "The article's clean text."),
    field(
        "removed",
        List(&Object(REMOVED)),
        Always,
        "What the cleaner removed from the input, in order.",
    ),
    field("stats", Object(STATS), Always, "Counts about the document."),
    field(
        "entities",
        List(&Object(ENTITY)),
        Always,
        "Mentions of people, organisations and places, in text order.",
    ),
    field(
        "figures",
        List(&Object(FIGURE)),
        Always,
        "Money, counts, percentages, fractions and durations, in text \
         order.",
    ),
    field(
        "sentences",
        Pairs,
        Optional,
        "With --spans: [start, end] of each sentence.",
    ),
    field(
        "tokens",
        Pairs,
        Optional,
        "With --spans: [start, end] of each word token.",
    ),
];

/// The fields of an error record.
pub const ERROR_RECORD: &[Field] = &[
    field(
        "id",
        Str,
        Nullable,
        "Content id when the bytes could be read, else null.",
    ),
    field("path", Str, Always, "The path as given or reached."),
    field("error", Object(ERROR), Always, "What went wrong."),
];

/// The columns of the typed outputs: a document record's fields, then
/// `error` (null for a document; for an error record only `id`, `path`
/// and `error` are set).
pub fn columns() -> impl Iterator<Item = &'static Field> {
    static ERROR_COLUMN: Field = field(
        "error",
        Object(ERROR),
        Optional,
        "Set for a document that failed, null otherwise.",
    );
    DOCUMENT.iter().chain([&ERROR_COLUMN])
}

/// The JSON Schema (draft 2020-12) of one line of output.
pub fn json_schema() -> Value {
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "newsx record",
        "description": format!(
            "One line of `newsx extract` output (record schema {}): a \
             document record or an error record. Offsets are code point offsets \
             into the record's `text`, end exclusive.",
            crate::record::SCHEMA_VERSION
        ),
        "oneOf": [
            object_schema(DOCUMENT, "A document that was read and analysed."),
            object_schema(ERROR_RECORD, "A document that failed."),
        ],
    })
}

fn object_schema(fields: &[Field], doc: &str) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for f in fields {
        let mut schema = kind_schema(&f.kind);
        if f.presence == Nullable {
            schema = json!({ "anyOf": [schema, { "type": "null" }] });
        }
        schema["description"] = Value::from(f.doc);
        properties.insert(f.name.to_string(), schema);
        if f.presence != Optional {
            required.push(f.name);
        }
    }
    json!({
        "type": "object",
        "description": doc,
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn kind_schema(kind: &Kind) -> Value {
    match kind {
        Str => json!({ "type": "string" }),
        Count => json!({ "type": "integer", "minimum": 0 }),
        Decimal => json!({ "type": "number" }),
        Object(fields) => object_schema(fields, "One item."),
        List(item) => json!({ "type": "array", "items": kind_schema(item) }),
        Pairs => json!({
            "type": "array",
            "items": {
                "type": "array",
                "prefixItems": [kind_schema(&Count), kind_schema(&Count)],
                "items": false,
                "minItems": 2,
            },
        }),
    }
}

/// The `columns = {...}` argument of DuckDB's `read_json` for this
/// output: every column typed, so no sample decides a type.
pub fn duckdb_columns() -> String {
    let cols: Vec<String> = columns()
        .map(|f| format!("'{}': '{}'", f.name, duckdb_type(&f.kind)))
        .collect();
    format!("{{{}}}", cols.join(", "))
}

fn duckdb_type(kind: &Kind) -> String {
    match kind {
        Str => "VARCHAR".into(),
        Count => "BIGINT".into(),
        Decimal => "DOUBLE".into(),
        Object(fields) => {
            let inner: Vec<String> = fields
                .iter()
                .map(|f| format!("\"{}\" {}", f.name, duckdb_type(&f.kind)))
                .collect();
            format!("STRUCT({})", inner.join(", "))
        }
        List(item) => format!("{}[]", duckdb_type(item)),
        Pairs => "BIGINT[][]".into(),
    }
}

/// The schema as Spark DDL (`spark.read.schema(ddl).json(...)`).
pub fn spark_ddl() -> String {
    let cols: Vec<String> = columns()
        .map(|f| format!("`{}` {}", f.name, spark_type(&f.kind)))
        .collect();
    cols.join(", ")
}

fn spark_type(kind: &Kind) -> String {
    match kind {
        Str => "STRING".into(),
        Count => "BIGINT".into(),
        Decimal => "DOUBLE".into(),
        Object(fields) => {
            let inner: Vec<String> = fields
                .iter()
                .map(|f| format!("`{}`: {}", f.name, spark_type(&f.kind)))
                .collect();
            format!("STRUCT<{}>", inner.join(", "))
        }
        List(item) => format!("ARRAY<{}>", spark_type(item)),
        Pairs => "ARRAY<ARRAY<BIGINT>>".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_documented_and_named_once() {
        fn check(fields: &[Field]) {
            let mut names: Vec<&str> = fields.iter().map(|f| f.name).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), fields.len(), "a name twice");
            for f in fields {
                assert!(f.doc.len() > 10, "{} is undocumented", f.name);
                if let Object(inner) | List(Object(inner)) = &f.kind {
                    check(inner);
                }
            }
        }
        check(DOCUMENT);
        check(ERROR_RECORD);
    }

    #[test]
    fn duckdb_types_nest() {
        let cols = duckdb_columns();
        assert!(cols.starts_with("{'id': 'VARCHAR', 'path': 'VARCHAR'"));
        let stats = "'stats': 'STRUCT(\"bytes\" BIGINT, \"encoding\" VARCHAR";
        assert!(cols.contains(stats), "{cols}");
        assert!(cols.contains("\"value\" DOUBLE, \"value_max\" DOUBLE"));
        let error = "'error': 'STRUCT(\"kind\" VARCHAR, \"message\" VARCHAR)'}";
        assert!(cols.ends_with(error), "{cols}");
    }
}
