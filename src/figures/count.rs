//! What a number counts: the counted noun after it, or a unit of time.
//!
//! English puts the counted noun after the number, perhaps behind a few
//! modifiers: "730 pieces", "40 armoured vehicles", "35 F-35 fighter jets",
//! "300 young people". The head is the first plural noun, extended by a
//! directly following plural ("2,000 police officers" counts officers).
//! Function words end the search: "29 of 31 drones" has no noun after 29,
//! and "14 times earnings" is a ratio, not a count of times.

use super::doc::{is, Doc, WordSet};

/// Words that end the search for a counted noun.
static STOP_WORDS: WordSet = WordSet::new(&[
    "a",
    "about",
    "after",
    "against",
    "ago",
    "all",
    "also",
    "an",
    "and",
    "apiece",
    "are",
    "as",
    "at",
    "be",
    "been",
    "before",
    "being",
    "between",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "down",
    "during",
    "each",
    "for",
    "from",
    "had",
    "has",
    "have",
    "he",
    "her",
    "here",
    "his",
    "i",
    "if",
    "in",
    "including",
    "into",
    "is",
    "it",
    "its",
    "just",
    "less",
    "may",
    "might",
    "more",
    "most",
    "must",
    "no",
    "not",
    "now",
    "of",
    "off",
    "old",
    "on",
    "only",
    "onto",
    "or",
    "out",
    "over",
    "per",
    "percent",
    "plus",
    "pct",
    "she",
    "should",
    "since",
    "so",
    "still",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "times",
    "to",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "via",
    "was",
    "we",
    "were",
    "when",
    "where",
    "whereas",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "cent",
    "percentage",
    "versus",
    "vs",
    "across",
    "amid",
    "among",
    "around",
    "toward",
    "towards",
    "beyond",
    "behind",
    "near",
    "next",
    "like",
    "unlike",
    "despite",
    "because",
    "though",
    "although",
    "what",
    "how",
    "why",
    "more",
    "fewer",
    "other",
    "others",
    "another",
    "such",
    "some",
    "any",
    "many",
    "much",
    "few",
    "several",
    "every",
    "either",
    "neither",
    "both",
    "own",
    "same",
    "very",
    "too",
    "again",
    "always",
    "perhaps",
    "news",
    "series",
    "means",
]);

/// Plurals without a final "s" that news counts.
static IRREGULAR_PLURALS: WordSet = WordSet::new(&[
    "rohingya",
    "chinese",
    "japanese",
    "vietnamese",
    "lebanese",
    "sudanese",
    "taiwanese",
    "burmese",
    "congolese",
    "senegalese",
    "portuguese",
    "swiss",
    "people",
    "children",
    "men",
    "women",
    "police",
    "personnel",
    "staff",
    "cattle",
    "sheep",
    "fish",
    "deer",
    "aircraft",
    "spacecraft",
    "livestock",
    "feet",
    "teeth",
    "mice",
    "geese",
    "offspring",
    "clergy",
    "infantry",
    "youth",
    "crew",
]);

/// Prepositions that put a number in time: "in 2022", "since 1990".
pub fn is_time_preposition(word: &str) -> bool {
    [
        "in", "since", "by", "from", "until", "till", "during", "before",
        "after", "between", "through", "circa", "early", "late", "mid",
    ]
    .iter()
    .any(|w| is(word, w))
}

/// A counted noun: its lower-cased text and the last token it covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Noun {
    /// Lower-cased as written ("sanctions", "iphones").
    pub unit: String,
    /// Index of its last token.
    pub last: usize,
}

/// True for a word that ends a counted-noun search.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(word)
}

/// True for a plural noun: a regular "-s" plural or a known irregular one.
pub fn is_plural_noun(word: &str) -> bool {
    if IRREGULAR_PLURALS.contains(word) {
        return true;
    }
    let lower_end = |suffix: &str| {
        word.len() >= suffix.len()
            && word.is_char_boundary(word.len() - suffix.len())
            && is(&word[word.len() - suffix.len()..], suffix)
    };
    if !lower_end("s") {
        // Compounds of irregular plurals: "schoolchildren", "businessmen".
        return word.len() > 5
            && ["children", "people", "women", "smen", "emen", "rmen"]
                .iter()
                .any(|s| lower_end(s))
            && word.chars().all(char::is_alphabetic);
    }
    let capital = word.starts_with(|c: char| c.is_uppercase());
    word.len() >= 3
        && word.chars().all(char::is_alphabetic)
        && lower_end("s")
        && !lower_end("ss")
        && !lower_end("us")
        // "crisis" but "Israelis", "Iraqis"; "chaos" but "superjumbos".
        && (capital || !lower_end("is"))
        && !(lower_end("os") && SINGULAR_OS.contains(word))
        && !is_stop_word(word)
}

