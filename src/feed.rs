//! What the workers of a run are fed: the paths of the command line and
//! of `--files-from`, each walked item opened into its units of work (one
//! document, or the many of a file of records), and chunks of them.
//!
//! Units are pulled lazily, so a file of a million records is never held
//! whole; a chunk is cut short when a stream (stdin) pauses, so that what
//! it brought is processed and written before more arrives.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::io;

use anyhow::{bail, Context};

use crate::cli::ExtractArgs;
use crate::read::{
    holds_records, open, read_whole, DocError, DocResult, Document, Documents,
    ReadOptions, Source,
};
use crate::walk::Item;

/// Documents handed to the pool at a time: large enough to keep every core
/// busy on small files, small enough to bound memory and show progress.
pub(crate) const CHUNK: usize = 256;

/// Documents of this many bytes or more are analysed one at a time, on
/// the main thread in their turn, and their record is streamed to the
/// output: analysing a document takes a multiple of its size in memory
/// (tokens, figures, the record), so only one such multiple is ever held.
pub(crate) const LARGE: u64 = 1 << 20;

/// Bytes of documents held by a chunk: smaller documents' records are
/// buffered until the chunk is written.
pub(crate) const CHUNK_BYTES: u64 = 16 << 20;

/// The PATH arguments, then the paths of `--files-from`.
pub(crate) fn input_paths(args: &ExtractArgs) -> anyhow::Result<Vec<String>> {
    let mut paths = args.paths.clone();
    let Some(list) = &args.files_from else {
        return Ok(paths);
    };
    if list == "-" && paths.iter().any(|p| p == "-") {
        bail!("--files-from - reads stdin, so stdin (-) cannot be a PATH too");
    }
    let bytes = if list == "-" {
        let mut bytes = Vec::new();
        io::Read::read_to_end(&mut io::stdin().lock(), &mut bytes)
            .context("cannot read the list of paths from stdin")?;
        bytes
    } else {
        std::fs::read(list)
            .with_context(|| format!("cannot read the list of paths {list}"))?
    };
    paths.extend(listed_paths(&bytes, args.null));
    Ok(paths)
}

/// The paths of a `--files-from` list: one a line (a carriage return
/// before the line feed dropped), or NUL-separated; empty entries passed
/// over.
fn listed_paths(bytes: &[u8], null: bool) -> Vec<String> {
    let separator = if null { 0 } else { b'\n' };
    bytes
        .split(|&b| b == separator)
        .map(|p| match null {
            true => p,
            false => p.strip_suffix(b"\r").unwrap_or(p),
        })
        .filter(|p| !p.is_empty())
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect()
}

/// One unit of work for the pool.
pub(crate) enum Unit {
    /// A source that is one document, read by the worker itself (text and
    /// HTML files: reading them is part of the parallel work), or a
    /// failure of the walk.
    Item(Item),
    /// A document a reader took out of a file of many, or its error.
    Doc(DocResult),
}

impl Unit {
    /// The document's size: known for a document already read, the file's
    /// size for one to read (0 when unknown).
    pub(crate) fn size(&self) -> u64 {
        match self {
            Unit::Item(Item::Source(Source::File(path))) => {
                std::fs::metadata(path).map_or(0, |m| m.len())
            }
            Unit::Item(_) | Unit::Doc(Err(_)) => 0,
            Unit::Doc(Ok(doc)) => doc.bytes,
        }
    }

    /// The path of the unit, for an error of its own.
    pub(crate) fn path(&self) -> String {
        match self {
            Unit::Item(Item::Source(source)) => source.display(),
            Unit::Item(Item::Error(err)) | Unit::Doc(Err(err)) => {
                err.path.clone()
            }
            Unit::Doc(Ok(doc)) => doc.path.clone(),
        }
    }
}

/// The units of a run, in order: each walked item, or the documents it
/// opens into, pulled lazily so that a file of a million records is never
/// held whole.
pub(crate) struct Feed<'a, I> {
    items: I,
    reading: &'a ReadOptions,
    /// Walked items not yet fed, files of records among them already
    /// opened (and being read ahead), in order.
    queue: VecDeque<Queued>,
    /// Inputs whose every document has been pulled.
    pub(crate) inputs_done: u64,
}

