//! Word overlap between lines and the article body.
//!
//! Several judgements ask whether a line speaks of the article: a title or
//! standfirst shares words with the lede; a teaser or a list of links
//! shares few with the body. A [`Vocabulary`] is a sorted list of word
//! hashes (lower-cased, punctuation stripped, four bytes or more: the
//! words that carry a topic). It samples the first lines it is given, so
//! its cost on a long page is bounded, and building it allocates one
//! vector, no string per word.

use super::context::Line;
use super::lexicon;
use super::lines::words;

/// The words of some lines of the body, as sorted, distinct hashes.
#[derive(Debug, Default)]
pub(super) struct Vocabulary(Vec<u64>);

impl Vocabulary {
    fn contains(&self, key: u64) -> bool {
        self.0.binary_search(&key).is_ok()
    }
}

/// Lines of the body whose words are sampled.
const SAMPLE_LINES: usize = 40;

/// Lines of the body that make its lede.
const LEDE_LINES: usize = 8;

/// The words of the first kept lines of `lines`.
pub(super) fn vocabulary(lines: &[Line<'_>]) -> Vocabulary {
    words_of(lines.iter().filter(|l| l.removed.is_none()))
}

/// The words of the lede: the first [`LEDE_LINES`] kept lines of the
/// body. A title or standfirst speaks of what the lede says.
pub(super) fn lede_vocabulary(lines: &[Line<'_>]) -> Vocabulary {
    let kept = lines.iter().filter(|l| l.removed.is_none());
    sample(kept.take(LEDE_LINES), LEDE_WORDS)
}

/// Words of the lede sampled, at most: on a page of long paragraphs the
/// first one or two say what the article is about.
const LEDE_WORDS: usize = 150;

/// Words of the body sampled, at most.
const SAMPLE_WORDS: usize = 600;

/// The words of the first [`SAMPLE_LINES`] of `lines`.
pub(super) fn words_of<'a, 'b: 'a>(
    lines: impl Iterator<Item = &'a Line<'b>>,
) -> Vocabulary {
    sample(lines.take(SAMPLE_LINES), SAMPLE_WORDS)
}

/// The words of `lines`, up to `most` words read.
fn sample<'a, 'b: 'a>(
    lines: impl Iterator<Item = &'a Line<'b>>,
    most: usize,
) -> Vocabulary {
    let mut keys = Vec::with_capacity(most / 2);
    let mut read = 0;
    for l in lines {
        let line_words = words(l.text).take(most - read);
        keys.extend(line_words.filter_map(word_key));
        read += l.feat.words as usize;
        if read >= most {
            break;
        }
    }
    keys.sort_unstable();
    keys.dedup();
    Vocabulary(keys)
}

/// (distinct words of `text` in `vocabulary`, distinct words of `text`).
pub(super) fn overlap(text: &str, vocabulary: &Vocabulary) -> (usize, usize) {
    let mut seen: Vec<u64> = Vec::new();
    let mut shared = 0;
    for k in words(text).filter_map(word_key) {
        if !seen.contains(&k) {
            seen.push(k);
            shared += usize::from(vocabulary.contains(k));
        }
    }
    (shared, seen.len())
}

/// How many distinct words of `text` are in `vocabulary`.
pub(super) fn shared_words(text: &str, vocabulary: &Vocabulary) -> usize {
    overlap(text, vocabulary).0
}

/// FNV-1a of the lower-cased word without its punctuation, when it has
/// four bytes or more (bytes, lower-cased, for an ASCII word).
fn word_key(raw: &str) -> Option<u64> {
    if raw.len() < 4 {
        return None;
    }
    // Most words need no stripping: look at their two ends first.
    let b = raw.as_bytes();
    let plain =
        b[0].is_ascii_alphanumeric() && b[b.len() - 1].is_ascii_alphanumeric();
    let w = if plain { raw } else { lexicon::strip(raw) };
    if w.len() < 4 {
        return None;
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut mix = |x: u64| h = (h ^ x).wrapping_mul(0x0100_0000_01b3);
    if w.is_ascii() {
        for b in w.bytes() {
            mix(u64::from(b.to_ascii_lowercase()));
        }
    } else {
        for c in w.chars().flat_map(char::to_lowercase) {
            mix(u64::from(c));
        }
    }
    Some(h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlaps_ignore_case_punctuation_and_short_words() {
        let body = Vocabulary({
            let mut k: Vec<u64> = "Farmers marched on the ministry in Cairo."
                .split_ascii_whitespace()
                .filter_map(word_key)
                .collect();
            k.sort_unstable();
            k
        });
        assert_eq!(
            overlap("The MINISTRY, farmers and their dogs", &body),
            (2, 4)
        );
        assert_eq!(shared_words("“Cairo” ministry ministry", &body), 2);
        assert_eq!(overlap("on in a", &body), (0, 0));
    }
}
