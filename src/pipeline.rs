//! The one place that knows the order of the stages.
//!
//! ```text
//! read → [html →] clean → tokenize → gazetteer → figures → record
//! ```
//!
//! [`Pipeline`] owns every expensive object (automata, regexes, tables),
//! built once in [`Pipeline::new`] and shared by reference across threads;
//! [`Pipeline::analyze`] runs the stages after `read` on one decoded document.

use crate::clean::{Cleaned, Cleaner, Templates};
use crate::figures::{Figure, FigureExtractor, FigureOptions};
use crate::gazetteer::Mention;
use crate::gazetteer::{
    Gazetteer, GazetteerError, GazetteerFile, MatchOptions,
};
use crate::html::PageMeta;
use crate::read::{Document, Markup};
use crate::tokenize::{Tokenizer, Tokens};

/// Everything the stages found in one document.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// The cleaned text and what was removed from it.
    pub cleaned: Cleaned,
    /// Words and sentences of `cleaned.text`.
    pub tokens: Tokens,
    /// Entity mentions, in text order.
    pub mentions: Vec<Mention>,
    /// Figures, in text order.
    pub figures: Vec<Figure>,
    /// What an HTML page said about itself; `None` for text.
    pub page: Option<PageMeta>,
}

/// How to build a [`Pipeline`].
#[derive(Clone, Debug, Default)]
pub struct PipelineOptions {
    /// Gazetteer files to load, in order.
    pub gazetteers: Vec<GazetteerFile>,
    /// Entity matching switches.
    pub matching: MatchOptions,
    /// Figure extraction switches.
    pub figures: FigureOptions,
}

impl PipelineOptions {
    /// Options with the built-in gazetteers and default switches.
    pub fn builtin() -> PipelineOptions {
        PipelineOptions {
            gazetteers: crate::gazetteer::builtin_files(),
            ..PipelineOptions::default()
        }
    }
}

/// The analysis stages, built once and shared (`Pipeline` is `Sync`).
#[derive(Debug)]
pub struct Pipeline {
    cleaner: Cleaner,
    tokenizer: Tokenizer,
    gazetteer: Gazetteer,
    figures: FigureExtractor,
}

impl Pipeline {
    /// Builds every stage; fails only when a gazetteer does not load.
    pub fn new(options: PipelineOptions) -> Result<Pipeline, GazetteerError> {
        Ok(Pipeline {
            cleaner: Cleaner::new(),
            tokenizer: Tokenizer::new(),
            gazetteer: Gazetteer::from_files(
                &options.gazetteers,
                options.matching,
            )?,
            figures: FigureExtractor::new(options.figures),
        })
    }

    /// A pipeline with the built-in gazetteers.
    pub fn builtin() -> Result<Pipeline, GazetteerError> {
        Pipeline::new(PipelineOptions::builtin())
    }

    /// The cleaner, for callers that need a stage alone (benchmarks).
    pub fn cleaner(&self) -> &Cleaner {
        &self.cleaner
    }

    /// Runs clean → tokenize → gazetteer → figures on one decoded document.
    pub fn analyze(&self, decoded: &str) -> Analysis {
        self.analyze_with(decoded, None)
    }

    /// Like [`Pipeline::analyze`], also removing the lines that a first pass
    /// over the run found in many documents (`--templates`).
    pub fn analyze_with(
        &self,
        decoded: &str,
        templates: Option<&Templates>,
    ) -> Analysis {
        let html = crate::html::is_html(decoded.as_bytes());
        let (cleaned, page) = self.clean(decoded, html, templates);
        self.analyze_cleaned(cleaned, page)
    }

    /// Analyses a document as its source describes it: HTML or text as
    /// its [`Markup`] says (else sniffed), and with the headline its
    /// metadata gives as the title and first paragraph, as a title line
    /// is for a text file.
    pub fn analyze_document(
        &self,
        doc: &Document,
        templates: Option<&Templates>,
    ) -> Analysis {
        let html = match doc.markup {
            Markup::Sniff => crate::html::is_html(doc.text.as_bytes()),
            Markup::Html => true,
            Markup::Text => false,
        };
        let title = doc.meta.title.as_deref().map(one_line);
        let title = title.filter(|t| !t.is_empty());
        let (cleaned, page) = match (&title, html) {
            (Some(title), false) => {
                let text = titled(title, &doc.text);
                self.clean(&text, false, templates)
            }
            _ => self.clean(&doc.text, html, templates),
        };
        let cleaned = match title {
            Some(title) => with_title(cleaned, title),
            None => cleaned,
        };
        self.analyze_cleaned(cleaned, page)
    }

