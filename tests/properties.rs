//! Property tests: on arbitrary input the pipeline never panics, and every
//! span it emits slices the record's own `text` exactly.

mod common;

use std::sync::OnceLock;

use newsx::Pipeline;
use proptest::prelude::*;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::builtin().expect("built-in gazetteers load"))
}

/// Runs one text through analysis and the record writer, then checks the
/// record's offsets from the outside, as a user would.
fn check(text: &str) {
    let analysis = common::analyse_and_check(
        pipeline(),
        text.to_string(),
        "utf-8".into(),
        text.len() as u64,
    );
    let clean = analysis.cleaned.text.as_str();
    let spans = analysis
        .tokens
        .tokens
        .iter()
        .map(|t| t.span)
        .chain(analysis.tokens.sentences.iter().map(|s| s.span))
        .chain(analysis.mentions.iter().map(|m| m.span))
        .chain(analysis.figures.iter().map(|f| f.span));
    for span in spans {
        assert!(span.start <= span.end && span.end <= clean.len());
        assert!(
            clean.is_char_boundary(span.start)
                && clean.is_char_boundary(span.end)
        );
    }
}

/// Pieces of news text that exercise every stage: names, figures, furniture,
/// abbreviations, odd whitespace and non-ASCII.
const PIECES: &[&str] = &[
    "Sergei Shoigu",
    " Russia’s ",
    "Iran",
    "Tehran",
    "U.S.",
    "Mr. ",
    "Gen. ",
    "No. 5",
    "$2.5bn",
    "more than 3,600 sanctions",
    "four billion dollars",
    "76%",
    "€300mn",
    "1,000",
    "1.000,50",
    "slightly more than a thousand",
    "S-400",
    "Army 2020",
    "Covid-19",
    "in 1979",
    "February 22, 2022",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "  ",
    ".",
    "!",
    "?",
    "“",
    "”",
    "…",
    "•",
    "By GlobalData",
    "The ",
    "No time to read?\nGet a summary\n",
    "Previous Article\n\n",
    "Türkiye",
    "é",
    "👍🏽",
    "\u{feff}",
    "\u{0}",
    "\u{7}",
    "Ministry of Defence of Russia",
    "said",
    "the two countries",
    "a ",
    "dozens of ",
];

fn newsy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80)
        .prop_map(|v| v.concat())
}

proptest! {
    // Failures are pinned as unit tests, not persisted to files.
        #![proptest_config(ProptestConfig {
            cases: 256,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

    #[test]
    fn arbitrary_strings_never_break_the_contract(text in "\\PC{0,300}") {
        check(&text);
    }

    #[test]
    fn arbitrary_bytes_as_text_never_break_the_contract(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn news_like_strings_never_break_the_contract(text in newsy()) {
        check(&text);
    }
}
