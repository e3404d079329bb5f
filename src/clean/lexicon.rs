//! Word classes the furniture features are built from.
//!
//! These are not phrases to match but the vocabulary of page furniture:
//! navigation words, imperative verbs of calls to action, marketing nouns,
//! date and time words, credit words. A line is judged by the *mix* of classes
//! its words fall in (all navigation words, an imperative verb followed by a
//! determiner, second person next to marketing nouns), so unseen combinations
//! ("Share on Mastodon", "Continue reading") are recognised without being
//! listed anywhere.
//!
//! Lookup packs the word (punctuation stripped, ASCII lower-cased) into an
//! integer and probes a hash table built once: no allocation, no string
//! comparison.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// Navigation and widget words ("home", "share", "menu", "loading").
pub(crate) const NAV: u32 = 1;
/// Words that announce a list of links ("related", "more", "trending").
pub(crate) const CUE: u32 = 1 << 1;
/// Site section names ("business", "sport", "science").
pub(crate) const SECTION: u32 = 1 << 2;
/// Advertising markers ("advertisement", "sponsored").
pub(crate) const ADVERT: u32 = 1 << 3;
/// Verbs that are unambiguously imperative at the start of a line.
pub(crate) const IMPERATIVE: u32 = 1 << 4;
/// Verbs that are imperative only when a determiner follows ("get a").
pub(crate) const VERB_OR_NOUN: u32 = 1 << 5;
/// Marketing, subscription and consent vocabulary.
pub(crate) const MARKETING: u32 = 1 << 6;
/// Words that follow an imperative verb ("a", "the", "your", "now").
pub(crate) const FOLLOWER: u32 = 1 << 7;
/// Reporting verbs: a line carrying one is reported speech.
pub(crate) const SPEECH: u32 = 1 << 8;
/// Date and time words (months, weekdays, "am", "gmt", "ago").
pub(crate) const DATE: u32 = 1 << 9;
/// Words that introduce a timestamp ("updated", "published").
pub(crate) const TIME_CUE: u32 = 1 << 10;
/// Photo credit words ("photo", "getty", "credit").
pub(crate) const CREDIT: u32 = 1 << 11;
/// Legal footer words ("copyright", "reserved", "privacy").
pub(crate) const LEGAL: u32 = 1 << 12;
/// Words naming the source of a republished article.
pub(crate) const SOURCE: u32 = 1 << 13;
/// Job words ending a byline ("staff", "correspondent").
pub(crate) const BYLINE_TAIL: u32 = 1 << 14;
/// Function words that start sentences ("the", "a", "in").
pub(crate) const STARTER: u32 = 1 << 15;
/// Small connecting words allowed inside labels ("on", "the", "this").
pub(crate) const GLUE: u32 = 1 << 16;
/// Form field words ("name", "email", "required").
pub(crate) const FORM: u32 = 1 << 17;
/// Words that sell only next to "you" ("free", "offer", "access").
pub(crate) const SELL: u32 = 1 << 18;
/// Subject pronouns: after one, a verb-first line is a question ("Don't
/// you think…"), not an imperative.
pub(crate) const SUBJECT: u32 = 1 << 19;

