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
//! integer and probes an open-addressing table built once: no allocation,
//! no string comparison.

use std::sync::LazyLock;

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

/// The lexicon as looked up.
struct Lexicon {
    /// Lexicon words packed into a `u128` (lower-case bytes, at most 16)
    /// with their classes, by open addressing: a lookup is one multiply
    /// and most often one integer compare, no string compare. A key of 0
    /// marks an empty slot ([`pack`] never gives 0).
    slots: Vec<(u128, u32)>,
    /// Per first and last byte ([`END_SLOT`]), a bit per byte length of
    /// the lexicon words that have them. Most words of a line are in no
    /// class, and this tells so from three bytes, before any packing and
    /// hashing.
    ends: Vec<u64>,
}

/// Slots of [`END_SLOT`]: the letters, `'`, `-`, and one for any other
/// byte.
const END_SLOTS: usize = 29;

/// The [`Lexicon::ends`] slot of each byte: a letter (either case), `'`
/// and `-` have their own; every other byte shares the last, whose words
/// are left to the full lookup.
static END_SLOT: [u8; 256] = {
    let mut table = [0; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = match PACKED[i] {
            0 => END_SLOTS as u8 - 1,
            b'\'' => 26,
            b'-' => 27,
            c => c - b'a',
        };
        i += 1;
    }
    table
};

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    // A word listed in several classes is one key with all of them.
    let mut keys: Vec<(u128, u32)> = TABLE
        .iter()
        .filter_map(|&(word, class)| Some((pack(word.as_bytes())?, class)))
        .collect();
    keys.sort_unstable_by_key(|&(key, _)| key);
    keys.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            kept.1 |= later.1;
        }
        same
    });
    let mut ends = vec![0u64; END_SLOTS * END_SLOTS];
    for &(word, _) in TABLE {
        let b = word.as_bytes();
        let first = usize::from(END_SLOT[usize::from(b[0])]);
        let last = usize::from(END_SLOT[usize::from(b[b.len() - 1])]);
        // In text each `'` may be a curly apostrophe, two bytes longer.
        let quotes = b.iter().filter(|&&c| c == b'\'').count();
        for extra in 0..=quotes {
            ends[first * END_SLOTS + last] |= 1 << (b.len() + 2 * extra);
        }
    }
    // Words with another byte at an end, or of 63 bytes or more, are for
    // the full lookup to settle.
    let other = END_SLOTS - 1;
    for slot in 0..END_SLOTS {
        ends[other * END_SLOTS + slot] = u64::MAX;
        ends[slot * END_SLOTS + other] = u64::MAX;
    }
    for e in &mut ends {
        *e |= 1 << 63;
    }
    Lexicon {
        slots: open_addressing(&keys),
        ends,
    }
});

/// The table of `keys` (distinct, not 0) for [`Lexicon::slots`]: at most
/// a quarter full, so probes are short.
fn open_addressing(keys: &[(u128, u32)]) -> Vec<(u128, u32)> {
    let size = (keys.len() * 4).next_power_of_two();
    let mut slots = vec![(0, 0); size];
    for &(key, class) in keys {
        let mut i = home_slot(key, size);
        while slots[i].0 != 0 {
            i = (i + 1) & (size - 1);
        }
        slots[i] = (key, class);
    }
    slots
}

/// The first slot probed for a packed word in a table of `size` (a power
/// of two) slots: the halves folded and spread with one multiply.
fn home_slot(key: u128, size: usize) -> usize {
    let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
    let h = folded.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> 32) as usize & (size - 1)
}

/// False when no lexicon word can be `word`, judged from its length and
/// its first and last bytes; true when it may be one.
#[inline]
fn may_be_listed(lexicon: &Lexicon, word: &[u8]) -> bool {
    let (Some(&first), Some(&last)) = (word.first(), word.last()) else {
        return false;
    };
    let f = usize::from(END_SLOT[usize::from(first)]);
    let l = usize::from(END_SLOT[usize::from(last)]);
    lexicon.ends[f * END_SLOTS + l] & (1 << word.len().min(63)) != 0
}

/// The classes of `word` by the full lookup: packed, then probed for.
fn lookup(lexicon: &Lexicon, word: &[u8]) -> u32 {
    let Some(key) = pack(word) else { return 0 };
    let slots = &lexicon.slots;
    let mut i = home_slot(key, slots.len());
    loop {
        match slots[i] {
            (k, class) if k == key => return class,
            (0, _) => return 0,
            _ => i = (i + 1) & (slots.len() - 1),
        }
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
#[inline]
pub(crate) fn strip(word: &str) -> &str {
    // Most words start and end with a letter or digit: two bytes settle
    // them, inline, before any loop.
    match word.as_bytes() {
        [first, .., last] if bare(*first) && bare(*last) => word,
        [only] if bare(*only) => word,
        _ => strip_around(word),
    }
}

/// An ASCII byte that is no [`PUNCT`]: [`strip`] stops at it.
fn bare(b: u8) -> bool {
    b.is_ascii() && !is_punct(b)
}

/// [`strip`] of a word with punctuation or a non-ASCII byte at an end.
fn strip_around(word: &str) -> &str {
    let b = word.as_bytes();
    let (mut start, mut end) = (0, b.len());
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
#[inline]
pub(crate) fn classes_of(raw: &str) -> u32 {
    classes_of_stripped(strip(raw))
}

/// The classes of a word already passed through [`strip`]. The check that
/// settles most words is inline; the full lookup is not.
#[inline]
pub(crate) fn classes_of_stripped(stripped: &str) -> u32 {
    let lexicon = &*LEXICON;
    let word = stripped.as_bytes();
    if !may_be_listed(lexicon, word) {
        return 0;
    }
    lookup(lexicon, word)
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
