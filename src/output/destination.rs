//! Where the output's bytes go, whatever their format.
//!
//! What `-o FILE` does depends on FILE:
//!
//! - `-` is standard output, and so are `/dev/stdout` and the other names
//!   of an open descriptor (`/dev/fd/N`, `/proc/self/fd/N`).
//! - A regular file, or a name that does not exist yet, is replaced
//!   atomically: the lines go to a temporary file in the same folder
//!   (`.newsx-NAME.PID.XXXXXX.tmp`), renamed over FILE only when the run
//!   completes, so an interrupted run never leaves a half-written FILE.
//! - A symbolic link is followed: its final target is replaced atomically,
//!   beside the target, and the link stays a link.
//! - Anything else (a device such as `/dev/null`, a FIFO, a socket) is
//!   written through as it is: replacing it would destroy it.
//!
//! A temporary file is removed when the run fails or is interrupted by
//! SIGINT or SIGTERM ([`abandon`]); one left by a run killed outright
//! (`kill -9`) is removed by the next run writing the same FILE, once the
//! process whose id it carries is gone.

use std::ffi::{OsStr, OsString};
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tempfile::NamedTempFile;

/// Where the output's bytes go.
pub enum Destination {
    /// Standard output.
    Stdout(BufWriter<io::Stdout>),
    /// A device, FIFO or other special file, written through.
    Stream(BufWriter<fs::File>),
    /// A temporary file renamed to its target by [`Destination::finish`].
    File {
        /// The temporary file, in the target's folder.
        temp: BufWriter<WriteBack>,
        /// The final name (a symbolic link's target, resolved).
        target: PathBuf,
    },
}

/// Bytes gathered before a write to the destination. Each `write` call
/// costs the system a fixed amount beside its bytes; 1 MiB writes instead
/// of 64 KiB ones took 1–6% off the wall time of two-thread runs (four
/// interleaved series), where the writer shares the cores with the
/// workers, while 4 MiB ones were slower again. Records still go out
/// within a tenth of a second: the writer flushes on time, not on size.
const BUFFER: usize = 1 << 20;

/// The temporary file of the running output, for [`abandon`].
static PENDING: Mutex<Option<PathBuf>> = Mutex::new(None);

impl Destination {
    /// Standard output, buffered.
    pub fn stdout() -> Destination {
        Destination::Stdout(BufWriter::with_capacity(BUFFER, io::stdout()))
    }

    /// The sink for `-o target` (see the module documentation).
    pub fn file(target: &Path) -> io::Result<Destination> {
        if target == Path::new("-") || names_stdout(target) {
            return Ok(Destination::stdout());
        }
        let target = final_target(target)?;
        let special = fs::metadata(&target)
            .is_ok_and(|meta| !meta.is_file() && !meta.is_dir());
        if special || names_a_descriptor(&target) {
            // Appending leaves a file behind a descriptor as it was.
            let file = fs::OpenOptions::new().append(true).open(&target)?;
            return Ok(Destination::Stream(BufWriter::with_capacity(
                BUFFER, file,
            )));
        }
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let name = target.file_name().unwrap_or(OsStr::new("out"));
        remove_stale(dir, name);
        let mut builder = tempfile::Builder::new();
        let prefix = temp_prefix(name, Some(std::process::id()));
        builder.prefix(&prefix).suffix(".tmp");
        // A temporary file is private (0600) by default; the result is an
        // ordinary output file, so let the umask decide as for any other.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        // Created and registered under the lock: a signal arriving in
        // between waits for the registration, then removes the file.
        let mut pending = pending();
        let temp = builder.tempfile_in(dir)?;
        *pending = Some(temp.path().to_path_buf());
        drop(pending);
        Ok(Destination::File {
            temp: BufWriter::with_capacity(BUFFER, WriteBack::new(temp)),
            target,
        })
    }

    /// Writes bytes.
    pub fn write(&mut self, lines: &[u8]) -> io::Result<()> {
        match self {
            Destination::Stdout(w) => w.write_all(lines),
            Destination::Stream(w) => w.write_all(lines),
            Destination::File { temp, .. } => temp.write_all(lines),
        }
    }

