//! WARC (`.warc`, `.warc.gz`), as crawlers write it: `response` records
//! with an HTML or text payload, and `resource` and `conversion` records
//! with text, become documents; `warcinfo`, `request`, `metadata`,
//! `revisit` records, responses that are not 2xx and payloads that are
//! not text are passed over and counted (the summary line's "skipped").
//!
//! `url` is the `WARC-Target-URI`, `crawled` the `WARC-Date`, `id` the
//! hash of the payload (HTTP headers stripped, chunked transfer and gzip
//! or deflate content encoding undone), and the charset of the HTTP
//! `Content-Type` decodes it. `path` is `FILE#OFFSET`, the offset of the
//! record as stored: in a `.warc.gz` of one gzip member per record (what
//! crawlers write, and what CDX indexes point into) the compressed offset
//! of its member; a record that starts inside a member, as in a WARC
//! compressed whole, is `FILE#MEMBER+INNER`, INNER counted in the
//! decompressed member.

use std::io::{self, BufRead, BufReader, Read};

use super::compress::{self, Raw};
use super::http;
use super::{
    decode_declared, read_line_limited, text, DocError, DocMeta, DocResult,
    Document, ErrorKind, ReadOptions,
};

/// Longest header block of a record, and of the HTTP response in it.
const MAX_HEADERS: u64 = 1 << 20;

/// A reader that counts the bytes taken from it.
pub(super) struct Counted<R> {
    inner: R,
    pos: u64,
}

impl<R> Counted<R> {
    fn new(inner: R) -> Self {
        Counted { inner, pos: 0 }
    }
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.inner.consume(amt);
        self.pos += amt as u64;
    }
}

type Member = Counted<BufReader<flate2::bufread::GzDecoder<Counted<Raw>>>>;

/// Where records are read from.
enum Input {
    /// One stream (an uncompressed or zstd file, or standard input).
    Plain(Counted<Raw>),
    /// gzip members, one after another; the one being read, and its
    /// compressed offset.
    Members {
        member: Option<Box<Member>>,
        /// The file, between members.
        raw: Option<Counted<Raw>>,
        offset: u64,
    },
}

impl Input {
    /// The stream the next record is read from, moving to the next gzip
    /// member when one ends, and the record's offset; `None` at the end.
    fn stream(&mut self) -> io::Result<Option<(&mut dyn BufRead, String)>> {
        match self {
            Input::Plain(r) => {
                skip_blank(r)?;
                if r.fill_buf()?.is_empty() {
                    return Ok(None);
                }
                let at = r.pos;
                Ok(Some((r, at.to_string())))
            }
            Input::Members {
                member,
                raw,
                offset,
            } => loop {
                let ready = match member {
                    Some(m) => {
                        skip_blank(m)?;
                        !m.fill_buf()?.is_empty()
                    }
                    None => false,
                };
                if ready {
                    let m = member.as_mut().expect("a member is open");
                    let at = match m.pos {
                        0 => offset.to_string(),
                        inner => format!("{offset}+{inner}"),
                    };
                    return Ok(Some((&mut **m, at)));
                }
                if let Some(done) = member.take() {
                    *raw = Some(done.inner.into_inner().into_inner());
                }
                let Some(mut file) = raw.take() else {
                    return Ok(None);
                };
                if file.fill_buf()?.is_empty() {
                    return Ok(None);
                }
                *offset = file.pos;
                let decoder = flate2::bufread::GzDecoder::new(file);
                let buffered = BufReader::with_capacity(1 << 13, decoder);
                *member = Some(Box::new(Counted::new(buffered)));
            },
        }
    }
}

/// The documents of a WARC stream, in order.
pub struct WarcReader {
    input: Input,
    label: String,
    options: ReadOptions,
    line: Vec<u8>,
    done: bool,
}

impl WarcReader {
    /// Reads the records of a decompressed stream; offsets are its own.
    pub(super) fn plain(
        reader: Raw,
        label: String,
        options: ReadOptions,
    ) -> Self {
        WarcReader {
            input: Input::Plain(Counted::new(reader)),
            label,
            options,
            line: Vec::new(),
            done: false,
        }
    }

