//! The one writer of the JSONL stream.
//!
//! Workers never write: they hand finished lines to the main thread, which
//! writes them here in input order. With `-o FILE` the lines go to a
//! temporary file in the same folder, renamed over FILE only when the run
//! completes, so an interrupted run never leaves a half-written FILE.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// Where records go.
pub enum Sink {
    /// Standard output.
    Stdout(BufWriter<io::Stdout>),
    /// A temporary file renamed to its target by [`Sink::finish`].
    File {
        /// The temporary file, in the target's folder.
        temp: BufWriter<NamedTempFile>,
        /// The final name.
        target: PathBuf,
    },
}

impl Sink {
    /// Standard output, buffered.
    pub fn stdout() -> Sink {
        Sink::Stdout(BufWriter::with_capacity(1 << 16, io::stdout()))
    }

    /// A temporary file beside `target`.
    pub fn file(target: &Path) -> io::Result<Sink> {
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(".newsx-").suffix(".tmp");
        // A temporary file is private (0600) by default; the result is an
        // ordinary output file, so let the umask decide as for any other.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let temp = builder.tempfile_in(dir)?;
        Ok(Sink::File {
            temp: BufWriter::with_capacity(1 << 16, temp),
            target: target.to_path_buf(),
        })
    }

    /// Writes a block of complete lines.
    pub fn write(&mut self, lines: &[u8]) -> io::Result<()> {
        match self {
            Sink::Stdout(w) => w.write_all(lines),
            Sink::File { temp, .. } => temp.write_all(lines),
        }
    }

    /// Flushes what was written so far (lets `| head` see records early).
    pub fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(w) => w.flush(),
            Sink::File { temp, .. } => temp.flush(),
        }
    }

    /// Flushes, and for a file syncs and renames it over its target.
    pub fn finish(self) -> io::Result<()> {
        match self {
            Sink::Stdout(mut w) => w.flush(),
            Sink::File { temp, target } => {
                let temp = temp.into_inner().map_err(|e| e.into_error())?;
                temp.as_file().sync_all()?;
                temp.persist(&target).map_err(|e| e.error)?;
                Ok(())
            }
        }
    }
}
