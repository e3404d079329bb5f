//! Bytes to text: the encoding of a document, told or guessed.
//!
//! [`decode_text`]: a BOM selects UTF-8 or UTF-16; UTF-16 without one is
//! told by its zero bytes; UTF-8 with a few invalid bytes stays UTF-8, the
//! bytes mended and counted; only text with no UTF-8 in it and many
//! non-ASCII bytes goes to `chardetng`, whose guess (windows-1252 for most
//! Western legacy text) decodes it. The encoding's name and the count of
//! mended bytes go into the record so users can audit the guess.
//! [`decode_document`] first lets a page's declared charset speak, and
//! [`decode_declared`] a charset from outside the bytes (an HTTP header).

use super::{ErrorKind, ReadFailure};

/// Raw bytes decoded: the text, the encoding's name, and how many bytes
/// were not valid in it and had to be mended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded text.
    pub text: String,
    /// Lower-case WHATWG name of the encoding ("utf-8", "windows-1252").
    pub encoding: String,
    /// Bytes of UTF-8 text that were not valid UTF-8 and were mended (see
    /// [`decode_text`]); 0 for any other encoding.
    pub invalid_bytes: u64,
}

/// Decodes raw bytes to text, naming the encoding, or says why it is not
/// text; [`decode_text`] also counts the bytes it mended.
pub fn decode(raw: &[u8]) -> Result<(String, String), ReadFailure> {
    decode_text(raw).map(|d| (d.text, d.encoding))
}

/// Decodes a document: a page that is not UTF-8 is read in the charset it
/// declares; anything else, and a page that is UTF-8 but for a few stray
/// bytes (pages lie about their charset more often than they are written
/// in one), as [`decode_text`] says.
pub fn decode_document(raw: &[u8]) -> Result<Decoded, ReadFailure> {
    match crate::html::charset::decode_declared(raw) {
        Some((text, encoding)) if !Utf8Scan::of(raw).mostly_utf8() => {
            Ok(Decoded {
                text,
                encoding,
                invalid_bytes: 0,
            })
        }
        _ => decode_text(raw),
    }
}

/// Decodes a document whose charset was declared outside its bytes (the
/// `Content-Type` of an HTTP response): the declaration is taken, as a
/// browser takes it over the page's own, unless the bytes are UTF-8 but
/// for a few stray ones; without one, as [`decode_document`] says.
pub fn decode_declared(
    raw: &[u8],
    charset: Option<&str>,
) -> Result<Decoded, ReadFailure> {
    let declared = charset
        .and_then(|c| encoding_rs::Encoding::for_label(c.trim().as_bytes()))
        .filter(|e| {
            *e != encoding_rs::UTF_8 && !Utf8Scan::of(raw).mostly_utf8()
        });
    let Some(encoding) = declared else {
        return decode_document(raw);
    };
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err((ErrorKind::Empty, "no text in the file".to_string()));
    }
    let (text, _, malformed) = encoding.decode(raw);
    finish(text.into_owned(), encoding, malformed, 0)
}

/// Decodes raw bytes to text, or says why they are not text.
///
/// In order: a BOM names the encoding; the zero bytes of UTF-16 without a
/// BOM give it away (in mostly-Latin text every other byte is 0, on one
/// side only); bytes that are UTF-8 but for a few invalid ones are UTF-8,
/// with each invalid byte mended (a lone byte takes its windows-1252
/// reading when printable, anything else U+FFFD); only text with no UTF-8
/// in it goes to `chardetng`, whose guess needs many non-ASCII bytes to
/// tell, say, Cyrillic from Latin code pages, so with few of them it is
/// held to a Latin one. A stray byte must not turn a UTF-8 article into
/// mojibake ("Ã©"), nor a few high bytes in English text into Cyrillic.
pub fn decode_text(raw: &[u8]) -> Result<Decoded, ReadFailure> {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err((ErrorKind::Empty, "no text in the file".to_string()));
    }
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(raw) {
        let (text, _, malformed) = encoding.decode(raw);
        return finish(text.into_owned(), encoding, malformed, 0);
    }
    if let Some(encoding) = bomless_utf16(raw) {
        let (text, malformed) = encoding.decode_without_bom_handling(raw);
        return finish(text.into_owned(), encoding, malformed, 0);
    }
    let scan = Utf8Scan::of(raw);
    if scan.invalid == 0 || scan.mostly_utf8() {
        let text = mend_utf8(raw);
        return finish(text, encoding_rs::UTF_8, false, scan.invalid);
    }
    if raw.contains(&0) {
        // Neither UTF-8 nor UTF-16: NUL bytes here mean binary data.
        return Err(binary());
    }
    let encoding = legacy_encoding(raw);
    let (text, _, malformed) = encoding.decode(raw);
    finish(text.into_owned(), encoding, malformed, 0)
}

