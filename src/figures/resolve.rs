//! Which ISO code a shared currency means in one document: "$", "¥" and
//! unit words such as "rial" or "pounds". These are the news defaults the
//! source data cannot know, with the evidence that overrides them:
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

use super::currency::{to_code, Code, Currency};
use super::doc::trailing;
use crate::gazetteer::Mention;

/// A shared unit word: its default and the countries that override it.
pub(super) struct SharedUnit {
    pub(super) words: &'static [&'static str],
    default: Option<&'static str>,
    /// (country name as written, Wikidata QID, code).
    hints: &'static [(&'static str, &'static str, &'static str)],
}

pub(super) const SHARED: &[SharedUnit] = &[
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
        hints: &[
            ("South Korea", "Q884", "KRW"),
            ("North Korea", "Q423", "KPW"),
        ],
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

/// Per-document evidence for shared currencies, gathered only when a
/// figure needs it.
pub struct DocCurrency<'a> {
    text: &'a str,
    mentions: &'a [Mention],
    default_dollar: Option<Code>,
    dollar: Option<Code>,
    /// Answers already given: each looks through the whole text or all
    /// its mentions, once per document rather than once per figure.
    yen: Option<&'static str>,
    shared: Vec<(usize, Option<Code>)>,
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
            yen: None,
            shared: Vec::new(),
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
                if let Some(&(_, code)) = self.shared.iter().find(|s| s.0 == i)
                {
                    return code;
                }
                let code = self.shared_code(i);
                self.shared.push((i, code));
                code
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
            let letters = trailing(head, |c| c.is_ascii_alphabetic());
            if let Some(code) = dollar_marker(letters) {
                note(code);
            }
        }
        for (i, _) in self.text.match_indices(" dollar") {
            let head = self.text[..i].trim_end_matches('.');
            let word = trailing(head, |c| c.is_alphabetic() || c == '.');
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

    fn shared_code(&self, i: usize) -> Option<Code> {
        let shared = SHARED.get(i)?;
        let hinted = shared
            .hints
            .iter()
            .find(|(name, qid, _)| self.mentions_country(name, qid));
        to_code(hinted.map(|h| h.2).or(shared.default)?)
    }

    fn yen(&mut self) -> &'static str {
        if let Some(yen) = self.yen {
            return yen;
        }
        crate::work::add(self.text.len());
        let china = ["yuan", "China", "Chinese", "renminbi"]
            .iter()
            .any(|w| self.text.contains(w));
        let japan = ["Japan", "yen"].iter().any(|w| self.text.contains(w));
        let yen = if china && !japan { "CNY" } else { "JPY" };
        self.yen = Some(yen);
        yen
    }

    fn mentions_country(&self, name: &str, qid: &str) -> bool {
        crate::work::add(self.text.len() + self.mentions.len());
        self.mentions
            .iter()
            .any(|m| m.id.as_deref() == Some(qid) || m.name.as_ref() == name)
            || self.text.contains(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::currency::CurrencyTable;

    fn code(s: &str) -> Option<Code> {
        to_code(s)
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
        // Found by the property test: a multi-byte letter before "$".
        let mut doc = DocCurrency::new("פּ$5 and פּ dollar", &[], None);
        assert_eq!(doc.resolve(Currency::Dollar), code("USD"));
        let mut doc = DocCurrency::new("it cost $5", &[], code("CAD"));
        assert_eq!(doc.resolve(Currency::Dollar), code("CAD"));
    }
}