    /// Reads the records of a gzip stream member by member, so that each
    /// record's offset is that of its member in the file.
    pub(super) fn gzip_members(
        raw: Raw,
        label: String,
        options: ReadOptions,
    ) -> Self {
        WarcReader {
            input: Input::Members {
                member: None,
                raw: Some(Counted::new(raw)),
                offset: 0,
            },
            label,
            options,
            line: Vec::new(),
            done: false,
        }
    }

    /// The stream the next record is read from, moving to the next gzip
    /// member when one ends; `None` at the end of the file.
    fn read_next(&mut self) -> Option<DocResult> {
        while !self.done {
            let (stream, at) = match self.input.stream() {
                Ok(Some(found)) => found,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    // No record can be placed: the error is the file's.
                    let (kind, message) = compress::failure(&e);
                    let path = self.label.clone();
                    return Some(Err(DocError::new(path, kind, message)));
                }
            };
            let path = format!("{}#{at}", self.label);
            match read_record(stream, &mut self.line, &path, &self.options) {
                Ok(Some(doc)) => return Some(doc),
                Ok(None) => self.options.skip(),
                Err((kind, message)) => {
                    // Without a length there is no next record to find.
                    self.done = true;
                    return Some(Err(DocError::new(path, kind, message)));
                }
            }
        }
        None
    }
}

impl Iterator for WarcReader {
    type Item = DocResult;

    fn next(&mut self) -> Option<DocResult> {
        self.read_next()
    }
}

/// Passes over the blank lines between records.
fn skip_blank(reader: &mut impl BufRead) -> io::Result<()> {
    loop {
        let available = reader.fill_buf()?;
        let n = available
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        if n == 0 {
            return Ok(());
        }
        reader.consume(n);
    }
}

/// The headers of a record or of an HTTP response: names lower-cased.
pub(super) type Headers = Vec<(String, String)>;

/// The value of a header, by its lower-case name.
pub(super) fn header<'h>(headers: &'h Headers, name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// Reads header lines up to a blank line (continuation lines joined).
pub(super) fn read_headers(
    reader: &mut dyn BufRead,
    line: &mut Vec<u8>,
) -> Result<Headers, (ErrorKind, String)> {
    let mut headers: Headers = Vec::new();
    let mut total = 0u64;
    loop {
        let read = read_line_limited(&mut &mut *reader, line, MAX_HEADERS)
            .map_err(|e| compress::failure(&e))?;
        let Some(len) = read else {
            return Err(malformed("the input ends inside the headers"));
        };
        total += len + 1;
        if total > MAX_HEADERS {
            return Err(malformed("headers longer than 1 MiB"));
        }
        if line.is_empty() {
            return Ok(headers);
        }
        let text = String::from_utf8_lossy(line);
        if text.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(text.trim());
            }
            continue;
        }
        if let Some((name, value)) = text.split_once(':') {
            headers.push((
                name.trim().to_ascii_lowercase(),
                value.trim().to_string(),
            ));
        }
    }
}

fn malformed(message: &str) -> (ErrorKind, String) {
    (ErrorKind::Malformed, message.to_string())
}

