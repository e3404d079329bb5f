//! Read documents kept in a temporary file between the two passes of
//! `--templates`.
//!
//! The first pass has to see every document before the second can clean
//! any; reading every file a second time would open, read, decode and hash
//! it again (most of the cost of a small file outside the analysis), and a
//! file changed in between would be counted in one state and cleaned in
//! another. So the first pass writes each read document (or its error), in
//! input order, to an anonymous temporary file, and the second reads them
//! back in one sequential stream. Memory stays bounded; the temporary file
//! holds the decoded text of the run (in the system's temporary folder, gone
//! when the run ends, even if killed).

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, Write};

use crate::read::{DocError, DocMeta, Document, ErrorKind, Markup};

/// The writing side.
pub struct Spill {
    out: BufWriter<File>,
}

const DOCUMENT: u8 = 0;
const ERROR: u8 = 1;

impl Spill {
    /// A new, empty spill in the system's temporary folder.
    pub fn new() -> io::Result<Spill> {
        Ok(Spill {
            out: BufWriter::with_capacity(1 << 16, tempfile::tempfile()?),
        })
    }

    /// Appends one read document or its error.
    pub fn push(&mut self, doc: &Result<Document, DocError>) -> io::Result<()> {
        let out = &mut self.out;
        match doc {
            Ok(doc) => {
                out.write_all(&[DOCUMENT])?;
                put_str(out, &doc.id)?;
                put_str(out, &doc.path)?;
                put_u64(out, doc.bytes)?;
                put_str(out, &doc.encoding)?;
                put_u64(out, doc.invalid_bytes)?;
                put_str(out, &doc.text)?;
                out.write_all(&[markup_code(doc.markup)])?;
                put_meta(out, &doc.meta)
            }
            Err(err) => {
                out.write_all(&[ERROR])?;
                put_str(out, err.id.as_deref().unwrap_or(""))?;
                out.write_all(&[u8::from(err.id.is_some())])?;
                put_str(out, &err.path)?;
                put_u64(out, kind_code(err.kind))?;
                put_str(out, &err.message)
            }
        }
    }

    /// The documents written, in order.
    pub fn into_reader(self) -> io::Result<SpillReader> {
        let mut file = self.out.into_inner().map_err(|e| e.into_error())?;
        file.rewind()?;
        Ok(SpillReader {
            input: BufReader::with_capacity(1 << 16, file),
        })
    }
}

/// The reading side: yields each document or error as written.
pub struct SpillReader {
    input: BufReader<File>,
}

impl SpillReader {
    /// The next entry, `None` at the end.
    pub fn next_entry(
        &mut self,
    ) -> io::Result<Option<Result<Document, DocError>>> {
        let mut tag = [0u8];
        if self.input.read(&mut tag)? == 0 {
            return Ok(None);
        }
        let input = &mut self.input;
        Ok(Some(match tag[0] {
            DOCUMENT => Ok(Document {
                id: get_str(input)?,
                path: get_str(input)?,
                bytes: get_u64(input)?,
                encoding: get_str(input)?,
                invalid_bytes: get_u64(input)?,
                text: get_str(input)?,
                markup: markup_of(get_u8(input)?)?,
                meta: get_meta(input)?,
            }),
            ERROR => {
                let id = get_str(input)?;
                let mut has_id = [0u8];
                input.read_exact(&mut has_id)?;
                Err(DocError {
                    id: (has_id[0] == 1).then_some(id),
                    path: get_str(input)?,
                    kind: kind_of(get_u64(input)?)?,
                    message: get_str(input)?,
                })
            }
            _ => return Err(corrupt()),
        }))
    }
}

const KINDS: [ErrorKind; 8] = [
    ErrorKind::NotFound,
    ErrorKind::Unreadable,
    ErrorKind::Binary,
    ErrorKind::Empty,
    ErrorKind::TooLarge,
    ErrorKind::Walk,
    ErrorKind::Malformed,
    ErrorKind::NoText,
];

const MARKUPS: [Markup; 3] = [Markup::Sniff, Markup::Text, Markup::Html];

fn markup_code(markup: Markup) -> u8 {
    MARKUPS.iter().position(|m| *m == markup).unwrap_or(0) as u8
}

