//! JSONL (`.jsonl`, `.ndjson`): one JSON object a line, one document per
//! object, `path` = `FILE:LINE` (1-based). Blank lines are passed over; a
//! line that is not a JSON object, or has no text, is an error record for
//! that line alone, and the next line is read.

use std::io::BufRead;

use super::{
    compress, fields, read_line_limited, text, DocError, DocResult, ErrorKind,
    ReadOptions,
};

/// A UTF-8 byte order mark, which some tools write before the first line.
const BOM: &[u8] = b"\xef\xbb\xbf";

/// The documents of a JSONL stream, in line order.
pub struct JsonlReader<R> {
    reader: R,
    label: String,
    options: ReadOptions,
    line: u64,
    buf: Vec<u8>,
    done: bool,
    yielded: bool,
}

impl<R: BufRead> JsonlReader<R> {
    /// Reads the lines of `reader` (already decompressed); `label` is the
    /// source's path as records show it.
    pub fn new(reader: R, label: String, options: ReadOptions) -> Self {
        JsonlReader {
            reader,
            label,
            options,
            line: 0,
            buf: Vec::new(),
            done: false,
            yielded: false,
        }
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = DocResult;

    fn next(&mut self) -> Option<DocResult> {
        let next = self.read_next();
        if next.is_none() && !self.yielded {
            // A file of no record at all is reported, as an empty file is.
            self.yielded = true;
            return Some(Err(no_records(&self.label)));
        }
        self.yielded = true;
        next
    }
}

impl<R: BufRead> JsonlReader<R> {
    fn read_next(&mut self) -> Option<DocResult> {
        while !self.done {
            let max = self.options.max_bytes;
            let read = read_line_limited(&mut self.reader, &mut self.buf, max);
            self.line += 1;
            let path = format!("{}:{}", self.label, self.line);
            match read {
                Ok(None) => self.done = true,
                Ok(Some(_)) if self.buf.iter().all(u8::is_ascii_whitespace) => {
                }
                Ok(Some(len)) if len > max => {
                    let (kind, message) = text::too_large(len, max);
                    return Some(Err(DocError::new(path, kind, message)));
                }
                Ok(Some(_)) => {
                    // A byte order mark before the first record is no part
                    // of it.
                    let bom = self.line == 1 && self.buf.starts_with(BOM);
                    let line = &self.buf[if bom { BOM.len() } else { 0 }..];
                    return Some(fields::document(line, path, &self.options));
                }
                Err(e) => {
                    // The stream cannot be read past this point.
                    self.done = true;
                    let (kind, message) = compress::failure(&e);
                    return Some(Err(DocError::new(path, kind, message)));
                }
            }
        }
        None
    }
}

/// An error for a whole source that holds no record at all.
pub(super) fn no_records(label: &str) -> DocError {
    DocError::new(
        label.to_string(),
        ErrorKind::Empty,
        "no record in the file".to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &[u8], max_bytes: u64) -> Vec<DocResult> {
        let options = ReadOptions {
            max_bytes,
            ..ReadOptions::default()
        };
        JsonlReader::new(input, "s.jsonl".to_string(), options).collect()
    }

    #[test]
    fn one_document_per_line_and_a_bad_line_is_its_own_error() {
        let input = b"{\"text\": \"One.\"}\r\n\n{oops\n{\"text\": \"Three.\"}";
        let docs = read(input, 1 << 20);
        assert_eq!(docs.len(), 3);
        let one = docs[0].as_ref().unwrap();
        assert_eq!(
            (one.path.as_str(), one.text.as_str()),
            ("s.jsonl:1", "One.")
        );
        assert_eq!(one.id, super::super::content_id(b"{\"text\": \"One.\"}"));
        let bad = docs[1].as_ref().unwrap_err();
        assert_eq!(
            (bad.path.as_str(), bad.kind),
            ("s.jsonl:3", ErrorKind::Malformed)
        );
        assert_eq!(docs[2].as_ref().unwrap().path, "s.jsonl:4");
    }

    #[test]
    fn a_line_over_the_limit_is_too_large_and_the_next_one_is_read() {
        let long = format!("{{\"text\": \"{}\"}}\n", "x".repeat(100));
        let input = format!("{long}{{\"text\": \"ok\"}}\n");
        let docs = read(input.as_bytes(), 50);
        assert_eq!(docs[0].as_ref().unwrap_err().kind, ErrorKind::TooLarge);
        assert_eq!(docs[1].as_ref().unwrap().text, "ok");
    }

    #[test]
    fn a_byte_order_mark_is_no_part_of_the_first_record() {
        let docs = read(b"\xef\xbb\xbf{\"text\": \"One.\"}\n", 100);
        let one = docs[0].as_ref().unwrap();
        assert_eq!(one.text, "One.");
        let id = super::super::content_id(b"{\"text\": \"One.\"}");
        assert_eq!(one.id, id);
    }

    #[test]
    fn a_file_of_no_record_is_one_empty_error() {
        let docs = read(b"\n \n", 50);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].as_ref().unwrap_err().kind, ErrorKind::Empty);
    }
}
