"""People from the congress-legislators table."""

import os
import re

from .common import SOURCES, Entry, parse_kv, read_tsv, split_aliases


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
        fixes.apply(sid, e)
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
