//! One document per source: a text file or an HTML page, read whole (and
//! decompressed when its first bytes say gzip or zstd), then decoded.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use super::{
    compress, content_id, decode_document, DocError, Document, ErrorKind,
    Identity, Markup, ReadFailure,
};

/// The document of raw bytes: decoded, with its content id.
pub(super) fn document(
    raw: &[u8],
    path: String,
    markup: Markup,
) -> Result<Document, DocError> {
    let id = content_id(raw);
    match decode_document(raw) {
        Ok(decoded) => Ok(Document {
            id,
            path,
            bytes: raw.len() as u64,
            encoding: decoded.encoding,
            invalid_bytes: decoded.invalid_bytes,
            text: decoded.text,
            markup,
            meta: Default::default(),
        }),
        Err((kind, message)) => Err(DocError {
            path,
            id: Some(id),
            kind,
            message,
        }),
    }
}

/// The bytes of a file, decompressed when its first bytes say so; a file
/// (or its decompressed content) over `max_bytes` is refused. The file is
/// opened first and asked for its size and [`Identity`] (one `fstat`, no
/// `stat` by name before it); a file that cannot be opened is still
/// reported as a directory or as too large when it is one.
pub(super) fn read_file(
    path: &Path,
    max_bytes: u64,
) -> (Result<Vec<u8>, ReadFailure>, Option<Identity>) {
    let mut file = match fs::File::open(path) {
        Ok(file) => file,
        Err(e) => return unopened(path, &e, max_bytes),
    };
    let meta = match file.metadata() {
        Ok(meta) => meta,
        Err(e) => return (Err(io_failure(path, &e)), None),
    };
    let identity = Some(Identity::of(&meta));
    if meta.is_dir() {
        return (Err(directory()), identity);
    }
    if meta.len() <= max_bytes {
        // Most files: read whole in one call, their first bytes tested for
        // compression in the buffer. Only a regular file's size is taken
        // at its word (a device or a pipe reports none).
        let size = if meta.is_file() { meta.len() } else { 0 };
        return (read_small(file, max_bytes, size), identity);
    }
    let mut head = [0u8; compress::MAGIC_LEN];
    let got = match fill(&mut file, &mut head) {
        Ok(got) => got,
        Err(e) => {
            return (Err((ErrorKind::Unreadable, e.to_string())), identity)
        }
    };
    let head = &head[..got];
    if compress::Compression::of_magic(head).is_some() {
        let raw: compress::Raw = Box::new(io::BufReader::new(
            io::Cursor::new(head.to_vec()).chain(file),
        ));
        return (decompress_limited(raw, max_bytes), identity);
    }
    (Err(too_large(meta.len(), max_bytes)), identity)
}

/// A file of `size` bytes (0: not known), at most `max_bytes`, read
/// whole: decompressed when its first bytes say so (a compressed file may
/// hold more than the limit, which [`read_limited`] checks), else as it is.
fn read_small(
    file: fs::File,
    max_bytes: u64,
    size: u64,
) -> Result<Vec<u8>, ReadFailure> {
    let raw = match size {
        0 => read_limited(file, max_bytes, 0)?,
        _ => read_announced(file, size)?,
    };
    if compress::Compression::of_magic(&raw).is_none() {
        return Ok(raw);
    }
    decompress_limited(Box::new(io::Cursor::new(raw)), max_bytes)
}

/// The `size` bytes that a regular file's metadata announced, read with
/// no further call to find the end: on many small files that call is a
/// fifth of the system calls. A file that turns out shorter (cut since it
/// was opened) ends where it ends; one that grew since is read as long as
/// it was when opened, a snapshot, as a copy taken then would be.
fn read_announced(
    mut file: fs::File,
    size: u64,
) -> Result<Vec<u8>, ReadFailure> {
    let mut raw = vec![0; size as usize];
    let filled =
        fill(&mut file, &mut raw).map_err(|e| compress::failure(&e))?;
    raw.truncate(filled);
    Ok(raw)
}

/// The decompressed bytes of `raw`, at most `max_bytes` of them.
pub(super) fn decompress_limited(
    raw: compress::Raw,
    max_bytes: u64,
) -> Result<Vec<u8>, ReadFailure> {
    compress::decompressed(raw)
        .and_then(|reader| read_limited(reader, max_bytes, 0))
}

