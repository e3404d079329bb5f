//! newsx turns folders of scraped news articles into structured records.
//!
//! ```text
//! walk → read → [html →] clean → tokenize → gazetteer → figures → record
//! ```
//!
//! Each stage is a module named after what it does; [`pipeline`] is the one
//! place that knows their order, and [`record`] documents the JSONL wire
//! format (schema version 1). The `newsx` binary is a thin shell over
//! [`app::run`].
//!
//! ```
//! use newsx::Pipeline;
//!
//! let pipeline = Pipeline::builtin().expect("built-in gazetteers load");
//! let analysis = pipeline.analyze("Prices rose.\n\nMore than 3,600 sanctions were imposed.");
//! assert!(analysis.cleaned.text.contains("3,600 sanctions"));
//! assert_eq!(analysis.tokens.sentences.len(), 2);
//! ```

#![warn(missing_docs)]

pub mod app;
pub mod clean;
pub mod cli;
mod feed;
pub mod figures;
pub mod gazetteer;
pub mod hash;
pub mod html;
pub mod json;
pub mod ordered;
pub mod output;
pub mod pipeline;
pub mod read;
pub mod record;
pub mod schema;
pub mod signals;
pub mod span;
pub mod spill;
mod swar;
pub mod tokenize;
pub mod walk;
pub mod work;

pub use pipeline::{Analysis, Pipeline, PipelineOptions};
