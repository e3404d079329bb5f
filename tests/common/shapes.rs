//! Pathological document shapes: inputs built to find work that grows
//! faster than the document (a pass that walks back over a run of
//! capitalised words, a search of the whole text per candidate). Shared by
//! the work-counting test (`tests/linear.rs`), the benchmark of shapes at
//! two sizes (`benches/pathological.rs`) and the fuzzer (`tests/fuzz.rs`).

/// One shape: a name, and the unit repeated (with a counter) to size.
pub struct Shape {
    /// A short name for reports.
    pub name: &'static str,
    /// The `i`-th repetition of the shape's unit.
    unit: fn(usize) -> String,
}

impl Shape {
    /// The shape at about `bytes` bytes (whole units, at least one).
    pub fn build(&self, bytes: usize) -> String {
        let mut out = String::with_capacity(bytes + 256);
        let mut i = 0;
        while out.len() < bytes || i == 0 {
            out.push_str(&(self.unit)(i));
            i += 1;
        }
        out
    }
}

/// A distinct capitalised word for each `i` ("Bacdof"), so runs of names
/// are not one repeated string.
pub fn word(i: usize) -> String {
    const SYL: [&str; 8] = ["ba", "do", "ke", "lu", "mi", "no", "ra", "ti"];
    let mut w = String::from("Z");
    let mut k = i + 8;
    while k > 0 {
        w.push_str(SYL[k % 8]);
        k /= 8;
    }
    w
}

/// Every shape.
pub const SHAPES: &[Shape] = &[
    // The repro: one endless run of an institution word and a place.
    Shape {
        name: "institution run",
        unit: |_| "Ministry Russia ".into(),
    },
    Shape {
        name: "capitalised run",
        unit: |i| format!("{} ", word(i)),
    },
    Shape {
        name: "known names run",
        unit: |_| "Isabel Ruiz Sergei Shoigu John Smith ".into(),
    },
    Shape {
        name: "name list",
        unit: |i| format!("{} {}, ", word(i), word(i + 1)),
    },
    Shape {
        name: "said names",
        unit: |i| format!("said Linda {} and Mary Jones, ", word(i)),
    },
    Shape {
        name: "of chain",
        unit: |_| "Ministry of Economy of Bank for ".into(),
    },
    Shape {
        name: "role chain",
        unit: |_| "Deputy Defence Minister of the Chief of Staff ".into(),
    },
    Shape {
        name: "titles",
        unit: |_| "Mr. Dr. Mrs. ".into(),
    },
    Shape {
        name: "initials",
        unit: |_| "A. B. C. D. ".into(),
    },
    Shape {
        name: "dotted",
        unit: |_| "U.S.".into(),
    },
    Shape {
        name: "one word",
        unit: |_| "abcdefgh".into(),
    },
    Shape {
        name: "digits",
        unit: |_| "1234567890".into(),
    },
    Shape {
        name: "numbers",
        unit: |i| format!("{},000 ", i % 1000),
    },
    Shape {
        name: "money",
        unit: |_| "$1.5bn €2 £3m US$4 ".into(),
    },
    Shape {
        name: "shared currency",
        unit: |_| "Iran paid 5,000 rials and Oman 3 dinars, ".into(),
    },
    Shape {
        name: "yen",
        unit: |_| "¥5 ".into(),
    },
    Shape {
        name: "number range",
        unit: |_| "1-2-".into(),
    },
    Shape {
        name: "number words",
        unit: |_| "more than one hundred and twenty thousand million ".into(),
    },
    Shape {
        name: "percent",
        unit: |_| "5 per cent 6% ".into(),
    },
    Shape {
        name: "punctuation",
        unit: |_| "(“,.-—'\"[:".into(),
    },
    Shape {
        name: "copyright",
        unit: |_| "© (c) ".into(),
    },
    Shape {
        name: "short lines",
        unit: |_| "a\n".into(),
    },
    Shape {
        name: "blank lines",
        unit: |_| "x\n\n\n\n".into(),
    },
    Shape {
        name: "headline lines",
        unit: |i| format!("Big {} News Today\n", word(i)),
    },
    Shape {
        name: "repeated line",
        unit: |_| "Previous Article\n".into(),
    },
    Shape {
        name: "one sentence",
        unit: |_| "the price of oil rose and ".into(),
    },
    Shape {
        name: "sentences",
        unit: |i| {
            format!(
                "{} said on Monday that Ministry of Defence spent $5m. ",
                word(i)
            )
        },
    },
    // Acronyms after long runs of connectors, each spelled many ways.
    Shape {
        name: "acronyms",
        unit: |i| format!("{} of the of the Of ( OOOOOO ) and ", word(i)),
    },
    // Many names that share a first word, each repeated.
    Shape {
        name: "repeated names",
        unit: |i| {
            let w = word(i);
            format!("Space {w} Agency said so. Space {w} Agency rose. ")
        },
    },
    Shape {
        name: "combining",
        unit: |_| "e\u{301}\u{301}\u{301}".into(),
    },
    Shape {
        name: "emoji",
        unit: |_| "👍🏽".into(),
    },
];
