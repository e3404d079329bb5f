//! Currencies: symbols, ISO 4217 codes and names, and how a shared one
//! ("$", "rial", "pounds") resolves to a single code in a given document.
//!
//! The table is built once from `gazetteers/sources/currencies.tsv` (ISO
//! 4217 codes plus CLDR symbols and unit words), then corrected by the news
//! defaults below, which the data cannot know:
//!
//! | written            | resolves to                                          |
//! |--------------------|------------------------------------------------------|
//! | `$`, dollar(s)     | the document's dollar (see [`DocCurrency`]), else `FigureOptions::dollar`, else USD |
//! | `C$` `A$` `HK$` …  | CAD, AUD, HKD, NZD, SGD, TWD, MXN, BRL, USD          |
//! | `£`, pound(s)      | GBP; EGP/LBP/SYP when Egypt/Lebanon/Syria is mentioned |
//! | `€`, euro(s)       | EUR                                                  |
//! | `¥`                | CNY when the document speaks of yuan or China and not of Japan or yen, else JPY |
//! | rial(s)            | IRR; OMR or YER when only Oman or Yemen is mentioned  |
//! | riyal(s)           | SAR; QAR when Qatar is mentioned                      |
//! | ruble/rouble       | RUB; BYN when Belarus is mentioned                    |
//! | rupee(s)           | INR; PKR, LKR, NPR by country                         |
//! | franc(s)           | CHF                                                   |
//! | won                | KRW; KPW when North Korea is mentioned               |
//! | dinar, peso, shilling, krone, dirham | by country only; unresolved is no figure |
//!
//! Words that are currencies only sometimes ("mark", "real", "gold",
//! "units") are never read as money.

use std::collections::HashMap;

use crate::gazetteer::Mention;

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
    /// A unit word shared by several codes: an index into [`SHARED`].
    Shared(usize),
}

/// A shared unit word: its default and the countries that override it.
struct SharedUnit {
    words: &'static [&'static str],
    default: Option<&'static str>,
    /// (country name as written, Wikidata QID, code).
    hints: &'static [(&'static str, &'static str, &'static str)],
}

