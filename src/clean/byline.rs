//! Bylines and datelines: metadata that sits at the start of an article.
//!
//! - A byline line ("By Dana Whitfield and Luis Ortega", "Written by …",
//!   "Reporting by …; Editing by …", "Jakarta Post staff") is removed with
//!   reason `byline`; the first head byline's name goes to `Cleaned::byline`
//!   without the "By " cue.
//! - A byline glued to the first sentence by the scraper ("By GlobalDataThe
//!   two countries…") is split at the case change where the sentence starts:
//!   the last lower→upper transition in the glued word. A split is accepted
//!   only when it is plausible: the sentence starts with a function word
//!   ("The", "A", "In"…) or an upper-case dateline, or the name is two words or
//!   itself camel-cased ("GlobalData"), so "By GlobalData analysts' count…"
//!   is not cut into "Global" + "Data analysts…".
//! - A dateline ("MOSCOW, Nov 3 (Reuters) -", "TOKYO —", "Moscow (TASS) -",
//!   "CAIRO, Egypt (AP) _") at the start of the first paragraph stays in
//!   the text as written and is named by `Cleaned::dateline`: its place and
//!   agency are the article's words, which later stages look for entities
//!   in. A dateline on a line of its own stays too, and joins the first
//!   paragraph.

use std::sync::LazyLock;

use regex::Regex;

use super::lexicon::{self, BYLINE_TAIL, GLUE, STARTER};
use super::lines::{End, Features};

/// Place in capitals, optional ", date or region", optional "(Agency)",
/// then a dash.
static CAPS_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(\p{Lu}[\p{Lu}.'’-]+(?: \p{Lu}[\p{Lu}.'’-]+){0,3}(?:, [\p{L}\d. ]{1,40}?)?(?: ?\([^()\n]{1,40}\))?) ?(?:--?|–|—|_)(?: |$)",
    )
    .expect("dateline pattern compiles")
});

/// Place in title case: only with an agency in brackets.
static AGENCY_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+){0,2}(?:, [\p{L}\d. ]{1,40}?)? ?\([^()\n]{1,40}\)) ?(?:--?|–|—|_|:)(?: |$)",
    )
    .expect("dateline pattern compiles")
});

/// Builds the patterns now rather than on the first document.
pub(crate) fn warm() {
    LazyLock::force(&CAPS_DATELINE);
    LazyLock::force(&AGENCY_DATELINE);
}

/// A dateline found at the start of a line.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Dateline<'a> {
    /// The dateline without its dash: "LONDON, June 3 (Reuters)".
    pub value: &'a str,
    /// The piece removed from the line, as written, trimmed.
    pub piece: &'a str,
    /// What follows: the sentence, or "" for a dateline-only line.
    pub rest: &'a str,
}

/// Parses a dateline at the start of `line`.
pub(crate) fn dateline(line: &str) -> Option<Dateline<'_>> {
    let mut chars = line.chars();
    let first = chars.next()?;
    let second = chars.next()?;
    if !first.is_uppercase() {
        return None;
    }
    let caps = second.is_uppercase();
    if !caps && !line.as_bytes().iter().take(64).any(|&b| b == b'(') {
        return None;
    }
    let re = if caps {
        &*CAPS_DATELINE
    } else {
        &*AGENCY_DATELINE
    };
    let m = re.captures(line)?;
    let whole = m.get(0)?;
    let value = m.get(1)?.as_str();
    let rest = line[whole.end()..].trim_start();
    // "wikiHow is…", "iPhone sales…": a brand written in lower case
    // still starts a sentence; "the capital" does not.
    let first_word = rest.split(' ').next().unwrap_or("");
    let brand = first_word.chars().skip(1).any(char::is_uppercase);
    let starts_well = brand
        || rest.chars().next().map_or(true, |c| {
            c.is_uppercase()
                || c.is_ascii_digit()
                || matches!(c, '"' | '“' | '‘')
        });
    if !starts_well || value.len() < 2 {
        return None;
    }
    Some(Dateline {
        value,
        piece: line[..whole.end()].trim_end(),
        rest,
    })
}

