//! Stage 1, `read`: sources in, documents out.
//!
//! A source (a file reached by the walk, a path from `--files-from`, or
//! standard input) opens into an ordered stream of [`Document`]s behind one
//! small interface, [`open`] → [`Documents`] (in `open`). What a source holds is told
//! by `--input-format`, else by its extension, else by its first bytes;
//! each format is a module named after it:
//!
//! | module    | input                                     | `path`         |
//! |-----------|-------------------------------------------|----------------|
//! | `text`  | one text or HTML document per file        | `FILE`         |
//! | `jsonl` | one JSON object a line (`.jsonl`, `.ndjson`) | `FILE:LINE` |
//! | `json`  | one object, or an array of them (`.json`) | `FILE#INDEX`   |
//! | `warc`  | WARC `response`/`resource`/`conversion`   | `FILE#OFFSET`  |
//!
//! `compress` sits under all of them: gzip and zstd are told by their
//! magic bytes and decompressed as a stream, so `--max-bytes` applies to
//! each decompressed document, never to the archive. `fields` maps the
//! fields of a JSON record (news-please, trafilatura, datatrove) to a
//! document and its [`DocMeta`]; `decode` turns bytes into text.
//!
//! Reading is where most real-world breakage shows up (binary files dropped
//! in a text folder, empty downloads, legacy encodings, dangling links, a
//! malformed line in a shard), so every failure here is a typed
//! [`DocError`] that the caller turns into an error record for that
//! document alone; nothing in this module panics or aborts the run.

mod compress;
mod decode;
mod fields;
mod http;
mod json;
mod jsonl;
mod open;
mod stream;
mod text;
mod warc;

use std::fmt;
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use sha2::{Digest, Sha256};

pub use decode::{
    decode, decode_declared, decode_document, decode_text, Decoded,
};
pub use fields::TEXT_KEYS;
pub use json::JsonReader;
pub use jsonl::JsonlReader;
pub use open::{
    holds_records, open, open_reader, read_identified, read_source, read_whole,
    Documents,
};
pub use warc::WarcReader;

/// Where a document comes from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// A file on disk, as reached by the walk.
    File(PathBuf),
    /// Standard input (`-`).
    Stdin,
}

impl Source {
    /// The path as it appears in the record (`-` for stdin).
    pub fn display(&self) -> String {
        match self {
            Source::File(p) => path_text(p),
            Source::Stdin => "-".to_string(),
        }
    }
}

/// A path as records show it: its bytes as UTF-8, except that a byte that
/// is not UTF-8 is written `\xHH` (two upper-case hex digits) and a
/// backslash `\\`, so that two names differing only in such bytes stay
/// distinct (a lossy conversion made both `�`) and the bytes can be
/// recovered. Elsewhere than on Unix, the lossy conversion.
pub fn path_text(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            for c in chunk.valid().chars() {
                match c {
                    '\\' => out.push_str("\\\\"),
                    c => out.push(c),
                }
            }
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02X}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().into_owned()
    }
}

/// A document read and decoded, ready for the pipeline.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// First 16 hex digits of the SHA-256 of the document's own bytes: the
    /// file (decompressed), the JSON line or array element as written, or
    /// the WARC record's payload.
    pub id: String,
    /// Where the document is: `FILE`, `FILE:LINE`, `FILE#INDEX` or
    /// `FILE#OFFSET` (`-` for stdin).
    pub path: String,
    /// Size of the document's own bytes.
    pub bytes: u64,
    /// Name of the encoding the bytes were decoded from ("utf-8", …).
    pub encoding: String,
    /// Invalid bytes mended while decoding (see [`decode_text`]).
    pub invalid_bytes: u64,
    /// The decoded text, before cleaning.
    pub text: String,
    /// Whether the text is markup, when the source said so.
    pub markup: Markup,
    /// What the source said about the document (JSON fields, WARC headers).
    pub meta: DocMeta,
}

/// Whether a document's text is HTML.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Markup {
    /// Told from the text's first bytes (what text files get).
    #[default]
    Sniff,
    /// Plain text, whatever it looks like (`--input-format text`,
    /// `Content-Type: text/plain`).
    Text,
    /// HTML (`--input-format html`, `Content-Type: text/html`).
    Html,
}

