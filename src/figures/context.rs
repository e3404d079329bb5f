//! The words around a number that decide what it is: hedges (qualifiers),
//! definite references, designators, dates and times.
//!
//! These are closed word classes of English, kept as small tables so the
//! rules that use them read as the reasons they encode: a capitalised word
//! right before a number names something ("Army 2020", "Boeing 737"), a
//! month makes it a date, a determiner makes a count a reference ("the two
//! countries").

use super::doc::WordSet;
use super::Qualifier;

/// Hedge phrases, longest first within each first word, lower-case.
const QUALIFIERS: &[(&[&str], Qualifier)] = &[
    (&["slightly", "more", "than"], Qualifier::Over),
    (&["slightly", "over"], Qualifier::Over),
    (&["well", "over"], Qualifier::Over),
    (&["well", "above"], Qualifier::Over),
    (&["just", "over"], Qualifier::Over),
    (&["more", "than"], Qualifier::Over),
    (&["greater", "than"], Qualifier::Over),
    (&["in", "excess", "of"], Qualifier::Over),
    (&["upwards", "of"], Qualifier::Over),
    (&["over"], Qualifier::Over),
    (&["above"], Qualifier::Over),
    (&["exceeding"], Qualifier::Over),
    (&["at", "least"], Qualifier::AtLeast),
    (&["no", "fewer", "than"], Qualifier::AtLeast),
    (&["no", "less", "than"], Qualifier::AtLeast),
    (&["a", "minimum", "of"], Qualifier::AtLeast),
    (&["slightly", "less", "than"], Qualifier::Under),
    (&["less", "than"], Qualifier::Under),
    (&["fewer", "than"], Qualifier::Under),
    (&["below"], Qualifier::Under),
    (&["under"], Qualifier::Under),
    (&["up", "to"], Qualifier::AtMost),
    (&["no", "more", "than"], Qualifier::AtMost),
    (&["at", "most"], Qualifier::AtMost),
    (&["a", "maximum", "of"], Qualifier::AtMost),
    (&["as", "many", "as"], Qualifier::AtMost),
    (&["as", "much", "as"], Qualifier::AtMost),
    (&["as", "high", "as"], Qualifier::AtMost),
    (&["an", "estimated"], Qualifier::About),
    (&["estimated"], Qualifier::About),
    (&["around"], Qualifier::About),
    (&["about"], Qualifier::About),
    (&["roughly"], Qualifier::About),
    (&["some"], Qualifier::About),
    (&["approximately"], Qualifier::About),
    (&["circa"], Qualifier::About),
    (&["just", "under"], Qualifier::Almost),
    (&["just", "below"], Qualifier::Almost),
    (&["just", "shy", "of"], Qualifier::Almost),
    (&["close", "to"], Qualifier::Almost),
    (&["almost"], Qualifier::Almost),
    (&["nearly"], Qualifier::Almost),
    (&["near"], Qualifier::Almost),
];

/// The longest hedge ending with the words `before` (in text order, the
/// last one adjacent to the figure): its qualifier and how many words it
/// takes.
pub fn qualifier(before: &[&str]) -> Option<(Qualifier, usize)> {
    let mut best: Option<(Qualifier, usize)> = None;
    for (phrase, q) in QUALIFIERS {
        let n = phrase.len();
        if n > before.len() || best.is_some_and(|(_, m)| m >= n) {
            continue;
        }
        let tail = &before[before.len() - n..];
        if tail
            .iter()
            .zip(phrase.iter())
            .all(|(a, b)| a.eq_ignore_ascii_case(b))
        {
            best = Some((*q, n));
        }
    }
    best
}

/// True when `word` is a hedge word a phrase can end with, a cheap test
/// before building the look-back.
pub fn may_end_qualifier(word: &str) -> bool {
    QUALIFIER_ENDS.contains(word)
}

/// The last words of [`QUALIFIERS`] (checked by a test).
static QUALIFIER_ENDS: WordSet = WordSet::new(&[
    "than",
    "over",
    "above",
    "exceeding",
    "of",
    "least",
    "most",
    "to",
    "estimated",
    "around",
    "about",
    "roughly",
    "some",
    "approximately",
    "circa",
    "under",
    "below",
    "almost",
    "nearly",
    "near",
    "as",
]);

/// Words that make the following count a definite reference.
static DETERMINERS: WordSet = WordSet::new(&[
    "the",
    "these",
    "those",
    "this",
    "that",
    "its",
    "their",
    "his",
    "her",
    "our",
    "my",
    "your",
    "whose",
    "both",
    "all",
    "each",
    "every",
    "first",
    "last",
    "next",
    "past",
    "other",
    "same",
    "top",
    "final",
    "remaining",
    "previous",
    "latest",
]);

/// True for a determiner or possessive ("the two countries", "Iran's 85
/// million people", "the bloc's 27 members").
pub fn is_determiner(word: &str) -> bool {
    DETERMINERS.contains(word)
        || word.ends_with("'s")
        || word.ends_with("’s")
        || word.ends_with("s'")
        || word.ends_with("s’")
}