/// The legacy encoding of text that is not UTF-8: `chardetng`'s guess,
/// except that text with few non-ASCII bytes (under 1 in 20) is in a Latin
/// script, where a guess of a Cyrillic, Greek, Hebrew, Arabic or CJK code
/// page from a handful of bytes is noise ("яюГ(" for "ÿþÃ("), so
/// windows-1252 is taken instead.
fn legacy_encoding(raw: &[u8]) -> &'static encoding_rs::Encoding {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(raw, true);
    let guess = detector.guess(None, true);
    let high = raw.iter().filter(|b| !b.is_ascii()).count();
    if high * 20 <= raw.len() && !LATIN.contains(&guess.name()) {
        encoding_rs::WINDOWS_1252
    } else {
        guess
    }
}

/// Legacy encodings of Latin scripts that `chardetng` may guess.
const LATIN: &[&str] = &[
    "windows-1250",
    "windows-1252",
    "windows-1254",
    "windows-1257",
    "windows-1258",
    "ISO-8859-2",
    "ISO-8859-4",
    "ISO-8859-13",
    "ISO-8859-15",
];

/// What a pass over the bytes as UTF-8 found.
struct Utf8Scan {
    /// Non-ASCII characters that are valid UTF-8.
    valid: u64,
    /// Bytes that are not valid UTF-8.
    invalid: u64,
}

impl Utf8Scan {
    fn of(raw: &[u8]) -> Utf8Scan {
        let mut scan = Utf8Scan {
            valid: 0,
            invalid: 0,
        };
        for chunk in raw.utf8_chunks() {
            let text = chunk.valid();
            let ascii = text.bytes().filter(u8::is_ascii).count();
            scan.valid += (text.chars().count() - ascii) as u64;
            scan.invalid += chunk.invalid().len() as u64;
        }
        scan
    }

    /// True when the text is UTF-8 with a few invalid bytes: at least as
    /// many valid multi-byte characters as invalid bytes. Legacy text is
    /// valid UTF-8 only by accident, and rarely; a UTF-8 article with a
    /// stray byte has hundreds of valid characters around it.
    fn mostly_utf8(&self) -> bool {
        self.valid >= self.invalid
    }
}

/// Bytes that should be UTF-8 (a JSON line, which has no other encoding)
/// as text: invalid bytes mended as [`decode_text`] mends them, and
/// counted.
pub(super) fn mended_utf8(raw: &[u8]) -> (String, u64) {
    match std::str::from_utf8(raw) {
        Ok(text) => (text.to_string(), 0),
        Err(_) => (mend_utf8(raw), Utf8Scan::of(raw).invalid),
    }
}

/// UTF-8 with every invalid byte mended: a lone byte (a stray byte of a
/// windows-1252 editor, "’" as 0x92) takes its windows-1252 reading when
/// that is a printable character, anything else (a cut multi-byte
/// sequence, an undefined byte) becomes one U+FFFD.
fn mend_utf8(raw: &[u8]) -> String {
    let mut text = String::with_capacity(raw.len());
    for chunk in raw.utf8_chunks() {
        text.push_str(chunk.valid());
        match chunk.invalid() {
            [] => {}
            &[byte] => text.push(windows_1252(byte).unwrap_or('\u{FFFD}')),
            _ => text.push('\u{FFFD}'),
        }
    }
    text
}

/// The windows-1252 character of a byte from 0x80, unless it is undefined
/// there (0x81, 0x8D, 0x8F, 0x90, 0x9D decode to C1 controls).
fn windows_1252(byte: u8) -> Option<char> {
    let bytes = [byte];
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
    text.chars().next().filter(|c| !c.is_control())
}

