//! Per-line classification: what a line is, judged from the line alone.
//!
//! The verdicts here are deliberately conservative. A line is
//! [`Class::Furniture`] only when its own shape is unmistakable: every word is
//! navigation vocabulary, it opens with an imperative verb ("Download a…",
//! "Sign up…"), it speaks to the reader in marketing terms ("you" next to
//! "newsletter", "free", "our"), it is a credit, a copyright line, a
//! timestamp or a byline. Short lines that are not sentences — headlines,
//! labels without a known word, "Thank you!" — are [`Class::Heading`]: the
//! context pass removes them only where their neighbours show they are part
//! of the furniture. Reported speech (quotation marks, "said", "told")
//! protects a line from every call-to-action rule: "You can see the border
//! from here," he said, is article text.

use super::byline;
use super::lexicon::{
    self, ADVERT, CREDIT, CUE, DATE, FOLLOWER, FORM, GLUE, IMPERATIVE, LEGAL,
    MARKETING, NAV, SECTION, SELL, SOURCE, SPEECH, SUBJECT, TIME_CUE,
    VERB_OR_NOUN,
};
use super::lines::{words, End, Features, ASK, AT, COLON, PAREN};
use super::Reason;

/// What a line is, before context is taken into account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// Article prose.
    Content,
    /// A short line that is not a sentence: a title, a subheading, a link.
    Heading,
    /// A sentence addressing the reader ("We'll send you a round-up…")
    /// without reported speech: prose, unless furniture surrounds it.
    Aside,
    /// Only section names ("Markets | Commodities"): navigation at the
    /// head or tail of the page, a heading inside the article.
    Section,
    /// A bare label announcing a list of links ("Read more", "Tags").
    Label,
    /// A byline line.
    Byline,
    /// A line holding only a dateline ("KYIV, Dec 2 (AFP) -").
    Dateline,
    /// Furniture whatever its neighbours.
    Furniture(Reason),
}

/// Word-class counts of one line.
#[derive(Debug, Default)]
struct Scan {
    words: u32,
    /// Words in no class and not numbers.
    plain: u32,
    numbers: u32,
    /// Words in any navigation-like class (NAV, CUE, SECTION, ADVERT, FORM).
    navish: u32,
    glue: u32,
    all: u32,
    cue: u32,
    section: u32,
    advert: u32,
    date: u32,
    time_cue: u32,
    legal: u32,
    credit: u32,
    marketing: u32,
    sell: u32,
    speech: u32,
    first: u32,
    second: u32,
    /// The second word is "by" ("Photo by …").
    second_by: bool,
    /// An unambiguous imperative verb opens a sentence inside the line
    /// ("…? Download a free sample").
    inner_imperative: bool,
    /// A verb-or-noun with a determiner opens a sentence inside the line
    /// ("…? Share it with your friends").
    inner_verb: bool,
    /// A credit word in credit shape ("REUTERS/Stringer", "Photo:",
    /// "(AP"), with its word index.
    credit_at: Option<u32>,
    /// Currency symbol followed by a digit.
    price: bool,
    /// The line holds a `/`, so a word may be a credit in
    /// "REUTERS/Stringer" shape.
    slash: bool,
}

impl Scan {
    fn of(line: &str) -> Scan {
        let mut s = Scan {
            slash: line.as_bytes().contains(&b'/'),
            ..Scan::default()
        };
        let mut prev_end = false;
        let mut pending_verb = false;
        for raw in words(line) {
            // Stripped once: the lookup and the counts both need it.
            let stripped = lexicon::strip(raw);
            let c = lexicon::classes_of_stripped(stripped);
            s.add(raw, stripped, c);
            if pending_verb && c & FOLLOWER != 0 {
                s.inner_verb = true;
            }
            pending_verb = prev_end && c & VERB_OR_NOUN != 0;
            if prev_end && c & IMPERATIVE != 0 {
                s.inner_imperative = true;
            }
            prev_end =
                matches!(raw.as_bytes().last(), Some(b'.' | b'?' | b'!'));
        }
        s
    }