fn markup_of(code: u8) -> io::Result<Markup> {
    MARKUPS.get(usize::from(code)).copied().ok_or_else(corrupt)
}

/// What the source said of a document: five optional strings, then the
/// authors.
fn put_meta(out: &mut impl Write, meta: &DocMeta) -> io::Result<()> {
    for field in [
        &meta.source_id,
        &meta.url,
        &meta.published,
        &meta.title,
        &meta.crawled,
    ] {
        put_opt_str(out, field.as_deref())?;
    }
    put_u64(out, meta.authors.len() as u64)?;
    meta.authors.iter().try_for_each(|a| put_str(out, a))
}

fn get_meta(input: &mut impl Read) -> io::Result<DocMeta> {
    let mut meta = DocMeta {
        source_id: get_opt_str(input)?,
        url: get_opt_str(input)?,
        published: get_opt_str(input)?,
        title: get_opt_str(input)?,
        crawled: get_opt_str(input)?,
        authors: Vec::new(),
    };
    for _ in 0..get_u64(input)? {
        meta.authors.push(get_str(input)?);
    }
    Ok(meta)
}

fn put_opt_str(out: &mut impl Write, s: Option<&str>) -> io::Result<()> {
    out.write_all(&[u8::from(s.is_some())])?;
    put_str(out, s.unwrap_or(""))
}

fn get_opt_str(input: &mut impl Read) -> io::Result<Option<String>> {
    let some = get_u8(input)? == 1;
    let s = get_str(input)?;
    Ok(some.then_some(s))
}

fn get_u8(input: &mut impl Read) -> io::Result<u8> {
    let mut b = [0u8];
    input.read_exact(&mut b)?;
    Ok(b[0])
}

fn kind_code(kind: ErrorKind) -> u64 {
    KINDS.iter().position(|k| *k == kind).unwrap_or(0) as u64
}

fn kind_of(code: u64) -> io::Result<ErrorKind> {
    KINDS.get(code as usize).copied().ok_or_else(corrupt)
}

fn corrupt() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, "temporary file is corrupt")
}

fn put_u64(out: &mut impl Write, n: u64) -> io::Result<()> {
    out.write_all(&n.to_le_bytes())
}

fn put_str(out: &mut impl Write, s: &str) -> io::Result<()> {
    put_u64(out, s.len() as u64)?;
    out.write_all(s.as_bytes())
}

fn get_u64(input: &mut impl Read) -> io::Result<u64> {
    let mut b = [0u8; 8];
    input.read_exact(&mut b)?;
    Ok(u64::from_le_bytes(b))
}

fn get_str(input: &mut impl Read) -> io::Result<String> {
    let len = get_u64(input)? as usize;
    let mut bytes = Vec::with_capacity(len);
    input.take(len as u64).read_to_end(&mut bytes)?;
    if bytes.len() != len {
        return Err(corrupt());
    }
    String::from_utf8(bytes).map_err(|_| corrupt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_and_errors_come_back_as_written() {
        let doc = Document {
            id: "00ff".into(),
            path: "a/ü.txt".into(),
            bytes: 12,
            encoding: "windows-1252".into(),
            invalid_bytes: 3,
            text: "Zürich\n\nText.".into(),
            markup: Markup::Html,
            meta: DocMeta {
                source_id: Some("7".into()),
                url: None,
                published: Some("2017-02-01".into()),
                title: Some("A title".into()),
                crawled: None,
                authors: vec!["A. Writer".into(), "B. Writer".into()],
            },
        };
        let mut err =
            DocError::new("b.txt".into(), ErrorKind::NoText, "no text".into());
        let entries = vec![Ok(doc.clone()), Err(err.clone()), {
            err.id = Some(String::new());
            Err(err.clone())
        }];
        let mut spill = Spill::new().unwrap();
        for e in &entries {
            spill.push(e).unwrap();
        }
        let mut reader = spill.into_reader().unwrap();
        let mut back = Vec::new();
        while let Some(e) = reader.next_entry().unwrap() {
            back.push(e);
        }
        assert_eq!(back, entries);
    }
}