    fn analyze_cleaned(
        &self,
        cleaned: Cleaned,
        page: Option<PageMeta>,
    ) -> Analysis {
        let tokens = self.tokenizer.tokenize(&cleaned.text);
        let mentions = self.gazetteer.find(&cleaned.text, &tokens);
        let mut figures =
            self.figures.extract(&cleaned.text, &tokens, &mentions);
        // Grown by doubling: up to half of it unused on a long document.
        figures.shrink_to_fit();
        Analysis {
            cleaned,
            tokens,
            mentions,
            figures,
            page,
        }
    }

    /// The cleaner over the text, or over the article blocks of a page.
    fn clean(
        &self,
        decoded: &str,
        html: bool,
        templates: Option<&Templates>,
    ) -> (Cleaned, Option<PageMeta>) {
        if !html {
            return (self.cleaner.clean_with(decoded, templates), None);
        }
        let mut page = crate::html::extract(decoded);
        let meta = std::mem::take(&mut page.meta);
        let cleaned = self.cleaner.clean_with(&page.text(), templates);
        (page.finish(cleaned), Some(meta))
    }
}

/// A headline on one line, its white space runs made single spaces.
fn one_line(title: &str) -> String {
    title.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text with its headline as the first line, unless it starts with it
/// already: the shape of a text file with a title line.
fn titled(title: &str, text: &str) -> String {
    if text.trim_start().starts_with(title) {
        return text.to_string();
    }
    format!("{title}\n\n{text}")
}

/// Makes a headline the source gave the title and first paragraph of the
/// cleaned text, whatever the cleaner made of the line: it is the
/// source's word, not a guess from the line's shape.
fn with_title(mut cleaned: Cleaned, title: String) -> Cleaned {
    if cleaned.title.as_deref() == Some(title.as_str()) {
        return cleaned;
    }
    let first = cleaned.text.split("\n\n").next().unwrap_or("");
    if first != title {
        // The line was removed, or merged: the source's headline stands.
        if let Some(i) = cleaned.removed.iter().position(|r| r.text == title) {
            cleaned.removed.remove(i);
        }
        cleaned.text = match cleaned.text.is_empty() {
            true => title.clone(),
            false => format!("{title}\n\n{}", cleaned.text),
        };
        cleaned.paragraphs += 1;
    }
    cleaned.title = Some(title);
    cleaned
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::DocMeta;

    #[test]
    fn a_headline_from_the_source_is_the_title_and_first_paragraph() {
        let pipeline = Pipeline::new(PipelineOptions::default()).unwrap();
        let body =
            "The council approved a budget of $4 million on Tuesday.\n\n\
                    Members debated for three hours before the vote.";
        for title in ["Council passes  budget", "Home | News | Sports"] {
            let doc = Document {
                text: body.to_string(),
                meta: DocMeta {
                    title: Some(title.to_string()),
                    ..DocMeta::default()
                },
                ..Document::default()
            };
            let a = pipeline.analyze_document(&doc, None);
            let want = one_line(title);
            assert_eq!(a.cleaned.title.as_deref(), Some(want.as_str()));
            assert!(a.cleaned.text.starts_with(&format!("{want}\n\n")));
            assert!(a.cleaned.text.contains("Members debated"));
            assert_eq!(
                a.cleaned.text.split("\n\n").count(),
                a.cleaned.paragraphs
            );
        }
    }

    #[test]
    fn markup_from_the_source_decides_html_or_text() {
        let pipeline = Pipeline::new(PipelineOptions::default()).unwrap();
        let page = "<p>Prices rose by 4 percent in May, the office said.</p>";
        let mut doc = Document {
            text: page.to_string(),
            markup: Markup::Text,
            ..Document::default()
        };
        assert!(pipeline
            .analyze_document(&doc, None)
            .cleaned
            .text
            .contains("<p>"));
        doc.markup = Markup::Html;
        let a = pipeline.analyze_document(&doc, None);
        assert!(!a.cleaned.text.contains("<p>"), "{}", a.cleaned.text);
    }
}
