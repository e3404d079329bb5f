//! The JSON writer of the JSONL records: compact, with the bytes
//! `serde_json` writes (the golden files were made with it), but without
//! its generic path.
//!
//! A record is mostly strings and small integers; through `serde` each
//! field went through a map serializer, each figure value was allocated
//! and parsed back as a raw JSON value, and the lists were collected. Here
//! an object is written key by key into the output, a string in runs of
//! bytes that need no escape, an integer from a stack buffer.

use std::io::{self, Write};

use crate::swar;

/// Writes one JSON object (and the objects and arrays inside it) to `out`.
pub struct Object<'w, W: Write> {
    out: &'w mut W,
    first: bool,
}

impl<'w, W: Write> Object<'w, W> {
    /// Opens an object.
    pub fn new(out: &'w mut W) -> io::Result<Object<'w, W>> {
        out.write_all(b"{")?;
        Ok(Object { out, first: true })
    }

    /// Writes `"key":` (after a comma when needed); the value follows.
    /// Keys are the record's own names, which need no escape.
    fn key(&mut self, key: &str) -> io::Result<&mut W> {
        debug_assert!(!key
            .bytes()
            .any(|b| b < 0x20 || b == b'"' || b == b'\\'));
        let open: &[u8] = match std::mem::take(&mut self.first) {
            true => b"\"",
            false => b",\"",
        };
        self.out.write_all(open)?;
        self.out.write_all(key.as_bytes())?;
        self.out.write_all(b"\":")?;
        Ok(self.out)
    }

    /// A string member.
    pub fn str(&mut self, key: &str, value: &str) -> io::Result<()> {
        let out = self.key(key)?;
        string(out, value)
    }

    /// A string member, `null` when absent.
    pub fn opt_str(
        &mut self,
        key: &str,
        value: Option<&str>,
    ) -> io::Result<()> {
        match value {
            Some(v) => self.str(key, v),
            None => self.key(key)?.write_all(b"null"),
        }
    }

    /// A string member written only when present.
    pub fn some_str(
        &mut self,
        key: &str,
        value: Option<&str>,
    ) -> io::Result<()> {
        match value {
            Some(v) => self.str(key, v),
            None => Ok(()),
        }
    }

    /// An integer member.
    pub fn uint(&mut self, key: &str, value: u64) -> io::Result<()> {
        let out = self.key(key)?;
        uint(out, value)
    }

    /// A member whose value `write` prints, straight into the output, as
    /// a valid JSON number (an exact decimal).
    pub fn number(
        &mut self,
        key: &str,
        write: impl FnOnce(&mut W) -> io::Result<()>,
    ) -> io::Result<()> {
        write(self.key(key)?)
    }

    /// A member whose value is an object written by `f`.
    pub fn object(
        &mut self,
        key: &str,
        f: impl FnOnce(&mut Object<'_, W>) -> io::Result<()>,
    ) -> io::Result<()> {
        let out = self.key(key)?;
        let mut inner = Object::new(out)?;
        f(&mut inner)?;
        inner.close()
    }

    /// A member whose value is an array of the items, each written by
    /// `item` (as an object, a string, a pair…).
    pub fn array<T>(
        &mut self,
        key: &str,
        items: impl IntoIterator<Item = T>,
        mut item: impl FnMut(&mut W, T) -> io::Result<()>,
    ) -> io::Result<()> {
        let out = self.key(key)?;
        out.write_all(b"[")?;
        for (i, t) in items.into_iter().enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            item(out, t)?;
        }
        out.write_all(b"]")
    }

    /// Closes the object.
    pub fn close(self) -> io::Result<()> {
        self.out.write_all(b"}")
    }
}

/// An array item that is an object.
pub fn object<W: Write>(
    out: &mut W,
    f: impl FnOnce(&mut Object<'_, W>) -> io::Result<()>,
) -> io::Result<()> {
    let mut inner = Object::new(out)?;
    f(&mut inner)?;
    inner.close()
}

/// A pair of integers, `[a,b]`.
pub fn pair(out: &mut impl Write, [a, b]: [usize; 2]) -> io::Result<()> {
    out.write_all(b"[")?;
    uint(out, a as u64)?;
    out.write_all(b",")?;
    uint(out, b as u64)?;
    out.write_all(b"]")
}

/// An integer in decimal.
pub fn uint(out: &mut impl Write, mut n: u64) -> io::Result<()> {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.write_all(&buf[i..])
}

/// A JSON string, escaped as `serde_json` escapes: `"` and `\`, the
/// control characters with a short form (`\b \f \n \r \t`), the others
/// below U+0020 as `\u00XX` (lower-case hex); everything else as is.
///
/// Text needs an escape every few hundred bytes (a newline, a quote), so
/// the bytes are looked at eight at a time, and a word that holds one
/// says which of its bytes comes first: the scan jumps there.
pub fn string(out: &mut impl Write, s: &str) -> io::Result<()> {
    out.write_all(b"\"")?;
    let bytes = s.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        let at = match swar::word_at(bytes, i) {
            Some(word) => match first_to_escape(word) {
                Some(k) => i + k,
                None => {
                    i += 8;
                    continue;
                }
            },
            None => i,
        };
        let b = bytes[at];
        if b < 0x20 || b == b'"' || b == b'\\' {
            out.write_all(&bytes[start..at])?;
            escape(out, b)?;
            start = at + 1;
        }
        i = at + 1;
    }
    out.write_all(&bytes[start..])?;
    out.write_all(b"\"")
}

/// The index of the first of the eight bytes of `word` (in text order)
/// that is below 0x20, `"` or `\`, if any.
fn first_to_escape(word: u64) -> Option<usize> {
    let flags = swar::below(word, 0x20)
        | swar::equal(word, b'"')
        | swar::equal(word, b'\\');
    (flags != 0).then(|| swar::first(flags))
}

fn escape(out: &mut impl Write, b: u8) -> io::Result<()> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short: &[u8] = match b {
        b'"' => b"\\\"",
        b'\\' => b"\\\\",
        b'\n' => b"\\n",
        b'\r' => b"\\r",
        b'\t' => b"\\t",
        0x08 => b"\\b",
        0x0c => b"\\f",
        _ => {
            let hex = [HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]];
            out.write_all(b"\\u00")?;
            return out.write_all(&hex);
        }
    };
    out.write_all(short)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut all = String::new();
        for c in (0u32..0x80).chain([0xe9, 0x2028, 0xfeff, 0x1f600]) {
            all.push(char::from_u32(c).unwrap());
        }
        let long = format!("{all}{}{all}é\"x", "0123456789".repeat(5));
        let strings = [
            all.as_str(),
            long.as_str(),
            "",
            "plain",
            "a\"b\\c\u{7f}",
            "\u{0}\u{1f}",
            "eight by\nseventeen bytes\"",
        ];
        for s in strings {
            let mut ours = Vec::new();
            string(&mut ours, s).unwrap();
            let theirs = serde_json::to_vec(s).unwrap();
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                String::from_utf8(theirs).unwrap()
            );
        }
    }

    proptest::proptest! {
        /// Escapes at every place in and across the eight-byte words, and
        /// runs of them, as `serde_json` writes them.
        #[test]
        fn any_string_is_escaped_as_serde_json_escapes_it(
            s in "[a-z \"\\\\\n\t\u{0}\u{1f}\u{7f}é😀]{0,40}",
        ) {
            let mut ours = Vec::new();
            string(&mut ours, &s).unwrap();
            proptest::prop_assert_eq!(ours, serde_json::to_vec(&s).unwrap());
        }
    }

    #[test]
    fn objects_arrays_and_numbers() {
        let mut out = Vec::new();
        let mut o = Object::new(&mut out).unwrap();
        o.str("a", "x").unwrap();
        o.opt_str("b", None).unwrap();
        o.some_str("skipped", None).unwrap();
        o.uint("n", u64::MAX).unwrap();
        o.uint("z", 0).unwrap();
        o.number("d", |w| w.write_all(b"0.19")).unwrap();
        o.object("s", |s| s.uint("k", 7)).unwrap();
        o.array("p", [[1, 2], [3, 40]], pair).unwrap();
        o.array("e", Vec::<u8>::new(), |_, _| Ok(())).unwrap();
        o.array("o", ["q"], |w, q| object(w, |o| o.str("t", q)))
            .unwrap();
        o.close().unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{"a":"x","b":null,"n":18446744073709551615,"z":0,"d":0.19,"s":{"k":7},"p":[[1,2],[3,40]],"e":[],"o":[{"t":"q"}]}"#
        );
    }
}
