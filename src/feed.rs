//! What the workers of a run are fed: the paths of the command line and
//! of `--files-from`, and each walked item as jobs: a file of one document
//! (text, HTML) is read by the worker that takes it, since reading is part
//! of the parallel work; a file of records (JSONL, JSON, WARC) or stdin is
//! opened here, read ahead on a thread of its own, and fed record by
//! record.
//!
//! Jobs are pulled lazily, so a file of a million records is never held
//! whole; when a stream (stdin) pauses, the feed says so
//! ([`Next::Pause`]), so that what it brought is processed and written
//! before more arrives.

use std::collections::VecDeque;
use std::io;

use anyhow::{bail, Context};

use crate::cli::ExtractArgs;
use crate::ordered::Next;
use crate::read::{
    holds_records, open, DocResult, Documents, Identity, ReadOptions, Source,
};
use crate::walk::{Found, Item, Seen};

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

/// One job for a worker.
pub(crate) enum Job {
    /// A walked item: a source of one document, read by the worker, or a
    /// failure of the walk.
    Walked(Found),
    /// A document already read (a record of a file of many), or its error.
    Read(DocResult),
    /// A walked file read ahead by the worker that took it, with its
    /// identity and whether it was reached by a link.
    Opened(DocResult, Option<(Identity, bool)>),
    /// A failure that ends the run (reading back a temporary file).
    Fatal(io::Error),
}

/// The jobs of a run, in order: each walked item, or the documents it
/// opens into, pulled lazily so that a file of a million records is never
/// held whole.
pub(crate) struct Feed<'a, I> {
    items: I,
    reading: &'a ReadOptions,
    /// Walked items not yet fed, files of records among them already
    /// opened (and being read ahead), in order.
    queue: VecDeque<Queued>,
    /// Files of records opened so far: one reached twice (named twice,
    /// through a link) is read once. Files of one document are told apart
    /// by the identity their reader finds, where they are written.
    seen: Seen,
    /// Whether the last thing fed was a pause.
    paused: bool,
}

/// An item waiting its turn.
enum Queued {
    /// A source of one document, or a failure of the walk.
    Item(Found),
    /// A source of many documents, open.
    Open(Documents),
}

/// Files of records opened at a time: the next one is read (and
/// decompressed) on its own thread while the current one is, so a folder
/// of `.warc.gz` files is not read on one core.
const OPEN_AHEAD: usize = 2;

/// Walked items looked at ahead of the one being fed, at most.
const QUEUE: usize = 64;

impl<'a, I: Iterator<Item = Found>> Feed<'a, I> {
    pub(crate) fn new(items: I, reading: &'a ReadOptions) -> Self {
        Feed {
            items,
            reading,
            queue: VecDeque::new(),
            seen: Seen::default(),
            paused: false,
        }
    }

    /// Looks ahead in the walk until [`OPEN_AHEAD`] files of records are
    /// open (or [`QUEUE`] items wait).
    fn fill(&mut self) {
        let is_open = |q: &Queued| matches!(q, Queued::Open(_));
        while self.queue.len() < QUEUE
            && self.queue.iter().filter(|q| is_open(q)).count() < OPEN_AHEAD
        {
            let Some(found) = self.items.next() else {
                break;
            };
            let queued = match &found.item {
                Item::Source(source) if holds_records(source, self.reading) => {
                    if !self.first_visit(source, found.linked) {
                        continue;
                    }
                    Queued::Open(open(source, self.reading))
                }
                _ => Queued::Item(found),
            };
            self.queue.push_back(queued);
        }
    }

    /// Whether a file of records is met for the first time (stdin, and a
    /// file that cannot be looked at, always are).
    fn first_visit(&mut self, source: &Source, linked: bool) -> bool {
        let Source::File(path) = source else {
            return true;
        };
        match std::fs::metadata(path) {
            Ok(meta) => self.seen.first_visit(Identity::of(&meta), linked),
            Err(_) => true,
        }
    }
}

impl<I: Iterator<Item = Found>> Iterator for Feed<'_, I> {
    type Item = Next<Job>;

    fn next(&mut self) -> Option<Next<Job>> {
        loop {
            if let Some(Queued::Open(docs)) = self.queue.front_mut() {
                // Before waiting on a stream that paused, hand over what
                // was fed so far (once per pause).
                if !self.paused && !docs.ready() {
                    self.paused = true;
                    return Some(Next::Pause);
                }
                if let Some(doc) = docs.next() {
                    self.paused = false;
                    return Some(Next::Item(Job::Read(doc)));
                }
                self.queue.pop_front();
            }
            self.fill();
            match self.queue.pop_front()? {
                Queued::Item(found) => {
                    self.paused = false;
                    return Some(Next::Item(Job::Walked(found)));
                }
                open => self.queue.push_front(open),
            }
        }
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