/// What a source said about a document; every field is optional, and
/// plain text and HTML files have none of them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocMeta {
    /// The record's own id (`--id-key`, default `id`), as written.
    pub source_id: Option<String>,
    /// The article's address (`url`, `WARC-Target-URI`).
    pub url: Option<String>,
    /// When it was published (`date`, `date_publish`, `published`,
    /// `datePublished`).
    pub published: Option<String>,
    /// Its authors, in the source's order.
    pub authors: Vec<String>,
    /// Its headline (`title`): the record's title and first paragraph.
    pub title: Option<String>,
    /// When it was fetched (`WARC-Date`, news-please `date_download`).
    pub crawled: Option<String>,
}

/// Why a document could not be read; the wire names are in [`as_str`].
///
/// [`as_str`]: ErrorKind::as_str
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The path does not exist (or a link points nowhere).
    NotFound,
    /// The path exists but cannot be read as a file (or its compressed
    /// data is corrupt).
    Unreadable,
    /// The bytes are not text.
    Binary,
    /// Nothing but whitespace.
    Empty,
    /// Larger than `--max-bytes`.
    TooLarge,
    /// The directory walk failed here (a symlink loop, a vanished entry).
    Walk,
    /// Not a well-formed record of its format: a line that is not a JSON
    /// object, a WARC record without a length.
    Malformed,
    /// A JSON record without a text field (or one that is not a string).
    NoText,
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
            ErrorKind::Malformed => "malformed",
            ErrorKind::NoText => "no_text",
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

/// Why bytes could not be read or decoded: the kind and a message.
pub type ReadFailure = (ErrorKind, String);

/// A document, or why it could not be read.
pub type DocResult = Result<Document, DocError>;

/// What a source holds (`--input-format`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum InputFormat {
    /// Told by the extension (after a `.gz` or `.zst`), else by the first
    /// bytes (a WARC header), else one text document.
    #[default]
    Auto,
    /// One text document per source.
    Text,
    /// One HTML page per source.
    Html,
    /// One JSON object, or an array of them.
    Json,
    /// One JSON object a line.
    Jsonl,
    /// WARC records.
    Warc,
}

impl InputFormat {
    /// The format an extension names, `Auto` for one it does not know.
    fn of_extension(ext: &str) -> InputFormat {
        match ext.to_ascii_lowercase().as_str() {
            "jsonl" | "ndjson" => InputFormat::Jsonl,
            "json" => InputFormat::Json,
            "warc" => InputFormat::Warc,
            "txt" | "text" => InputFormat::Text,
            "html" | "htm" | "xhtml" => InputFormat::Html,
            _ => InputFormat::Auto,
        }
    }

    /// Whether a source of this format holds many documents.
    fn holds_records(self) -> bool {
        matches!(
            self,
            InputFormat::Json | InputFormat::Jsonl | InputFormat::Warc
        )
    }
}

/// How sources are read: the flags of `read`, shared by every reader.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// Largest document, in decompressed bytes (`--max-bytes`).
    pub max_bytes: u64,
    /// What the sources hold (`--input-format`).
    pub format: InputFormat,
    /// The field of a JSON record that holds its text (`--text-key`);
    /// `None` takes the first of [`TEXT_KEYS`] present.
    pub text_key: Option<String>,
    /// The field kept as `source_id` (`--id-key`).
    pub id_key: String,
    /// Records passed over (WARC requests, metadata, responses that are
    /// not text), for the summary line; shared by every reader of a run.
    pub skipped: Arc<AtomicU64>,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            max_bytes: 16 << 20,
            format: InputFormat::Auto,
            text_key: None,
            id_key: "id".to_string(),
            skipped: Arc::default(),
        }
    }
}

impl ReadOptions {
    /// Records passed over so far.
    pub fn skipped(&self) -> u64 {
        self.skipped.load(Ordering::Relaxed)
    }

    fn skip(&self) {
        self.skipped.fetch_add(1, Ordering::Relaxed);
    }
}

/// First 16 hex digits of the SHA-256 of `raw`: identical files share it.
/// (`sha2` takes the CPU's SHA extensions when it has them.)
pub fn content_id(raw: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(raw);
    let mut id = String::with_capacity(16);
    for &b in &digest[..8] {
        id.push(HEX[usize::from(b >> 4)] as char);
        id.push(HEX[usize::from(b & 15)] as char);
    }
    id
}

