//! Names in no list: a learned tagger over the capitalised words.
//!
//! Most people, companies, clubs and towns in news are in no gazetteer.
//! Rules name some of them by a cue; the rest are found here. An averaged
//! perceptron tags each candidate word (see [`Candidates`]) left to right
//! as outside a name, beginning one or continuing one of a kind, from
//! hashed features of the word, its shape and affixes, its neighbours and
//! their word classes, given names, the hits of the rule passes, the tag
//! before and the kind the document gave the same word earlier.
//!
//! The rule passes keep the last word: a name found here is added only
//! where no rule hit lies, so gazetteer matches keep their canonical names
//! and ids, and a learned name has none.
//!
//! The model (`gazetteers/names/tagger.bin`) is trained by
//! `src/bin/train_names.rs` on wikigold and the Broad Twitter Corpus (CC BY
//! 4.0), deterministically, so that the program rebuilds it byte for byte.
//! Its format: the magic `NXTAG1\0\0`, a little-endian `u32` count, an
//! `f32` scale, then per feature, sorted by hash, the `u64` hash and
//! [`TAGS`] `i16` weights (weight = value × scale).

use super::features::candidates;
pub use super::features::{allowed, dynamic_features, Candidates, FREE, TAGS};
use super::load::{Entry, EntryKind};
use super::text::Doc;
use super::{covered, Hit};
use crate::hash::KeyMap;

const MAGIC: &[u8; 8] = b"NXTAG1\0\0";

/// The built-in model.
const BUILTIN: &[u8] = include_bytes!("../../gazetteers/names/tagger.bin");

/// Anything that scores features: the trained [`Model`], or the weights a
/// training program is learning.
pub trait Weights {
    /// Adds the weights of feature `f` to `scores`.
    fn add(&self, f: u64, scores: &mut [f32; TAGS]);

    /// The weights of `feats` summed tag by tag, in their order.
    fn score(&self, feats: impl Iterator<Item = u64>) -> [f32; TAGS] {
        let mut scores = [0f32; TAGS];
        for f in feats {
            self.add(f, &mut scores);
        }
        scores
    }
}

/// Weights by feature hash, in one open-addressed table whose slots hold
/// a hash and its weights as the file stores them (`i16`, scaled at use),
/// so that a lookup reads one place and the table stays in the core's
/// own cache: the tagger's time goes to these lookups.
#[derive(Debug, Default)]
pub struct Model {
    /// A power of two long and at most half full, so that a missing
    /// feature ends its probe soon; [`EMPTY`] keys where no feature is.
    slots: Vec<Slot>,
    /// Weight = stored value × scale.
    scale: f32,
    /// One bit per [`FILTER_BITS`]-bit slice of every feature hash: many
    /// features of a document are in no model, and this small table rules
    /// most of them out before the large one is read.
    filter: Vec<u64>,
    len: usize,
}

/// Aligned to 32 bytes, so that no slot straddles two cache lines: a
/// lookup reads one line, and the next slot of a probe is often in it.
#[derive(Clone, Copy, Debug)]
#[repr(C, align(32))]
struct Slot {
    key: u64,
    /// The weights of the [`TAGS`] tags and a 0, so that a slot's weights
    /// are a whole vector of eight lanes (the slot's padding held them).
    weights: [i16; LANES],
}

/// [`TAGS`] and one lane more.
const LANES: usize = 8;

const EMPTY_SLOT: Slot = Slot {
    key: EMPTY,
    weights: [0; LANES],
};

/// Bits of a feature hash that index [`Model::filter`] (8 KiB).
const FILTER_BITS: u32 = 16;

fn filter_slot(f: u64) -> usize {
    (f >> (64 - FILTER_BITS)) as usize
}

/// The key of an empty slot. No feature has it: the loader refuses a
/// model that lists it, and a lookup of it finds nothing.
const EMPTY: u64 = 0;

