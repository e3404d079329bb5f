//! Cheap per-line features, computed in one pass over the line's words.
//!
//! Everything here is byte-level: word counts, capitalisation, how the line
//! ends, second-person and first-person-plural pronouns, quotes, URLs and
//! e-mail addresses. The classifier looks at these first and only runs the
//! lexicon over lines that the features make candidates.

use crate::swar;

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

    /// Computes the features of `line` (trimmed, not empty). Each step is a
    /// branch-free pass the compiler vectorises: rare bytes, word starts
    /// (a word starts after an ASCII space or tab; the cleaner has removed
    /// every other control character), and pronoun candidates — only a line
    /// holding a "you", "we", "our" or "us" is then looked at word by word.
    pub fn of(line: &str) -> Features {
        let b = line.as_bytes();
        let (words, marks) = scan(b);
        let mut f = Features {
            bytes: line.len(),
            words,
            you: 0,
            we: 0,
            quote: false,
            url: false,
            email: false,
            copyright: false,
            end: end_of(line),
            bullet: starts_bullet(line),
            starts_lower: line
                .chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(|c| c.is_lowercase()),
            marks,
        };
        f.pronouns(b);
        f.rare_marks(line);
        f
    }

    /// Counts the pronouns of `b`. A pronoun may start where a word
    /// starts with "you", "we", "our" or "us" (exact check in `pronoun`);
    /// those positions are looked for 64 at a time by a branch-free pass
    /// over (previous, three next) byte windows that the compiler
    /// vectorises, which marks them; only the marked positions are checked.
    /// The positions whose window runs past either end are checked alone,
    /// with spaces for the missing bytes.
    fn pronouns(&mut self, b: &[u8]) {
        let n = b.len();
        let at = |i: usize| b.get(i).copied().unwrap_or(b' ');
        let candidate = |i: usize| {
            (i == 0 || opens_word(b[i - 1]))
                && pronoun_at(b[i], at(i + 1), at(i + 2))
        };
        let last = n.saturating_sub(2);
        for i in std::iter::once(0).chain(last.max(1)..n) {
            if i < n && candidate(i) {
                self.pronoun(&b[i..]);
            }
        }
        let mut start = 1;
        while start < last {
            let end = (start + 64).min(last);
            let (p, c) = (&b[start - 1..end - 1], &b[start..end]);
            let (d, e) = (&b[start + 1..end + 1], &b[start + 2..end + 2]);
            let mut hits = [0u8; 64];
            let mut any = 0u8;
            let windows = p.iter().zip(c).zip(d).zip(e);
            for (hit, (((&p, &c), &d), &e)) in hits.iter_mut().zip(windows) {
                *hit = u8::from(opens_word(p)) & u8::from(pronoun_at(c, d, e));
                any |= *hit;
            }
            if any != 0 {
                self.pronouns_at(b, start, &hits);
            }
            start = end;
        }
    }

    /// Counts the pronouns at `start + k` for every `hits[k]` of 1: the
    /// hits are read eight at a time, so a block with one pronoun costs
    /// eight tests, not one per byte.
    fn pronouns_at(&mut self, b: &[u8], start: usize, hits: &[u8; 64]) {
        for (k, eight) in hits.chunks_exact(8).enumerate() {
            let mut bits =
                u64::from_le_bytes(eight.try_into().expect("eight bytes"));
            while bits != 0 {
                let i = start + 8 * k + (bits.trailing_zeros() / 8) as usize;
                self.pronoun(&b[i..]);
                bits &= bits - 1;
            }
        }
    }

    /// Checks that only lines holding the relevant bytes pay for.
    fn rare_marks(&mut self, line: &str) {
        let m = self.marks;
        self.quote = m & QUOTE != 0;
        if m & MULTI != 0 {
            let (quote, copyright) = multibyte_marks(line.as_bytes());
            self.quote |= quote;
            self.copyright = copyright;
        }
        // "(c)" marks copyright; "501(c)(3)" and "section 2(c)" are
        // references to a clause.
        let c_in_brackets = |(i, _): (usize, &str)| {
            let b = line.as_bytes();
            b[i + 1..].starts_with(b"c)")
                && !(i > 0 && b[i - 1].is_ascii_alphanumeric())
                && b.get(i + 3) != Some(&b'(')
        };
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
        if m & DOMAIN != 0 && !self.url {
            self.url = has_domain(line);
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

/// Which rare bytes `b` holds and how many words it has.
fn scan(b: &[u8]) -> (u32, u8) {
    let (words, domain) = count_words(b);
    (words, marks(b) | if domain { DOMAIN } else { 0 })
}

/// Which rare bytes `b` holds: a branch-free fold the compiler vectorises.
fn marks(b: &[u8]) -> u8 {
    let (mut quote, mut at, mut colon, mut dot) = (false, false, false, false);
    let (mut paren, mut ask, mut multi) = (false, false, false);
    for &c in b {
        quote |= c == b'"';
        at |= c == b'@';
        colon |= c == b':';
        dot |= c == b'.';
        paren |= (c == b'(') | (c == b'/') | (c == b'|');
        ask |= (c == b'?') | (c == b'!');
        multi |= (c == 0xC2) | (c == 0xE2);
    }
    let bit = |on: bool, mark: u8| if on { mark } else { 0 };
    bit(quote, QUOTE)
        | bit(at, AT)
        | bit(colon, COLON)
        | bit(dot, DOT)
        | bit(paren, PAREN)
        | bit(ask, ASK)
        | bit(multi, MULTI)
}

/// Whether `b` holds a curly double quote or guillemet (“ ” „ « »), and
/// whether it holds "©": a branch-free pass over byte triples.
fn multibyte_marks(b: &[u8]) -> (bool, bool) {
    let n = b.len();
    if n < 2 {
        return (false, false);
    }
    let (mut quote, mut copyright) = (0u8, 0u8);
    // Two-byte marks: « » ©.
    for (&x, &y) in b.iter().zip(&b[1..]) {
        let c2 = u8::from(x == 0xC2);
        quote |= c2 & u8::from((y == 0xAB) | (y == 0xBB));
        copyright |= c2 & u8::from(y == 0xA9);
    }
    // Three-byte marks: “ ” „ (E2 80 9C..9E).
    if n >= 3 {
        let triples = b.iter().zip(&b[1..]).zip(&b[2..]);
        for ((&x, &y), &z) in triples {
            quote |= u8::from(x == 0xE2)
                & u8::from(y == 0x80)
                & u8::from((0x9C..=0x9E).contains(&z));
        }
    }
    (quote != 0, copyright != 0)
}

/// The words of `line` between runs of ASCII whitespace, as
/// `str::split_ascii_whitespace` gives them. The end of a word is looked
/// for eight bytes at a time ([`space_at`]): its length, which no branch
/// predictor guesses, then costs no branch per byte.
pub(crate) fn words(line: &str) -> impl Iterator<Item = &str> {
    let b = line.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i == b.len() {
            return None;
        }
        let start = i;
        i = space_at(b, i);
        Some(&line[start..i])
    })
}