const TABLE: &[(&str, u32)] = &[
    ("a", FOLLOWER | STARTER | GLUE),
    ("about", GLUE),
    ("access", VERB_OR_NOUN | SELL | FOLLOWER),
    ("accept", VERB_OR_NOUN | NAV),
    ("according", SPEECH),
    ("account", SELL | NAV),
    ("acquire", VERB_OR_NOUN),
    ("ad", ADVERT),
    ("add", VERB_OR_NOUN),
    ("added", SPEECH),
    ("adds", SPEECH),
    ("address", FORM),
    ("advert", ADVERT),
    ("advertisement", ADVERT),
    ("advertising", ADVERT),
    ("afp", CREDIT),
    ("after", STARTER),
    ("ago", DATE),
    ("agriculture", SECTION),
    ("alamy", CREDIT),
    ("alerts", MARKETING),
    ("all", FOLLOWER | GLUE),
    ("allow", VERB_OR_NOUN),
    ("also", CUE),
    ("am", DATE),
    ("an", FOLLOWER | STARTER | GLUE),
    ("analysis", SECTION),
    ("and", GLUE),
    ("anytime", MARKETING),
    ("ap", CREDIT),
    ("app", SELL | NAV),
    ("appeared", SOURCE),
    ("apr", DATE),
    ("april", DATE),
    ("argued", SPEECH),
    ("article", NAV | SOURCE),
    ("articles", NAV),
    ("as", STARTER),
    ("asked", SPEECH),
    ("at", STARTER | GLUE),
    ("athletics", SECTION),
    ("audio", NAV),
    ("aug", DATE),
    ("august", DATE),
    ("author", NAV),
    ("aviation", SECTION),
    ("back", NAV),
    ("best", FOLLOWER),
    ("bst", DATE),
    ("breaking", SECTION),
    ("browse", IMPERATIVE),
    ("browser", MARKETING),
    ("business", SECTION),
    ("but", STARTER),
    ("buy", VERB_OR_NOUN | SELL),
    ("by", GLUE),
    ("call", VERB_OR_NOUN),
    ("cancel", SELL),
    ("caption", NAV | CREDIT),
    ("catch", VERB_OR_NOUN),
    ("categories", CUE),
    ("cest", DATE),
    ("cet", DATE),
    ("check", VERB_OR_NOUN),
    ("claim", VERB_OR_NOUN),
    ("claimed", SPEECH),
    ("click", IMPERATIVE | MARKETING | NAV),
    ("climate", SECTION),
    ("clipboard", NAV),
    ("close", VERB_OR_NOUN | NAV),
    ("comment", NAV | FORM),
    ("commenting", NAV),
    ("comments", NAV),
    ("commodities", SECTION),
    ("company", FORM),
    ("conditions", LEGAL),
    ("contact", VERB_OR_NOUN | NAV),
    ("content", NAV),
    ("continue", VERB_OR_NOUN | NAV),
    ("contributor", BYLINE_TAIL),
    ("cookie", MARKETING | LEGAL),
    ("cookies", MARKETING | LEGAL),
    ("copy", NAV),
    ("copyright", LEGAL),
    ("correspondent", BYLINE_TAIL),
    ("country", FORM),
    ("courtesy", CREDIT),
    ("create", VERB_OR_NOUN),
    ("created", TIME_CUE),
    ("credit", CREDIT),
    ("credits", CREDIT),
    ("cst", DATE),
    ("culture", SECTION),
    ("date", TIME_CUE),
    ("deals", SELL),
    ("dec", DATE),
    ("december", DATE),
    ("desk", BYLINE_TAIL),
    ("disclaimer", LEGAL),
    ("discount", SELL),
    ("discover", IMPERATIVE),
    ("don't", IMPERATIVE),
    ("donate", IMPERATIVE | MARKETING | NAV),
    ("donation", MARKETING),
    ("download", IMPERATIVE | MARKETING | NAV),
    ("e-mail", SELL | NAV | FORM),
    ("economy", SECTION),
    ("edt", DATE),
    ("education", SECTION),
    ("email", VERB_OR_NOUN | SELL | NAV | FORM),
    ("enjoy", IMPERATIVE),
    ("enlarge", NAV),
    ("energy", SECTION),
    ("enter", IMPERATIVE),
    ("entertainment", SECTION),
    ("environment", SECTION),
    ("epa", CREDIT),
    ("est", DATE),
    ("et", DATE),
    ("exclusive", FOLLOWER | SELL),
    ("experience", SELL),
    ("explained", SPEECH),
    ("explore", IMPERATIVE | CUE),
    ("facebook", NAV),
    ("features", SECTION),
    ("feb", DATE),
    ("february", DATE),
    ("file", CREDIT),
    ("finance", SECTION),
    ("find", VERB_OR_NOUN),
    ("first", FORM),
    ("fixtures", NAV),
    ("flipboard", NAV),
    ("follow", IMPERATIVE | NAV),
    ("football", SECTION),
    ("for", STARTER | GLUE),
    ("form", SELL),
    ("free", FOLLOWER | SELL),
    ("fri", DATE),
    ("friday", DATE),
    ("from", STARTER | GLUE),
    ("full", FOLLOWER),
    ("gain", VERB_OR_NOUN),
    ("gallery", NAV),
    ("get", VERB_OR_NOUN),
    ("getty", CREDIT),
    ("gmt", DATE),
    ("go", VERB_OR_NOUN),
    ("grab", IMPERATIVE),
    ("h", DATE),
    ("handout", CREDIT),
    ("health", SECTION),
    ("here", FOLLOWER),
    ("home", NAV),
    ("hour", DATE),
    ("hours", DATE),
    ("hrs", DATE),
    ("illustration", CREDIT),
    ("image", NAV | CREDIT),
    ("images", CREDIT),
    ("in", FOLLOWER | STARTER | GLUE),
    ("inbox", MARKETING),
    ("insisted", SPEECH),
    ("instagram", NAV),
    ("international", SECTION),
    ("internet", CUE),
    ("ist", DATE),
    ("istock", CREDIT),
    ("it", FOLLOWER | STARTER),
    ("jan", DATE),
    ("january", DATE),
    ("join", IMPERATIVE | NAV),
    ("joked", SPEECH),
    ("journalism", SELL),
    ("jst", DATE),
    ("jul", DATE),
    ("july", DATE),
    ("jun", DATE),
    ("june", DATE),
    ("keep", VERB_OR_NOUN),
    ("keywords", CUE),
    ("last", TIME_CUE | FORM),
    ("latest", FOLLOWER | CUE),
    ("learn", VERB_OR_NOUN),
    ("leave", VERB_OR_NOUN | NAV),
    ("licensing", LEGAL),
    ("lifestyle", SECTION),
    ("like", CUE | NAV),
    ("link", NAV | SOURCE),
    ("linkedin", NAV),
    ("links", CUE),
    ("listen", IMPERATIVE | NAV),
    ("live", SECTION),
    ("loading", NAV),
    ("local", SECTION),
    ("log", IMPERATIVE | NAV),
    ("login", MARKETING | NAV),
    ("main", NAV),
    ("mar", DATE),
    ("march", DATE),
    ("markets", SECTION),
    ("may", GLUE | DATE),
    ("members", SELL),
    ("membership", SELL),
    ("menu", NAV),
    ("min", DATE),
    ("mining", SECTION),
    ("mins", DATE),
    ("minute", DATE),
    ("minutes", DATE),
    ("miss", NAV),
    ("modified", TIME_CUE),
    ("mon", DATE),
    ("monday", DATE),
    ("money", SECTION),
    ("more", CUE | NAV | FOLLOWER),
    ("most", CUE),
    ("msk", DATE),
    ("name", FORM),
    ("national", SECTION),
    ("never", NAV),
    ("new", NAV),
    ("news", SECTION),
    ("newsdesk", BYLINE_TAIL),
    ("newsletter", MARKETING | NAV),
    ("newsletters", MARKETING | NAV),
    ("next", CUE | NAV),
    ("not", NAV),
    ("noted", SPEECH),
    ("notifications", MARKETING | NAV),
    ("nov", DATE),
    ("november", DATE),
    ("now", FOLLOWER | NAV),
    ("oct", DATE),
    ("october", DATE),
    ("of", GLUE),
    ("offer", SELL),
    ("offers", SELL),
    ("on", GLUE | TIME_CUE),
    ("opens", NAV),
    ("opinion", SECTION),
    ("opt-out", MARKETING),
    ("order", VERB_OR_NOUN),
    ("original", SOURCE),
    ("originally", SOURCE),
    ("our", FOLLOWER | GLUE),
    ("out", FOLLOWER),
    ("page", NAV),
    ("paid", ADVERT),
    ("partner", ADVERT),
    ("pdt", DATE),
    ("permission", LEGAL),
    ("phone", FORM),
    ("photo", CREDIT),
    ("photograph", CREDIT),
    ("photos", NAV | CREDIT),
    ("picture", CREDIT),
    ("pictured", CREDIT),
    ("pinterest", NAV),
    ("please", IMPERATIVE),
    ("pm", DATE),
    ("podcast", MARKETING),
    ("podcasts", SECTION),
    ("policy", LEGAL),
    ("politics", SECTION),
    ("pool", CREDIT),
    ("popular", CUE),
    ("post", VERB_OR_NOUN | NAV),
    ("posted", TIME_CUE),
    ("posts", NAV),
    ("premium", SELL),
    ("prev", CUE | NAV),
    ("previous", CUE | NAV),
    ("print", VERB_OR_NOUN | NAV),
    ("privacy", LEGAL | SELL),
    ("promoted", ADVERT),
    ("promotion", ADVERT),
    ("property", SECTION),
    ("pst", DATE),
    ("published", TIME_CUE | SOURCE),
    ("push", NAV),
    ("quiz", MARKETING),
    ("quoted", SPEECH),
    ("read", VERB_OR_NOUN | CUE | NAV | DATE),
    ("reading", NAV),
    ("recalled", SPEECH),
    ("recommended", CUE),
    ("reddit", NAV),
    ("register", IMPERATIVE | MARKETING | NAV),
    ("reject", VERB_OR_NOUN | NAV),
    ("related", CUE),
    ("replied", SPEECH),
    ("reply", NAV),
    ("report", VERB_OR_NOUN),
    ("reporter", BYLINE_TAIL),
    ("republished", SOURCE),
    ("request", VERB_OR_NOUN),
    ("required", FORM),
    ("reserved", LEGAL),
    ("results", NAV),
    ("retail", SECTION),
    ("reuse", VERB_OR_NOUN | NAV),
    ("reuters", CREDIT),
    ("rights", LEGAL),
    ("said", SPEECH),
    ("sat", DATE),
    ("saturday", DATE),
    ("save", VERB_OR_NOUN | NAV),
    ("say", SPEECH),
    ("says", SPEECH),
    ("science", SECTION),
    ("scores", NAV),
    ("search", NAV),
    ("see", VERB_OR_NOUN | CUE),
    ("sep", DATE),
    ("sept", DATE),
    ("september", DATE),
    ("settings", NAV),
    ("share", VERB_OR_NOUN | NAV),
    ("shipping", SECTION),
    ("shop", VERB_OR_NOUN),
    ("shutterstock", CREDIT),
    ("sign", IMPERATIVE | NAV),
    ("signing", MARKETING),
    ("site", SELL),
    ("skip", IMPERATIVE | NAV),
    ("source", SOURCE),
    ("sources", SOURCE),
    ("sponsored", ADVERT),
    ("sport", SECTION),
    ("sports", SECTION),
    ("staff", BYLINE_TAIL),
    ("start", VERB_OR_NOUN),
    ("stated", SPEECH),
    ("stay", VERB_OR_NOUN),
    ("stories", CUE | NAV),
    ("story", NAV),
    ("stringer", CREDIT),
    ("submit", IMPERATIVE | MARKETING | FORM),
    ("subscribe", IMPERATIVE | MARKETING | NAV),
    ("subscriber", MARKETING),
    ("subscribers", MARKETING),
    ("subscription", MARKETING),
    ("sun", DATE),
    ("sunday", DATE),
    ("support", VERB_OR_NOUN),
    ("tab", NAV),
    ("tables", NAV),
    ("tags", CUE),
    ("take", VERB_OR_NOUN),
    ("tap", IMPERATIVE | NAV),
    ("team", BYLINE_TAIL),
    ("tech", SECTION),
    ("technology", SECTION),
    ("telegram", NAV),
    ("tell", VERB_OR_NOUN),
    ("terms", LEGAL | SELL),
    ("the", FOLLOWER | STARTER | GLUE),
    ("these", FOLLOWER | GLUE),
    ("this", FOLLOWER | STARTER | GLUE),
    ("thu", DATE),
    ("thur", DATE),
    ("thurs", DATE),
    ("thursday", DATE),
    ("tickets", SELL),
    ("to", GLUE),
    ("today", FOLLOWER | DATE),
    ("toggle", NAV),
    ("told", SPEECH),
    ("top", CUE | NAV),
    ("topics", CUE),
    ("travel", SECTION),
    ("trending", CUE),
    ("trial", SELL),
    ("try", IMPERATIVE),
    ("tue", DATE),
    ("tues", DATE),
    ("tuesday", DATE),
    ("turn", NAV),
    ("tweet", NAV),
    ("twitter", NAV),
    ("typo", NAV),
    ("unlimited", FOLLOWER | MARKETING),
    ("unlock", IMPERATIVE | MARKETING),
    ("up", FOLLOWER | NAV),
    ("updated", TIME_CUE),
    ("updates", SELL),
    ("upgrade", IMPERATIVE | MARKETING),
    ("urged", SPEECH),
    ("us", NAV | FOLLOWER),
    ("utc", DATE),
    ("via", CREDIT | SOURCE),
    ("video", NAV),
    ("videos", NAV),
    ("view", VERB_OR_NOUN | NAV),
    ("visit", VERB_OR_NOUN),
    ("warned", SPEECH),
    ("watch", VERB_OR_NOUN | NAV),
    ("weather", SECTION),
    ("website", SELL | FORM),
    ("webinar", MARKETING),
    ("wed", DATE),
    ("wednesday", DATE),
    ("when", STARTER),
    ("whatsapp", NAV),
    ("while", STARTER),
    ("with", STARTER | GLUE),
    ("world", SECTION),
    ("wrote", SPEECH),
    ("writer", BYLINE_TAIL),
    ("show", VERB_OR_NOUN | NAV),
    ("gift", NAV),
    ("continues", NAV),
    ("below", NAV),
    ("supported", ADVERT),
    ("viewed", CUE),
    ("send", VERB_OR_NOUN),
    ("bookmark", NAV),
    ("service", LEGAL),
    ("tagged", CUE),
    ("filed", CUE),
    ("unsplash", CREDIT),
    ("x", NAV),
    ("he", SUBJECT),
    ("i", SUBJECT),
    ("she", SUBJECT),
    ("they", SUBJECT),
    ("we", SUBJECT),
    ("you", GLUE | SUBJECT),
    ("your", FOLLOWER | GLUE),
    ("youtube", NAV),
];