/// UTF-16 without a BOM, told by its zero bytes: in the first 64 KiB, at
/// least 4 in 10 code units of text have a zero high byte (any text with
/// spaces, digits or Latin letters), and fewer than 1 in 20 of those have
/// a zero low byte. ASCII or UTF-8 text has no such pattern; binary data
/// that has it is caught after decoding (its control characters).
fn bomless_utf16(raw: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &raw[..raw.len().min(1 << 16)];
    let units = head.len() / 2;
    if units < 2 {
        return None;
    }
    let zeros =
        |parity: usize| head.chunks_exact(2).filter(|u| u[parity] == 0).count();
    let (even, odd) = (zeros(0), zeros(1));
    let pattern =
        |high: usize, low: usize| high * 10 >= units * 4 && low * 20 < high;
    if pattern(odd, even) {
        Some(encoding_rs::UTF_16LE)
    } else if pattern(even, odd) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

fn finish(
    text: String,
    encoding: &'static encoding_rs::Encoding,
    malformed: bool,
    invalid_bytes: u64,
) -> Result<Decoded, ReadFailure> {
    if looks_binary(&text, malformed) {
        return Err(binary());
    }
    if text
        .trim_matches(|c: char| c.is_whitespace() || c == '\0')
        .is_empty()
    {
        return Err((ErrorKind::Empty, "no text in the file".to_string()));
    }
    Ok(Decoded {
        text,
        encoding: encoding_name(encoding),
        invalid_bytes,
    })
}

fn binary() -> ReadFailure {
    (
        ErrorKind::Binary,
        "binary data (NUL or control bytes), not text".to_string(),
    )
}

/// Binary if more than 1 in 10 of the first 8 Ki characters are NULs or
/// other control characters (but tab, newline, carriage return and form
/// feed), or, when the decoder met malformed input, if there is any NUL
/// at all. A few NULs in text are dropped by the cleaner, not fatal.
fn looks_binary(text: &str, malformed: bool) -> bool {
    if malformed && text.contains('\0') {
        return true;
    }
    let (mut seen, mut controls) = (0usize, 0usize);
    for c in text.chars().take(8192) {
        seen += 1;
        let control =
            c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}');
        controls += usize::from(control);
    }
    controls * 10 > seen
}

