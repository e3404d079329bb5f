//! newsx turns folders of scraped news articles into structured records.
//!
//! ```text
//! read → clean → tokenize → gazetteer → figures → record
//! ```
//!
//! Each stage is a module named after what it does; [`pipeline`] is the one
//! place that knows their order.

#![warn(missing_docs)]

pub mod clean;
pub mod figures;
pub mod gazetteer;
pub mod pipeline;
pub mod span;
pub mod tokenize;

pub use pipeline::{Analysis, Pipeline, PipelineOptions};
