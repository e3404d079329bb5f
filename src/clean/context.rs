//! Document-level passes: what a line is, given its neighbours.
//!
//! Order matters and is fixed here:
//! 1. classify every line alone (`furniture`), phrase list and templates
//!    first;
//! 2. section names are navigation before the first and after the last
//!    prose line, headings in between;
//! 3. the title: the first kept line, when it reads as a headline (no final
//!    full stop, at most 30 words). When the page opens with a links list
//!    ("Trending Now" + headlines), the title is the last headline before
//!    the byline, timestamp or first paragraph;
//! 4. repeats of the title;
//! 5. label runs: after "Read more", "Previous Article", "Tags"…, the short
//!    non-sentence lines that follow are links, up to the next prose line;
//! 6. headings, from the end backwards: a short non-sentence line is removed
//!    when the next line that matters is removed furniture or the end of the
//!    page (a subheading always leads into prose; "Thank you!", "No time to
//!    read?" and link lists lead into more furniture). Captions and adverts
//!    are transparent, so a subheading above a photo credit stays;
//! 7. sentences addressing the reader ("We'll send you…") without reported
//!    speech go when furniture surrounds them;
//! 8. bylines and datelines glued to the first paragraph are cut off.

use super::body;
use super::byline;
use super::furniture::{classify, Class};
use super::lines::{End, Features};
use super::lists;
use super::normalize::{assemble, KeptLine};
use super::phrases::Phrases;
use super::templates::Templates;
use super::vocabulary;
use super::{Cleaned, Reason, Removed};

/// One non-blank line of the document, with what the passes decided.
pub(super) struct Line<'a> {
    pub text: &'a str,
    pub blank_before: bool,
    pub feat: Features,
    pub class: Class,
    pub removed: Option<Reason>,
    /// Pieces cut from the start of a kept line, with their reasons.
    pub cuts: Vec<(&'a str, Reason)>,
    /// What is left of a kept line after the cuts.
    pub kept: &'a str,
}

/// Cleans one normalised document.
pub(crate) fn clean_document(
    text: &str,
    phrases: &Phrases,
    templates: Option<&Templates>,
) -> Cleaned {
    let mut lines = split(text);
    classify_all(&mut lines, phrases, templates);
    resolve_sections(&mut lines);
    for l in &mut lines {
        l.removed = certain(l.class);
    }
    let body = body::find(&lines)
        .map(|b| body::cut_at_thread(&lines, b))
        .map(|b| lists::trim_tail(&lines, b))
        .map(|b| body::widen(&lines, b));
    let title = match body {
        Some(b) => title_above(&mut lines, b.0),
        None => find_title(&mut lines),
    };
    if let Some(t) = title {
        duplicate_titles(&mut lines, t);
    }
    label_runs(&mut lines, title);
    if let Some(b) = body {
        body::judge_outside(&mut lines, b, title);
        body::keep_inner_prose(&mut lines, b);
        lists::keep_row_links(&mut lines, b);
        lists::inner_link_lists(&mut lines, b);
    }
    headings(&mut lines, title, body);
    asides(&mut lines);
    body::keep_reports(&mut lines);
    body::keep_lone_sentence(&mut lines);
    let (byline, dateline) = metadata(&mut lines, title);
    build(&lines, title, byline, dateline)
}

fn split(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut blank = false;
    for raw in super::lines::split(text) {
        let t = raw.trim();
        if t.is_empty() {
            blank = true;
            continue;
        }
        lines.push(Line {
            text: t,
            blank_before: blank,
            feat: Features::of(t),
            class: Class::Content,
            removed: None,
            cuts: Vec::new(),
            kept: t,
        });
        blank = false;
    }
    lines
}

