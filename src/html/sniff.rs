//! Is this document HTML? Decided by its first bytes, never its name.
//!
//! Scrapers save pages under any name (`.txt`, no extension, `.php`), and
//! people save text as `.html`; the extension says little, the content
//! says it all. A document is HTML when, after a byte-order mark,
//! whitespace, an XML declaration and comments, it opens with
//! `<!doctype html`, `<html`, or a `<head>`, `<body>`, `<meta` or `<div`
//! tag; anything else is text, whatever its extension.

/// True when `bytes` (raw or decoded, any ASCII-compatible encoding) open
/// like an HTML page.
pub fn is_html(bytes: &[u8]) -> bool {
    let mut rest = skip_bom(bytes);
    loop {
        rest = trim_start(rest);
        if let Some(after) = skip_between(rest, b"<?", b"?>") {
            rest = after;
        } else if let Some(after) = skip_between(rest, b"<!--", b"-->") {
            rest = after;
        } else {
            break;
        }
    }
    if starts_with_ignore_case(rest, b"<!doctype") {
        return starts_with_ignore_case(trim_start(&rest[9..]), b"html");
    }
    const TAGS: [&[u8]; 5] = [b"html", b"head", b"body", b"meta", b"div"];
    let Some(tag) = rest.strip_prefix(b"<") else {
        return false;
    };
    TAGS.iter().any(|name| {
        starts_with_ignore_case(tag, name)
            && tag
                .get(name.len())
                .is_some_and(|&b| b == b'>' || b == b'/' || is_space(b))
    })
}

fn skip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Skips `open … close` at the start of `bytes`, looking at most 4 KiB
/// ahead so a page of junk stays linear.
fn skip_between<'a>(
    bytes: &'a [u8],
    open: &[u8],
    close: &[u8],
) -> Option<&'a [u8]> {
    let body = bytes.strip_prefix(open)?;
    let window = &body[..body.len().min(4096)];
    let end = window.windows(close.len()).position(|w| w == close)?;
    Some(&body[end + close.len()..])
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let n = bytes.iter().take_while(|&&b| is_space(b)).count();
    &bytes[n..]
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

/// ASCII case-insensitive prefix test.
pub(crate) fn starts_with_ignore_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes.len() >= prefix.len()
        && bytes[..prefix.len()].eq_ignore_ascii_case(prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_html() {
        for page in [
            "<!DOCTYPE html><html><body>x",
            "\u{feff}  \n<!doctype HTML PUBLIC \"-//W3C//DTD\">",
            "<html lang=\"en\">",
            "<HEAD><title>x</title>",
            "<body>",
            "<meta charset=\"utf-8\">",
            "<div class=\"a\">text</div>",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE html>",
            "<!-- saved from url -->\n<html>",
        ] {
            assert!(is_html(page.as_bytes()), "{page:?}");
        }
    }

    #[test]
    fn text_is_text() {
        for text in [
            "Russia and Iran sign a deal\n\n<html> is a tag.",
            "<header>not in the list</header>",
            "<divination> is a word",
            "<!doctype xml>",
            "<!-- never closed",
            "",
            "<",
            "A < B > C",
        ] {
            assert!(!is_html(text.as_bytes()), "{text:?}");
        }
    }
}
