//! The read-only probe: what reading every file costs, with nothing else.
//!
//! One thread, newsx's own walk (same order, same filters), and for each
//! file: open, read to the end, count the newlines, close. newsx's whole-process speed is reported as a fraction
//! of this one's, measured in the same run on the same folder, so the
//! fraction says how far the program is from the cost of the I/O alone.
//!
//! ```text
//! cargo bench --bench probe -- DIR...
//! ```
//!
//! Prints `files bytes newlines seconds` on standard output. Run with no
//! folder (as `cargo bench` does), it only says how to use it.

use std::io::Read;
use std::time::Instant;

use newsx::read::Source;
use newsx::walk::{walk, Item, WalkOptions};

fn main() {
    let paths: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if paths.is_empty() {
        eprintln!("probe: no folder given; usage: cargo bench --bench probe -- DIR...");
        return;
    }
    let started = Instant::now();
    let (mut files, mut bytes, mut newlines) = (0u64, 0u64, 0u64);
    let mut buf = Vec::with_capacity(1 << 16);
    for found in walk(&paths, &WalkOptions::default()) {
        let Item::Source(Source::File(path)) = found.item else {
            continue;
        };
        let Ok(mut file) = std::fs::File::open(&path) else {
            continue;
        };

        buf.clear();
        if file.read_to_end(&mut buf).is_err() {
            continue;
        }
        files += 1;
        bytes += buf.len() as u64;
        newlines += buf.iter().filter(|&&b| b == b'\n').count() as u64;
    }
    let seconds = started.elapsed().as_secs_f64();
    println!("{files} {bytes} {newlines} {seconds:.6}");
}
