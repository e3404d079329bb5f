//! Stage 2, `clean`: decoded text in, article text out.
//!
//! INTERFACE SKELETON — the real cleaner replaces the body of `Cleaner::clean`;
//! the types below are the contract the rest of the pipeline relies on.

/// Why a piece of the input was removed; serialised as the snake_case string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reason {
    /// A repeat of the title line.
    DuplicateTitle,
    /// Marketing or lead-form call to action.
    Cta,
    /// Navigation labels ("Previous Article", "Get a summary").
    Navigation,
    /// A list of links to other articles.
    RelatedLinks,
    /// An author or agency byline.
    Byline,
    /// A line recurring across many documents of the run.
    Template,
    /// A photo caption or credit.
    Caption,
    /// Copyright and legal footers.
    Legal,
    /// A link to the source page.
    Source,
}

impl Reason {
    /// The wire name of the reason.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::DuplicateTitle => "duplicate_title",
            Reason::Cta => "cta",
            Reason::Navigation => "navigation",
            Reason::RelatedLinks => "related_links",
            Reason::Byline => "byline",
            Reason::Template => "template",
            Reason::Caption => "caption",
            Reason::Legal => "legal",
            Reason::Source => "source",
        }
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
    /// A byline split off the text ("By GlobalData").
    pub byline: Option<String>,
    /// A dateline found at the start of the article ("MOSCOW, Nov 3 (Reuters)").
    pub dateline: Option<String>,
    /// Number of paragraphs in `text`.
    pub paragraphs: usize,
}

/// Removes scraper furniture; build once and share.
#[derive(Debug, Default)]
pub struct Cleaner {
    _private: (),
}

impl Cleaner {
    /// Builds the cleaner (compiles its rules once).
    pub fn new() -> Cleaner {
        Cleaner::default()
    }

    /// Cleans one decoded document.
    pub fn clean(&self, input: &str) -> Cleaned {
        let paragraphs: Vec<String> = input
            .split("\n\n")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect();
        Cleaned {
            paragraphs: paragraphs.len(),
            text: paragraphs.join("\n\n"),
            ..Cleaned::default()
        }
    }
}
