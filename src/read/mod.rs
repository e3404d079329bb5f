//! Stage 1, `read`: sources in, documents out.
//!
//! A source (a file reached by the walk, a path from `--files-from`, or
//! standard input) opens into an ordered stream of [`Document`]s behind one
//! small interface, [`open`] → [`Documents`]. What a source holds is told
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
mod stream;
mod text;
mod warc;

use std::fmt;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use sha2::{Digest, Sha256};

pub use decode::{
    decode, decode_declared, decode_document, decode_text, Decoded,
};
pub use json::JsonReader;
pub use jsonl::JsonlReader;
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
            "warc" | "arc" => InputFormat::Warc,
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
    /// `None` takes the first of [`fields::TEXT_KEYS`] present.
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

/// Reads one whole-file source as one document, refusing anything over
/// `max_bytes` (decompressed): what a text or HTML file is.
pub fn read_source(
    source: &Source,
    max_bytes: u64,
) -> Result<Document, DocError> {
    let options = ReadOptions {
        max_bytes,
        ..ReadOptions::default()
    };
    read_whole(source, &options)
}

/// Reads one source as one document (see [`read_source`]), with the
/// markup `--input-format` says.
pub fn read_whole(source: &Source, options: &ReadOptions) -> DocResult {
    let path = source.display();
    let raw = match source {
        Source::File(p) => text::read_file(p, options.max_bytes),
        Source::Stdin => {
            compress::decompressed(Box::new(BufReader::new(io::stdin())))
                .and_then(|r| text::read_limited(r, options.max_bytes))
        }
    }
    .map_err(|(kind, message)| DocError::new(path.clone(), kind, message))?;
    text::document(&raw, path, markup_of(options.format))
}

/// Whether `source` must be [`open`]ed as a stream of documents rather
/// than read whole by [`read_whole`]: standard input, and the record
/// formats (JSON, JSONL, WARC), by flag, by extension, or (for a file with
/// an extension newsx does not know) by its first bytes.
pub fn holds_records(source: &Source, options: &ReadOptions) -> bool {
    match (source, options.format) {
        (Source::Stdin, _) => true,
        (Source::File(_), f) if f != InputFormat::Auto => f.holds_records(),
        (Source::File(path), _) => match extension_format(path) {
            InputFormat::Auto => sniff_file(path) == InputFormat::Warc,
            f => f.holds_records(),
        },
    }
}

/// Opens a source into the ordered stream of its documents. Standard input
/// is read on a thread of its own, so that documents already read can be
/// processed while the input pauses ([`Documents::ready`]).
pub fn open(source: &Source, options: &ReadOptions) -> Documents {
    match source {
        Source::Stdin => {
            let raw: compress::Raw = Box::new(BufReader::new(io::stdin()));
            let docs = open_raw(raw, "-".to_string(), options.format, options);
            Documents::Stream(Box::new(stream::Prefetch::spawn(docs, PREFETCH)))
        }
        Source::File(path) => {
            let label = path_text(path);
            let format = match options.format {
                InputFormat::Auto => extension_format(path),
                f => f,
            };
            match std::fs::File::open(path) {
                Ok(file) => {
                    let raw: compress::Raw =
                        Box::new(BufReader::with_capacity(1 << 16, file));
                    Documents::Iter(open_raw(raw, label, format, options))
                }
                Err(e) => {
                    let (kind, message) = text::io_failure(path, &e);
                    let err = DocError::new(label, kind, message);
                    Documents::Iter(Box::new(std::iter::once(Err(err))))
                }
            }
        }
    }
}

/// Opens any byte stream (perhaps compressed) into its documents in the
/// format `options` names (`Auto`: a WARC by its first bytes, else one
/// text document); `label` stands for the source in each `path`.
pub fn open_reader(
    reader: impl Read + Send + 'static,
    label: String,
    options: &ReadOptions,
) -> Documents {
    let raw: compress::Raw = Box::new(BufReader::new(reader));
    Documents::Iter(open_raw(raw, label, options.format, options))
}

/// Documents read ahead from standard input: enough to keep the workers
/// busy, few enough to bound memory.
const PREFETCH: usize = 256;

/// The documents of one source, in order.
pub enum Documents {
    /// Read as they are asked for.
    Iter(Box<dyn Iterator<Item = DocResult> + Send>),
    /// Read ahead on a thread of their own (standard input).
    Stream(Box<stream::Prefetch>),
}

impl Documents {
    /// Whether [`Iterator::next`] would return without waiting for input
    /// that has not arrived: always for files, and for a stream when a
    /// document is already read or the stream has ended.
    pub fn ready(&mut self) -> bool {
        match self {
            Documents::Iter(_) => true,
            Documents::Stream(s) => s.ready(),
        }
    }
}

impl Iterator for Documents {
    type Item = DocResult;

    fn next(&mut self) -> Option<DocResult> {
        match self {
            Documents::Iter(it) => it.next(),
            Documents::Stream(s) => s.next(),
        }
    }
}

/// A boxed stream of documents.
type DocIter = Box<dyn Iterator<Item = DocResult> + Send>;

