//! What never reaches the parser: nesting past a bound, the bodies of
//! scripts and styles, and attributes nothing reads.
//!
//! Depth. The HTML tree builder checks "is there a `<p>` in button
//! scope?" at every block start tag, walking the stack of open elements; on
//! a page nested 40,000 `<div>`s deep that is 40,000 steps per tag, and the
//! parse turns quadratic (minutes for 1 MB). Browsers bound the depth (Blink
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
//!
//! Attributes. Of what remains, most bytes sit inside tags (`data-*`,
//! `srcset`, event handlers); the scan walks attributes as the tokenizer
//! does and keeps only those read downstream or by the tree builder.

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
    /// Where the attributes start (right after the name).
    attrs: usize,
    name: &'a str,
    closing: bool,
    self_closing: bool,
}

/// Raw-text elements whose body is dropped (unless JSON-LD).
const EMPTIED: &[&str] = &["script", "style", "noscript"];

/// `html` with tags past [`MAX_DEPTH`], script and style bodies and unread
/// attributes removed, ready for the parser.
pub fn prune(html: &str) -> StrTendril {
    let mut depth = 0usize;
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    while let Some(tag) = next_tag(html, at) {
        at = tag.end;
        let mut buf = [0u8; 10];
        let name = lower(tag.name, &mut buf);
        let counted = !(tag.self_closing || FLAT.contains(&name));
        let mut too_deep = false;
        if counted && tag.closing {
            too_deep = depth > MAX_DEPTH;
            depth = depth.saturating_sub(1);
        } else if counted {
            depth += 1;
            too_deep = depth > MAX_DEPTH;
        }
        if too_deep {
            cuts.push((tag.start, tag.end));
        } else if !tag.closing {
            unread_attributes(html.as_bytes(), &tag, &mut cuts);
        }
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
        if !bytes.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            at = start + 1;
            continue;
        }
        let name_len = bytes[name_at..]
            .iter()
            .take_while(|&&b| !is_space(b) && b != b'/' && b != b'>')
            .count();
        let attrs = name_at + name_len;
        let (end, self_closing) = attributes(bytes, attrs, |_, _, _| {});
        // A name with non-ASCII bytes ends on a character boundary, since
        // it ends at an ASCII byte or at the end of the text.
        return Some(Tag {
            start,
            end,
            attrs,
            name: &html[name_at..name_at + name_len],
            closing,
            self_closing,
        });
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

/// Walks the attributes from byte `i` as the HTML tokenizer does (a quote
/// opens a value only right after `=`), calling `each(name, start, end)`
/// with each attribute's span (leading whitespace included); returns the
/// byte after the closing `>` and whether the tag ends with `/>`.
fn attributes(
    bytes: &[u8],
    mut i: usize,
    mut each: impl FnMut(&[u8], usize, usize),
) -> (usize, bool) {
    let n = bytes.len();
    loop {
        let start = i;
        while i < n && (is_space(bytes[i]) || bytes[i] == b'/') {
            if bytes[i] == b'/' && bytes.get(i + 1) == Some(&b'>') {
                return (i + 2, true);
            }
            i += 1;
        }
        if i >= n {
            return (n, false);
        }
        if bytes[i] == b'>' {
            return (i + 1, false);
        }
        let name_at = i;
        i += 1; // the first character is always part of the name
        while i < n
            && !matches!(bytes[i], b'/' | b'>' | b'=')
            && !is_space(bytes[i])
        {
            i += 1;
        }
        let name = &bytes[name_at..i];
        let mut j = i;
        while j < n && is_space(bytes[j]) {
            j += 1;
        }
        if j < n && bytes[j] == b'=' {
            j += 1;
            while j < n && is_space(bytes[j]) {
                j += 1;
            }
            match bytes.get(j) {
                Some(&q @ (b'"' | b'\'')) => {
                    j = bytes[j + 1..]
                        .iter()
                        .position(|&b| b == q)
                        .map_or(n, |e| j + 1 + e + 1);
                }
                Some(b'>') | None => {}
                Some(_) => {
                    while j < n && !is_space(bytes[j]) && bytes[j] != b'>' {
                        j += 1;
                    }
                }
            }
            i = j;
        }
        each(name, start, i);
    }
}

/// Attributes nothing downstream reads (`data-*`, `srcset`, `onclick`…,
/// most of a modern page's markup) are cut before parsing; the parser
/// would otherwise build and intern every one of them.
fn unread_attributes(
    bytes: &[u8],
    tag: &Tag<'_>,
    cuts: &mut Vec<(usize, usize)>,
) {
    attributes(bytes, tag.attrs, |name, start, end| {
        if !READ.iter().any(|r| name.eq_ignore_ascii_case(r.as_bytes())) {
            cuts.push((start, end));
        }
    });
}

/// Attributes read by the blocks, evidence and metadata, or by the tree
/// builder itself (`type` of inputs in tables, `color`/`face`/`size` of
/// `<font>` in SVG, `encoding` of MathML annotations).
const READ: &[&str] = &[
    "class",
    "id",
    "role",
    "itemprop",
    "hidden",
    "aria-hidden",
    "style",
    "lang",
    "property",
    "name",
    "content",
    "rel",
    "href",
    "type",
    "datetime",
    "charset",
    "http-equiv",
    "color",
    "face",
    "size",
    "encoding",
    "shadowrootmode",
];

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
    fn unread_attributes_are_cut_as_the_tokenizer_splits_them() {
        let page = "<div data-x='a>b' class=c onclick=go()>t</div>\
                    <img srcset=\"a 1x\" alt=it's/><a title=it's href=/x>l</a>\
                    <p CLASS = \"k\"data-y>z</p><br/>";
        assert_eq!(
            &*prune(page),
            "<div class=c>t</div><img><a href=/x>l</a>\
             <p CLASS = \"k\">z</p><br/>"
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