/// Reads one record: `Ok(Some)` for a document or a document's error,
/// `Ok(None)` for a record passed over, `Err` when the stream cannot be
/// read on.
fn read_record(
    reader: &mut dyn BufRead,
    line: &mut Vec<u8>,
    path: &str,
    options: &ReadOptions,
) -> Result<Option<DocResult>, (ErrorKind, String)> {
    let read = read_line_limited(&mut &mut *reader, line, 64)
        .map_err(|e| compress::failure(&e))?;
    if read.is_none() || !line.starts_with(b"WARC/") {
        return Err(malformed(
            "no WARC version line where a record should start",
        ));
    }
    let headers = read_headers(reader, line)?;
    let length: u64 = header(&headers, "content-length")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| malformed("a WARC record without a Content-Length"))?;
    let kind = header(&headers, "warc-type")
        .unwrap_or("")
        .to_ascii_lowercase();
    let wanted =
        matches!(kind.as_str(), "response" | "resource" | "conversion");
    let limit = options.max_bytes.saturating_add(MAX_HEADERS);
    if !wanted || length > limit {
        let skipped =
            io::copy(&mut Read::take(&mut *reader, length), &mut io::sink())
                .map_err(|e| compress::failure(&e))?;
        if skipped < length {
            return Err(malformed("the input ends inside a record"));
        }
        if !wanted {
            return Ok(None);
        }
        let (kind, message) = text::too_large(length, options.max_bytes);
        return Ok(Some(Err(DocError::new(path.to_string(), kind, message))));
    }
    let mut block = Vec::with_capacity(length as usize);
    Read::take(&mut *reader, length)
        .read_to_end(&mut block)
        .map_err(|e| compress::failure(&e))?;
    if (block.len() as u64) < length {
        return Err(malformed("the input ends inside a record"));
    }
    Ok(document(&headers, &kind, &block, path, options))
}