/// The lines of `text`, as `text.split('\n')` gives them (an empty last
/// one after a final line break). Line breaks are found by the memchr
/// crate's vectorised search: the cleaner splits every document into lines
/// more than once, and the standard library's search for a character goes
/// a machine word at a time, with a call and a mispredicted exit per line.
pub(crate) fn split(text: &str) -> impl Iterator<Item = &str> {
    let mut breaks = memchr::memchr_iter(b'\n', text.as_bytes());
    let mut start = Some(0);
    std::iter::from_fn(move || {
        let from = start?;
        match breaks.next() {
            Some(end) => {
                start = Some(end + 1);
                Some(&text[from..end])
            }
            None => {
                start = None;
                Some(&text[from..])
            }
        }
    })
}

/// The first ASCII whitespace byte of `b` at or after `i`, or the length.
fn space_at(b: &[u8], mut i: usize) -> usize {
    while let Some(x) = swar::word_at(b, i) {
        // The bytes below 0x21, and maybe bytes after one (from the
        // borrow): the lowest is the first such byte, and whitespace is
        // among them.
        let mut low = swar::below(x, 0x21);
        while low != 0 {
            let j = i + swar::first(low);
            if b[j].is_ascii_whitespace() {
                return j;
            }
            low &= low - 1;
        }
        i += 8;
    }
    while i < b.len() && !b[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// Words (a non-space byte after a space, plus the first) and whether a
/// dot is followed by a lower-case letter ("example.com"). Counted over
/// byte pairs in blocks with byte accumulators, which vectorises.
fn count_words(b: &[u8]) -> (u32, bool) {
    let Some(&first) = b.first() else {
        return (0, false);
    };
    let mut total = u32::from(first > b' ');
    let mut domain = 0u8;
    for (p, c) in b.chunks(255).zip(b[1..].chunks(255)) {
        let mut n = 0u8;
        for (&p, &c) in p.iter().zip(c) {
            n = n.wrapping_add(u8::from(p <= b' ') & u8::from(c > b' '));
            domain |= u8::from(p == b'.') & u8::from(c.is_ascii_lowercase());
        }
        total += u32::from(n);
    }
    (total, domain != 0)
}

/// A possible pronoun at `c d e`: "you", "we", "our", "us" (exact check
/// in `pronoun`).
fn pronoun_at(c: u8, d: u8, e: u8) -> bool {
    let (c, d, e) = (c | 0x20, d | 0x20, e | 0x20);
    let letter = e.is_ascii_lowercase();
    (c == b'y' && d == b'o' && e == b'u')
        || (c == b'w' && d == b'e' && !letter)
        || (c == b'o' && d == b'u' && e == b'r')
        || (c == b'u' && d == b's' && !letter)
}

/// A word may start after a space or an opening quote (`"`, or the last
/// byte of `“`).
fn opens_word(p: u8) -> bool {
    p <= b' ' || p == b'"' || p == 0x9C
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
/// A dot followed by a lower-case letter ("example.com").
pub(crate) const DOMAIN: u8 = 1 << 7;

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
        let f = Features::of("It’s «fine» — ok");
        assert!(f.quote && !f.copyright);
        let f = Features::of("It’s fine — ok„");
        assert!(f.quote);
        let f = Features::of("It’s fine — ok");
        assert!(!f.quote);
        let f = Features::of("Ärzte warnen vor Hitze");
        assert_eq!((f.words, f.you), (4, 0));
        let f = Features::of("Were the weapons of the US used? Ask us");
        assert_eq!((f.you, f.we), (0, 1));
        let f = Features::of("“Your call,” said Our");
        assert_eq!((f.you, f.we), (1, 1));
    }

    /// The pronoun counts of a byte-by-byte walk over every position.
    fn pronouns_one_by_one(line: &str) -> (u32, u32) {
        let b = line.as_bytes();
        let at = |i: usize| b.get(i).copied().unwrap_or(b' ');
        let mut f = Features::of("");
        for i in 0..b.len() {
            let opens = i == 0 || opens_word(b[i - 1]);
            if opens && pronoun_at(b[i], at(i + 1), at(i + 2)) {
                f.pronoun(&b[i..]);
            }
        }
        (f.you, f.we)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 1000,
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::default()
        })]

        #[test]
        fn block_pronoun_search_counts_every_pronoun(
            line in "[ yYoOuUwWeErRsS\"'.“]{0,200}"
        ) {
            let f = Features::of(&line);
            proptest::prop_assert_eq!((f.you, f.we), pronouns_one_by_one(&line));
        }

        #[test]
        fn words_split_as_the_standard_library_does(
            line in "[a \t\n\r\x0b\x0c\x01\x1f!é“]{0,40}"
        ) {
            let std: Vec<&str> = line.split_ascii_whitespace().collect();
            proptest::prop_assert_eq!(words(&line).collect::<Vec<_>>(), std);
        }
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

    #[test]
    fn splits_as_the_standard_library_does() {
        let texts = ["", "\n", "a", "a\n", "\na", "a\n\nb\r\n", "é\nü\n\n"];
        for text in texts {
            let want: Vec<&str> = text.split('\n').collect();
            assert_eq!(split(text).collect::<Vec<_>>(), want, "{text:?}");
        }
        let long = "word ".repeat(40) + "\n" + &"x".repeat(70) + "\n\n";
        let want: Vec<&str> = long.split('\n').collect();
        assert_eq!(split(&long).collect::<Vec<_>>(), want);
    }
}
