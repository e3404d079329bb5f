//! The small built-in phrase list (`gazetteers/boilerplate/phrases.tsv`).
//!
//! Whole-line matches only, after a light normalisation (ASCII lower case,
//! whitespace collapsed, curly apostrophes straightened, trailing `.:!…`
//! removed); only short lines are looked up, so the cost is one small
//! allocation per short line.

use std::collections::HashMap;

use super::Reason;

const BUILTIN: &str = include_str!("../../gazetteers/boilerplate/phrases.tsv");

/// Longest line, in words, that is looked up.
const MAX_WORDS: u32 = 12;

/// Phrase → reason.
#[derive(Debug, Default)]
pub(crate) struct Phrases {
    map: HashMap<String, Reason>,
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
        let mut map = HashMap::new();
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
        }
        Ok(Phrases { map })
    }

    /// The reason for `line` if it is a listed phrase.
    pub fn get(&self, line: &str, words: u32) -> Option<Reason> {
        if self.map.is_empty() || words > MAX_WORDS || line.len() > 96 {
            return None;
        }
        self.map.get(&key(line)).copied()
    }
}

/// The normalised form phrases and lines are compared in.
fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in w.chars() {
            out.push(match c {
                '’' | '‘' => '\'',
                c => c.to_ascii_lowercase(),
            });
        }
    }
    let trimmed = out.trim_end_matches(['.', ':', '!', '…', ' ']).len();
    out.truncate(trimmed);
    out
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
