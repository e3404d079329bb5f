//! Lists of related links inside real articles, measured.
//!
//! Each Wikinews article beside the repository (`../shared/wikinews`, CC BY
//! 2.5, shaped at test time and never copied here) is laid out as a
//! scraper leaves a web page (one paragraph a line), and a list of three
//! real headlines of OTHER articles is put between two of its paragraphs,
//! in four layouts: bare lines, bulleted lines, and each of those after a
//! label. Every headline line must go, and every article line must stay.
//! The test fails below 0.98 recall on the headlines or above 0.6% of
//! article lines lost; `--nocapture` prints every miss. It says so on
//! stderr and passes when `../shared` is absent.

use std::fs;

use newsx::clean::Cleaner;

mod common;

/// (headline, paragraphs) of an article; captions and the date line are
/// left out, as a scraper reading the article body would.
fn article(src: &str) -> (String, Vec<String>) {
    let mut paras = src
        .split("\n\n")
        .map(|p| p.trim().replace('\n', " "))
        .filter(|p| !p.is_empty());
    // The headline line of these files ends with the article's date
    // ("… Tuesday, September 1, 2015"), which a link would not carry.
    let title = paras.next().unwrap_or_default();
    let title = match title.rfind(", ") {
        Some(i) if title[i + 2..].len() == 4 => strip_date(&title[..i]),
        _ => title.as_str(),
    }
    .to_owned();
    let body = paras
        .take_while(|p| p != "Sources" && !p.starts_with("Categories:"))
        .filter(|p| !p.to_lowercase().contains("image:"))
        .filter(|p| p.split_whitespace().count() > 6)
        .collect();
    (title, body)
}

/// "… ants Tuesday, September 1" → "… ants".
fn strip_date(head: &str) -> &str {
    let days = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    days.iter()
        .filter_map(|d| head.rfind(&format!(" {d}, ")))
        .max()
        .map_or(head, |i| &head[..i])
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How the injected list looks.
const LAYOUTS: [(&str, &str); 4] = [
    ("", ""),
    ("", "* "),
    ("Related stories", ""),
    ("Read more:", "* "),
];

#[test]
fn related_link_lists() {
    let Some(dir) = common::shared("wikinews", "clean_links_eval") else {
        return;
    };
    let paths = common::files_with_extension(&dir, "txt");
    let articles: Vec<(String, Vec<String>)> = paths
        .iter()
        .map(|p| article(&fs::read_to_string(p).expect("article is UTF-8")))
        .collect();
    let cleaner = Cleaner::new();
    let (mut links, mut caught, mut content, mut lost) = (0, 0, 0, 0);
    for (i, (title, body)) in articles.iter().enumerate() {
        if body.len() < 4 {
            continue;
        }
        let (label, bullet) = LAYOUTS[i % LAYOUTS.len()];
        let others: Vec<&str> = (1..=3)
            .map(|k| articles[(i + k * 7) % articles.len()].0.as_str())
            .collect();
        let at = body.len() / 2;
        let mut doc = format!("{title}\n\n");
        for (j, p) in body.iter().enumerate() {
            if j == at {
                if !label.is_empty() {
                    doc.push_str(label);
                    doc.push('\n');
                }
                for o in &others {
                    doc.push_str(&format!("{bullet}{o}\n"));
                }
                doc.push('\n');
            }
            doc.push_str(p);
            doc.push_str("\n\n");
        }
        let c = cleaner.clean(&doc);
        if std::env::var("LINKS_DOC").is_ok_and(|d| d == i.to_string()) {
            println!("{doc}\n{:#?}", c.removed);
        }
        let text = squash(&c.text);
        for o in &others {
            links += 1;
            let removed = c.removed.iter().any(|r| r.text.ends_with(o));
            caught += usize::from(removed);
            if !removed {
                println!("  MISS {i}: {bullet}{o}");
            }
        }
        for p in body {
            content += 1;
            if !text.contains(&squash(p)) {
                lost += 1;
                println!("  LOST {i}: {p}");
            }
        }
    }
    let recall = caught as f64 / links.max(1) as f64;
    let lost_share = lost as f64 / content.max(1) as f64;
    println!(
        "related links: {links} headlines, recall {recall:.3}; \
         {content} article lines, lost {lost}"
    );
    assert!(links >= 90, "too few lists: {links}");
    assert!(recall >= 0.98, "recall {recall:.3}");
    assert!(lost_share <= 0.006, "lost {lost} of {content}");
}
