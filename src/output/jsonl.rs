//! JSON Lines, as they are or compressed (`.jsonl.gz`, `.jsonl.zst`).
//!
//! Compression uses flate2 and zstd, the crates the readers of compressed
//! input use. A compressed stream is flushed downstream only once a MiB
//! has gone in since the last flush: a flush ends a compression block, and
//! flushing after every chunk of records (or every record, when stdin is
//! a stream of them) would cost much of the compression.

use std::io::{self, Write};

use flate2::write::GzEncoder;

use super::{Destination, Encoder};

/// Plain JSON Lines.
pub struct Plain(Destination);

impl Plain {
    /// JSON Lines written to `destination`.
    pub fn new(destination: Destination) -> Plain {
        Plain(destination)
    }
}

impl Encoder for Plain {
    fn write(&mut self, lines: &[u8]) -> io::Result<()> {
        self.0.write(lines)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }

    fn finish(self: Box<Self>) -> io::Result<Destination> {
        Ok(self.0)
    }
}

/// Bytes taken in between two flushes of a compressed stream.
const FLUSH_EVERY: usize = 1 << 20;

/// A compressor whose end completes the compressed stream.
pub trait Frame: Write + Send {
    /// Writes the end of the stream and hands back the destination.
    fn end(self) -> io::Result<Destination>;
}

impl Frame for GzEncoder<Destination> {
    fn end(self) -> io::Result<Destination> {
        self.finish()
    }
}

impl Frame for zstd::Encoder<'static, Destination> {
    fn end(self) -> io::Result<Destination> {
        self.finish()
    }
}

/// Compressed JSON Lines, and how much went in since the last flush.
pub struct Compressed<W> {
    writer: W,
    unflushed: usize,
}

/// JSON Lines in one gzip member (level 6, gzip's default).
pub fn gzip(destination: Destination) -> Compressed<GzEncoder<Destination>> {
    let writer = GzEncoder::new(destination, flate2::Compression::default());
    Compressed {
        writer,
        unflushed: 0,
    }
}

/// JSON Lines in one zstd frame (level 3, zstd's default), with a
/// checksum.
pub fn zstd(
    destination: Destination,
) -> io::Result<Compressed<zstd::Encoder<'static, Destination>>> {
    let mut writer = zstd::Encoder::new(destination, 3)?;
    writer.include_checksum(true)?;
    Ok(Compressed {
        writer,
        unflushed: 0,
    })
}

impl<W: Frame> Encoder for Compressed<W> {
    fn write(&mut self, lines: &[u8]) -> io::Result<()> {
        self.unflushed += lines.len();
        self.writer.write_all(lines)
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.unflushed < FLUSH_EVERY {
            return Ok(());
        }
        self.unflushed = 0;
        self.writer.flush()
    }

    fn finish(self: Box<Self>) -> io::Result<Destination> {
        self.writer.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn lines() -> Vec<u8> {
        (0..5000)
            .map(|i| format!("{{\"id\":\"{i}\",\"text\":\"ünïcode {i}\"}}\n"))
            .collect::<String>()
            .into_bytes()
    }

    fn written(encoder: Box<dyn Encoder>, path: &std::path::Path) -> Vec<u8> {
        let mut encoder = encoder;
        let data = lines();
        for piece in data.chunks(777) {
            encoder.write(piece).unwrap();
            encoder.flush().unwrap();
        }
        encoder.finish().unwrap().finish().unwrap();
        std::fs::read(path).unwrap()
    }

    #[test]
    fn compressed_lines_decompress_to_the_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl.gz");
        let gz = Box::new(gzip(Destination::file(&path).unwrap()));
        let bytes = written(gz, &path);
        let mut plain = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_end(&mut plain)
            .unwrap();
        assert_eq!(plain, lines());
        assert!(bytes.len() < plain.len() / 4, "{} bytes", bytes.len());

        let path = dir.path().join("out.jsonl.zst");
        let zst = Box::new(zstd(Destination::file(&path).unwrap()).unwrap());
        let bytes = written(zst, &path);
        assert_eq!(zstd::decode_all(&bytes[..]).unwrap(), lines());
        assert!(bytes.len() < lines().len() / 4, "{} bytes", bytes.len());
    }
}