const SHARED: &[SharedUnit] = &[
    SharedUnit {
        words: &["pound", "pounds"],
        default: Some("GBP"),
        hints: &[
            ("Egypt", "Q79", "EGP"),
            ("Lebanon", "Q822", "LBP"),
            ("Syria", "Q858", "SYP"),
        ],
    },
    SharedUnit {
        words: &["euro", "euros"],
        default: Some("EUR"),
        hints: &[],
    },
    SharedUnit {
        words: &["rial", "rials"],
        default: Some("IRR"),
        hints: &[
            ("Iran", "Q794", "IRR"),
            ("Oman", "Q842", "OMR"),
            ("Yemen", "Q805", "YER"),
        ],
    },
    SharedUnit {
        words: &["riyal", "riyals"],
        default: Some("SAR"),
        hints: &[("Saudi", "Q851", "SAR"), ("Qatar", "Q846", "QAR")],
    },
    SharedUnit {
        words: &["ruble", "rubles", "rouble", "roubles"],
        default: Some("RUB"),
        hints: &[("Russia", "Q159", "RUB"), ("Belarus", "Q184", "BYN")],
    },
    SharedUnit {
        words: &["rupee", "rupees"],
        default: Some("INR"),
        hints: &[
            ("India", "Q668", "INR"),
            ("Pakistan", "Q843", "PKR"),
            ("Sri Lanka", "Q854", "LKR"),
            ("Nepal", "Q837", "NPR"),
        ],
    },
    SharedUnit {
        words: &["franc", "francs"],
        default: Some("CHF"),
        hints: &[],
    },
    SharedUnit {
        words: &["won"],
        default: Some("KRW"),
        hints: &[("South Korea", "Q884", "KRW"), ("North Korea", "Q423", "KPW")],
    },
    SharedUnit {
        words: &["dinar", "dinars"],
        default: None,
        hints: &[
            ("Iraq", "Q796", "IQD"),
            ("Kuwait", "Q817", "KWD"),
            ("Jordan", "Q810", "JOD"),
            ("Bahrain", "Q398", "BHD"),
            ("Libya", "Q1016", "LYD"),
            ("Serbia", "Q403", "RSD"),
            ("Tunisia", "Q948", "TND"),
            ("Algeria", "Q262", "DZD"),
        ],
    },
    SharedUnit {
        words: &["peso", "pesos"],
        default: None,
        hints: &[
            ("Mexico", "Q96", "MXN"),
            ("Argentina", "Q414", "ARS"),
            ("Philippines", "Q928", "PHP"),
            ("Colombia", "Q739", "COP"),
            ("Chile", "Q298", "CLP"),
            ("Uruguay", "Q77", "UYU"),
            ("Cuba", "Q241", "CUP"),
        ],
    },
    SharedUnit {
        words: &["shilling", "shillings"],
        default: None,
        hints: &[
            ("Kenya", "Q114", "KES"),
            ("Uganda", "Q1036", "UGX"),
            ("Tanzania", "Q924", "TZS"),
            ("Somalia", "Q1045", "SOS"),
        ],
    },
    SharedUnit {
        words: &["krone", "kroner"],
        default: None,
        hints: &[("Norway", "Q20", "NOK"), ("Denmark", "Q35", "DKK")],
    },
    SharedUnit {
        words: &["dirham", "dirhams"],
        default: None,
        hints: &[
            ("Emirates", "Q878", "AED"),
            ("UAE", "Q878", "AED"),
            ("Morocco", "Q1028", "MAD"),
        ],
    },
];

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
    "gold", "mark", "marks", "marka", "real", "reals", "unit", "units",
    "sol", "kip", "kips",
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
}

