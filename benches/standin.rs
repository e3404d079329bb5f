//! Writes the stand-in corpus (see `common/standin.rs`) for whole-process
//! timing:
//!
//! ```text
//! cargo bench --bench standin -- /tmp/standin              # 27,000 files
//! cargo bench --bench standin -- /tmp/standin-1m --copies 40  # 1.08 M files
//! ```
//!
//! Options: `--files N` (27000), `--copies K` (1; over 1, each copy of the
//! N files goes into its own `copyNN/` sub-folder), `--seed S`. Run with
//! no folder (as `cargo bench` does), it only says how to use it.

mod common;

use std::path::PathBuf;

use common::standin::{self, Prose};

struct Args {
    dir: Option<PathBuf>,
    files: usize,
    copies: usize,
    seed: u64,
}

fn parse() -> Result<Args, String> {
    let mut args = Args {
        dir: None,
        files: 27_000,
        copies: 1,
        seed: 0x57A1_D1A5,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut number = |name: &str| -> Result<u64, String> {
            let v = it.next().ok_or(format!("{name} needs a value"))?;
            v.parse().map_err(|_| format!("{name}: not a number: {v}"))
        };
        match arg.as_str() {
            "--bench" => {}
            "--files" => args.files = number("--files")? as usize,
            "--copies" => args.copies = number("--copies")? as usize,
            "--seed" => args.seed = number("--seed")?,
            other if other.starts_with('-') => {
                return Err(format!("unknown option {other}"))
            }
            dir => args.dir = Some(PathBuf::from(dir)),
        }
    }
    Ok(args)
}

fn main() {
    let args = match parse() {
        Ok(args) => args,
        Err(e) => {
            eprintln!("standin: {e}");
            std::process::exit(2);
        }
    };
    let Some(dir) = args.dir else {
        eprintln!(
            "standin: no folder given; usage: cargo bench --bench standin \
             -- DIR [--files N] [--copies K] [--seed S]"
        );
        return;
    };
    let Some(prose) = Prose::beside_repository() else {
        eprintln!("standin: SKIPPED: ../shared (the real prose) is absent");
        return;
    };
    if dir.exists() {
        eprintln!("standin: {} exists; remove it first", dir.display());
        std::process::exit(2);
    }
    match standin::write(&prose, &dir, args.files, args.seed, args.copies) {
        Ok((files, bytes)) => eprintln!(
            "standin: wrote {files} files, {:.1} MB, to {}",
            bytes as f64 / 1e6,
            dir.display()
        ),
        Err(e) => {
            eprintln!("standin: cannot write {}: {e}", dir.display());
            std::process::exit(1);
        }
    }
}