/// The documents of raw (perhaps compressed) bytes in `format`.
fn open_raw(
    raw: compress::Raw,
    label: String,
    format: InputFormat,
    options: &ReadOptions,
) -> DocIter {
    let fail = |label: String, (kind, message): ReadFailure| -> DocIter {
        Box::new(std::iter::once(Err(DocError::new(label, kind, message))))
    };
    let (raw, compression) = match compress::sniff(raw) {
        Ok(found) => found,
        Err(failure) => return fail(label, failure),
    };
    let gzip = compression == Some(compress::Compression::Gzip);
    let (raw, format) = match (gzip, format) {
        (true, InputFormat::Auto) => match compress::gzip_holds_warc(raw) {
            Ok((raw, true)) => (raw, InputFormat::Warc),
            Ok((raw, false)) => (raw, format),
            Err(failure) => return fail(label, failure),
        },
        _ => (raw, format),
    };
    if gzip && format == InputFormat::Warc {
        return Box::new(WarcReader::gzip_members(raw, label, options.clone()));
    }
    let reader = match compress::decompress(raw, compression) {
        Ok(reader) => reader,
        Err(failure) => return fail(label, failure),
    };
    let format = match format {
        InputFormat::Auto => match compress::sniff_format(reader) {
            Ok((reader, format)) => {
                return open_format(reader, label, format, options)
            }
            Err(failure) => return fail(label, failure),
        },
        f => f,
    };
    open_format(reader, label, format, options)
}

/// The documents of decompressed bytes in a known format.
fn open_format(
    reader: compress::Raw,
    label: String,
    format: InputFormat,
    options: &ReadOptions,
) -> DocIter {
    let options = options.clone();
    match format {
        InputFormat::Jsonl => {
            Box::new(JsonlReader::new(reader, label, options))
        }
        InputFormat::Json => Box::new(JsonReader::new(reader, label, options)),
        InputFormat::Warc => {
            Box::new(WarcReader::plain(reader, label, options))
        }
        InputFormat::Auto | InputFormat::Text | InputFormat::Html => {
            let markup = markup_of(format);
            let doc = text::read_limited(reader, options.max_bytes)
                .map_err(|(kind, message)| {
                    DocError::new(label.clone(), kind, message)
                })
                .and_then(|raw| text::document(&raw, label, markup));
            Box::new(std::iter::once(doc))
        }
    }
}

fn markup_of(format: InputFormat) -> Markup {
    match format {
        InputFormat::Text => Markup::Text,
        InputFormat::Html => Markup::Html,
        _ => Markup::Sniff,
    }
}

/// The format a file's extension names, looking through a compression
/// extension (`.jsonl.gz` is JSONL).
fn extension_format(path: &Path) -> InputFormat {
    let ext = |p: &Path| {
        p.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
    };
    match ext(path) {
        Some(e) if compress::EXTENSIONS.contains(&e.as_str()) => path
            .file_stem()
            .and_then(|stem| ext(Path::new(stem)))
            .map_or(InputFormat::Auto, |e| InputFormat::of_extension(&e)),
        Some(e) => InputFormat::of_extension(&e),
        None => InputFormat::Auto,
    }
}

/// The format a file's first bytes (decompressed) show; `Auto` when
/// unreadable or not a WARC file.
fn sniff_file(path: &Path) -> InputFormat {
    let Ok(file) = std::fs::File::open(path) else {
        return InputFormat::Auto;
    };
    let raw: compress::Raw = Box::new(BufReader::new(file));
    compress::sniff(raw)
        .and_then(|(raw, c)| compress::decompress(raw, c))
        .and_then(compress::sniff_format)
        .map_or(InputFormat::Auto, |(_, format)| format)
}

/// First 16 hex digits of the SHA-256 of `raw`: identical files share it.
pub fn content_id(raw: &[u8]) -> String {
    let digest = Sha256::digest(raw);
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
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
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(seen.then_some(total));
        }
        seen = true;
        let (len, found) = match memchr::memchr(b'\n', available) {
            Some(i) => (i, true),
            None => (available.len(), false),
        };
        let room = (max.saturating_add(1) as usize).saturating_sub(buf.len());
        buf.extend_from_slice(&available[..len.min(room)]);
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

/// Reads to the end of `reader`, keeping at most `max + 1` bytes.
fn read_to_limit(reader: impl Read, max: u64) -> io::Result<Vec<u8>> {
    let mut raw = Vec::new();
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
    fn formats_by_extension_look_through_compression() {
        let f = |p: &str| extension_format(Path::new(p));
        assert_eq!(f("a/b.jsonl"), InputFormat::Jsonl);
        assert_eq!(f("a/b.NDJSON.gz"), InputFormat::Jsonl);
        assert_eq!(f("b.json.zst"), InputFormat::Json);
        assert_eq!(f("crawl.warc.gz"), InputFormat::Warc);
        assert_eq!(f("story.txt.gz"), InputFormat::Text);
        assert_eq!(f("story.gz"), InputFormat::Auto);
        assert_eq!(f("README"), InputFormat::Auto);
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
