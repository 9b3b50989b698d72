"""Benchmark: a 10,000-article corpus through the incremental store, against issue #9's targets.

Generates N articles (default 10,000) from the evaluation set with ``generate.make_corpus`` (dates,
places and numbers varied), then prints:

* the cold ``newsframe extract CORPUS --out OUT`` (whole command, all cores) and its throughput per core,
  beside spaCy's blank tokenizer + sentencizer over the same texts (target: ≥ 0.5× spaCy's throughput,
  cold ≤ 60 s on 2 cores);
* a re-run with nothing changed, and one with 1 % of the articles edited (target: ≤ 5 % of cold);
* the peak resident memory of the extract process tree (target: < 2 GiB);
* ``newsframe report`` over the 10k corpus against the seed's brief (target: ≤ 2×). The big brief reads
  the store just written (``--data OUT``, as ``./run.sh report`` does with reports/data); the report's
  extraction cache (``analysis.report.cache``) is filled from the same flat tables too, in case the code
  changed in between, and the seed's brief reads that cache warm: the brief is timed, not an extraction.
  A brief that fails or times out is printed as such.

    .venv/bin/python benchmarks/corpus.py --n 2000        # a quick look
    .venv/bin/python benchmarks/corpus.py                 # the 10,000 articles of the issue
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from extract import BASELINE, timed   # benchmarks/extract.py: spaCy floor, timing with process-tree memory

BASELINE = BASELINE.replace('glob("*.txt")', 'glob("*.[tm][xd]*")')   # the same texts: .txt and .md
from generate import ROOT

BIN = Path(sys.executable).parent
BRIEF_TIMEOUT = 1800


SETS = ["gold", "incidents", "holdout", "blind", "fresh", "unseen"]   # the evaluation sets with a catalog
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
ABBREVIATED = {m[:3]: i for i, m in enumerate(MONTHS)} | {"Sept": 8}
_M = "|".join(MONTHS) + "|" + "|".join(rf"{a}\.?" for a in ABBREVIATED)
TOKENS = re.compile(rf"\b(?P<md>(?P<m1>{_M}) (?P<d1>\d{{1,2}})(?:, (?P<y1>\d{{4}}))?)\b"
                    rf"|\b(?P<dm>(?P<d2>\d{{1,2}}) (?P<m2>{_M})(?: (?P<y2>\d{{4}}))?)\b"
                    r"|\b\d{1,2}:\d{2}\b|\b(?:19|20)\d\d\b|(?P<n>\b\d{1,3}\b)(?![:.,]\d)")
CITIES = ["Kyiv", "Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia", "Lviv", "Kherson", "Mykolaiv", "Sumy", "Poltava",
          "Chernihiv", "Kramatorsk", "Sloviansk", "Vinnytsia", "Kryvyi Rih", "Nikopol", "Pokrovsk", "Izium"]


def _shift(m: re.Match, offset: int, year: int) -> str:
    """A date of the text moved by ``offset`` days, written as it was (with or without the year)."""
    month, day, y = (m["m1"], m["d1"], m["y1"]) if m["md"] else (m["m2"], m["d2"], m["y2"])
    try:
        index = MONTHS.index(month) if month in MONTHS else ABBREVIATED[month.rstrip(".")]
        moved = dt.date(int(y or year), index + 1, int(day)) + dt.timedelta(days=offset)
    except ValueError:
        return m.group(0)
    name = MONTHS[moved.month - 1] if month in MONTHS else MONTHS[moved.month - 1][:3] + month[len(month.rstrip(".")):]
    if m["md"]:
        return f"{name} {moved.day}" + (f", {moved.year}" if y else "")
    return f"{moved.day} {name}" + (f" {moved.year}" if y else "")


def vary(text: str, offset: int, year: int, rng: random.Random) -> str:
    """The text's dates moved with its publication date, its small numbers nudged, its cities swapped."""
    def one(m: re.Match) -> str:
        if m["md"] or m["dm"]:
            return _shift(m, offset, year)
        if m["n"] and int(m["n"]) > 1:
            return str(int(m["n"]) + rng.choice((-1, 0, 1, 2, 3)))
        return m.group(0)

    swap = dict(zip(CITIES, rng.sample(CITIES, len(CITIES))))
    text = re.sub(r"\b(" + "|".join(CITIES) + r")\b", lambda c: swap[c.group(1)], text)
    return TOKENS.sub(one, text)