impl Weights for Model {
    #[inline]
    fn add(&self, f: u64, scores: &mut [f32; TAGS]) {
        if let Some(w) = self.get(f) {
            for (s, &q) in scores.iter_mut().zip(w) {
                *s += f32::from(q) * self.scale;
            }
        }
    }

    /// As the default, eight lanes at a time: each lane sums the same
    /// values in the same order, so the scores are the same to the bit.
    fn score(&self, feats: impl Iterator<Item = u64>) -> [f32; TAGS] {
        let mut lanes = [0f32; LANES];
        for f in feats {
            if let Some(w) = self.get(f) {
                for (s, &q) in lanes.iter_mut().zip(w) {
                    *s += f32::from(q) * self.scale;
                }
            }
        }
        let mut scores = [0f32; TAGS];
        scores.copy_from_slice(&lanes[..TAGS]);
        scores
    }
}

impl Model {
    /// The model built into the binary.
    pub fn builtin() -> Model {
        Model::from_bytes(BUILTIN).expect("the built-in tagger model loads")
    }

    /// Reads a model written by [`encode`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        let rest = bytes
            .strip_prefix(MAGIC)
            .ok_or("not a tagger model (bad magic)")?;
        let (head, body) = rest.split_at_checked(8).ok_or("truncated")?;
        let count = u32::from_le_bytes(head[..4].try_into().unwrap()) as usize;
        let scale = f32::from_le_bytes(head[4..].try_into().unwrap());
        let row = 8 + 2 * TAGS;
        if body.len() != count * row {
            return Err("model size does not match its count".into());
        }
        let slots = (2 * count).next_power_of_two().max(16);
        let mut model = Model {
            slots: vec![EMPTY_SLOT; slots],
            scale,
            filter: vec![0; (1 << FILTER_BITS) / 64],
            len: count,
        };
        for r in body.chunks_exact(row) {
            let hash = u64::from_le_bytes(r[..8].try_into().unwrap());
            if hash == EMPTY {
                return Err("a feature hash of 0 is reserved".into());
            }
            let mut weights = [0i16; LANES];
            for (t, q) in weights[..TAGS].iter_mut().enumerate() {
                let at = 8 + 2 * t;
                *q = i16::from_le_bytes([r[at], r[at + 1]]);
            }
            let at = model.slot(hash);
            if model.slots[at].key == hash {
                return Err("a feature is listed twice".into());
            }
            model.slots[at] = Slot { key: hash, weights };
            let bit = filter_slot(hash);
            model.filter[bit / 64] |= 1 << (bit % 64);
        }
        Ok(model)
    }

    /// The slot holding feature `f`, or the empty slot where it would go.
    #[inline]
    fn slot(&self, f: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = f as usize & mask;
        while self.slots[at].key != f && self.slots[at].key != EMPTY {
            at = (at + 1) & mask;
        }
        at
    }

    /// The stored weights of feature `f`, if the model has any.
    #[inline]
    fn get(&self, f: u64) -> Option<&[i16; LANES]> {
        let bit = filter_slot(f);
        let word = self.filter.get(bit / 64)?;
        if word & (1 << (bit % 64)) == 0 {
            return None;
        }
        let at = self.slot(f);
        (f != EMPTY && self.slots[at].key == f).then(|| &self.slots[at].weights)
    }

    /// Number of features with weights.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True without features.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// Writes weights in the model format, quantised to `i16` against the
/// largest weight; rows are sorted by hash, so equal weights give equal
/// bytes.
pub fn encode(weights: &[(u64, [f32; TAGS])]) -> Vec<u8> {
    let max = weights
        .iter()
        .flat_map(|(_, w)| w.iter())
        .fold(0f32, |m, w| m.max(w.abs()));
    let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
    let mut rows: Vec<(u64, [i16; TAGS])> = weights
        .iter()
        .map(|(h, w)| {
            let mut q = [0i16; TAGS];
            for (q, w) in q.iter_mut().zip(w) {
                *q = (w / scale).round() as i16;
            }
            (*h, q)
        })
        .filter(|(_, q)| q.iter().any(|&x| x != 0))
        .collect();
    rows.sort_by_key(|r| r.0);
    let mut out = Vec::with_capacity(16 + rows.len() * (8 + 2 * TAGS));
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    out.extend_from_slice(&scale.to_le_bytes());
    for (h, q) in rows {
        out.extend_from_slice(&h.to_le_bytes());
        for x in q {
            out.extend_from_slice(&x.to_le_bytes());
        }
    }
    out
}

