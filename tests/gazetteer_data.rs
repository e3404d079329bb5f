//! Well-formedness of the built-in gazetteer files (`gazetteers/*.tsv`).
//!
//! These files ship inside the binary, so a malformed row would surface as a
//! load error or, worse, as a silently wrong match. The checks here read the
//! files with a parser of their own (independent of the library's loader) and
//! hold the data to the documented format: exact header, six columns, known
//! types and flags, well-formed notes, unique ids, and no surface form shared
//! by two entries unless both mark it `ambiguous`. A last check runs
//! `gazetteers/build.py --check` to prove the committed files are exactly
//! what the build script produces from `gazetteers/sources/` and
//! `gazetteers/curated/`.

mod common;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const HEADER: &str = "id\ttype\tname\taliases\tsource\tnotes";
const TYPES: [&str; 4] = ["person", "organization", "location", "demonym"];
const FLAGS: [&str; 3] = ["exact", "evidence", "ambiguous"];

/// One data row, with the file and line it came from for error messages.
struct Row {
    at: String,
    id: String,
    kind: String,
    name: String,
    aliases: Vec<(String, BTreeSet<String>)>,
    source: String,
    notes: Vec<(String, String)>,
}

impl Row {
    fn note(&self, key: &str) -> Option<&str> {
        self.notes
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Every surface form with its flags: the name (default policy unless
    /// an alias repeats it with flags) and the aliases.
    fn forms(&self) -> BTreeMap<String, (String, BTreeSet<String>)> {
        let mut out: BTreeMap<String, (String, BTreeSet<String>)> =
            BTreeMap::new();
        let name = (self.name.clone(), BTreeSet::new());
        for (form, flags) in std::iter::once(&name).chain(&self.aliases) {
            let key = form.to_lowercase();
            let slot = out
                .entry(key)
                .or_insert_with(|| (form.clone(), BTreeSet::new()));
            slot.1.extend(flags.iter().cloned());
        }
        out
    }
}

fn gazetteer_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("gazetteers")
}

fn built_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(gazetteer_dir())
        .expect("gazetteers/ exists")
        .map(|e| e.expect("readable directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "expected the built gazetteer files");
    files
}

fn parse_alias(text: &str, at: &str) -> (String, BTreeSet<String>) {
    let Some(open) = text.find('{') else {
        return (text.to_string(), BTreeSet::new());
    };
    assert!(
        text.ends_with('}'),
        "{at}: alias {text:?} has a broken flag"
    );
    let flags: BTreeSet<String> = text[open + 1..text.len() - 1]
        .split(',')
        .map(str::to_string)
        .collect();
    for flag in &flags {
        assert!(
            FLAGS.contains(&flag.as_str()),
            "{at}: unknown flag {flag:?}"
        );
    }
    (text[..open].to_string(), flags)
}

fn parse_notes(text: &str, at: &str) -> Vec<(String, String)> {
    if text.is_empty() {
        return Vec::new();
    }
    text.split(';')
        .map(|pair| {
            let (key, value) = pair
                .split_once('=')
                .unwrap_or_else(|| panic!("{at}: note {pair:?} lacks '='"));
            let key_ok = !key.is_empty()
                && key.bytes().all(|b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'
                });
            assert!(key_ok, "{at}: bad note key {key:?}");
            assert!(!value.trim().is_empty(), "{at}: empty note {key:?}");
            (key.to_string(), value.to_string())
        })
        .collect()
}

fn parse_row(line: &str, at: String) -> Row {
    let cols: Vec<&str> = line.split('\t').collect();
    assert_eq!(cols.len(), 6, "{at}: want 6 columns, got {}", cols.len());
    let [id, kind, name, aliases, source, notes] = cols[..] else {
        unreachable!()
    };
    assert!(!id.trim().is_empty(), "{at}: empty id");
    assert!(!name.trim().is_empty(), "{at}: empty name");
    assert_eq!(name, name.trim(), "{at}: name has outer spaces");
    assert!(TYPES.contains(&kind), "{at}: bad type {kind:?}");
    assert!(!source.is_empty(), "{at}: empty source");
    let aliases = if aliases.is_empty() {
        Vec::new()
    } else {
        aliases.split('|').map(|a| parse_alias(a, &at)).collect()
    };
    for (form, _) in &aliases {
        assert!(!form.trim().is_empty(), "{at}: empty alias");
    }
    Row {
        notes: parse_notes(notes, &at),
        at,
        id: id.to_string(),
        kind: kind.to_string(),
        name: name.to_string(),
        aliases,
        source: source.to_string(),
    }
}

fn parse_file(path: &Path) -> Vec<Row> {
    let text = fs::read_to_string(path).expect("gazetteer file is UTF-8");
    let file = path.file_name().unwrap_or_default().to_string_lossy();
    assert!(
        !text.contains('\r'),
        "{file}: CR in a file that must use LF"
    );
    let mut header_seen = false;
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if !header_seen {
            assert_eq!(line, HEADER, "{file}:{}: header", i + 1);
            header_seen = true;
            continue;
        }
        rows.push(parse_row(line, format!("{file}:{}", i + 1)));
    }
    assert!(header_seen, "{file}: no header");
    assert!(!rows.is_empty(), "{file}: no rows");
    rows
}