/// An item waiting its turn.
enum Queued {
    /// A source of one document, or a failure of the walk.
    Item(Item),
    /// A source of many documents, open.
    Open(Documents),
}

/// Files of records opened at a time: the next one is read (and
/// decompressed) on its own thread while the current one is, so a folder
/// of `.warc.gz` files is not read on one core.
const OPEN_AHEAD: usize = 2;

/// Walked items looked at ahead of the one being fed, at most.
const QUEUE: usize = 64;

impl<'a, I: Iterator<Item = Item>> Feed<'a, I> {
    pub(crate) fn new(items: I, reading: &'a ReadOptions) -> Self {
        Feed {
            items,
            reading,
            queue: VecDeque::new(),
            inputs_done: 0,
        }
    }

    /// Whether [`Iterator::next`] would return without waiting for a
    /// stream (stdin) to bring more.
    fn ready(&mut self) -> bool {
        match self.queue.front_mut() {
            Some(Queued::Open(docs)) => docs.ready(),
            _ => true,
        }
    }

    /// Looks ahead in the walk until [`OPEN_AHEAD`] files of records are
    /// open (or [`QUEUE`] items wait).
    fn fill(&mut self) {
        let is_open = |q: &Queued| matches!(q, Queued::Open(_));
        while self.queue.len() < QUEUE
            && self.queue.iter().filter(|q| is_open(q)).count() < OPEN_AHEAD
        {
            let Some(item) = self.items.next() else {
                break;
            };
            let queued = match item {
                Item::Source(source)
                    if holds_records(&source, self.reading) =>
                {
                    Queued::Open(open(&source, self.reading))
                }
                item => Queued::Item(item),
            };
            self.queue.push_back(queued);
        }
    }
}

impl<I: Iterator<Item = Item>> Iterator for Feed<'_, I> {
    type Item = Unit;

    fn next(&mut self) -> Option<Unit> {
        loop {
            if let Some(Queued::Open(docs)) = self.queue.front_mut() {
                if let Some(doc) = docs.next() {
                    return Some(Unit::Doc(doc));
                }
                self.queue.pop_front();
                self.inputs_done += 1;
            }
            self.fill();
            match self.queue.pop_front()? {
                Queued::Item(item) => {
                    self.inputs_done += 1;
                    return Some(Unit::Item(item));
                }
                open => self.queue.push_front(open),
            }
        }
    }
}

/// The next chunk of units: at most [`CHUNK`], and at most [`CHUNK_BYTES`]
/// of documents held in memory (one at least); cut short when a stream
/// pauses, so that what it brought is processed and written now.
pub(crate) fn next_chunk<I: Iterator<Item = Item>>(
    feed: &mut Feed<'_, I>,
) -> Vec<Unit> {
    let mut chunk = Vec::new();
    let mut bytes = 0;
    while chunk.len() < CHUNK && bytes <= CHUNK_BYTES {
        if !chunk.is_empty() && !feed.ready() {
            break;
        }
        let Some(unit) = feed.next() else {
            break;
        };
        let size = unit.size();
        // A large file is read in its turn, so it holds no memory here;
        // a document already read does.
        if size < LARGE || matches!(unit, Unit::Doc(_)) {
            bytes += size;
        }
        chunk.push((unit, size));
    }
    chunk.into_iter().map(|(unit, _)| unit).collect()
}

/// The document of a unit: read now for a source that is one document,
/// as read for the others.
pub(crate) fn read_unit<'u>(
    unit: &'u Unit,
    reading: &ReadOptions,
) -> Result<Cow<'u, Document>, DocError> {
    match unit {
        Unit::Item(Item::Source(source)) => {
            read_whole(source, reading).map(Cow::Owned)
        }
        Unit::Item(Item::Error(err)) | Unit::Doc(Err(err)) => Err(err.clone()),
        Unit::Doc(Ok(doc)) => Ok(Cow::Borrowed(doc)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_paths_split_on_lines_or_nuls() {
        let lines = listed_paths(b"a.txt\r\n\nb c.json\n", false);
        assert_eq!(lines, ["a.txt", "b c.json"]);
        let nuls = listed_paths(b"a\nb\0c\0\0", true);
        assert_eq!(nuls, ["a\nb", "c"]);
    }
}
