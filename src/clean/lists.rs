//! Lists at the edges of the article body and inside it.
//!
//! A list is article content when its rows are records: tour dates,
//! results, "Label: value" rows, a shop list with the link under each
//! item. A list is furniture when its lines are other articles'
//! headlines: a teaser list ending the body ("Woman risks her life to
//! save a koala" + its one-line summary), or a list of links between two
//! paragraphs. The difference is shape (a number or a date leads a row, a
//! headline has no final stop) and vocabulary: another article's headline
//! shares few words with the body.

use super::context::Line;
use super::furniture::Class;
use super::lexicon::{self, DATE};
use super::lines::End;
use super::vocabulary::{overlap, vocabulary, words_of, Vocabulary};
use super::Reason;

/// Trims teasers off the end of the body (a list of them: two units at
/// least): from the end backwards, a unit
/// (a headline-shaped line or a bullet, with the few lines under it) that
/// shares little of its vocabulary with the body's first part is another
/// article's teaser ("Woman risks her life to save a koala" + its one-line
/// summary); the trimming stops at the first unit that speaks of the
/// article.
pub(super) fn trim_tail(
    lines: &[Line<'_>],
    body: (usize, usize),
) -> (usize, usize) {
    let (start, mut end) = body;
    let core_end = start + (end - start) * 3 / 5;
    let mut vocab: Option<Vocabulary> = None;
    let heads = (core_end..end).filter(|&i| unit_head(lines, i)).count();
    if heads < 2 {
        return body;
    }
    while end > core_end {
        let Some(head) = (core_end..end).rev().find(|&i| unit_head(lines, i))
        else {
            break;
        };
        // A teaser is a few short lines; a long paragraph is the article's.
        let long = lines[head..end].iter().any(|l| l.feat.words > TEASER_WORDS);
        if end - head > 3 || long {
            break;
        }
        let v =
            vocab.get_or_insert_with(|| vocabulary(&lines[start..core_end]));
        let (shared, total) = lines[head..end]
            .iter()
            .filter(|l| l.removed.is_none())
            .map(|l| overlap(l.text, v))
            .fold((0, 0), |(a, b), (c, d)| (a + c, b + d));
        if total == 0 || shared * 4 >= total {
            break;
        }
        end = head;
    }
    (start, end)
}

/// Most words in a line of a teaser.
const TEASER_WORDS: u32 = 50;

/// A line that may head a teaser: a kept bullet, a title-case headline,
/// or any heading under a time ("10H ago 01:09" + "How impeachment
/// impacts 2020": the latest-news list of the site).
fn unit_head(lines: &[Line<'_>], i: usize) -> bool {
    let l = &lines[i];
    let timed = i > 0 && lines[i - 1].removed == Some(Reason::Timestamp);
    // A sentence-case headline over a one-sentence summary.
    let summarised = || {
        l.feat.words >= 4
            && !record(l)
            && lines.get(i + 1).is_some_and(|n| {
                n.removed.is_none() && n.feat.prose() && !record(n)
            })
    };
    l.removed.is_none()
        && (l.feat.bullet
            || l.class == Class::Heading
                && (headline(l) || timed || summarised()))
}

/// Lines at the start of `lines` that form a list of records: rows, and
/// between them the links a shop list puts under each row.
pub(super) fn record_run(lines: &[Line<'_>]) -> usize {
    let mut rows = 0;
    let mut len = 0;
    for (i, l) in lines.iter().enumerate() {
        if record(l) {
            rows += 1;
            len = i + 1;
        } else if !(link_under_row(l) && rows > 0) {
            break;
        }
    }
    if rows >= 2 {
        len
    } else {
        0
    }
}

/// Keeps the links a list puts under each of its rows inside the body:
/// they are the list's own ("1) A product" then its address).
pub(super) fn keep_row_links(lines: &mut [Line<'_>], body: (usize, usize)) {
    for i in body.0 + 1..body.1 {
        if link_under_row(&lines[i]) && in_record_run(lines, i - 1) {
            lines[i].removed = None;
        }
    }
}

/// A removed link or source line, as a shop list puts under each item.
pub(super) fn link_under_row(l: &Line<'_>) -> bool {
    matches!(l.removed, Some(Reason::Source)) && l.feat.words <= 2
}

/// A short heading that may introduce a list.
pub(super) fn list_caption(l: &Line<'_>) -> bool {
    let heading = l.removed.is_none() && l.class == Class::Heading;
    // "Results", "Standings": a section name, taken for navigation alone.
    let section = l.removed == Some(Reason::Navigation) && l.feat.words <= 2;
    (heading || section) && l.feat.words <= 8 && !l.feat.bullet
}

/// Removes lists of links inside the body: two or more adjacent short
/// lines that read as headlines (no final stop, a bullet or a heading
/// shape, no row of a list of records) and share under a quarter of their
/// words with the body's prose are other articles' headlines. A single
/// heading is a subheading, and a list that speaks of the article stays.
pub(super) fn inner_link_lists(lines: &mut [Line<'_>], body: (usize, usize)) {
    let mut vocab: Option<Vocabulary> = None;
    let mut i = body.0;
    while i < body.1 {
        let run = lines[i..body.1].iter().take_while(|l| link_like(l)).count();
        if run < 2 {
            i += 1;
            continue;
        }
        let v = vocab
            .get_or_insert_with(|| prose_vocabulary(&lines[body.0..body.1]));
        let (shared, total) = lines[i..i + run]
            .iter()
            .map(|l| overlap(l.text, v))
            .fold((0, 0), |(a, b), (c, d)| (a + c, b + d));
        if shared * 4 < total {
            for l in &mut lines[i..i + run] {
                l.removed = Some(Reason::RelatedLinks);
            }
        }
        i += run;
    }
}

/// A kept line shaped like a link to another article.
fn link_like(l: &Line<'_>) -> bool {
    l.removed.is_none()
        && !l.feat.ends_sentence()
        && l.feat.end != End::Colon
        && (3..=25).contains(&l.feat.words)
        && (l.feat.bullet || l.class == Class::Heading)
        && !record(l)
        && !inner_stop(l.text)
}

/// A line ending in a colon (it introduces what follows) or holding a
/// full stop after a word (a reference): never a link.
pub(super) fn introduces_or_cites(l: &Line<'_>) -> bool {
    l.feat.end == End::Colon || inner_stop(l.text)
}

/// A full stop inside the line after a word ("Christie, Agatha. The
/// Mysterious Affair"): a reference or a note, which a headline is not.
/// Abbreviations ("U.S. Republican", "Mr. Smith") do not count.
fn inner_stop(text: &str) -> bool {
    let b = text.as_bytes();
    (1..b.len().saturating_sub(1)).any(|i| {
        b[i] == b'.' && b[i + 1] == b' ' && {
            let word = text[..i].rsplit(' ').next().unwrap_or("");
            word.len() >= 4
                && word.chars().all(char::is_alphabetic)
                && word.chars().skip(1).all(char::is_lowercase)
        }
    })
}

/// The words of the body's prose lines (not its headings or lists).
fn prose_vocabulary(lines: &[Line<'_>]) -> Vocabulary {
    words_of(
        lines
            .iter()
            .filter(|l| l.removed.is_none() && l.feat.prose()),
    )
}

/// Whether line `i` is a row of a list of records (with a row next to it):
/// the end of an article may be a list of dates or results, which the
/// heading rules must not take for a list of links.
pub(super) fn in_record_run(lines: &[Line<'_>], i: usize) -> bool {
    // A row's links are one or two lines; looking no further keeps the
    // heading pass linear on a page of nothing but links.
    let kept = |l: &&Line<'_>| !link_under_row(l);
    let before = lines[..i].iter().rev().take(ROW_LINKS + 1).find(kept);
    let after = lines[i + 1..].iter().take(ROW_LINKS + 1).find(kept);
    record(&lines[i])
        && (before.is_some_and(record) || after.is_some_and(record))
}

/// Link lines a list may put under one row.
const ROW_LINKS: usize = 2;

/// A row of a list of records: a kept line of a few words that opens with
/// a number or a month ("June 23 – Raleigh, NC", "3) Blade Runner"), holds
/// a score ("Palm Bay d. Rockledge 70-44") or two numbers in a short line
/// ("Lyon 2 Marseille 1"), or is shaped "Label: value" with a number or a
/// short value ("England (Group A): 10th appearance").
pub(super) fn record(l: &Line<'_>) -> bool {
    if l.removed.is_some() || l.feat.words < 3 || l.feat.words > 30 {
        return false;
    }
    let t = l.text.trim_start_matches(['*', '•', '-', ' ']);
    let first = t.split(' ').next().unwrap_or("");
    let leads = first.starts_with(|c: char| c.is_ascii_digit())
        || lexicon::classes_of(first) & DATE != 0
            && first.starts_with(|c: char| c.is_uppercase());
    let b = t.as_bytes();
    let score = b.windows(3).any(|w| {
        w[0].is_ascii_digit() && w[1] == b'-' && w[2].is_ascii_digit()
    });
    let labelled = t.find(": ").is_some_and(|i| {
        let value = &t[i + 2..];
        t[..i].split_ascii_whitespace().count() <= 5
            && (value.bytes().any(|b| b.is_ascii_digit())
                || value.split_ascii_whitespace().count() <= 4)
    });
    // "Lyon 2 Marseille 1", "Smith 71 68 70 209": a row of a results table.
    let numbers = t
        .split_ascii_whitespace()
        .filter(|w| w.bytes().all(|b| b.is_ascii_digit()))
        .count();
    let table = numbers >= 2 && l.feat.words <= 12;
    leads || score || labelled || table
}

/// A headline of another article: several words, most capitalised, no
/// final stop.
pub(super) fn headline(l: &Line<'_>) -> bool {
    l.feat.words >= 5 && l.feat.end == End::Open && {
        let caps = l
            .text
            .split_ascii_whitespace()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count();
        caps * 2 >= l.feat.words as usize
    }
}
