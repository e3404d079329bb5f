//! The dev sources' currency names and symbols as ISO 4217 codes: this
//! evaluation's own table, independent of the one newsx ships.

/// The sources' currency names and symbols as ISO 4217 codes (several
/// when the sign is shared and the case does not say). Minor units carry
/// their factor to the major unit.
pub fn iso(name: &str, text: &str) -> Option<(Vec<&'static str>, f64)> {
    let one = |c: &'static str| Some((vec![c], 1.0));
    let many = |c: &[&'static str]| Some((c.to_vec(), 1.0));
    let lower = name.to_lowercase();
    match lower.trim_end_matches('.') {
        "dollar" | "$" | "us$" | "usd" => one("USD"),
        "cent" => {
            // Duckling calls pennies cents; the record says pence.
            let pence = text.contains("penn") || text.contains("pence");
            Some((vec![if pence { "GBP" } else { "USD" }], 0.01))
        }
        "penny" => Some((vec!["GBP"], 0.01)),
        "dime" => Some((vec!["USD"], 0.1)),
        "pound" | "pound sterling" | "£" | "gbp" => one("GBP"),
        "euro" | "€" | "eur" => one("EUR"),
        "riyal" => many(&["SAR", "QAR"]),
        "rial" | "ریال" | "ريال" | "﷼" => {
            many(&["IRR", "OMR", "YER", "SAR"])
        }
        "dinar" => many(&["IQD", "KWD", "JOD", "BHD", "LYD", "RSD", "TND"]),
        "kč" => one("CZK"),
        "руб" | "р" | "₽" => one("RUB"),
        "zł" | "pln" => one("PLN"),
        "r$" => one("BRL"),
        "грн" | "₴" | "hrn" => one("UAH"),
        "rp" => one("IDR"),
        "lei" => one("RON"),
        "₫" | "đ" => one("VND"),
        "ft" => one("HUF"),
        "tl" | "₺" => one("TRY"),
        "kr" => many(&["SEK", "NOK", "DKK", "ISK"]),
        "₪" | "nis" => one("ILS"),
        "rs" | "₹" | "र" => one("INR"),
        "₨" => many(&["INR", "PKR", "LKR", "NPR", "MUR", "SCR"]),
        "c$" | "ca$" => one("CAD"),
        "br" => one("BYN"),
        "лв" => one("BGN"),
        "kd" => one("KWD"),
        "rm" => one("MYR"),
        "nt$" => one("TWD"),
        "ƒ" => many(&["ANG", "AWG"]),
        "r" => one("ZAR"),
        "so'm" => one("UZS"),
        "a$" | "au$" => one("AUD"),
        "원" => one("KRW"),
        "円" => one("JPY"),
        "جنيه" => one("EGP"),
        "درهم" => many(&["AED", "MAD"]),
        "฿" => one("THB"),
        "dinara" => one("RSD"),
        "fr" => one("CHF"),
        "mx$" => one("MXN"),
        "؋" => one("AFN"),
        "lek" => one("ALL"),
        "֏" => one("AMD"),
        "₼" => one("AZN"),
        "৳" => one("BDT"),
        "bz$" => one("BZD"),
        "nu" => one("BTN"),
        "km" => one("BAM"),
        "fbu" => one("BIF"),
        "bd" => one("BHD"),
        "៛" => one("KHR"),
        "cfa" | "fcfa" => many(&["XOF", "XAF"]),
        "₡" => one("CRC"),
        "kn" => one("HRK"),
        "cuc$" => one("CUC"),
        "₱" => one("PHP"),
        "fdj" => one("DJF"),
        "rd$" => one("DOP"),
        "nfk" => one("ERN"),
        "gh₵" => one("GHS"),
        "j$" => one("JMD"),
        "₭" => one("LAK"),
        "ld" => many(&["LYD", "LRD"]),
        "mop$" => one("MOP"),
        "mk" => one("MWK"),
        "rf" => one("MVR"),
        "um" => one("MRU"),
        "₮" => one("MNT"),
        "₦" => one("NGN"),
        "b/" => one("PAB"),
        "s/" => one("PEN"),
        "db" => one("STN"),
        "tsh" => one("TZS"),
        "t$" => one("TOP"),
        "tt$" => one("TTD"),
        "dt" => one("TND"),
        "ush" => one("UGX"),
        "$u" => one("UYU"),
        "vt" => one("VUV"),
        "ks" => one("MMK"),
        "p" => one("BWP"),
        "btc" => one("BTC"),
        "₤" => many(&["GBP", "ITL", "TRY"]),
        _ => {
            let code = name.trim();
            let iso =
                code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase());
            // A code newsx knows is a code; leak it to 'static once.
            iso.then(|| {
                (vec![&*Box::leak(code.to_string().into_boxed_str())], 1.0)
            })
        }
    }
}
