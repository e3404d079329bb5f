//! Currencies as written: symbols, ISO 4217 codes and names, built once
//! from `gazetteers/sources/currencies.tsv` (ISO 4217 codes plus CLDR
//! symbols and unit words) with the news corrections below; which code a
//! shared one means in a given document is [`super::resolve`]'s job.
//!
//! Words that are currencies only sometimes ("mark", "real", "gold",
//! "units") are never read as money, and codes that are English words
//! ("COP", "ALL") only count after a number.

use std::collections::{HashMap, HashSet};

use super::doc::trailing;
use super::number::lower;
use super::resolve::SHARED;

/// The source data, shipped with the crate.
const CURRENCIES_TSV: &str =
    include_str!("../../gazetteers/sources/currencies.tsv");

/// An ISO 4217 code.
pub type Code = [u8; 3];

/// True when `code` (upper-case) is an ISO 4217 currency code of the
/// bundled list: what `--dollar` accepts.
pub fn is_iso_4217(code: &str) -> bool {
    code.len() == 3
        && CURRENCIES_TSV
            .lines()
            .filter_map(|l| l.strip_prefix("iso4217:"))
            .any(|r| r.strip_prefix(code).is_some_and(|t| t.starts_with('\t')))
}

/// A currency as written, before the document resolves shared ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Currency {
    /// One code.
    Code(Code),
    /// A bare "$" or "dollar(s)".
    Dollar,
    /// A bare "¥".
    Yen,
    /// A unit word shared by several codes: an index into the shared-unit table of [`super::resolve`].
    Shared(usize),
}

/// Symbols whose CLDR reading is not the news reading, or that CLDR lists
/// as shared.
const SYMBOL_OVERRIDES: &[(&str, &str)] = &[
    ("US$", "USD"),
    ("C$", "CAD"),
    ("CA$", "CAD"),
    ("A$", "AUD"),
    ("AU$", "AUD"),
    ("HK$", "HKD"),
    ("NZ$", "NZD"),
    ("S$", "SGD"),
    ("NT$", "TWD"),
    ("MX$", "MXN"),
    ("R$", "BRL"),
    ("£", "GBP"),
    ("₩", "KRW"),
    ("€", "EUR"),
];

/// Unit words that are far more often something else.
const NOT_MONEY: &[&str] = &[
    "gold", "mark", "marks", "marka", "real", "reals", "unit", "units", "sol",
    "kip", "kips",
];

/// The currency vocabulary, built once.
#[derive(Debug)]
pub struct CurrencyTable {
    /// Symbols, longest first.
    symbols: Vec<(String, Currency)>,
    /// Lower-cased names and unit words ("us dollars", "yen").
    names: HashMap<String, Currency>,
    /// Codes that may stand before or after a number in upper case.
    codes: HashMap<Code, bool>,
    /// Longest name in words.
    max_words: usize,
    /// Lower-cased first words of the names, a cheap test before joining.
    first_words: HashSet<String>,
}

impl CurrencyTable {
    /// Parses the shipped TSV and applies the news defaults.
    pub fn new() -> CurrencyTable {
        let mut table = CurrencyTable {
            symbols: Vec::new(),
            names: HashMap::new(),
            codes: HashMap::new(),
            max_words: 1,
            first_words: HashSet::new(),
        };
        for line in CURRENCIES_TSV.lines().skip(1) {
            table.add_row(line);
        }
        for (i, shared) in SHARED.iter().enumerate() {
            for w in shared.words {
                table.names.insert((*w).to_string(), Currency::Shared(i));
            }
        }
        for w in ["dollar", "dollars"] {
            table.names.insert(w.to_string(), Currency::Dollar);
        }
        for w in NOT_MONEY {
            table.names.remove(*w);
        }
        table.symbols.retain(|(s, _)| s != "$" && s != "¥");
        for (sym, code) in SYMBOL_OVERRIDES {
            table.symbols.retain(|(s, _)| s != sym);
            if let Some(c) = to_code(code) {
                table.symbols.push((sym.to_string(), Currency::Code(c)));
            }
        }
        table.symbols.push(("$".to_string(), Currency::Dollar));
        table.symbols.push(("¥".to_string(), Currency::Yen));
        table
            .symbols
            .sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
        table.first_words = table
            .names
            .keys()
            .filter_map(|n| n.split(' ').next())
            .map(str::to_string)
            .collect();
        table
    }

