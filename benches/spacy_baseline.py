#!/usr/bin/env python3
"""The hand-assembled spaCy pipeline that newsx is measured against.

What a user without newsx would write to get sentences and listed names
out of a folder of scraped articles: a blank English pipeline (spaCy's
rule-based tokenizer), the rule-based sentencizer, and an EntityRuler
holding 5,000 names of this repository's gazetteers (every `name` and
alias, people first, then organisations, then places, in file order). It
walks the folder in the same order as newsx (full-path byte order), reads
every `.txt` file, runs the pipeline on its text and writes one JSON line
per article (path, sentences as character offsets, entities with their
label and offsets) to -o.

    python3 benches/spacy_baseline.py DIR -o OUT.jsonl [--names 5000]

Needs spaCy (`pip install spacy`; no model is downloaded: the pipeline is
blank). `benches/timing.py --spacy PYTHON` runs it beside newsx in each
round. On standard error it prints the seconds spent before the first
document (importing spaCy, building the ruler), so that the whole-process
time and the time spent on documents can both be read.
"""

import argparse
import json
import os
import sys
import time

STARTED = time.perf_counter()

import spacy  # noqa: E402  (timed from the start of the process)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# People first: the baseline rules are about names of people,
# organisations and places, in that order.
FILES = ["people.tsv", "organizations.tsv", "government.tsv", "media.tsv",
         "companies.tsv", "countries.tsv", "cities.tsv", "locations.tsv"]
LABELS = {"person": "PERSON", "organization": "ORG", "location": "GPE"}


def names(limit):
    """(label, name) pairs from the gazetteers, in file order, deduplicated,
    at most `limit` of them."""
    seen, out = set(), []
    for file in FILES:
        path = os.path.join(ROOT, "gazetteers", file)
        with open(path, encoding="utf-8") as f:
            header = None
            for line in f:
                if line.startswith("#"):
                    continue
                cols = line.rstrip("\n").split("\t")
                if header is None:
                    header = cols
                    continue
                row = dict(zip(header, cols))
                label = LABELS.get(row.get("type", ""), "MISC")
                aliases = [a.split("{")[0] for a in
                           row.get("aliases", "").split("|") if a]
                for name in [row["name"]] + aliases:
                    if name and name not in seen:
                        seen.add(name)
                        out.append((label, name))
                        if len(out) == limit:
                            return out
    return out


def walk(folder):
    """The `.txt` files below `folder` in full-path byte order, the order
    newsx writes its records in (a directory sorts as its name plus "/")."""
    def key(entry):
        name = os.fsencode(entry.name)
        return name + b"/" if entry.is_dir() else name

    entries = sorted(os.scandir(folder), key=key)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from walk(entry.path)
        elif entry.name.endswith(".txt"):
            yield entry.path


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--names", type=int, default=5000)
    args = ap.parse_args()

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": label, "pattern": name}
                        for label, name in names(args.names)])
    ready = time.perf_counter()
    print(f"spacy_baseline: start-up {ready - STARTED:.3f} s",
          file=sys.stderr)

    with open(args.output, "w", encoding="utf-8") as out:
        for path in walk(args.folder):
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            doc = nlp(text)
            record = {
                "path": path,
                "sentences": [[s.start_char, s.end_char] for s in doc.sents],
                "entities": [[e.start_char, e.end_char, e.label_]
                             for e in doc.ents],
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"spacy_baseline: documents {time.perf_counter() - ready:.3f} s",
          file=sys.stderr)


if __name__ == "__main__":
    main()
