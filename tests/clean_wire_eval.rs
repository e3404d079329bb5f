//! Wire-service layout, measured: real prose hard-wrapped at about 65
//! columns, paragraphs opened by a tab (or by spaces, or separated by blank
//! lines), and a "CITY, Country (AP) _" lede. Nothing in such a story is
//! furniture, so every line of it must survive cleaning.
//!
//! The prose is the Wikinews articles beside the repository
//! (`../shared/wikinews`, CC BY 2.5), shaped at test time and never copied
//! here. Each story is laid out three ways; a line of the laid-out story
//! counts as lost when its words do not appear, in order, in the cleaned
//! `text`. The test fails above 0.3% of lines lost, or when more than two
//! stories lose more than 1% of their lines in any layout. Run with
//! `--nocapture` to see every lost line. The test says so on stderr and
//! passes when `../shared` is absent.

use std::fs;

use newsx::clean::Cleaner;

mod common;

/// Datelines in the wire agencies' styles; the place is chosen by the
/// story's position, so every run lays out the same text.
const LEDES: &[&str] = &[
    "CAIRO, Egypt (AP) _ ",
    "PARIS, June 3 (Reuters) - ",
    "WASHINGTON (AP) -- ",
    "NAIROBI, Kenya (AP) _ ",
    "SAO PAULO, Brazil (AP) _ ",
    "TOKYO (AP) — ",
];

/// How paragraphs are marked.
#[derive(Clone, Copy, Debug)]
enum Layout {
    /// A tab opens each paragraph; no blank lines.
    Tab,
    /// Five spaces open each paragraph; no blank lines.
    Spaces,
    /// A blank line between paragraphs, no indent.
    Blank,
}

/// Greedy word wrap at `width` columns.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let len = line.chars().count() + word.chars().count() + 1;
        if !line.is_empty() && len > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Lays out one article: (document, its lines as laid out, unindented).
fn lay_out(src: &str, lede: &str, layout: Layout) -> (String, Vec<String>) {
    let paras = src
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty() && !is_date(p));
    // Every article but one opens with its headline; that one (a long
    // first paragraph) is laid out without.
    let mut paras = paras.peekable();
    let headline = paras
        .peek()
        .is_some_and(|p| p.split_whitespace().count() < 20);
    let title = if headline { paras.next() } else { None };
    let title = title.unwrap_or_default();
    // Wikinews puts the date on a line of its own, and photo captions
    // ("… Image: Danny Newman.") between paragraphs; wire copy has
    // neither, and a caption is furniture the cleaner may remove.
    // The "Sources" list and categories that end a Wikinews page are
    // not wire copy either. Wire copy opens with its lede: what precedes
    // the first paragraph of prose (a caption, a subheading) is left out.
    let body: Vec<&str> = paras
        .take_while(|p| *p != "Sources" && !p.starts_with("Categories:"))
        .filter(|p| !is_date(p) && !p.to_lowercase().contains("image:"))
        .skip_while(|p| p.split_whitespace().count() < 12)
        .collect();
    let mut doc = format!("{title}\n\n");
    let mut lines: Vec<String> = Some(title.to_owned())
        .filter(|t| !t.is_empty())
        .into_iter()
        .collect();
    for (i, p) in body.iter().enumerate() {
        let p = p.replace('\n', " ");
        let p = if i == 0 { format!("{lede}{p}") } else { p };
        let wrapped = wrap(&p, 65);
        if matches!(layout, Layout::Blank) && i > 0 {
            doc.push('\n');
        }
        for (j, l) in wrapped.iter().enumerate() {
            match (layout, j) {
                (Layout::Tab, 0) => doc.push('\t'),
                (Layout::Spaces, 0) => doc.push_str("     "),
                _ => {}
            }
            doc.push_str(l);
            doc.push('\n');
        }
        lines.extend(wrapped);
    }
    (doc, lines)
}

fn is_date(p: &str) -> bool {
    let days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
    let weekend = ["Saturday", "Sunday"];
    p.split_whitespace().count() <= 5
        && days.iter().chain(&weekend).any(|d| p.starts_with(d))
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn wire_layout() {
    let Some(dir) = common::shared("wikinews", "clean_wire_eval") else {
        return;
    };
    let paths = common::files_with_extension(&dir, "txt");
    let cleaner = Cleaner::new();
    let (mut total, mut lost, mut stories) = (0, 0, 0);
    let (mut bad, mut unnamed) = (Vec::new(), Vec::new());
    for (i, path) in paths.iter().enumerate() {
        let src = fs::read_to_string(path).expect("article is UTF-8");
        for layout in [Layout::Tab, Layout::Spaces, Layout::Blank] {
            let lede = LEDES[i % LEDES.len()];
            let (doc, lines) = lay_out(&src, lede, layout);
            let c = cleaner.clean(&doc);
            let text = squash(&c.text);
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let missing: Vec<&String> = lines
                .iter()
                .filter(|l| !text.contains(&squash(l)))
                .collect();
            for l in &missing {
                println!("  LOST {name} {layout:?}: {l}");
            }
            if missing.len() * 100 > lines.len() && !bad.contains(&name) {
                bad.push(name.clone());
            }
            if c.dateline.is_none() {
                unnamed.push(format!("{name} {layout:?}"));
            }
            total += lines.len();
            lost += missing.len();
            stories += 1;
        }
    }
    let share = lost as f64 / total.max(1) as f64;
    println!(
        "wire layout: {stories} stories, {total} lines, lost {lost} \
         ({:.2}%), articles losing > 1%: {}, datelines not named: {}",
        100.0 * share,
        bad.len(),
        unnamed.len()
    );
    println!("articles losing > 1%: {bad:?}\ndatelines not named: {unnamed:?}");
    assert!(stories >= 120, "too few stories: {stories}");
    assert!(share <= 0.003, "lost {lost} of {total} lines");
    assert!(bad.len() <= 2, "articles losing > 1%: {bad:?}");
    assert!(unnamed.is_empty(), "datelines not named: {unnamed:?}");
}