fn classify_all(
    lines: &mut [Line<'_>],
    phrases: &Phrases,
    templates: Option<&Templates>,
) {
    let hits = templates
        .map(|t| t.hits(lines.iter().map(|l| (l.text, l.feat.prose()))));
    for (i, l) in lines.iter_mut().enumerate() {
        l.class = if hits.as_ref().is_some_and(|h| h[i]) {
            Class::Furniture(Reason::Template)
        } else if let Some(r) = phrases.get(l.text, l.feat.words) {
            Class::Furniture(r)
        } else {
            classify(l.text, &l.feat)
        };
    }
}

fn resolve_sections(lines: &mut [Line<'_>]) {
    let content =
        |l: &Line<'_>| matches!(l.class, Class::Content | Class::Aside);
    let first = lines.iter().position(content);
    let last = lines.iter().rposition(content);
    for (i, l) in lines.iter_mut().enumerate() {
        if l.class != Class::Section {
            continue;
        }
        let inside =
            matches!((first, last), (Some(a), Some(b)) if a < i && i < b);
        l.class = if inside {
            Class::Heading
        } else {
            Class::Furniture(Reason::Navigation)
        };
    }
}

/// Removal decided by the line alone.
fn certain(class: Class) -> Option<Reason> {
    match class {
        Class::Furniture(r) => Some(r),
        Class::Byline => Some(Reason::Byline),
        Class::Label => Some(Reason::Navigation),
        Class::Content
        | Class::Aside
        | Class::Heading
        | Class::Section
        | Class::Dateline => None,
    }
}

fn title_like(l: &Line<'_>) -> bool {
    matches!(l.class, Class::Heading | Class::Content | Class::Aside)
        && headline_shape(l)
}

/// Short, no final full stop, not a list item.
fn headline_shape(l: &Line<'_>) -> bool {
    !matches!(l.feat.end, End::Stop | End::Continues)
        && l.feat.words <= 30
        && !l.feat.bullet
}

/// Lines that mark the start of the article body.
fn starts_article(l: &Line<'_>) -> bool {
    matches!(l.class, Class::Content | Class::Aside)
        || matches!(
            l.removed,
            Some(Reason::Byline | Reason::Timestamp | Reason::Dateline)
        )
}

fn find_title(lines: &mut [Line<'_>]) -> Option<usize> {
    // A headline may open with a verb ("Keep your eyes on…"): right above
    // a timestamp or byline, the first line is the title whatever its verb.
    if let [head, next, ..] = &mut *lines {
        let marker = matches!(
            next.removed,
            Some(Reason::Timestamp | Reason::Byline | Reason::Dateline)
        );
        if head.removed == Some(Reason::Cta) && marker && headline_shape(head) {
            head.removed = None;
            return Some(0);
        }
    }
    let first = lines.iter().position(|l| l.removed.is_none())?;
    let after_label = lines[..first].iter().any(|l| l.class == Class::Label);
    if !after_label {
        return title_like(&lines[first]).then_some(first);
    }
    // The page opens with a list of links; the title ends the list.
    let mut last = None;
    for (i, l) in lines.iter().enumerate().skip(first) {
        if l.removed.is_none() && l.class == Class::Heading {
            last = Some(i);
            continue;
        }
        if l.class == Class::Label || !starts_article(l) {
            return None;
        }
        break;
    }
    last.filter(|&i| title_like(&lines[i]))
}

/// The title when the body is known: the headline-shaped line nearest
/// above the body that shares the most words with it (a menu entry or a
/// byline above the body shares none). Of two identical lines, the first.
fn title_above(lines: &mut [Line<'_>], start: usize) -> Option<usize> {
    // The headline at the top of the page, when no prose stands between
    // it and the body (only furniture, metadata or a standfirst).
    // Chrome is no headline: a lone "*" or one word of a menu.
    let worded = |l: &Line<'_>| {
        l.feat.words >= 2 && l.text.chars().any(char::is_alphabetic)
    };
    if let Some(t) =
        find_title(lines).filter(|&t| t < start && worded(&lines[t]))
    {
        if !lines[t + 1..start].iter().any(|l| l.feat.prose()) {
            return Some(t);
        }
    }
    let window = start.saturating_sub(TITLE_WINDOW)..start;
    let candidate = |l: &Line<'_>| {
        l.removed.is_none() && title_like(l) && l.feat.words >= 2
    };
    let verb = |l: &Line<'_>| {
        l.removed == Some(Reason::Cta) && headline_shape(l) && start > 0
    };
    let any = lines[window.clone()].iter().any(candidate)
        || lines.first().is_some_and(verb);
    if !any {
        return None;
    }
    let vocabulary = vocabulary::lede_vocabulary(&lines[start..]);
    // A headline may open with a verb ("Keep your eyes peeled for…"):
    // taken for a call to action alone, it is the title when it opens the
    // page and speaks of the body.
    if let Some(head) = lines.first_mut() {
        if verb(head) && vocabulary::shared_words(head.text, &vocabulary) >= 2 {
            head.removed = None;
            return Some(0);
        }
    }
    let mut best: Option<(usize, usize)> = None;
    for i in window.rev() {
        let l = &lines[i];
        if !candidate(l) {
            continue;
        }
        let shared = vocabulary::shared_words(l.text, &vocabulary);
        if shared > 0 && best.map_or(true, |(_, n)| shared > n) {
            best = Some((i, shared));
        }
    }
    let (t, _) = best?;
    let first = lines[..t]
        .iter()
        .position(|l| l.removed.is_none() && same_words(l.text, lines[t].text));
    Some(first.unwrap_or(t))
}

/// How far above the body a title is looked for, in lines.
const TITLE_WINDOW: usize = 12;

fn same_words(a: &str, b: &str) -> bool {
    let mut x = a.split_whitespace();
    let mut y = b.split_whitespace();
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if p.eq_ignore_ascii_case(q) => {}
            _ => return false,
        }
    }
}

