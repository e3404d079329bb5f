//! Orchestration of one `newsx extract` run.
//!
//! Parse, then build, then loop (as ripgrep does): the pipeline and its
//! automata are built once before the first document; the walk fixes the
//! order; documents are processed in chunks on a local rayon pool whose
//! indexed `collect` keeps input order, and the main thread writes each chunk
//! as it completes. Memory stays bounded by the chunk, and `-j 1` takes the
//! same path, so the output is byte-identical for every thread count.

use std::io;
use std::path::Path;
use std::time::Instant;

use anyhow::{bail, Context};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::clean::{document_fingerprints, TemplateCounter, Templates};
use crate::cli::{ExtractArgs, SchemaArgs};
use crate::figures::FigureOptions;
use crate::gazetteer::{builtin_files, GazetteerFile, MatchOptions};
use crate::output::Sink;
use crate::pipeline::{Pipeline, PipelineOptions};
use crate::read::{read_source, DocError, Source};
use crate::record::{self, RecordCounts};
use crate::walk::{walk, Item, WalkOptions};

/// Documents handed to the pool at a time: large enough to keep every core
/// busy on small files, small enough to bound memory and show progress.
const CHUNK: usize = 256;

/// How a run ended, when it was not a fatal error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Every document was processed.
    Success,
    /// Some documents failed, or none was found (exit code 1).
    PartialFailure,
}

/// Totals for the summary line.
#[derive(Debug, Default)]
struct Totals {
    documents: usize,
    errors: usize,
    bytes: u64,
    counts: RecordCounts,
}

impl Totals {
    fn add(&mut self, p: &Processed) {
        self.documents += 1;
        self.bytes += p.bytes;
        self.counts.entities += p.counts.entities;
        self.counts.figures += p.counts.figures;
        self.errors += usize::from(p.error.is_some());
    }
}

/// One processed item: its JSONL line (empty when it was streamed), and
/// what the summary needs.
#[derive(Default)]
struct Processed {
    line: Vec<u8>,
    bytes: u64,
    error: Option<String>,
    counts: RecordCounts,
}

/// Runs `newsx extract`; `Err` is fatal (exit code 2).
pub fn run(args: &ExtractArgs) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let pipeline = build_pipeline(args)?;
    let options = WalkOptions {
        extensions: args.ext.iter().map(|e| normalize_ext(e)).collect(),
    };
    let items = walk(&args.paths, &options);
    if items.is_empty() {
        if !args.quiet {
            eprintln!(
                "newsx: no document found (extensions: {})",
                args.ext.join(",")
            );
        }
        // An old FILE must not pass for this run's output: it is emptied.
        open_sink(args)?
            .finish()
            .map_err(|e| output_error(args, e))?;
        return Ok(Outcome::PartialFailure);
    }
    let pool = thread_pool(workers(args.threads, items.len()))?;
    let templates = match args.templates {
        true => Some(pool.install(|| count_templates(args, &items))?),
        false => None,
    };
    let run = Run {
        pipeline: &pipeline,
        args,
        templates: templates.as_ref(),
    };
    let sink = open_sink(args)?;
    let bar = progress_bar(items.len(), args.quiet);
    let totals = match pool.install(|| write_all(&run, &items, sink, &bar)) {
        Ok(totals) => totals,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            return Ok(Outcome::Success)
        }
        Err(e) => return Err(output_error(args, e)),
    };
    bar.finish_and_clear();
    if !args.quiet {
        eprintln!("{}", summary(&totals, started.elapsed().as_secs_f64()));
    }
    Ok(if totals.errors > 0 {
        Outcome::PartialFailure
    } else {
        Outcome::Success
    })
}

/// The text `newsx schema` prints.
pub fn schema(args: &SchemaArgs) -> String {
    if args.duckdb {
        crate::schema::duckdb_columns()
    } else if args.spark {
        crate::schema::spark_ddl()
    } else {
        let schema = crate::schema::json_schema();
        serde_json::to_string_pretty(&schema).expect("a Value serialises")
    }
}

/// What every document of a run is processed with.
struct Run<'a> {
    pipeline: &'a Pipeline,
    args: &'a ExtractArgs,
    templates: Option<&'a Templates>,
}

