//! The anchored trie over the ASCII-lower-cased surface forms.
//!
//! Every search of the name automaton starts at a token (see
//! [`Matcher::candidates`](super::matcher::Matcher::candidates)), so no
//! failure transitions are needed: a plain trie answers "which forms are
//! prefixes of the text here", longest first, and builds in one pass over
//! the sorted keys. A general aho-corasick automaton spends most of its
//! build on failure transitions that an anchored search never follows.
//!
//! Layout: nodes in depth-first order in one `u32` arena, each as
//! `[pattern, child count, children…]`, a child being `offset << 8 |
//! byte`. A chain of single-child nodes (the tail of most names) is
//! contiguous, so a walk along a long name stays in a few cache lines, and
//! the children of a wide node are one short array. The root is a dense
//! table by byte.

/// No pattern ends at a node.
const NONE: u32 = u32::MAX;

/// Largest arena whose offsets fit a child entry's top 24 bits.
const MAX_ARENA: usize = 1 << 24;

#[derive(Debug)]
pub(crate) struct Trie {
    /// Offset of the node for each first byte, [`NONE`] if no key starts
    /// with it.
    root: Vec<u32>,
    arena: Vec<u32>,
}

/// Most matches [`Trie::prefixes`] reports, longest first.
pub(crate) const MAX_PREFIXES: usize = 4;

impl Trie {
    /// Builds the trie; `keys[p]` is the key of pattern `p`. Keys are
    /// distinct and not empty (the loader refuses empty forms; an empty
    /// key would never be reported). Fails only when the keys are too many
    /// for the layout.
    pub(crate) fn build(keys: &[&str]) -> Result<Trie, String> {
        let mut order: Vec<u32> = (0..keys.len() as u32)
            .filter(|&p| !keys[p as usize].is_empty())
            .collect();
        order.sort_unstable_by_key(|&p| keys[p as usize].as_bytes());
        let mut trie = Trie {
            root: vec![NONE; 256],
            arena: Vec::with_capacity(keys.len() * 4),
        };
        let bytes = |p: u32| keys[p as usize].as_bytes();
        let mut i = 0;
        while i < order.len() {
            let b = bytes(order[i])[0];
            let j = group_end(&order, i, 0, b, &bytes);
            trie.root[usize::from(b)] = trie.node(&order[i..j], 1, &bytes)?;
            i = j;
        }
        Ok(trie)
    }

    /// Adds the node of the sorted keys `order`, which share their first
    /// `depth` bytes, and its subtree; returns its offset.
    fn node<'k>(
        &mut self,
        order: &[u32],
        depth: usize,
        bytes: &impl Fn(u32) -> &'k [u8],
    ) -> Result<u32, String> {
        let at = self.arena.len();
        if at + 2 >= MAX_ARENA {
            return Err("too many name forms for the name trie".to_string());
        }
        let (pattern, rest) = match order.split_first() {
            Some((&p, rest)) if bytes(p).len() == depth => (p, rest),
            _ => (NONE, order),
        };
        let mut count = 0;
        let mut i = 0;
        while i < rest.len() {
            i = group_end(rest, i, depth, bytes(rest[i])[depth], bytes);
            count += 1;
        }
        self.arena.push(pattern);
        self.arena.push(count as u32);
        let first = self.arena.len();
        self.arena.resize(first + count, 0);
        let mut i = 0;
        for k in 0..count {
            let b = bytes(rest[i])[depth];
            let j = group_end(rest, i, depth, b, bytes);
            let child = self.node(&rest[i..j], depth + 1, bytes)?;
            self.arena[first + k] = child << 8 | u32::from(b);
            i = j;
        }
        Ok(at as u32)
    }

    /// The patterns that are prefixes of `hay` (ASCII-lower-cased as it is
    /// read), longest first, at most [`MAX_PREFIXES`]: `(pattern, length)`.
    pub(crate) fn prefixes(
        &self,
        hay: &[u8],
        out: &mut [(u32, usize); MAX_PREFIXES],
    ) -> usize {
        // Every match along the walk, as a ring of the last few.
        let mut ring = [(0u32, 0usize); MAX_PREFIXES];
        let mut n = 0usize;
        let arena = &self.arena[..];
        let mut node = match hay.first() {
            Some(&b) => self.root[usize::from(b.to_ascii_lowercase())],
            None => NONE,
        };
        let mut depth = 1;
        while node != NONE {
            let at = node as usize;
            let pattern = arena[at];
            if pattern != NONE {
                ring[n % MAX_PREFIXES] = (pattern, depth);
                n += 1;
            }
            let Some(&b) = hay.get(depth) else {
                break;
            };
            let b = u32::from(b.to_ascii_lowercase());
            let count = arena[at + 1] as usize;
            node = arena[at + 2..at + 2 + count]
                .iter()
                .find(|&&c| c & 0xFF == b)
                .map_or(NONE, |&c| c >> 8);
            depth += 1;
        }
        let found = n.min(MAX_PREFIXES);
        for (k, slot) in out.iter_mut().take(found).enumerate() {
            *slot = ring[(n - 1 - k) % MAX_PREFIXES];
        }
        found
    }
}

