//! JSON files (`.json`): one object (one document, `path` = `FILE`), an
//! array of objects (one document per element, `path` = `FILE#INDEX`,
//! 0-based), or objects one after another (numbered as an array's). The
//! elements are found by a scan that tracks strings and nesting, so an
//! array of a million articles is read one element at a time, each keeping
//! its bytes as written for its id. An element that is not a record is an
//! error for it alone; a file whose structure breaks ends there, with an
//! error record.

use std::io::{self, BufRead};

use super::jsonl::no_records;
use super::{
    compress, fields, text, DocError, DocResult, ErrorKind, ReadOptions,
};

/// The documents of a JSON file, in order.
pub struct JsonReader<R> {
    reader: R,
    label: String,
    options: ReadOptions,
    started: bool,
    in_array: bool,
    done: bool,
    index: usize,
    pending: Option<DocError>,
    buf: Vec<u8>,
}

impl<R: BufRead> JsonReader<R> {
    /// Reads the JSON of `reader` (already decompressed).
    pub fn new(reader: R, label: String, options: ReadOptions) -> Self {
        JsonReader {
            reader,
            label,
            options,
            started: false,
            in_array: false,
            done: false,
            index: 0,
            pending: None,
            buf: Vec::new(),
        }
    }

    fn error(&self, kind: ErrorKind, message: String) -> DocError {
        DocError::new(format!("{}#{}", self.label, self.index), kind, message)
    }

    fn io_error(&self, e: &io::Error) -> DocError {
        if e.kind() == io::ErrorKind::UnexpectedEof {
            let message = "the JSON ends inside a value".to_string();
            return self.error(ErrorKind::Malformed, message);
        }
        let (kind, message) = compress::failure(e);
        self.error(kind, message)
    }

    /// Opens the file: an array, or values one after another; `Err` for
    /// a file of no record.
    fn start(&mut self) -> Result<(), DocError> {
        self.started = true;
        match skip_space(&mut self.reader).map_err(|e| self.io_error(&e))? {
            None => Err(no_records(&self.label)),
            Some(b'[') => {
                self.reader.consume(1);
                self.in_array = true;
                match skip_space(&mut self.reader) {
                    Ok(Some(b']')) => Err(no_records(&self.label)),
                    Ok(_) => Ok(()),
                    Err(e) => Err(self.io_error(&e)),
                }
            }
            Some(_) => Ok(()),
        }
    }

    /// Passes over what follows an element: a comma or the closing
    /// bracket in an array, the end or the next value outside one.
    fn after_element(&mut self) -> Result<(), DocError> {
        let next =
            skip_space(&mut self.reader).map_err(|e| self.io_error(&e))?;
        match (self.in_array, next) {
            (false, None) => self.done = true,
            (false, Some(_)) => {}
            (true, Some(b',')) => self.reader.consume(1),
            (true, Some(b']')) => {
                self.reader.consume(1);
                self.done = true;
            }
            (true, None) => {
                self.done = true;
                let message = "the JSON array is not closed".to_string();
                return Err(self.error(ErrorKind::Malformed, message));
            }
            (true, Some(b)) => {
                self.done = true;
                let message = format!(
                    "expected ',' or ']' after an element, found {:?}",
                    char::from(b)
                );
                return Err(self.error(ErrorKind::Malformed, message));
            }
        }
        Ok(())
    }

    /// The next element as a document.
    fn element(&mut self) -> DocResult {
        let max = self.options.max_bytes;
        if let Err(e) = skip_space(&mut self.reader) {
            self.done = true;
            return Err(self.io_error(&e));
        }
        let len = match scan_value(&mut self.reader, &mut self.buf, max) {
            Ok(len) => len,
            Err(e) => {
                self.done = true;
                return Err(self.io_error(&e));
            }
        };
        let index = self.index;
        self.index += 1;
        if let Err(e) = self.after_element() {
            self.done = true;
            self.pending = Some(e);
        }
        let single = index == 0 && !self.in_array && self.done;
        let path = match single {
            true => self.label.clone(),
            false => format!("{}#{index}", self.label),
        };
        if len > max {
            let (kind, message) = text::too_large(len, max);
            return Err(DocError::new(path, kind, message));
        }
        fields::document(&self.buf, path, &self.options)
    }
}

impl<R: BufRead> Iterator for JsonReader<R> {
    type Item = DocResult;

    fn next(&mut self) -> Option<DocResult> {
        if let Some(e) = self.pending.take() {
            return Some(Err(e));
        }
        if !self.started {
            if let Err(e) = self.start() {
                self.done = true;
                return Some(Err(e));
            }
        }
        if self.done {
            return None;
        }
        Some(self.element())
    }
}