/// Capitalised words that can stand before a number without naming it:
/// sentence-initial prepositions, conjunctions, hedges and determiners.
static FUNCTION_WORDS: WordSet = WordSet::new(&[
    "a",
    "about",
    "above",
    "after",
    "against",
    "all",
    "almost",
    "also",
    "altogether",
    "among",
    "an",
    "and",
    "another",
    "approximately",
    "around",
    "as",
    "at",
    "barely",
    "before",
    "below",
    "between",
    "both",
    "but",
    "by",
    "circa",
    "close",
    "during",
    "each",
    "estimated",
    "even",
    "every",
    "exactly",
    "fewer",
    "for",
    "from",
    "her",
    "his",
    "in",
    "including",
    "into",
    "its",
    "just",
    "less",
    "like",
    "more",
    "nearly",
    "now",
    "of",
    "on",
    "only",
    "or",
    "our",
    "out",
    "over",
    "overall",
    "per",
    "roughly",
    "since",
    "some",
    "still",
    "than",
    "that",
    "the",
    "their",
    "then",
    "these",
    "this",
    "those",
    "to",
    "today",
    "under",
    "until",
    "up",
    "upwards",
    "well",
    "while",
    "with",
    "within",
    "without",
    "yet",
    "unlike",
    "despite",
    "beyond",
    "across",
    "through",
    "throughout",
    "via",
    "plus",
    "if",
    "when",
    "there",
    "here",
    "already",
]);

/// Lower-case nouns that label the number after them ("page 5", "the
/// number 73 bus", "magnitude 7.8") or give an age ("aged 71").
static LABEL_NOUNS: WordSet = WordSet::new(&[
    "aged",
    "age",
    "apartment",
    "article",
    "block",
    "bus",
    "category",
    "channel",
    "chapter",
    "class",
    "clause",
    "episode",
    "exit",
    "flight",
    "floor",
    "gate",
    "grade",
    "highway",
    "item",
    "level",
    "line",
    "magnitude",
    "no",
    "number",
    "page",
    "pages",
    "paragraph",
    "phase",
    "platform",
    "road",
    "room",
    "route",
    "row",
    "seat",
    "section",
    "size",
    "stage",
    "step",
    "suite",
    "terminal",
    "tier",
    "track",
    "version",
    "volume",
    "ward",
    "zone",
    "model",
    "type",
    "code",
    "id",
    "ranked",
    "nos",
    "vol",
    "art",
    "sec",
    "fig",
    "figure",
    "table",
]);

/// True for a noun that labels the number after it, in any case ("page",
/// "Phase", "Chapter").
pub fn is_label_noun(word: &str) -> bool {
    LABEL_NOUNS.contains(word)
        || ["chapter", "act", "part"]
            .iter()
            .any(|w| word.eq_ignore_ascii_case(w))
}

/// True when `word`, right before a number, makes it part of a name, a
/// designator or a label rather than a quantity: "Army 2020", "Boeing
/// 737", "iPhone 15", "FTSE 100", "S&P 500", "page 5", "aged 71".
pub fn names_number(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if word.ends_with("'s") || word.ends_with("’s") {
        return false; // a possessive: "Iran's 5% growth"
    }
    if first.is_uppercase() {
        return !FUNCTION_WORDS.contains(word) && !is_month(word);
    }
    // "iPhone", "eBay": a capital after the first letter.
    if chars.any(char::is_uppercase) {
        return true;
    }
    LABEL_NOUNS.contains(word)
}

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
];

/// A capitalised month name or its abbreviation.
pub fn is_month(word: &str) -> bool {
    MONTHS.contains(&word)
}

/// Words after a number that make it a clock time ("9 a.m.", "0800 GMT").
pub fn is_time_word(word: &str) -> bool {
    matches!(
        word,
        "a.m"
            | "p.m"
            | "am"
            | "pm"
            | "AM"
            | "PM"
            | "A.M"
            | "P.M"
            | "GMT"
            | "UTC"
            | "BST"
            | "CET"
            | "CEST"
            | "EST"
            | "EDT"
            | "PST"
            | "PDT"
            | "ET"
            | "PT"
            | "IST"
            | "MSK"
            | "o’clock"
            | "o'clock"
            | "hrs"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualifier_table() {
        type Case = (&'static [&'static str], Option<(Qualifier, usize)>);
        let cases: &[Case] = &[
            (&["signed", "more", "than"], Some((Qualifier::Over, 2))),
            (&["slightly", "more", "than"], Some((Qualifier::Over, 3))),
            (&["Around"], Some((Qualifier::About, 1))),
            (&["at", "least"], Some((Qualifier::AtLeast, 2))),
            (&["up", "to"], Some((Qualifier::AtMost, 2))),
            (&["an", "estimated"], Some((Qualifier::About, 2))),
            (&["just", "under"], Some((Qualifier::Almost, 2))),
            (&["fell", "to"], None),
            (&[], None),
        ];
        for (words, want) in cases {
            assert_eq!(qualifier(words), *want, "{words:?}");
        }
        assert!(may_end_qualifier("than"));
        for (phrase, _) in QUALIFIERS {
            let last = phrase.last().copied().unwrap_or("");
            assert!(may_end_qualifier(last), "{last}");
        }
        assert!(!may_end_qualifier("said"));
    }

    #[test]
    fn naming_words() {
        for w in ["Army", "Boeing", "iPhone", "FTSE", "P", "page", "aged"] {
            assert!(names_number(w), "{w}");
        }
        for w in ["Around", "said", "More", "February", "people"] {
            assert!(!names_number(w), "{w}");
        }
    }

    #[test]
    fn determiners() {
        for w in ["the", "The", "Iran’s", "bloc's", "both", "past"] {
            assert!(is_determiner(w), "{w}");
        }
        for w in ["signed", "some", "is"] {
            assert!(!is_determiner(w), "{w}");
        }
    }
}
