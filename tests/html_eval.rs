//! Article extraction from real web pages, measured with the benchmark's
//! own metric.
//!
//! `../shared/dev/boilerplate/html/` holds 80 real pages from 57 sites
//! (ScrapingHub's Article Extraction Benchmark, MIT) and
//! `ground-truth.json` the article body a person marked on each. The
//! metric is the benchmark's, as `../shared/dev/README.md` defines it:
//! both texts are split into `\w+` tokens, every run of 4 tokens is a
//! shingle, counted as a multiset; per page, the shingles in both (TP),
//! only in the output (FP) and only in the truth (FN); precision is the
//! mean over pages of TP/(TP+FP), recall the mean of TP/(TP+FN), and F1 is
//! taken from those two means. A page "loses" the article when its recall
//! is under 0.9.
//!
//! The pages are split by site into two halves (sites in byte order,
//! alternately): `tune` is what the extraction rules were developed
//! against, `held-out` was only measured. Both must stay above their
//! floors. The output measured is the record's `text`, headline included
//! (the truth leaves headlines out, so a headline costs a little
//! precision); the figures without the headline are printed too.
//!
//! Run with `--nocapture` to see the figures and the largest misses.

use std::collections::{BTreeSet, HashMap};

use newsx::read::{read_source, Source};
use newsx::Pipeline;
use serde_json::Value;

mod common;

use common::f1;
use common::shingles::{Counts, Shingler};

/// Floors, just under what the extraction reaches.
const FLOORS: [(&str, f64, f64, f64, usize); 2] = [
    // (half, precision, recall, F1, most pages losing > 10%)
    ("tune", 0.945, 0.978, 0.962, 1),
    ("held-out", 0.935, 0.980, 0.957, 2),
];

fn site(url: &str) -> String {
    let host = url.split("://").nth(1).unwrap_or(url);
    let host = host.split('/').next().unwrap_or(host).to_lowercase();
    host.strip_prefix("www.").unwrap_or(&host).to_string()
}

struct Page {
    id: String,
    site: String,
    with_title: Counts,
    without_title: Counts,
}

/// Mean precision, mean recall, F1 of the means, pages losing > 10%.
fn summary(
    pages: &[&Page],
    pick: fn(&Page) -> Counts,
) -> (f64, f64, f64, usize) {
    let n = pages.len().max(1) as f64;
    let p = pages.iter().map(|x| pick(x).precision()).sum::<f64>() / n;
    let r = pages.iter().map(|x| pick(x).recall()).sum::<f64>() / n;
    let f1 = f1(p, r);
    let lost = pages.iter().filter(|x| pick(x).recall() < 0.9).count();
    (p, r, f1, lost)
}

#[test]
fn articles_from_real_pages() {
    let Some(dir) = common::shared("dev/boilerplate", "html_eval") else {
        return;
    };
    let Ok(truth) = std::fs::read_to_string(dir.join("ground-truth.json"))
    else {
        common::skip("html_eval", "ground-truth.json is absent");
        return;
    };
    let truth: HashMap<String, Value> =
        serde_json::from_str(&truth).expect("ground-truth.json is JSON");
    assert_eq!(truth.len(), 80, "the dev set has 80 pages");
    let sh = Shingler::new();
    let pipeline = Pipeline::builtin().expect("built-in gazetteers load");
    let sites: BTreeSet<String> = truth
        .values()
        .map(|v| site(v["url"].as_str().expect("a url")))
        .collect();
    let tune: BTreeSet<&String> = sites.iter().step_by(2).collect();
    let mut pages = Vec::new();
    let mut ids: Vec<&String> = truth.keys().collect();
    ids.sort();
    for id in ids {
        let path = dir.join("html").join(format!("{id}.html"));
        let doc = read_source(&Source::File(path), 16 << 20)
            .expect("every dev page reads");
        let analysis = pipeline.analyze(&doc.text);
        assert!(analysis.page.is_some(), "{id} is sniffed as HTML");
        let text = &analysis.cleaned.text;
        let body = match &analysis.cleaned.title {
            Some(t) => text.strip_prefix(t.as_str()).unwrap_or(text),
            None => text,
        };
        let gold = truth[id]["articleBody"].as_str().expect("a body");
        pages.push(Page {
            id: id.clone(),
            site: site(truth[id]["url"].as_str().expect("a url")),
            with_title: sh.compare(text, gold),
            without_title: sh.compare(body, gold),
        });
    }
    let mut failures = Vec::new();
    for (half, floor_p, floor_r, floor_f1, max_lost) in FLOORS {
        let part: Vec<&Page> = pages
            .iter()
            .filter(|p| tune.contains(&p.site) == (half == "tune"))
            .collect();
        let (p, r, f1, lost) = summary(&part, |x| x.with_title);
        let (bp, br, bf1, _) = summary(&part, |x| x.without_title);
        println!(
            "{half}: {} pages, precision {p:.3}, recall {r:.3}, F1 {f1:.3}, \
             {lost} pages losing > 10%  (without the headline: {bp:.3} / \
             {br:.3} / {bf1:.3})",
            part.len()
        );
        if p < floor_p || r < floor_r || f1 < floor_f1 || lost > max_lost {
            failures.push(format!(
                "{half}: P {p:.3} R {r:.3} F1 {f1:.3} lost {lost} \
                 (floors {floor_p} {floor_r} {floor_f1} {max_lost})"
            ));
        }
    }
    let all: Vec<&Page> = pages.iter().collect();
    let (p, r, f1, lost) = summary(&all, |x| x.with_title);
    println!("all: precision {p:.3}, recall {r:.3}, F1 {f1:.3}, {lost} lost");
    let mut worst: Vec<&Page> = pages.iter().collect();
    worst.sort_by(|a, b| {
        let key =
            |x: &Page| x.with_title.precision().min(x.with_title.recall());
        key(a).total_cmp(&key(b))
    });
    println!("largest misses:");
    for page in worst.iter().take(12) {
        println!(
            "  {} {:<28} precision {:.2} recall {:.2}",
            &page.id[..12],
            page.site,
            page.with_title.precision(),
            page.with_title.recall()
        );
    }
    assert!(failures.is_empty(), "below the floors: {failures:#?}");
}