/// Passes over white space; the next byte, or `None` at the end.
fn skip_space(reader: &mut impl BufRead) -> io::Result<Option<u8>> {
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let Some(&first) = available.first() else {
            return Ok(None);
        };
        // A byte order mark is white space here.
        let skip = available
            .iter()
            .position(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
            .unwrap_or(available.len());
        if skip == 0 {
            if available.starts_with(b"\xef\xbb\xbf") {
                reader.consume(3);
                continue;
            }
            return Ok(Some(first));
        }
        reader.consume(skip);
    }
}

/// Scans one JSON value (the reader at its first byte) into `buf`,
/// keeping at most `max + 1` bytes of it; returns its full length. The
/// value ends where its nesting closes, or, for a bare number or word,
/// before the comma, bracket or space that follows. `UnexpectedEof` when
/// the input ends inside it.
fn scan_value(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    max: u64,
) -> io::Result<u64> {
    buf.clear();
    let mut scan = Scan::default();
    let mut total = 0u64;
    loop {
        let available = super::fill(reader)?;
        if available.is_empty() {
            if scan.bare && scan.depth == 0 && !scan.in_string {
                return Ok(total);
            }
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        let (used, complete) = scan.feed(available);
        super::keep(buf, &available[..used], max);
        total += used as u64;
        reader.consume(used);
        if complete {
            return Ok(total);
        }
    }
}

/// The state of [`scan_value`] between buffers.
#[derive(Default)]
struct Scan {
    depth: usize,
    in_string: bool,
    escaped: bool,
    /// A bare number or word at the top (no brackets, no quotes).
    bare: bool,
    started: bool,
}

impl Scan {
    /// Feeds bytes; returns how many belong to the value, and whether it
    /// is complete.
    fn feed(&mut self, bytes: &[u8]) -> (usize, bool) {
        for (i, &b) in bytes.iter().enumerate() {
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if b == b'\\' {
                    self.escaped = true;
                } else if b == b'"' {
                    self.in_string = false;
                    if self.depth == 0 {
                        return (i + 1, true);
                    }
                }
                continue;
            }
            match b {
                b'"' => self.in_string = true,
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' if self.depth > 0 => {
                    self.depth -= 1;
                    if self.depth == 0 {
                        return (i + 1, true);
                    }
                }
                b'}' | b']' | b',' | b' ' | b'\t' | b'\r' | b'\n'
                    if self.depth == 0 =>
                {
                    if self.started {
                        return (i, true);
                    }
                    // A stray closer or comma where a value should be: a
                    // value of one byte, which will not parse.
                    return (i + 1, true);
                }
                _ if self.depth == 0 => self.bare = true,
                _ => {}
            }
            self.started = true;
        }
        (bytes.len(), false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &str) -> Vec<Result<(String, String), (String, ErrorKind)>> {
        let reader = JsonReader::new(
            input.as_bytes(),
            "a.json".to_string(),
            ReadOptions::default(),
        );
        reader
            .map(|d| match d {
                Ok(d) => Ok((d.path, d.text)),
                Err(e) => Err((e.path, e.kind)),
            })
            .collect()
    }

    #[test]
    fn one_object_is_one_document_at_the_file_path() {
        let docs = read(" {\"maintext\": \"A [b] {c} \\\"d\\\"\"}\n");
        assert_eq!(docs, [Ok(("a.json".into(), "A [b] {c} \"d\"".into()))]);
    }

    #[test]
    fn an_array_is_one_document_per_element_and_a_bad_one_is_its_error() {
        let docs = read(
            "[{\"text\": \"a\"}, 7, {\"title\": \"t\"},\n{\"text\": \"d\"}]",
        );
        assert_eq!(docs[0], Ok(("a.json#0".into(), "a".into())));
        assert_eq!(docs[1], Err(("a.json#1".into(), ErrorKind::Malformed)));
        assert_eq!(docs[2], Err(("a.json#2".into(), ErrorKind::NoText)));
        assert_eq!(docs[3], Ok(("a.json#3".into(), "d".into())));
        assert_eq!(docs.len(), 4);
    }

    #[test]
    fn a_broken_array_ends_with_an_error() {
        let docs = read("[{\"text\": \"a\"} {\"text\": \"b\"}]");
        assert_eq!(docs[0], Ok(("a.json#0".into(), "a".into())));
        assert_eq!(docs[1], Err(("a.json#1".into(), ErrorKind::Malformed)));
        assert_eq!(docs.len(), 2);
        let docs = read("[{\"text\": \"a\"}, {\"text\": \"b");
        assert_eq!(docs[1], Err(("a.json#1".into(), ErrorKind::Malformed)));
        assert_eq!(read("[]"), [Err(("a.json".into(), ErrorKind::Empty))]);
        assert_eq!(read(""), [Err(("a.json".into(), ErrorKind::Empty))]);
    }

    #[test]
    fn objects_one_after_another_are_numbered() {
        let docs = read("{\"text\": \"a\"}\n{\"text\": \"b\"}\n");
        assert_eq!(docs[0], Ok(("a.json#0".into(), "a".into())));
        assert_eq!(docs[1], Ok(("a.json#1".into(), "b".into())));
    }
}