/// Greedy left-to-right tagging of one document's candidates, one step at
/// a time so that training can update the weights between steps.
#[derive(Debug, Default)]
pub struct Decoder {
    /// The tags chosen so far, one per candidate.
    pub tags: Vec<u8>,
    /// How far each chosen tag scored above outside (0 for outside).
    pub margins: Vec<f32>,
    memory: KeyMap<u64, u8>,
}

impl Decoder {
    /// The tag before candidate `c`: that of the previous token when it is
    /// a candidate, else outside.
    fn prev(&self, cands: &Candidates, c: usize) -> u8 {
        if c > 0 && cands.token[c - 1] + 1 == cands.token[c] {
            self.tags[c - 1]
        } else {
            0
        }
    }

    /// The dynamic features of the next candidate, `c = tags.len()`.
    pub fn features(&self, cands: &Candidates, c: usize) -> [u64; 3] {
        let memory = self.memory.get(&cands.key[c]).copied().unwrap_or(0);
        let mut out = [0; 3];
        dynamic_features(self.prev(cands, c), cands.shape[c], memory, &mut out);
        out
    }

    /// The best allowed tag of candidate `c` under `w`, with its features,
    /// and its margin over outside.
    pub fn choose<W: Weights>(
        &self,
        cands: &Candidates,
        c: usize,
        w: &W,
        dynamic: &[u64; 3],
    ) -> (u8, f32) {
        if cands.fixed[c] != FREE {
            return (cands.fixed[c], 0.0);
        }
        let feats = cands.static_features(c).iter().chain(dynamic);
        let scores = w.score(feats.copied());
        let prev = self.prev(cands, c);
        let mut best = 0;
        for t in 1..TAGS {
            if allowed(cands, c, t, prev) && scores[t] > scores[best] {
                best = t;
            }
        }
        (best as u8, scores[best] - scores[0])
    }

    /// Records the tag of the next candidate and its margin.
    pub fn push(&mut self, cands: &Candidates, c: usize, tag: (u8, f32)) {
        if tag.0 != 0 {
            self.memory.insert(cands.key[c], (tag.0 - 1) / 2 + 1);
        }
        self.tags.push(tag.0);
        self.margins.push(tag.1);
    }
}

/// Tags every candidate with `w`.
pub fn tag<W: Weights>(cands: &Candidates, w: &W) -> Decoder {
    let mut d = Decoder {
        tags: Vec::with_capacity(cands.len()),
        margins: Vec::with_capacity(cands.len()),
        memory: KeyMap::with_capacity_and_hasher(
            cands.len() / 2,
            Default::default(),
        ),
    };
    for c in 0..cands.len() {
        let t = if cands.fixed[c] == FREE {
            let dynamic = d.features(cands, c);
            d.choose(cands, c, w, &dynamic)
        } else {
            (cands.fixed[c], 0.0)
        };
        d.push(cands, c, t);
    }
    d
}

/// The least mean margin over outside (in units of the model's weights)
/// that a learned name needs: below it the tagger is unsure, and a false
/// name costs more than a missed one. Chosen on the held-out fifth of
/// wikigold and the written passages of `tests/data/entities` (GUM was not
/// looked at): it keeps their precision near that of the rules alone.
pub const MIN_MARGIN: f32 = 75.0;