fn duplicate_titles(lines: &mut [Line<'_>], title: usize) {
    let t = lines[title].text;
    for l in &mut lines[title + 1..] {
        if l.text.len().abs_diff(t.len()) <= 4 && same_words(l.text, t) {
            l.removed = Some(Reason::DuplicateTitle);
        }
    }
}

fn label_runs(lines: &mut [Line<'_>], title: Option<usize>) {
    for i in 0..lines.len() {
        if lines[i].class != Class::Label {
            continue;
        }
        for (j, l) in lines.iter_mut().enumerate().skip(i + 1) {
            if Some(j) == title || l.class == Class::Label {
                break;
            }
            if l.removed.is_some() {
                continue;
            }
            if l.class != Class::Heading {
                break;
            }
            l.removed = Some(Reason::RelatedLinks);
        }
    }
}

/// Removed lines that may sit inside an article without ending it.
fn transparent(r: Reason) -> bool {
    matches!(r, Reason::Caption | Reason::Advert)
}

fn headings(
    lines: &mut [Line<'_>],
    title: Option<usize>,
    body: Option<(usize, usize)>,
) {
    // What follows the current line: None = end of page.
    let mut next: Option<Option<Reason>> = None;
    for i in (0..lines.len()).rev() {
        // Inside the body, a line that introduces something ("Other good
        // ones:") or cites ("Christie, Agatha. The Mysterious…") is the
        // article's, whatever follows it; so is a row of a list.
        let inside = body.is_some_and(|(a, b)| (a..b).contains(&i));
        let candidate = lines[i].removed.is_none()
            && lines[i].class == Class::Heading
            && Some(i) != title
            && next != Some(None)
            && !lists::in_record_run(lines, i)
            && !(inside && lists::introduces_or_cites(&lines[i]));
        let l = &mut lines[i];
        if candidate {
            match next {
                None => l.removed = Some(Reason::Navigation),
                Some(Some(r)) => l.removed = Some(inherit(r)),
                Some(None) => {}
            }
        }
        match l.removed {
            Some(r) if transparent(r) => {}
            r => next = Some(r),
        }
    }
}

/// A sentence addressing the reader goes when furniture surrounds it
/// (the page end counts as furniture after it).
fn asides(lines: &mut [Line<'_>]) {
    let skip = |l: &&Line<'_>| l.removed.is_some_and(transparent);
    for i in 0..lines.len() {
        if lines[i].class != Class::Aside || lines[i].removed.is_some() {
            continue;
        }
        let prev = lines[..i].iter().rev().find(|l| !skip(l));
        let next = lines[i + 1..].iter().find(|l| !skip(l));
        let before = prev.is_some_and(|l| l.removed.is_some());
        let after = next.map_or(true, |l| l.removed.is_some());
        if before && after {
            lines[i].removed = Some(Reason::Cta);
        }
    }
}

fn inherit(r: Reason) -> Reason {
    match r {
        Reason::Cta | Reason::RelatedLinks => r,
        _ => Reason::Navigation,
    }
}

/// Cuts glued bylines and datelines; returns (byline, dateline).
fn metadata(
    lines: &mut [Line<'_>],
    title: Option<usize>,
) -> (Option<String>, Option<String>) {
    let mut name = None;
    let mut place = None;
    for l in lines.iter() {
        match l.removed {
            Some(Reason::Byline) if name.is_none() => {
                name = byline::byline_line(l.text, &l.feat)
                    .filter(|n| !n.is_empty());
            }
            None if l.class == Class::Dateline && place.is_none() => {
                place = byline::dateline(l.text).map(|d| d.value);
            }
            _ => {}
        }
    }
    let first = lines
        .iter()
        .enumerate()
        .position(|(i, l)| l.removed.is_none() && Some(i) != title);
    for (i, l) in lines.iter_mut().enumerate() {
        let glue = l.removed.is_none()
            && Some(i) != title
            && l.text.starts_with("By ");
        let g = if glue { byline::glued(l.text) } else { None };
        if let Some(g) = g {
            l.cuts.push((g.piece, Reason::Byline));
            l.kept = g.rest;
            name = name.or(Some(g.name));
        }
        if Some(i) != first && l.cuts.is_empty() {
            continue;
        }
        // The dateline stays in the sentence: the place and agency in it
        // are the article's words; the field only names it.
        if let Some(d) = byline::dateline(l.kept).filter(|d| !d.rest.is_empty())
        {
            place = place.or(Some(d.value));
        }
    }
    (name.map(str::to_owned), place.map(str::to_owned))
}

fn build(
    lines: &[Line<'_>],
    title: Option<usize>,
    byline: Option<String>,
    dateline: Option<String>,
) -> Cleaned {
    let mut removed = Vec::new();
    let mut kept = Vec::with_capacity(lines.len());
    let mut gap = false;
    for (i, l) in lines.iter().enumerate() {
        if let Some(reason) = l.removed {
            removed.push(Removed {
                text: l.text.to_owned(),
                reason,
            });
            gap = true;
            continue;
        }
        for &(piece, reason) in &l.cuts {
            removed.push(Removed {
                text: piece.to_owned(),
                reason,
            });
        }
        let feat = if l.cuts.is_empty() {
            l.feat
        } else {
            Features::of(l.kept)
        };
        kept.push(KeptLine {
            text: l.kept,
            break_before: gap || l.blank_before,
            title: Some(i) == title,
            feat,
        });
        gap = false;
    }
    let (text, paragraphs) = assemble(&kept);
    Cleaned {
        text,
        title: title.map(|t| lines[t].text.to_owned()),
        removed,
        byline,
        dateline,
        paragraphs,
    }
}