impl CurrencyTable {
    /// Parses the shipped TSV and applies the news defaults.
    pub fn new() -> CurrencyTable {
        let mut table = CurrencyTable {
            symbols: Vec::new(),
            names: HashMap::new(),
            codes: HashMap::new(),
            max_words: 1,
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
        table.symbols.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
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
            ambiguous.split('|').any(|a| a.split(':').next() == Some(form))
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
                    "symbols" if !v.bytes().all(|b| b.is_ascii_alphabetic()) => {
                        self.symbols.push((v.to_string(), Currency::Code(code)));
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
    /// from its symbol.
    fn spaced_prefix(&self, rest: &str, sym: &str, cur: Currency) -> (Currency, usize) {
        let Some(before) = rest.strip_suffix(' ') else {
            return (cur, rest.len());
        };
        let word_start = before
            .rfind(|c: char| !c.is_ascii_alphabetic())
            .map_or(0, |i| i + 1);
        let word = &before[word_start..];
        if word.len() < 1 || word.len() > 3 {
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

/// Per-document evidence for shared currencies, gathered only when a
/// figure needs it.
pub struct DocCurrency<'a> {
    text: &'a str,
    mentions: &'a [Mention],
    default_dollar: Option<Code>,
    dollar: Option<Code>,
}

/// The dollar a prefix ("C" in "C$") or adjective ("Canadian dollar")
/// names; USD for the US ones.
fn dollar_marker(word: &str) -> Option<&'static str> {
    Some(match word {
        "US" | "U.S" | "U.S." | "American" => "USD",
        "C" | "CA" | "Canadian" => "CAD",
        "A" | "AU" | "Australian" => "AUD",
        "HK" | "Kong" => "HKD",
        "NZ" | "Zealand" => "NZD",
        "S" | "Singapore" => "SGD",
        "NT" | "Taiwan" => "TWD",
        _ => return None,
    })
}

impl<'a> DocCurrency<'a> {
    /// Evidence from `text` and its `mentions`; `default_dollar` is what a
    /// bare "$" means when the document does not say.
    pub fn new(
        text: &'a str,
        mentions: &'a [Mention],
        default_dollar: Option<Code>,
    ) -> DocCurrency<'a> {
        DocCurrency {
            text,
            mentions,
            default_dollar,
            dollar: None,
        }
    }

    /// Resolves a currency as written to one ISO code, or `None` when the
    /// document does not say which of several it is.
    pub fn resolve(&mut self, currency: Currency) -> Option<Code> {
        match currency {
            Currency::Code(c) => Some(c),
            Currency::Dollar => Some(self.dollar()),
            Currency::Yen => to_code(self.yen()),
            Currency::Shared(i) => {
                let shared = SHARED.get(i)?;
                let hinted = shared
                    .hints
                    .iter()
                    .find(|(name, qid, _)| self.mentions_country(name, qid));
                to_code(hinted.map(|h| h.2).or(shared.default)?)
            }
        }
    }

    fn dollar(&mut self) -> Code {
        if let Some(c) = self.dollar {
            return c;
        }
        let (mut us, mut found, mut several) = (false, None, false);
        let mut note = |code: &'static str| {
            if code == "USD" {
                us = true;
            } else {
                several |= found.is_some_and(|f| f != code);
                found = Some(code);
            }
        };
        for (i, _) in self.text.match_indices('$') {
            let head = &self.text[..i];
            let letters = head
                .rfind(|c: char| !c.is_ascii_alphabetic())
                .map_or(head, |k| &head[k + 1..]);
            if let Some(code) = dollar_marker(letters) {
                note(code);
            }
        }
        for (i, _) in self.text.match_indices(" dollar") {
            let head = self.text[..i].trim_end_matches('.');
            let word = head
                .rfind(|c: char| !c.is_alphabetic() && c != '.')
                .map_or(head, |k| &head[k + 1..]);
            if let Some(code) = dollar_marker(word) {
                note(code);
            }
        }
        us |= self.text.contains("USD");
        let code = match found {
            Some(code) if !us && !several => to_code(code),
            _ => None,
        };
        let resolved = code.or(self.default_dollar).unwrap_or(*b"USD");
        self.dollar = Some(resolved);
        resolved
    }

    fn yen(&self) -> &'static str {
        let china = ["yuan", "China", "Chinese", "renminbi"]
            .iter()
            .any(|w| self.text.contains(w));
        let japan = ["Japan", "yen"].iter().any(|w| self.text.contains(w));
        if china && !japan {
            "CNY"
        } else {
            "JPY"
        }
    }

    fn mentions_country(&self, name: &str, qid: &str) -> bool {
        self.mentions.iter().any(|m| {
            m.id.as_deref() == Some(qid) || m.name.as_ref() == name
        }) || self.text.contains(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> Option<Code> {
        to_code(s)
    }

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

    #[test]
    fn document_resolution() {
        let t = CurrencyTable::new();
        let rial = t.name(&["rials"]).unwrap();
        let cases = [
            ("Iran devalued; 5,000 rials", rial, code("IRR")),
            ("Oman spent 5m rials", rial, code("OMR")),
            ("no country, 5 rials", rial, code("IRR")),
            ("it cost $5", Currency::Dollar, code("USD")),
            ("C$5 and $6", Currency::Dollar, code("CAD")),
            ("C$5, US$6 and $7", Currency::Dollar, code("USD")),
            ("China paid ¥5bn in yuan", Currency::Yen, code("CNY")),
            ("Japan paid ¥5bn", Currency::Yen, code("JPY")),
            ("5 dinars", t.name(&["dinars"]).unwrap(), None),
        ];
        for (text, cur, want) in cases {
            let mut doc = DocCurrency::new(text, &[], None);
            assert_eq!(doc.resolve(cur), want, "{text}");
        }
        let mut doc = DocCurrency::new("it cost $5", &[], code("CAD"));
        assert_eq!(doc.resolve(Currency::Dollar), code("CAD"));
    }
}
