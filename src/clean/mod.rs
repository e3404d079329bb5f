//! Stage 2, `clean`: decoded text in, article text out.
//!
//! Scraped articles arrive with the page's furniture mixed in: navigation,
//! lead forms, share and newsletter prompts, captions, credits, copyright
//! lines, timestamps, related-article lists, repeated titles and bylines
//! glued to the first sentence. The cleaner works in passes:
//!
//! 1. [`normalize`]: CRLF → LF, BOM and control characters dropped.
//! 2. `wrap`: paragraph reconstruction. Hard-wrapped text (wire copy at
//!    about 65 columns) has the lines of each paragraph joined, and
//!    tab- or space-indented paragraphs are kept apart, so every later pass
//!    judges whole paragraphs, never the fragments of a wrapped sentence.
//! 3. `lines` + `furniture`: each line gets cheap byte-level features, and
//!    a verdict from its own shape (navigation-only, imperative opening,
//!    second-person marketing, credit, timestamp, byline…). Lines that are
//!    neither clearly furniture nor prose are kept for the next passes.
//! 4. `body` (with `lists` and `vocabulary`): the article body is found
//!    first, as the heaviest run of
//!    prose (prose weighs its words; menus, link lists, labels and comment
//!    headers weigh against it), then widened over what belongs to it (a
//!    first question above it, a list of dates or results below it). What
//!    lies around it is judged as a block: before it only the title,
//!    metadata and a standfirst sharing the body's words are kept; after
//!    it, teasers, comment threads and footers go. Inside it, lists of
//!    other articles' headlines go and lists of records stay (`lists`);
//!    whether a line speaks of the article is judged by its words'
//!    overlap with the body's (`vocabulary`).
//! 5. `context`: the title, its repeats, runs of links after a label
//!    ("Read more", "Previous Article"), short non-sentence lines that lead
//!    into furniture or end the page, section names at the head or tail,
//!    sentences addressing the reader with furniture on both sides, and
//!    bylines glued to the first paragraph. A sentence between two kept
//!    paragraphs that reports a figure, and a document of one sentence,
//!    are never removed for one word.
//! 6. `normalize::assemble`: kept lines become paragraphs.
//!
//! Datelines ("CAIRO, Egypt (AP) _", "PARIS, June 3 (Reuters) -") stay in
//! the text, at the start of the first paragraph as written, so that the
//! place and agency in them can be found as entities; [`Cleaned::dateline`]
//! names the lead.
//!
//! Optionally, [`templates`] removes lines that recur across many documents
//! of the same run ([`Cleaner::clean_with`]):
//!
//! ```
//! use newsx::clean::{Cleaner, Reason, TemplateCounter};
//!
//! let docs: Vec<String> = (0..6)
//!     .map(|i| format!("Harbour Gazette\nStory number {i}\nThe council met on day {i}."))
//!     .collect();
//! let mut counter = TemplateCounter::new();
//! for doc in &docs {
//!     counter.add_document(doc);
//! }
//! let templates = counter.finish(5);
//! let cleaned = Cleaner::new().clean_with(&docs[0], Some(&templates));
//! assert_eq!(cleaned.removed[0].reason, Reason::Template);
//! assert_eq!(cleaned.title.as_deref(), Some("Story number 0"));
//! ```
//!
//! Invariants: `text` has no leading or trailing whitespace, paragraphs are
//! separated by exactly `"\n\n"`, and characters are kept as written except
//! for the normalisations above; `removed` lists every removed line or piece
//! in document order, trimmed, repeats included; `title`, when present, is
//! the first paragraph of `text`. Losing a sentence of the article is worse
//! than keeping a blurb, so every rule that could hit prose is guarded
//! (reported speech protects a line; short lines are removed only next to
//! other furniture).

mod body;
mod byline;
mod context;
mod furniture;
mod lexicon;
mod lines;
mod lists;
pub mod normalize;
mod phrases;
pub mod templates;
mod vocabulary;
mod words;
mod wrap;

