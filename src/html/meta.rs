//! What the page says about itself: headline, canonical address,
//! publication time, authors, site name, language, and the JSON-LD
//! `articleBody` (used by scoring as evidence only, never as the text).
//!
//! Sources, first found wins: Open Graph and `article:` `<meta>`
//! properties, `<link rel="canonical">`, schema.org JSON-LD (`NewsArticle`,
//! `Article`, `BlogPosting`…, also inside `@graph`), `itemprop`
//! microdata, `<meta name="author">`, the first `<time datetime>`, and
//! `<html lang>`.

use html5ever::local_name;
use serde_json::Value;

use super::dom::{Dom, Kind, NodeId};

/// Metadata of a page; every field is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageMeta {
    /// Canonical address (`<link rel="canonical">`, else `og:url`).
    pub url: Option<String>,
    /// Publication time, ISO 8601 (`2019-05-03T10:00:00+01:00`, or a date).
    pub published: Option<String>,
    /// Authors' names, in the page's order, without duplicates.
    pub authors: Vec<String>,
    /// The site's name (`og:site_name`, else the JSON-LD publisher).
    pub site: Option<String>,
    /// The page's language tag (`<html lang>`).
    pub language: Option<String>,
    /// Headline candidates: Open Graph, JSON-LD, then `<title>`.
    pub titles: Vec<String>,
    /// The JSON-LD `articleBody`, when the page has one.
    pub article_body: Option<String>,
}

/// Collects the metadata of a parsed page.
pub fn collect(dom: &Dom) -> PageMeta {
    let mut m = PageMeta::default();
    let mut og_title = None;
    let mut ld_title = None;
    let mut doc_title = None;
    let mut canonical = None;
    let mut og_url = None;
    let mut time = None;
    for id in dom.descendants(super::dom::DOCUMENT) {
        let node = &dom.nodes[id];
        if node.kind != Kind::Element {
            continue;
        }
        match *node.tag() {
            local_name!("html") if m.language.is_none() => {
                m.language =
                    node.attr("lang").map(str::trim).and_then(nonempty);
            }
            local_name!("title") if doc_title.is_none() => {
                doc_title = nonempty(&text_of(dom, id));
            }
            local_name!("link") => {
                let rel = node.attr("rel").unwrap_or("");
                if rel.eq_ignore_ascii_case("canonical") && canonical.is_none()
                {
                    canonical = node.attr("href").and_then(nonempty);
                }
            }
            local_name!("meta") => {
                let key = node
                    .attr("property")
                    .or_else(|| node.attr("name"))
                    .or_else(|| node.attr("itemprop"))
                    .unwrap_or("")
                    .to_ascii_lowercase();
                let Some(value) = node.attr("content").and_then(nonempty)
                else {
                    continue;
                };
                match key.as_str() {
                    "og:title" => set(&mut og_title, value),
                    "og:url" => set(&mut og_url, value),
                    "og:site_name" => set(&mut m.site, value),
                    "article:published_time" | "datepublished"
                        if m.published.is_none() =>
                    {
                        m.published = iso_8601(&value);
                    }
                    "author" | "article:author" | "sailthru.author" => {
                        add_authors(&mut m.authors, &value)
                    }
                    _ => {}
                }
            }
            local_name!("script") => {
                let json = node.attr("type").is_some_and(|t| {
                    t.trim().eq_ignore_ascii_case("application/ld+json")
                });
                if json {
                    json_ld(&text_of(dom, id), &mut m, &mut ld_title);
                }
            }
            local_name!("time") if time.is_none() => {
                time = node.attr("datetime").and_then(iso_8601);
            }
            _ => {}
        }
    }
    m.url = canonical.or(og_url).filter(|u| u.contains("://"));
    if m.published.is_none() {
        m.published = time;
    }
    m.titles = [og_title, ld_title, doc_title]
        .into_iter()
        .flatten()
        .collect();
    m
}

fn set(slot: &mut Option<String>, value: String) {
    if slot.is_none() {
        *slot = Some(value);
    }
}

