//! Cheap per-line features, computed in one pass over the line's words.
//!
//! Everything here is byte-level: word counts, capitalisation, how the line
//! ends, second-person and first-person-plural pronouns, quotes, URLs and
//! e-mail addresses. The classifier looks at these first and only runs the
//! lexicon over lines that the features make candidates.

/// How a line ends, after closing quotes and brackets are set aside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum End {
    /// `.` or `…`: a statement.
    Stop,
    /// `?`
    Question,
    /// `!`
    Exclaim,
    /// `:`
    Colon,
    /// `,` `;` or a dash: the sentence continues on the next line.
    Continues,
    /// Anything else (a letter, a digit, a symbol).
    Open,
}

/// Features of one trimmed, non-empty line.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Features {
    /// Length in bytes.
    pub bytes: usize,
    /// Whitespace-separated words.
    pub words: u32,
    /// Words starting with an upper-case letter.
    pub caps: u32,
    /// Words starting with a lower-case letter.
    pub lower: u32,
    /// "you", "your", "you're"…
    pub you: u32,
    /// "we", "our", "us"…
    pub we: u32,
    /// A double quotation mark of any style.
    pub quote: bool,
    /// A URL or a bare domain name ("bloomberg.com").
    pub url: bool,
    /// An e-mail address.
    pub email: bool,
    /// "©" or "(c)".
    pub copyright: bool,
    /// How the line ends.
    pub end: End,
    /// The line starts with a list marker ("•", "-", "1.").
    pub bullet: bool,
    /// The first letter of the line is lower-case.
    pub starts_lower: bool,
    /// Which rare bytes the line holds ([`QUOTE`], [`AT`], …).
    pub marks: u8,
}

impl Features {
    /// Whether the line ends like a sentence (`.`, `…`, `?`, `!`).
    pub fn ends_sentence(&self) -> bool {
        matches!(self.end, End::Stop | End::Question | End::Exclaim)
    }

    /// A complete sentence of some length: the unit of article prose.
    pub fn prose(&self) -> bool {
        self.words >= 8 && self.ends_sentence()
    }

    /// Computes the features of `line` (trimmed, not empty) in one pass over
    /// its bytes: a word starts after an ASCII space or tab (the cleaner has
    /// removed every other control character).
    pub fn of(line: &str) -> Features {
        let b = line.as_bytes();
        let mut f = Features {
            bytes: line.len(),
            words: 0,
            caps: 0,
            lower: 0,
            you: 0,
            we: 0,
            quote: false,
            url: false,
            email: false,
            copyright: false,
            end: end_of(line),
            bullet: starts_bullet(line),
            starts_lower: false,
            marks: 0,
        };
        let mut marks = 0u8;
        let mut prev_space = true;
        for (i, &c) in b.iter().enumerate() {
            marks |= MARKS[usize::from(c)];
            let space = c <= b' ';
            if prev_space && !space {
                f.word_start(b, i);
            }
            prev_space = space;
        }
        f.marks = marks;
        f.starts_lower = line
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(|c| c.is_lowercase());
        f.rare_marks(line);
        f
    }

    /// Counts the word starting at byte `i` of `b`.
    fn word_start(&mut self, b: &[u8], i: usize) {
        self.words += 1;
        let c = b[i];
        if c.is_ascii_uppercase() {
            self.caps += 1;
        } else if c.is_ascii_lowercase() {
            self.lower += 1;
        } else if c >= 0x80 {
            self.non_ascii_start(word_at(b, i));
            return;
        } else if c == b'"' {
            self.pronoun(&b[i + 1..]);
            return;
        } else {
            return;
        }
        self.pronoun(&b[i..]);
    }