/// A file's identity on its device, and its count of hard links: what
/// tells a file reached twice (see [`crate::walk::Seen`]). It comes from
/// the `fstat` the reader makes anyway, so it costs no extra system call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Identity {
    /// The device the file is on.
    pub device: u64,
    /// The file's inode on that device.
    pub inode: u64,
    /// How many directory entries name the file.
    pub links: u64,
}

impl Identity {
    /// The identity in `meta` (all zero where the platform has none).
    pub fn of(meta: &std::fs::Metadata) -> Identity {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Identity {
                device: meta.dev(),
                inode: meta.ino(),
                links: meta.nlink(),
            }
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            Identity {
                device: 0,
                inode: 0,
                links: 1,
            }
        }
    }
}

/// Reads a line of at most `max` bytes into `buf` (the line feed and a
/// carriage return before it dropped), passing over the rest of a longer
/// one; returns the line's full length, or `None` at the end of input.
fn read_line_limited(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    max: u64,
) -> io::Result<Option<u64>> {
    buf.clear();
    let mut total = 0u64;
    let mut seen = false;
    loop {
        let available = fill(reader)?;
        if available.is_empty() {
            return Ok(seen.then_some(total));
        }
        seen = true;
        let (len, found) = match memchr::memchr(b'\n', available) {
            Some(i) => (i, true),
            None => (available.len(), false),
        };
        keep(buf, &available[..len], max);
        total += len as u64;
        reader.consume(len + usize::from(found));
        if found {
            break;
        }
    }
    if buf.last() == Some(&b'\r') && total <= max {
        buf.pop();
        total -= 1;
    }
    Ok(Some(total))
}

/// The reader's next buffered bytes (empty at the end of input), asked
/// again when a signal interrupted the read.
fn fill(reader: &mut impl BufRead) -> io::Result<&[u8]> {
    loop {
        match reader.fill_buf() {
            // The buffer is filled now; asking again returns it at once
            // (returning the first borrow out of the loop does not compile).
            Ok(_) => return reader.fill_buf(),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Appends `bytes` to `buf` as far as `max + 1` bytes in all: one byte
/// over the limit is enough to tell a value too large, and no more of it
/// is held.
fn keep(buf: &mut Vec<u8>, bytes: &[u8], max: u64) {
    let room = (max.saturating_add(1) as usize).saturating_sub(buf.len());
    buf.extend_from_slice(&bytes[..bytes.len().min(room)]);
}

/// Reads to the end of `reader`, keeping at most `max + 1` bytes.
fn read_to_limit(
    reader: impl Read,
    max: u64,
    size: u64,
) -> io::Result<Vec<u8>> {
    let mut raw = Vec::with_capacity(size.min(max) as usize + 1);
    reader.take(max.saturating_add(1)).read_to_end(&mut raw)?;
    Ok(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(unix)]
    fn paths_escape_bytes_that_are_not_utf8() {
        use std::os::unix::ffi::OsStrExt;
        let path =
            |b: &[u8]| path_text(Path::new(std::ffi::OsStr::from_bytes(b)));
        assert_eq!(path(b"docs/caf\xe9.txt"), "docs/caf\\xE9.txt");
        assert_eq!(path(b"docs/caf\xe8.txt"), "docs/caf\\xE8.txt");
        assert_eq!(path(b"a\\xE9.txt"), "a\\\\xE9.txt");
        assert_eq!(path("Zürich/ü.txt".as_bytes()), "Zürich/ü.txt");
    }

    #[test]
    fn long_lines_are_cut_at_the_limit_and_passed_over() {
        let input = b"short\r\n0123456789abcdef\n\nlast";
        let mut reader = io::BufReader::with_capacity(4, &input[..]);
        let mut buf = Vec::new();
        let mut lines = Vec::new();
        while let Some(n) = read_line_limited(&mut reader, &mut buf, 8).unwrap()
        {
            lines.push((n, String::from_utf8(buf.clone()).unwrap()));
        }
        let want = [(5, "short"), (16, "012345678"), (0, ""), (4, "last")];
        let want: Vec<(u64, String)> =
            want.iter().map(|(n, s)| (*n, s.to_string())).collect();
        assert_eq!(lines, want);
    }
}
