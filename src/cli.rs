//! The command line, as plain data: clap parses it, [`crate::app`] acts on
//! it. The doc comments on the fields are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::clean::DEFAULT_MIN_DOCS;
use crate::read::InputFormat;

/// `newsx --version`: the crate version and the record schema version.
pub const VERSION: &str =
    concat!(env!("CARGO_PKG_VERSION"), " (record schema 1)");

/// `newsx --version` in full, with the licences of the bundled data.
pub const LONG_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (record schema 1)\n",
    "Bundled gazetteer data: GeoNames (CC BY 4.0, geonames.org), ",
    "Unicode CLDR (Unicode-3.0), ISO 4217 list (public domain), ",
    "congress-legislators (CC0), internacia-db (MIT), ",
    "S&P 500 companies dataset (ODC-PDDL-1.0), countries gem (MIT), ",
    "rigour (MIT), curated lists (MIT).\n",
    "Bundled name tagger model: trained on wikigold (Balasuriya et al. ",
    "2009, CC BY 4.0) and the Broad Twitter Corpus (Derczynski et al. ",
    "2016, CC BY 4.0). See gazetteers/SOURCES.md."
);

/// Turns folders of scraped news articles into JSONL records.
#[derive(Debug, Parser)]
#[command(name = "newsx", version = VERSION, long_version = LONG_VERSION)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract one JSON record per article: clean text, entities, figures.
    ///
    /// Exit codes: 0 all documents processed; 1 some documents failed, a
    /// PATH does not exist or no document was found (error records are
    /// written in their place); 2 fatal (bad flags, a gazetteer that does
    /// not load, an output that cannot be written).
    Extract(Box<ExtractArgs>),

    /// Print the JSON Schema (draft 2020-12) of an output record, error
    /// records included, every field documented.
    Schema(SchemaArgs),
}

/// Flags of `newsx schema`.
#[derive(Debug, Args, Clone)]
pub struct SchemaArgs {
    /// Print instead the `columns = {...}` argument of DuckDB's
    /// `read_json`, typed from the same schema.
    #[arg(long, conflicts_with = "spark")]
    pub duckdb: bool,

    /// Print instead the schema as Spark DDL, for
    /// `spark.read.schema(DDL).json(...)`.
    #[arg(long)]
    pub spark: bool,
}

/// Flags of `newsx extract`.
#[derive(Debug, Args, Clone)]
pub struct ExtractArgs {
    /// Files or directories to read; `-` reads standard input (one
    /// document, or a stream of records with --input-format).
    ///
    /// Directories are walked recursively (symlinks followed, hidden
    /// entries skipped) and their files with an extension from --ext are
    /// taken in byte order of their path; a file named explicitly is taken
    /// whatever its extension.
    #[arg(required_unless_present = "files_from", value_name = "PATH")]
    pub paths: Vec<String>,

    /// Also read the paths listed in FILE (`-` for stdin), one a line,
    /// after the PATH arguments.
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<String>,

    /// With --files-from: the paths are separated by NUL bytes (as `find
    /// -print0` writes them), not lines.
    #[arg(long, requires = "files_from")]
    pub null: bool,

    /// What the inputs hold: auto (by extension, then by the first bytes),
    /// text, html, json (an object or an array of them), jsonl (one object
    /// a line) or warc. gzip and zstd compression are undone whatever the
    /// format.
    #[arg(
        long,
        value_name = "FORMAT",
        default_value = "auto",
        value_parser = parse_format
    )]
    pub input_format: InputFormat,

    /// The field of a JSON record that holds its text (default: the first
    /// of text, maintext, content, raw_text, body, articleBody).
    #[arg(long, value_name = "KEY")]
    pub text_key: Option<String>,

    /// The field of a JSON record kept as its `source_id`.
    #[arg(long, value_name = "KEY", default_value = "id")]
    pub id_key: String,

    /// Write the records to FILE instead of stdout: a regular file (or a
    /// symbolic link's target) is replaced atomically, a device or FIFO is
    /// written through, `-` is stdout.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Output format; by default the extension of -o FILE decides
    /// (`.parquet`, `.jsonl.gz`, `.jsonl.zst`), else JSON Lines.
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<crate::output::Format>,

    /// Load gazetteers from DIR: each *.tsv file there replaces the
    /// built-in file of the same name; other files are added.
    #[arg(short = 'g', long, value_name = "DIR")]
    pub gazetteers: Option<PathBuf>,

    /// Start from no built-in gazetteer (only those from --gazetteers).
    #[arg(long)]
    pub no_builtin_gazetteers: bool,

    /// Worker threads (default: all cores; never more than documents, nor
    /// than 256); output is identical for any N.
    #[arg(short = 'j', long, value_name = "N", value_parser = parse_threads)]
    pub threads: Option<usize>,

    /// Skip documents larger than SIZE (an error record is written
    /// instead): bytes, or with a K, M or G suffix (powers of 1024). The
    /// limit is on each document decompressed (a file, a JSON record, a
    /// WARC payload), never on a whole archive.
    #[arg(
        long,
        value_name = "SIZE",
        default_value = "16M",
        value_parser = parse_size
    )]
    pub max_bytes: u64,

    /// Add `sentences` and `tokens`: [start, end] code point offsets of
    /// sentences and word tokens.
    #[arg(long)]
    pub spans: bool,

    /// File extensions taken when walking directories, comma-separated; a
    /// file compressed with gzip or zstd is taken by the extension before
    /// its `.gz` or `.zst` (`shard.jsonl.zst`).
    #[arg(
        long,
        value_name = "EXT,...",
        value_delimiter = ',',
        default_value = "txt,html,htm,xhtml,jsonl,ndjson,json,warc"
    )]
    pub ext: Vec<String>,

    /// Also emit demonyms standing alone ("Russian") as their country.
    #[arg(long)]
    pub demonyms: bool,

    /// Names from the gazetteers and rules only: no learned tagger for
    /// names in no list (fewer names, a little faster).
    #[arg(long)]
    pub rules_only: bool,

    /// Currency of a bare "$" when a document does not say (ISO 4217
    /// code; default USD).
    #[arg(long, value_name = "CODE", value_parser = parse_currency)]
    pub dollar: Option<String>,

    /// Also remove lines that recur in many documents of this run (a site's
    /// header, footer, widgets), with reason `template`.
    ///
    /// This makes a record depend on the other files of the run, and needs
    /// a first pass over every input, so it is opt-in and refused for
    /// stdin.
    #[arg(long)]
    pub templates: bool,

    /// With --templates: how many documents a line must appear in to be
    /// site furniture (a line that reads as a sentence needs 4 times more).
    #[arg(
        long,
        value_name = "N",
        default_value_t = DEFAULT_MIN_DOCS,
        value_parser = parse_min_docs,
        requires = "templates"
    )]
    pub template_min_docs: u32,

    /// No progress bar and no summary line on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Parses a byte size such as `16M`, `512k`, `1G`, `2048` or `16MiB`.
