//! Parsing gazetteer TSV files into entries and surface forms.
//!
//! The format is documented in `gazetteers/README.md`: a header line, then
//! `id  type  name  aliases  source  notes` rows. Every problem is reported as
//! `path:line: message` and stops the load, because a half-loaded gazetteer
//! silently changes every record.
//!
//! Invariants of the resulting [`Table`]: entry ids are unique except for
//! demonyms; every form names an existing entry; an entry's forms are unique
//! by ASCII-lower-cased text (an alias with flags overrides the canonical
//! name's default policy); forms with diacritics also appear folded to ASCII.

use std::sync::Arc;

use super::fold::fold_diacritics;
use super::{GazetteerError, GazetteerFile};
use crate::hash::KeyMap;

/// The header every file must start with (after comments).
const HEADER: &str = "id\ttype\tname\taliases\tsource\tnotes";

/// What an entry is; demonyms are kept apart because they are not emitted on
/// their own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EntryKind {
    Person,
    Organization,
    Location,
    Demonym,
}

/// One gazetteer row.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub id: Arc<str>,
    pub kind: EntryKind,
    pub name: Arc<str>,
    /// The country this entry belongs to (demonyms, cities, officials),
    /// resolved from the `country=` note by id or ISO alpha-2 code.
    pub country: Option<u32>,
    /// A city (`kind=city`), preferred over a region of the same name.
    pub city: bool,
}

/// How strictly a surface form must look like a name before it counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Policy {
    /// Only this exact case ("US", "WHO").
    pub exact: bool,
    /// Also a common word or first name: needs evidence.
    pub evidence: bool,
    /// Shared by several entries: needs context to pick one.
    pub ambiguous: bool,
}

/// One surface form of one entry.
#[derive(Clone, Debug)]
pub(crate) struct Form {
    pub entry: u32,
    pub policy: Policy,
    pub text: Box<str>,
}

/// Everything the files define.
#[derive(Debug, Default)]
pub(crate) struct Table {
    pub entries: Vec<Entry>,
    pub forms: Vec<Form>,
}

/// Notes kept while loading, resolved once every file is read.
struct Pending {
    country: Option<String>,
    iso2: Option<String>,
}

/// Loads `files` in order; a later file with the same name as an earlier one
/// replaces it entirely.
pub(crate) fn load(files: &[GazetteerFile]) -> Result<Table, GazetteerError> {
    let mut loader = Loader::default();
    for (i, file) in files.iter().enumerate() {
        let replaced = files[i + 1..].iter().any(|f| f.name == file.name);
        if !replaced {
            loader.file(file)?;
        }
    }
    Ok(loader.finish())
}

#[derive(Default)]
struct Loader {
    table: Table,
    pending: Vec<Pending>,
    /// Id → (file, line) of its row, to report duplicates.
    seen: KeyMap<Arc<str>, (String, usize)>,
    /// (entry, lower-cased text) → index into `table.forms`.
    form_index: KeyMap<(u32, String), usize>,
}

impl Loader {
    fn file(&mut self, file: &GazetteerFile) -> Result<(), GazetteerError> {
        let err = |line: usize, message: String| GazetteerError {
            path: file.name.clone(),
            line,
            message,
        };
        let mut header = false;
        for (n, raw) in file.text.lines().enumerate() {
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            if !header {
                if line != HEADER {
                    let msg = format!("expected the header {HEADER:?}");
                    return Err(err(n + 1, msg));
                }
                header = true;
                continue;
            }
            self.row(&file.name, n + 1, line)
                .map_err(|m| err(n + 1, m))?;
        }
        if !header {
            return Err(err(0, format!("missing the header {HEADER:?}")));
        }
        Ok(())
    }

