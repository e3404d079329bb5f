//! The small built-in phrase list (`gazetteers/boilerplate/phrases.tsv`).
//!
//! Whole-line matches only, after a light normalisation (ASCII lower case,
//! whitespace collapsed, curly apostrophes straightened, trailing `.:!…`
//! removed); only short lines are looked up, so the cost is one small
//! allocation per short line.

use crate::hash::KeyMap;
use std::collections::HashSet;

use super::lexicon;
use super::Reason;

const BUILTIN: &str = include_str!("../../gazetteers/boilerplate/phrases.tsv");

/// Longest line, in words, that is looked up.
const MAX_WORDS: u32 = 12;

/// Keys are 64-bit hashes of the normalised phrase: a lookup allocates
/// nothing. A collision could only make an unrelated short line match a
/// phrase, with odds of 2^-64 per line.
type Table = KeyMap<u64, Reason>;

/// Phrase hash → reason.
#[derive(Debug, Default)]
pub(crate) struct Phrases {
    map: Table,
    /// Packed first words of the phrases: most lines are rejected on
    /// their first word without hashing the whole line.
    firsts: HashSet<u128>,
}

impl Phrases {
    /// The built-in list.
    pub fn builtin() -> Phrases {
        Phrases::parse(BUILTIN).expect("built-in phrase list is valid")
    }

    /// No phrases.
    pub fn empty() -> Phrases {
        Phrases::default()
    }

    /// Parses `reason<TAB>phrase` lines; the error names the line.
    pub fn parse(src: &str) -> Result<Phrases, String> {
        let mut map = Table::default();
        let mut firsts = HashSet::new();
        for (n, line) in src.lines().enumerate() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, phrase) = line
                .split_once('\t')
                .ok_or_else(|| format!("line {}: no tab", n + 1))?;
            let reason = Reason::from_name(name).ok_or_else(|| {
                format!("line {}: unknown reason {name:?}", n + 1)
            })?;
            map.insert(key(phrase), reason);
            firsts.extend(first_word(phrase));
        }
        Ok(Phrases { map, firsts })
    }

    /// The reason for `line` if it is a listed phrase.
    pub fn get(&self, line: &str, words: u32) -> Option<Reason> {
        if self.map.is_empty() || words > MAX_WORDS || line.len() > 96 {
            return None;
        }
        if !first_word(line).is_some_and(|w| self.firsts.contains(&w)) {
            return None;
        }
        self.map.get(&key(line)).copied()
    }
}

/// The first word of `s`, packed as the lexicon packs words.
fn first_word(s: &str) -> Option<u128> {
    let word = s.split_whitespace().next()?;
    lexicon::pack(lexicon::strip(word).as_bytes())
}

/// The hash of the normalised form phrases and lines are compared in:
/// ASCII lower case, whitespace runs as one space, curly apostrophes
/// straight, trailing `.`, `:`, `!`, `…` and spaces dropped.
fn key(s: &str) -> u64 {
    let core = s.trim_end_matches(['.', ':', '!', '…', ' ', '\t']).trim();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed =
        |b: u8| h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    let mut space = false;
    for c in core.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            feed(b' ');
            space = false;
        }
        let c = match c {
            '’' | '‘' => '\'',
            c => c.to_ascii_lowercase(),
        };
        let mut buf = [0u8; 4];
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            feed(b);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses_and_matches() {
        let p = Phrases::builtin();
        assert_eq!(p.get("Skip  to Content", 3), Some(Reason::Navigation));
        assert_eq!(p.get("Back to top!", 3), Some(Reason::Navigation));
        assert_eq!(p.get("Back to", 2), None);
        assert!(Phrases::empty().get("skip to content", 3).is_none());
    }

    #[test]
    fn bad_lines_are_reported() {
        assert!(Phrases::parse("cta no tab").is_err());
        assert!(Phrases::parse("nope\tphrase").is_err());
    }
}
