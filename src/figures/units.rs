//! Units after a number that decide what it is not: units of time make a
//! duration, units of measure a measure (which newsx does not report), and
//! nouns of events make a year a name ("2022 elections").

use super::doc::{Doc, WordSet};

/// Units of time: a number before one is a duration, never a count.
static DURATION_UNITS: WordSet = WordSet::new(&[
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "hour",
    "hours",
    "minute",
    "minutes",
    "seconds",
    "decade",
    "decades",
    "century",
    "centuries",
    "fortnight",
    "fortnights",
    "millennia",
]);

/// Plural nouns a year names rather than counts: "2022 elections", "1990
/// floods", "2024 Olympics".
static EVENT_NOUNS: WordSet = WordSet::new(&[
    "elections",
    "polls",
    "games",
    "olympics",
    "championships",
    "finals",
    "awards",
    "floods",
    "riots",
    "protests",
    "attacks",
    "bombings",
    "earthquakes",
    "wildfires",
    "fires",
    "talks",
    "negotiations",
    "accords",
    "agreements",
    "results",
    "figures",
    "accounts",
    "budgets",
    "sales",
    "earnings",
    "forecasts",
    "estimates",
    "rules",
    "regulations",
    "reforms",
    "primaries",
    "midterms",
    "sanctions",
    "events",
    "models",
    "editions",
    "seasons",
    "levels",
    "prices",
    "numbers",
    "statistics",
    "data",
]);

/// Units of measure written out: a number before one is a measure, which
/// newsx does not report (abbreviated units, "250 km", never were
/// figures). "12 metres", "40 kilograms", "2 million barrels" are not
/// counts of things.
static MEASURE_UNITS: WordSet = WordSet::new(&[
    "metres",
    "meters",
    "kilometres",
    "kilometers",
    "centimetres",
    "centimeters",
    "millimetres",
    "millimeters",
    "miles",
    "yards",
    "feet",
    "inches",
    "kilograms",
    "kilos",
    "grams",
    "milligrams",
    "micrograms",
    "tonnes",
    "tons",
    "ounces",
    "lbs",
    "hectares",
    "acres",
    "litres",
    "liters",
    "millilitres",
    "milliliters",
    "gallons",
    "barrels",
    "degrees",
    "knots",
    "kilowatts",
    "megawatts",
    "gigawatts",
    "watts",
    "volts",
    "calories",
    "kilocalories",
    "bytes",
    "megabytes",
    "gigabytes",
    "terabytes",
    "decibels",
    "nautical",
    "carats",
    "cubic",
    "square",
    "sq",
    "kilowatt-hours",
    "megawatt-hours",
    "pints",
    "cups",
    "tablespoons",
    "teaspoons",
    "pounds-force",
]);

/// True for a unit of measure ("metres", "tonnes"): not a counted noun.
pub fn is_measure_unit(word: &str) -> bool {
    MEASURE_UNITS.contains(word) || prefixed_unit(word)
}

/// A metric unit with an SI prefix: "nanometers", "exabytes",
/// "picometres", "megajoules".
fn prefixed_unit(word: &str) -> bool {
    const BASES: &[&str] = &[
        "metres",
        "meters",
        "grams",
        "bytes",
        "watts",
        "litres",
        "liters",
        "joules",
        "volts",
        "hertz",
        "tonnes",
        "calories",
        "watt-hours",
    ];
    word.len() > 6
        && word.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
        && BASES.iter().any(|b| word.ends_with(b))
}

/// True for a plural noun that a year before it names ("2022 elections").
pub fn is_event_noun(word: &str) -> bool {
    EVENT_NOUNS.contains(word)
}

/// The unit of time at token `i`, if it is one.
pub fn duration_unit<'a>(doc: &Doc<'a>, i: usize) -> Option<&'a str> {
    let word = doc.word(i);
    DURATION_UNITS.contains(word).then_some(word)
}