    fn add(&mut self, raw: &str, stripped: &str, c: u32) {
        let i = self.words;
        self.words += 1;
        match i {
            0 => self.first = c,
            1 => {
                self.second = c;
                self.second_by = raw.eq_ignore_ascii_case("by");
            }
            _ => {}
        }
        if stripped.is_empty() || stripped == "-" || stripped == "--" {
            self.words -= 1;
            return;
        }
        self.all |= c;
        if c == 0 {
            if stripped.as_bytes()[0].is_ascii_digit() {
                self.numbers += 1;
            } else {
                self.plain += 1;
            }
        }
        // Most words are in no class or only in the classes of function
        // words, which leave every count but one as it is.
        self.glue += u32::from(c & GLUE != 0);
        if c & COUNTED != 0 {
            self.count(c);
        }
        self.credit_shape(raw, c, i);
        // Only a word starting with "U", "$", "£" or "€" can be a price:
        // most words are settled by their first byte.
        if !self.price && matches!(raw.as_bytes()[0], b'U' | b'$' | 0xC2 | 0xE2)
        {
            let t = raw.strip_prefix("US").unwrap_or(raw);
            let t = t.trim_start_matches(['$', '£', '€']);
            self.price = t.len() < raw.len()
                && t.starts_with(|c: char| c.is_ascii_digit());
        }
    }

    /// Counts the classes of [`COUNTED`] (all but [`GLUE`]).
    fn count(&mut self, c: u32) {
        let bump = |n: &mut u32, class: u32| *n += u32::from(c & class != 0);
        bump(&mut self.navish, NAV | CUE | SECTION | ADVERT | FORM);
        bump(&mut self.cue, CUE);
        bump(&mut self.section, SECTION);
        bump(&mut self.advert, ADVERT);
        bump(&mut self.date, DATE);
        bump(&mut self.time_cue, TIME_CUE);
        bump(&mut self.legal, LEGAL);
        bump(&mut self.credit, CREDIT);
        bump(&mut self.marketing, MARKETING);
        bump(&mut self.sell, MARKETING | SELL);
        bump(&mut self.speech, SPEECH);
    }

    fn credit_shape(&mut self, raw: &str, c: u32, i: u32) {
        let shaped = if self.slash && raw.as_bytes().contains(&b'/') {
            raw.split('/')
                .any(|part| lexicon::classes_of(part) & CREDIT != 0)
        } else {
            c & CREDIT != 0 && (raw.ends_with(':') || raw.starts_with('('))
        };
        if shaped {
            self.credit_at = Some(i);
        }
    }

    /// Every word is navigation vocabulary, glue or a number.
    fn nav_only(&self) -> bool {
        self.plain == 0 && self.navish > 0
    }
}

/// The classes [`Scan::count`] counts.
const COUNTED: u32 = NAV
    | CUE
    | SECTION
    | ADVERT
    | FORM
    | DATE
    | TIME_CUE
    | LEGAL
    | CREDIT
    | MARKETING
    | SELL
    | SPEECH;

/// Classifies one trimmed, non-empty line.
pub(crate) fn classify(line: &str, f: &Features) -> Class {
    if plain_prose(line, f) {
        return Class::Content;
    }
    if !line.chars().any(char::is_alphanumeric) {
        return Class::Heading;
    }
    let s = Scan::of(line);
    if turn(line) {
        return Class::Content;
    }
    let protected = f.quote || s.speech > 0;
    shape(line, f, &s)
        .or_else(|| prefixed(line, f, &s))
        .or_else(|| if protected { None } else { cta(line, f, &s) })
        .unwrap_or_else(|| weak(line, f, &s, protected))
}

/// The fast path: a sentence with none of the signals any rule needs —
/// no pronoun of address, no link, no colon, bracket, slash or inner
/// question, and an opening word no rule starts from. Most article lines
/// end here after one lexicon lookup.
fn plain_prose(line: &str, f: &Features) -> bool {
    if !f.prose() || f.you + f.we > 0 || f.url || f.email || f.copyright {
        return false;
    }
    if f.marks & (COLON | PAREN | AT) != 0 {
        return false;
    }
    let inner_ask = f.marks & ASK != 0
        && line.find(['?', '!']).is_some_and(|p| {
            p + 1 < line.trim_end_matches(['"', '”', '’', ')', '?', '!']).len()
        });
    if inner_ask || (f.words <= 12 && f.end == End::Stop) {
        return false;
    }
    let first = line.split_ascii_whitespace().next().unwrap_or("");
    let risky = IMPERATIVE | VERB_OR_NOUN | LEGAL | SOURCE | CREDIT;
    lexicon::classes_of(first) & risky == 0
        && !line.ends_with("contributed to this report.")
}

