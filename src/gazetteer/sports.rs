//! Sports teams named after places.
//!
//! Clubs are rarely listed, and most carry the name of their city: "Real
//! Madrid", "Bayer Leverkusen" (a club word before a place), or plain
//! "Liverpool" in "Liverpool beat Arsenal 2-1". This pass turns such place
//! mentions into organisations without an id, since the id of the city
//! would be wrong:
//!
//! - a place right after a club word ("Real", "Inter", "Borussia") becomes
//!   one organisation with it;
//! - in a sentence that reports a score ("2-1"), a city right before or
//!   after a result verb ("beat", "drew", "lost") is the team, and so is
//!   every other mention of that city in the document that is not after a
//!   preposition of place ("in Liverpool").
//!
//! Club names ending in a club word ("Newcastle United", "Arsenal FC") are
//! found by the organisation cues. Countries are left alone: national teams
//! keep the country's name and type.

use super::load::{Entry, EntryKind};
use super::text::Doc;
use super::words::{CLUB_PREFIXES, PLACE_CUES, RESULT_VERBS};
use super::{Hit, Target};
use crate::tokenize::TokenKind;

/// Rewrites place hits that name teams; `hits` stays sorted.
pub(crate) fn teams(doc: &Doc<'_>, entries: &[Entry], hits: &mut [Hit]) {
    for h in hits.iter_mut() {
        if h.kind == EntryKind::Location && h.first > 0 {
            let p = h.first - 1;
            if doc.capitalised(p)
                && doc.joined_to_next(p)
                && doc.is(p, &CLUB_PREFIXES)
            {
                *h = Hit::unknown(doc, p, h.last, EntryKind::Organization);
            }
        }
    }
    let mut clubs: Vec<u32> = Vec::new();
    for h in hits.iter() {
        if let Target::Entry(e) = h.target {
            let city =
                h.kind == EntryKind::Location && entries[e as usize].city;
            if city && reports_result(doc, h) {
                clubs.push(e);
            }
        }
    }
    if clubs.is_empty() {
        return;
    }
    for h in hits.iter_mut() {
        let Target::Entry(e) = h.target else {
            continue;
        };
        let placed = h.first > 0 && doc.is(h.first - 1, &PLACE_CUES);
        if clubs.contains(&e) && !placed {
            *h = Hit::unknown(doc, h.first, h.last, EntryKind::Organization);
        }
    }
}

/// True when hit `h` is the subject or object of a result verb in a
/// sentence with a score: "Liverpool beat …", "… drew with Leeds 1-1".
fn reports_result(doc: &Doc<'_>, h: &Hit) -> bool {
    let verb_after = h.last + 1 < doc.len()
        && doc.joined_to_next(h.last)
        && doc.is(h.last + 1, &RESULT_VERBS);
    let verb_before = h.first > 0
        && doc.joined_to_next(h.first - 1)
        && (doc.is(h.first - 1, &RESULT_VERBS)
            || (doc.word(h.first - 1) == "with"
                && h.first > 1
                && doc.is(h.first - 2, &RESULT_VERBS)));
    (verb_after || verb_before) && sentence_has_score(doc, h.first)
}

/// True when the sentence holding token `i` has a score such as "2-1".
fn sentence_has_score(doc: &Doc<'_>, i: usize) -> bool {
    let Some(range) = doc.sentence_tokens(i) else {
        return false;
    };
    let toks = &doc.tokens.tokens;
    range.clone().zip(range.skip(1)).any(|(a, b)| {
        let short = |t: usize| {
            toks[t].kind == TokenKind::Number && doc.word(t).len() <= 2
        };
        short(a) && short(b) && matches!(doc.gap_after(a), "-" | "–")
    })
}