/// Phrases that introduce a byline, lower-case, with their trailing space.
const CUES: &[&str] = &[
    "by ",
    "written by ",
    "posted by ",
    "story by ",
    "words by ",
    "reporting by ",
    "(reporting by ",
    "writing by ",
    "(writing by ",
    "editing by ",
    "edited by ",
    "compiled by ",
    "additional reporting by ",
    "author: ",
    "authors: ",
];

/// If `line` is a byline, the name it gives ("" when it names none).
pub(crate) fn byline_line<'a>(line: &'a str, f: &Features) -> Option<&'a str> {
    if f.words > 16 || f.quote || f.bytes > 160 {
        return None;
    }
    if line.ends_with("contributed to this report.") && f.words <= 14 {
        return Some("");
    }
    if let Some(rest) = strip_cue(line) {
        return name_like(rest, f).then(|| name_of(rest));
    }
    // "Jakarta Post staff", "Court Reporter", "Tokyo correspondent".
    let first = line.split_ascii_whitespace().next()?;
    let last = line.split_ascii_whitespace().next_back()?;
    let tail = lexicon::classes_of(last) & BYLINE_TAIL != 0
        && lexicon::classes_of(first) & STARTER == 0
        && lower_words(line) <= 1;
    (tail && f.words <= 5 && !f.ends_sentence() && f.end != End::Colon)
        .then_some("")
}

fn lower_words(line: &str) -> usize {
    line.split_ascii_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .count()
}

/// Strips a byline cue from the start of `line`, case-insensitively.
fn strip_cue(line: &str) -> Option<&str> {
    let b = line.as_bytes();
    let cue = CUES.iter().find(|c| {
        b.len() > c.len() && b[..c.len()].eq_ignore_ascii_case(c.as_bytes())
    })?;
    let rest = &line[cue.len()..];
    rest.chars().next().filter(|c| c.is_uppercase())?;
    Some(rest)
}

/// Whether the words after a cue read as names rather than a sentence:
/// mostly capitalised, no full stop ending a long line.
fn name_like(rest: &str, f: &Features) -> bool {
    let mut lower = 0;
    for w in rest.split_ascii_whitespace() {
        let starts_lower = w.chars().next().is_some_and(char::is_lowercase);
        if starts_lower && lexicon::classes_of(w) & (GLUE | BYLINE_TAIL) == 0 {
            lower += 1;
        }
    }
    let sentence = f.end == End::Stop && f.words > 6;
    lower <= 3 && !sentence
}

/// The name part of a byline: up to a "|", " on " or " - ".
fn name_of(rest: &str) -> &str {
    let cut = [" | ", " on ", " - ", " — ", "; "]
        .iter()
        .filter_map(|sep| rest.find(sep))
        .min()
        .unwrap_or(rest.len());
    rest[..cut].trim_end_matches(['.', ',', ')'])
}

/// A byline glued to the sentence after it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Glued<'a> {
    /// "By GlobalData", as written.
    pub piece: &'a str,
    /// "GlobalData".
    pub name: &'a str,
    /// "The two countries…".
    pub rest: &'a str,
}

/// Splits "By GlobalDataThe two countries…".
pub(crate) fn glued(line: &str) -> Option<Glued<'_>> {
    let after = line.strip_prefix("By ")?;
    let mut offset = 3;
    for (n, word) in after.split(' ').enumerate().take(6) {
        let first = word.chars().next()?;
        if !first.is_uppercase() && n > 0 {
            return None;
        }
        if let Some(cut) = last_transition(word) {
            let at = offset + cut;
            let rest = &line[at..];
            let name = &line[3..at];
            return plausible(name, rest).then_some(Glued {
                piece: &line[..at],
                name,
                rest,
            });
        }
        offset += word.len() + 1;
    }
    None
}

