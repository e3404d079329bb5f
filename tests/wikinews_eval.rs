//! Accuracy on real prose: figures and entities in 43 Wikinews articles.
//!
//! The articles (CC BY 2.5) are not in the repository; they live beside the
//! checkout in `../shared/wikinews`. When that folder is absent the test
//! says on standard error that it is skipped, and passes. The gold labels in `tests/data/wikinews` name
//! each item by its text and occurrence (see the README there); the test
//! runs the whole pipeline on each raw article, finds every gold item in the
//! cleaned text, and scores predictions against them. A prediction matches
//! a gold item when type and span coincide exactly; among matched figures
//! the value, range end, currency or unit, and qualifier are checked.
//!
//! Everything is printed (misses, false positives, wrong attributes), and
//! the test fails when a measure drops below its floor. The floors sit a
//! little under what the pipeline measured when they were set, so that they
//! catch regressions; where that is below the project's target the target
//! is printed beside the measure.

mod common;

use common::ratio;
use common::score::Score;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use newsx::figures::{Figure, Qualifier};
use newsx::{Analysis, Pipeline};

/// One labelled figure.
struct GoldFigure {
    occurrence: usize,
    kind: String,
    text: String,
    value: String,
    value_max: String,
    currency_or_unit: String,
    qualifier: String,
}

/// One labelled entity mention.
struct GoldEntity {
    occurrence: usize,
    kind: String,
    text: String,
}

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/wikinews")
}

/// The rows of a TSV file without its header, each padded to `cols` cells.
fn read_tsv(name: &str, cols: usize) -> Vec<Vec<String>> {
    let path = data_dir().join(name);
    let body = fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    body.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut row: Vec<String> =
                l.split('\t').map(str::to_string).collect();
            row.resize(cols.max(row.len()), String::new());
            row
        })
        .collect()
}

fn occurrence(row: &[String]) -> usize {
    row[1]
        .parse()
        .unwrap_or_else(|_| panic!("bad occurrence in {row:?}"))
}

/// Gold figures keyed by file name.
fn gold_figures() -> BTreeMap<String, Vec<GoldFigure>> {
    let mut out: BTreeMap<String, Vec<GoldFigure>> = BTreeMap::new();
    for row in read_tsv("figures.tsv", 8) {
        out.entry(row[0].clone()).or_default().push(GoldFigure {
            occurrence: occurrence(&row),
            kind: row[2].clone(),
            text: row[3].clone(),
            value: row[4].clone(),
            value_max: row[5].clone(),
            currency_or_unit: row[6].clone(),
            qualifier: row[7].clone(),
        });
    }
    out
}

/// Gold entity mentions keyed by file name.
fn gold_entities() -> BTreeMap<String, Vec<GoldEntity>> {
    let mut out: BTreeMap<String, Vec<GoldEntity>> = BTreeMap::new();
    for row in read_tsv("entities.tsv", 4) {
        out.entry(row[0].clone()).or_default().push(GoldEntity {
            occurrence: occurrence(&row),
            kind: row[2].clone(),
            text: row[3].clone(),
        });
    }
    out
}