/// Singular nouns ending in "-os"; other "-os" words are plurals
/// ("videos", "superjumbos", "casinos").
static SINGULAR_OS: WordSet = WordSet::new(&[
    "chaos", "cosmos", "pathos", "ethos", "kudos", "thermos", "laos", "mythos",
    "logos", "bathos", "tacos", "pesos", "euros", "kilos",
]);

/// A model or letter plural: "Model Ys", "MRAPs", "F-16s", "SUVs",
/// "A380s": a capital or digit, then a lower-case "s".
fn is_code_plural(word: &str) -> bool {
    let Some(stem) = word.strip_suffix('s') else {
        return false;
    };
    !stem.is_empty()
        && stem.bytes().all(|b| b.is_ascii_alphanumeric())
        && stem
            .bytes()
            .any(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && !stem.bytes().any(|b| b.is_ascii_lowercase())
}

/// Could `word` modify a noun that follows ("armoured", "Russian",
/// "Leopard", "F-35")? Stop words, adverbs and clause words cannot.
fn is_modifier(doc: &Doc<'_>, first: usize, end: usize) -> bool {
    if end > first + 1 {
        return true; // a compound: "water-bombing", "F-35"
    }
    let word = doc.word(first);
    // "500ml cans": a measured size names the kind of thing counted.
    if doc.is_number(first) {
        return word.bytes().any(|b| b.is_ascii_alphabetic());
    }
    // "US leaders": an acronym is not the pronoun.
    let acronym =
        word.len() >= 2 && word.bytes().all(|b| b.is_ascii_uppercase());
    if is_stop_word(word) && !acronym {
        return false;
    }
    let lower_ly = word.len() > 4 && word.ends_with("ly");
    // "A321neo jets", "Su35 fighters": a model name before the noun.
    let model = word.chars().all(char::is_alphanumeric)
        && word.chars().any(|c| c.is_ascii_digit())
        && word.chars().any(char::is_uppercase);
    model || word.chars().all(char::is_alphabetic) && !lower_ly
}

/// The counted noun starting at token `i` (which follows the number with a
/// plain space), searching no further than `limit`; `after_of` is for
/// vague quantities, which take "of" first ("thousands of protesters").
pub fn counted_noun(
    doc: &Doc<'_>,
    mut i: usize,
    limit: usize,
    after_of: bool,
) -> Option<Noun> {
    if after_of {
        if i >= limit || !doc.spaced(i) || !is(doc.word(i), "of") {
            return None;
        }
        i += 1;
    }
    // "two other incidents": "other" sets the counted things apart from
    // ones already named; it does not end the search.
    if i + 1 < limit && doc.spaced(i) && is(doc.word(i), "other") {
        i += 1;
    }
    let mut modifiers = 0;
    let mut dotted = false;
    while i < limit
        && (doc.spaced(i) || plus(doc, i) || dotted && doc.gap(i) == ". ")
        && modifiers <= 3
    {
        dotted = false;
        let end = doc.compound_end(i, limit);
        let head = doc.word(end - 1);
        // "F-16s" ends in a digit token; "the 1960s" is a decade.
        // "150 Boeing 737s": a model number after a maker's name.
        let maker = modifiers > 0
            && doc.spaced(i)
            && doc.word(i - 1).starts_with(|c: char| c.is_uppercase());
        let code =
            is_code_plural(head) && (end - 1 > i || !doc.is_number(i) || maker);
        if is_plural_noun(head) && !doc.is_number(end - 1) {
            return Some(extend_plural(doc, i, end, limit));
        }
        if code {
            // "Model Ys" names its things with the word before the code.
            let named = modifiers > 0
                && end - 1 == i
                && doc.spaced(i)
                && doc.word(i - 1).starts_with(|c: char| c.is_uppercase());
            return Some(extend_plural(
                doc,
                i - usize::from(named),
                end,
                limit,
            ));
        }
        // "300 Ford and Toyota trucks": names joined by "and".
        if modifiers > 0
            && (is(head, "and") || is(head, "or"))
            && doc.word(i - 1).starts_with(|c: char| c.is_uppercase())
            && doc.word(i + 1).starts_with(|c: char| c.is_uppercase())
        {
            i = end;
            continue;
        }
        // "200 U.S. troops": a dotted abbreviation is one modifier.
        if let Some(next) = dotted_end(doc, i, limit) {
            dotted = true;
            modifiers += 1;
            i = next;
            continue;
        }
        if !is_modifier(doc, i, end) {
            return None;
        }
        modifiers += 1;
        i = end;
    }
    None
}

/// The token after a dotted abbreviation at `i` ("U.S.", "U.N.", one
/// token without its last full stop), when one is there.
fn dotted_end(doc: &Doc<'_>, i: usize, limit: usize) -> Option<usize> {
    let w = doc.word(i);
    let abbreviation = w.len() >= 3
        && w.contains('.')
        && w.bytes().all(|b| b.is_ascii_uppercase() || b == b'.');
    (abbreviation && i + 1 < limit && doc.gap(i + 1) == ". ").then_some(i + 1)
}

/// True when a plus sign, not a space, joins token `i` to the number
/// before it: "20+ versions", "20 + versions" (the caller has checked the
/// plus is there and made the figure `at_least`).
pub fn plus_before(doc: &Doc<'_>, i: usize) -> bool {
    i > 0 && doc.gap(i).trim_matches(' ') == "+" && !doc.is_number(i)
}

fn plus(doc: &Doc<'_>, i: usize) -> bool {
    plus_before(doc, i) && doc.is_number(i - 1)
}

/// "police officers": a plural right after the found one is the head.
fn extend_plural(
    doc: &Doc<'_>,
    start: usize,
    end: usize,
    limit: usize,
) -> Noun {
    let (mut start, mut end) = (start, end);
    if end < limit && doc.spaced(end) {
        let next_end = doc.compound_end(end, limit);
        let next = doc.word(next_end - 1);
        if is_plural_noun(next) && !doc.is_number(next_end - 1) {
            (start, end) = (end, next_end);
        }
    }
    let last = end - 1;
    let unit = doc.text[doc.start(start)..doc.end(last)].to_lowercase();
    Noun { unit, last }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::Tokenizer;

    fn noun_after(text: &str, number: &str) -> Option<String> {
        let tokens = Tokenizer::new().tokenize(text);
        let doc = Doc {
            text,
            tokens: &tokens,
        };
        let i = (0..doc.len()).find(|&i| doc.word(i) == number)?;
        let after_of = super::super::words::vague_word(number).is_some();
        counted_noun(&doc, i + 1, doc.len(), after_of).map(|n| n.unit)
    }

    #[test]
    fn counted_nouns() {
        let cases = [
            (
                "more than 3,600 sanctions were imposed",
                "3,600",
                Some("sanctions"),
            ),
            ("730 pieces of Russian weapons", "730", Some("pieces")),
            ("some 40 armoured vehicles", "40", Some("vehicles")),
            ("buy 35 F-35 fighter jets", "35", Some("jets")),
            ("2,000 police officers were", "2,000", Some("officers")),
            ("three people were killed", "three", Some("people")),
            ("thousands of protesters", "thousands", Some("protesters")),
            ("6.3 million Ukrainians", "million", Some("ukrainians")),
            ("nearly 50 million iPhones", "million", Some("iphones")),
            ("two other incidents", "two", Some("incidents")),
            ("189 other art galleries", "189", Some("galleries")),
            ("29 of 31 drones", "29", None),
            ("14 times earnings", "14", None),
            ("almost 2,700 against Russia", "2,700", None),
            ("12 injured when the bridge", "12", None),
            ("10 Downing Street in London", "10", None),
            ("a crisis", "a", None),
        ];
        for (text, number, want) in cases {
            assert_eq!(noun_after(text, number).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn plurals() {
        for w in ["sanctions", "people", "schoolchildren", "businessmen"] {
            assert!(is_plural_noun(w), "{w}");
        }
        for w in ["crisis", "bus", "glass", "was", "its", "news", "times"] {
            assert!(!is_plural_noun(w), "{w}");
        }
    }
}
