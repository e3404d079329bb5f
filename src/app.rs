//! Orchestration of one `newsx extract` run.
//!
//! Parse, then build, then loop (as ripgrep does): the pipeline and its
//! automata are built once before the first document; the walk fixes the
//! order; each source opens into its documents (`feed`: a text file is
//! one, read by a worker; a JSONL, JSON or WARC file, or stdin, is many,
//! read in order, ahead, on a thread of their own); documents are processed in chunks on
//! a local rayon pool whose indexed `collect` keeps input order, and the
//! main thread writes each chunk as it completes. Memory stays bounded by
//! the chunk, and `-j 1` takes the same path, so the output is
//! byte-identical for every thread count. A chunk is cut short when a
//! stream pauses, so that what stdin brought is written before more comes.

use std::io;
use std::path::Path;
use std::time::Instant;

use anyhow::{bail, Context};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::clean::{document_fingerprints, TemplateCounter, Templates};
use crate::cli::{ExtractArgs, SchemaArgs};
use crate::feed::{input_paths, next_chunk, read_unit, Feed, Unit, LARGE};
use crate::figures::FigureOptions;
use crate::gazetteer::{builtin_files, GazetteerFile, MatchOptions};
use crate::output::Sink;
use crate::pipeline::{Pipeline, PipelineOptions};
use crate::read::{holds_records, DocError, ReadOptions, Source};
use crate::record::{self, RecordCounts};
use crate::walk::{walk, Item, WalkOptions};

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
    let items = walk(&input_paths(args)?, &options);
    let reading = read_options(args);
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
    let many = items.iter().any(|i| match i {
        Item::Source(source) => holds_records(source, &reading),
        Item::Error(_) => false,
    });
    let documents = if many { usize::MAX } else { items.len() };
    let pool = thread_pool(workers(args.threads, documents))?;
    let templates = match args.templates {
        true => Some(pool.install(|| count_templates(args, &reading, &items))?),
        false => None,
    };
    let run = Run {
        pipeline: &pipeline,
        args,
        reading: &reading,
        templates: templates.as_ref(),
    };
    let sink = open_sink(args)?;
    let bar = progress_bar(items.len(), args.quiet);
    let feed = Feed::new(items.iter().cloned(), &reading);
    let totals = match pool.install(|| write_all(&run, feed, sink, &bar)) {
        Ok(totals) => totals,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            return Ok(Outcome::Success)
        }
        Err(e) => return Err(output_error(args, e)),
    };
    bar.finish_and_clear();
    if !args.quiet {
        let seconds = started.elapsed().as_secs_f64();
        eprintln!("{}", summary(&totals, reading.skipped(), seconds));
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
    reading: &'a ReadOptions,
    templates: Option<&'a Templates>,
}

/// How sources are read, from the flags.
fn read_options(args: &ExtractArgs) -> ReadOptions {
    ReadOptions {
        max_bytes: args.max_bytes,
        format: args.input_format,
        text_key: args.text_key.clone(),
        id_key: args.id_key.clone(),
        ..ReadOptions::default()
    }
}

/// The first pass of `--templates`: counts line fingerprints over every
/// readable input. Fingerprints are computed in parallel per chunk and
/// added in input order, so the counts are the same for any thread count.
fn count_templates(
    args: &ExtractArgs,
    reading: &ReadOptions,
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
    // A pass of its own: what it skips is not counted twice.
    let reading = ReadOptions {
        skipped: Default::default(),
        ..reading.clone()
    };
    let mut feed = Feed::new(items.iter().cloned(), &reading);
    loop {
        let chunk = next_chunk(&mut feed);
        if chunk.is_empty() {
            break;
        }
        let prints: Vec<Option<Vec<u64>>> = chunk
            .par_iter()
            .map(|unit| {
                read_unit(unit, &reading)
                    .ok()
                    .map(|doc| document_fingerprints(&doc.text))
            })
            .collect();
        for fps in prints.iter().flatten() {
            counter.add_fingerprints(fps);
        }
    }
    Ok(counter.finish(args.template_min_docs))
}

/// Processes the units chunk by chunk and writes the records in order.
fn write_all<I: Iterator<Item = Item>>(
    run: &Run<'_>,
    mut feed: Feed<'_, I>,
    mut sink: Sink,
    bar: &ProgressBar,
) -> io::Result<Totals> {
    let mut totals = Totals::default();
    let started = Instant::now();
    loop {
        let chunk = next_chunk(&mut feed);
        if chunk.is_empty() {
            break;
        }
        let sizes: Vec<u64> = chunk.iter().map(Unit::size).collect();
        let done: Vec<Option<Processed>> = chunk
            .par_iter()
            .zip(&sizes)
            .map(|(unit, &size)| (size < LARGE).then(|| process(run, unit)))
            .collect();
        let mut block = Vec::new();
        for (unit, done) in chunk.iter().zip(done) {
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
                    analyse_into(run, unit, &mut sink)?
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
        bar.set_position(feed.inputs_done);
        let seconds = started.elapsed().as_secs_f64();
        bar.set_message(progress(&totals, seconds));
    }
    sink.finish()?;
    Ok(totals)
}

/// Processes one unit into its own line; failures become error records.
fn process(run: &Run<'_>, unit: &Unit) -> Processed {
    let mut line = Vec::new();
    match analyse_into(run, unit, &mut line) {
        Ok(p) => Processed { line, ..p },
        // Writing to memory fails only when serialising does.
        Err(e) => failed(&DocError::new(
            unit.path(),
            crate::read::ErrorKind::Unreadable,
            format!("cannot serialise the record: {e}"),
        )),
    }
}

/// Reads and analyses one unit and writes its record (or error record)
/// to `out`; what the summary needs comes back, with no line.
fn analyse_into(
    run: &Run<'_>,
    unit: &Unit,
    out: &mut impl io::Write,
) -> io::Result<Processed> {
    let doc = match read_unit(unit, run.reading) {
        Ok(doc) => doc,
        Err(err) => {
            record::write_error(out, &err)?;
            return Ok(Processed {
                error: Some(err.to_string()),
                ..Processed::default()
            });
        }
    };
    let analysis = run.pipeline.analyze_document(&doc, run.templates);
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
        "{bar:40} {pos}/{len} inputs, {msg}, ETA {eta}",
    );
    if let Ok(style) = style {
        bar.set_style(style);
    }
    bar.set_message(progress(&Totals::default(), 0.0));
    bar
}

/// The progress bar's message: documents so far (records inside big
/// files count one by one), and the rate.
fn progress(t: &Totals, seconds: f64) -> String {
    format!("{} documents, {}", t.documents, rate(t.bytes, seconds))
}

fn rate(bytes: u64, seconds: f64) -> String {
    let mb = bytes as f64 / 1e6;
    format!("{:.1} MB/s", if seconds > 0.0 { mb / seconds } else { 0.0 })
}

/// The summary line; records passed over (WARC requests, metadata, pages
/// that are not text) are counted at its end when there were any.
fn summary(t: &Totals, skipped: u64, seconds: f64) -> String {
    let mut line = format!(
        "newsx: {} documents, {} errors, {:.2} MB in {:.2} s ({}), \
         {} entities, {} figures",
        t.documents,
        t.errors,
        t.bytes as f64 / 1e6,
        seconds,
        rate(t.bytes, seconds),
        t.counts.entities,
        t.counts.figures
    );
    if skipped > 0 {
        line.push_str(&format!(", {skipped} records skipped"));
    }
    line
}
