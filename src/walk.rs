//! Before `read`: turn the PATH arguments into an ordered stream of sources.
//!
//! The order is part of the output contract (records come out in it, for any
//! thread count): arguments in the order given; inside a directory, files in
//! byte order of their whole path (`a/b-c.txt`, `a/b.txt`, `a/b/c.txt`,
//! `a/b0.txt`). The walk is lazy ([`Walk`] is an iterator): it lists one
//! directory at a time and sorts its entries as if every directory name
//! ended in "/", which gives that order without holding more than the
//! directories on the current path, so the first document can be read
//! while the rest of the tree is still unwalked, and memory does not grow
//! with the number of files.
//!
//! A file reached twice (named twice, through a symbolic link, a hard link,
//! or a directory reached again) is taken once, the first time, told by
//! its device and inode. Keeping every file's identity would grow with the
//! file count, so only files that can be met again are remembered ([`Seen`]):
//! a directory met again is walked for its errors but yields no file (every
//! file below it was met the first time); a file reached through a link or
//! named as an argument, or with more than one hard link, is remembered; a
//! link to a file whose own directory was already walked past it is
//! dropped here. The identity of a plain file comes from the `fstat` the
//! reader makes anyway, so walking costs no system call per file.
//!
//! Problems met on the way (a missing argument, a dangling link, a symlink
//! loop, an unreadable directory) become [`Item::Error`]s in their place, so
//! they turn into error records instead of stopping the run.

use std::collections::{HashMap, HashSet, VecDeque};
use std::ffi::{OsStr, OsString};
use std::fs;
use std::path::{Path, PathBuf};

use crate::read::{path_text, DocError, ErrorKind, Identity, Source};

/// One entry of the walk: a source to read, or a failure to report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// A document to read.
    Source(Source),
    /// A path that cannot be read, with why.
    Error(DocError),
}

/// An item of the walk, with how it was reached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// The source or the error.
    pub item: Item,
    /// Reached through a symbolic link or named as an argument: the same
    /// file may be met again by another way, so [`Seen`] remembers it.
    pub linked: bool,
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
pub fn walk(paths: &[String], options: &WalkOptions) -> Walk {
    Walk {
        args: paths.iter().cloned().collect(),
        options: options.clone(),
        stack: Vec::new(),
        dirs: HashMap::new(),
        stdin_taken: false,
    }
}

/// The lazy walk: see the module documentation.
pub struct Walk {
    args: VecDeque<String>,
    options: WalkOptions,
    /// The directories being listed, root first.
    stack: Vec<Frame>,
    /// Every directory walked so far, by identity: where its walk is.
    dirs: HashMap<DirId, DirWalk>,
    stdin_taken: bool,
}

/// A directory's device and inode.
type DirId = (u64, u64);

/// How far the first walk of a directory went.
#[derive(Clone, Copy, Debug)]
enum DirWalk {
    /// Still listing: the frame's depth on the stack.
    Open(usize),
    /// Every entry was taken.
    Done,
}

/// One directory being listed.
struct Frame {
    path: PathBuf,
    id: DirId,
    listing: Listing,
    next: usize,
    /// A directory met before: only its errors are new.
    again: bool,
}

/// What the walk does with a directory entry.
enum Kind {
    File { linked: bool },
    Dir(DirId),
    Error(DocError),
}

/// A directory's entries the walk takes, sorted, stored compactly: the
/// names in one buffer and 16 bytes an entry, so that a folder of a
/// million files costs tens of MiB, not hundreds.
#[derive(Default)]
struct Listing {
    names: Vec<u8>,
    entries: Vec<Entry>,
    dirs: Vec<DirId>,
    errors: Vec<Option<DocError>>,
}

#[derive(Clone, Copy)]
struct Entry {
    start: u32,
    len: u32,
    kind: Slot,
}

/// An entry's [`Kind`], with directories and errors kept aside.
#[derive(Clone, Copy)]
enum Slot {
    File { linked: bool },
    Dir(u32),
    Error(u32),
}

