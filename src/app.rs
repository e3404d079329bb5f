//! Orchestration of one `newsx extract` run.
//!
//! Parse, then build, then loop (as ripgrep does): the pipeline and its
//! automata are built once before the first document; the walk is a lazy
//! stream that fixes the order, and each item of it becomes jobs
//! (`feed.rs`: a file of one document, read by a worker, or the
//! records of a JSONL, JSON or WARC file or of stdin, read ahead in
//! order); workers read, analyse and serialise jobs as they come
//! ([`crate::ordered`]), and the main thread writes each record when its
//! turn comes. Walking, reading, analysis and writing
//! overlap, the first record is written as soon as it is ready, memory is
//! bounded by the window of records waiting, not by the number of files,
//! and `-j 1` takes the same path, so the output is byte-identical for
//! every thread count. When a stream (stdin) pauses, what it brought is
//! processed and written before more comes.

use std::io;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use indicatif::{ProgressBar, ProgressStyle};

use crate::clean::{document_fingerprints, TemplateCounter, Templates};
use crate::cli::{ExtractArgs, SchemaArgs};
use crate::feed::{input_paths, Feed, Job};
use crate::figures::FigureOptions;
use crate::gazetteer::{builtin_files, GazetteerFile, MatchOptions};
use crate::ordered::{map_ordered, Next, Window};
use crate::output::Sink;
use crate::pipeline::{Pipeline, PipelineOptions};
use crate::read::{
    holds_records, read_identified, DocError, DocResult, Document, Identity,
    ReadOptions,
};
use crate::record::{self, RecordCounts};
use crate::spill::Spill;
use crate::walk::{walk, Found, Item, Seen, WalkOptions};

/// How far workers run ahead of the writer: records waiting (done or being
/// done), and bytes of them. Large enough to keep every core busy on small
/// files, small enough to bound memory whatever the number of files.
const WINDOW: Window = Window {
    items: 256,
    weight: 16 << 20,
};

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

/// What a worker hands back for one item: its records in order (a source
/// may hold several documents), with the file's identity, for duplicates.
struct Done {
    seen: Option<(Identity, bool)>,
    records: Vec<Record>,
}

/// The documents one walked source opens into, in order, with the file's
/// identity and how it was reached (one document for a text or HTML file).
struct Opened {
    docs: Vec<Result<Document, DocError>>,
    seen: Option<(Identity, bool)>,
}

/// One record: its line, or a large document to analyse in its turn.
enum Record {
    Line(Processed),
    Large(Document),
    Fatal(io::Error),
}