/// The failure for a file that cannot be opened: as a directory or a file
/// over the limit when it is one, else the error of `open`.
fn unopened(
    path: &Path,
    err: &io::Error,
    max_bytes: u64,
) -> (Result<Vec<u8>, ReadFailure>, Option<Identity>) {
    let Ok(meta) = fs::metadata(path) else {
        return (Err(io_failure(path, err)), None);
    };
    let failure = if meta.is_dir() {
        directory()
    } else if meta.len() > max_bytes {
        too_large(meta.len(), max_bytes)
    } else {
        io_failure(path, err)
    };
    (Err(failure), Some(Identity::of(&meta)))
}

fn directory() -> ReadFailure {
    (
        ErrorKind::Unreadable,
        "is a directory, not a file".to_string(),
    )
}

/// Fills `buf` as far as the input goes; the bytes filled.
fn fill(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match reader.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}

/// Reads at most `max_bytes` (one more to detect a larger input).
/// `size` is the expected size (0 when unknown), to allocate once.
pub(super) fn read_limited(
    reader: impl Read,
    max_bytes: u64,
    size: u64,
) -> Result<Vec<u8>, ReadFailure> {
    let raw = super::read_to_limit(reader, max_bytes, size)
        .map_err(|e| compress::failure(&e))?;
    if raw.len() as u64 > max_bytes {
        return Err(too_large(raw.len() as u64, max_bytes));
    }
    Ok(raw)
}

/// The failure of a document over `--max-bytes`.
pub(super) fn too_large(len: u64, max_bytes: u64) -> ReadFailure {
    let message = if len > max_bytes.saturating_add(1) {
        format!("{len} bytes is over the limit of {max_bytes} (--max-bytes)")
    } else {
        format!("over the limit of {max_bytes} bytes (--max-bytes)")
    };
    (ErrorKind::TooLarge, message)
}

/// The failure of a path that could not be opened or read.
pub(super) fn io_failure(path: &Path, err: &io::Error) -> ReadFailure {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_file_is_read_as_long_as_its_metadata_said() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.txt");
        fs::write(&path, "The council met on Monday.\n").unwrap();
        let file = fs::File::open(&path).unwrap();
        let size = file.metadata().unwrap().len();
        // Written to after it was opened and measured: read as it was.
        fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"A late line.\n")
            .unwrap();
        let raw = read_announced(file, size).unwrap();
        assert_eq!(raw, b"The council met on Monday.\n");
        // Cut after it was measured: it ends where it ends.
        let file = fs::File::open(&path).unwrap();
        fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .unwrap()
            .set_len(4)
            .unwrap();
        assert_eq!(read_announced(file, 40).unwrap(), b"The ");
        // And whole, through the reader, when nothing changes.
        let (doc, _) = read_file(&path, 1 << 20);
        assert_eq!(doc.unwrap(), b"The ");
    }

    #[test]
    fn a_compressed_text_file_is_its_decompressed_text() {
        let dir = tempfile::tempdir().unwrap();
        let text = "Fishermen landed 40 tonnes of cod.\n".repeat(50);
        let path = dir.path().join("story.txt.gz");
        let mut gz = flate2::write::GzEncoder::new(
            fs::File::create(&path).unwrap(),
            flate2::Compression::default(),
        );
        gz.write_all(text.as_bytes()).unwrap();
        gz.finish().unwrap();
        assert_eq!(read_file(&path, 1 << 20).0.unwrap(), text.as_bytes());
        // The limit is on the decompressed bytes, not the file's.
        let small = fs::metadata(&path).unwrap().len();
        let (kind, _) = read_file(&path, small + 10).0.unwrap_err();
        assert_eq!(kind, ErrorKind::TooLarge);
        let zst = dir.path().join("story.txt.zst");
        fs::write(&zst, zstd::encode_all(text.as_bytes(), 3).unwrap()).unwrap();
        assert_eq!(read_file(&zst, 1 << 20).0.unwrap(), text.as_bytes());
    }

    #[test]
    fn a_plain_file_reads_as_before() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, b"abc").unwrap();
        assert_eq!(read_file(&path, 3).0.unwrap(), b"abc");
        let (kind, message) = read_file(&path, 1).0.unwrap_err();
        assert_eq!(kind, ErrorKind::TooLarge);
        assert!(message.contains("3 bytes"), "{message}");
        let (kind, _) = read_file(&dir.path().join("none"), 2).0.unwrap_err();
        assert_eq!(kind, ErrorKind::NotFound);
    }
}