impl Listing {
    fn push(&mut self, name: &OsStr, kind: Kind) {
        let start = self.names.len() as u32;
        self.names.extend_from_slice(bytes(name));
        let kind = match kind {
            Kind::File { linked } => Slot::File { linked },
            Kind::Dir(id) => {
                self.dirs.push(id);
                Slot::Dir(self.dirs.len() as u32 - 1)
            }
            Kind::Error(err) => {
                self.errors.push(Some(err));
                Slot::Error(self.errors.len() as u32 - 1)
            }
        };
        let len = self.names.len() as u32 - start;
        self.entries.push(Entry { start, len, kind });
    }

    fn name(&self, e: &Entry) -> &[u8] {
        &self.names[e.start as usize..(e.start + e.len) as usize]
    }

    /// Whole-path byte order within a directory: a directory's name sorts
    /// as if it ended in "/".
    fn sort(&mut self) {
        let names = std::mem::take(&mut self.names);
        let name =
            |e: &Entry| &names[e.start as usize..(e.start + e.len) as usize];
        let suffix = |e: &Entry| match e.kind {
            Slot::Dir(_) => &b"/"[..],
            _ => &b""[..],
        };
        self.entries.sort_unstable_by(|a, b| {
            let (x, y) = (name(a), name(b));
            let n = x.len().min(y.len());
            x[..n].cmp(&y[..n]).then_with(|| {
                let (x, y) = (x[n..].iter().chain(suffix(a)), y[n..].iter());
                x.cmp(y.chain(suffix(b)))
            })
        });
        self.names = names;
    }

    /// Takes the kind of entry `i` (an error is taken out).
    fn take(&mut self, i: usize) -> Option<(OsString, Kind)> {
        let e = *self.entries.get(i)?;
        let name = os_string(self.name(&e));
        let kind = match e.kind {
            Slot::File { linked } => Kind::File { linked },
            Slot::Dir(d) => Kind::Dir(self.dirs[d as usize]),
            Slot::Error(k) => Kind::Error(self.errors[k as usize].take()?),
        };
        Some((name, kind))
    }

    /// True when a file named `name` is among the first `n` entries.
    fn has_file(&self, name: &[u8], n: usize) -> bool {
        self.entries[..n].iter().any(|e| {
            matches!(e.kind, Slot::File { .. }) && self.name(e) == name
        })
    }
}

impl Iterator for Walk {
    type Item = Found;

    fn next(&mut self) -> Option<Found> {
        loop {
            if self.stack.is_empty() {
                let arg = self.args.pop_front()?;
                if let Some(found) = self.argument(&arg) {
                    return Some(found);
                }
                continue;
            }
            if let Some(found) = self.step() {
                return Some(found);
            }
        }
    }
}