/// The document of a wanted record's block, `None` when it is not text.
fn document(
    headers: &Headers,
    kind: &str,
    block: &[u8],
    path: &str,
    options: &ReadOptions,
) -> Option<DocResult> {
    let fail = |(kind, message): (ErrorKind, String)| {
        Some(Err(DocError::new(path.to_string(), kind, message)))
    };
    let record_type = header(headers, "content-type").unwrap_or("");
    let payload =
        if kind == "response" && record_type.contains("application/http") {
            match http::payload(block, options.max_bytes) {
                Ok(Some(p)) => p,
                Ok(None) => return None,
                Err(failure) => return fail(failure),
            }
        } else {
            http::Payload::of(block, record_type)
        };
    let markup = payload.markup()?;
    if payload.body.len() as u64 > options.max_bytes {
        return fail(text::too_large(
            payload.body.len() as u64,
            options.max_bytes,
        ));
    }
    let id = super::content_id(&payload.body);
    let decoded =
        match decode_declared(&payload.body, payload.charset.as_deref()) {
            Ok(d) => d,
            Err((kind, message)) => {
                return Some(Err(DocError {
                    path: path.to_string(),
                    id: Some(id),
                    kind,
                    message,
                }))
            }
        };
    let uri = header(headers, "warc-target-uri")
        .map(|u| u.trim_start_matches('<').trim_end_matches('>').to_string())
        .filter(|u| !u.is_empty());
    Some(Ok(Document {
        id,
        path: path.to_string(),
        bytes: payload.body.len() as u64,
        encoding: decoded.encoding,
        invalid_bytes: decoded.invalid_bytes,
        text: decoded.text,
        markup,
        meta: DocMeta {
            url: uri,
            crawled: header(headers, "warc-date").map(String::from),
            ..DocMeta::default()
        },
    }))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::read::Markup;
    use std::io::Write;

    /// One WARC record, as bytes.
    pub(crate) fn record(
        kind: &str,
        uri: &str,
        content_type: &str,
        block: &[u8],
    ) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
             WARC-Date: 2024-03-01T12:00:00Z\r\nContent-Type: {content_type}\r\n\
             Content-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    /// An HTTP response with a body.
    pub(crate) fn http(
        content_type: &str,
        extra: &str,
        body: &[u8],
    ) -> Vec<u8> {
        let mut out = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n{extra}\r\n"
        )
        .into_bytes();
        out.extend_from_slice(body);
        out
    }

    pub(crate) fn gzip(data: &[u8]) -> Vec<u8> {
        let mut gz = flate2::write::GzEncoder::new(
            Vec::new(),
            flate2::Compression::default(),
        );
        gz.write_all(data).unwrap();
        gz.finish().unwrap()
    }

    fn sample() -> Vec<Vec<u8>> {
        let page =
            b"<html><body><h1>Storm hits</h1><p>Rain fell.</p></body></html>";
        vec![
            record(
                "warcinfo",
                "",
                "application/warc-fields",
                b"software: test\r\n",
            ),
            record(
                "request",
                "http://x.example/a",
                "application/http; msgtype=request",
                b"GET /a HTTP/1.1\r\nHost: x.example\r\n\r\n",
            ),
            record(
                "response",
                "http://x.example/a",
                "application/http; msgtype=response",
                &http("text/html; charset=utf-8", "", page),
            ),
            record(
                "metadata",
                "http://x.example/a",
                "application/warc-fields",
                b"via: x\r\n",
            ),
            record(
                "conversion",
                "http://x.example/a",
                "text/plain",
                b"Plain words.",
            ),
        ]
    }

    fn read(reader: WarcReader) -> (Vec<DocResult>, u64) {
        let skipped = reader.options.skipped.clone();
        let docs: Vec<DocResult> = reader.collect();
        (docs, skipped.load(std::sync::atomic::Ordering::Relaxed))
    }

    #[test]
    fn responses_and_conversions_are_documents_the_rest_is_counted() {
        let bytes = sample().concat();
        let raw: Raw = Box::new(io::Cursor::new(bytes.clone()));
        let (docs, skipped) = read(WarcReader::plain(
            raw,
            "c.warc".into(),
            ReadOptions::default(),
        ));
        let paths: Vec<_> = docs.iter().map(|d| format!("{d:?}")).collect();
        assert_eq!(docs.len(), 2, "{paths:#?}");
        assert_eq!(skipped, 3);
        let page = docs[0].as_ref().unwrap();
        let offset = sample()[..2].concat().len();
        assert_eq!(page.path, format!("c.warc#{offset}"));
        assert!(page.text.starts_with("<html>"));
        assert_eq!(page.markup, Markup::Html);
        assert_eq!(page.meta.url.as_deref(), Some("http://x.example/a"));
        assert_eq!(page.meta.crawled.as_deref(), Some("2024-03-01T12:00:00Z"));
        assert!(bytes[offset..].starts_with(b"WARC/1.0"));
        let plain = docs[1].as_ref().unwrap();
        assert_eq!(
            (plain.text.as_str(), plain.markup),
            ("Plain words.", Markup::Text)
        );
    }

    #[test]
    fn a_gzip_member_per_record_gives_compressed_offsets() {
        let members: Vec<Vec<u8>> = sample().iter().map(|r| gzip(r)).collect();
        let offset = members[..2].concat().len();
        let raw: Raw = Box::new(io::Cursor::new(members.concat()));
        let reader = WarcReader::gzip_members(
            raw,
            "c.warc.gz".into(),
            ReadOptions::default(),
        );
        let (docs, skipped) = read(reader);
        assert_eq!(skipped, 3);
        assert_eq!(
            docs[0].as_ref().unwrap().path,
            format!("c.warc.gz#{offset}")
        );
        // A WARC compressed whole: offsets inside the one member.
        let whole = gzip(&sample().concat());
        let raw: Raw = Box::new(io::Cursor::new(whole));
        let reader = WarcReader::gzip_members(
            raw,
            "w.warc.gz".into(),
            ReadOptions::default(),
        );
        let (docs, _) = read(reader);
        let inner = sample()[..2].concat().len();
        assert_eq!(
            docs[0].as_ref().unwrap().path,
            format!("w.warc.gz#0+{inner}")
        );
    }

    #[test]
    fn a_record_without_a_length_ends_the_file_with_an_error() {
        let mut bytes = sample()[2].clone();
        bytes.extend_from_slice(b"WARC/1.0\r\nWARC-Type: response\r\n\r\nxyz");
        let raw: Raw = Box::new(io::Cursor::new(bytes));
        let (docs, _) = read(WarcReader::plain(
            raw,
            "c.warc".into(),
            ReadOptions::default(),
        ));
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].as_ref().unwrap_err().kind, ErrorKind::Malformed);
    }
}
