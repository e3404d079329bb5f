//! Stage 4, `gazetteer`: names of people, organisations and places.
//!
//! INTERFACE SKELETON — the real loader and matcher replace the bodies; the
//! types and signatures below are the contract the pipeline relies on.

use std::fmt;
use std::sync::Arc;

use crate::span::Span;
use crate::tokenize::Tokens;

/// The type of a named entity; serialised as the lower-case word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    /// A person.
    Person,
    /// A company, body, agency or other organisation.
    Organization,
    /// A country, city or other place.
    Location,
}

impl EntityKind {
    /// The wire name of the type.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Location => "location",
        }
    }
}

/// One mention of a named entity in the cleaned text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Where the mention is.
    pub span: Span,
    /// Its type.
    pub kind: EntityKind,
    /// The canonical name.
    pub name: Arc<str>,
    /// Wikidata QID or namespaced id; `None` for a name found by a cue.
    pub id: Option<Arc<str>>,
}

/// One gazetteer file: its file name (the key `-g DIR` replaces by) and text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GazetteerFile {
    /// File name, e.g. `countries.tsv`, or a path for files read from disk.
    pub name: String,
    /// The TSV text.
    pub text: String,
}

/// Matching switches that come from the command line.
#[derive(Clone, Copy, Debug, Default)]
pub struct MatchOptions {
    /// Emit demonyms ("Russian") on their own as locations.
    pub demonyms: bool,
}

/// A gazetteer file that does not load, reported as `path:line: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GazetteerError {
    /// The file.
    pub path: String,
    /// 1-based line number, 0 for the file as a whole.
    pub line: usize,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for GazetteerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path, self.line, self.message)
    }
}

impl std::error::Error for GazetteerError {}

/// The gazetteer files built into the binary.
pub fn builtin_files() -> Vec<GazetteerFile> {
    Vec::new()
}

/// Loaded names and the automaton over them; build once and share.
#[derive(Debug)]
pub struct Gazetteer {
    _options: MatchOptions,
}

impl Gazetteer {
    /// Loads the files in order and builds the matcher.
    pub fn from_files(
        _files: &[GazetteerFile],
        options: MatchOptions,
    ) -> Result<Gazetteer, GazetteerError> {
        Ok(Gazetteer { _options: options })
    }

    /// Every mention in `text`, in text order, non-overlapping.
    pub fn find(&self, _text: &str, _tokens: &Tokens) -> Vec<Mention> {
        Vec::new()
    }
}
