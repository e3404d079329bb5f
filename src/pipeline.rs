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
    ///
    /// The gazetteer (its name automaton above all) and the cleaner (its
    /// dateline patterns) take nearly all of start-up and do not depend on
    /// each other, so the cleaner is built on a second thread meanwhile:
    /// start-up is paid by every run, however few its documents.
    pub fn new(options: PipelineOptions) -> Result<Pipeline, GazetteerError> {
        let (cleaner, gazetteer) = std::thread::scope(|scope| {
            let cleaner = scope.spawn(Cleaner::new);
            let gazetteer =
                Gazetteer::from_files(&options.gazetteers, options.matching);
            let cleaner = cleaner
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (cleaner, gazetteer)
        });
        Ok(Pipeline {
            cleaner,
            tokenizer: Tokenizer::new(),
            gazetteer: gazetteer?,
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
        let (cleaned, page) = self.clean(decoded, templates);
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

    /// The cleaner over the text, or over the article blocks of a page
    /// (sniffed from its first bytes, whatever its name).
    fn clean(
        &self,
        decoded: &str,
        templates: Option<&Templates>,
    ) -> (Cleaned, Option<PageMeta>) {
        if !crate::html::is_html(decoded.as_bytes()) {
            return (self.cleaner.clean_with(decoded, templates), None);
        }
        let mut page = crate::html::extract(decoded);
        let meta = std::mem::take(&mut page.meta);
        let cleaned = self.cleaner.clean_with(&page.text(), templates);
        (page.finish(cleaned), Some(meta))
    }
}