fn all_rows() -> Vec<Row> {
    built_files().iter().flat_map(|p| parse_file(p)).collect()
}

#[test]
fn ids_are_unique_and_well_formed() {
    let rows = all_rows();
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for row in &rows {
        let id = row.id.as_str();
        let qid = id.strip_prefix('Q').is_some_and(|n| {
            !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
        });
        let namespaced = id
            .split_once(':')
            .is_some_and(|(ns, rest)| !ns.is_empty() && !rest.is_empty());
        assert!(qid || namespaced, "{}: id {id:?} is neither", row.at);
        if let Some(slug) = id.strip_prefix("curated:") {
            let ok = slug.bytes().all(|b| {
                b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'
            });
            assert!(ok, "{}: bad curated slug {slug:?}", row.at);
        }
        if row.kind == "demonym" {
            assert!(id.starts_with("demonym:"), "{}: demonym id", row.at);
            continue;
        }
        if let Some(first) = seen.insert(id, &row.at) {
            panic!("id {id} appears at {first} and {}", row.at);
        }
    }
}

#[test]
fn demonyms_point_at_countries() {
    let rows = all_rows();
    let locations: BTreeSet<&str> = rows
        .iter()
        .filter(|r| r.kind == "location")
        .map(|r| r.id.as_str())
        .collect();
    let demonyms: Vec<&Row> =
        rows.iter().filter(|r| r.kind == "demonym").collect();
    assert!(demonyms.len() >= 150, "too few demonyms");
    for row in demonyms {
        let country = row.note("country").unwrap_or_default();
        assert!(
            locations.contains(country),
            "{}: country={country:?} is no location id",
            row.at
        );
    }
}

/// A form two entries share must be marked ambiguous on both, or the
/// matcher could not know it has a choice to make. Exact forms compare
/// case-sensitively with each other ("US" and "Us" may coexist); any other
/// pair compares case-insensitively.
#[test]
fn shared_forms_are_marked_ambiguous() {
    let rows = all_rows();
    type Owner<'a> = (&'a Row, String, BTreeSet<String>);
    let mut by_key: BTreeMap<String, Vec<Owner>> = BTreeMap::new();
    for row in &rows {
        for (key, (form, flags)) in row.forms() {
            by_key.entry(key).or_default().push((row, form, flags));
        }
    }
    let mut bad = Vec::new();
    for group in by_key.values().filter(|g| g.len() > 1) {
        for (i, (a, form_a, flags_a)) in group.iter().enumerate() {
            for (b, form_b, flags_b) in &group[i + 1..] {
                let both_exact =
                    flags_a.contains("exact") && flags_b.contains("exact");
                if a.id == b.id || (both_exact && form_a != form_b) {
                    continue;
                }
                if !(flags_a.contains("ambiguous")
                    && flags_b.contains("ambiguous"))
                {
                    bad.push(format!("{form_a:?} {} / {}", a.at, b.at));
                }
            }
        }
    }
    assert!(bad.is_empty(), "unmarked shared forms:\n{}", bad.join("\n"));
}

#[test]
fn curated_people_cover_the_world() {
    let rows = all_rows();
    let people: Vec<&Row> = rows
        .iter()
        .filter(|r| r.kind == "person" && r.source == "curated")
        .collect();
    let countries: BTreeSet<&str> =
        people.iter().filter_map(|r| r.note("country")).collect();
    assert!(people.len() >= 300, "{} curated people", people.len());
    assert!(countries.len() >= 60, "{} countries", countries.len());
    for row in &people {
        assert!(row.note("role").is_some(), "{}: no role", row.at);
        assert!(row.note("years").is_some(), "{}: no years", row.at);
    }
}

/// The names the seed articles need are present with their ids.
#[test]
fn seed_names_are_present() {
    let rows = all_rows();
    let has = |form: &str| {
        rows.iter()
            .any(|r| r.forms().contains_key(&form.to_lowercase()))
    };
    for form in [
        "Sergei Shoigu",
        "Shoigu",
        "Peskov",
        "Vladimir Putin",
        "Amir Khatami",
        "Mohammad Ashtiani",
        "Alexander Mikheyev",
        "Rosoboronexport",
        "Ministry of Defense of Russia",
        "Russian Defence Ministry",
        "Russian Defense Department",
        "Ministry of Economy of Iran",
        "Kremlin",
        "TASS",
        "Sputnik",
        "GlobalData",
        "Castellum.AI",
        "Tehran",
        "Moscow",
        "Türkiye",
    ] {
        assert!(has(form), "{form:?} missing from the gazetteers");
    }
}

#[test]
fn built_files_match_the_build_script() {
    check_regenerates("build.py");
}

#[test]
fn given_names_match_their_build_script() {
    check_regenerates("names/build.py");
}

/// Runs `python3 gazetteers/SCRIPT --check`: the committed output must be
/// exactly what the script makes from the repository.
fn check_regenerates(script: &str) {
    let path = gazetteer_dir().join(script);
    let run = Command::new("python3").arg(&path).arg("--check").output();
    let output = match run {
        Ok(output) => output,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            common::skip(
                "gazetteer_data regeneration check",
                "python3 not found",
            );
            return;
        }
        Err(err) => panic!("cannot run {}: {err}", path.display()),
    };
    assert!(
        output.status.success(),
        "gazetteers/{script} --check failed; run it without --check and \
         commit the result:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