    /// Checks that only lines holding the relevant bytes pay for.
    fn rare_marks(&mut self, line: &str) {
        let m = self.marks;
        if m & QUOTE != 0 {
            self.quote = true;
        }
        if m & MULTI != 0 {
            self.quote |= line.contains(['“', '”', '„', '«', '»']);
            self.copyright = line.contains('©');
        }
        let c_in_brackets =
            |(i, _): (usize, &str)| line.as_bytes()[i + 1..].starts_with(b"c)");
        if m & PAREN != 0 && line.match_indices('(').any(c_in_brackets) {
            self.copyright = true;
        }
        if m & AT != 0 {
            self.email = line.split_ascii_whitespace().any(is_email);
        }
        if m & COLON != 0 {
            self.url = line
                .match_indices(':')
                .any(|(i, _)| line.as_bytes()[i + 1..].starts_with(b"//"));
        }
        if m & DOT != 0 && !self.url {
            self.url = has_domain(line);
        }
    }

    fn non_ascii_start(&mut self, w: &[u8]) {
        let quote = match w {
            [0xE2, 0x80, 0x9C..=0x9E, ..] => 3,
            [0xC2, 0xAB, ..] => 2,
            _ => 0,
        };
        if quote > 0 {
            if w.len() > quote + 1 {
                self.pronoun(&w[quote..]);
            }
            return;
        }
        let c = std::str::from_utf8(&w[..w.len().min(4)])
            .ok()
            .or_else(|| std::str::from_utf8(&w[..w.len().min(3)]).ok())
            .or_else(|| std::str::from_utf8(&w[..w.len().min(2)]).ok())
            .and_then(|s| s.chars().next());
        if let Some(c) = c {
            if c.is_uppercase() {
                self.caps += 1;
            } else if c.is_lowercase() {
                self.lower += 1;
            }
        }
    }

    /// Counts a second-person or first-person-plural pronoun at the start
    /// of `w` (which runs on to the end of the line). Upper-case "US" is
    /// the country.
    fn pronoun(&mut self, w: &[u8]) {
        let (Some(&a), Some(&b)) = (w.first(), w.get(1)) else {
            return;
        };
        if a.is_ascii_uppercase() && b.is_ascii_uppercase() {
            return;
        }
        let head = (a | 0x20, b | 0x20);
        if !matches!(
            head,
            (b'y', b'o') | (b'w', b'e') | (b'o', b'u') | (b'u', b's')
        ) {
            return;
        }
        let n = w
            .iter()
            .take(8)
            .position(|b| !b.is_ascii_alphabetic() && *b != b'\'')
            .unwrap_or(w.len().min(8));
        let core = &w[..n];
        if core.len() > 7 {
            return;
        }
        let mut buf = [0u8; 7];
        for (d, s) in buf.iter_mut().zip(core) {
            *d = s.to_ascii_lowercase();
        }
        match &buf[..core.len()] {
            b"you" | b"your" | b"yours" | b"you're" | b"you'll" | b"you've"
            | b"you'd" => self.you += 1,
            b"we" | b"our" | b"ours" | b"us" | b"we're" | b"we'll"
            | b"we've" => self.we += 1,
            // Curly apostrophes end `core` early: "you’re" is "you".
            _ => {}
        }
    }
}

/// The word starting at byte `i` of `b`.
fn word_at(b: &[u8], i: usize) -> &[u8] {
    let end = b[i..]
        .iter()
        .position(|&c| c <= b' ')
        .map_or(b.len(), |n| i + n);
    &b[i..end]
}

/// Byte marks: which rare bytes a line holds, found in one OR-fold.
pub(crate) const QUOTE: u8 = 1;
/// `@`
pub(crate) const AT: u8 = 1 << 1;
/// `:`
pub(crate) const COLON: u8 = 1 << 2;
/// `.`
pub(crate) const DOT: u8 = 1 << 3;
/// `(` `/` `|`: credits, brackets, separators.
pub(crate) const PAREN: u8 = 1 << 4;
/// `?` `!`
pub(crate) const ASK: u8 = 1 << 5;
/// A UTF-8 lead byte of curly quotes, guillemets or `©` (0xC2, 0xE2).
pub(crate) const MULTI: u8 = 1 << 6;

