#!/usr/bin/env python3
"""Whole-process timing of newsx builds, the way users run them.

Runs `newsx extract DIR -o FILE -q` for each named binary, one thread and
two, with and without --templates, interleaved round by round with the
read-only probe (benches/probe.rs) on the same folder, and prints medians
and ratios: MB/s and docs/s on one thread, the speed as a fraction of the
probe's, two threads over one, the cost of --templates, peak memory
(/usr/bin/time -v) above start-up memory. With --big DIR (the 1 M-file
stand-in), each binary also runs there on two threads: MB/s, peak memory,
and how long the first record takes to reach standard output. With
--spacy PYTHON (an interpreter that has spaCy), the hand-assembled spaCy
pipeline of benches/spacy_baseline.py runs on the folder in each round,
and each binary's one-thread speed is given as a multiple of its.

    python3 benches/timing.py --corpus /tmp/standin \\
        --bin main=/tmp/newsx-main --bin new=target/release/newsx \\
        [--rounds 5] [--big /tmp/standin-1m] [--big-rounds 1] \\
        [--spacy /path/to/venv/bin/python]

The first binary is the baseline of the ratio columns. Page cache warm:
one untimed pass over the folder comes first. Every other round runs the
binaries in reverse order, and each run's output is removed and the file
system synced before the next run starts, so that no run pays for writing
back another's records. Outputs go to
$TMPDIR/newsx-timing-NAME.jsonl, never into the repository, and are
removed after each run.
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def probe_binary():
    """Builds the probe (release profile) and returns its path."""
    out = subprocess.run(
        ["cargo", "bench", "--no-run", "--bench", "probe",
         "--message-format=json"],
        cwd=ROOT, check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        msg = json.loads(line)
        if msg.get("reason") == "compiler-artifact" and \
                msg["target"]["name"] == "probe" and msg.get("executable"):
            return msg["executable"]
    sys.exit("timing: cannot find the probe binary")


def corpus_size(folder):
    """Files and bytes of the `.txt` files below `folder`."""
    files = size = 0
    for dirpath, dirnames, names in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in names:
            if name.endswith(".txt") and not name.startswith("."):
                files += 1
                size += os.path.getsize(os.path.join(dirpath, name))
    return files, size


def timed(cmd):
    """Runs `cmd` under /usr/bin/time -v: (wall seconds, peak RSS MiB,
    CPU seconds: user + system)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        started = time.perf_counter()
        done = subprocess.run(
            ["/usr/bin/time", "-v", "-o", report.name] + cmd,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - started
        text = report.read()
    if "-o" in cmd:  # the records are not kept (1 M files: 2.8 GB)
        out = cmd[cmd.index("-o") + 1]
        if os.path.exists(out):
            os.remove(out)
    # The next run must not pay for writing back this one's output.
    os.sync()
    if done.returncode != 0:
        sys.exit(f"timing: {' '.join(cmd)} failed: {done.stderr[-500:]}")
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    cpu = sum(float(m) for m in re.findall(
        r"(?:User|System) time \(seconds\): ([\d.]+)", text))
    return wall, int(rss.group(1)) / 1024 if rss else float("nan"), cpu


def first_record(cmd):
    """Seconds until the first line of `cmd` reaches its standard output;
    the run is then stopped (SIGTERM)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    proc.stdout.readline()
    latency = time.perf_counter() - started
    proc.terminate()
    proc.communicate()
    return latency


# Each binary's runs in a round: one thread, two threads, --templates, and
# --templates where no line counts as recurring (the threshold out of
# reach): the option's own cost, as on news that repeats little. The
# stand-in repeats its prose across files, so there plain --templates
# removes work and reads faster than a run without it.
CASES = (("j1", 1, ()), ("j2", 2, ()), ("tpl", 1, ("--templates",)),
         ("tpl0", 1, ("--templates", "--template-min-docs", "1000000000")))


def extract(binary, folder, name, threads, *extra):
    out = os.path.join(tempfile.gettempdir(), f"newsx-timing-{name}.jsonl")
    return [binary, "extract", folder, "-o", out, "-q",
            "-j", str(threads), *extra]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--bin", action="append", required=True,
                    metavar="NAME=PATH")
    ap.add_argument("--probe", help="the probe binary (default: build it)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--big", help="the 1 M-file variant")
    ap.add_argument("--big-rounds", type=int, default=1)
    ap.add_argument("--spacy", metavar="PYTHON",
                    help="a Python with spaCy: time the spaCy baseline too")
    args = ap.parse_args()
    bins = [tuple(b.split("=", 1)) for b in args.bin]
    probe = args.probe or probe_binary()
    files, size = corpus_size(args.corpus)
    mb = size / 1e6
    print(f"corpus {args.corpus}: {files} files, {mb:.1f} MB; "
          f"{args.rounds} interleaved rounds", file=sys.stderr)

    # Start-up memory: one small file.
    with tempfile.TemporaryDirectory(prefix="newsx-timing-") as tiny:
        with open(os.path.join(tiny, "a.txt"), "w") as f:
            f.write("Title\n\nThe minister said 3 people came.\n")
        startup = {n: timed(extract(b, tiny, n, 1)) for n, b in bins}

    runs = {}  # (name, case) -> [(wall, rss)]
    subprocess.run([probe, args.corpus], capture_output=True)  # warm
    for r in range(args.rounds):
        runs.setdefault(("probe", "read"), []).append(
            timed([probe, args.corpus]))
        # Every other round in reverse order, so that no binary always
        # runs first or after the same one.
        order = bins if r % 2 == 0 else bins[::-1]
        for name, binary in order:
            for case, threads, extra in CASES:
                runs.setdefault((name, case), []).append(
                    timed(extract(binary, args.corpus, name, threads,
                                  *extra)))
        if args.spacy:
            out = os.path.join(tempfile.gettempdir(),
                               "newsx-timing-spacy.jsonl")
            runs.setdefault(("spacy", "j1"), []).append(timed(
                [args.spacy, os.path.join(ROOT, "benches",
                                          "spacy_baseline.py"),
                 args.corpus, "-o", out]))
        print(f"round {r + 1}/{args.rounds} done", file=sys.stderr)

    big = {}
    if args.big:
        bfiles, bsize = corpus_size(args.big)
        subprocess.run([probe, args.big], capture_output=True)  # warm
        for _ in range(args.big_rounds):
            for name, binary in bins:
                wall, rss, _ = timed(extract(binary, args.big, name, 2))
                cmd = [binary, "extract", args.big, "-q", "-j", "2"]
                first = first_record(cmd)
                big.setdefault(name, []).append((wall, rss, first))

    med = lambda xs: statistics.median(xs)
    wall = lambda key: med([r[0] for r in runs[key]])
    peak = lambda key: max(r[1] for r in runs[key])
    cpu = lambda key: med([r[2] for r in runs[key]])
    probe_wall = wall(("probe", "read"))
    print(f"\nprobe: {mb / probe_wall:.1f} MB/s "
          f"({files / probe_wall:,.0f} files/s)")
    if args.spacy:
        spacy_wall = wall(("spacy", "j1"))
        print(f"spaCy baseline: {mb / spacy_wall:.2f} MB/s "
              f"({files / spacy_wall:,.0f} docs/s)")
    print()
    names = [n for n, _ in bins]
    print("| measure | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))

    def row(label, cell):
        print(f"| {label} | " + " | ".join(cell(n) for n in names) + " |")

    base = names[0]
    row("one thread", lambda n: f"{mb / wall((n, 'j1')):.1f} MB/s "
        f"({files / wall((n, 'j1')):,.0f} docs/s; "
        f"{wall((base, 'j1')) / wall((n, 'j1')):.2f}×)")
    row("against the probe (same run)",
        lambda n: f"{probe_wall / wall((n, 'j1')):.3f}")
    row("two threads", lambda n: f"{mb / wall((n, 'j2')):.1f} MB/s")
    row("two threads over one",
        lambda n: f"{wall((n, 'j1')) / wall((n, 'j2')):.2f}×")
    if args.spacy:
        row("against spaCy (whole process, one thread)",
            lambda n: f"{wall(('spacy', 'j1')) / wall((n, 'j1')):.1f}×")
    row("`--templates`, one thread",
        lambda n: f"{100 * (wall((n, 'tpl')) / wall((n, 'j1')) - 1):+.1f}%")
    row("`--templates`, no line recurring, one thread",
        lambda n: f"{100 * (wall((n, 'tpl0')) / wall((n, 'j1')) - 1):+.1f}%")
    row("CPU time (user + system), one thread; start-up",
        lambda n: f"{cpu((n, 'j1')):.2f} s; {startup[n][2]:.2f} s")
    row("CPU time, two threads; `--templates`",
        lambda n: f"{cpu((n, 'j2')):.2f} s; {cpu((n, 'tpl')):.2f} s")
    row("peak RSS, two threads (start-up)",
        lambda n: f"{peak((n, 'j2')):.0f} MiB ({startup[n][1]:.0f} MiB)")
    if big:
        bmb = bsize / 1e6
        row(f"{bfiles:,} files ({bmb:.0f} MB), two threads",
            lambda n: f"{bmb / med([b[0] for b in big[n]]):.1f} MB/s")
        row("… peak RSS over start-up",
            lambda n: f"+{max(b[1] for b in big[n]) - startup[n][1]:.0f} MiB")
        row("… first record on stdout",
            lambda n: f"{med([b[2] for b in big[n]]):.2f} s")
    print(f"\nload average {os.getloadavg()[0]:.1f}; "
          f"medians of {args.rounds} interleaved rounds; walls (s): " +
          ", ".join(f"{n}/{c} {wall((n, c)):.3f}"
                    for (n, c) in runs if n not in ("probe", "spacy")))


if __name__ == "__main__":
    main()
