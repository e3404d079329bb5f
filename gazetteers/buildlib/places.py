"""Places: countries, demonyms and cities from the source tables."""

import os
import re

from .common import (
    CURATED, SOURCES, Entry, fail, fold, parse_kv, read_tsv, source_flags,
    split_aliases)


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


def city_rows(fixes):
    """Source rows that are cities: no districts, no minor homonyms.

    A name shared with a city four times larger is dropped (Birmingham,
    Alabama); comparable homonyms stay and become ambiguous.
    """
    rows = []
    for row in read_tsv(os.path.join(SOURCES, "cities.tsv")):
        extra = parse_kv(row["extra"])
        if CITY_PART_RE.match(row["canonical"]) or fixes.dropped(row["id"]):
            continue
        rows.append((row, extra))
    largest = {}
    for row, extra in rows:
        key = fold(row["canonical"])
        largest[key] = max(largest.get(key, 0), int(extra["population"]))
    return [(row, extra) for row, extra in rows
            if largest[fold(row["canonical"])] < 4 * int(extra["population"])]


def city_entry(row, review, unreviewed):
    """The entry of one city, with reviewed alternates and policy flags."""
    sid = row["id"]
    e = Entry(sid, "location", row["canonical"], "geonames", "cities.tsv")
    tidy_city_name(e)
    for form, _ in split_aliases(row["aliases"]):
        if fold(form) != fold(row["canonical"]):
            decision = review.get((sid, form))
            if decision is None:
                unreviewed.append(f"{sid}\t{form}\t({row['canonical']})")
            if decision != "keep":
                continue
        e.add(form)
    for form, why in source_flags(row["ambiguous"]).items():
        if ({"common-word", "name/other-referent"} & why
                and form not in CITY_EVIDENCE_EXEMPT):
            e.add(form, {"evidence"})
    if len(e.name) <= 3:
        e.add(e.name, {"evidence"})  # Ufa, Qom, Osh, Yao: short tokens
    if e.name.startswith("Saint "):
        e.add("St. " + e.name[6:])
        e.add("St " + e.name[6:])
    return e


def build_cities(fixes, countries):
    review = read_alternate_review()
    country_forms = {fold(f) for c in countries for f, _ in c.surface()}
    entries, unreviewed, clashes = [], [], []
    for row, extra in city_rows(fixes):
        e = city_entry(row, review, unreviewed)
        fixes.apply(row["id"], e)
        clashes += [f"{e.id}\t{e.name}\t{form}" for form, _ in e.surface()
                    if fold(form) in country_forms]
        e.note("kind", "city")
        for key in ("country", "population", "lat", "lon"):
            e.note(key, extra["cc" if key == "country" else key])
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