def make_varied(folder: Path, n: int, seed: int = 7) -> int:
    """``n`` articles cycling through every evaluation set (not only tests/gold, whose four articles
    would make every copy one happening), with the publication date moved up to ±400 days and the text's
    dates moved with it, numbers nudged and cities swapped: an archive of distinct happenings."""
    rng, sources = random.Random(seed), []
    for name in SETS:
        with open(ROOT / "tests" / name / "catalog.csv", newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                sources.append((row, (ROOT / "tests" / name / row["file"]).read_text("utf-8")))
    with open(folder / "catalog.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.DictWriter(f, fieldnames=["file", "published", "title", "outlet", "url", "timezone"])
        out.writeheader()
        for i in range(n):
            row, text = sources[i % len(sources)]
            offset = rng.randint(-400, 400)
            published = dt.date.fromisoformat(row["published"])
            name = f"bench_{i:05d}{Path(row['file']).suffix}"
            (folder / name).write_text(vary(text, offset, published.year, rng), encoding="utf-8")
            out.writerow({"file": name, "published": (published + dt.timedelta(days=offset)).isoformat(),
                          "title": "", "outlet": row.get("outlet") or "bench", "url": "",
                          "timezone": row.get("timezone") or "Europe/Kyiv"})
    return len(sources)


def edit_some(corpus: Path, share: float, seed: int = 11) -> int:
    """Edit ``share`` of the articles as a desk would: a figure updated in the text."""
    files = sorted(p for p in corpus.iterdir() if p.suffix in (".txt", ".md"))
    chosen = random.Random(seed).sample(files, max(1, round(len(files) * share)))
    for path in chosen:
        text = path.read_text("utf-8")
        new = re.sub(r"\b(\d+)\b", lambda m: str(int(m.group(1)) + 1), text, count=1)
        path.write_text(new if new != text else text + "\nOfficials gave no further details.\n", "utf-8")
    return len(chosen)


def extract_cmd(corpus: Path, out: Path, workers: int) -> list[str]:
    cmd = [str(BIN / "newsframe"), "extract", str(corpus), "--out", str(out), "--quiet"]
    return cmd + (["--workers", str(workers)] if workers else [])


def prefill_report_cache(corpus: Path, tables: Path, cache: Path) -> None:
    """Put the store's flat tables where ``newsframe report`` looks for this corpus's extraction."""
    sys.path.insert(0, str(ROOT))
    from analysis.publish import MARKER
    from analysis.report.cache import cache_key
    from analysis.schemas import TABLES

    target = cache / cache_key(corpus)
    target.mkdir(parents=True, exist_ok=True)
    (target / MARKER).write_text("benchmark\n")
    for t in TABLES:
        shutil.copy(tables / f"{t}.parquet", target / f"{t}.parquet")


def brief(seeds: Path, out: Path, env: dict, data: Path | str = "off") -> str:
    """Wall time of ``newsframe report SEEDS --data DATA`` (HTML + PDF), or what went wrong."""
    start = time.perf_counter()
    try:
        proc = subprocess.run([str(BIN / "newsframe"), "report", str(seeds), "--out", str(out), "--force", "-q",
                               "--data", str(data)],
                              env=env, cwd=ROOT, capture_output=True, timeout=BRIEF_TIMEOUT)
    except subprocess.TimeoutExpired:
        return f"did not finish in {BRIEF_TIMEOUT} s"
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        return f"failed after {elapsed:.1f} s (exit {proc.returncode}): {proc.stderr.decode()[-400:].strip()}"
    return f"{elapsed:.1f}"


def report_figures(corpus: Path, out: Path, work: Path) -> None:
    """The seed's brief and the 10k brief, with the extraction cache filled for both."""
    env = {**os.environ, "NEWSFRAME_CACHE": str(work / "cache")}
    brief(ROOT / "seeds", work / "brief-seed", env)                   # fills the seed's cache, warms fonts
    seed = brief(ROOT / "seeds", work / "brief-seed", env)
    prefill_report_cache(corpus, out, work / "cache")   # in case the code changed since the extraction
    big = brief(corpus, work / "brief-big", env, data=out)   # the store just written, as ./run.sh report does
    print(f"brief (newsframe report, HTML + PDF): seed {seed} s; {corpus.name} {big} s", end="")
    try:
        print(f"; ratio {float(big) / float(seed):.2f} (target <= 2)")
    except ValueError:
        print()
    for pdf in sorted((work / "brief-big").rglob("brief.pdf")):
        print(f"  the big brief: {pdf} ({pdf.stat().st_size / 1e6:.1f} MB)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000, help="articles to generate (default 10000)")
    parser.add_argument("--workers", type=int, default=0, help="newsframe extract --workers (default: all cores)")
    parser.add_argument("--changed", type=float, default=0.01, help="share of articles edited for the re-run")
    parser.add_argument("--keep", type=Path, help="keep the corpus, store and briefs in this folder")
    parser.add_argument("--no-brief", action="store_true", help="skip the brief comparison")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsframe-corpus-", dir=args.keep.parent if args.keep else None))
    try:
        run(args, work)
    finally:
        if args.keep:
            shutil.rmtree(args.keep, ignore_errors=True)
            work.rename(args.keep)
            print(f"kept in {args.keep}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def run(args, work: Path) -> None:
    corpus, out = work / f"corpus{args.n}", work / "out"
    corpus.mkdir()
    n_sources = make_varied(corpus, args.n)
    size = sum(p.stat().st_size for p in corpus.iterdir() if p.suffix in (".txt", ".md"))
    cores = args.workers or len(os.sched_getaffinity(0))
    print(f"corpus: {args.n} articles, {size / 1e6:.1f} MB, made from the {n_sources} articles of tests/{{{','.join(SETS)}}} "
          f"(dates moved, numbers nudged, cities swapped); {cores} cores")
    cold, mem_cold = timed(extract_cmd(corpus, out, args.workers))
    t_sp, _ = timed([sys.executable, "-c", BASELINE, str(corpus)])
    same, mem_same = timed(extract_cmd(corpus, out, args.workers))
    edited = edit_some(corpus, args.changed)
    rerun, mem_rerun = timed(extract_cmd(corpus, out, args.workers))
    rate, rate_sp = args.n / cold, args.n / t_sp
    print(f"{'':44}{'seconds':>9}{'articles/s':>12}{'per core':>10}")
    print(f"{'newsframe extract, cold (whole command)':44}{cold:9.1f}{rate:12.1f}{rate / cores:10.1f}")
    print(f"{'spaCy blank en + sentencizer (1 process)':44}{t_sp:9.1f}{rate_sp:12.1f}{rate_sp:10.1f}")
    print(f"ratio newsframe / spaCy: {rate / rate_sp:.2f} overall, {rate / cores / rate_sp:.2f} per core (target >= 0.5); "
          f"cold {cold:.1f} s (target <= 60 s on 2 cores)")
    print(f"re-run, nothing changed: {same:.2f} s ({same / cold:.1%} of cold)")
    last = json.loads((out / "store" / "manifest.json").read_text())["last_run"]
    print(f"re-run, {edited} articles ({args.changed:.0%}) edited: {rerun:.1f} s ({rerun / cold:.1%} of cold; target <= 5%); "
          f"{last['reextracted']} re-extracted, incidents of {last['resolved_events']} of {last['events']} events re-resolved")
    peak = max(mem_cold, mem_same, mem_rerun)
    print(f"peak memory (extract process tree): {peak / 2**30:.2f} GiB (target < 2 GiB)")
    if not args.no_brief:
        report_figures(corpus, out, work)


if __name__ == "__main__":
    sys.exit(main())