    fn row(&mut self, path: &str, n: usize, line: &str) -> Result<(), String> {
        let cols: Vec<&str> = line.split('\t').collect();
        let [id, kind, name, aliases, _source, notes] = cols[..] else {
            return Err(format!(
                "expected 6 tab-separated columns, found {}",
                cols.len()
            ));
        };
        let (id, name) = (id.trim(), name.trim());
        if id.is_empty() {
            return Err("empty id".to_string());
        }
        if name.is_empty() {
            return Err(format!("empty name for id {id:?}"));
        }
        let kind = parse_kind(kind)?;
        let notes = parse_notes(notes)?;
        let aliases = parse_aliases(aliases)?;
        let id: Arc<str> = Arc::from(id);
        if kind != EntryKind::Demonym {
            if let Some((p, l)) = self.seen.get(&id) {
                return Err(format!("duplicate id {id:?} (first at {p}:{l})"));
            }
            self.seen.insert(id.clone(), (path.to_string(), n));
        }
        let entry = self.table.entries.len() as u32;
        self.table.entries.push(Entry {
            id,
            kind,
            name: Arc::from(name),
            country: None,
            city: note(&notes, "kind").as_deref() == Some("city"),
        });
        self.pending.push(Pending {
            country: note(&notes, "country"),
            iso2: note(&notes, "iso2"),
        });
        self.add_form(entry, name, Policy::default());
        for (text, policy) in aliases {
            self.add_form(entry, text, policy);
        }
        Ok(())
    }

    /// Adds a form, or overrides the policy of the same form of the entry.
    /// A lower-case article is not part of a name ("the Kremlin" is the
    /// form "Kremlin"; "The Hague" keeps its capital article).
    fn add_form(&mut self, entry: u32, text: &str, policy: Policy) {
        let text = match text.strip_prefix("the ") {
            Some(rest) if !rest.trim().is_empty() => rest.trim(),
            _ => text,
        };
        let key = (entry, text.to_ascii_lowercase());
        match self.form_index.get(&key) {
            Some(&i) => self.table.forms[i].policy = policy,
            None => {
                self.form_index.insert(key, self.table.forms.len());
                self.table.forms.push(Form {
                    entry,
                    policy,
                    text: text.into(),
                });
            }
        }
    }

    fn finish(mut self) -> Table {
        let folded: Vec<(u32, String, Policy)> = self
            .table
            .forms
            .iter()
            .filter_map(|f| {
                let folded = fold_diacritics(&f.text)?;
                Some((f.entry, folded, f.policy))
            })
            .collect();
        for (entry, text, policy) in folded {
            let key = (entry, text.to_ascii_lowercase());
            if !self.form_index.contains_key(&key) {
                self.add_form(entry, &text, policy);
            }
        }
        resolve_countries(&mut self.table, &self.pending);
        self.table
    }
}

/// Links each entry's `country=` note to the country entry, by id ("Q159")
/// or by the country's `iso2=` note ("RU").
fn resolve_countries(table: &mut Table, pending: &[Pending]) {
    let mut by_key: KeyMap<&str, u32> = KeyMap::default();
    for (i, (e, p)) in table.entries.iter().zip(pending).enumerate() {
        if e.kind == EntryKind::Location {
            by_key.entry(&e.id).or_insert(i as u32);
            if let Some(iso2) = &p.iso2 {
                by_key.entry(iso2.as_str()).or_insert(i as u32);
            }
        }
    }
    let links: Vec<Option<u32>> = pending
        .iter()
        .map(|p| p.country.as_deref().and_then(|c| by_key.get(c).copied()))
        .collect();
    for (i, (e, link)) in table.entries.iter_mut().zip(links).enumerate() {
        e.country = link.filter(|&c| c as usize != i);
    }
}

fn parse_kind(kind: &str) -> Result<EntryKind, String> {
    match kind.trim() {
        "person" => Ok(EntryKind::Person),
        "organization" => Ok(EntryKind::Organization),
        "location" => Ok(EntryKind::Location),
        "demonym" => Ok(EntryKind::Demonym),
        other => Err(format!(
            "unknown type {other:?} (expected person, organization, \
             location or demonym)"
        )),
    }
}

/// `Name{flag,flag}|Other` → forms with their policies.
fn parse_aliases(aliases: &str) -> Result<Vec<(&str, Policy)>, String> {
    let mut out = Vec::new();
    for alias in aliases.split('|') {
        let alias = alias.trim();
        if alias.is_empty() {
            if aliases.trim().is_empty() {
                break;
            }
            return Err(format!("empty alias in {aliases:?}"));
        }
        out.push(parse_alias(alias)?);
    }
    Ok(out)
}

