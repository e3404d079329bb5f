"""Shared pieces of the gazetteer build: the row model, TSV reading, fixes."""

import os
import re
import unicodedata


HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
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
        # renames first, so alias fixes see the final canonical name
        rows = self.by_target.get(target, [])
        rows = sorted(rows, key=lambda r: r["action"] != "rename")
        for row in rows:
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


def drop_lowercase_article(e):
    """'the Kremlin' is the name 'Kremlin' after an article; only a capital
    article belongs to a name ('The Hague', 'The Times')."""
    forms, e.forms = e.forms, []
    for form, flags in forms:
        e.add(form[4:] if form.startswith("the ") else form, flags)
