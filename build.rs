//! Embeds the built-in gazetteers.
//!
//! Every top-level `gazetteers/*.tsv` file becomes one entry of the generated
//! `builtin_files()` list (`$OUT_DIR/builtin_gazetteers.rs`), in byte order of
//! file name, so `newsx` works from any directory and the load order is the
//! same on every machine.

use std::env;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

fn main() -> io::Result<()> {
    println!("cargo:rerun-if-changed=gazetteers");
    let root =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let dir = root.join("gazetteers");
    let files = tsv_files(&dir)?;
    for (_, path) in &files {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    let out = PathBuf::from(env::var("OUT_DIR").unwrap_or_default());
    fs::write(out.join("builtin_gazetteers.rs"), generate(&files))
}

/// The `*.tsv` files directly inside `dir`, sorted by the bytes of their name;
/// none when the folder does not exist.
fn tsv_files(dir: &Path) -> io::Result<Vec<(String, PathBuf)>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".tsv") && path.is_file() {
            files.push((name, path));
        }
    }
    files.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    Ok(files)
}

/// Rust source of the list: one `(name, include_str!(path))` pair per file.
fn generate(files: &[(String, PathBuf)]) -> String {
    let mut src = String::from(
        "/// File name and text of each built-in gazetteer, in load order.\n\
         const BUILTIN: &[(&str, &str)] = &[\n",
    );
    for (name, path) in files {
        src.push_str(&format!(
            "    ({:?}, include_str!({:?})),\n",
            name,
            path.display().to_string()
        ));
    }
    src.push_str("];\n");
    src
}