/// Byte offset in `word` of the last upper-case letter preceded by a
/// lower-case one.
fn last_transition(word: &str) -> Option<usize> {
    let mut prev_lower = false;
    let mut found = None;
    for (i, c) in word.char_indices() {
        if c.is_uppercase() && prev_lower {
            found = Some(i);
        }
        prev_lower = c.is_lowercase();
    }
    found
}

fn plausible(name: &str, rest: &str) -> bool {
    let first = rest.split(' ').next().unwrap_or("");
    if rest.split_ascii_whitespace().count() < 3 {
        return false;
    }
    let caps = first.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && first
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    let starter = lexicon::classes_of(first) & STARTER != 0;
    let several = name.split_ascii_whitespace().count() >= 2
        || last_transition(name).is_some();
    caps || starter || several
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            (
                "LONDON, June 3 (Reuters) - Oil rose.",
                Some(("LONDON, June 3 (Reuters)", "Oil rose.")),
            ),
            ("TOKYO — The bank held.", Some(("TOKYO", "The bank held."))),
            (
                "MEXICO CITY, March 21 (Reuters) -",
                Some(("MEXICO CITY, March 21 (Reuters)", "")),
            ),
            (
                "ATHENS, Greece (AP) — Greek officials",
                Some(("ATHENS, Greece (AP)", "Greek officials")),
            ),
            (
                "Moscow (TASS) - Russia said",
                Some(("Moscow (TASS)", "Russia said")),
            ),
            ("TAIPEI, Taiwan --", Some(("TAIPEI, Taiwan", ""))),
            (
                "CAIRO, Egypt (AP) _ Hundreds of farmers marched",
                Some(("CAIRO, Egypt (AP)", "Hundreds of farmers marched")),
            ),
            (
                "SEATTLE (AP) -- wikiHow is a site",
                Some(("SEATTLE (AP)", "wikiHow is a site")),
            ),
            ("NATO - the alliance said", None),
            ("US-backed forces advanced.", None),
            ("Moscow - the capital", None),
            ("The ministry said - again.", None),
            ("NATO-led talks began.", None),
        ];
        for &(line, want) in cases {
            let got = dateline(line).map(|d| (d.value, d.rest));
            assert_eq!(got, want, "{line}");
        }
    }

    #[test]
    fn glued_bylines() {
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            (
                "By GlobalDataThe two countries held a meeting.",
                Some(("GlobalData", "The two countries held a meeting.")),
            ),
            (
                "By Tech ReporterA chipmaker said on Friday it would build.",
                Some((
                    "Tech Reporter",
                    "A chipmaker said on Friday it would build.",
                )),
            ),
            (
                "By Anna KowalskaBRUSSELS, Feb 9 - Ministers agreed.",
                Some(("Anna Kowalska", "BRUSSELS, Feb 9 - Ministers agreed.")),
            ),
            ("By GlobalData analysts' count, sales rose.", None),
            ("By contrast, the rest fell.", None),
            ("By GlobalData", None),
        ];
        for &(line, want) in cases {
            let got = glued(line).map(|g| (g.name, g.rest));
            assert_eq!(got, want, "{line}");
        }
    }

    #[test]
    fn byline_lines() {
        let cases: &[(&str, Option<&str>)] = &[
            ("By GlobalData", Some("GlobalData")),
            (
                "By Dana Whitfield and Luis Ortega",
                Some("Dana Whitfield and Luis Ortega"),
            ),
            (
                "By Culture Desk | Published 28 November 2022",
                Some("Culture Desk"),
            ),
            ("Posted by Newsdesk on 12 November 2023", Some("Newsdesk")),
            (
                "Reporting by Alex Lawler; Editing by Susan Fenton",
                Some("Alex Lawler"),
            ),
            ("Jakarta Post staff", Some("")),
            (
                "By Tuesday, the number of cases had doubled in the city.",
                None,
            ),
            ("By contrast, prices fell", None),
            ("The staff", None),
        ];
        for &(line, want) in cases {
            let got = byline_line(line, &Features::of(line));
            assert_eq!(got, want, "{line}");
        }
    }
}
