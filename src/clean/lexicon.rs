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

use std::sync::LazyLock;

use crate::hash::KeyMap;

use super::words::TABLE;

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

/// Lexicon words packed into a `u128` (lower-case bytes, at most 16), so a
/// lookup is one multiply-hash and one integer compare, no string compare.
type Packed = KeyMap<u128, u32>;

/// The lexicon as looked up.
struct Lexicon {
    map: Packed,
    /// Per first and last character ([`end_slot`]), a bit per byte length
    /// of the lexicon words that have them. Most words of a line are in no
    /// class, and this tells so from three bytes, before any packing and
    /// hashing.
    ends: Vec<u64>,
}

/// Slots of [`end_slot`]: the letters, `'` and `-`.
const END_SLOTS: usize = 28;

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut map = Packed::default();
    let mut ends = vec![0u64; END_SLOTS * END_SLOTS];
    for &(word, class) in TABLE {
        let b = word.as_bytes();
        if let Some(key) = pack(b) {
            *map.entry(key).or_insert(0) |= class;
        }
        if let (Some(first), Some(last)) =
            (end_slot(b[0]), end_slot(b[b.len() - 1]))
        {
            // In text each `'` may be a curly apostrophe, two bytes longer.
            let quotes = b.iter().filter(|&&c| c == b'\'').count();
            for extra in 0..=quotes {
                ends[first * END_SLOTS + last] |= 1 << (b.len() + 2 * extra);
            }
        }
    }
    Lexicon { map, ends }
});

/// The [`Lexicon::ends`] slot of a byte [`pack`] keeps: a letter (either
/// case), `'` or `-`; `None` for any other byte.
fn end_slot(b: u8) -> Option<usize> {
    match PACKED[usize::from(b)] {
        0 => None,
        b'\'' => Some(26),
        b'-' => Some(27),
        c => Some(usize::from(c - b'a')),
    }
}

/// False when no lexicon word can be `word`, judged from its length and
/// its first and last bytes; true when it may be one.
fn may_be_listed(lexicon: &Lexicon, word: &[u8]) -> bool {
    let (Some(&first), Some(&last)) = (word.first(), word.last()) else {
        return false;
    };
    match (end_slot(first), end_slot(last)) {
        (Some(f), Some(l)) if word.len() < 64 => {
            lexicon.ends[f * END_SLOTS + l] & (1 << word.len()) != 0
        }
        // Anything else is for the full lookup to settle.
        _ => true,
    }
}

/// Packs a word of ASCII letters, `'` and `-` (a curly apostrophe counts
/// as `'`), lower-cased; `None` for anything else or longer than 16.
pub(crate) fn pack(word: &[u8]) -> Option<u128> {
    let mut key: u128 = 0;
    let mut len = 0;
    let mut i = 0;
    while i < word.len() {
        let mut c = PACKED[usize::from(word[i])];
        if c == 0 {
            if !word[i..].starts_with("\u{2019}".as_bytes()) {
                return None;
            }
            i += 2;
            c = b'\'';
        }
        len += 1;
        if len > 16 {
            return None;
        }
        key = (key << 8) | u128::from(c);
        i += 1;
    }
    (len > 0).then_some(key)
}

/// What [`pack`] keeps of each byte: a letter lower-cased, `'` and `-` as
/// they are, 0 for any other byte. One load per byte of every word of a
/// scanned line.
static PACKED: [u8; 256] = {
    let mut table = [0; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        table[i] = if b.is_ascii_alphabetic() {
            b.to_ascii_lowercase()
        } else if b == b'\'' || b == b'-' {
            b
        } else {
            0
        };
        i += 1;
    }
    table
};

/// Forces the table to be built (so the first document does not pay it).
pub(crate) fn warm() {
    LazyLock::force(&LEXICON);
}

/// ASCII punctuation stripped around words.
const PUNCT: &[u8] = b"\"'()[],.:;!?|*>/";

/// [`PUNCT`] as a table: one load per byte of every word of a scanned line.
static IS_PUNCT: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < PUNCT.len() {
        table[PUNCT[i] as usize] = true;
        i += 1;
    }
    table
};

fn is_punct(b: u8) -> bool {
    IS_PUNCT[usize::from(b)]
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
    // Most words start and end with a letter: an ASCII byte that is no
    // punctuation settles each end without the quote checks.
    while start < end {
        if is_punct(b[start]) {
            start += 1;
        } else if b[start].is_ascii() {
            break;
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
        } else if b[end - 1].is_ascii() {
            break;
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
    classes_of_stripped(strip(raw))
}

/// The classes of a word already passed through [`strip`].
pub(crate) fn classes_of_stripped(stripped: &str) -> u32 {
    let lexicon = &*LEXICON;
    let word = stripped.as_bytes();
    if !may_be_listed(lexicon, word) {
        return 0;
    }
    match pack(word) {
        Some(key) => lexicon.map.get(&key).copied().unwrap_or(0),
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
