//! Opening a source into its documents: which reader, told by the flag,
//! the extension or the first bytes, over which decompression; and, for
//! sources of many documents, reading them ahead on a thread of their own.

use std::io::{self, BufReader, Read};
use std::path::Path;

use super::{
    compress, path_text, stream, text, DocError, DocResult, Document, Identity,
    InputFormat, JsonReader, JsonlReader, Markup, ReadFailure, ReadOptions,
    Source, WarcReader,
};

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
    read_identified(source, options).0
}

/// [`read_whole`], with the file's [`Identity`] when the file system gave
/// one (never for stdin): what tells a file reached twice.
pub fn read_identified(
    source: &Source,
    options: &ReadOptions,
) -> (DocResult, Option<Identity>) {
    let path = source.display();
    let (raw, identity) = match source {
        Source::File(p) => text::read_file(p, options.max_bytes),
        Source::Stdin => (
            text::decompress_limited(
                Box::new(BufReader::new(io::stdin())),
                options.max_bytes,
            ),
            None,
        ),
    };
    let doc = match raw {
        Ok(raw) => text::document(&raw, path, markup_of(options.format)),
        Err((kind, message)) => Err(DocError::new(path, kind, message)),
    };
    (doc, identity)
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

/// Opens a source into the ordered stream of its documents, read ahead on
/// a thread of its own so that reading overlaps the analysis; documents
/// already read from standard input can be processed while the input
/// pauses ([`Documents::ready`]).
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
                    let docs = open_raw(raw, label, format, options);
                    // Read (and decompressed) on a thread of its own, the
                    // next documents are ready when the workers are.
                    let ahead = stream::Prefetch::spawn(docs, PREFETCH);
                    Documents::Ahead(Box::new(ahead))
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

/// Documents read ahead: enough to keep the workers busy, few enough to
/// bound memory (with a budget of bytes besides, see `stream`).
const PREFETCH: usize = 256;

/// The documents of one source, in order.
pub enum Documents {
    /// Read as they are asked for.
    Iter(Box<dyn Iterator<Item = DocResult> + Send>),
    /// Read ahead on a thread of their own (a file): waiting for the
    /// next is waiting for the disk, never for a producer.
    Ahead(Box<stream::Prefetch>),
    /// Read ahead on a thread of their own (standard input, which pauses
    /// when its producer does).
    Stream(Box<stream::Prefetch>),
}

impl Documents {
    /// Whether [`Iterator::next`] would return without waiting for input
    /// that has not arrived: always for files, and for a stream when a
    /// document is already read or the stream has ended.
    pub fn ready(&mut self) -> bool {
        match self {
            Documents::Iter(_) | Documents::Ahead(_) => true,
            Documents::Stream(s) => s.ready(),
        }
    }
}

impl Iterator for Documents {
    type Item = DocResult;

    fn next(&mut self) -> Option<DocResult> {
        match self {
            Documents::Iter(it) => it.next(),
            Documents::Ahead(s) | Documents::Stream(s) => s.next(),
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
            let doc = text::read_limited(reader, options.max_bytes, 0)
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
