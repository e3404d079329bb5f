//! The character set of a page whose bytes are not UTF-8.
//!
//! The order is the and, roughly, a browser's: a byte-order mark
//! wins; then bytes that are valid UTF-8 are UTF-8 (a page that declares
//! `windows-1252` but is valid UTF-8 was converted and never updated:
//! pages lie, bytes do not); then the `<meta charset>` or
//! `<meta http-equiv="Content-Type" content="…; charset=…">` in the first
//! bytes; then statistical detection (`read::decode`). The first two and
//! the last are `read`'s rules for every document; this module adds the
//! declared charset, for HTML only.

use encoding_rs::Encoding;

use super::sniff::{is_html, starts_with_ignore_case};

/// How far into the page a declaration is looked for. The HTML standard's
/// pre-scan stops at 1024 bytes; real pages put scripts and long `<meta>`
/// lists first, so we look further, at a cost that stays bounded.
const PRESCAN: usize = 16 * 1024;

/// Decodes an HTML page with the charset it declares, when that applies:
/// the bytes are HTML, carry no BOM, are not valid UTF-8, hold no NUL
/// (binary) and declare an ASCII-compatible charset. Returns the text and
/// the encoding's name; `None` leaves the decision to `read`.
pub fn decode_declared(raw: &[u8]) -> Option<(String, String)> {
    if !is_html(raw)
        || Encoding::for_bom(raw).is_some()
        || raw.contains(&0)
        || std::str::from_utf8(raw).is_ok()
    {
        return None;
    }
    let encoding = declared(raw)?;
    let (text, _) = encoding.decode_without_bom_handling(raw);
    if text.trim().is_empty() {
        return None;
    }
    Some((text.into_owned(), encoding.name().to_ascii_lowercase()))
}

/// The charset declared by the first `<meta>` that declares one.
pub fn declared(raw: &[u8]) -> Option<&'static Encoding> {
    let head = &raw[..raw.len().min(PRESCAN)];
    let mut at = 0;
    while let Some(i) = find_ignore_case(&head[at..], b"<meta") {
        let start = at + i + 5;
        let end = head[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(head.len(), |e| start + e);
        if let Some(encoding) = charset_in(&head[start..end]) {
            return Some(encoding);
        }
        at = end;
    }
    None
}

/// The encoding named after `charset=` in one `<meta …>` tag. UTF-16
/// labels are ignored: bytes that reach here are ASCII-compatible, so the
/// label is wrong (the standard reads them as UTF-8).
fn charset_in(tag: &[u8]) -> Option<&'static Encoding> {
    let i = find_ignore_case(tag, b"charset")?;
    let rest = &tag[i + 7..];
    let rest = rest.strip_prefix(b"=").or_else(|| {
        let r = rest.iter().position(|&b| b != b' ')?;
        rest[r..].strip_prefix(b"=")
    })?;
    let rest = trim_quotes(rest);
    let len = rest
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
        .unwrap_or(rest.len());
    let encoding = Encoding::for_label(&rest[..len])?;
    (encoding.is_ascii_compatible()).then_some(encoding)
}

fn trim_quotes(bytes: &[u8]) -> &[u8] {
    let n = bytes
        .iter()
        .take_while(|&&b| matches!(b, b'"' | b'\'' | b' '))
        .count();
    &bytes[n..]
}

fn find_ignore_case(hay: &[u8], needle: &[u8]) -> Option<usize> {
    (0..hay.len().saturating_sub(needle.len() - 1))
        .find(|&i| starts_with_ignore_case(&hay[i..], needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_decodes_legacy_bytes() {
        let raw = b"<html><head><meta charset=\"iso-8859-2\"></head>\
                    <body>\xb3\xf3d\xbc</body></html>";
        let (text, name) = decode_declared(raw).unwrap();
        assert!(text.contains("łódź"), "{text}");
        assert_eq!(name, "iso-8859-2");
    }

    #[test]
    fn http_equiv_declares_too() {
        let raw = b"<html><head><meta http-equiv=\"Content-Type\" \
                    content=\"text/html; charset=windows-1251\">\
                    </head><body>\xcc\xee\xf1\xea\xe2\xe0</body>";
        let (text, name) = decode_declared(raw).unwrap();
        assert!(text.contains("Москва"), "{text}");
        assert_eq!(name, "windows-1251");
    }

    #[test]
    fn valid_utf8_wins_over_a_declared_legacy_charset() {
        let raw = "<html><meta charset=\"windows-1252\">“Kyiv”".as_bytes();
        assert_eq!(decode_declared(raw), None);
    }

    #[test]
    fn text_and_undeclared_pages_are_left_to_read() {
        assert_eq!(decode_declared(b"charset=latin1 \xe9t\xe9"), None);
        assert_eq!(decode_declared(b"<html><body>\xe9t\xe9"), None);
        assert_eq!(
            decode_declared(b"<html><meta charset=utf-16>\xe9t\xe9"),
            None
        );
        assert_eq!(
            decode_declared(b"<html><meta charset=\"bogus\">\xe9"),
            None
        );
    }
}
