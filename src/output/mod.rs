//! The one writer of the output: records in, a file of one format out.
//!
//! Workers never write: they hand finished JSONL lines to the main thread,
//! which writes them here in input order through a [`Sink`]. A sink is an
//! [`Encoder`] for the format on top of a [`Destination`], which holds
//! what every format shares: standard output, devices written through,
//! and the atomic replacement of a file (temporary file beside the
//! target, symbolic links followed, clean-up on SIGINT and SIGTERM).
//!
//! The formats, one file each:
//! - [`jsonl`]: JSON Lines, plain or compressed (gzip, zstd);
//! - [`parquet`]: one row per record, typed columns from
//!   [`crate::schema`].
//!
//! Every encoder takes the same JSONL lines, so the formats cannot say
//! different things about a document: Parquet is built from the very
//! bytes that `.jsonl` would hold.

mod destination;
pub mod jsonl;
pub mod parquet;

use std::io::{self, Write};
use std::path::Path;

pub use destination::{abandon, Destination};

/// The format of the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// JSON Lines.
    Jsonl,
    /// JSON Lines, gzip-compressed.
    #[value(name = "jsonl.gz")]
    JsonlGz,
    /// JSON Lines, zstd-compressed.
    #[value(name = "jsonl.zst")]
    JsonlZst,
    /// Apache Parquet.
    Parquet,
}

impl Format {
    /// The format a file name asks for by its extension: `.parquet`,
    /// `.gz`, `.zst`, else JSON Lines.
    pub fn from_path(path: &Path) -> Format {
        let ext = path.extension().and_then(|e| e.to_str());
        match ext.map(str::to_ascii_lowercase).as_deref() {
            Some("parquet") => Format::Parquet,
            Some("gz") => Format::JsonlGz,
            Some("zst") => Format::JsonlZst,
            _ => Format::Jsonl,
        }
    }
}

/// What each format does with the lines of a run.
pub trait Encoder: Send {
    /// Takes bytes of JSONL: complete lines, or a large record in pieces.
    fn write(&mut self, lines: &[u8]) -> io::Result<()>;
    /// Makes what was written so far visible downstream where the format
    /// allows it (lets `| head` see records early).
    fn flush(&mut self) -> io::Result<()>;
    /// Ends the format (footer, compression frame) and hands back the
    /// destination to be completed.
    fn finish(self: Box<Self>) -> io::Result<Destination>;
}

/// Where records go, in the format asked for.
pub struct Sink {
    encoder: Box<dyn Encoder>,
}

impl Sink {
    /// JSON Lines on standard output.
    pub fn stdout() -> Sink {
        let encoder = Box::new(jsonl::Plain::new(Destination::stdout()));
        Sink { encoder }
    }

    /// The sink for `-o target` (see [`Destination::file`]) in `format`,
    /// or the format the name asks for.
    pub fn open(
        target: Option<&Path>,
        format: Option<Format>,
    ) -> io::Result<Sink> {
        let (destination, by_name) = match target {
            Some(path) => (Destination::file(path)?, Format::from_path(path)),
            None => (Destination::stdout(), Format::Jsonl),
        };
        let encoder: Box<dyn Encoder> = match format.unwrap_or(by_name) {
            Format::Jsonl => Box::new(jsonl::Plain::new(destination)),
            Format::JsonlGz => Box::new(jsonl::gzip(destination)),
            Format::JsonlZst => Box::new(jsonl::zstd(destination)?),
            Format::Parquet => Box::new(parquet::Parquet::new(destination)?),
        };
        Ok(Sink { encoder })
    }

    /// Writes JSONL bytes (complete lines, or a large record in pieces).
    pub fn write(&mut self, lines: &[u8]) -> io::Result<()> {
        self.encoder.write(lines)
    }

    /// Flushes what the format allows (see [`Encoder::flush`]).
    pub fn flush(&mut self) -> io::Result<()> {
        self.encoder.flush()
    }

    /// Ends the format, then flushes, and for a file syncs and renames it
    /// over its target.
    pub fn finish(self) -> io::Result<()> {
        self.encoder.finish()?.finish()
    }
}

/// The sink as a writer, so a large record can be serialised straight
/// into it.
impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        Sink::write(self, buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Sink::flush(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        let f = |p: &str| Format::from_path(Path::new(p));
        assert_eq!(f("out.jsonl"), Format::Jsonl);
        assert_eq!(f("out"), Format::Jsonl);
        assert_eq!(f("out.jsonl.gz"), Format::JsonlGz);
        assert_eq!(f("out.JSONL.ZST"), Format::JsonlZst);
        assert_eq!(f("dir/out.parquet"), Format::Parquet);
    }
}
