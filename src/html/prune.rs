//! What never reaches the parser: nesting past a bound, and the bodies of
//! scripts and styles.
//!
//! Depth.
//! The HTML tree builder checks "is there a `<p>` in button scope?" at
//! every block start tag, walking the stack of open elements; on a page
//! nested 40,000 `<div>`s deep that is 40,000 steps per tag, and the parse
//! turns quadratic (minutes for 1 MB). Browsers bound the depth (Blink
//! attaches elements past 512 levels to the 512th); we do the same before
//! parsing: a cheap scan of the markup that drops start and end tags past
//! [`MAX_DEPTH`], keeping every character of text. Real pages nest a few
//! dozen levels.
//!
//! Bodies. On news pages about half the bytes are JavaScript and CSS,
//! which the tokenizer would scan character by character only for the
//! blocks to skip them. The scan already finds where each raw-text element
//! ends (its `</script`, as the tokenizer does), so it empties `<script>`,
//! `<style>` and `<noscript>` elements on the way, except JSON-LD scripts,
//! which the metadata reads.

use html5ever::tendril::StrTendril;

/// Deepest nesting passed to the parser.
pub const MAX_DEPTH: usize = 512;

/// Elements that never hold content, or whose end tag is optional and
/// which the parser closes by itself (`<p>`, `<li>`…): they do not deepen
/// the estimate.
const FLAT: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "param", "source", "track", "wbr", "p", "li", "dt", "dd", "option",
    "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "colgroup", "rb",
    "rt", "rp", "html", "head", "body", "image", "keygen", "frame", "basefont",
    "bgsound",
];

/// Elements whose content is raw text, scanned past to their end tag.
const RAW: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// One tag found by the scan.
struct Tag<'a> {
    start: usize,
    end: usize,
    name: &'a str,
    closing: bool,
    self_closing: bool,
}

/// Raw-text elements whose body is dropped (unless JSON-LD).
const EMPTIED: &[&str] = &["script", "style", "noscript"];

/// `html` with tags past [`MAX_DEPTH`] and script and style bodies removed,
/// ready for the parser.
pub fn prune(html: &str) -> StrTendril {
    let mut depth = 0usize;
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    while let Some(tag) = next_tag(html, at) {
        at = tag.end;
        let mut buf = [0u8; 10];
        let name = lower(tag.name, &mut buf);
        if !tag.closing && RAW.contains(&name) {
            let body = at;
            at = raw_end(html, at, tag.name);
            let json = html[tag.start..body]
                .to_ascii_lowercase()
                .contains("ld+json");
            if EMPTIED.contains(&name) && !json && at > body {
                cuts.push((body, at));
            }
        }
        if tag.self_closing || FLAT.contains(&name) {
            continue;
        }
        if tag.closing {
            if depth > MAX_DEPTH {
                cuts.push((tag.start, tag.end));
            }
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            if depth > MAX_DEPTH {
                cuts.push((tag.start, tag.end));
            }
        }
    }
    let mut out = StrTendril::with_capacity(html.len() as u32);
    let mut from = 0;
    for (start, end) in cuts {
        out.push_slice(&html[from..start]);
        from = end;
    }
    out.push_slice(&html[from..]);
    out
}

/// `name` in ASCII lower case when it fits `buf` (every name of the lists
/// does), else a name no list holds.
fn lower<'b>(name: &str, buf: &'b mut [u8; 10]) -> &'b str {
    if name.len() > buf.len() {
        return "";
    }
    let out = &mut buf[..name.len()];
    out.copy_from_slice(name.as_bytes());
    out.make_ascii_lowercase();
    std::str::from_utf8(out).unwrap_or("")
}

/// The next tag at or after byte `at`, skipping comments and doctypes.
fn next_tag(html: &str, mut at: usize) -> Option<Tag<'_>> {
    let bytes = html.as_bytes();
    loop {
        let start = at + html[at..].find('<')?;
        let rest = &bytes[start + 1..];
        if rest.starts_with(b"!--") {
            at = html[start + 4..]
                .find("-->")
                .map_or(html.len(), |e| start + 4 + e + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_at = start + 1 + usize::from(closing);
        let name_len = bytes[name_at..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        let starts_alpha =
            bytes.get(name_at).is_some_and(u8::is_ascii_alphabetic);
        if !starts_alpha {
            at = start + 1;
            continue;
        }
        let end = tag_end(bytes, name_at + name_len);
        let self_closing = end >= 2 && bytes[end - 2] == b'/';
        return Some(Tag {
            start,
            end,
            name: &html[name_at..name_at + name_len],
            closing,
            self_closing,
        });
    }
}

/// The byte after the `>` that ends a tag, skipping quoted values.
fn tag_end(bytes: &[u8], mut i: usize) -> usize {
    let mut quote = None;
    while i < bytes.len() {
        match (quote, bytes[i]) {
            (None, b'>') => return i + 1,
            (None, q @ (b'"' | b'\'')) => quote = Some(q),
            (Some(q), b) if b == q => quote = None,
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// The start of `</name` after `at` (ASCII case-insensitive), or the end.
fn raw_end(html: &str, at: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut i = at;
    while let Some(j) = html[i..].find("</") {
        let k = i + j + 2;
        let candidate = bytes.get(k..k + name.len());
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name.as_bytes())) {
            return i + j;
        }
        i = k;
    }
    html.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_lose_only_script_bodies() {
        let page = "<html><body><div class=\"a>b\"><p>one<p>two</div>\
                    <script>if (a<b) {}</script><!-- <div> -->\
                    <SCRIPT type=\"application/ld+json\">{}</SCRIPT>\
                    <style>p {}</style></body>";
        assert_eq!(
            &*prune(page),
            "<html><body><div class=\"a>b\"><p>one<p>two</div>\
             <script></script><!-- <div> -->\
             <SCRIPT type=\"application/ld+json\">{}</SCRIPT>\
             <style></style></body>"
        );
    }

    #[test]
    fn deep_nesting_is_cut_and_text_kept() {
        let n = MAX_DEPTH + 100;
        let page = "<div>".repeat(n) + "deep" + &"</div>".repeat(n);
        let out = prune(&page);
        assert_eq!(out.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(out.matches("</div>").count(), MAX_DEPTH);
        assert!(out.contains("deep"));
    }

    #[test]
    fn junk_does_not_panic() {
        for junk in ["<", "</", "<a", "<!--", "<script>", "<\u{e9}>", "<a '>"] {
            let _ = prune(junk);
        }
    }
}