pub fn parse_size(input: &str) -> Result<u64, String> {
    let s = input.trim();
    let digits_end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (digits, suffix) = s.split_at(digits_end);
    let number: u64 = digits
        .parse()
        .map_err(|_| format!("invalid size {input:?}: expected e.g. 16M"))?;
    let shift = match suffix.to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => {
            return Err(format!(
                "invalid size suffix in {input:?}: expected K, M or G"
            ))
        }
    };
    number
        .checked_mul(1u64 << shift)
        .ok_or_else(|| format!("size {input:?} is too large"))
}

fn parse_format(input: &str) -> Result<InputFormat, String> {
    Ok(match input.to_ascii_lowercase().as_str() {
        "auto" => InputFormat::Auto,
        "text" | "txt" => InputFormat::Text,
        "html" => InputFormat::Html,
        "json" => InputFormat::Json,
        "jsonl" | "ndjson" => InputFormat::Jsonl,
        "warc" => InputFormat::Warc,
        _ => {
            return Err(format!(
                "invalid input format {input:?}: expected auto, text, html, \
                 json, jsonl or warc"
            ))
        }
    })
}

fn parse_threads(input: &str) -> Result<usize, String> {
    match input.parse::<usize>() {
        Ok(0) | Err(_) => Err(format!(
            "invalid thread count {input:?}: expected a number of 1 or more"
        )),
        Ok(n) => Ok(n),
    }
}

fn parse_min_docs(input: &str) -> Result<u32, String> {
    match input.parse::<u32>() {
        Ok(n) if n >= 2 => Ok(n),
        _ => Err(format!(
            "invalid document count {input:?}: expected a number of 2 or more"
        )),
    }
}

fn parse_currency(input: &str) -> Result<String, String> {
    let code = input.to_ascii_uppercase();
    if crate::figures::is_iso_4217(&code) {
        Ok(code)
    } else {
        Err(format!(
            "invalid currency {input:?}: expected an ISO 4217 code such as CAD"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        let cases: &[(&str, Result<u64, ()>)] = &[
            ("2048", Ok(2048)),
            ("0", Ok(0)),
            ("16M", Ok(16 << 20)),
            ("16MiB", Ok(16 << 20)),
            ("512k", Ok(512 << 10)),
            ("1G", Ok(1 << 30)),
            ("10b", Ok(10)),
            ("", Err(())),
            ("M", Err(())),
            ("1.5M", Err(())),
            ("16X", Err(())),
            ("-1", Err(())),
            ("99999999999999999999", Err(())),
            ("9999999999999G", Err(())),
        ];
        for (input, want) in cases {
            assert_eq!(parse_size(input).map_err(|_| ()), *want, "{input:?}");
        }
    }

    #[test]
    fn threads_and_currencies() {
        assert_eq!(parse_threads("4"), Ok(4));
        assert!(parse_threads("0").is_err());
        assert!(parse_threads("x").is_err());
        assert_eq!(parse_currency("cad"), Ok("CAD".to_string()));
        assert!(parse_currency("CA$").is_err());
        assert!(parse_currency("XYZ").is_err(), "not in ISO 4217");
        assert_eq!(parse_currency("eur"), Ok("EUR".to_string()));
        assert_eq!(parse_min_docs("5"), Ok(5));
        assert!(parse_min_docs("1").is_err());
        assert!(parse_min_docs("many").is_err());
    }

    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