fn parse_alias(alias: &str) -> Result<(&str, Policy), String> {
    let Some(open) = alias.find('{') else {
        return Ok((alias, Policy::default()));
    };
    let Some(flags) = alias[open + 1..].strip_suffix('}') else {
        return Err(format!("unclosed flags in alias {alias:?}"));
    };
    let text = alias[..open].trim();
    if text.is_empty() {
        return Err(format!("empty alias in {alias:?}"));
    }
    let mut policy = Policy::default();
    for flag in flags.split(',') {
        match flag {
            "exact" => policy.exact = true,
            "evidence" => policy.evidence = true,
            "ambiguous" => policy.ambiguous = true,
            other => {
                return Err(format!(
                    "unknown flag {other:?} in alias {alias:?} (expected \
                     exact, evidence or ambiguous)"
                ))
            }
        }
    }
    Ok((text, policy))
}

/// `key=value;key=value` → pairs; an empty column is no notes.
fn parse_notes(notes: &str) -> Result<Vec<(&str, &str)>, String> {
    let mut out = Vec::new();
    for part in notes.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        match part.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => {
                out.push((k.trim(), v.trim()))
            }
            _ => return Err(format!("note {part:?} is not key=value")),
        }
    }
    Ok(out)
}

fn note(notes: &[(&str, &str)], key: &str) -> Option<String> {
    notes
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, rows: &str) -> GazetteerFile {
        GazetteerFile {
            name: name.to_string(),
            text: format!("# test\n{HEADER}\n{rows}"),
        }
    }

    fn error(files: &[GazetteerFile]) -> String {
        match load(files) {
            Ok(_) => "loaded".to_string(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn loads_rows_forms_and_countries() {
        let t = load(&[file(
            "a.tsv",
            "Q43\tlocation\tTurkey\tTürkiye|Turkey{evidence}\tx\t\
             kind=country;iso2=TR\n\
             demonym:TR\tdemonym\tTurkish\tTurks\tx\tcountry=Q43\n\
             geonames:1\tlocation\tAnkara\t\tx\tkind=city;country=TR\n",
        )])
        .unwrap();
        assert_eq!(t.entries.len(), 3);
        assert_eq!(t.entries[1].country, Some(0));
        assert_eq!(t.entries[2].country, Some(0));
        let forms: Vec<(&str, bool)> = t
            .forms
            .iter()
            .filter(|f| f.entry == 0)
            .map(|f| (&*f.text, f.policy.evidence))
            .collect();
        assert_eq!(
            forms,
            [("Turkey", true), ("Türkiye", false), ("Turkiye", false)]
        );
    }

    #[test]
    fn errors_name_file_and_line() {
        let cases = [
            ("Q1\tperson\tA\n", "a.tsv:3: expected 6 tab-separated"),
            ("Q1\tplanet\tA\t\tx\t\n", "a.tsv:3: unknown type \"planet\""),
            ("Q1\tperson\tA\tB{loud}\tx\t\n", "a.tsv:3: unknown flag"),
            ("Q1\tperson\tA\tB{exact\tx\t\n", "a.tsv:3: unclosed flags"),
            ("Q1\tperson\t\t\tx\t\n", "a.tsv:3: empty name"),
            ("Q1\tperson\tA\t\tx\tnope\n", "a.tsv:3: note \"nope\""),
            ("Q1\tperson\tA\tB||C\tx\t\n", "a.tsv:3: empty alias"),
        ];
        for (rows, want) in cases {
            let got = error(&[file("a.tsv", rows)]);
            assert!(got.starts_with(want), "{rows:?}: {got}");
        }
        let bad_header = GazetteerFile {
            name: "h.tsv".into(),
            text: "id\tname\n".into(),
        };
        assert!(error(&[bad_header]).starts_with("h.tsv:1: expected"));
    }

    #[test]
    fn duplicate_ids_across_files_are_errors() {
        let a = file("a.tsv", "Q1\tperson\tA\t\tx\t\n");
        let b = file("b.tsv", "Q1\tperson\tB\t\tx\t\n");
        assert_eq!(
            error(&[a.clone(), b]),
            "b.tsv:3: duplicate id \"Q1\" (first at a.tsv:3)"
        );
        // A file with the same name replaces the earlier one.
        let a2 = file("a.tsv", "Q1\tperson\tA2\t\tx\t\n");
        let t = load(&[a, a2]).unwrap();
        assert_eq!(&*t.entries[0].name, "A2");
        assert_eq!(t.entries.len(), 1);
    }
}