/// Lower-case WHATWG name of an encoding ("windows-1252").
fn encoding_name(encoding: &'static encoding_rs::Encoding) -> String {
    encoding.name().to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(raw: &[u8]) -> Decoded {
        decode_text(raw).expect("decodes as text")
    }

    fn kind(raw: &[u8]) -> Option<ErrorKind> {
        decode_text(raw).err().map(|(kind, _)| kind)
    }

    #[test]
    fn a_page_declares_its_charset_unless_it_is_utf8_but_for_a_stray_byte() {
        let head = b"<html><head><meta charset=windows-1252></head><body><p>";
        let mut legacy = head.to_vec();
        legacy.extend_from_slice(b"Caf\xe9 au lait, \x80 5.</p></body></html>");
        let page = decode_document(&legacy).expect("a page");
        assert_eq!(page.encoding, "windows-1252");
        assert!(page.text.contains("Café au lait, € 5."));
        let mut stray = head.to_vec();
        stray.extend_from_slice(
            "Société Générale, Zürich, €2.5bn. ".repeat(3).as_bytes(),
        );
        stray.extend_from_slice(b"\x92</p></body></html>");
        let page = decode_document(&stray).expect("a page");
        assert_eq!((page.encoding.as_str(), page.invalid_bytes), ("utf-8", 1));
        assert!(page.text.contains("Société Générale, Zürich"));
    }

    #[test]
    fn a_charset_from_outside_the_bytes_decodes_them_unless_they_are_utf8() {
        let legacy = b"<p>Caf\xe9 prices rose by \x805 in K\xf6ln.</p>";
        let d = decode_declared(legacy, Some(" ISO-8859-1 ")).unwrap();
        assert_eq!(d.encoding, "windows-1252", "as browsers map latin1");
        assert!(d.text.contains("Café prices rose by €5 in Köln"));
        let utf8 = "<p>Café prices rose in Köln.</p>".as_bytes();
        let d = decode_declared(utf8, Some("windows-1251")).unwrap();
        assert_eq!(d.encoding, "utf-8");
        assert!(d.text.contains("Café"));
        let d = decode_declared(legacy, Some("no-such-charset")).unwrap();
        assert_eq!(d.encoding, "windows-1252", "detected, as without one");
        let (kind, _) = decode_declared(b" \n", Some("latin1")).unwrap_err();
        assert_eq!(kind, ErrorKind::Empty);
    }

    #[test]
    fn a_stray_byte_in_utf8_is_mended_not_the_whole_file() {
        let s = "Société Générale’s chief earned €2.5bn in Zürich. ";
        let mut raw = s.repeat(3).into_bytes();
        raw.extend_from_slice(b"The bank\x92s view\xc3 (\xe2\x80 cut).\n");
        let d = decoded(&raw);
        assert_eq!(d.encoding, "utf-8");
        assert_eq!(d.invalid_bytes, 4);
        assert!(d.text.starts_with(s), "{}", d.text);
        // A lone byte takes its windows-1252 reading, a lone lead byte too,
        // and a cut sequence is one replacement character.
        assert!(d.text.ends_with("The bank’s viewÃ (\u{FFFD} cut).\n"));
        // Undefined in windows-1252: a replacement character.
        let d = decoded(b"\xc3\xa9 \xc3\xa9 \x81");
        assert!(d.text.ends_with('\u{FFFD}'), "{:?}", d.text);
    }

    #[test]
    fn legacy_text_is_still_detected() {
        let d = decoded(
            b"Caf\xe9 owners in K\xf6ln said: \x93na\xefve r\xe9sum\xe9\x94.",
        );
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(d.text, "Café owners in Köln said: “naïve résumé”.");
        assert_eq!(d.invalid_bytes, 0);
        // Russian in windows-1251: dense high bytes, a Cyrillic guess.
        let (raw, _, _) = encoding_rs::WINDOWS_1251
            .encode("Министерство обороны России готово подписать сделку.");
        assert_eq!(decoded(&raw).encoding, "windows-1251");
    }

    #[test]
    fn a_few_high_bytes_in_ascii_text_are_not_cyrillic() {
        let d = decoded(
            b"Plain text \xff\xfe\xc3( and more text here about the markets.",
        );
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("ÿþÃ("), "{}", d.text);
    }

    #[test]
    fn a_few_nuls_in_text_are_text_many_are_binary() {
        let d = decoded(b"Hello world,\0 this is text.\0\n");
        assert_eq!(d.encoding, "utf-8");
        assert_eq!(kind(b"\0\0\0\0a\0\0"), Some(ErrorKind::Binary));
        assert_eq!(
            kind(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"),
            Some(ErrorKind::Binary)
        );
        // Not UTF-8 and with a NUL: binary.
        assert_eq!(
            kind(b"\xe9\xe9 text\0 \xff\xfe\xfd"),
            Some(ErrorKind::Binary)
        );
    }

    #[test]
    fn utf16_without_a_bom_is_told_by_its_zero_bytes() {
        let text = "Grüße aus Köln, said the minister.\n";
        let le: Vec<u8> =
            text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> =
            text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decoded(&le).encoding, "utf-16le");
        assert_eq!(decoded(&le).text, text);
        assert_eq!(decoded(&be).encoding, "utf-16be");
        assert_eq!(decoded(&be).text, text);
        // Small integers in 16 bits have the pattern but are no text.
        let ints: Vec<u8> =
            (0u16..200).flat_map(|i| (i % 31).to_le_bytes()).collect();
        assert_eq!(kind(&ints), Some(ErrorKind::Binary));
    }

    #[test]
    fn empty_and_whitespace_only() {
        assert_eq!(kind(b""), Some(ErrorKind::Empty));
        assert_eq!(kind(b" \n\t "), Some(ErrorKind::Empty));
        assert_eq!(kind("\u{feff}\n".as_bytes()), Some(ErrorKind::Empty));
    }
}