/// The end of the run of `order` from `i` whose byte at `depth` is `b`.
fn group_end<'k>(
    order: &[u32],
    i: usize,
    depth: usize,
    b: u8,
    bytes: &impl Fn(u32) -> &'k [u8],
) -> usize {
    i + order[i..].partition_point(|&p| bytes(p)[depth] == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefixes(trie: &Trie, hay: &str) -> Vec<(u32, usize)> {
        let mut out = [(0, 0); MAX_PREFIXES];
        let n = trie.prefixes(hay.as_bytes(), &mut out);
        out[..n].to_vec()
    }

    #[test]
    fn finds_every_prefix_longest_first() {
        let keys = ["new york", "new", "new york city", "newark", "york"];
        let trie = Trie::build(&keys).unwrap();
        assert_eq!(
            prefixes(&trie, "New York City Hall"),
            [(2, 13), (0, 8), (1, 3)]
        );
        assert_eq!(prefixes(&trie, "Newark"), [(3, 6), (1, 3)]);
        assert_eq!(prefixes(&trie, "ne"), []);
        assert_eq!(prefixes(&trie, "York"), [(4, 4)]);
        assert_eq!(prefixes(&trie, ""), []);
    }

    #[test]
    fn keeps_the_longest_four() {
        let keys = ["a", "ab", "abc", "abcd", "abcde"];
        let trie = Trie::build(&keys).unwrap();
        assert_eq!(prefixes(&trie, "abcdef"), [(4, 5), (3, 4), (2, 3), (1, 2)]);
    }

    #[test]
    fn non_ascii_bytes_match_as_they_are() {
        let keys = ["zürich", "z"];
        let trie = Trie::build(&keys).unwrap();
        assert_eq!(prefixes(&trie, "Zürich"), [(0, 7), (1, 1)]);
        assert_eq!(prefixes(&trie, "ZÜRICH"), [(1, 1)]);
    }

    /// The prefixes a trie must report, found by testing every key.
    fn naive(keys: &[String], hay: &str) -> Vec<(u32, usize)> {
        let hay = hay.as_bytes();
        let mut all: Vec<(u32, usize)> = keys
            .iter()
            .enumerate()
            .filter(|(_, k)| {
                !k.is_empty()
                    && hay.len() >= k.len()
                    && hay[..k.len()].to_ascii_lowercase() == k.as_bytes()
            })
            .map(|(p, k)| (p as u32, k.len()))
            .collect();
        all.sort_by_key(|&(_, len)| std::cmp::Reverse(len));
        all.truncate(MAX_PREFIXES);
        all
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_testing_every_key(
            keys in proptest::collection::btree_set("[abé ]{0,6}", 0..30),
            hays in proptest::collection::vec("[aAbBé ]{0,8}", 1..10),
        ) {
            let keys: Vec<String> = keys.into_iter().collect();
            let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
            let trie = Trie::build(&refs).unwrap();
            for hay in &hays {
                proptest::prop_assert_eq!(prefixes(&trie, hay), naive(&keys, hay));
            }
        }
    }
}
