//! Stage 4, `gazetteer`: names of people, organisations and places.
//!
//! ```text
//! files ─load─▶ entries + forms ─build─▶ one automaton          (once)
//! text + tokens ─scan─▶ candidates ─resolve─▶ hits
//!               ─teams─▶ ─extend─▶ ─cues─▶ ─papers─▶ ─given─▶
//!               ─surnames─▶ ─forenames─▶ ─learned─▶ ─layout─▶
//!               ─acronyms─▶ mentions                             (per doc)
//! ```
//!
//! - `load`: TSV files → entries and their surface forms, with the case
//!   policy of each form (`exact`, `evidence`, `ambiguous`).
//! - `matcher` (with `trie`): one anchored, longest-first,
//!   ASCII-case-insensitive trie over every form, walked from token starts;
//!   matches are kept on word boundaries and when their case suits the
//!   form.
//! - `resolve`: evidence for common-word forms ("Turkey", "Chad") and a
//!   choice for ambiguous ones, from the sentence and the whole document.
//! - `sports`: places that name teams ("Real Madrid", "Liverpool beat
//!   Arsenal 2-1").
//! - `extend`: longer company names around listed ones ("Siemens
//!   Energy"), "X & Y" companies, and places introduced by a place noun or
//!   followed by their country ("the resort of Zermatt", "Sion,
//!   Switzerland").
//! - `cues`: people and organisations that no file lists, found by a role,
//!   a title, a company suffix or an institution word.
//! - `papers`: newspapers named by a masthead word ("Saudi Gazette").
//! - `given`: people named by a known given name and a surname, with
//!   no cue ("Isabel Ruiz").
//! - `names`: bare surnames after a full name.
//! - `forenames`: bare given names after a full name ("Isabel").
//! - `learned` (with `features`): names in no list, tagged by a small
//!   averaged perceptron where no rule found a name; id null.
//! - `layout`: dateline places ("ROME 1996-12-06") and clubs in results
//!   lines ("Derby 2 Leeds 1").
//! - `acronyms`: acronyms a document defines ("Orbana Holdings (OBH)").
//!
//! Invariants of [`Gazetteer::find`]: mentions are sorted by start, never
//! overlap, lie on word boundaries (a possessive "’s" stays outside), and
//! every span slices the text exactly. The automaton and every word list are
//! built once; a document costs one scan plus work proportional to its
//! capitalised words.

mod acronyms;
mod cues;
mod extend;
mod features;
mod filter;
mod fold;
mod forenames;
mod given;
mod layout;
pub mod learned;
mod load;
mod matcher;
mod names;
mod papers;
mod repeats;
mod resolve;
mod sports;
mod text;
mod trie;
mod words;

use std::fmt;
use std::sync::Arc;

use crate::span::Span;
use crate::tokenize::Tokens;
use load::{Entry, EntryKind};
use matcher::Matcher;
use text::Doc;

/// The type of a named entity; serialised as the lower-case word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    /// A person.
    Person,
    /// A company, body, agency or other organisation.
    Organization,
    /// A country, city or other place.
    Location,
}

impl EntityKind {
    /// The wire name of the type.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Location => "location",
        }
    }
}

/// One mention of a named entity in the cleaned text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Where the mention is.
    pub span: Span,
    /// Its type.
    pub kind: EntityKind,
    /// The canonical name.
    pub name: Arc<str>,
    /// Wikidata QID or namespaced id; `None` for a name found by a cue.
    pub id: Option<Arc<str>>,
}

/// One gazetteer file: its file name (the key `-g DIR` replaces by) and text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GazetteerFile {
    /// File name, e.g. `countries.tsv`, or a path for files read from disk.
    pub name: String,
    /// The TSV text.
    pub text: String,
}

/// Matching switches that come from the command line.
#[derive(Clone, Copy, Debug, Default)]
pub struct MatchOptions {
    /// Emit demonyms ("Russian") on their own as locations.
    pub demonyms: bool,
    /// Only the rule passes: no learned tagger for names in no list.
    pub rules_only: bool,
}

/// A gazetteer file that does not load, reported as `path:line: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GazetteerError {
    /// The file.
    pub path: String,
    /// 1-based line number, 0 for the file as a whole.
    pub line: usize,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for GazetteerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path, self.line, self.message)
    }
}

impl std::error::Error for GazetteerError {}

include!(concat!(env!("OUT_DIR"), "/builtin_gazetteers.rs"));

