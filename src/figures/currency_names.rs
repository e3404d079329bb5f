//! The curated part of the currency vocabulary, kept apart from the code
//! that reads it: what the shipped data (ISO 4217, CLDR) lacks or reads
//! differently from news. Each table says why it exists.

/// Symbols whose CLDR reading is not the news reading, or that CLDR lists
/// as shared.
pub(super) const SYMBOL_OVERRIDES: &[(&str, &str)] = &[
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
pub(super) const EXTRA_NAMES: &[(&str, &str)] = &[
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
/// retired codes of `EXTRA_NAMES` and the crypto extension.
pub(super) const EXTRA_CODES: &[&str] = &[
    "NLG", "ESP", "DEM", "FIM", "FRF", "BEF", "LUF", "ITL", "PTE", "GRD",
    "ATS", "IEP", "XEU", "HRK", "EEK", "LVL", "LTL", "SIT", "SKK", "CYP",
    "MTL", "BTC", "ETH",
];

/// Latin- and Cyrillic-letter signs that news and price tags write after a
/// number but `currency_symbols.tsv` lacks (CLDR writes "RON", "₽", "₴", "₺").
pub(super) const LETTER_SYMBOLS: &[(&str, &str)] = &[
    ("lei", "RON"),
    ("TL", "TRY"),
    ("руб", "RUB"),
    ("грн", "UAH"),
];

/// Letter signs that business and regional news write before a number,
/// spaced or glued ("Rmb5bn", "SFr 20m", "Dh5 million", "KSh 2bn"),
/// case-exact. "R" (rand) only glued to digits with a magnitude ("R2.5bn").
pub(super) const PREFIX_SIGNS: &[(&str, &str)] = &[
    ("Rmb", "CNY"),
    ("RMB", "CNY"),
    ("SFr", "CHF"),
    ("DKr", "DKK"),
    ("NKr", "NOK"),
    ("SKr", "SEK"),
    ("Rp", "IDR"),
    ("RM", "MYR"),
    ("Dh", "AED"),
    ("Dhs", "AED"),
    ("SR", "SAR"),
    ("QR", "QAR"),
    ("KD", "KWD"),
    ("BD", "BHD"),
    ("LE", "EGP"),
    ("KSh", "KES"),
    ("Ksh", "KES"),
    ("TSh", "TZS"),
    ("USh", "UGX"),
    ("Tk", "BDT"),
    ("R", "ZAR"),
];

/// Letter signs of `currency_symbols.tsv` too common as words or units to read as
/// money even right after a number ("3 KM", "5 UP").
pub(super) const NOT_LETTER_SYMBOLS: &[&str] = &[
    "KM", "UP", "SR", "LS", "Ls", "Le", "DA", "FC", "FB", "CF", "Cf", "den",
    "mk", "ECU", "Esc",
];

/// Unit words that are far more often something else.
pub(super) const NOT_MONEY: &[&str] = &[
    "gold", "mark", "marks", "marka", "real", "reals", "unit", "units", "sol",
    "kip", "kips",
];