/// Runs `newsx extract`; `Err` is fatal (exit code 2).
pub fn run(args: &ExtractArgs) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let pipeline = build_pipeline(args)?;
    let options = WalkOptions {
        extensions: args.ext.iter().map(|e| normalize_ext(e)).collect(),
    };
    let reading = read_options(args);
    let mut found = walk(&input_paths(args)?, &options);
    // The first items: no more workers than documents are started (a file
    // of records may hold any number).
    let first: Vec<Found> = found.by_ref().take(requested(args)).collect();
    if first.is_empty() {
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
    let many = first.iter().any(|f| match &f.item {
        Item::Source(source) => holds_records(source, &reading),
        Item::Error(_) => false,
    });
    let documents = if many { usize::MAX } else { first.len() };
    let threads = workers(args.threads, documents);
    let items = first.into_iter().chain(found);
    let bar = progress_bar(args.quiet);
    let run = Run {
        pipeline: &pipeline,
        args,
        reading: &reading,
        templates: None,
        threads,
    };
    let totals = if args.templates {
        let feed = Feed::new(items, &reading);
        let (templates, mut read) = count_templates(&run, feed)?;
        let run = Run {
            templates: Some(&templates),
            ..run
        };
        let mut failed = false;
        // The documents read by the first pass; a failure to read them
        // back ends the run as a failure to write would.
        let jobs = std::iter::from_fn(|| match read.next_entry() {
            _ if failed => None,
            Ok(entry) => entry.map(|doc| Next::Item(Job::Read(doc))),
            Err(e) => {
                failed = true;
                Some(Next::Item(Job::Fatal(e)))
            }
        });
        write_all(&run, jobs, open_sink(args)?, &bar)
    } else {
        let feed = Feed::new(items, &reading);
        write_all(&run, feed, open_sink(args)?, &bar)
    };
    let totals = match totals {
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
    threads: usize,
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

/// The first pass of `--templates`: reads every input once, counts line
/// fingerprints (computed in parallel, added in input order, so the
/// counts are the same for any thread count), and keeps what it read for
/// the second pass ([`crate::spill`]).
fn count_templates(
    run: &Run<'_>,
    jobs: impl Iterator<Item = Next<Job>> + Send,
) -> anyhow::Result<(Templates, crate::spill::SpillReader)> {
    if run.args.paths.iter().any(|p| p == "-") {
        bail!(
            "--templates reads every input twice, so it cannot read stdin (-)"
        );
    }
    let mut counter = TemplateCounter::new();
    let mut seen = Seen::default();
    let mut spill = Spill::new().context("cannot create a temporary file")?;
    let work = |job: Job| {
        let opened = match open_job(job, run.reading) {
            Ok(opened) => opened,
            Err(e) => return (Err(e), 0),
        };
        let prints: Vec<_> = (opened.docs.iter())
            .map(|d| d.as_ref().ok().map(|d| document_fingerprints(&d.text)))
            .collect();
        let weight = (opened.docs.iter())
            .map(|d| d.as_ref().map_or(0, |d| d.bytes))
            .sum();
        (Ok((opened, prints)), weight)
    };
    type Printed = (Opened, Vec<Option<Vec<u64>>>);
    let consume = |done: io::Result<Printed>| {
        let (opened, prints) = done?;
        if let Some((id, linked)) = opened.seen {
            if !seen.first_visit(id, linked) {
                return io::Result::Ok(());
            }
        }
        for (doc, prints) in opened.docs.iter().zip(prints) {
            if let Some(prints) = prints {
                counter.add_fingerprints(&prints);
            }
            spill.push(doc)?;
        }
        io::Result::Ok(())
    };
    let prepare = |job| read_ahead(job, run.reading);
    map_ordered(jobs, run.threads, WINDOW, prepare, work, consume, || Ok(()))
        .context("cannot write a temporary file")?;
    let read = spill
        .into_reader()
        .context("cannot read back the temporary file")?;
    Ok((counter.finish(run.args.template_min_docs), read))
}

/// The documents of a job: read now for a walked item, as read for a
/// record or a file read ahead; the failure of a job that ends the run.
fn open_job(job: Job, reading: &ReadOptions) -> io::Result<Opened> {
    let (doc, seen) = match job {
        Job::Walked(found) => read(found, reading),
        Job::Read(doc) => (doc, None),
        Job::Opened(doc, seen) => (doc, seen),
        Job::Fatal(e) => return Err(e),
    };
    Ok(Opened {
        docs: vec![doc],
        seen,
    })
}

/// A walked file read ahead of its analysis ([`map_ordered`] prepares the
/// jobs a worker takes together), and the bytes it holds; other jobs as
/// they are.
fn read_ahead(job: Job, reading: &ReadOptions) -> (Job, u64) {
    match job {
        Job::Walked(found) => {
            let (doc, seen) = read(found, reading);
            let bytes = doc.as_ref().map_or(0, |d| d.bytes);
            (Job::Opened(doc, seen), bytes)
        }
        job => (job, 0),
    }
}

/// Reads a walked item: its document, its identity and how it was reached.
fn read(
    found: Found,
    reading: &ReadOptions,
) -> (DocResult, Option<(Identity, bool)>) {
    match found.item {
        Item::Source(source) => {
            let (doc, id) = read_identified(&source, reading);
            (doc, id.map(|id| (id, found.linked)))
        }
        Item::Error(err) => (Err(err), None),
    }
}

/// Processes the jobs and writes the records in input order.
fn write_all(
    run: &Run<'_>,
    jobs: impl Iterator<Item = Next<Job>> + Send,
    sink: Sink,
    bar: &ProgressBar,
) -> io::Result<Totals> {
    let mut totals = Totals::default();
    let mut seen = Seen::default();
    let started = Instant::now();
    // Shared by the writer and the idle flush (one thread, in turn).
    let sink = std::cell::RefCell::new(sink);
    let flushed: std::cell::Cell<Option<Instant>> = Default::default();
    let unflushed = std::cell::Cell::new(false);
    let work = |job| process(run, job);
    let consume = |done: Done| -> io::Result<()> {
        let mut sink = sink.borrow_mut();
        if let Some((id, linked)) = done.seen {
            if !seen.first_visit(id, linked) {
                return Ok(());
            }
        }
        unflushed.set(true);
        for record in done.records {
            let p = write_record(run, record, &mut sink)?;
            totals.add(&p);
            if let Some(message) = p.error {
                if !run.args.quiet {
                    bar.suspend(|| eprintln!("newsx: {message}"));
                }
            }
        }
        // The first record at once, then every tenth of a second: lets
        // `| head` see records early without a write per record.
        if flushed.get().map_or(true, |t| t.elapsed() >= FLUSH_EVERY) {
            sink.flush()?;
            unflushed.set(false);
            flushed.set(Some(Instant::now()));
            bar.set_position(totals.documents as u64);
            bar.set_message(rate(
                totals.bytes,
                started.elapsed().as_secs_f64(),
            ));
        }
        Ok(())
    };
    // Nothing came for a while (a stream paused): what was written goes
    // out now, not with the next record.
    let idle = || -> io::Result<()> {
        if unflushed.replace(false) {
            sink.borrow_mut().flush()?;
            flushed.set(Some(Instant::now()));
        }
        Ok(())
    };
    let prepare = |job| read_ahead(job, run.reading);
    map_ordered(jobs, run.threads, WINDOW, prepare, work, consume, idle)?;
    sink.into_inner().finish()?;
    Ok(totals)
}

/// Writes one record in its turn.
fn write_record(
    run: &Run<'_>,
    record: Record,
    sink: &mut Sink,
) -> io::Result<Processed> {
    Ok(match record {
        Record::Line(p) => {
            sink.write(&p.line)?;
            p
        }
        // A large document, in its turn: its record goes straight to
        // the output, never into a buffer.
        Record::Large(doc) => analyse_into(run, &Ok(doc), sink)?,
        Record::Fatal(e) => {
            let message = format!("cannot read back a temporary file: {e}");
            return Err(io::Error::new(e.kind(), message));
        }
    })
}

const FLUSH_EVERY: Duration = Duration::from_millis(100);

/// Documents of this many bytes or more are analysed one at a time, on
/// the main thread in their turn, and their record is streamed to the
/// output: analysing a document takes a multiple of its size in memory
/// (tokens, figures, the record), so only one such multiple is ever held.
const LARGE: u64 = 1 << 20;

/// Reads (unless read), analyses and serialises one job: each document
/// into its own line, failures into error records, a large document left
/// for its turn. The weight is the bytes held.
fn process(run: &Run<'_>, job: Job) -> (Done, u64) {
    let opened = match open_job(job, run.reading) {
        Ok(opened) => opened,
        Err(e) => {
            let records = vec![Record::Fatal(e)];
            return (
                Done {
                    seen: None,
                    records,
                },
                0,
            );
        }
    };
    let mut weight = 0;
    let records = (opened.docs.into_iter())
        .map(|doc| match doc {
            Ok(doc) if doc.bytes >= LARGE => {
                weight += doc.bytes;
                Record::Large(doc)
            }
            doc => {
                let p = line_of(run, &doc);
                weight += p.line.len() as u64;
                Record::Line(p)
            }
        })
        .collect();
    let seen = opened.seen;
    (Done { seen, records }, weight)
}

/// The record of a read document (or its error) as its own line.
fn line_of(run: &Run<'_>, doc: &Result<Document, DocError>) -> Processed {
    // A record is about twice its text (text, entities, figures): one
    // allocation instead of a dozen doublings.
    let text = doc.as_ref().map_or(0, |d| d.text.len());
    let mut line = Vec::with_capacity(2 * text + 512);
    match analyse_into(run, doc, &mut line) {
        Ok(p) => Processed { line, ..p },
        // Writing to memory fails only when serialising does.
        Err(e) => {
            let path = match doc {
                Ok(doc) => doc.path.clone(),
                Err(err) => err.path.clone(),
            };
            failed(&DocError::new(
                path,
                crate::read::ErrorKind::Unreadable,
                format!("cannot serialise the record: {e}"),
            ))
        }
    }
}

/// Analyses one read document and writes its record (or error record) to
/// `out`; what the summary needs comes back, with no line.
fn analyse_into(
    run: &Run<'_>,
    doc: &Result<Document, DocError>,
    out: &mut impl io::Write,
) -> io::Result<Processed> {
    let doc = match doc {
        Ok(doc) => doc,
        Err(err) => {
            record::write_error(out, err)?;
            return Ok(Processed {
                error: Some(err.to_string()),
                ..Processed::default()
            });
        }
    };
    let analysis = run.pipeline.analyze_document(doc, run.templates);
    let counts = record::write_document(out, doc, &analysis, run.args.spans)?;
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

/// The worker threads asked for, before knowing how many documents there
/// are: as many items are walked first.
fn requested(args: &ExtractArgs) -> usize {
    workers(args.threads, MAX_WORKERS)
}

fn output_error(args: &ExtractArgs, err: io::Error) -> anyhow::Error {
    match &args.output {
        Some(path) => anyhow::Error::new(err)
            .context(format!("cannot write {}", path.display())),
        None => anyhow::Error::new(err).context("cannot write to stdout"),
    }
}

/// A progress bar on stderr, or a hidden one when quiet or not a terminal.
/// The walk is lazy, so the number of documents is not known ahead: the
/// bar counts documents and shows the rate.
fn progress_bar(quiet: bool) -> ProgressBar {
    use std::io::IsTerminal;
    if quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::no_length();
    let style = ProgressStyle::with_template(
        "{spinner} {pos} documents, {msg}, {elapsed}",
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