/// The gazetteer files built into the binary: every top-level
/// `gazetteers/*.tsv` of the source tree, in byte order of file name.
pub fn builtin_files() -> Vec<GazetteerFile> {
    BUILTIN
        .iter()
        .map(|(name, text)| GazetteerFile {
            name: name.to_string(),
            text: text.to_string(),
        })
        .collect()
}

/// Loaded names and the automaton over them; build once and share.
#[derive(Debug)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    matcher: Matcher,
    options: MatchOptions,
    /// The tagger for names in no list; `None` with `rules_only`.
    model: Option<learned::Model>,
}

/// What a hit refers to: a gazetteer entry, or a name found by a cue.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Target {
    Entry(u32),
    Unknown(Arc<str>),
}

/// A mention while the passes still work on it.
#[derive(Clone, Debug)]
pub(crate) struct Hit {
    pub span: Span,
    /// First and last token covered.
    pub first: usize,
    pub last: usize,
    pub kind: EntryKind,
    pub target: Target,
    /// Accepted only on evidence; a surname may take its place.
    pub weak: bool,
}

/// The hits covering a token of `first..=last`. Hits are sorted and never
/// overlap, so these are one run, found by binary search.
pub(crate) fn hits_over(hits: &[Hit], first: usize, last: usize) -> &[Hit] {
    let at = hits.partition_point(|h| h.last < first);
    let run = hits[at..].iter().take_while(|h| h.first <= last).count();
    &hits[at..at + run]
}

/// True when some hit covers a token of `first..=last`.
pub(crate) fn covered(hits: &[Hit], first: usize, last: usize) -> bool {
    !hits_over(hits, first, last).is_empty()
}

/// [`hit_at`] for tokens asked about in nearly increasing order: the
/// search resumes where the last one ended, so that a pass over
/// a document's tokens costs a walk over its hits, not a binary search
/// each. Hits are sorted and do not overlap.
pub(crate) struct HitCursor<'h> {
    hits: &'h [Hit],
    /// The first hit that does not end before the last token asked about.
    at: usize,
}

impl<'h> HitCursor<'h> {
    pub(crate) fn new(hits: &'h [Hit]) -> HitCursor<'h> {
        HitCursor { hits, at: 0 }
    }

    /// The index of the hit holding token `t`, as [`hit_at`] finds it.
    #[inline]
    pub(crate) fn position(&mut self, t: usize) -> Option<usize> {
        let hits = self.hits;
        while self.at > 0 && hits[self.at - 1].last >= t {
            self.at -= 1;
        }
        while self.at < hits.len() && hits[self.at].last < t {
            self.at += 1;
        }
        hits.get(self.at).filter(|h| h.first <= t).map(|_| self.at)
    }

    /// The hit holding token `t`, if one does.
    #[inline]
    pub(crate) fn at(&mut self, t: usize) -> Option<&'h Hit> {
        self.position(t).map(|k| &self.hits[k])
    }
}

/// Keeps the hits whose flag in `keep` is set, adds `added` and sorts by
/// start, in place: the passes that replace some hits by longer ones end
/// this way. The sort is stable, so at one start a kept hit comes first.
pub(crate) fn keep_and_add(
    hits: &mut Vec<Hit>,
    keep: &[bool],
    added: impl IntoIterator<Item = Hit>,
) {
    let mut flags = keep.iter();
    hits.retain(|_| flags.next().copied().unwrap_or(true));
    hits.extend(added);
    hits.sort_by_key(|h| h.span.start);
}

/// The index of the hit covering token `t`, if any.
pub(crate) fn hit_at(hits: &[Hit], t: usize) -> Option<usize> {
    let at = hits.partition_point(|h| h.last < t);
    (at < hits.len() && hits[at].first <= t).then_some(at)
}

impl Hit {
    /// A name no gazetteer lists, over tokens `first..=last` (a possessive
    /// ending left out), named as written: the passes that find people,
    /// organisations and places by cue all make their hits here.
    pub(crate) fn unknown(
        doc: &Doc<'_>,
        first: usize,
        last: usize,
        kind: EntryKind,
    ) -> Hit {
        let start = doc.tokens.tokens[first].span.start;
        let span = Span::new(start, doc.stem_span(last).end);
        Hit {
            span,
            first,
            last,
            kind,
            target: Target::Unknown(Arc::from(span.slice(doc.text))),
            weak: false,
        }
    }
}