/// Lexicon words packed into a `u128` (lower-case bytes, at most 16), so a
/// lookup is one multiply-hash and one integer compare, no string compare.
type Packed = HashMap<u128, u32, BuildHasherDefault<PackHasher>>;

static MAP: LazyLock<Packed> = LazyLock::new(|| {
    let mut map = Packed::default();
    for &(word, class) in TABLE {
        if let Some(key) = pack(word.as_bytes()) {
            *map.entry(key).or_insert(0) |= class;
        }
    }
    map
});

/// Hashes a packed word (already well mixed by the multiply).
#[derive(Default)]
struct PackHasher(u64);

impl Hasher for PackHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b))
                .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u128(&mut self, n: u128) {
        let folded = (n as u64) ^ ((n >> 64) as u64).rotate_left(29);
        let h = folded.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = h ^ (h >> 32);
    }
}

/// Packs a word of ASCII letters, `'` and `-` (a curly apostrophe counts
/// as `'`), lower-cased; `None` for anything else or longer than 16.
pub(crate) fn pack(word: &[u8]) -> Option<u128> {
    let mut key: u128 = 0;
    let mut len = 0;
    let mut i = 0;
    while i < word.len() {
        let b = word[i];
        let c = if b.is_ascii_alphabetic() {
            b.to_ascii_lowercase()
        } else if b == b'\'' || b == b'-' {
            b
        } else if word[i..].starts_with("\u{2019}".as_bytes()) {
            i += 2;
            b'\''
        } else {
            return None;
        };
        len += 1;
        if len > 16 {
            return None;
        }
        key = (key << 8) | u128::from(c);
        i += 1;
    }
    (len > 0).then_some(key)
}

