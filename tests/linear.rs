//! Work, not time: every stage must take linear (or n log n) work in the
//! length of a document, whatever its shape. `newsx::work` counts the
//! questions the matching and figure rules ask about tokens and the bytes
//! that text searches cover; for each pathological shape of
//! `tests/common/shapes.rs` the count at 4× the size must be close to 4×
//! the count at 1× (a quadratic pass gives 16×), and on a long document of
//! the shape that once took minutes the work per byte stays small.
//!
//! Time is measured in `benches/pathological.rs`; counts do not depend on
//! the machine or on what else runs on it.

mod common;

use common::shapes::{Shape, SHAPES};
use newsx::{work, Pipeline};

/// False, after saying so, in an optimised build: it counts no steps
/// (`work::counting`), and these tests have nothing to read.
fn counted() -> bool {
    if !work::counting() {
        eprintln!(
            "SKIPPED: this build counts no work (no debug assertions); \
             run the tests without --release"
        );
    }
    work::counting()
}

/// Steps to analyse `text` (clean, tokenize, match, figures).
fn steps(pipeline: &Pipeline, text: &str) -> u64 {
    work::count(|| pipeline.analyze(text)).1
}

/// Work at 4× the size over work at 1×, for one shape.
fn ratio(pipeline: &Pipeline, shape: &Shape, bytes: usize) -> (u64, u64) {
    let small = steps(pipeline, &shape.build(bytes));
    let large = steps(pipeline, &shape.build(4 * bytes));
    (small, large)
}

#[test]
fn work_grows_linearly_on_every_pathological_shape() {
    if !counted() {
        return;
    }
    let pipeline = Pipeline::builtin().expect("built-in gazetteers load");
    let mut failures = Vec::new();
    for shape in SHAPES {
        let (small, large) = ratio(&pipeline, shape, 64 << 10);
        let r = large as f64 / small.max(1) as f64;
        println!("{:<16} {small:>10} {large:>10} {r:>6.2}", shape.name);
        // Linear is 4; a little over allows for fixed costs that only a
        // larger document pays (an index built after a few lookups).
        if r > 5.0 {
            failures
                .push(format!("{} grows {r:.1}× for 4× the text", shape.name));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn a_long_run_of_capitalised_words_takes_linear_work() {
    if !counted() {
        return;
    }
    // The repro at a size that took minutes: "Ministry Russia"
    // 100,000 times (1.6 MB).
    let pipeline = Pipeline::builtin().expect("built-in gazetteers load");
    let text = ["Ministry Russia"; 100_000].join(" ");
    let steps = steps(&pipeline, &text);
    let per_byte = steps as f64 / text.len() as f64;
    println!(
        "{steps} steps for {} bytes: {per_byte:.2} per byte",
        text.len()
    );
    assert!(per_byte < 20.0, "{per_byte:.1} steps per byte");
}
