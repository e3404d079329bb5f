//! Reading the six dev sources into scored cases: which items each source
//! labels, which kinds it is scored on, and what is skipped and why.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde_json::Value;

use super::currencies::iso;
use super::Gold;

/// One dev case, prepared for scoring.
pub struct Case {
    pub source: String,
    pub id: String,
    pub text: String,
    /// What the case is scored on: "records" or "numbers".
    pub route: Route,
    pub gold: Vec<Gold>,
    /// Kinds whose predictions are scored in this case.
    pub scored: Vec<&'static str>,
    /// A dollar locale ("--dollar"), when the source names one.
    pub dollar: Option<String>,
    /// The whole text must read as one number, or must not.
    pub whole: Option<bool>,
    /// Measures written in the text ("2 1/2 in", "40 kilograms"): a count
    /// or money figure over one is a false count.
    pub traps: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Records,
    Numbers,
}

pub fn f(v: &Value) -> Option<f64> {
    v.as_f64()
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
}

pub fn field<'a>(v: &'a Value, k: &str) -> Option<&'a str> {
    v.get(k).and_then(Value::as_str)
}

/// Skip reasons, counted per source.
pub type Skips = BTreeMap<(String, &'static str), usize>;

pub fn skip(skips: &mut Skips, source: &str, why: &'static str) {
    *skips.entry((source.to_string(), why)).or_default() += 1;
}

pub fn money_gold(e: &Value, text: &str, cur: &str) -> Option<Gold> {
    let (codes, factor) = iso(cur, text)?;
    let bounds = e.get("bounds");
    let (lo, hi) = match bounds {
        Some(b) => {
            let (min, max) =
                (b.get("min").and_then(f), b.get("max").and_then(f));
            match (min, max) {
                (Some(a), Some(b)) => (a, Some(b)),
                (Some(a), None) | (None, Some(a)) => (a, None),
                _ => return None,
            }
        }
        None => (e.get("value").and_then(f)?, None),
    };
    Some(Gold {
        kind: "money",
        value: lo * factor,
        value_max: hi.map(|h| h * factor),
        currencies: codes,
        text: field(e, "text").unwrap_or("").to_string(),
    })
}

pub fn duckling(row: &Value, text: &str, skips: &mut Skips) -> Option<Case> {
    let suite = field(row, "suite").unwrap_or("");
    let sem = field(row, "semantics").unwrap_or("");
    let src = "duckling";
    if row.get("duckling_latent_only").and_then(Value::as_bool) == Some(true) {
        skip(skips, src, "latent bare number (withLatent option)");
        return None;
    }
    if sem.contains("exactly N=") || sem.contains("value unspecified") {
        skip(skips, src, "parser-internal token count or span-only case");
        return None;
    }
    let expected = row["expected"].as_array().cloned().unwrap_or_default();
    let locale = field(row, "locale");
    let mut case = base(src, row, text, Route::Records);
    if suite.starts_with("Numeral") {
        case.route = Route::Numbers;
        case.scored = vec!["number"];
        case.whole = Some(!expected.is_empty());
        for e in &expected {
            case.gold.push(number_gold(e)?);
        }
        return Some(case);
    }
    if suite.starts_with("Quantity") {
        // Measures ("6 lbs of meat", "2 Cups"): no money, no count.
        case.scored = vec!["money", "count"];
        return Some(case);
    }
    case.scored = vec!["money"];
    for e in &expected {
        let cur = field(e, "currency_iso").or(field(e, "currency"));
        let Some(cur) = cur.filter(|c| *c != "Unnamed") else {
            skip(skips, src, "amount without a currency");
            return None;
        };
        let Some(g) = money_gold(e, text, cur) else {
            skip(skips, src, "currency not in the table");
            return None;
        };
        // A locale's dollar is what a bare "$" means there: newsx's
        // --dollar option.
        if locale.is_some() && g.currencies.len() == 1 {
            let c = g.currencies[0];
            if c.ends_with('D') && c != "USD" {
                case.dollar = Some(c.to_string());
            }
        }
        case.gold.push(g);
    }
    Some(case)
}

pub fn base(source: &str, row: &Value, text: &str, route: Route) -> Case {
    Case {
        source: source.to_string(),
        id: field(row, "id").unwrap_or("").to_string(),
        text: text.to_string(),
        route,
        gold: Vec::new(),
        scored: Vec::new(),
        dollar: None,
        whole: None,
        traps: Vec::new(),
    }
}

pub fn number_gold(e: &Value) -> Option<Gold> {
    Some(Gold {
        kind: "number",
        value: e.get("value").and_then(f)?,
        value_max: None,
        currencies: Vec::new(),
        text: field(e, "text").unwrap_or("").to_string(),
    })
}

pub fn price_parser(
    row: &Value,
    text: &str,
    skips: &mut Skips,
) -> Option<Case> {
    let src = "price_parser";
    let e = &row["expected"][0];
    let mut case = base(src, row, text, Route::Records);
    case.scored = vec!["money"];
    let value = e
        .get("value_decimal_str")
        .and_then(f)
        .or(e.get("value").and_then(f));
    let Some(value) = value else {
        return Some(case); // no price: no money may be found
    };
    let Some(cur) = field(e, "currency") else {
        skip(skips, src, "no currency in the text");
        return None;
    };
    if !text.to_lowercase().contains(&cur.to_lowercase()) {
        skip(skips, src, "currency only in the parser's separate hint");
        return None;
    }
    let Some((codes, factor)) = iso(cur, text) else {
        skip(skips, src, "currency not in the table");
        return None;
    };
    case.gold.push(Gold {
        kind: "money",
        value: value * factor,
        value_max: None,
        currencies: codes,
        text: field(e, "amount_text").unwrap_or("").to_string(),
    });
    Some(case)
}

/// quantulum3's bare numbers are not scored: the source lists only some
/// numbers of a text (not those inside its quantities), so a reader that
/// finds every number would be charged for the rest.
pub fn quantulum(row: &Value, text: &str, skips: &mut Skips) -> Option<Case> {
    let src = "quantulum3";
    let mut rec = base(src, row, text, Route::Records);
    rec.scored = vec!["money", "percent"];
    for e in row["expected"].as_array().cloned().unwrap_or_default() {
        let kind = field(&e, "kind").unwrap_or("");
        match kind {
            "money" => {
                let cur = field(&e, "currency").unwrap_or("");
                if let Some(g) = money_gold(&e, text, cur) {
                    rec.gold.push(g);
                }
            }
            "percent" => {
                if let Some(mut g) = number_gold(&e) {
                    g.kind = "percent";
                    rec.gold.push(g);
                }
            }
            "number" => skip(skips, src, "bare number (partial labels)"),
            _ => {
                let unit = field(&e, "unit_entity").unwrap_or("");
                if !matches!(unit, "time" | "currency" | "dimensionless") {
                    rec.traps.push(field(&e, "text").unwrap_or("").to_string());
                }
            }
        }
    }
    Some(rec)
}

pub fn recognizers(row: &Value, text: &str, skips: &mut Skips) -> Option<Case> {
    let src = "recognizers";
    let suite = field(row, "suite").unwrap_or("");
    let expected = row["expected"].as_array().cloned().unwrap_or_default();
    if suite.starts_with("PercentModel") {
        let mut case = base(src, row, text, Route::Records);
        case.scored = vec!["percent"];
        for e in &expected {
            let mut g = number_gold(e)?;
            g.kind = "percent";
            case.gold.push(g);
        }
        return Some(case);
    }
    let mut case = base(src, row, text, Route::Numbers);
    case.scored = vec!["number"];
    for e in &expected {
        if field(e, "kind") == Some("number_range") {
            // "[10,15)": both ends given is a range; one end is a hedge.
            let raw = field(e, "value_raw").unwrap_or("");
            let inner = raw.trim_matches(['[', ']', '(', ')']);
            let (a, b) = inner.split_once(',').unwrap_or(("", ""));
            let (a, b) =
                (a.trim().parse::<f64>().ok(), b.trim().parse::<f64>().ok());
            let (value, value_max) = match (a, b) {
                (Some(a), Some(b)) => (a, Some(b)),
                (Some(a), None) | (None, Some(a)) => (a, None),
                _ => {
                    skip(skips, src, "range without a number");
                    continue;
                }
            };
            case.gold.push(Gold {
                kind: "number",
                value,
                value_max,
                currencies: Vec::new(),
                text: field(e, "text").unwrap_or("").to_string(),
            });
        } else {
            case.gold.push(number_gold(e)?);
        }
    }
    Some(case)
}

pub fn digits_of(s: &str) -> Vec<f64> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|t| !t.is_empty())
        .filter_map(|t| t.parse().ok())
        .collect()
}