    /// Flushes what was written so far (lets `| head` see records early).
    pub fn flush(&mut self) -> io::Result<()> {
        match self {
            Destination::Stdout(w) => w.flush(),
            Destination::Stream(w) => w.flush(),
            Destination::File { temp, .. } => temp.flush(),
        }
    }

    /// Flushes, and for a file syncs and renames it over its target.
    pub fn finish(self) -> io::Result<()> {
        match self {
            Destination::Stdout(mut w) => w.flush(),
            Destination::Stream(mut w) => w.flush(),
            Destination::File { temp, target } => {
                let temp = temp.into_inner().map_err(|e| e.into_error())?.file;
                temp.as_file().sync_all()?;
                // Renamed under the lock, so an interrupt either removes
                // the temporary file or finds the output complete.
                let mut pending = pending();
                temp.persist(&target).map_err(|e| e.error)?;
                *pending = None;
                Ok(())
            }
        }
    }
}

/// The destination as a writer, for the encoders of every format.
impl Write for Destination {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        Destination::write(self, buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Destination::flush(self)
    }
}

/// Bytes written to the temporary file between two requests to start
/// writing them back to disk.
const WRITE_BACK: u64 = 4 << 20;

/// The temporary file, which asks the system to start writing its pages to
/// disk every [`WRITE_BACK`] bytes. The sync before the rename then waits
/// for the last few MiB alone, not for every record at once: 70 MB of
/// records took 39 ms to sync at the end of a run that had written them
/// without this.
pub struct WriteBack {
    file: NamedTempFile,
    /// Bytes written so far.
    written: u64,
    /// Bytes whose write-back has been asked for.
    started: u64,
}

impl WriteBack {
    fn new(file: NamedTempFile) -> WriteBack {
        WriteBack {
            file,
            written: 0,
            started: 0,
        }
    }
}