/// Forces the table to be built (so the first document does not pay it).
pub(crate) fn warm() {
    LazyLock::force(&MAP);
}

/// ASCII punctuation stripped around words.
fn is_punct(b: u8) -> bool {
    matches!(
        b,
        b'"' | b'\''
            | b'('
            | b')'
            | b'['
            | b']'
            | b','
            | b'.'
            | b':'
            | b';'
            | b'!'
            | b'?'
            | b'|'
            | b'*'
            | b'>'
            | b'/'
    )
}

/// Length of a curly quote or guillemet at the start of `b`, else 0.
fn quote_len(b: &[u8]) -> usize {
    match b {
        [0xE2, 0x80, 0x98..=0x9D, ..] => 3,
        [0xC2, 0xAB | 0xBB, ..] => 2,
        _ => 0,
    }
}

/// Length of a curly quote or guillemet at the end of `b`, else 0.
fn quote_len_back(b: &[u8]) -> usize {
    match b {
        [.., 0xE2, 0x80, 0x98..=0x9D] => 3,
        [.., 0xC2, 0xAB | 0xBB] => 2,
        _ => 0,
    }
}

/// Strips punctuation, quotes and brackets around a word.
pub(crate) fn strip(word: &str) -> &str {
    let b = word.as_bytes();
    let (mut start, mut end) = (0, b.len());
    while start < end {
        if is_punct(b[start]) {
            start += 1;
        } else {
            match quote_len(&b[start..end]) {
                0 => break,
                n => start += n,
            }
        }
    }
    while end > start {
        if is_punct(b[end - 1]) {
            end -= 1;
        } else {
            match quote_len_back(&b[start..end]) {
                0 => break,
                n => end -= n,
            }
        }
    }
    word.get(start..end).unwrap_or("")
}

/// The classes of a raw word: punctuation stripped, ASCII case folded.
pub(crate) fn classes_of(raw: &str) -> u32 {
    match pack(strip(raw).as_bytes()) {
        Some(key) => MAP.get(&key).copied().unwrap_or(0),
        None => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        let cases: &[(&str, u32)] = &[
            ("Subscribe", IMPERATIVE),
            ("(Reuters)", CREDIT),
            ("“Get", VERB_OR_NOUN),
            ("newsletter.", MARKETING),
            ("Don\u{2019}t", IMPERATIVE),
            ("«Share»", NAV),
            ("Kremlin", 0),
            ("", 0),
        ];
        for &(word, class) in cases {
            assert_eq!(classes_of(word) & class, class, "{word}");
            if class == 0 {
                assert_eq!(classes_of(word), 0, "{word}");
            }
        }
    }

    #[test]
    fn table_is_lower_case() {
        for (word, _) in TABLE {
            assert_eq!(*word, word.to_lowercase());
        }
    }
}