pub fn number_suites(
    source: &str,
    row: &Value,
    text: &str,
    skips: &mut Skips,
) -> Option<Case> {
    let sem = field(row, "semantics").unwrap_or("");
    if sem.contains("ordinal")
        || field(row, "suite").is_some_and(|s| s.contains("ordinal"))
    {
        skip(skips, source, "ordinal (newsx reads ordinals as no number)");
        return None;
    }
    let mut case = base(source, row, text, Route::Numbers);
    case.scored = vec!["number"];
    if let Some(rewrite) = field(row, "expected_rewrite") {
        // Every integer of the rewritten text that the input spells out
        // or writes; numbers the input already had stay numbers.
        let nums: Vec<f64> =
            match row.get("expected_numbers").and_then(Value::as_array) {
                Some(a) => a.iter().filter_map(f).collect(),
                None => digits_of(rewrite),
            };
        let threshold =
            row.get("threshold").and_then(Value::as_u64).unwrap_or(0);
        if threshold > 0 {
            // Isolated small numbers are left as words by design of the
            // source (threshold 10): not a rule of newsx.
            skip(skips, source, "rewrite threshold (isolated small numbers)");
            return None;
        }
        for v in nums {
            case.gold.push(Gold {
                kind: "number",
                value: v,
                value_max: None,
                currencies: Vec::new(),
                text: String::new(),
            });
        }
        return Some(case);
    }
    let expected = row["expected"].as_array().cloned().unwrap_or_default();
    let one = expected.len() == 1;
    case.whole = Some(one);
    if one {
        case.gold.push(number_gold(&expected[0])?);
    }
    Some(case)
}