impl Walk {
    /// Starts on an argument: a file or error is returned, a directory is
    /// pushed.
    fn argument(&mut self, arg: &str) -> Option<Found> {
        if arg == "-" {
            if std::mem::replace(&mut self.stdin_taken, true) {
                return None;
            }
            return Some(source(Source::Stdin, true));
        }
        let path = Path::new(arg);
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                self.enter(path.to_path_buf(), dir_id(&meta));
                None
            }
            Ok(meta) => {
                if self.walked_past(path, Identity::of(&meta)) {
                    return None;
                }
                Some(source(Source::File(path.to_path_buf()), true))
            }
            Err(e) => Some(error(missing(path, &e))),
        }
    }

    /// Takes the next entry of the innermost directory.
    fn step(&mut self) -> Option<Found> {
        let frame = self.stack.last_mut()?;
        let Some((name, kind)) = frame.listing.take(frame.next) else {
            let frame = self.stack.pop()?;
            if !frame.again {
                self.dirs.insert(frame.id, DirWalk::Done);
            }
            return None;
        };
        frame.next += 1;
        let again = frame.again;
        if again && matches!(kind, Kind::File { .. }) {
            return None;
        }
        let path = frame.path.join(name);
        match kind {
            Kind::File { linked } => {
                if linked && self.link_to_walked(&path) {
                    return None;
                }
                Some(source(Source::File(path), linked))
            }
            Kind::Dir(id) => {
                self.enter(path, id);
                None
            }
            Kind::Error(err) => Some(error(err)),
        }
    }

    /// Pushes a directory and lists it (on the stack, so that a link back
    /// to it is a loop).
    fn enter(&mut self, path: PathBuf, id: DirId) {
        let again = self.dirs.contains_key(&id) || self.forced_again();
        if !again {
            self.dirs.insert(id, DirWalk::Open(self.stack.len()));
        }
        self.stack.push(Frame {
            path,
            id,
            listing: Listing::default(),
            next: 0,
            again,
        });
        let frame = self.stack.len() - 1;
        self.stack[frame].listing = self.list(&self.stack[frame].path);
    }

    /// Below a directory met again, everything is met again.
    fn forced_again(&self) -> bool {
        self.stack.last().is_some_and(|f| f.again)
    }

    /// The entries of `dir` the walk takes, sorted; unreadable: its error.
    fn list(&self, dir: &Path) -> Listing {
        let mut listing = Listing::default();
        let Ok(read) = fs::read_dir(dir) else {
            // The error was reported where the directory was met when its
            // name is one the walk takes (see `classify`); else it is
            // silently empty, as a directory of other files would be.
            return listing;
        };
        for entry in read.flatten() {
            let name = entry.file_name();
            if let Some(kind) = self.classify(dir, &name, &entry) {
                listing.push(&name, kind);
            }
        }
        listing.sort();
        listing
    }

    /// What the walk does with one directory entry; `None` to skip it.
    fn classify(
        &self,
        dir: &Path,
        name: &OsStr,
        e: &fs::DirEntry,
    ) -> Option<Kind> {
        let hidden = is_hidden(name);
        let file_type = e.file_type().ok()?;
        if file_type.is_file() {
            // Most entries: no path is built.
            let taken = !hidden && wanted(Path::new(name), &self.options);
            return taken.then_some(Kind::File { linked: false });
        }
        let path = dir.join(name);
        let kind = if file_type.is_symlink() {
            // Errors of a link are reported even for hidden names.
            match fs::metadata(&path) {
                Err(err) if wanted(&path, &self.options) => {
                    Kind::Error(missing(&path, &err))
                }
                Err(_) => return None,
                Ok(meta) if meta.is_dir() => {
                    let id = dir_id(&meta);
                    if let Some(ancestor) = self.ancestor(id) {
                        Kind::Error(symlink_loop(&path, ancestor))
                    } else if hidden {
                        return None;
                    } else {
                        Kind::Dir(id)
                    }
                }
                Ok(meta) if meta.is_file() => {
                    (!hidden && wanted(&path, &self.options)).then_some(())?;
                    Kind::File { linked: true }
                }
                Ok(_) => return None,
            }
        } else if file_type.is_dir() {
            if hidden {
                return None;
            }
            self.directory(&path)?
        } else {
            return None;
        };
        Some(kind)
    }

    /// A plain directory: its identity, or, when it cannot be read and its
    /// name is one the walk takes, its error, which sorts under its name.
    fn directory(&self, path: &Path) -> Option<Kind> {
        let meta = match fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if wanted(path, &self.options) => {
                return Some(Kind::Error(missing(path, &e)));
            }
            Err(_) => return None,
        };
        if wanted(path, &self.options) {
            if let Err(e) = fs::read_dir(path) {
                return Some(Kind::Error(missing(path, &e)));
            }
        }
        Some(Kind::Dir(dir_id(&meta)))
    }

    /// The directory on the current path with identity `id`, if any.
    fn ancestor(&self, id: DirId) -> Option<&Path> {
        self.stack
            .iter()
            .find(|f| f.id == id)
            .map(|f| f.path.as_path())
    }

    /// True when `link`, a link to a file, leads to a file already taken
    /// by the walk of its own directory.
    fn link_to_walked(&self, link: &Path) -> bool {
        match fs::metadata(link) {
            Ok(meta) => self.walked_past(link, Identity::of(&meta)),
            Err(_) => false,
        }
    }

    /// True when the file `path` leads to (identity `id`) was taken by the
    /// walk of the directory it is in: that directory was walked (or is
    /// being walked) past its name, and the walk takes that name.
    fn walked_past(&self, path: &Path, id: Identity) -> bool {
        if id.links > 1 {
            return false; // remembered by `Seen` instead
        }
        let Ok(real) = fs::canonicalize(path) else {
            return false;
        };
        let (Some(dir), Some(name)) = (real.parent(), real.file_name()) else {
            return false;
        };
        if is_hidden(name) || !wanted(&real, &self.options) {
            return false;
        }
        let Ok(meta) = fs::metadata(dir) else {
            return false;
        };
        match self.dirs.get(&dir_id(&meta)) {
            Some(DirWalk::Done) => true,
            Some(DirWalk::Open(depth)) => {
                let frame = &self.stack[*depth];
                frame.listing.has_file(bytes(name), frame.next)
            }
            None => false,
        }
    }
}