    fn add_row(&mut self, line: &str) {
        let cols: Vec<&str> = line.split('\t').collect();
        let Some(code) = cols
            .first()
            .and_then(|id| id.strip_prefix("iso4217:"))
            .and_then(to_code)
        else {
            return;
        };
        let ambiguous = cols.get(7).copied().unwrap_or("");
        let flagged = |form: &str| {
            ambiguous
                .split('|')
                .any(|a| a.split(':').next() == Some(form))
        };
        let code_str = std::str::from_utf8(&code).unwrap_or("");
        self.codes.insert(code, !flagged(code_str));
        let aliases = cols.get(3).copied().unwrap_or("").split('|');
        for alias in aliases.filter(|a| *a != code_str && !a.contains('(')) {
            self.max_words = self.max_words.max(alias.split(' ').count());
            self.names
                .entry(alias.to_lowercase())
                .or_insert(Currency::Code(code));
        }
        let extra = cols.get(6).copied().unwrap_or("");
        for field in extra.split(';') {
            let (key, values) = field.split_once('=').unwrap_or(("", ""));
            for v in values.split('|').filter(|v| !v.is_empty() && !flagged(v))
            {
                match key {
                    "units" => {
                        self.names
                            .entry(v.to_lowercase())
                            .or_insert(Currency::Code(code));
                    }
                    "symbols"
                        if !v.bytes().all(|b| b.is_ascii_alphabetic()) =>
                    {
                        self.symbols
                            .push((v.to_string(), Currency::Code(code)));
                    }
                    _ => {}
                }
            }
        }
    }

    /// The currency symbol that ends right before `at` (one space allowed
    /// between), with the byte where it starts: "US$" in "US$4.7".
    pub fn symbol_before(
        &self,
        text: &str,
        at: usize,
    ) -> Option<(Currency, usize)> {
        let head = text.get(..at)?;
        let head = head.strip_suffix(' ').unwrap_or(head);
        let last = head.chars().next_back()?;
        if last != '$' && last.is_ascii() {
            return None; // most numbers: no symbol at all
        }
        for (sym, cur) in &self.symbols {
            if let Some(rest) = head.strip_suffix(sym.as_str()) {
                // "XY$" with unknown letters is not a plain "$".
                if rest.ends_with(|c: char| c.is_alphanumeric()) {
                    return None;
                }
                return Some(self.spaced_prefix(rest, sym, *cur));
            }
        }
        None
    }

    /// "NZ $ 26 million", "US $ 8.00": a country prefix written apart
    /// from its symbol. One letter is not enough: "A $5 fee" is an article.
    fn spaced_prefix(
        &self,
        rest: &str,
        sym: &str,
        cur: Currency,
    ) -> (Currency, usize) {
        let Some(before) = rest.strip_suffix(' ') else {
            return (cur, rest.len());
        };
        let word = trailing(before, |c| c.is_ascii_alphabetic());
        let word_start = before.len() - word.len();
        if word.len() < 2 || word.len() > 3 {
            return (cur, rest.len());
        }
        let joined = format!("{word}{sym}");
        match self.symbols.iter().find(|(s, _)| *s == joined) {
            Some((_, c)) => (*c, word_start),
            None => (cur, rest.len()),
        }
    }

