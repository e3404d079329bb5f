//! The article body: the long run of prose, found first; what lies around
//! it is then judged as blocks.
//!
//! A scraped page is the article's prose with the site around it: menus
//! and link lists above, teasers, comment threads, cookie notices and legal
//! lines below. Per line, much of that furniture is indistinguishable from
//! article text (a teaser is a full sentence; so is a comment). Position
//! tells them apart: the article is one long run of prose, and furniture
//! is what surrounds it. So:
//!
//! 1. every line gets a weight: prose counts for its words, furniture and
//!    link-like lines (short, bulleted, title-case, labels) count against;
//!    lines that say the article is over (a comment header, "Related
//!    articles") count heavily against, so the run does not cross them;
//! 2. the body is the run of lines with the largest total weight (one
//!    linear pass);
//! 3. the run is widened over what belongs to it though it weighs little:
//!    short sentences right above it (an interview's first question), a
//!    one-word answer or a list of records right below it (tour dates,
//!    results, "Label: value" rows);
//! 4. lines before the body are kept only when they are the title, the
//!    article's own metadata (byline, dateline), or a standfirst between
//!    the title and the body that shares the body's words; lines after it
//!    go. Inside the body, the per-line verdicts stand, except on a long
//!    passage between two kept paragraphs.
//!
//! A document without a clear run of prose (a short note, a list) is left
//! to the per-line rules: the body pass then removes nothing.

use super::context::Line;
use super::furniture::Class;
use super::lexicon::{self, IMPERATIVE, MARKETING, SELL};
use super::lines::{words, End};
use super::lists::{headline, list_caption, record, record_run};
use super::vocabulary::{lede_vocabulary, shared_words, Vocabulary};
use super::Reason;

/// Least total weight of a body: below it the page has no run of prose
/// worth trusting, and nothing is removed for being outside it.
const MIN_BODY: i32 = 40;

/// The weight of one line toward the body.
fn weight(l: &Line<'_>) -> i32 {
    let words = l.feat.words as i32;
    if ends_article(l) {
        return END_WEIGHT;
    }
    match l.removed {
        Some(Reason::Caption | Reason::Advert) => return -1,
        Some(Reason::Byline | Reason::Timestamp | Reason::Dateline) => {
            return -1
        }
        Some(_) if l.class == Class::Label => return -12,
        Some(_) => return -4,
        None => {}
    }
    match l.class {
        Class::Content | Class::Aside | Class::Dateline
            if l.feat.prose() || words >= 20 && cased_like_prose(l.text) =>
        {
            let w = words.min(80);
            if l.feat.bullet {
                w / 2
            } else {
                w
            }
        }
        Class::Content | Class::Aside if l.feat.ends_sentence() => words / 2,
        _ if l.feat.bullet => -4,
        _ if words <= 2 => -2,
        _ => -3,
    }
}

/// Whether a long line without a final stop reads as prose: prose has
/// many words in lower case (function words, verbs); a menu or an archive
/// list flattened into one line ("Archives Select Month October 2019
/// September 2019…", "o Bollywood News o Hollywood News…") has few. A
/// script without case counts as prose.
fn cased_like_prose(text: &str) -> bool {
    let (mut upper, mut lower) = (0, 0);
    for w in words(text) {
        match w.chars().find(|c| c.is_alphabetic()) {
            Some(c) if c.is_uppercase() => upper += 1,
            Some(c) if c.is_lowercase() => lower += 1,
            _ => {}
        }
    }
    lower * 2 >= upper
}

/// A line that says the article is over: a comment header ("reader99
/// says:", "Jane D. on March 3, 2021 at 9:15 am said:") or a label that
/// announces other content ("Related Articles", "Leave a Reply").
fn ends_article(l: &Line<'_>) -> bool {
    if l.feat.words > 14 || l.feat.prose() {
        return false;
    }
    let t = l.text.trim_end_matches([':', ' ']);
    let last = t.rsplit(' ').next().unwrap_or("");
    let speaks = ["says", "said", "wrote", "writes", "replied"]
        .iter()
        .any(|w| last.eq_ignore_ascii_case(w));
    speaks && l.text.ends_with(':') || comment_label(l)
}

