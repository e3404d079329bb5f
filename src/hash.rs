//! One hasher for the hot lookup tables of every stage.
//!
//! The tables are keyed by values that are already hashes (line and phrase
//! fingerprints, packed first words) or by words packed into integers, so
//! SipHash's protection against chosen keys buys nothing and costs a large
//! part of each lookup. [`KeyHasher`] passes 64-bit hashes through, mixes
//! packed 128-bit words with one multiply, and falls back to FNV-1a for
//! anything else.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A map keyed by hashes or packed words.
pub type KeyMap<K, V> = HashMap<K, V, BuildHasherDefault<KeyHasher>>;

/// A set of hashes or packed words.
pub type KeySet<K> = HashSet<K, BuildHasherDefault<KeyHasher>>;

const FNV_PRIME: u64 = 0x0100_0000_01b3;
const MIX: u64 = 0x9E37_79B9_7F4A_7C15;

/// See the module documentation.
#[derive(Clone, Copy, Debug, Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
    }

    /// A 64-bit key is taken to be a hash already.
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    /// A packed word: fold the halves and spread them with one multiply.
    fn write_u128(&mut self, n: u128) {
        let folded = (n as u64) ^ ((n >> 64) as u64).rotate_left(29);
        let h = folded.wrapping_mul(MIX);
        self.0 = h ^ (h >> 32);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_words_that_differ_in_one_byte_spread_over_buckets() {
        let mut buckets = KeySet::default();
        for i in 0..4096u128 {
            let mut h = KeyHasher::default();
            h.write_u128(i << 40 | 0x6162_6364);
            buckets.insert(h.finish() >> 52);
        }
        assert!(buckets.len() > 3000, "{} of 4096 buckets", buckets.len());
    }

    #[test]
    fn hashes_pass_through_and_bytes_are_fnv() {
        let mut h = KeyHasher::default();
        h.write_u64(0xDEAD_BEEF);
        assert_eq!(h.finish(), 0xDEAD_BEEF);
        let mut a = KeyHasher::default();
        let mut b = KeyHasher::default();
        a.write(b"moscow");
        b.write(b"moscoW");
        assert_ne!(a.finish(), b.finish());
    }
}