impl Write for WriteBack {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.written += n as u64;
        if self.written - self.started >= WRITE_BACK {
            start_write_back(self.file.as_file(), self.started, self.written);
            self.started = self.written;
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// Asks the system to start writing bytes `from..to` of `file` to disk,
/// without waiting for them. Only a head start: a failure here shows
/// again, and is reported, when the file is synced.
#[cfg(target_os = "linux")]
fn start_write_back(file: &fs::File, from: u64, to: u64) {
    use std::os::unix::io::AsRawFd;
    let (Ok(offset), Ok(len)) = (i64::try_from(from), i64::try_from(to - from))
    else {
        return;
    };
    // SAFETY: the descriptor is open for as long as `file` is borrowed,
    // and the call reads no memory of ours.
    unsafe {
        libc::sync_file_range(
            file.as_raw_fd(),
            offset,
            len,
            libc::SYNC_FILE_RANGE_WRITE,
        );
    }
}

#[cfg(not(target_os = "linux"))]
fn start_write_back(_: &fs::File, _: u64, _: u64) {}

/// Removes the temporary file of the running output, if any, and keeps any
/// other from being renamed into place: called on SIGINT and SIGTERM just
/// before the process exits. Returns with the lock held for good.
pub fn abandon() {
    let mut pending = pending();
    if let Some(path) = pending.take() {
        let _ = fs::remove_file(path);
    }
    // The guard is leaked so that no rename can follow.
    std::mem::forget(pending);
}

fn pending() -> std::sync::MutexGuard<'static, Option<PathBuf>> {
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

/// True for the names of standard output.
fn names_stdout(path: &Path) -> bool {
    ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"]
        .iter()
        .any(|p| path == Path::new(p))
}

/// True for `/dev/stderr` and other names of an open descriptor: a rename
/// over such a name would replace the file behind the descriptor.
fn names_a_descriptor(path: &Path) -> bool {
    path == Path::new("/dev/stderr")
        || ["/dev/fd", "/proc/self/fd"]
            .iter()
            .any(|p| path.starts_with(p))
}

/// `path` with its symbolic links followed to the last one's target (which
/// may not exist yet); a loop is an error.
fn final_target(path: &Path) -> io::Result<PathBuf> {
    let mut path = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&path)?;
                path = match path.parent() {
                    Some(dir) if link.is_relative() => dir.join(link),
                    _ => link,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// `.newsx-NAME.PID.` (or `.newsx-NAME.` without a PID, to match any): the
/// start of the temporary files for the output NAME. Long names are cut so
/// that the temporary name stays within file name limits.
fn temp_prefix(name: &OsStr, pid: Option<u32>) -> OsString {
    let mut prefix = OsString::from(".newsx-");
    prefix.push(cut(name, 120));
    prefix.push(".");
    if let Some(pid) = pid {
        prefix.push(format!("{pid}."));
    }
    prefix
}

/// The first `max` bytes of a name (on Unix; elsewhere the name).
fn cut(name: &OsStr, max: usize) -> OsString {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let b = name.as_bytes();
        OsStr::from_bytes(&b[..b.len().min(max)]).to_os_string()
    }
    #[cfg(not(unix))]
    {
        let _ = max;
        name.to_os_string()
    }
}

/// Removes temporary files for the output `name` in `dir` left by runs
/// that were killed outright: those whose process is gone.
fn remove_stale(dir: &Path, name: &OsStr) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let prefix = temp_prefix(name, None);
    for entry in entries.flatten() {
        let file = entry.file_name();
        if let Some(pid) = stale_pid(&file, &prefix) {
            if !alive(pid) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

/// The process id in a temporary file name `PREFIX PID.XXXXXX.tmp`.
fn stale_pid(file: &OsStr, prefix: &OsStr) -> Option<u32> {
    let file = file.to_str()?;
    let rest = file.strip_prefix(prefix.to_str()?)?;
    let rest = rest.strip_suffix(".tmp")?;
    let (pid, random) = rest.split_once('.')?;
    (!random.contains('.')).then_some(())?;
    pid.parse().ok()
}

/// True unless the process `pid` is known to be gone. Without `/proc` the
/// answer is always yes, so a running process's file is never removed.
fn alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    !Path::new("/proc/self").exists()
        || Path::new(&format!("/proc/{pid}")).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_carry_the_output_name_and_the_pid() {
        let prefix = temp_prefix(OsStr::new("r.jsonl"), Some(42));
        assert_eq!(prefix, ".newsx-r.jsonl.42.");
        let any = temp_prefix(OsStr::new("r.jsonl"), None);
        let pid = |f: &str| stale_pid(OsStr::new(f), &any);
        assert_eq!(pid(".newsx-r.jsonl.42.aB3xYz.tmp"), Some(42));
        assert_eq!(pid(".newsx-r.jsonl.x.aB3xYz.tmp"), None);
        assert_eq!(pid(".newsx-other.jsonl.42.aB3xYz.tmp"), None);
        assert_eq!(pid(".newsx-r.jsonl.42.aB3xYz"), None);
    }

    #[test]
    fn descriptors_are_written_through() {
        assert!(names_stdout(Path::new("/dev/stdout")));
        assert!(names_stdout(Path::new("/proc/self/fd/1")));
        assert!(!names_stdout(Path::new("/dev/stderr")));
        assert!(names_a_descriptor(Path::new("/dev/stderr")));
        assert!(names_a_descriptor(Path::new("/dev/fd/3")));
        assert!(!names_a_descriptor(Path::new("/dev/null")));
        assert!(!names_a_descriptor(Path::new("out.jsonl")));
    }

    /// Output larger than a few write-back steps, in pieces that straddle
    /// them, arrives whole and in order.
    #[test]
    fn written_back_output_is_whole() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.jsonl");
        let mut dest = Destination::file(&target).unwrap();
        let mut expected = Vec::new();
        let mut n = 0u64;
        while (expected.len() as u64) < 3 * WRITE_BACK + 12_345 {
            let line = format!(
                "{{\"n\":{n},\"pad\":\"{}\"}}\n",
                "x".repeat((n % 997) as usize)
            );
            dest.write(line.as_bytes()).unwrap();
            expected.extend_from_slice(line.as_bytes());
            n += 1;
        }
        dest.finish().unwrap();
        assert_eq!(fs::read(&target).unwrap(), expected);
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["out.jsonl"], "no temporary file is left");
    }
}
