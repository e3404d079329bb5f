//! Stage 1, `read`: a source path in, decoded text out.
//!
//! Reading is where most real-world breakage shows up (binary files dropped
//! in a text folder, empty downloads, legacy encodings, dangling links), so
//! every failure here is a typed [`DocError`] that the caller turns into an
//! error record; nothing in this module panics or aborts the run.
//!
//! Decoding: UTF-8 (a BOM dropped) is taken as is; a UTF-16 BOM selects
//! UTF-16; anything else that is not valid UTF-8 is handed to `chardetng`,
//! whose guess (Windows-1252 for most Western legacy text) decodes it. The
//! encoding's name goes into the record so users can audit the guess.

use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// Where a document comes from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// A file on disk, as reached by the walk.
    File(PathBuf),
    /// One document on standard input (`-`).
    Stdin,
}

impl Source {
    /// The path as it appears in the record (`-` for stdin).
    pub fn display(&self) -> String {
        match self {
            Source::File(p) => p.to_string_lossy().into_owned(),
            Source::Stdin => "-".to_string(),
        }
    }
}

/// A document read and decoded, ready for the pipeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// First 16 hex digits of the SHA-256 of the raw bytes.
    pub id: String,
    /// The path as given or reached (`-` for stdin).
    pub path: String,
    /// Size of the raw input in bytes.
    pub bytes: u64,
    /// Name of the encoding the bytes were decoded from ("utf-8", …).
    pub encoding: String,
    /// The decoded text, before cleaning.
    pub text: String,
}

/// Why a document could not be read; the wire names are in [`as_str`].
///
/// [`as_str`]: ErrorKind::as_str
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The path does not exist (or a link points nowhere).
    NotFound,
    /// The path exists but cannot be read as a file.
    Unreadable,
    /// The bytes are not text.
    Binary,
    /// Nothing but whitespace.
    Empty,
    /// Larger than `--max-bytes`.
    TooLarge,
    /// The directory walk failed here (a symlink loop, a vanished entry).
    Walk,
}

impl ErrorKind {
    /// The wire name of the kind.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::NotFound => "not_found",
            ErrorKind::Unreadable => "unreadable",
            ErrorKind::Binary => "binary",
            ErrorKind::Empty => "empty",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Walk => "walk",
        }
    }
}

/// A per-document failure; it becomes an error record, never an abort.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocError {
    /// The path as given or reached.
    pub path: String,
    /// The content id when the bytes could be read.
    pub id: Option<String>,
    /// What went wrong.
    pub kind: ErrorKind,
    /// A human-readable explanation.
    pub message: String,
}

impl DocError {
    /// Builds an error for `path` without a content id.
    pub fn new(path: String, kind: ErrorKind, message: String) -> DocError {
        DocError {
            path,
            id: None,
            kind,
            message,
        }
    }
}

impl fmt::Display for DocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for DocError {}

/// Reads and decodes one source, refusing anything over `max_bytes`.
pub fn read_source(
    source: &Source,
    max_bytes: u64,
) -> Result<Document, DocError> {
    let path = source.display();
    let raw = match source {
        Source::File(p) => read_file(p, max_bytes),
        Source::Stdin => read_limited(io::stdin().lock(), max_bytes),
    }
    .map_err(|(kind, message)| DocError::new(path.clone(), kind, message))?;
    let id = content_id(&raw);
    let decoded = crate::html::charset::decode_declared(&raw).map(Ok);
    match decoded.unwrap_or_else(|| decode(&raw)) {
        Ok((text, encoding)) => Ok(Document {
            id,
            path,
            bytes: raw.len() as u64,
            encoding,
            text,
        }),
        Err((kind, message)) => Err(DocError {
            path,
            id: Some(id),
            kind,
            message,
        }),
    }
}

/// First 16 hex digits of the SHA-256 of `raw`: identical files share it.
pub fn content_id(raw: &[u8]) -> String {
    let digest = Sha256::digest(raw);
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

type ReadFailure = (ErrorKind, String);

fn read_file(path: &Path, max_bytes: u64) -> Result<Vec<u8>, ReadFailure> {
    let meta = fs::metadata(path).map_err(|e| io_failure(path, &e))?;
    if meta.is_dir() {
        return Err((
            ErrorKind::Unreadable,
            "is a directory, not a file".to_string(),
        ));
    }
    if meta.len() > max_bytes {
        return Err(too_large(meta.len(), max_bytes));
    }
    let file = fs::File::open(path).map_err(|e| io_failure(path, &e))?;
    read_limited(file, max_bytes)
}

/// Reads at most `max_bytes` (one more to detect a larger input).
fn read_limited(
    reader: impl Read,
    max_bytes: u64,
) -> Result<Vec<u8>, ReadFailure> {
    let mut raw = Vec::new();
    reader
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut raw)
        .map_err(|e| (ErrorKind::Unreadable, e.to_string()))?;
    if raw.len() as u64 > max_bytes {
        return Err(too_large(raw.len() as u64, max_bytes));
    }
    Ok(raw)
}

fn too_large(len: u64, max_bytes: u64) -> ReadFailure {
    let message = if len > max_bytes.saturating_add(1) {
        format!("{len} bytes is over the limit of {max_bytes} (--max-bytes)")
    } else {
        format!("over the limit of {max_bytes} bytes (--max-bytes)")
    };
    (ErrorKind::TooLarge, message)
}

fn io_failure(path: &Path, err: &io::Error) -> ReadFailure {
    if err.kind() == io::ErrorKind::NotFound {
        let dangling = fs::symlink_metadata(path).is_ok();
        let message = if dangling {
            "symbolic link points to a missing file".to_string()
        } else {
            "no such file or directory".to_string()
        };
        return (ErrorKind::NotFound, message);
    }
    (ErrorKind::Unreadable, err.to_string())
}

/// Decodes raw bytes to text, naming the encoding, or says why it is not
/// text.
pub fn decode(raw: &[u8]) -> Result<(String, String), ReadFailure> {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err((ErrorKind::Empty, "no text in the file".to_string()));
    }
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(raw) {
        let (text, _, malformed) = encoding.decode(raw);
        return finish(text.into_owned(), encoding_name(encoding), malformed);
    }
    if let Ok(text) = std::str::from_utf8(raw) {
        if looks_binary(text.as_bytes()) {
            return Err(binary());
        }
        return finish(text.to_string(), "utf-8".to_string(), false);
    }
    if looks_binary(raw) {
        return Err(binary());
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(raw, true);
    let encoding = detector.guess(None, true);
    let (text, _, malformed) = encoding.decode(raw);
    finish(text.into_owned(), encoding_name(encoding), malformed)
}

fn finish(
    text: String,
    encoding: String,
    malformed: bool,
) -> Result<(String, String), ReadFailure> {
    if text.trim().is_empty() {
        return Err((ErrorKind::Empty, "no text in the file".to_string()));
    }
    if malformed && looks_binary(text.as_bytes()) {
        return Err(binary());
    }
    Ok((text, encoding))
}

fn binary() -> ReadFailure {
    (
        ErrorKind::Binary,
        "binary data (NUL or control bytes), not text".to_string(),
    )
}

/// Binary if any NUL byte, or more than 1 in 10 bytes in the first 8 KiB
/// are control characters other than tab, newline, carriage return and
/// form feed. Text editors and `grep` use the same NUL rule.
fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.contains(&0) {
        return true;
    }
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    controls * 10 > head.len()
}

/// Lower-case WHATWG name of an encoding ("windows-1252").
fn encoding_name(encoding: &'static encoding_rs::Encoding) -> String {
    encoding.name().to_ascii_lowercase()
}
