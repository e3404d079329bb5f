//! The HTTP response inside a WARC `response` record: status, headers and
//! the entity body, with chunked transfer encoding and gzip or deflate
//! content encoding undone (crawlers store the bytes as they came).

use std::io::Read;

use super::warc::{header, read_headers, Headers};
use super::{compress, read_line_limited, ErrorKind, Markup, ReadFailure};

/// A payload and what its headers say about it.
pub(super) struct Payload {
    /// The entity body, decoded for transfer and content.
    pub body: Vec<u8>,
    /// The media type, lower case, without parameters ("text/html").
    pub media_type: String,
    /// The `charset` parameter, when given.
    pub charset: Option<String>,
}

impl Payload {
    /// A block taken as it is, with the record's `Content-Type`.
    pub(super) fn of(block: &[u8], content_type: &str) -> Payload {
        let (media_type, charset) = media_type(content_type);
        Payload {
            body: block.to_vec(),
            media_type,
            charset,
        }
    }

    /// Whether the payload is text, and which kind: HTML, plain text, or
    /// unknown (no type given: told from the bytes); `None` for anything
    /// else (images, PDF, scripts, JSON).
    pub(super) fn markup(&self) -> Option<Markup> {
        match self.media_type.as_str() {
            "" => Some(Markup::Sniff),
            "text/html" | "application/xhtml+xml" => Some(Markup::Html),
            "text/plain" => Some(Markup::Text),
            t if t.starts_with("text/")
                && !matches!(
                    t,
                    "text/css" | "text/javascript" | "text/csv"
                ) =>
            {
                Some(Markup::Sniff)
            }
            _ => None,
        }
    }
}

/// The media type and charset of a `Content-Type` value.
fn media_type(value: &str) -> (String, Option<String>) {
    let mut parts = value.split(';');
    let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = parts.find_map(|p| {
        let (name, value) = p.split_once('=')?;
        let value = value.trim().trim_matches(['"', '\'']).trim();
        (name.trim().eq_ignore_ascii_case("charset") && !value.is_empty())
            .then(|| value.to_string())
    });
    (media, charset)
}

/// The payload of an HTTP response; `Ok(None)` for a response that is not
/// a success (a redirect, an error page), which holds no article.
pub(super) fn payload(
    block: &[u8],
    max_bytes: u64,
) -> Result<Option<Payload>, ReadFailure> {
    let mut reader = block;
    let mut line = Vec::new();
    let status = read_line_limited(&mut reader, &mut line, 1024)
        .map_err(|e| compress::failure(&e))?;
    let code = status
        .and_then(|_| std::str::from_utf8(&line).ok())
        .filter(|l| l.starts_with("HTTP/"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse::<u16>().ok())
        .ok_or((ErrorKind::Malformed, "no HTTP status line".to_string()))?;
    if !(200..300).contains(&code) {
        return Ok(None);
    }
    let headers = read_headers(&mut reader, &mut line)?;
    let body = decode_body(&headers, reader, max_bytes)?;
    let (media_type, charset) =
        media_type(header(&headers, "content-type").unwrap_or(""));
    Ok(Some(Payload {
        body,
        media_type,
        charset,
    }))
}

/// The entity body: de-chunked, then decompressed, at most `max_bytes`
/// (one more, so that the caller sees it is too large).
fn decode_body(
    headers: &Headers,
    body: &[u8],
    max_bytes: u64,
) -> Result<Vec<u8>, ReadFailure> {
    let chunked = header(headers, "transfer-encoding")
        .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
    let body = match chunked {
        true => dechunk(body).unwrap_or_else(|| body.to_vec()),
        false => body.to_vec(),
    };
    let encoding = header(headers, "content-encoding")
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let limit = |r: &mut dyn Read| super::read_to_limit(r, max_bytes);
    let decoded = match encoding.as_str() {
        "gzip" | "x-gzip" if body.starts_with(&[0x1f, 0x8b]) => {
            limit(&mut flate2::read::MultiGzDecoder::new(&body[..]))
        }
        "deflate" if !body.is_empty() => {
            // Servers send zlib-wrapped or raw deflate under this name.
            let zlib = limit(&mut flate2::read::ZlibDecoder::new(&body[..]));
            zlib.or_else(|_| {
                limit(&mut flate2::read::DeflateDecoder::new(&body[..]))
            })
        }
        "" | "identity" | "gzip" | "x-gzip" | "deflate" => return Ok(body),
        other => {
            return Err((
                ErrorKind::Unreadable,
                format!("content encoding {other:?} is not read by newsx"),
            ))
        }
    };
    decoded.map_err(|e| compress::failure(&e))
}

/// A chunked body joined; `None` when it is not well-formed (crawlers
/// that de-chunk leave the header in place).
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let end = body.windows(2).position(|w| w == b"\r\n")?;
        let size = std::str::from_utf8(&body[..end]).ok()?;
        let size = size.split(';').next()?.trim();
        let size = usize::from_str_radix(size, 16).ok()?;
        body = &body[end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size..)?;
        body = body.strip_prefix(b"\r\n").unwrap_or(body);
    }
}

impl std::fmt::Debug for Payload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Payload({}, {} bytes)", self.media_type, self.body.len())
    }
}

#[cfg(test)]
mod tests {
    use super::super::warc::tests::{gzip, http};
    use super::*;

    #[test]
    fn chunked_and_gzipped_bodies_are_undone() {
        let body = b"<p>Caf\xe9 prices rose.</p>";
        let mut chunked = b"7\r\n".to_vec();
        chunked.extend_from_slice(&body[..7]);
        chunked.extend_from_slice(
            format!("\r\n{:x}\r\n", body.len() - 7).as_bytes(),
        );
        chunked.extend_from_slice(&body[7..]);
        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
        let response = http(
            "text/html; charset=\"ISO-8859-1\"",
            "Transfer-Encoding: chunked\r\n",
            &chunked,
        );
        let p = payload(&response, 1 << 20).unwrap().unwrap();
        assert_eq!(p.body, body);
        assert_eq!(p.charset.as_deref(), Some("ISO-8859-1"));
        assert_eq!(p.markup(), Some(Markup::Html));
        let response =
            http("text/plain", "Content-Encoding: gzip\r\n", &gzip(body));
        let p = payload(&response, 1 << 20).unwrap().unwrap();
        assert_eq!(
            (p.body.as_slice(), p.markup()),
            (&body[..], Some(Markup::Text))
        );
    }

    #[test]
    fn failures_and_non_text_are_not_documents() {
        let redirect = b"HTTP/1.1 301 Moved\r\nLocation: /b\r\n\r\n";
        assert!(payload(redirect, 100).unwrap().is_none());
        let image = http("image/png", "", b"\x89PNG");
        assert_eq!(payload(&image, 100).unwrap().unwrap().markup(), None);
        let (kind, _) = payload(b"garbage", 100).unwrap_err();
        assert_eq!(kind, ErrorKind::Malformed);
    }
}