/// An interview turn: "Q: What…", "A. We are…", "Q &amp; A" style
/// markers followed by the question or the answer. A question addresses
/// the reader's "you" and may open with a verb; it is still the article.
fn turn(line: &str) -> bool {
    let b = line.as_bytes();
    b.len() > 4
        && matches!(b[0], b'Q' | b'A')
        && matches!(b[1], b':' | b'.')
        && b[2] == b' '
        && b[3].is_ascii_alphanumeric()
}

/// Lines whose whole shape is furniture: navigation-only, timestamps,
/// bylines, datelines, credits, legal lines.
fn shape(line: &str, f: &Features, s: &Scan) -> Option<Class> {
    if (f.copyright && copyright_notice(line, f, s))
        || (s.first & LEGAL != 0 && first_is(line, "copyright"))
    {
        return Some(Class::Furniture(Reason::Legal));
    }
    if f.words <= 8 && f.end == End::Continues {
        if let Some(d) = byline::dateline(line) {
            if d.rest.is_empty() {
                return Some(Class::Dateline);
            }
        }
    }
    if timestamp(f, s) {
        return Some(Class::Furniture(Reason::Timestamp));
    }
    if s.words <= 7 && !f.prose() && s.nav_only() {
        return Some(nav_class(s));
    }
    if s.words <= 7
        && s.plain == 1
        && s.navish >= 2
        && s.speech == 0
        && !f.prose()
        && !(f.quote || f.email || f.url)
    {
        return Some(match nav_class(s) {
            Class::Label if f.ends_sentence() => {
                Class::Furniture(Reason::Navigation)
            }
            Class::Section => Class::Heading,
            class => class,
        });
    }
    if byline::byline_line(line, f).is_some() {
        return Some(Class::Byline);
    }
    if caption(f, s) {
        return Some(Class::Furniture(Reason::Caption));
    }
    if s.legal >= 2 && s.words <= 20 && s.speech == 0 {
        return Some(Class::Furniture(Reason::Legal));
    }
    None
}

fn nav_class(s: &Scan) -> Class {
    if s.first & SOURCE != 0 {
        Class::Furniture(Reason::Source)
    } else if s.marketing > 0 && s.first & (IMPERATIVE | VERB_OR_NOUN) != 0 {
        Class::Furniture(Reason::Cta)
    } else if s.advert > 0 {
        Class::Furniture(Reason::Advert)
    } else if s.section > 0 && s.navish == s.section {
        Class::Section
    } else if s.cue > 0 {
        Class::Label
    } else {
        Class::Furniture(Reason::Navigation)
    }
}

/// True when a line holding "©" or "(c)" is a copyright notice, not a
/// sentence that happens to hold the mark: a notice is short or no
/// sentence, or starts with the mark, or names a year right after it ("©
/// 2024 Example Media"), or has another legal word ("rights reserved").
/// A mark inside article prose is not a footer.
fn copyright_notice(line: &str, f: &Features, s: &Scan) -> bool {
    if !f.prose() || s.legal > 0 {
        return true;
    }
    let marks = line
        .match_indices('©')
        .map(|(i, m)| (i, i + m.len()))
        .chain(line.match_indices("(c)").map(|(i, m)| (i, i + m.len())))
        .chain(line.match_indices("(C)").map(|(i, m)| (i, i + m.len())));
    marks.into_iter().any(|(start, end)| {
        let after = line[end..].trim_start();
        start == 0
            || after.len() >= 4
                && after.as_bytes()[..4].iter().all(u8::is_ascii_digit)
    })
}

fn first_is(line: &str, word: &str) -> bool {
    line.get(..word.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(word))
}

/// Dates, times and "5 min read" with little else.
fn timestamp(f: &Features, s: &Scan) -> bool {
    let dt = s.date + s.numbers + s.time_cue;
    s.words <= 14
        && dt >= 2
        && s.all & (DATE | TIME_CUE) != 0
        && s.plain * 4 <= s.words
        && !(f.ends_sentence() && s.words > 3)
        && s.speech == 0
}