fn nonempty(s: &str) -> Option<String> {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// The text inside an element (scripts and titles hold one text node).
pub fn text_of(dom: &Dom, id: NodeId) -> String {
    dom.descendants(id)
        .filter_map(|c| match &dom.nodes[c].kind {
            Kind::Text(t) => Some(&**t),
            _ => None,
        })
        .collect()
}

/// Adds names from an author value, skipping profile links and repeats.
fn add_authors(authors: &mut Vec<String>, value: &str) {
    if value.contains("://") || value.starts_with('/') || value.contains('@') {
        return;
    }
    for name in value.split([',', ';', '|']).flat_map(|s| s.split(" and ")) {
        let Some(name) = nonempty(name) else { continue };
        if name.chars().count() <= 80 && !authors.contains(&name) {
            authors.push(name);
        }
    }
}

/// Reads one JSON-LD script: article fields of the first article-like
/// object (also inside `@graph` and arrays).
fn json_ld(text: &str, m: &mut PageMeta, title: &mut Option<String>) {
    let Ok(value) = serde_json::from_str::<Value>(text.trim()) else {
        return;
    };
    let mut stack = vec![&value];
    let mut budget = 10_000;
    while let Some(v) = stack.pop() {
        budget -= 1;
        if budget == 0 {
            return;
        }
        match v {
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(map) => {
                if let Some(graph) = map.get("@graph") {
                    stack.push(graph);
                }
                if is_article(map.get("@type")) {
                    article_fields(map, m, title);
                }
            }
            _ => {}
        }
    }
}

fn is_article(kind: Option<&Value>) -> bool {
    let named = |s: &str| {
        s.ends_with("Article")
            || matches!(s, "BlogPosting" | "Report" | "LiveBlogPosting")
    };
    match kind {
        Some(Value::String(s)) => named(s),
        Some(Value::Array(items)) => {
            items.iter().filter_map(Value::as_str).any(named)
        }
        _ => false,
    }
}

fn article_fields(
    map: &serde_json::Map<String, Value>,
    m: &mut PageMeta,
    title: &mut Option<String>,
) {
    if let Some(h) = map.get("headline").and_then(Value::as_str) {
        if title.is_none() {
            *title = nonempty(h);
        }
    }
    if m.published.is_none() {
        m.published = map
            .get("datePublished")
            .and_then(Value::as_str)
            .and_then(iso_8601);
    }
    if m.article_body.is_none() {
        m.article_body = map
            .get("articleBody")
            .and_then(Value::as_str)
            .and_then(nonempty);
    }
    for author in map.get("author").into_iter().flat_map(one_or_many) {
        match author {
            Value::String(s) => add_authors(&mut m.authors, s),
            Value::Object(o) => {
                if let Some(name) = o.get("name").and_then(Value::as_str) {
                    add_authors(&mut m.authors, name);
                }
            }
            _ => {}
        }
    }
    if m.site.is_none() {
        m.site = map
            .get("publisher")
            .and_then(|p| p.get("name"))
            .and_then(Value::as_str)
            .and_then(nonempty);
    }
}

fn one_or_many(v: &Value) -> Vec<&Value> {
    match v {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    }
}

/// A date or date-time in ISO 8601, normalised to `YYYY-MM-DD` or
/// `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]`; anything else is `None`.
pub fn iso_8601(value: &str) -> Option<String> {
    let v = value.trim();
    let b = v.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit))
    };
    if !(digits(0..4) && b.get(4) == Some(&b'-') && digits(5..7))
        || b.get(7) != Some(&b'-')
        || !digits(8..10)
    {
        return None;
    }
    let date = &v[..10];
    let month: u32 = v[5..7].parse().ok()?;
    let day: u32 = v[8..10].parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let rest = &v[10..];
    if rest.is_empty() {
        return Some(date.to_string());
    }
    let rest = rest.strip_prefix(['T', ' '])?;
    let rb = rest.as_bytes();
    let two = |i: usize| {
        rb.get(i..i + 2)
            .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
    };
    if !(two(0) && rb.get(2) == Some(&b':') && two(3)) {
        return Some(date.to_string());
    }
    let mut end = 5;
    if rb.get(5) == Some(&b':') && two(6) {
        end = 8;
        if rb.get(8) == Some(&b'.') {
            end = 9 + rb[9..].iter().take_while(|c| c.is_ascii_digit()).count();
        }
    }
    let time = &rest[..end];
    let zone = zone(rest[end..].trim())?;
    Some(format!("{date}T{time}{zone}"))
}

/// `Z`, `+01:00`, `+0100`, or nothing; other suffixes fail.
fn zone(z: &str) -> Option<String> {
    if z.is_empty() {
        return Some(String::new());
    }
    if z == "Z" || z == "z" {
        return Some("Z".to_string());
    }
    let (sign, rest) = z.split_at(1);
    if sign != "+" && sign != "-" {
        return None;
    }
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(format!("{sign}{}:{}", &digits[..2], &digits[2..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_normalised_or_refused() {
        let cases = [
            (
                "2019-05-03T10:00:00+01:00",
                Some("2019-05-03T10:00:00+01:00"),
            ),
            ("2019-05-03 10:00:00", Some("2019-05-03T10:00:00")),
            ("2019-05-03T10:00:00.123Z", Some("2019-05-03T10:00:00.123Z")),
            ("2019-05-03T10:00+0100", Some("2019-05-03T10:00+01:00")),
            ("2019-05-03", Some("2019-05-03")),
            ("2019-13-03", None),
            ("May 3, 2019", None),
            ("2019-05-03T10:00:00 EST", None),
        ];
        for (input, want) in cases {
            assert_eq!(iso_8601(input).as_deref(), want, "{input}");
        }
    }

    #[test]
    fn metadata_from_meta_tags_and_json_ld() {
        let dom = Dom::parse(
            r#"<html lang="en-GB"><head><title>Deal signed | Gazette</title>
            <meta property="og:site_name" content="Gazette">
            <link rel="canonical" href="https://example.org/a">
            <meta name="author" content="Ann Lee, Bo Chen">
            <script type="application/ld+json">{"@graph": [{"@type":
             "NewsArticle", "headline": "Deal signed", "datePublished":
             "2021-02-03T04:05:06Z", "author": [{"name": "Ann Lee"},
             {"name": "Cy Diaz"}], "articleBody": "Body."}]}</script>
            </head><body><time datetime="2020-01-01">x</time></body></html>"#,
        );
        let m = collect(&dom);
        assert_eq!(m.language.as_deref(), Some("en-GB"));
        assert_eq!(m.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(m.site.as_deref(), Some("Gazette"));
        assert_eq!(m.published.as_deref(), Some("2021-02-03T04:05:06Z"));
        assert_eq!(m.authors, ["Ann Lee", "Bo Chen", "Cy Diaz"]);
        assert_eq!(m.titles, ["Deal signed", "Deal signed | Gazette"]);
        assert_eq!(m.article_body.as_deref(), Some("Body."));
    }
}