/// A fixed quarter of the cases, by an FNV hash of the id.
pub fn held_out(id: &str) -> bool {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h % 4 == 0
}

pub fn load(dir: &Path, skips: &mut Skips) -> Vec<Case> {
    let mut cases = Vec::new();
    for (file, source) in [
        ("duckling_money.jsonl", "duckling"),
        ("price_parser.jsonl", "price_parser"),
        ("quantulum3.jsonl", "quantulum3"),
        ("recognizers_number.jsonl", "recognizers"),
        ("text2num.jsonl", "text2num"),
        ("number_parser.jsonl", "number_parser"),
    ] {
        let body = fs::read_to_string(dir.join(file)).expect("dev file reads");
        for line in body.lines() {
            let row: Value =
                serde_json::from_str(line).expect("dev row is JSON");
            let text = field(&row, "text").unwrap_or("").to_string();
            match source {
                "duckling" => cases.extend(duckling(&row, &text, skips)),
                "price_parser" => {
                    cases.extend(price_parser(&row, &text, skips))
                }
                "quantulum3" => cases.extend(quantulum(&row, &text, skips)),
                "recognizers" => cases.extend(recognizers(&row, &text, skips)),
                _ => cases.extend(number_suites(source, &row, &text, skips)),
            }
        }
    }
    cases
}