/// Byte span of the `n`th (1-based) occurrence of `needle` in `text`,
/// overlapping occurrences included.
fn locate(text: &str, needle: &str, n: usize) -> Option<(usize, usize)> {
    let mut from = 0;
    let mut seen = 0;
    while let Some(i) = text.get(from..).and_then(|t| t.find(needle)) {
        let start = from + i;
        seen += 1;
        if seen == n {
            return Some((start, start + needle.len()));
        }
        // Step one character so overlapping occurrences are counted.
        from = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Up to 30 bytes of text either side of a span, on one line.
fn context(text: &str, start: usize, end: usize) -> String {
    let mut a = start.saturating_sub(30);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (end + 30).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    format!(
        "{}[{}]{}",
        &text[a..start],
        &text[start..end],
        &text[end..b]
    )
    .replace('\n', " ")
}

/// Correct / checked counts for the attributes of matched figures.
#[derive(Default)]
struct Attributes {
    checked: BTreeMap<&'static str, (usize, usize)>,
}

impl Attributes {
    fn add(&mut self, what: &'static str, ok: bool) {
        let e = self.checked.entry(what).or_default();
        e.0 += usize::from(ok);
        e.1 += 1;
    }
    fn rate(&self, what: &str) -> f64 {
        self.checked.get(what).map_or(1.0, |&(ok, n)| ratio(ok, n))
    }
}

/// The lines of every report section, printed at the end.
#[derive(Default)]
struct Report {
    missed: Vec<String>,
    not_in_text: Vec<String>,
    false_positives: Vec<String>,
    wrong: Vec<String>,
}

impl Report {
    fn print(&self, what: &str) {
        let sections = [
            (
                "not in the cleaned text (removed or altered)",
                &self.not_in_text,
            ),
            ("missed", &self.missed),
            ("false positives", &self.false_positives),
            ("matched with a wrong attribute", &self.wrong),
        ];
        for (title, lines) in sections {
            println!("--- {what}: {title} ({})", lines.len());
            for line in lines {
                println!("  {line}");
            }
        }
    }
}

/// Digits of a decimal without insignificant zeros: "8.00" → "8".
fn normalize_number(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

fn qualifier_name(q: Option<Qualifier>) -> &'static str {
    match q {
        None => "",
        Some(Qualifier::Over) => "over",
        Some(Qualifier::AtLeast) => "at_least",
        Some(Qualifier::Under) => "under",
        Some(Qualifier::AtMost) => "at_most",
        Some(Qualifier::About) => "about",
        Some(Qualifier::Almost) => "almost",
    }
}

/// The figure's attributes, in the gold file's spelling.
fn figure_attributes(f: &Figure) -> [(&'static str, String); 4] {
    let unit = f.currency.clone().or_else(|| f.unit.clone());
    [
        ("value", normalize_number(&f.value.to_string())),
        (
            "value_max",
            f.value_max
                .map_or(String::new(), |v| normalize_number(&v.to_string())),
        ),
        ("currency_or_unit", unit.unwrap_or_default()),
        ("qualifier", qualifier_name(f.qualifier).to_string()),
    ]
}

fn gold_attributes(g: &GoldFigure) -> [String; 4] {
    [
        normalize_number(&g.value),
        normalize_number(&g.value_max),
        g.currency_or_unit.clone(),
        g.qualifier.clone(),
    ]
}

/// Checks every attribute of a matched figure; the unit is scored under
/// the figure's type ("unit:count") so counts can be judged on their own.
fn check_attributes(
    file: &str,
    g: &GoldFigure,
    f: &Figure,
    attrs: &mut Attributes,
    report: &mut Report,
) {
    let got = figure_attributes(f);
    let want = gold_attributes(g);
    for ((name, got), want) in got.iter().zip(want.iter()) {
        let ok = got == want;
        let key: &'static str = match (*name, g.kind.as_str()) {
            ("currency_or_unit", "money") => "currency",
            ("currency_or_unit", "count") => "unit:count",
            ("currency_or_unit", _) => "unit:other",
            (n, _) => n,
        };
        attrs.add(key, ok);
        if !ok {
            report.wrong.push(format!(
                "{file}: {} \"{}\" {name}: want {want:?}, got {got:?}",
                g.kind, g.text
            ));
        }
    }
}

/// A gold item by type, text and occurrence, and a prediction by type and
/// byte span: what both kinds of item are aligned on.
type GoldKey<'g> = (&'g str, &'g str, usize);
type Predicted<'p> = (&'p str, usize, usize);

/// Matches gold items to predictions of the same type and span, counting
/// gold, matched and predicted per type and reporting gold items missed or
/// not in the text. Returns the matched (gold, prediction) index pairs and,
/// per prediction, whether it matched.
fn align(
    file: &str,
    text: &str,
    gold: &[GoldKey<'_>],
    predicted: &[Predicted<'_>],
    scores: &mut BTreeMap<String, Score>,
    report: &mut Report,
) -> (Vec<(usize, usize)>, Vec<bool>) {
    let mut used = vec![false; predicted.len()];
    let mut pairs = Vec::new();
    for (gi, &(kind, item, occurrence)) in gold.iter().enumerate() {
        scores.entry(kind.to_string()).or_default().gold += 1;
        let Some((start, end)) = locate(text, item, occurrence) else {
            report
                .not_in_text
                .push(format!("{file}: {kind} \"{item}\" #{occurrence}"));
            continue;
        };
        match predicted.iter().position(|&p| p == (kind, start, end)) {
            Some(pi) => {
                used[pi] = true;
                pairs.push((gi, pi));
                scores.entry(kind.to_string()).or_default().matched += 1;
            }
            None => report
                .missed
                .push(format!("{file}: {kind} {}", context(text, start, end))),
        }
    }
    for &(kind, _, _) in predicted {
        scores.entry(kind.to_string()).or_default().predicted += 1;
    }
    (pairs, used)
}

/// Scores the figures of one article.
fn score_figures(
    file: &str,
    analysis: &Analysis,
    gold: &[GoldFigure],
    scores: &mut BTreeMap<String, Score>,
    attrs: &mut Attributes,
    report: &mut Report,
) {
    let text = analysis.cleaned.text.as_str();
    let keys: Vec<GoldKey<'_>> = gold
        .iter()
        .map(|g| (g.kind.as_str(), g.text.as_str(), g.occurrence))
        .collect();
    let figures = &analysis.figures;
    let predicted: Vec<Predicted<'_>> = figures
        .iter()
        .map(|f| (f.kind.as_str(), f.span.start, f.span.end))
        .collect();
    let (pairs, used) = align(file, text, &keys, &predicted, scores, report);
    for (gi, pi) in pairs {
        check_attributes(file, &gold[gi], &figures[pi], attrs, report);
    }
    for (f, _) in figures.iter().zip(used).filter(|(_, u)| !u) {
        let [(_, value), _, (_, unit), (_, q)] = figure_attributes(f);
        report.false_positives.push(format!(
            "{file}: {} {} = {value} {unit} {q}",
            f.kind.as_str(),
            context(text, f.span.start, f.span.end)
        ));
    }
}

/// Scores the entity mentions of one article.
fn score_entities(
    file: &str,
    analysis: &Analysis,
    gold: &[GoldEntity],
    scores: &mut BTreeMap<String, Score>,
    report: &mut Report,
) {
    let text = analysis.cleaned.text.as_str();
    let keys: Vec<GoldKey<'_>> = gold
        .iter()
        .map(|g| (g.kind.as_str(), g.text.as_str(), g.occurrence))
        .collect();
    let mentions = &analysis.mentions;
    let predicted: Vec<Predicted<'_>> = mentions
        .iter()
        .map(|m| (m.kind.as_str(), m.span.start, m.span.end))
        .collect();
    let (_, used) = align(file, text, &keys, &predicted, scores, report);
    for (m, _) in mentions.iter().zip(used).filter(|(_, u)| !u) {
        report.false_positives.push(format!(
            "{file}: {} {} ({})",
            m.kind.as_str(),
            context(text, m.span.start, m.span.end),
            m.name
        ));
    }
}

fn total(scores: &BTreeMap<String, Score>) -> Score {
    Score::sum(scores.values())
}

fn print_scores(what: &str, scores: &BTreeMap<String, Score>) {
    println!("=== {what}: per type (matched / gold / predicted)");
    for (kind, s) in scores.iter().chain([(&"all".to_string(), &total(scores))])
    {
        println!(
            "  {kind:<13} {:>4} / {:>4} / {:>4}  precision {:.3}  recall {:.3}",
            s.matched,
            s.gold,
            s.predicted,
            s.precision(),
            s.recall()
        );
    }
}

/// A measure with its floor (the regression guard) and the project target.
struct Check {
    name: &'static str,
    measured: f64,
    floor: f64,
    target: f64,
}

/// Prints every check and fails if any is under its floor.
fn enforce(checks: &[Check]) {
    println!("=== checks (measured, floor, target)");
    let mut failed = Vec::new();
    for c in checks {
        let mark = if c.measured >= c.target {
            ""
        } else {
            "  below target"
        };
        println!(
            "  {:<34} {:.3}  floor {:.2}  target {:.2}{mark}",
            c.name, c.measured, c.floor, c.target
        );
        if c.measured < c.floor {
            failed
                .push(format!("{} {:.3} < {:.2}", c.name, c.measured, c.floor));
        }
    }
    assert!(failed.is_empty(), "below the floor: {}", failed.join("; "));
}

fn score(scores: &BTreeMap<String, Score>, kind: &str) -> Score {
    scores.get(kind).copied().unwrap_or_default()
}

/// Every article of the corpus folder, by file name.
fn articles(dir: &Path) -> Vec<(String, String)> {
    common::files_with_extension(dir, "txt")
        .into_iter()
        .map(|p| {
            let name = p
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            let text = fs::read_to_string(&p)
                .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (name, text)
        })
        .collect()
}

#[test]
fn wikinews_figures_and_entities() {
    let Some(dir) = common::shared("wikinews", "wikinews_eval") else {
        return;
    };
    let pipeline = Pipeline::builtin().expect("builtin gazetteers load");
    let figures = gold_figures();
    let entities = gold_entities();
    let articles = articles(&dir);
    assert_eq!(articles.len(), 43, "the corpus has 43 articles");
    for file in figures.keys().chain(entities.keys()) {
        assert!(
            articles.iter().any(|(name, _)| name == file),
            "gold labels name {file}, which is not in the corpus"
        );
    }

    let (mut fig_scores, mut ent_scores) = (BTreeMap::new(), BTreeMap::new());
    let mut attrs = Attributes::default();
    let (mut fig_report, mut ent_report) =
        (Report::default(), Report::default());
    for (file, raw) in &articles {
        let analysis = pipeline.analyze(raw);
        let gold = figures.get(file).map_or(&[][..], Vec::as_slice);
        score_figures(
            file,
            &analysis,
            gold,
            &mut fig_scores,
            &mut attrs,
            &mut fig_report,
        );
        if let Some(gold) = entities.get(file) {
            score_entities(
                file,
                &analysis,
                gold,
                &mut ent_scores,
                &mut ent_report,
            );
        }
    }

    fig_report.print("figures");
    ent_report.print("entities");
    print_scores("figures (43 articles)", &fig_scores);
    println!("=== figure attributes among matches (correct / checked)");
    for (what, (ok, n)) in &attrs.checked {
        println!("  {what:<17} {ok:>4} / {n:>4}  {:.3}", ratio(*ok, *n));
    }
    print_scores(
        &format!("entities ({} articles)", entities.len()),
        &ent_scores,
    );
    enforce(&checks(&fig_scores, &ent_scores, &attrs));
}

/// The measures the test guards, with floors and targets.
fn checks(
    figs: &BTreeMap<String, Score>,
    ents: &BTreeMap<String, Score>,
    attrs: &Attributes,
) -> Vec<Check> {
    let (money, count) = (score(figs, "money"), score(figs, "count"));
    let all_figures = total(figs);
    let check = |name, measured, floor, target| Check {
        name,
        measured,
        floor,
        target,
    };
    vec![
        check("money precision", money.precision(), 0.95, 0.97),
        check("money recall", money.recall(), 0.95, 0.93),
        check("count precision", count.precision(), 0.97, 0.97),
        check("count recall", count.recall(), 0.93, 0.93),
        check("count unit correct", attrs.rate("unit:count"), 0.95, 0.85),
        check("all figures precision", all_figures.precision(), 0.97, 0.97),
        check("all figures recall", all_figures.recall(), 0.94, 0.93),
        check("figure value correct", attrs.rate("value"), 0.98, 1.0),
        check("entity precision", total(ents).precision(), 0.95, 0.95),
        check(
            "location recall",
            score(ents, "location").recall(),
            0.87,
            0.90,
        ),
        check("person recall", score(ents, "person").recall(), 0.80, 0.70),
        check(
            "organization recall",
            score(ents, "organization").recall(),
            0.74,
            0.70,
        ),
    ]
}

#[test]
fn locate_counts_overlapping_and_non_ascii_occurrences() {
    let text = "Ličen met Ličen; aaa";
    assert_eq!(locate(text, "Ličen", 1), Some((0, 6)));
    assert_eq!(locate(text, "Ličen", 2), Some((11, 17)));
    assert_eq!(locate(text, "Ličen", 3), None);
    assert_eq!(locate(text, "aa", 2), Some((20, 22)));
    assert_eq!(context("ab", 0, 1), "[a]b");
}