/// The first pass of `--templates`: counts line fingerprints over every
/// readable input. Fingerprints are computed in parallel per chunk and
/// added in input order, so the counts are the same for any thread count.
fn count_templates(
    args: &ExtractArgs,
    items: &[Item],
) -> anyhow::Result<Templates> {
    if items
        .iter()
        .any(|i| matches!(i, Item::Source(Source::Stdin)))
    {
        bail!(
            "--templates reads every input twice, so it cannot read stdin (-)"
        );
    }
    let mut counter = TemplateCounter::new();
    for chunk in items.chunks(CHUNK) {
        let prints: Vec<Option<Vec<u64>>> = chunk
            .par_iter()
            .map(|item| match item {
                Item::Source(source) => read_source(source, args.max_bytes)
                    .ok()
                    .map(|doc| document_fingerprints(&doc.text)),
                Item::Error(_) => None,
            })
            .collect();
        for fps in prints.iter().flatten() {
            counter.add_fingerprints(fps);
        }
    }
    Ok(counter.finish(args.template_min_docs))
}

/// Processes the items chunk by chunk and writes the records in order.
fn write_all(
    run: &Run<'_>,
    items: &[Item],
    mut sink: Sink,
    bar: &ProgressBar,
) -> io::Result<Totals> {
    let mut totals = Totals::default();
    let started = Instant::now();
    let sizes: Vec<u64> = items.iter().map(size_hint).collect();
    let mut start = 0;
    while start < items.len() {
        let end = chunk_end(&sizes, start);
        let chunk = &items[start..end];
        let done: Vec<Option<Processed>> = chunk
            .par_iter()
            .zip(&sizes[start..end])
            .map(|(item, &size)| (size < LARGE).then(|| process(run, item)))
            .collect();
        let mut block = Vec::new();
        for (item, done) in chunk.iter().zip(done) {
            let p = match done {
                Some(p) => {
                    block.extend_from_slice(&p.line);
                    p
                }
                None => {
                    // A large document, in its turn: its record goes
                    // straight to the output, never into a buffer.
                    sink.write(&block)?;
                    block.clear();
                    analyse_into(run, item, &mut sink)?
                }
            };
            totals.add(&p);
            if let Some(message) = p.error {
                if !run.args.quiet {
                    bar.suspend(|| eprintln!("newsx: {message}"));
                }
            }
        }
        sink.write(&block)?;
        sink.flush()?;
        bar.inc(chunk.len() as u64);
        bar.set_message(rate(totals.bytes, started.elapsed().as_secs_f64()));
        start = end;
    }
    sink.finish()?;
    Ok(totals)
}

/// Documents of this many bytes or more are analysed one at a time, on
/// the main thread in their turn, and their record is streamed to the
/// output: analysing a document takes a multiple of its size in memory
/// (tokens, figures, the record), so only one such multiple is ever held.
const LARGE: u64 = 1 << 20;

/// Bytes of smaller documents handed to the pool at a time: their records
/// are buffered until the chunk is written.
const CHUNK_BYTES: u64 = 16 << 20;

/// The size of an item's file, 0 when unknown (stdin, an error).
fn size_hint(item: &Item) -> u64 {
    match item {
        Item::Source(Source::File(path)) => {
            std::fs::metadata(path).map_or(0, |m| m.len())
        }
        _ => 0,
    }
}

/// The end of the chunk that starts at `start`: at most [`CHUNK`] items,
/// and at most [`CHUNK_BYTES`] of documents under [`LARGE`] (one at least).
fn chunk_end(sizes: &[u64], start: usize) -> usize {
    let mut bytes = 0;
    let mut end = start;
    while end < sizes.len() && end - start < CHUNK {
        if sizes[end] < LARGE {
            bytes += sizes[end];
            if bytes > CHUNK_BYTES && end > start {
                break;
            }
        }
        end += 1;
    }
    end
}

/// Reads, analyses and serialises one item into its own line; failures
/// become error records.
fn process(run: &Run<'_>, item: &Item) -> Processed {
    let mut line = Vec::new();
    match analyse_into(run, item, &mut line) {
        Ok(p) => Processed { line, ..p },
        // Writing to memory fails only when serialising does.
        Err(e) => {
            let path = match item {
                Item::Source(source) => source.display(),
                Item::Error(err) => err.path.clone(),
            };
            failed(&DocError::new(
                path,
                crate::read::ErrorKind::Unreadable,
                format!("cannot serialise the record: {e}"),
            ))
        }
    }
}

/// Reads and analyses one item and writes its record (or error record) to
/// `out`; what the summary needs comes back, with no line.
fn analyse_into(
    run: &Run<'_>,
    item: &Item,
    out: &mut impl io::Write,
) -> io::Result<Processed> {
    let doc = match item {
        Item::Source(source) => read_source(source, run.args.max_bytes),
        Item::Error(err) => Err(err.clone()),
    };
    let doc = match doc {
        Ok(doc) => doc,
        Err(err) => {
            record::write_error(out, &err)?;
            return Ok(Processed {
                error: Some(err.to_string()),
                ..Processed::default()
            });
        }
    };
    let analysis = run.pipeline.analyze_with(&doc.text, run.templates);
    let counts = record::write_document(out, &doc, &analysis, run.args.spans)?;
    Ok(Processed {
        bytes: doc.bytes,
        counts,
        ..Processed::default()
    })
}

