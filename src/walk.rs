//! Before `read`: turn the PATH arguments into an ordered list of sources.
//!
//! The order is part of the output contract (records come out in it, for any
//! thread count): arguments in the order given; inside a directory, files in
//! byte order of their path. A file reached twice (named twice, or through a
//! symlink) is taken once. Problems met on the way (a missing argument, a
//! dangling link, a symlink loop) become [`Item::Error`]s in their place, so
//! they turn into error records instead of stopping the run.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

use crate::read::{path_text, DocError, ErrorKind, Source};

/// One entry of the walk: a source to read, or a failure to report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// A document to read.
    Source(Source),
    /// A path that cannot be read, with why.
    Error(DocError),
}

/// Which files a directory walk takes.
#[derive(Clone, Debug)]
pub struct WalkOptions {
    /// Extensions taken inside directories, without the dot, lower case.
    pub extensions: Vec<String>,
}

impl Default for WalkOptions {
    fn default() -> WalkOptions {
        WalkOptions {
            extensions: [
                "txt", "html", "htm", "xhtml", "jsonl", "ndjson", "json",
                "warc",
            ]
            .map(String::from)
            .to_vec(),
        }
    }
}

/// Walks every argument in order; `-` stands for standard input.
pub fn walk(paths: &[String], options: &WalkOptions) -> Vec<Item> {
    let mut seen = HashSet::new();
    let mut items = Vec::new();
    for arg in paths {
        if arg == "-" {
            if seen.insert(PathBuf::from("-")) {
                items.push(Item::Source(Source::Stdin));
            }
            continue;
        }
        let path = Path::new(arg);
        let found = match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk_dir(path, options),
            Ok(_) => vec![Item::Source(Source::File(path.to_path_buf()))],
            Err(e) => vec![Item::Error(missing(path, &e))],
        };
        items.extend(found.into_iter().filter(|i| first_visit(i, &mut seen)));
    }
    items
}

/// True the first time a file is met, by its canonical path.
fn first_visit(item: &Item, seen: &mut HashSet<PathBuf>) -> bool {
    match item {
        Item::Source(Source::File(p)) => {
            seen.insert(fs::canonicalize(p).unwrap_or_else(|_| p.clone()))
        }
        _ => true,
    }
}

/// Every matching file below `root`, sorted by path bytes.
fn walk_dir(root: &Path, options: &WalkOptions) -> Vec<Item> {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    let mut found: Vec<(PathBuf, Item)> = Vec::new();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                if wanted(e.path(), options) {
                    let p = e.path().to_path_buf();
                    found.push((p.clone(), Item::Source(Source::File(p))));
                }
            }
            Ok(_) => {}
            Err(err) => {
                if let Some((p, item)) = walk_error(&err, options) {
                    found.push((p, item));
                }
            }
        }
    }
    found.sort_by(|a, b| a.0.as_os_str().cmp(b.0.as_os_str()));
    found.into_iter().map(|(_, item)| item).collect()
}

/// Turns a walk failure into an error item, skipping dangling links whose
/// names the extension filter would not have taken anyway.
fn walk_error(
    err: &walkdir::Error,
    options: &WalkOptions,
) -> Option<(PathBuf, Item)> {
    let path = err.path()?.to_path_buf();
    let shown = path_text(&path);
    let item = if let Some(ancestor) = err.loop_ancestor() {
        let message =
            format!("symbolic link loop back to {}", path_text(ancestor));
        DocError::new(shown, ErrorKind::Walk, message)
    } else if let Some(io) = err.io_error() {
        if !wanted(&path, options) {
            return None;
        }
        missing(&path, io)
    } else {
        DocError::new(shown, ErrorKind::Walk, err.to_string())
    };
    Some((path, Item::Error(item)))
}

/// An error for a path that could not be opened.
fn missing(path: &Path, err: &std::io::Error) -> DocError {
    let shown = path_text(path);
    if err.kind() != std::io::ErrorKind::NotFound {
        return DocError::new(shown, ErrorKind::Unreadable, err.to_string());
    }
    let message = if fs::symlink_metadata(path).is_ok() {
        "symbolic link points to a missing file"
    } else {
        "no such file or directory"
    };
    DocError::new(shown, ErrorKind::NotFound, message.to_string())
}

fn is_hidden(name: &OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

/// Whether a file's extension is taken, or the one before a compression
/// extension (`a.jsonl.gz`, `b.txt.zst`).
fn wanted(path: &Path, options: &WalkOptions) -> bool {
    let taken = |p: &Path| {
        p.extension().and_then(OsStr::to_str).is_some_and(|ext| {
            options
                .extensions
                .iter()
                .any(|want| want.eq_ignore_ascii_case(ext))
        })
    };
    let compressed = path
        .extension()
        .and_then(OsStr::to_str)
        .is_some_and(|e| COMPRESSED.iter().any(|c| c.eq_ignore_ascii_case(e)));
    taken(path)
        || compressed
            && path.file_stem().is_some_and(|stem| taken(Path::new(stem)))
}

/// Extensions of compressed files, looked through by the walk.
const COMPRESSED: &[&str] = &["gz", "zst"];
