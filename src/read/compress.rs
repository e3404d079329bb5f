//! The compression layer under every format: gzip and zstd, told by their
//! magic bytes (an extension can lie, or be missing on standard input),
//! decompressed as a stream so that a 10 GB `.jsonl.zst` runs in the
//! memory of one record.
//!
//! gzip is read with `MultiGzDecoder`, so a file of many members (one per
//! WARC record, or `cat a.gz b.gz`) is read whole. bzip2 and xz are told
//! by their magic bytes but not read: their crates bind C libraries that
//! are not worth their weight next to gzip and zstd, which is what
//! scrapers write; such a file is an error record that says so.

use std::io::{self, BufRead, BufReader, Read};

use super::{ErrorKind, InputFormat, ReadFailure};

/// Bytes as they come, buffered.
pub(super) type Raw = Box<dyn BufRead + Send>;

/// Extensions of compressed files, looked through to the format inside.
pub(super) const EXTENSIONS: &[&str] =
    &["gz", "gzip", "zst", "zstd", "bz2", "xz"];

/// Bytes enough to tell every format here by its first bytes.
pub(super) const MAGIC_LEN: usize = 6;

/// How a stream is compressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Compression {
    Gzip,
    Zstd,
    Bzip2,
    Xz,
}

impl Compression {
    /// The compression a stream's first bytes show, if any.
    pub(super) fn of_magic(head: &[u8]) -> Option<Compression> {
        if head.starts_with(&[0x1f, 0x8b]) {
            Some(Compression::Gzip)
        } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Some(Compression::Zstd)
        } else if head.starts_with(b"BZh") {
            Some(Compression::Bzip2)
        } else if head.starts_with(&[0xfd, b'7', b'z', b'X', b'Z', 0]) {
            Some(Compression::Xz)
        } else {
            None
        }
    }
}

/// Looks at the first bytes of `raw` (without losing them) and says how
/// it is compressed.
pub(super) fn sniff(
    raw: Raw,
) -> Result<(Raw, Option<Compression>), ReadFailure> {
    let (raw, head) = peek(raw, MAGIC_LEN)?;
    Ok((raw, Compression::of_magic(&head)))
}

/// The decompressed stream of `raw`.
pub(super) fn decompress(
    raw: Raw,
    compression: Option<Compression>,
) -> Result<Raw, ReadFailure> {
    const BUF: usize = 1 << 16;
    Ok(match compression {
        None => raw,
        Some(Compression::Gzip) => Box::new(BufReader::with_capacity(
            BUF,
            flate2::bufread::MultiGzDecoder::new(raw),
        )),
        Some(Compression::Zstd) => {
            let decoder = zstd::stream::read::Decoder::with_buffer(raw)
                .map_err(|e| failure(&e))?;
            Box::new(BufReader::with_capacity(BUF, decoder))
        }
        Some(c @ (Compression::Bzip2 | Compression::Xz)) => {
            let name = if c == Compression::Bzip2 {
                "bzip2"
            } else {
                "xz"
            };
            return Err((
                ErrorKind::Unreadable,
                format!(
                    "compressed with {name}, which newsx does not read \
                     (gzip and zstd it does): decompress it first"
                ),
            ));
        }
    })
}

/// [`sniff`] then [`decompress`].
pub(super) fn decompressed(raw: Raw) -> Result<Raw, ReadFailure> {
    let (raw, compression) = sniff(raw)?;
    decompress(raw, compression)
}

/// The format decompressed bytes show: WARC by its version line, one text
/// document otherwise (JSON is not told from text by its looks: a text
/// may well start with a brace).
pub(super) fn sniff_format(
    reader: Raw,
) -> Result<(Raw, InputFormat), ReadFailure> {
    let (reader, head) = peek(reader, 8)?;
    let format = if head.starts_with(b"WARC/") {
        InputFormat::Warc
    } else {
        InputFormat::Auto
    };
    Ok((reader, format))
}

/// Whether a gzip stream holds a WARC file, told from its first member's
/// first bytes (so that its records can be read member by member, with
/// their compressed offsets).
pub(super) fn gzip_holds_warc(raw: Raw) -> Result<(Raw, bool), ReadFailure> {
    let (raw, head) = peek(raw, 1 << 12)?;
    let mut inner = Vec::new();
    let decoder = flate2::read::GzDecoder::new(&head[..]);
    // A cut or corrupt head is simply not a WARC head.
    let _ = decoder.take(5).read_to_end(&mut inner);
    Ok((raw, inner.starts_with(b"WARC/")))
}

/// The first `n` bytes of `raw` (fewer at its end), and a stream that
/// still starts with them.
fn peek(mut raw: Raw, n: usize) -> Result<(Raw, Vec<u8>), ReadFailure> {
    let mut head = Vec::with_capacity(n);
    (&mut raw)
        .take(n as u64)
        .read_to_end(&mut head)
        .map_err(|e| failure(&e))?;
    let rest: Raw = Box::new(BufReader::with_capacity(
        1 << 16,
        io::Cursor::new(head.clone()).chain(raw),
    ));
    Ok((rest, head))
}

/// The failure of a read: corrupt or cut compressed data, or an I/O error.
pub(super) fn failure(err: &io::Error) -> ReadFailure {
    let message = match err.kind() {
        io::ErrorKind::InvalidData
        | io::ErrorKind::InvalidInput
        | io::ErrorKind::UnexpectedEof => {
            format!("corrupt or truncated compressed data: {err}")
        }
        _ => err.to_string(),
    };
    (ErrorKind::Unreadable, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut gz = flate2::write::GzEncoder::new(
            Vec::new(),
            flate2::Compression::default(),
        );
        gz.write_all(data).unwrap();
        gz.finish().unwrap()
    }

    fn read_all(bytes: Vec<u8>) -> Result<Vec<u8>, ReadFailure> {
        let raw: Raw = Box::new(io::Cursor::new(bytes));
        let mut out = Vec::new();
        decompressed(raw)?
            .read_to_end(&mut out)
            .map_err(|e| failure(&e))?;
        Ok(out)
    }

    #[test]
    fn gzip_members_and_zstd_frames_are_read_whole() {
        let mut two = gzip(b"first member\n");
        two.extend(gzip(b"second member\n"));
        assert_eq!(read_all(two).unwrap(), b"first member\nsecond member\n");
        let zst = zstd::encode_all(&b"zstd text"[..], 3).unwrap();
        assert_eq!(read_all(zst).unwrap(), b"zstd text");
        assert_eq!(read_all(b"plain".to_vec()).unwrap(), b"plain");
        assert_eq!(read_all(Vec::new()).unwrap(), b"");
    }

    #[test]
    fn corrupt_and_unread_compressions_fail_with_a_reason() {
        let mut cut = gzip(&b"some text that will be cut short".repeat(20));
        cut.truncate(cut.len() / 2);
        let (kind, message) = read_all(cut).unwrap_err();
        assert_eq!(kind, ErrorKind::Unreadable);
        assert!(message.contains("corrupt or truncated"), "{message}");
        let (_, message) = read_all(b"BZh91AY&SY".to_vec()).unwrap_err();
        assert!(message.contains("bzip2"), "{message}");
    }
}
