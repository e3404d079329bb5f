//! The fields of a JSON record, as scrapers write them, mapped to a
//! document and its metadata.
//!
//! news-please writes `maintext`, `title`, `url`, `date_publish`,
//! `date_download` and `authors`; trafilatura writes `text`, `title`,
//! `url`, `date`, `author`; datatrove writes `text` and `id` with the rest
//! under `metadata`. A field is looked up at the top of the record, then
//! under `metadata`. The text is the `--text-key` field, else the first of
//! [`TEXT_KEYS`] present.

use serde_json::{Map, Value};

use super::decode::mended_utf8;
use super::ReadOptions;
use super::{content_id, DocError, DocMeta, Document, ErrorKind, Markup};

/// Fields that hold an article's text, in the order they are tried.
pub const TEXT_KEYS: &[&str] = &[
    "text",
    "maintext",
    "content",
    "raw_text",
    "body",
    "articleBody",
];

/// Fields that hold the publication date, in the order they are tried.
const DATE_KEYS: &[&str] =
    &["date", "date_publish", "published", "datePublished"];

/// Fields that hold the date the page was fetched.
const CRAWL_KEYS: &[&str] = &["date_download", "crawled", "date_crawled"];

/// Fields that hold the authors (a list, or one string).
const AUTHOR_KEYS: &[&str] = &["authors", "author"];

/// The document of one JSON record, `raw` as written (a line, or an array
/// element); a record that is not an object or has no text is an error
/// for it alone.
pub(super) fn document(
    raw: &[u8],
    path: String,
    options: &ReadOptions,
) -> Result<Document, DocError> {
    let id = content_id(raw);
    let fail = |kind, message: String| DocError {
        path: path.clone(),
        id: Some(id.clone()),
        kind,
        message,
    };
    let (json, invalid_bytes) = mended_utf8(raw);
    let record = match serde_json::from_str::<Value>(&json) {
        Ok(Value::Object(map)) => map,
        Ok(other) => {
            let what = kind_of(&other);
            return Err(fail(
                ErrorKind::Malformed,
                format!("a JSON record must be an object, not {what}"),
            ));
        }
        Err(e) => {
            return Err(fail(ErrorKind::Malformed, format!("not JSON: {e}")))
        }
    };
    let text = text_of(&record, options).map_err(|(k, m)| fail(k, m))?;
    Ok(Document {
        id: id.clone(),
        path: path.clone(),
        bytes: raw.len() as u64,
        encoding: "utf-8".to_string(),
        invalid_bytes,
        text,
        markup: Markup::Sniff,
        meta: meta_of(&record, options),
    })
}

/// The text of a record, or why it has none.
fn text_of(
    record: &Map<String, Value>,
    options: &ReadOptions,
) -> Result<String, (ErrorKind, String)> {
    let found = match &options.text_key {
        Some(key) => field(record, key).map(|v| (key.as_str(), v)),
        None => TEXT_KEYS
            .iter()
            .find_map(|k| field(record, k).map(|v| (*k, v))),
    };
    let Some((key, value)) = found else {
        let tried = match &options.text_key {
            Some(key) => key.clone(),
            None => TEXT_KEYS.join(", "),
        };
        return Err((
            ErrorKind::NoText,
            format!("no text field ({tried}); name it with --text-key"),
        ));
    };
    match value {
        Value::String(s) if s.trim().is_empty() => {
            Err((ErrorKind::Empty, format!("field {key:?} is empty")))
        }
        Value::String(s) => Ok(s.clone()),
        other => Err((
            ErrorKind::NoText,
            format!("field {key:?} holds {}, not text", kind_of(other)),
        )),
    }
}

/// The metadata of a record.
fn meta_of(record: &Map<String, Value>, options: &ReadOptions) -> DocMeta {
    let first = |keys: &[&str]| keys.iter().find_map(|k| string(record, k));
    DocMeta {
        source_id: string(record, &options.id_key),
        url: string(record, "url"),
        published: first(DATE_KEYS).map(|d| iso_date(&d)),
        authors: AUTHOR_KEYS
            .iter()
            .find_map(|k| field(record, k).map(names))
            .unwrap_or_default(),
        title: string(record, "title"),
        crawled: first(CRAWL_KEYS).map(|d| iso_date(&d)),
    }
}

