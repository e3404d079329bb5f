//! Stage 4, `gazetteer`: names of people, organisations and places.
//!
//! ```text
//! files ─load─▶ entries + forms ─build─▶ one automaton        (once)
//! text + tokens ─scan─▶ candidates ─resolve─▶ hits ─cues─▶ ─surnames─▶ mentions
//! ```
//!
//! - [`load`]: TSV files → entries and their surface forms, with the case
//!   policy of each form (`exact`, `evidence`, `ambiguous`).
//! - [`matcher`]: one leftmost-longest, ASCII-case-insensitive aho-corasick
//!   automaton over every form; matches are kept on word boundaries and when
//!   their case suits the form.
//! - [`resolve`]: evidence for common-word forms ("Turkey", "Chad") and a
//!   choice for ambiguous ones, from the sentence and the whole document.
//! - [`cues`]: people and organisations that no file lists, found by a role,
//!   a title, a company suffix or an institution word.
//! - [`names`]: bare surnames after a full name.
//!
//! Invariants of [`Gazetteer::find`]: mentions are sorted by start, never
//! overlap, lie on word boundaries (a possessive "’s" stays outside), and
//! every span slices the text exactly. The automaton and every word list are
//! built once; a document costs one scan plus work proportional to its
//! capitalised words.

mod cues;
mod fold;
mod load;
mod matcher;
mod names;
mod resolve;
mod text;
mod words;

use std::fmt;
use std::sync::Arc;

use crate::span::Span;
use crate::tokenize::Tokens;
use load::{Entry, EntryKind};
use matcher::Matcher;
use text::Doc;

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

include!(concat!(env!("OUT_DIR"), "/builtin_gazetteers.rs"));

/// The gazetteer files built into the binary: every top-level
/// `gazetteers/*.tsv` of the source tree, in byte order of file name.
pub fn builtin_files() -> Vec<GazetteerFile> {
    BUILTIN
        .iter()
        .map(|(name, text)| GazetteerFile {
            name: name.to_string(),
            text: text.to_string(),
        })
        .collect()
}

/// Loaded names and the automaton over them; build once and share.
#[derive(Debug)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    matcher: Matcher,
    options: MatchOptions,
}

/// What a hit refers to: a gazetteer entry, or a name found by a cue.
#[derive(Clone, Debug)]
pub(crate) enum Target {
    Entry(u32),
    Unknown(Arc<str>),
}

/// A mention while the passes still work on it.
#[derive(Clone, Debug)]
pub(crate) struct Hit {
    pub span: Span,
    /// First and last token covered.
    pub first: usize,
    pub last: usize,
    pub kind: EntryKind,
    pub target: Target,
    /// Accepted only on evidence; a surname may take its place.
    pub weak: bool,
}

impl Gazetteer {
    /// Loads the files in order and builds the matcher. A later file with
    /// the same name as an earlier one replaces it; an id defined in two
    /// files is an error.
    pub fn from_files(
        files: &[GazetteerFile],
        options: MatchOptions,
    ) -> Result<Gazetteer, GazetteerError> {
        let table = load::load(files)?;
        let matcher = Matcher::build(&table)?;
        Ok(Gazetteer {
            entries: table.entries,
            matcher,
            options,
        })
    }

    /// Number of loaded entries (people, organisations, places, demonyms).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when no entry is loaded.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every mention in `text`, in text order, non-overlapping.
    pub fn find(&self, text: &str, tokens: &Tokens) -> Vec<Mention> {
        let doc = Doc::new(text, tokens);
        let mut cands = Vec::new();
        self.matcher.candidates(&doc, &mut cands);
        let mut hits = Vec::with_capacity(cands.len());
        resolve::resolve(&self.matcher, &self.entries, &doc, &cands, &mut hits);
        cues::find(&doc, &mut hits);
        names::link(&doc, &self.entries, &mut hits);
        hits.into_iter().filter_map(|h| self.mention(h)).collect()
    }

    /// The public form of a hit; a demonym becomes its country only when
    /// demonyms are asked for.
    fn mention(&self, hit: Hit) -> Option<Mention> {
        let (kind, name, id) = match hit.target {
            Target::Unknown(name) => (hit.kind, name, None),
            Target::Entry(e) => {
                let mut entry = &self.entries[e as usize];
                if entry.kind == EntryKind::Demonym {
                    if !self.options.demonyms {
                        return None;
                    }
                    entry = &self.entries[entry.country? as usize];
                }
                (entry.kind, entry.name.clone(), Some(entry.id.clone()))
            }
        };
        let kind = match kind {
            EntryKind::Person => EntityKind::Person,
            EntryKind::Organization => EntityKind::Organization,
            EntryKind::Location | EntryKind::Demonym => EntityKind::Location,
        };
        Some(Mention {
            span: hit.span,
            kind,
            name,
            id,
        })
    }
}
