//! Eight bytes at a time: tests on a `u64` read from eight bytes of text
//! that set the high bit of each byte that passes, so that a scan finds
//! its next byte of interest with `trailing_zeros` instead of a branch per
//! byte. The text scans of the tokenizer, the cleaner and the record
//! writer share these.
//!
//! The tests for a byte below a bound or equal to a byte borrow across
//! bytes: they may also flag bytes after a true one, never before it, so
//! the lowest flag is exact, which is what a scan for the first one needs.

/// One in the lowest bit of every byte.
pub(crate) const LOW: u64 = 0x0101_0101_0101_0101;
/// The highest bit of every byte.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

/// The eight bytes of `b` from `i`, little-endian (the first byte lowest),
/// when there are eight.
#[inline]
pub(crate) fn word_at(b: &[u8], i: usize) -> Option<u64> {
    let eight = b.get(i..i + 8)?;
    Some(u64::from_le_bytes(eight.try_into().expect("eight bytes")))
}

/// The index (0 to 7) of the lowest byte that `flags` marks.
#[inline]
pub(crate) fn first(flags: u64) -> usize {
    (flags.trailing_zeros() / 8) as usize
}

/// Flags the bytes of `x` below `n` (`n` at most 0x80); exact for the
/// lowest.
#[inline]
pub(crate) fn below(x: u64, n: u8) -> u64 {
    x.wrapping_sub(LOW * u64::from(n)) & !x & HIGH
}

/// Flags the bytes of `x` equal to `b`; exact for the lowest.
#[inline]
pub(crate) fn equal(x: u64, b: u8) -> u64 {
    below(x ^ (LOW * u64::from(b)), 1)
}

/// Flags the bytes of `x`, eight ASCII bytes, within `lo..=hi`; exact for
/// every byte: each sum stays below 256, so no carry crosses into the next.
#[inline]
pub(crate) fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    let from_lo = x + LOW * u64::from(0x80 - lo);
    let above_hi = x + LOW * u64::from(0x7F - hi);
    from_lo & !above_hi & HIGH
}

/// The eight bytes of `x` with ASCII capitals lower-cased and every other
/// byte, non-ASCII ones included, as it was: `u8::to_ascii_lowercase` on
/// each byte.
#[inline]
pub(crate) fn to_ascii_lowercase(x: u64) -> u64 {
    // On the low seven bits of each byte no sum reaches the next byte.
    let seven = x & !HIGH;
    let from_a = seven + LOW * u64::from(0x80 - b'A');
    let above_z = seven + LOW * u64::from(0x7F - b'Z');
    let upper = from_a & !above_z & !x & HIGH;
    x | upper >> 2
}

/// `word` (at most 16 bytes) ASCII-lower-cased and packed into one
/// integer, its first byte lowest and zeros above its last: keys for the
/// word tables, which compare in a few instructions where strings would
/// call a comparison routine. Read and lower-cased a machine word at a
/// time (overlapping reads for short words), not byte by byte: the tables
/// are asked about most words of a document, and a loop over the bytes
/// mispredicts its end at nearly every word.
#[inline]
pub(crate) fn packed_lower(word: &[u8]) -> u128 {
    let n = word.len();
    debug_assert!(n <= 16, "{n} bytes do not pack");
    let eight = |at: usize| word_at(word, at).expect("eight bytes");
    let four = |at: usize| {
        let b: [u8; 4] = word[at..at + 4].try_into().expect("four bytes");
        u64::from(u32::from_le_bytes(b))
    };
    let (lo, hi) = match n {
        9..=16 => (eight(0), eight(n - 8) >> ((16 - n) * 8)),
        8 => (eight(0), 0),
        // Two reads of four that overlap: the bytes they share are equal.
        4..=7 => (four(0) | four(n - 4) << ((n - 4) * 8), 0),
        1..=3 => {
            let at = |k: usize| u64::from(word[k]) << (8 * k);
            (at(0) | at(n / 2) | at(n - 1), 0)
        }
        _ => (0, 0),
    };
    u128::from(to_ascii_lowercase(lo))
        | u128::from(to_ascii_lowercase(hi)) << 64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_every_length_as_a_byte_loop() {
        let text = b"Aa\xc3\xa9ZzQ[`@{0123456789abcdefXYZ";
        for start in 0..text.len() {
            for n in 0..=16.min(text.len() - start) {
                let word = &text[start..start + n];
                let want = word.iter().enumerate().fold(0u128, |k, (i, c)| {
                    k | u128::from(c.to_ascii_lowercase()) << (8 * i)
                });
                assert_eq!(packed_lower(word), want, "{word:?}");
            }
        }
    }

    /// Each test against the byte-by-byte answer, over every byte value
    /// at every place of a word of otherwise plain letters.
    #[test]
    fn the_lowest_flag_is_the_first_matching_byte() {
        for place in 0..8 {
            for v in 0..=255u8 {
                let mut bytes = *b"abcdefgh";
                bytes[place] = v;
                let x = u64::from_le_bytes(bytes);
                let lowest = |flags: u64| (flags != 0).then(|| first(flags));
                let want =
                    |p: &dyn Fn(u8) -> bool| bytes.iter().position(|&b| p(b));
                assert_eq!(lowest(below(x, 0x21)), want(&|b| b < 0x21));
                assert_eq!(lowest(equal(x, b'"')), want(&|b| b == b'"'));
                if v < 0x80 {
                    let flags = in_range(x, b'0', b'9');
                    assert_eq!(lowest(flags), want(&|b| b.is_ascii_digit()));
                }
                let mut upper = bytes;
                upper.make_ascii_uppercase();
                upper[place] = v;
                let lowered = to_ascii_lowercase(u64::from_le_bytes(upper));
                assert_eq!(
                    lowered.to_le_bytes().to_vec(),
                    upper.to_ascii_lowercase()
                );
            }
        }
    }
}