/// The files already taken, by identity: see the module documentation.
#[derive(Debug, Default)]
pub struct Seen {
    files: HashSet<(u64, u64)>,
}

impl Seen {
    /// True the first time the file `id` is met; `linked` as in [`Found`].
    /// Called in walk order, with the identity the reader found.
    pub fn first_visit(&mut self, id: Identity, linked: bool) -> bool {
        let key = (id.device, id.inode);
        if self.files.contains(&key) {
            return false;
        }
        if linked || id.links > 1 {
            self.files.insert(key);
        }
        true
    }
}

fn source(source: Source, linked: bool) -> Found {
    Found {
        item: Item::Source(source),
        linked,
    }
}

fn error(err: DocError) -> Found {
    Found {
        item: Item::Error(err),
        linked: false,
    }
}

#[cfg(unix)]
fn dir_id(meta: &fs::Metadata) -> DirId {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn dir_id(_meta: &fs::Metadata) -> DirId {
    (0, 0)
}

#[cfg(unix)]
fn bytes(name: &OsStr) -> &[u8] {
    use std::os::unix::ffi::OsStrExt;
    name.as_bytes()
}

#[cfg(not(unix))]
fn bytes(name: &OsStr) -> &[u8] {
    name.as_encoded_bytes()
}

#[cfg(unix)]
fn os_string(bytes: &[u8]) -> OsString {
    use std::os::unix::ffi::OsStrExt;
    OsStr::from_bytes(bytes).to_os_string()
}

#[cfg(not(unix))]
fn os_string(bytes: &[u8]) -> OsString {
    String::from_utf8_lossy(bytes).into_owned().into()
}

fn symlink_loop(path: &Path, ancestor: &Path) -> DocError {
    let message = format!("symbolic link loop back to {}", path_text(ancestor));
    DocError::new(path_text(path), ErrorKind::Walk, message)
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    /// What a run keeps of a walk: paths taken (the reader's identity
    /// deciding duplicates, as in the driver) and errors.
    fn taken(paths: &[&str], root: &Path) -> Vec<String> {
        let args: Vec<String> = paths
            .iter()
            .map(|p| match *p {
                "-" => "-".to_string(),
                p => root.join(p).to_string_lossy().into_owned(),
            })
            .collect();
        let mut seen = Seen::default();
        let mut out = Vec::new();
        for found in walk(&args, &WalkOptions::default()) {
            match found.item {
                Item::Source(Source::File(p)) => {
                    let id = Identity::of(&fs::metadata(&p).unwrap());
                    if seen.first_visit(id, found.linked) {
                        out.push(shown(&p, root));
                    }
                }
                Item::Source(Source::Stdin) => out.push("-".into()),
                Item::Error(e) => out.push(format!("error {}", e.path)),
            }
        }
        out
    }

    fn shown(p: &Path, root: &Path) -> String {
        p.strip_prefix(root).unwrap().to_string_lossy().into_owned()
    }

    /// The walk as it was before it became lazy: walkdir, every path
    /// collected and sorted, duplicates by identity.
    fn reference(paths: &[&str], root: &Path) -> Vec<String> {
        let options = WalkOptions::default();
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for arg in paths {
            let path = root.join(arg);
            let mut found: Vec<(PathBuf, bool)> = Vec::new();
            if !fs::metadata(&path).unwrap().is_dir() {
                found.push((path, true));
            }
            let walker = walkdir::WalkDir::new(root.join(arg))
                .follow_links(true)
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_file() => {
                        if wanted(e.path(), &options) {
                            found.push((e.path().to_path_buf(), true));
                        }
                    }
                    Ok(_) => {}
                    Err(err) => {
                        let path = err.path().unwrap().to_path_buf();
                        if err.loop_ancestor().is_some()
                            || wanted(&path, &options)
                        {
                            found.push((path, false));
                        }
                    }
                }
            }
            found.sort_by(|a, b| a.0.as_os_str().cmp(b.0.as_os_str()));
            found.dedup();
            for (p, file) in found {
                if !file {
                    out.push(format!("error {}", path_text(&p)));
                } else if seen.insert(dir_id(&fs::metadata(&p).unwrap())) {
                    out.push(shown(&p, root));
                }
            }
        }
        out
    }

    fn write(root: &Path, name: &str) {
        let path = root.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, name).unwrap();
    }

    #[test]
    fn whole_path_byte_order_as_if_directories_ended_in_a_slash() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for name in ["a/b0.txt", "a/b/c.txt", "a/b.txt", "a/b-c.txt"] {
            write(d, name);
        }
        assert_eq!(
            taken(&["a"], d),
            ["a/b-c.txt", "a/b.txt", "a/b/c.txt", "a/b0.txt"]
        );
        // Names that are prefixes of one another, a folder named like a
        // file, names that are not UTF-8.
        for name in ["e/d.txt/e.txt", "e/d.txt.txt", "e/d.txt0.txt", "e/d-.txt"]
        {
            write(d, name);
        }
        write(d, "e/dd/x.txt");
        write(d, "e/d/x.txt");
        use std::os::unix::ffi::OsStrExt;
        let odd = OsStr::from_bytes(b"e/caf\xe9.txt");
        fs::write(d.join(odd), "x").unwrap();
        let got = taken(&["e"], d);
        assert_eq!(got, reference(&["e"], d));
        let want = ["e/d-.txt", "e/d.txt.txt", "e/d.txt/e.txt", "e/d.txt0.txt"];
        assert_eq!(got[1..5], want, "{got:?}");
    }

    #[test]
    fn links_loops_and_duplicates_as_the_collected_walk_had_them() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for name in [
            "a/b-c.txt",
            "a/b.txt",
            "a/b/c.txt",
            "a/b0.txt",
            "a/.h.txt",
            "a/x.md",
            "a/b/deep/e.htm",
            ".hidden/y.txt",
            "z.txt",
            "m/n.txt",
        ] {
            write(d, name);
        }
        // A directory reached again through a link, before and after.
        symlink(d.join("a"), d.join("l")).unwrap();
        symlink(d.join("m"), d.join("0m")).unwrap();
        // Links to files walked later, and earlier.
        symlink(d.join("z.txt"), d.join("a/k.txt")).unwrap();
        symlink(d.join("a/b.txt"), d.join("zz.txt")).unwrap();
        symlink(d.join("a/.h.txt"), d.join("zh.txt")).unwrap();
        // Dangling links (one hidden) and a loop.
        symlink(d.join("nowhere"), d.join("a/dead.txt")).unwrap();
        symlink(d.join("nowhere"), d.join("a/.dead.txt")).unwrap();
        symlink(d.join("nowhere"), d.join("a/dead.md")).unwrap();
        symlink(d.join("a"), d.join("a/b/up")).unwrap();
        // A hard link.
        fs::hard_link(d.join("a/b0.txt"), d.join("hl.txt")).unwrap();
        let args = ["a", ".", "a/b.txt", "z.txt", "m"];
        let got = taken(&args, d);
        assert_eq!(got, reference(&args, d));
        assert!(got.contains(&"a/k.txt".to_string()), "{got:?}");
        assert!(!got.contains(&"z.txt".to_string()), "{got:?}");
        assert!(!got.contains(&"hl.txt".to_string()), "{got:?}");
        assert!(got.contains(&"zh.txt".to_string()), "{got:?}");
        let errors = got.iter().filter(|p| p.starts_with("error")).count();
        // The dangling links and the loop, once per walk of `a`: from
        // "a", from "." (as "./a"), and through the link "l".
        assert_eq!(errors, 9, "{got:?}");
    }

    #[test]
    fn stdin_is_taken_once() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(taken(&["-", "-"], dir.path()), ["-"]);
    }
}