const MARKS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'"' as usize] = QUOTE;
    t[b'@' as usize] = AT;
    t[b':' as usize] = COLON;
    t[b'.' as usize] = DOT;
    t[b'(' as usize] = PAREN;
    t[b'/' as usize] = PAREN;
    t[b'|' as usize] = PAREN;
    t[b'?' as usize] = ASK;
    t[b'!' as usize] = ASK;
    t[0xC2] = MULTI;
    t[0xE2] = MULTI;
    t
};

fn is_email(w: &str) -> bool {
    match w.find('@') {
        Some(at) => at > 0 && w[at + 1..].contains('.'),
        None => false,
    }
}

/// "www.x.org", "bloomberg.com": a dot inside a word followed by a
/// common top-level domain.
fn has_domain(line: &str) -> bool {
    line.match_indices('.').any(|(i, _)| {
        let tail = &line.as_bytes()[i + 1..];
        let tld_len = tail
            .iter()
            .position(|b| !b.is_ascii_lowercase())
            .unwrap_or(tail.len());
        let before = i > 0 && line.as_bytes()[i - 1].is_ascii_alphanumeric();
        before
            && matches!(
                &tail[..tld_len],
                b"com"
                    | b"org"
                    | b"net"
                    | b"co"
                    | b"uk"
                    | b"io"
                    | b"ru"
                    | b"example"
            )
            || line[..i].ends_with("www")
    })
}

/// How `line` ends once closing quotes and brackets are set aside.
pub(crate) fn end_of(line: &str) -> End {
    let core = line.trim_end_matches(['"', '”', '’', '\'', ')', ']', '»']);
    match core.chars().next_back() {
        Some('.' | '…') => End::Stop,
        Some('?') => End::Question,
        Some('!') => End::Exclaim,
        Some(':') => End::Colon,
        Some(',' | ';' | '-' | '–' | '—') => End::Continues,
        _ => End::Open,
    }
}

/// Whether `line` starts with a list marker followed by a space.
pub(crate) fn starts_bullet(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('•' | '·' | '▪' | '►' | '‣' | '◦' | '-' | '*' | '–' | '—') => {
            chars.next().is_some_and(char::is_whitespace)
        }
        Some(c) if c.is_ascii_digit() => {
            let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
            (rest.starts_with(". ") || rest.starts_with(") "))
                && line.len() - rest.len() <= 2
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends() {
        let cases = [
            ("He left.", End::Stop),
            ("“We will win,” he said.", End::Stop),
            ("“Is it over?”", End::Question),
            ("Thank you!", End::Exclaim),
            ("Read more:", End::Colon),
            ("and then,", End::Continues),
            ("Previous Article", End::Open),
            ("", End::Open),
        ];
        for (line, end) in cases {
            assert_eq!(end_of(line), end, "{line}");
        }
    }

    #[test]
    fn features() {
        let f = Features::of("How well do you really know your competitors?");
        assert_eq!((f.words, f.you, f.we, f.quote), (8, 2, 0, false));
        assert_eq!(f.end, End::Question);
        let f = Features::of("“You can see the border from here,” he said.");
        assert!(f.quote);
        assert_eq!(f.you, 1);
        let f = Features::of("Email us at news@example.com or visit www.x.org");
        assert!(f.email && f.url);
        let f = Features::of("© 2024 Reuters. All rights reserved.");
        assert!(f.copyright);
        let f = Features::of("Ärzte warnen vor Hitze");
        assert_eq!((f.caps, f.lower), (2, 2));
    }

    #[test]
    fn bullets() {
        let cases = [
            ("• Iran has been under sanctions.", true),
            ("- item", true),
            ("1. First", true),
            ("12) Twelfth", true),
            ("2024. A year", false),
            ("-5 degrees", false),
            ("Plain", false),
        ];
        for (line, want) in cases {
            assert_eq!(starts_bullet(line), want, "{line}");
        }
    }
}