/// A photo caption or credit: a credit word in credit shape near the end,
/// or anywhere in a short line.
fn caption(f: &Features, s: &Scan) -> bool {
    if f.quote || s.speech > 0 {
        return false;
    }
    // "Mei Chen/Bloomberg via Getty Images": credit words make the line.
    if s.credit >= 2 && s.words <= 8 && !f.ends_sentence() {
        return true;
    }
    if s.first & CREDIT != 0 && s.words <= 10 && !f.prose() && s.second_by {
        return true;
    }
    let Some(at) = s.credit_at else { return false };
    at + 4 >= s.words || (s.words <= 10 && !f.prose())
}

/// "Read more: …", "Photo: …", "Source: …", "Tags: …", "Also Read | …".
fn prefixed(line: &str, f: &Features, s: &Scan) -> Option<Class> {
    // The byte marks tell most lines have neither `:` nor `|`.
    if f.marks & (COLON | PAREN) == 0 {
        return None;
    }
    let cut = line.bytes().position(|b| b == b':' || b == b'|')?;
    let head = &line[..cut];
    let words = head.split_ascii_whitespace().count();
    if words == 0 || words > 3 || line[cut + 1..].trim().is_empty() {
        return None;
    }
    let mut all = 0;
    for w in head.split_ascii_whitespace() {
        let c = lexicon::classes_of(w);
        if c & (CUE | NAV | CREDIT | SOURCE | LEGAL | GLUE) == 0 {
            return None;
        }
        all |= c;
    }
    // "A: We are moving…", "Q: What…": an interview turn, not a label.
    if all & !GLUE == 0 {
        return None;
    }
    let reason = if all & CREDIT != 0 {
        Reason::Caption
    } else if all & LEGAL != 0 {
        Reason::Legal
    } else if all & SOURCE != 0 && all & CUE == 0 {
        Reason::Source
    } else if f.quote || s.speech > 0 {
        return None;
    } else {
        Reason::RelatedLinks
    };
    Some(Class::Furniture(reason))
}

/// Calls to action: imperative openings, second-person marketing, URLs and
/// addresses handed to the reader. Only called for unprotected lines.
fn cta(line: &str, f: &Features, s: &Scan) -> Option<Class> {
    let cta = Some(Class::Furniture(Reason::Cta));
    // "Don't you think…?" asks; "Click, the new phone, sold out" names.
    let named = line
        .split_ascii_whitespace()
        .next()
        .is_some_and(|w| w.ends_with(','));
    let asks = f.end == End::Question || s.second & SUBJECT != 0 || named;
    if s.first & IMPERATIVE != 0 && !asks && (f.words <= 25 || f.you > 0) {
        return cta;
    }
    let short = f.words <= 4 && !f.ends_sentence();
    let determiner = s.second & FOLLOWER != 0;
    if s.first & VERB_OR_NOUN != 0 && !asks && (determiner || short) {
        return cta;
    }
    // Second person sells only next to selling words; a conversation
    // (an interview) has "you" and "we" everywhere.
    let sells = s.marketing > 0
        || s.price
        || f.email
        || f.url
        || s.sell >= 2
        || (s.sell == 1 && f.words <= 12);
    if f.you > 0 && f.words <= 50 && (sells || s.inner_verb) {
        return cta;
    }
    if first_is(line, "your ") && (sells || f.words <= 8) {
        return cta;
    }
    if s.inner_imperative && f.words <= 25 {
        return cta;
    }
    if f.email && f.words <= 15 {
        return cta;
    }
    if f.url && f.words <= 15 {
        return Some(Class::Furniture(Reason::Source));
    }
    if republished(line, s) {
        return Some(Class::Furniture(Reason::Source));
    }
    if s.first & SOURCE != 0 && f.words <= 8 && !f.prose() {
        return Some(Class::Furniture(Reason::Source));
    }
    None
}

/// "This article originally appeared on …": the page naming its source.
fn republished(line: &str, s: &Scan) -> bool {
    self_reference(line) && s.all & SOURCE != 0 && s.words <= 16
}

