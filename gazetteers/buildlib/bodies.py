"""Organisations: intergovernmental bodies, companies and ministries."""

import os
import re

from .common import (
    CURATED, SOURCES, Entry, fold, is_acronym, parse_kv, read_tsv, slug,
    source_flags, split_aliases)


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


def org_qid(group, qid_count, taken_qids):
    """The group's QID, unless it looks like a bad join.

    A QID also carried by unrelated rows, already a country's, or given
    with an unrelated label (the row's aliases failed org_alias_ok) is
    dropped: a wrong QID is worse than none.
    """
    qids = set()
    for row in group:
        qid = row["qid"]
        own = sum(r["qid"] == qid for r in group)
        if qid and not org_row_aliases(row)[1] and \
                qid_count[qid] == own and qid not in taken_qids:
            qids.add(qid)
    return qids.pop() if len(qids) == 1 else ""


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
    for new_id, _, group in merge_org_rows(rows):
        if fixes.dropped(new_id):
            continue
        extra = parse_kv(group[0]["extra"])
        if not keep_igo(group[0], extra):
            continue
        kept = []
        for row in group:
            kept += [a for a in org_row_aliases(row)[0] if a not in kept]
        qid = org_qid(group, qid_count, taken_qids)
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


# ---------------------------------------------------------------- ministries


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


NAMES_WITH_THE = {"United Kingdom", "UK", "Netherlands", "UAE",
                  "United Arab Emirates", "United States", "Philippines",
                  "DPRK"}


FORMAL_NAME_RE = re.compile(r"Federation|Republic|Kingdom|Emirates")


def needs_the(place):
    """'of the Netherlands', 'of the Russian Federation', but 'of Russia'."""
    return place in NAMES_WITH_THE or FORMAL_NAME_RE.search(place) is not None


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
    for row in read_tsv(os.path.join(CURATED, "ministries.tsv"), 6):
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
                if not FORMAL_NAME_RE.search(p) and not p.endswith("s"):
                    e.add(f"{p}'s {v}")
                    e.add(f"{p}\u2019s {v}")
            for a in adjectives:
                e.add(f"{a} {v}")
        for form, flags in split_aliases(row["aliases"]):
            e.add(form, flags)
        e.drop(name)
        e.note("kind", "ministry")
        e.note("portfolio", port)
        e.note("country", iso)
        e.note("country_id", country.id)
        entries.append(e)
    return entries