fn failed(err: &DocError) -> Processed {
    let mut line = Vec::new();
    // An error record has only strings; serialising it cannot fail.
    let _ = record::write_error(&mut line, err);
    Processed {
        line,
        bytes: 0,
        error: Some(err.to_string()),
        counts: RecordCounts::default(),
    }
}

/// Builds the pipeline with the gazetteers and switches from the flags.
fn build_pipeline(args: &ExtractArgs) -> anyhow::Result<Pipeline> {
    let options = PipelineOptions {
        gazetteers: gazetteer_files(args)?,
        matching: MatchOptions {
            demonyms: args.demonyms,
            rules_only: args.rules_only,
        },
        figures: FigureOptions {
            dollar: args.dollar.clone(),
        },
    };
    Ok(Pipeline::new(options)?)
}

/// The built-in gazetteer files, with those of `-g DIR` replacing files of
/// the same name and adding the others.
fn gazetteer_files(args: &ExtractArgs) -> anyhow::Result<Vec<GazetteerFile>> {
    let mut files = if args.no_builtin_gazetteers {
        Vec::new()
    } else {
        builtin_files()
    };
    let Some(dir) = &args.gazetteers else {
        return Ok(files);
    };
    for file in read_gazetteer_dir(dir)? {
        let name = file_name(&file.name);
        match files.iter().position(|f| file_name(&f.name) == name) {
            Some(i) => files[i] = file,
            None => files.push(file),
        }
    }
    Ok(files)
}

/// The `*.tsv` files of `dir`, in byte order of their names.
fn read_gazetteer_dir(dir: &Path) -> anyhow::Result<Vec<GazetteerFile>> {
    let entries = std::fs::read_dir(dir).with_context(|| {
        format!("cannot read gazetteer folder {}", dir.display())
    })?;
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry
            .with_context(|| {
                format!("cannot read gazetteer folder {}", dir.display())
            })?
            .path();
        if path.extension().is_some_and(|e| e == "tsv") && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).with_context(|| {
                format!("{}:0: cannot read", path.display())
            })?;
            let name = path.to_string_lossy().into_owned();
            Ok(GazetteerFile { name, text })
        })
        .collect()
}

fn file_name(name: &str) -> &str {
    Path::new(name)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(name)
}

fn normalize_ext(ext: &str) -> String {
    ext.trim().trim_start_matches('.').to_ascii_lowercase()
}

/// The sink of `-o FILE`, or stdout, in the format asked for.
fn open_sink(args: &ExtractArgs) -> anyhow::Result<Sink> {
    Sink::open(args.output.as_deref(), args.format)
        .map_err(|e| output_error(args, e))
}

/// Most worker threads a run starts, whatever `-j` says: thousands of
/// threads only cost start-up time and memory.
const MAX_WORKERS: usize = 256;

/// Worker threads for `documents` documents: `-j N` (default: all cores),
/// never more than the documents, nor than [`MAX_WORKERS`].
fn workers(threads: Option<usize>, documents: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    threads
        .unwrap_or(cores)
        .min(documents)
        .clamp(1, MAX_WORKERS)
}

fn thread_pool(threads: usize) -> anyhow::Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start worker threads")
}

fn output_error(args: &ExtractArgs, err: io::Error) -> anyhow::Error {
    match &args.output {
        Some(path) => anyhow::Error::new(err)
            .context(format!("cannot write {}", path.display())),
        None => anyhow::Error::new(err).context("cannot write to stdout"),
    }
}

/// A progress bar on stderr, or a hidden one when quiet or not a terminal.
fn progress_bar(total: usize, quiet: bool) -> ProgressBar {
    use std::io::IsTerminal;
    if quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total as u64);
    let style = ProgressStyle::with_template(
        "{bar:40} {pos}/{len} documents, {msg}, ETA {eta}",
    );
    if let Ok(style) = style {
        bar.set_style(style);
    }
    bar.set_message(rate(0, 0.0));
    bar
}

fn rate(bytes: u64, seconds: f64) -> String {
    let mb = bytes as f64 / 1e6;
    format!("{:.1} MB/s", if seconds > 0.0 { mb / seconds } else { 0.0 })
}

fn summary(t: &Totals, seconds: f64) -> String {
    format!(
        "newsx: {} documents, {} errors, {:.2} MB in {:.2} s ({}), \
         {} entities, {} figures",
        t.documents,
        t.errors,
        t.bytes as f64 / 1e6,
        seconds,
        rate(t.bytes, seconds),
        t.counts.entities,
        t.counts.figures
    )
}