impl Gazetteer {
    /// Loads the files in order and builds the matcher. A later file with
    /// the same name as an earlier one replaces it; an id defined in two
    /// files is an error.
    pub fn from_files(
        files: &[GazetteerFile],
        options: MatchOptions,
    ) -> Result<Gazetteer, GazetteerError> {
        let table = load::load(files)?;
        let matcher = Matcher::build(table.forms)?;
        Ok(Gazetteer {
            entries: table.entries,
            matcher,
            options,
            model: (!options.rules_only).then(learned::Model::builtin),
        })
    }

    /// Number of loaded entries (people, organisations, places, demonyms).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when no entry is loaded.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every mention in `text`, in text order, non-overlapping.
    pub fn find(&self, text: &str, tokens: &Tokens) -> Vec<Mention> {
        let doc = Doc::new(text, tokens);
        let mut hits = self.rule_hits(&doc);
        if let Some(model) = &self.model {
            if learned::add(&doc, &self.entries, model, &mut hits) {
                // Later mentions of the people it found: "Wielgosz".
                names::link(&doc, &self.entries, &mut hits);
                forenames::link(&doc, &mut hits);
            }
        }
        layout::find(&doc, &self.entries, &mut hits);
        acronyms::find(&doc, &mut hits);
        repeats::find(&doc, &mut hits);
        let mut mentions = Vec::with_capacity(hits.len());
        mentions.extend(hits.into_iter().filter_map(|h| self.mention(h)));
        mentions
    }

    /// The candidates and features the learned tagger sees in `text`: for
    /// the program that trains it, so that training and run time share
    /// one feature code.
    pub fn learning_input(
        &self,
        text: &str,
        tokens: &Tokens,
    ) -> learned::Candidates {
        let doc = Doc::new(text, tokens);
        let hits = self.rule_hits(&doc);
        learned::input(&doc, &self.entries, &hits)
    }

    /// The hits of every rule pass, sorted and non-overlapping.
    fn rule_hits(&self, doc: &Doc<'_>) -> Vec<Hit> {
        // About one capitalised word in five starts a listed name in news;
        // sized with room to spare, the vector seldom grows.
        let mut cands = Vec::with_capacity(doc.caps().len() / 4);
        self.matcher.candidates(doc, &mut cands);
        let mut hits = Vec::with_capacity(cands.len());
        resolve::resolve(&self.matcher, &self.entries, doc, &cands, &mut hits);
        sports::teams(doc, &self.entries, &mut hits);
        extend::find(doc, &self.entries, &mut hits);
        cues::find(doc, &mut hits);
        papers::find(doc, &mut hits);
        given::find(doc, &mut hits);
        names::link(doc, &self.entries, &mut hits);
        forenames::link(doc, &mut hits);
        hits
    }

    /// The public form of a hit; a demonym becomes its country only when
    /// demonyms are asked for.
    fn mention(&self, hit: Hit) -> Option<Mention> {
        let (kind, name, id) = match hit.target {
            Target::Unknown(name) => (hit.kind, name, None),
            Target::Entry(e) => {
                let mut entry = &self.entries[e as usize];
                if entry.kind == EntryKind::Demonym {
                    if !self.options.demonyms {
                        return None;
                    }
                    entry = &self.entries[entry.country? as usize];
                }
                (entry.kind, entry.name.clone(), Some(entry.id.clone()))
            }
        };
        let kind = match kind {
            EntryKind::Person => EntityKind::Person,
            EntryKind::Organization => EntityKind::Organization,
            EntryKind::Location | EntryKind::Demonym => EntityKind::Location,
        };
        Some(Mention {
            span: hit.span,
            kind,
            name,
            id,
        })
    }
}

/// A gazetteer of one test fixture file.
#[cfg(test)]
pub(crate) fn fixture(tsv: &str) -> Gazetteer {
    let file = GazetteerFile {
        name: "fixture.tsv".to_string(),
        text: tsv.to_string(),
    };
    let options = MatchOptions {
        rules_only: true,
        ..MatchOptions::default()
    };
    Gazetteer::from_files(&[file], options).expect("the fixture loads")
}

