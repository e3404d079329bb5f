//! A one-kilobit filter of words by first letter and length.
//!
//! The passes that link a later mention to an earlier name (surnames,
//! given names, repeats) ask, at every capitalised word of a document,
//! whether it is one of the few words they collected. Most capitalised
//! words are none of them, and a word that differs from all of them in
//! its first byte (ASCII case folded) or its byte length is refused here
//! on one read of a table that stays in cache, before any hashing or
//! comparing. The filter only refuses: a word it lets through is then
//! looked up as before, so the passes find exactly what they found
//! without it.

/// Words added so far, one bit per (folded first byte, length) slot.
#[derive(Clone, Debug, Default)]
pub(crate) struct WordFilter {
    bits: [u64; SLOTS / 64],
}

const SLOTS: usize = 1024;

fn slot(word: &[u8]) -> usize {
    let first = word.first().map_or(0, u8::to_ascii_lowercase);
    (usize::from(first) * 31 + word.len()) % SLOTS
}

impl WordFilter {
    /// Lets `word` (and every word of its first letter and length) through.
    pub(crate) fn add(&mut self, word: &[u8]) {
        let s = slot(word);
        self.bits[s / 64] |= 1 << (s % 64);
    }

    /// False when `word` is certainly none of the words added: equal words
    /// and words equal but for the ASCII case of their first letter share
    /// a slot.
    #[inline]
    pub(crate) fn may_hold(&self, word: &[u8]) -> bool {
        let s = slot(word);
        self.bits[s / 64] & (1 << (s % 64)) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::WordFilter;

    #[test]
    fn never_refuses_a_word_it_was_given() {
        let words = ["Shoigu", "SHOIGU", "Ruiz", "Zürich", "", "a", "Al-Sayed"];
        let mut f = WordFilter::default();
        for w in words {
            f.add(w.as_bytes());
        }
        for w in words {
            assert!(f.may_hold(w.as_bytes()), "{w}");
        }
        // Case of the first letter is folded; the rest must match in length.
        assert!(f.may_hold(b"shoigu"));
        assert!(!f.may_hold(b"Shoigus"));
        assert!(!f.may_hold(b"Putin"));
    }
}