/// "Reply", "2 comments", "Leave a Reply", "12 Responses": the labels of
/// a comment section, a few words one of which names it.
fn comment_label(l: &Line<'_>) -> bool {
    l.feat.words <= 4
        && l.text.split_ascii_whitespace().any(|w| {
            let w = lexicon::strip(w);
            ["comment", "comments", "reply", "replies", "responses"]
                .iter()
                .any(|c| w.eq_ignore_ascii_case(c))
        })
}

/// The weight of a line that ends the article: no run of prose after it
/// outweighs it unless it is much longer than a comment.
const END_WEIGHT: i32 = -30;

/// Weight added to the first prose line after a byline or timestamp: an
/// article starts there, so a short article under its byline outweighs a
/// longer notice at the foot of the page.
const START_BONUS: i32 = 30;

/// The body: `start..end` of the heaviest run of lines, when heavy enough.
pub(super) fn find(lines: &[Line<'_>]) -> Option<(usize, usize)> {
    let (mut best, mut best_span) = (0, None);
    let (mut sum, mut start) = (0, 0);
    let mut marker = false;
    for (i, l) in lines.iter().enumerate() {
        if sum <= 0 {
            sum = 0;
            start = i;
        }
        let w = weight(l);
        sum += w;
        if marker && w > 0 {
            sum += START_BONUS;
        }
        marker = matches!(l.removed, Some(Reason::Byline | Reason::Timestamp))
            || marker && w < 0 && l.removed.is_some();
        if sum > best {
            best = sum;
            best_span = Some((start, i + 1));
        }
    }
    best_span.filter(|_| best >= MIN_BODY)
}

/// Removes what lies outside the body, keeping the title, metadata, and
/// between the title and the body the lines that speak of the article
/// (a standfirst or subheading shares its words; a menu entry does not).
pub(super) fn judge_outside(
    lines: &mut [Line<'_>],
    body: (usize, usize),
    title: Option<usize>,
) {
    let mut vocab: Option<Vocabulary> = None;
    for i in 0..lines.len() {
        let l = &lines[i];
        if (body.0..body.1).contains(&i) || Some(i) == title {
            continue;
        }
        if l.removed.is_some() || l.class == Class::Dateline {
            continue;
        }
        let standfirst =
            title.is_some_and(|t| t < i && i < body.0) && !l.feat.bullet && {
                let v = vocab.get_or_insert_with(|| {
                    lede_vocabulary(&lines[body.0..body.1])
                });
                shared_words(l.text, v) >= 2
            };
        if !standfirst {
            lines[i].removed = Some(reason_outside(&lines[i]));
        }
    }
}

/// Widens the body over what belongs to it though it weighs little: short
/// sentences right above it (an interview's first question), and a list
/// of records right below it (tour dates, results, "Label: value" rows).
pub(super) fn widen(
    lines: &[Line<'_>],
    body: (usize, usize),
) -> (usize, usize) {
    let (mut start, mut end) = body;
    while start > 0 && sentence(&lines[start - 1]) {
        start -= 1;
    }
    loop {
        // "Yes.": a one-word answer ends an interview.
        let answer = |l: &Line<'_>| sentence(l) || short_answer(l);
        // A list may have a caption of its own ("Tour dates", "Qualified
        // teams") between the last paragraph and its rows.
        let caption = usize::from(lines.get(end).is_some_and(list_caption));
        let run = record_run(&lines[end + caption..]);
        if run >= 2 {
            end += caption + run;
            continue;
        }
        let next = &lines[end..];
        if next
            .first()
            .is_some_and(|l| answer(l) || l.feat.bullet && record(l))
        {
            end += 1;
            continue;
        }
        break;
    }
    (start, end)
}

/// Cuts the body at a comment thread: at the first line that ends the
/// article ("2 comments", "Leave a Reply", "reader99 says:") when more
/// thread furniture follows it (replies, comment headers, times) and the
/// article before it is long enough to be one. A share bar's "14
/// Comments" between two paragraphs has no thread after it, so it cuts
/// nothing.
pub(super) fn cut_at_thread(
    lines: &[Line<'_>],
    body: (usize, usize),
) -> (usize, usize) {
    let (start, end) = body;
    let Some(e) = (start..end).find(|&i| ends_article(&lines[i])) else {
        return body;
    };
    let thread = lines[e + 1..end.min(e + 1 + THREAD_LOOKAHEAD)]
        .iter()
        .filter(|l| ends_article(l) || l.removed == Some(Reason::Timestamp))
        .count();
    let before: i32 = lines[start..e].iter().map(weight).sum();
    if thread >= 1 && before >= MIN_BODY {
        (start, e)
    } else {
        body
    }
}

/// Lines after a comment label searched for the rest of a thread.
const THREAD_LOOKAHEAD: usize = 20;

/// Revokes a per-line verdict on a long passage inside the body whose
/// neighbours are kept article prose: one word ("you", "download") does
/// not make a paragraph of 25 words furniture when the block around it is
/// the article (a quoted poem, an answer addressing the interviewer).
pub(super) fn keep_inner_prose(lines: &mut [Line<'_>], body: (usize, usize)) {
    for i in body.0 + 1..body.1.saturating_sub(1) {
        let l = &lines[i];
        let revocable = matches!(
            l.removed,
            Some(Reason::Cta | Reason::Navigation | Reason::RelatedLinks)
        );
        if !revocable || l.feat.words < LONG_PASSAGE {
            continue;
        }
        let prose = |l: &Line<'_>| l.removed.is_none() && l.feat.prose();
        if prose(&lines[i - 1]) && prose(&lines[i + 1]) {
            lines[i].removed = None;
            lines[i].class = Class::Content;
        }
    }
}

/// Revokes a call-to-action or navigation verdict on a sentence that
/// reports a figure between two kept paragraphs ("Download speeds rose 20%
/// last year."): an imperative-looking first word alone does not make it
/// furniture. A prompt keeps its verdict: it addresses the reader, sells,
/// or links ("Sign up for our newsletter", "Subscribe for $1 a week").
pub(super) fn keep_reports(lines: &mut [Line<'_>]) {
    for i in 1..lines.len().saturating_sub(1) {
        let l = &lines[i];
        let revocable = matches!(
            l.removed,
            Some(Reason::Cta | Reason::Navigation | Reason::Advert)
        );
        if !revocable || !reports(l) {
            continue;
        }
        let prose = |l: &Line<'_>| l.removed.is_none() && l.feat.prose();
        if prose(&lines[i - 1]) && prose(&lines[i + 1]) {
            lines[i].removed = None;
            lines[i].class = Class::Content;
        }
    }
}

/// A sentence stating a figure, with no sign of a prompt.
fn reports(l: &Line<'_>) -> bool {
    let f = &l.feat;
    f.ends_sentence()
        && f.words >= 4
        && f.you + f.we == 0
        && !f.url
        && !f.email
        && l.text.bytes().any(|b| b.is_ascii_digit())
        && !sells(l.text)
}

/// Selling words after the first ("Download" may open a report; "free"
/// or "newsletter" later in the line do not), or a price after an
/// imperative ("Subscribe for $1 a week").
fn sells(text: &str) -> bool {
    let mut words = text.split_ascii_whitespace();
    let first = words.next().map_or(0, lexicon::classes_of);
    let mut price = false;
    for w in words {
        if lexicon::classes_of(w) & (MARKETING | SELL) != 0 {
            return true;
        }
        price |= w.starts_with(['$', '£', '€']);
    }
    price && first & IMPERATIVE != 0
}

/// A document of one line that reads as a sentence is its own article:
/// with nothing around it, no block says it is furniture ("The company
/// paid $10 for it.", "Your bill will rise by $10 a month.").
pub(super) fn keep_lone_sentence(lines: &mut [Line<'_>]) {
    if let [l] = lines {
        let sentence = l.feat.ends_sentence()
            && l.feat.words >= 3
            && !l.feat.bullet
            && matches!(
                l.removed,
                Some(Reason::Cta | Reason::Navigation | Reason::Advert)
                    | Some(Reason::RelatedLinks)
            );
        if sentence {
            l.removed = None;
            l.class = Class::Content;
        }
    }
}

/// Words from which a passage between two paragraphs is article text
/// whatever its wording.
const LONG_PASSAGE: u32 = 25;

/// A one-word sentence after a question.
fn short_answer(l: &Line<'_>) -> bool {
    l.removed.is_none() && l.feat.words == 1 && l.feat.end == End::Stop
}

/// A kept line that reads as a sentence of the article.
fn sentence(l: &Line<'_>) -> bool {
    l.removed.is_none()
        && matches!(l.class, Class::Content | Class::Aside | Class::Heading)
        && l.feat.ends_sentence()
        && !l.feat.bullet
        && l.feat.words >= 2
}

/// Why a line outside the body is furniture.
fn reason_outside(l: &Line<'_>) -> Reason {
    // "No time to read?", "Stay informed!": a short prompt.
    let prompt =
        l.feat.words <= 6 && matches!(l.feat.end, End::Question | End::Exclaim);
    if l.class == Class::Aside || prompt {
        Reason::Cta
    } else if l.feat.ends_sentence() && !l.feat.bullet || headline(l) {
        Reason::RelatedLinks
    } else {
        Reason::Navigation
    }
}

#[cfg(test)]
mod tests {
    use crate::clean::{Cleaner, Reason};

    const P1: &str = "The city council approved the new harbour budget on \
                      Tuesday after a debate that lasted most of the evening.";
    const P2: &str = "Council members said the money would pay for repairs \
                      to the breakwater and for dredging the northern channel.";
    const P3: &str = "Work is expected to start in the spring and to last \
                      about eighteen months, according to the harbour office.";

    fn clean(doc: &str) -> crate::clean::Cleaned {
        Cleaner::new().clean(doc)
    }

    #[test]
    fn comment_threads_end_the_article() {
        let doc = format!(
            "{P1}\n\n{P2}\n\n{P3}\n\n2 comments\n\nJane D. on March 3, 2021 \
             at 9:15 am said:\n\nI live near the harbour and this work is long \
             overdue, the channel has been silting up for years.\n\nReply\n\n\
             reader99 says:\n\nWho is going to pay for all of this in the end, \
             the taxpayers as usual I suppose.\n"
        );
        let c = clean(&doc);
        assert!(c.text.ends_with(P3), "{}", c.text);
        assert!(c.removed.iter().any(|r| r.text.starts_with("Who is going")));
    }

    #[test]
    fn a_share_bar_inside_the_article_cuts_nothing() {
        let doc = format!("{P1}\n\n14 Comments\n\n{P2}\n\n{P3}\n");
        let c = clean(&doc);
        for p in [P1, P2, P3] {
            assert!(c.text.contains(p), "lost: {p}");
        }
    }

    #[test]
    fn interview_turns_dated_lists_and_results_stay() {
        let doc = format!(
            "{P1}\n\n{P2}\n\nQ: What will you do first?\n\nA: We will start \
             with the breakwater, because it protects everything else.\n\n\
             {P3}\n\nTour dates:\nJune 9 – West Palm Beach, FL @ Coral Sky \
             Amphitheatre\nJune 10 – Tampa, FL @ MidFlorida Amphitheatre\n\
             June 14 – Alpharetta, GA @ Ameris Bank Amphitheatre\n"
        );
        let c = clean(&doc);
        for line in doc.lines().filter(|l| !l.is_empty()) {
            assert!(c.text.contains(line), "lost: {line}\n{:?}", c.removed);
        }
        let scores = format!(
            "{P1}\n\n{P2}\n\n{P3}\n\nResults\nLyon 2 Marseille 1\n\
             Nice 0 Lille 0\nLens 3 Brest 2\n"
        );
        let c = clean(&scores);
        for line in ["Lyon 2 Marseille 1", "Nice 0 Lille 0", "Lens 3 Brest 2"] {
            assert!(c.text.contains(line), "lost: {line}");
        }
    }

    #[test]
    fn chrome_is_no_title() {
        for chrome in ["*", "Home » World", "Menu"] {
            let doc = format!("{chrome}\n\n{P1}\n\n{P2}\n\n{P3}\n");
            let c = clean(&doc);
            assert_eq!(c.title, None, "{chrome}");
            assert!(c.text.starts_with(P1), "{chrome}: {}", c.text);
        }
    }

    #[test]
    fn teasers_and_link_lists_around_the_body_go() {
        let doc = format!(
            "* Home\n* World\n* Sport\n\nHarbour budget approved\n\n{P1}\n\n\
             {P2}\n\n{P3}\n\nMore stories\n\nZoo welcomes twin panda cubs\n\
             Keepers said the cubs were born overnight and both are healthy.\n\
             Storm closes mountain pass for the weekend\nDrivers were told to \
             avoid the road until Monday morning at the earliest.\n"
        );
        let c = clean(&doc);
        assert_eq!(c.title.as_deref(), Some("Harbour budget approved"));
        assert!(c.text.ends_with(P3), "{}", c.text);
        assert!(!c.text.contains("Home"));
        let reasons: Vec<Reason> = c.removed.iter().map(|r| r.reason).collect();
        assert!(reasons.contains(&Reason::Navigation), "{reasons:?}");
    }
}