/// A field at the top of the record, else under `metadata`; null is
/// absent.
fn field<'a>(record: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    let top = record.get(key).filter(|v| !v.is_null());
    top.or_else(|| {
        record
            .get("metadata")
            .and_then(Value::as_object)
            .and_then(|m| m.get(key))
            .filter(|v| !v.is_null())
    })
}

/// A field as a trimmed, non-empty string (a number as written).
fn string(record: &Map<String, Value>, key: &str) -> Option<String> {
    let s = match field(record, key)? {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

/// Authors: a list of strings, or one string (trafilatura joins several
/// with "; "); empty names dropped.
fn names(value: &Value) -> Vec<String> {
    let all: Vec<&str> = match value {
        Value::String(s) => s.split(';').collect(),
        Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    all.into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// A date as ISO 8601 when it is one but for the space news-please puts
/// between date and time (`2017-02-01 10:15:00`); anything else as written.
fn iso_date(date: &str) -> String {
    let b = date.as_bytes();
    let is_date = b.len() > 10
        && b[..10].iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
    if is_date && b[10] == b' ' && b.get(11).is_some_and(u8::is_ascii_digit) {
        format!("{}T{}", &date[..10], &date[11..])
    } else {
        date.to_string()
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(json: &str) -> Result<Document, DocError> {
        document(json.as_bytes(), "f:1".to_string(), &ReadOptions::default())
    }

    #[test]
    fn news_please_fields_become_metadata() {
        let d = doc(r#"{"maintext": "Body.", "title": " Head ", "url": "https://x.example/a",
            "date_publish": "2017-02-01 10:15:00", "date_download": "2017-02-02 00:00:00",
            "authors": ["Ann Lee", " ", "Bo Chan"], "id": 42}"#)
        .unwrap();
        assert_eq!(d.text, "Body.");
        assert_eq!(d.meta.title.as_deref(), Some("Head"));
        assert_eq!(d.meta.url.as_deref(), Some("https://x.example/a"));
        assert_eq!(d.meta.published.as_deref(), Some("2017-02-01T10:15:00"));
        assert_eq!(d.meta.crawled.as_deref(), Some("2017-02-02T00:00:00"));
        assert_eq!(d.meta.authors, ["Ann Lee", "Bo Chan"]);
        assert_eq!(d.meta.source_id.as_deref(), Some("42"));
        let d =
            doc(r#"{"text": "T.", "author": "Mia Lund; Bo Chan"}"#).unwrap();
        assert_eq!(d.meta.authors, ["Mia Lund", "Bo Chan"]);
    }

    #[test]
    fn datatrove_metadata_is_looked_up_under_metadata() {
        let d = doc(r#"{"text": "T.", "id": "<urn:uuid:1>", "metadata": {"url": "u", "date": "2024-01-02T03:04:05Z"}}"#)
            .unwrap();
        assert_eq!(d.meta.url.as_deref(), Some("u"));
        assert_eq!(d.meta.published.as_deref(), Some("2024-01-02T03:04:05Z"));
        assert_eq!(d.meta.source_id.as_deref(), Some("<urn:uuid:1>"));
    }

    #[test]
    fn bad_records_are_errors_with_their_id() {
        let e = doc("{not json").unwrap_err();
        assert_eq!(e.kind, ErrorKind::Malformed);
        assert_eq!(e.id, Some(content_id(b"{not json")));
        assert_eq!(doc("[1, 2]").unwrap_err().kind, ErrorKind::Malformed);
        assert_eq!(
            doc(r#"{"title": "x"}"#).unwrap_err().kind,
            ErrorKind::NoText
        );
        assert_eq!(doc(r#"{"text": 3}"#).unwrap_err().kind, ErrorKind::NoText);
        assert_eq!(
            doc(r#"{"text": "  "}"#).unwrap_err().kind,
            ErrorKind::Empty
        );
    }

    #[test]
    fn the_text_key_can_be_named_and_stray_bytes_are_mended() {
        let options = ReadOptions {
            text_key: Some("article".to_string()),
            ..ReadOptions::default()
        };
        let raw = b"{\"text\": \"no\", \"article\": \"caf\xe9 yes\"}";
        let d = document(raw, "f:1".to_string(), &options).unwrap();
        assert_eq!(d.text, "café yes");
        assert_eq!(d.invalid_bytes, 1);
        assert_eq!(d.id, content_id(raw));
    }
}