    /// An upper-case ISO code that may stand next to a number, e.g. "USD";
    /// `before` is stricter, since "COP 28" and "ALL 3" are not money.
    pub fn code(&self, word: &str, before: bool) -> Option<Currency> {
        let code = to_code(word)?;
        if !code.iter().all(u8::is_ascii_uppercase) {
            return None;
        }
        let plain = *self.codes.get(&code)?;
        (plain || !before).then_some(Currency::Code(code))
    }

    /// True when some currency name starts with `word` (any case).
    pub fn may_start_name(&self, word: &str) -> bool {
        let mut buf = [0u8; 16];
        match lower(word, &mut buf) {
            Some(l) => self.first_words.contains(l),
            // Non-ASCII or long: rare, let the full lookup decide.
            None => true,
        }
    }

    /// A currency name of `words.len()` words, case-insensitive.
    pub fn name(&self, words: &[&str]) -> Option<Currency> {
        let key = words.join(" ").to_lowercase();
        self.names.get(&key).copied()
    }

    /// Longest currency name in words.
    pub fn max_words(&self) -> usize {
        self.max_words
    }
}

impl Default for CurrencyTable {
    fn default() -> CurrencyTable {
        CurrencyTable::new()
    }
}

/// A minor unit and the currency it belongs to ("cents" of the dollar).
pub fn minor_unit(word: &str) -> Option<Currency> {
    match word {
        "cent" | "cents" => Some(Currency::Dollar),
        "penny" | "pence" => to_code("GBP").map(Currency::Code),
        "kopeck" | "kopecks" | "kopek" | "kopeks" => {
            to_code("RUB").map(Currency::Code)
        }
        _ => None,
    }
}

/// Converts "USD" to a [`Code`].
pub fn to_code(s: &str) -> Option<Code> {
    let b = s.as_bytes();
    (b.len() == 3 && b.iter().all(u8::is_ascii_alphabetic))
        .then(|| [b[0], b[1], b[2]])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_before_numbers() {
        let t = CurrencyTable::new();
        let cases = [
            ("$2.5bn", 1, Some((Currency::Dollar, 0))),
            ("US$4.7", 3, Some((Currency::Code(*b"USD"), 0))),
            ("(£600m)", 3, Some((Currency::Code(*b"GBP"), 1))),
            ("a C$5", 4, Some((Currency::Code(*b"CAD"), 2))),
            ("€ 300", 4, Some((Currency::Code(*b"EUR"), 0))),
            ("₹18,000", 3, Some((Currency::Code(*b"INR"), 0))),
            ("XQ$5", 3, None),
            ("NZ $ 26", 5, Some((Currency::Code(*b"NZD"), 0))),
            ("at US $ 8.00", 8, Some((Currency::Code(*b"USD"), 3))),
            ("pay 5", 4, None),
        ];
        for (text, at, want) in cases {
            assert_eq!(t.symbol_before(text, at), want, "{text}");
        }
    }

    #[test]
    fn names_and_codes() {
        let t = CurrencyTable::new();
        let cases: &[(&[&str], Option<Currency>)] = &[
            (&["US", "dollars"], Some(Currency::Code(*b"USD"))),
            (&["Swiss", "francs"], Some(Currency::Code(*b"CHF"))),
            (&["euros"], Some(Currency::Shared(1))),
            (&["yen"], Some(Currency::Code(*b"JPY"))),
            (&["yuan"], Some(Currency::Code(*b"CNY"))),
            (&["dollars"], Some(Currency::Dollar)),
            (&["marks"], None),
            (&["units"], None),
            (&["people"], None),
        ];
        for (words, want) in cases {
            assert_eq!(t.name(words), *want, "{words:?}");
        }
        assert_eq!(t.code("EUR", true), Some(Currency::Code(*b"EUR")));
        assert_eq!(t.code("COP", true), None);
        assert_eq!(t.code("COP", false), Some(Currency::Code(*b"COP")));
        assert_eq!(t.code("eur", false), None);
    }
}
