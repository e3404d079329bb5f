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

/// Currency names the CLDR table lacks: the pre-euro currencies that
/// archives are full of (with their retired ISO 4217 codes), colloquial
/// names, and two crypto-currencies under the codes exchanges use (BTC,
/// ETH: not ISO 4217, a documented extension of the `currency` field).
/// Bare "mark(s)" stays out (school marks, question marks); "Deutsche
/// marks" and "German marks" are money.
const EXTRA_NAMES: &[(&str, &str)] = &[
    ("guilder", "NLG"),
    ("guilders", "NLG"),
    ("dutch guilders", "NLG"),
    ("peseta", "ESP"),
    ("pesetas", "ESP"),
    ("deutsche mark", "DEM"),
    ("deutsche marks", "DEM"),
    ("deutschmark", "DEM"),
    ("deutschmarks", "DEM"),
    ("german marks", "DEM"),
    ("finnish marks", "FIM"),
    ("markka", "FIM"),
    ("markkaa", "FIM"),
    ("french franc", "FRF"),
    ("french francs", "FRF"),
    ("belgian francs", "BEF"),
    ("luxembourg francs", "LUF"),
    ("lire", "ITL"),
    ("italian lire", "ITL"),
    ("italian lira", "ITL"),
    ("escudo", "PTE"),
    ("escudos", "PTE"),
    ("drachma", "GRD"),
    ("drachmas", "GRD"),
    ("drachmae", "GRD"),
    ("schilling", "ATS"),
    ("schillings", "ATS"),
    ("austrian schillings", "ATS"),
    ("irish punts", "IEP"),
    ("punts", "IEP"),
    ("quid", "GBP"),
    ("bitcoin", "BTC"),
    ("bitcoins", "BTC"),
    ("ether", "ETH"),
];

/// Codes outside today's ISO 4217 list that may stand next to a number:
/// retired codes of [`EXTRA_NAMES`] and the crypto extension.
const EXTRA_CODES: &[&str] = &[
    "NLG", "ESP", "DEM", "FIM", "FRF", "BEF", "LUF", "ITL", "PTE", "GRD",
    "ATS", "IEP", "BTC", "ETH", "XEU",
];

/// Symbols that CLDR's English data lacks but news and price tags use.
const EXTRA_SYMBOLS: &[(&str, &str)] = &[("₿", "BTC"), ("Ξ", "ETH")];