/// The names in a tag sequence: first and last token and kind (0 person,
/// 1 organisation, 2 location), connectors trimmed from the end; those
/// whose mean margin is under `min` are left out.
pub fn spans(
    cands: &Candidates,
    d: &Decoder,
    min: f32,
) -> Vec<(usize, usize, u8)> {
    let tags = &d.tags;
    let mut out = Vec::new();
    let mut c = 0;
    while c < tags.len() {
        if tags[c] == 0 || tags[c] % 2 == 0 {
            c += 1;
            continue;
        }
        let kind = (tags[c] - 1) / 2;
        let mut end = c;
        while end + 1 < tags.len() && tags[end + 1] == tags[c] + 1 {
            end += 1;
        }
        let mut last = end;
        while last > c && cands.connector[last] {
            last -= 1;
        }
        let mean =
            d.margins[c..=end].iter().sum::<f32>() / (end + 1 - c) as f32;
        if mean < min || (last == c && cands.bare[c]) {
            c = end + 1;
            continue;
        }
        out.push((cands.token[c] as usize, cands.token[last] as usize, kind));
        c = end + 1;
    }
    out
}

/// Last words of events, works, programmes and laws, which are names but
/// not of people, organisations or places ("World Cup", "Magic Month",
/// "Disabilities Act"), and words that are capitalised without naming
/// anything ("I'm", "OK").
const NOT_ENTITY: &[&str] = &[
    "cup",
    "cups",
    "games",
    "olympics",
    "festival",
    "tournament",
    "championship",
    "championships",
    "open",
    "month",
    "week",
    "day",
    "act",
    "award",
    "awards",
    "prize",
    "war",
    "show",
    "program",
    "programme",
    "experience",
    "series",
    "trophy",
    "marathon",
    "grand",
    "prix",
    "i",
    "i'm",
    "i’m",
    "i've",
    "i’ve",
    "i'd",
    "i’d",
    "i'll",
    "i’ll",
    "ok",
    "okay",
];

/// Last words that make a name a place whatever the tagger says: sites,
/// buildings and natural features ("NTU Hospital", "Shandao Station",
/// "Tarnak Valley").
const FACILITIES: &[&str] = &[
    "station",
    "airport",
    "stadium",
    "bridge",
    "square",
    "street",
    "road",
    "avenue",
    "park",
    "hall",
    "memorial",
    "tower",
    "palace",
    "temple",
    "mosque",
    "cathedral",
    "hotel",
    "hospital",
    "mountain",
    "mountains",
    "river",
    "lake",
    "valley",
    "island",
    "islands",
    "bay",
    "beach",
    "canyon",
    "desert",
    "county",
    "province",
    "district",
    "gardens",
    "harbour",
    "harbor",
    "peninsula",
    "strait",
    "sea",
    "ocean",
    "gulf",
];

pub(crate) fn facility(word: &str) -> bool {
    FACILITIES.iter().any(|w| w.eq_ignore_ascii_case(word))
}