/// What is left: prose, or a short line the context pass will judge.
fn weak(line: &str, f: &Features, s: &Scan, protected: bool) -> Class {
    let words = f.words;
    let heading = match f.end {
        End::Open | End::Colon => words <= 16,
        End::Question => words <= 12,
        End::Exclaim => words <= 6,
        End::Stop => {
            !protected
                && words <= 12
                && (s.marketing > 0
                    || first_is(line, "our ")
                    || first_is(line, "we ")
                    || self_reference(line))
        }
        End::Continues => false,
    };
    if heading && !f.bullet {
        Class::Heading
    } else if !protected && f.you + f.we > 0 && words <= 25 {
        Class::Aside
    } else {
        Class::Content
    }
}

/// "This article was amended…", "This story is developing…": the page
/// talking about itself.
fn self_reference(line: &str) -> bool {
    let mut words = line.split_ascii_whitespace();
    let first = words.next().unwrap_or("");
    let second = words.next().unwrap_or("");
    first.eq_ignore_ascii_case("this")
        && ["article", "story", "page", "post"]
            .iter()
            .any(|w| second.eq_ignore_ascii_case(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(line: &str) -> Class {
        classify(line, &Features::of(line))
    }

    #[test]
    fn furniture() {
        use Reason::*;
        let cases: &[(&str, Reason)] = &[
            ("Share on WhatsApp", Navigation),
            ("Comments (14)", Navigation),
            ("Advertisement", Advert),
            ("Updated 3:45 PM ET", Timestamp),
            ("Tue 14 Jan 2024 19.02 GMT", Timestamp),
            ("5 min read", Timestamp),
            ("(AP Photo/Evan Vucci)", Caption),
            ("Image credit: Handout/Agency", Caption),
            ("Photo: Reuters", Caption),
            ("© 2024 Example Media. All rights reserved.", Legal),
            ("Copyright (c) 2023 Example Media Group Inc", Legal),
            (
                "All content on this site © 2021 Example Media, unless otherwise noted in the article.",
                Legal,
            ),
            ("(c) Example Media, 2024", Legal),
            ("Download a free sample", Cta),
            ("Sign up for our newsletter", Cta),
            ("Get the latest news straight to your inbox.", Cta),
            ("Not ready to buy yet? Download a free sample", Cta),
            ("Also read: Ministers meet in Rome", RelatedLinks),
            ("Email us at tips@example.com", Cta),
            ("Photo by John Smith on Unsplash", Caption),
            (
                "This article originally appeared on The Conversation.",
                Source,
            ),
            ("Send us your tips", Cta),
        ];
        for &(line, reason) in cases {
            assert_eq!(class(line), Class::Furniture(reason), "{line}");
        }
    }

    #[test]
    fn other_classes() {
        let cases: &[(&str, Class)] = &[
            ("Previous Article", Class::Label),
            ("You may also like", Class::Label),
            ("Markets | Commodities", Class::Section),
            ("By Dana Whitfield", Class::Byline),
            ("KYIV, Dec 2 (AFP) -", Class::Dateline),
            (
                "Russia and Iran: A Strategic Partnership in Focus",
                Class::Heading,
            ),
            ("Thank you!", Class::Heading),
            (
                "“You can see the border from here,” he said.",
                Class::Content,
            ),
            (
                "Share prices fell 3% on Monday after the results.",
                Class::Content,
            ),
            (
                "Access to the site was blocked for two days.",
                Class::Content,
            ),
            (
                "Save the Children said the camps were full.",
                Class::Content,
            ),
            ("Never before has the river risen so fast.", Class::Content),
            (
                "The AP/NORC poll found that most voters back the plan.",
                Class::Content,
            ),
            // A copyright mark inside a sentence is no footer.
            (
                "The Red Cross, a 501(c)(3) nonprofit based in Washington, said on Tuesday it had raised $2.3bn from 1.2 million donors.",
                Class::Content,
            ),
            (
                "Under section 2(c) of the act, the agency may fine a firm up to $5m for each breach.",
                Class::Content,
            ),
            (
                "The shirts bore the ©Disney mark and were sold at three markets in the city on Friday.",
                Class::Content,
            ),
        ];
        for (line, want) in cases {
            assert_eq!(class(line), *want, "{line}");
        }
    }
}