/// Latin-letter symbols read only right after a number and in their own
/// case ("500 Ft", "12 zł", "300 Kč", "5 lei"); too short or too common
/// to read anywhere else.
const LETTER_SYMBOLS: &[(&str, &str)] = &[
    ("Ft", "HUF"),
    ("Kč", "CZK"),
    ("zł", "PLN"),
    ("lei", "RON"),
    ("Rp", "IDR"),
    ("RM", "MYR"),
    ("TL", "TRY"),
    ("kn", "HRK"),
    ("лв", "BGN"),
    ("руб", "RUB"),
    ("грн", "UAH"),
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
    /// Latin-letter symbols, case-sensitive, read after a number only.
    letter_symbols: HashMap<String, Currency>,
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
            letter_symbols: HashMap::new(),
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
        for (name, code) in EXTRA_NAMES {
            if let Some(c) = to_code(code) {
                table.names.insert(name.to_string(), Currency::Code(c));
            }
        }
        for w in ["buck", "bucks"] {
            table.names.insert(w.to_string(), Currency::Dollar);
        }
        for code in EXTRA_CODES.iter().filter_map(|c| to_code(c)) {
            table.codes.insert(code, true);
        }
        for (sym, code) in LETTER_SYMBOLS {
            if let Some(c) = to_code(code) {
                table
                    .letter_symbols
                    .insert(sym.to_string(), Currency::Code(c));
            }
        }
        if let Some(i) = SHARED.iter().position(|u| u.words.contains(&"rupees"))
        {
            for sym in ["Rs", "Rs.", "Re"] {
                table
                    .letter_symbols
                    .insert(sym.to_string(), Currency::Shared(i));
            }
        }
        for (sym, code) in EXTRA_SYMBOLS {
            if let Some(c) = to_code(code) {
                table.symbols.push((sym.to_string(), Currency::Code(c)));
            }
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

    /// A currency symbol right after a number at byte `at` (one space
    /// allowed between): "20€", "45 €", "3.14US$". Returns the currency and
    /// the byte where the symbol ends. Letters may not follow it ("5 $10"
    /// and "20 €ur" are not read here).
    pub fn symbol_after(
        &self,
        text: &str,
        at: usize,
    ) -> Option<(Currency, usize)> {
        let tail = text.get(at..)?;
        let rest = tail
            .strip_prefix(' ')
            .or_else(|| tail.strip_prefix('\u{a0}'))
            .unwrap_or(tail);
        let first = rest.chars().next()?;
        if first.is_ascii() && !first.is_ascii_uppercase() && first != '$' {
            return None; // most numbers: a space and a word, or punctuation
        }
        let (sym, cur) = self
            .symbols
            .iter()
            .find(|(s, _)| rest.starts_with(s.as_str()))?;
        let after = &rest[sym.len()..];
        if after.starts_with(|c: char| c.is_alphanumeric()) {
            return None;
        }
        Some((*cur, text.len() - after.len()))
    }

    /// A Latin-letter currency sign as a word after a number ("500 Ft",
    /// "Rs"), in its own case.
    pub fn letter_symbol(&self, word: &str) -> Option<Currency> {
        self.letter_symbols.get(word).copied()
    }

    /// The currency glued before the digits of a word token: "USD25m",
    /// "EUR3.2bn", "Rs20", and after a "$" the country letters of "$US40",
    /// "$A1.2". Returns the currency and the byte length of the letters.
    pub fn glued_prefix(
        &self,
        word: &str,
        after_dollar: bool,
    ) -> Option<(Currency, usize)> {
        let n = word.bytes().take_while(u8::is_ascii_alphabetic).count();
        if !(1..=3).contains(&n)
            || !word.as_bytes().get(n).is_some_and(u8::is_ascii_digit)
        {
            return None;
        }
        let letters = &word[..n];
        if after_dollar {
            let code = match letters {
                "US" => "USD",
                "A" | "AU" => "AUD",
                "C" | "CA" => "CAD",
                "NZ" => "NZD",
                "S" => "SGD",
                "HK" => "HKD",
                _ => return None,
            };
            return to_code(code).map(|c| (Currency::Code(c), n));
        }
        self.code(letters, true)
            .or_else(|| self.letter_symbol(letters).filter(|_| letters == "Rs"))
            .map(|c| (c, n))
    }

    /// The currency glued after the digits of a number token: "250USD",
    /// "75CHF", "10eur", "20Rs". Lower-case codes are read only when they
    /// are not words ("10cup" is not Cuban pesos).
    pub fn glued_suffix(&self, rest: &str) -> Option<Currency> {
        if rest.len() == 3 && rest.bytes().all(|b| b.is_ascii_alphabetic()) {
            let upper = rest.to_ascii_uppercase();
            let code = to_code(&upper)?;
            let plain = *self.codes.get(&code)?;
            let ok = rest == upper || plain;
            return ok.then_some(Currency::Code(code));
        }
        self.letter_symbol(rest)
    }

    /// A code with a magnitude letter in front, as German and Nordic
    /// business news write it: "45 MEUR" (millions), "300 kSEK"
    /// (thousands). Returns the currency and the power of ten.
    pub fn scaled_code(&self, word: &str) -> Option<(Currency, u32)> {
        if word.len() != 4 {
            return None;
        }
        let exp = match word.as_bytes()[0] {
            b'M' => 6,
            b'k' | b'K' => 3,
            _ => return None,
        };
        self.code(&word[1..], false).map(|c| (c, exp))
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
        "penny" | "pence" | "pennies" | "p" => {
            to_code("GBP").map(Currency::Code)
        }
        "sen" => to_code("MYR").map(Currency::Code),
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