pub(crate) fn not_entity(word: &str) -> bool {
    NOT_ENTITY.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// False for learned spans that name an event or a work, or are a
/// pronoun.
fn name_like(doc: &Doc<'_>, first: usize, last: usize) -> bool {
    let pronoun = first == last && not_entity(doc.word(first));
    !(pronoun || not_entity(doc.stem(last)))
}

/// Adds the names the model finds where no rule hit lies; true when it
/// added a person.
pub(crate) fn add(
    doc: &Doc<'_>,
    entries: &[Entry],
    model: &Model,
    hits: &mut Vec<Hit>,
) -> bool {
    if doc.caps().is_empty() {
        return false;
    }
    let cands = candidates(doc, hits, entries);
    let decoded = tag(&cands, model);
    let mut found: Vec<Hit> = Vec::new();
    for (first, last, kind) in spans(&cands, &decoded, MIN_MARGIN) {
        if covered(hits, first, last) || !name_like(doc, first, last) {
            continue;
        }
        let kind = match kind {
            _ if first < last && facility(doc.stem(last)) => {
                EntryKind::Location
            }
            0 => EntryKind::Person,
            1 => EntryKind::Organization,
            _ => EntryKind::Location,
        };
        found.push(Hit::unknown(doc, first, last, kind));
    }
    let person = found.iter().any(|h| h.kind == EntryKind::Person);
    if found.is_empty() {
        return false;
    }
    let old = std::mem::take(hits);
    let mut merged = Vec::with_capacity(old.len() + found.len());
    let (mut a, mut b) = (old.into_iter().peekable(), found.into_iter());
    for h in b.by_ref() {
        while a.peek().is_some_and(|o| o.first < h.first) {
            merged.extend(a.next());
        }
        merged.push(h);
    }
    merged.extend(a);
    *hits = merged;
    person
}

/// Runs the rule passes' candidates and features for a training program:
/// see [`super::Gazetteer::learning_input`].
pub(crate) fn input(
    doc: &Doc<'_>,
    entries: &[Entry],
    hits: &[Hit],
) -> Candidates {
    candidates(doc, hits, entries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::{Gazetteer, GazetteerFile, MatchOptions};
    use crate::tokenize::Tokenizer;

    const FIXTURE: &str = "\
id\ttype\tname\taliases\tsource\tnotes
Q159\tlocation\tRussia\t\tt\tkind=country;iso2=RU
";

    fn with_model() -> Gazetteer {
        let file = GazetteerFile {
            name: "fixture.tsv".to_string(),
            text: FIXTURE.to_string(),
        };
        Gazetteer::from_files(&[file], MatchOptions::default())
            .expect("the fixture loads")
    }

    #[test]
    fn the_model_round_trips_through_its_format() {
        let weights = vec![(7u64, [1.0, -2.0, 0.5, 0.0, 0.0, 0.0, 4.0])];
        let bytes = encode(&weights);
        let model = Model::from_bytes(&bytes).expect("it loads");
        let mut scores = [0f32; TAGS];
        model.add(7, &mut scores);
        assert!(
            (scores[6] - 4.0).abs() < 1e-3 && (scores[1] + 2.0).abs() < 1e-3
        );
        assert_eq!(encode(&weights), bytes, "encoding is deterministic");
        assert!(Model::from_bytes(b"junk").is_err());
        assert!(Model::builtin().len() > 1000);
    }

    #[test]
    fn unknown_names_are_found_without_ids() {
        let g = with_model();
        let got = crate::gazetteer::found(
            &g,
            "Shares of Kalvex Mining rose on Tuesday, said Tomasz Wielgosz, \
             who heads the company in Russia. Wielgosz added that sales \
             grew.",
        );
        // A later bare surname is the same person.
        assert_eq!(got.last().map(String::as_str), Some("Wielgosz/person/?"));
        assert!(
            got.contains(&"Tomasz Wielgosz/person/?".to_string()),
            "{got:?}"
        );
        assert!(
            got.contains(&"Russia/location/Russia".to_string()),
            "{got:?}"
        );
        // The rules keep the last word where they found a name.
        assert_eq!(got.iter().filter(|m| m.starts_with("Russia")).count(), 1);
    }

    #[test]
    fn tags_are_consistent_and_linear_in_candidates() {
        let g = with_model();
        let text = "Ab Cd of Ef Gh. ".repeat(200);
        let tokens = Tokenizer::new().tokenize(&text);
        let cands = g.learning_input(&text, &tokens);
        let d = tag(&cands, g.model.as_ref().expect("a model"));
        assert_eq!(d.tags.len(), cands.len());
        for c in (0..cands.len()).filter(|&c| cands.fixed[c] == FREE) {
            let prev = if c > 0 { d.tags[c - 1] } else { 0 };
            assert!(allowed(&cands, c, d.tags[c] as usize, prev));
        }
        for (first, last, _) in spans(&cands, &d, MIN_MARGIN) {
            assert!(first <= last);
        }
    }
}
