//! Pathological shapes at two sizes: every stage must stay linear (or
//! n log n) in the length of a document, whatever its shape. For each
//! shape of `tests/common/shapes.rs` and each stage, the median time at 4×
//! the size is divided by the median at 1× (runs interleaved): a linear
//! stage reads about 4, a quadratic one about 16.
//!
//! ```text
//! cargo bench --bench pathological            # 1 MiB and 4 MiB
//! NEWSX_SHAPE_KIB=4096 cargo bench --bench pathological
//! NEWSX_SHAPE=institution cargo bench --bench pathological
//! ```
//!
//! Lines whose worst ratio is over 6 (for a stage that takes 5 ms or more
//! at the large size; shorter times are noise) are marked `SLOW`, and the
//! run exits with status 1 when any is.

#[path = "../tests/common/shapes.rs"]
mod shapes;

use std::hint::black_box;
use std::time::Instant;

use newsx::figures::{FigureExtractor, FigureOptions};
use newsx::gazetteer::{builtin_files, Gazetteer, MatchOptions};
use newsx::{read, Pipeline};

/// Runs per size; the median is reported.
const RUNS: usize = 5;
/// The large size is this many times the small one.
const FACTOR: usize = 4;

/// Stage names, in pipeline order.
const STAGES: [&str; 5] = ["read", "clean", "tokenize", "gazetteer", "figures"];

fn main() {
    let kib: usize = std::env::var("NEWSX_SHAPE_KIB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1024);
    let only = std::env::var("NEWSX_SHAPE").unwrap_or_default();
    let pipeline = Pipeline::builtin().expect("built-in gazetteers load");
    let tokenizer = newsx::tokenize::Tokenizer::new();
    let gazetteer =
        Gazetteer::from_files(&builtin_files(), MatchOptions::default())
            .expect("built-in gazetteers load");
    let figures = FigureExtractor::new(FigureOptions::default());
    println!(
        "{:<16} {:>8} {:>8} {:>8} {:>8} {:>8}   (time at {} KiB / time at {} KiB)",
        "shape",
        STAGES[0],
        STAGES[1],
        STAGES[2],
        STAGES[3],
        STAGES[4],
        kib * FACTOR,
        kib
    );
    let mut slow = false;
    for shape in shapes::SHAPES.iter().filter(|s| s.name.contains(&only)) {
        let small = shape.build(kib << 10);
        let large = shape.build((kib * FACTOR) << 10);
        // Runs interleave the sizes, so a busy moment hits both alike.
        let runs: Vec<[[f64; STAGES.len()]; 2]> = (0..RUNS)
            .map(|_| {
                [&small, &large].map(|doc| {
                    stage_times(
                        &pipeline, &tokenizer, &gazetteer, &figures, doc,
                    )
                })
            })
            .collect();
        let times: Vec<[[f64; RUNS]; 2]> = (0..STAGES.len())
            .map(|stage| {
                [0, 1].map(|size| {
                    std::array::from_fn(|run| runs[run][size][stage])
                })
            })
            .collect();
        let ratios: Vec<f64> = times
            .iter()
            .map(|[s, l]| median(l) / median(s).max(1e-6))
            .collect();
        // A stage that takes under 5 ms at the large size is noise-bound.
        let worst = ratios
            .iter()
            .zip(times.iter())
            .filter(|(_, [_, l])| median(l) >= 0.005)
            .map(|(r, _)| *r)
            .fold(0.0, f64::max);
        slow |= worst > 6.0;
        print!("{:<16}", shape.name);
        for r in &ratios {
            print!(" {r:>8.2}");
        }
        let total: f64 = times.iter().map(|[_, l]| median(l)).sum();
        println!(
            "   {:.3} s at {} KiB{}",
            total,
            kib * FACTOR,
            if worst > 6.0 { "  SLOW" } else { "" }
        );
    }
    if slow {
        std::process::exit(1);
    }
}

/// Seconds spent in each stage on `doc`.
fn stage_times(
    pipeline: &Pipeline,
    tokenizer: &newsx::tokenize::Tokenizer,
    gazetteer: &Gazetteer,
    figures: &FigureExtractor,
    doc: &str,
) -> [f64; STAGES.len()] {
    let mut t = [0.0; STAGES.len()];
    let mut clock = Instant::now();
    let mut lap = |i: usize| {
        t[i] = clock.elapsed().as_secs_f64();
        clock = Instant::now();
    };
    let decoded = read::decode(doc.as_bytes()).map(|(text, _)| text);
    lap(0);
    let Ok(decoded) = decoded else {
        return t;
    };
    let cleaned = pipeline.cleaner().clean(&decoded);
    lap(1);
    let tokens = tokenizer.tokenize(&cleaned.text);
    lap(2);
    let mentions = gazetteer.find(&cleaned.text, &tokens);
    lap(3);
    black_box(figures.extract(&cleaned.text, &tokens, &mentions));
    lap(4);
    t
}

fn median(xs: &[f64; RUNS]) -> f64 {
    let mut xs = *xs;
    xs.sort_by(f64::total_cmp);
    xs[RUNS / 2]
}