pub use templates::{
    document_fingerprints, fingerprint, TemplateCounter, Templates,
    DEFAULT_MIN_DOCS,
};

/// Why a piece of the input was removed; serialised as the snake_case string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reason {
    /// `duplicate_title`: a repeat of the title line.
    DuplicateTitle,
    /// `cta`: a call to action — lead forms, newsletter, subscription,
    /// app, cookie and comment prompts ("Download a free sample").
    Cta,
    /// `navigation`: menus, share buttons, labels and widgets ("Previous
    /// Article", "Share on X", "Skip to content", section names).
    Navigation,
    /// `related_links`: headlines of other articles, after a label ("Read
    /// more", "Next Article") or among other furniture.
    RelatedLinks,
    /// `byline`: an author or agency credit ("By GlobalData", "Reporting by
    /// …; Editing by …"), glued or on its own line.
    Byline,
    /// `dateline`: no longer emitted (datelines stay in the text and are
    /// named by [`Cleaned::dateline`]); the name still parses, so records
    /// written by earlier versions can be read.
    Dateline,
    /// `template`: a line recurring across many documents of the run.
    Template,
    /// `caption`: a photo caption or credit ("(AP Photo/…)", "Photo: …").
    Caption,
    /// `legal`: copyright, rights and terms lines.
    Legal,
    /// `source`: a link to or the name of the source page ("Original Source
    /// Link", "Source: …").
    Source,
    /// `advert`: advertising markers ("Advertisement", "Sponsored").
    Advert,
    /// `timestamp`: publication times and reading times ("Updated 3:45 PM
    /// ET", "5 min read").
    Timestamp,
}

impl Reason {
    /// Every reason, in the order of the documentation.
    pub const ALL: [Reason; 12] = [
        Reason::DuplicateTitle,
        Reason::Cta,
        Reason::Navigation,
        Reason::RelatedLinks,
        Reason::Byline,
        Reason::Dateline,
        Reason::Template,
        Reason::Caption,
        Reason::Legal,
        Reason::Source,
        Reason::Advert,
        Reason::Timestamp,
    ];

    /// The wire name of the reason.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::DuplicateTitle => "duplicate_title",
            Reason::Cta => "cta",
            Reason::Navigation => "navigation",
            Reason::RelatedLinks => "related_links",
            Reason::Byline => "byline",
            Reason::Dateline => "dateline",
            Reason::Template => "template",
            Reason::Caption => "caption",
            Reason::Legal => "legal",
            Reason::Source => "source",
            Reason::Advert => "advert",
            Reason::Timestamp => "timestamp",
        }
    }

    /// The reason with wire name `name`.
    pub fn from_name(name: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.as_str() == name)
    }
}

/// One removed line or piece, as written in the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removed {
    /// The removed text, as written.
    pub text: String,
    /// Why it was removed.
    pub reason: Reason,
}

/// The cleaner's output for one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// Kept paragraphs, title first, joined by one blank line.
    pub text: String,
    /// The headline, when the document starts with one; `text` starts with it.
    pub title: Option<String>,
    /// Everything removed, in document order, repeats included.
    pub removed: Vec<Removed>,
    /// The author named by the first byline, without its cue: "GlobalData"
    /// for "By GlobalData". The byline itself is in `removed`.
    pub byline: Option<String>,
    /// The dateline of the article without its dash: "MOSCOW, Nov 3
    /// (Reuters)". It stays in `text`, at the start of the first
    /// paragraph as written ("MOSCOW, Nov 3 (Reuters) - Oil rose…"), since
    /// its place and agency are the article's words; it is not listed in
    /// `removed`.
    pub dateline: Option<String>,
    /// Number of paragraphs in `text`.
    pub paragraphs: usize,
}

/// Removes scraper furniture; build once and share (`Cleaner` is `Sync`).
#[derive(Debug)]
pub struct Cleaner {
    phrases: phrases::Phrases,
}