/// `surface/kind/name` of every mention `g` finds in `text`; `name` is `?`
/// without an id. Checks that the mentions do not overlap.
#[cfg(test)]
pub(crate) fn found(g: &Gazetteer, text: &str) -> Vec<String> {
    let tokens = crate::tokenize::Tokenizer::new().tokenize(text);
    let mentions = g.find(text, &tokens);
    for pair in mentions.windows(2) {
        assert!(pair[0].span.end <= pair[1].span.start);
    }
    mentions
        .iter()
        .map(|m| {
            let name = if m.id.is_some() { &*m.name } else { "?" };
            let surface = &text[m.span.start..m.span.end];
            format!("{surface}/{}/{name}", m.kind.as_str())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::Tokenizer;

    const FIXTURE: &str = "\
id\ttype\tname\taliases\tsource\tnotes
Q159\tlocation\tRussia\tRussian Federation\tt\tkind=country;iso2=RU
Q794\tlocation\tIran\t\tt\tkind=country;iso2=IR
Q43\tlocation\tTurkey\tTürkiye|Turkey{evidence}\tt\tkind=country;iso2=TR
Q657\tlocation\tChad\tChad{evidence}\tt\tkind=country;iso2=TD
Q810\tlocation\tJordan\tJordan{evidence}\tt\tkind=country;iso2=JO
Q30\tlocation\tUnited States\tUS{exact}|U.S.\tt\tkind=country;iso2=US
g:1\tlocation\tReading\tReading{evidence}\tt\tkind=city;country=GB
g:2\tlocation\tMoscow\t\tt\tkind=city;country=RU
g:3\tlocation\tTehran\tTeheran\tt\tkind=city;country=IR
g:4\tlocation\tWashington, D.C.\tWashington{ambiguous}\tt\tkind=city;country=US
s:5\tlocation\tWashington State\tWashington{ambiguous}\tt\tkind=state;country=US
Q7817\torganization\tWorld Health Organization\tWHO{exact}\tt\t
o:1\torganization\tKremlin\tthe Kremlin\tt\t
o:2\torganization\tMinistry of Defence of Russia\tRussian Defence Ministry\tt\t
p:1\tperson\tSergei Shoigu\t\tt\t
p:2\tperson\tDmitry Peskov\tPeskov\tt\t
p:3\tperson\tTheresa May\t\tt\t
demonym:RU\tdemonym\tRussian\tRussians\tt\tcountry=Q159
demonym:IR\tdemonym\tIranian\tIranians\tt\tcountry=Q794
demonym:TR\tdemonym\tTurkish\tTurks\tt\tcountry=Q43
";

    fn gazetteer(demonyms: bool) -> Gazetteer {
        let file = GazetteerFile {
            name: "fixture.tsv".to_string(),
            text: FIXTURE.to_string(),
        };
        let options = MatchOptions {
            demonyms,
            rules_only: true,
        };
        Gazetteer::from_files(&[file], options).expect("the fixture loads")
    }

    #[test]
    fn finds_names_by_the_rules() {
        let cases: &[(&str, &[&str])] = &[
            ("Russia’s army moved.", &["Russia/location/Russia"]),
            (
                "Russia-Iran talks.",
                &["Russia/location/Russia", "Iran/location/Iran"],
            ),
            ("Russian-Iranian relations grew.", &[]),
            (
                "RUSSIA AND IRAN SIGN DEAL",
                &["RUSSIA/location/Russia", "IRAN/location/Iran"],
            ),
            (
                "MOSCOW, Feb 3 - The Kremlin said.",
                &["MOSCOW/location/Moscow", "Kremlin/organization/Kremlin"],
            ),
            ("He flew to Teheran.", &["Teheran/location/Tehran"]),
            ("Talks with Turkiye resumed.", &["Turkiye/location/Turkey"]),
            (
                "The Russian Defence Ministry said.",
                &["Russian Defence Ministry/organization/\
                 Ministry of Defence of Russia"],
            ),
            ("Peskov said so.", &["Peskov/person/Dmitry Peskov"]),
        ];
        let g = gazetteer(false);
        for (text, want) in cases {
            assert_eq!(found(&g, text), *want, "{text}");
        }
    }

    #[test]
    fn hard_negatives_stay_silent() {
        let cases: &[(&str, &[&str])] = &[
            ("Turkey dinner prices fell.", &[]),
            ("Chad Smith played the drums.", &[]),
            // A given name: a person, not the country.
            (
                "Jordan Peterson spoke at length.",
                &["Jordan Peterson/person/?"],
            ),
            ("The Reading Festival opens on Friday.", &[]),
            ("Let us go there. Who said that?", &[]),
            ("In May the talks ended.", &[]),
            ("Let us meet the US envoy.", &["US/location/United States"]),
            (
                "WHO experts arrived.",
                &["WHO/organization/\
              World Health Organization"],
            ),
            ("Talks with Turkey resumed.", &["Turkey/location/Turkey"]),
            ("Troops left Chad.", &["Chad/location/Chad"]),
        ];
        let g = gazetteer(false);
        for (text, want) in cases {
            assert_eq!(found(&g, text), *want, "{text}");
        }
    }

    #[test]
    fn context_decides_evidence_and_ambiguity() {
        let g = gazetteer(false);
        // Sentence-initial "Turkey" counts once Turkey is named elsewhere.
        assert_eq!(
            found(&g, "Turkey has agreed. Officials in Turkish ports said."),
            ["Turkey/location/Turkey"]
        );
        // "Washington" names the city where a place stands or where its
        // country is in context; a sentence start is neither.
        assert!(found(&g, "Washington agreed.").is_empty());
        assert_eq!(
            found(&g, "Flights to Washington resumed."),
            ["Washington/location/Washington, D.C."]
        );
        assert_eq!(
            found(&g, "The United States said Washington agreed."),
            [
                "United States/location/United States",
                "Washington/location/Washington, D.C."
            ]
        );
    }

    #[test]
    fn surnames_and_cue_names() {
        let g = gazetteer(false);
        assert_eq!(
            found(
                &g,
                "Sergei Shoigu met the press. Minister Shoigu said that \
                 Mr Shoigu’s plan stands."
            ),
            [
                "Sergei Shoigu/person/Sergei Shoigu",
                "Shoigu/person/Sergei Shoigu",
                "Shoigu/person/Sergei Shoigu",
            ]
        );
        assert_eq!(
            found(
                &g,
                "Rosoboronexport head Alexander Mikheyev spoke. Mikheyev \
                 added more."
            ),
            ["Alexander Mikheyev/person/?", "Mikheyev/person/?"]
        );
        assert_eq!(
            found(
                &g,
                "It called the defense ministers of the two countries, \
                 Sergei Shoigu and Mohammad Ashtiani."
            ),
            [
                "Sergei Shoigu/person/Sergei Shoigu",
                "Mohammad Ashtiani/person/?"
            ]
        );
        assert_eq!(
            found(
                &g,
                "It rose, said John Smith, an analyst at Acme Holdings Ltd."
            ),
            ["John Smith/person/?", "Acme Holdings Ltd/organization/?"]
        );
        assert_eq!(
            found(&g, "The Ministry of Economy of Iran said."),
            ["Ministry of Economy of Iran/organization/?"]
        );
        // A month is no surname without a title.
        assert_eq!(
            found(&g, "Theresa May left. In May, Mrs May returned."),
            ["Theresa May/person/Theresa May", "May/person/Theresa May"]
        );
    }

    #[test]
    fn demonyms_only_on_request() {
        let text = "Russian-Iranian relations grew.";
        assert!(found(&gazetteer(false), text).is_empty());
        assert_eq!(
            found(&gazetteer(true), text),
            ["Russian/location/Russia", "Iranian/location/Iran"]
        );
    }

    /// Pieces that exercise every pass when shuffled together.
    const PIECES: &[&str] = &[
        "Russia",
        "’s",
        "'s",
        "-",
        " ",
        "  ",
        "Mr",
        ".",
        ", ",
        "Ministry",
        "of",
        "Iran",
        "US",
        "us",
        "Chad",
        "Smith",
        "\n",
        "é",
        "Москва",
        "2",
        "1",
        "beat",
        "Real",
        "Moscow",
        "head",
        "Alexander",
        "Ltd",
        "Sergei Shoigu",
        "Shoigu",
        "and",
        "WHO",
        "TURKEY",
        "Turkey",
        "Washington",
        "in",
        "“",
        "”",
        "Iranian",
        "the",
        "May",
        "VI",
    ];

    proptest::proptest! {
        #[test]
        fn spans_are_sorted_and_slice_the_text(
            pieces in proptest::collection::vec(
                proptest::sample::select(PIECES), 0..40),
            noise in "\\PC{0,20}",
        ) {
            let text = format!("{}{noise}", pieces.concat());
            let g = gazetteer(true);
            let tokens = Tokenizer::new().tokenize(&text);
            let mentions = g.find(&text, &tokens);
            for pair in mentions.windows(2) {
                proptest::prop_assert!(pair[0].span.end <= pair[1].span.start);
            }
            for m in &mentions {
                let surface = text.get(m.span.start..m.span.end);
                proptest::prop_assert!(surface.is_some_and(|s| !s.is_empty()));
            }
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        let g = gazetteer(true);
        for text in [
            "",
            " ",
            "’s",
            "Mr",
            "Mr.",
            "U.S.",
            "US’",
            "Ministry of",
            "Москва Russia’",
            "A, B and",
            "head Ab",
            "\u{0}Iran\u{301}",
        ] {
            let _ = found(&g, text);
        }
    }
}