impl Default for Cleaner {
    fn default() -> Cleaner {
        Cleaner::new()
    }
}

impl Cleaner {
    /// Builds the cleaner with the built-in phrase list
    /// (`gazetteers/boilerplate/phrases.tsv`).
    pub fn new() -> Cleaner {
        lexicon::warm();
        byline::warm();
        Cleaner {
            phrases: phrases::Phrases::builtin(),
        }
    }

    /// A cleaner that relies on its features alone, without the phrase
    /// list; the evaluation uses it to show the list is not what works.
    pub fn without_phrase_list() -> Cleaner {
        lexicon::warm();
        byline::warm();
        Cleaner {
            phrases: phrases::Phrases::empty(),
        }
    }

    /// Cleans one decoded document.
    pub fn clean(&self, input: &str) -> Cleaned {
        self.clean_with(input, None)
    }

    /// Cleans one document, also removing lines that `templates` saw in
    /// many documents of the run (reason `template`).
    pub fn clean_with(
        &self,
        input: &str,
        templates: Option<&Templates>,
    ) -> Cleaned {
        let text = normalize::normalize(input);
        let text = wrap::reflow(&text);
        context::clean_document(&text, &self.phrases, templates)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reason_names_round_trip() {
        for r in Reason::ALL {
            assert_eq!(Reason::from_name(r.as_str()), Some(r));
        }
        assert_eq!(Reason::from_name("nope"), None);
    }

    #[test]
    fn empty_and_odd_inputs() {
        let cleaner = Cleaner::new();
        for input in ["", "\n\n", "\u{FEFF}", "\0\r\n\t", "é", "By ", "—"] {
            let c = cleaner.clean(input);
            assert_eq!(c.text, c.text.trim(), "{input:?}");
        }
    }

    /// The output invariants, for any input.
    fn check_invariants(input: &str) {
        let c = Cleaner::new().clean(input);
        assert_eq!(c.text, c.text.trim(), "{input:?}");
        assert!(!c.text.contains("\n\n\n"), "{input:?}");
        assert!(
            !c.text
                .chars()
                .any(|ch| ch.is_control() && ch != '\n' && ch != '\t'),
            "{input:?}"
        );
        let paragraphs = if c.text.is_empty() {
            0
        } else {
            c.text.split("\n\n").count()
        };
        assert_eq!(c.paragraphs, paragraphs, "{input:?}");
        if let Some(title) = &c.title {
            assert!(c.text.starts_with(title.as_str()), "{input:?}");
        }
        for r in &c.removed {
            assert_eq!(r.text, r.text.trim(), "{input:?}");
            assert!(!r.text.is_empty(), "{input:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::default()
        })]
        #[test]
        fn never_panics_and_keeps_invariants(
            input in "(\\PC|[\r\n\t\u{0}\u{85}\u{feff}“”•©]|By |\\. ){0,200}"
        ) {
            check_invariants(&input);
        }
    }

    #[test]
    fn tricky_inputs() {
        let cases = [
            "By ÉtienneÀ la une, le ministre a parlé.",
            "By GlobalDataThe",
            "By . ĘaBy By By ꒐",
            "KYIV, Dec 2 (AFP) -",
            "MOSCOW —",
            "“",
            "?\n!\n.",
            "Title\n\nTitle\n\nTitle",
            "Read more\nA\nB\nC",
            "• a\n• b",
            "a\r\n\r\nb\u{0}c",
        ];
        for input in cases {
            check_invariants(input);
        }
    }

    #[test]
    fn title_and_duplicate() {
        let c = Cleaner::new().clean(
            "A headline here\n\nA headline here\n\nThe first sentence of \
             the story is here. It goes on for a while.\n",
        );
        assert_eq!(c.title.as_deref(), Some("A headline here"));
        assert_eq!(c.text.matches("A headline here").count(), 1);
        assert_eq!(c.removed[0].reason, Reason::DuplicateTitle);
        assert_eq!(c.paragraphs, 2);
    }
}
